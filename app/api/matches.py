"""API: recommended licences with reasons, feedback, and push subscriptions (enterprise tokens)."""

from __future__ import annotations

from typing import Literal

from flask import jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, bp, token_required
from app.api.schema import Boolean, In, Instant, Out, Text, operation, query
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


class MatchReasons(Out):
    """为什么推荐: shared key terms; IPC, industry and SEI links; per-channel scores (0..1)."""

    shared_terms: list[str]
    ipc_links: list[IpcLink]
    industry_links: list[IndustryLink]
    sei_links: list[SeiLink]
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


@bp.get("/matches")
@token_required(Role.ENTERPRISE)
def list_matches() -> Response:
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


@bp.post("/matches/<int:decl_id>/feedback")
@token_required(Role.ENTERPRISE)
def post_feedback(decl_id: int) -> tuple[Response, int]:
    row = record_feedback(api_user(), decl_id, Feedback.parse().useful)
    db.session.commit()
    return jsonify(
        FeedbackStored(declaration_id=decl_id, useful=row.useful, updated_at=row.updated_at).dump()
    ), 200


@bp.get("/subscriptions")
@token_required(Role.ENTERPRISE)
def list_subscriptions() -> Response:
    items = [Subscription.of_row(s) for s in my_subscriptions(api_user())]
    return jsonify(Subscriptions(items=items).dump())


@bp.post("/subscriptions")
@token_required(Role.ENTERPRISE)
def post_subscription() -> tuple[Response, int]:
    data = NewSubscription.parse()
    sub = create_subscription(api_user(), SubscriptionInput(**data.model_dump()))
    db.session.commit()
    return jsonify(Subscription.of_row(sub).dump()), 201


@bp.delete("/subscriptions/<int:sub_id>")
@token_required(Role.ENTERPRISE)
def remove_subscription(sub_id: int) -> tuple[str, int]:
    delete_subscription(api_user(), sub_id)
    db.session.commit()
    return "", 204


ERRORS = ("401", "403")
operation(
    "/matches",
    "get",
    "Published licences recommended for the enterprise, with reasons",
    {"200": ("Best first", Matches)},
    params=[query("k", {"type": "integer", "minimum": 1, "maximum": MAX_K})],
    errors=(*ERRORS, "422"),
)
operation(
    "/matches/{declaration_id}/feedback",
    "post",
    "Mark a matched licence useful or not useful (not useful stops similar pushes)",
    {"200": ("Stored", FeedbackStored)},
    body=Feedback,
    errors=(*ERRORS, "404", "422"),
)
operation("/subscriptions", "get", "The enterprise's push subscriptions", {"200": ("List", Subscriptions)},
          errors=ERRORS)  # fmt: skip
operation(
    "/subscriptions",
    "post",
    "Subscribe by industry, IPC class, keywords or free text, with a frequency",
    {"201": ("Created", Subscription)},
    body=NewSubscription,
    errors=(*ERRORS, "422"),
)
operation(
    "/subscriptions/{id}",
    "delete",
    "Cancel a subscription",
    {"204": "Deleted"},
    errors=(*ERRORS, "404"),
)
