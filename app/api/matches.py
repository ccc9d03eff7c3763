"""API: recommended licences with reasons, feedback, and push subscriptions (enterprise tokens)."""

from __future__ import annotations

from typing import Literal

from flask import jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, token_required
from app.api.schema import Boolean, In, Instant, Out, Text, api_route, committed, query
from app.auth.models import Role
from app.errors import ValidationFailed
from app.extensions import db
from app.matches import models as mm
from app.matches.feedback import record_feedback
from app.matches.inbox import MAX_K, recommendations
from app.matches.subscriptions import (
    SubscriptionInput,
    create_subscription,
    delete_subscription,
    my_subscriptions,
)


class IpcLink(Out):
    subclass: str
    title_zh: str
    declared: bool


class IndustryLink(Out):
    industry: str
    industry_name: str
    subclass: str


class SeiLink(Out):
    """A strategic emerging industry shared with the patent: picked by the enterprise, or derived from its
    GB/T 4754 industry via the reconstructed NBS 2018 table."""

    code: str
    name: str
    via: Literal["picked", "industry_2018"]
    industry: str
    industry_name: str
    text_zh: str


class AcceptedBy(Out):
    """A subscription of the enterprise that accepted the declaration."""

    kind: Literal["industry", "ipc", "keywords", "text", "sei"]
    label: str
    value: str


class MatchReasons(Out):
    """为什么推荐: shared key terms; IPC, industry and SEI links; per-channel scores (0..1)."""

    shared_terms: list[str]
    ipc_links: list[IpcLink]
    industry_links: list[IndustryLink]
    sei_links: list[SeiLink]
    subscriptions: list[AcceptedBy] = Field(
        default_factory=list, description="The subscriptions that let a push through, whatever its score"
    )
    channel_scores: dict[str, float]
    summary_zh: str


class Match(Out):
    declaration_id: int
    title: str
    patent_number: str
    score: float
    reasons: MatchReasons


class Matches(Out):
    items: list[Match] = Field(description="Best first")


class Feedback(In):
    problem = _l("useful 必须是 true 或 false。")
    messages = {"useful": _l("布尔值")}
    useful: Boolean


class FeedbackStored(Out):
    declaration_id: int
    useful: bool
    updated_at: Instant


class Subscription(Out):
    id: int
    kind: mm.SubscriptionKind
    value: str
    frequency: mm.Frequency
    created_at: Instant


class Subscriptions(Out):
    items: list[Subscription]


class NewSubscription(In):
    problem = _l("订阅字段类型错误。")
    kind: Text = Field("", json_schema_extra={"enum": [k.value for k in mm.SubscriptionKind]})
    value: Text = Field("", json_schema_extra={"maxLength": 500})
    frequency: Text = Field("immediately", json_schema_extra={"enum": [f.value for f in mm.Frequency]})


def _k() -> int:
    raw = request.args.get("k", "10")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_K:
        raise ValidationFailed(_("k 必须是 1 到 %(max)d 之间的整数。", max=MAX_K), {"k": f"1–{MAX_K}"})
    return int(raw)


# Every operation here is the enterprise's own: no token, or another role, is all they refuse for everyone.
REFUSED = ("401", "403")


@api_route(
    "get",
    "/matches",
    {"200": ("Best first", Matches)},
    params=[query("k", {"type": "integer", "minimum": 1, "maximum": MAX_K})],
    errors=(*REFUSED, "422"),
)
@token_required(Role.ENTERPRISE)
def list_matches() -> Response:
    """Published licences recommended for the enterprise, with reasons"""
    items = [
        Match(
            declaration_id=r.declaration.id,
            title=r.declaration.patent.title,
            patent_number=r.declaration.patent.number,
            score=round(r.score, 4),
            reasons=MatchReasons.model_validate(r.reasons),
        )
        for r in recommendations(api_user(), _k())
    ]
    return jsonify(Matches(items=items).dump())


@api_route(
    "post",
    "/matches/<int:decl_id>/feedback",
    {"200": ("Stored", FeedbackStored)},
    path="/matches/{declaration_id}/feedback",
    body=Feedback,
    errors=(*REFUSED, "404", "422"),
)
@token_required(Role.ENTERPRISE)
def post_feedback(decl_id: int) -> tuple[Response, int]:
    """Mark a matched licence useful or not useful (not useful stops similar pushes)"""
    row = record_feedback(api_user(), decl_id, Feedback.parse().useful)
    return committed(FeedbackStored(declaration_id=decl_id, useful=row.useful, updated_at=row.updated_at))


@api_route("get", "/subscriptions", {"200": ("List", Subscriptions)}, errors=REFUSED)
@token_required(Role.ENTERPRISE)
def list_subscriptions() -> Response:
    """The enterprise's push subscriptions"""
    items = [Subscription.of_row(s) for s in my_subscriptions(api_user())]
    return jsonify(Subscriptions(items=items).dump())


@api_route(
    "post",
    "/subscriptions",
    {"201": ("Created", Subscription)},
    body=NewSubscription,
    errors=(*REFUSED, "422"),
)
@token_required(Role.ENTERPRISE)
def post_subscription() -> tuple[Response, int]:
    """Subscribe by industry, IPC class, keywords or free text, with a frequency"""
    data = NewSubscription.parse()
    sub = create_subscription(api_user(), SubscriptionInput(**data.model_dump()))
    return committed(Subscription.of_row(sub), 201)


@api_route("delete", "/subscriptions/<int:sub_id>", {"204": "Deleted"}, errors=(*REFUSED, "404"))
@token_required(Role.ENTERPRISE)
def remove_subscription(sub_id: int) -> tuple[str, int]:
    """Cancel a subscription"""
    delete_subscription(api_user(), sub_id)
    db.session.commit()
    return "", 204
