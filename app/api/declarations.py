"""Declarations over the API: public search, drafts, publish and withdraw (same services as the UI)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from flask import jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import Field, PlainValidator, WithJsonSchema
from werkzeug.wrappers import Response

from app.api.core import (
    OPTIONAL_BEARER,
    Unauthorised,
    api_user,
    api_viewer,
    cached_open_data,
    token_required,
)
from app.api.schema import (
    ERRORS,
    CursorPage,
    DateIn,
    DecimalIn,
    In,
    Instant,
    Integer,
    Money,
    Out,
    Text,
    api_route,
    choice,
    committed,
    query,
)
from app.auth.models import Role, User
from app.declarations import models as dm
from app.declarations import services as svc
from app.declarations.caps import fee_warnings
from app.httpcache import NOT_MODIFIED
from app.integrations.royalties import upfront_amount

SEARCH_PARAMS = ("q", "ipc_section", "industry", "kind", "fee_method", "province", "status")


class PatentSummary(Out):
    number: str
    title: str
    kind: str
    ipc_codes: list[str]


class Patentee(Out):
    name: str
    province: str


class Event(Out):
    at: Instant
    actor_id: int | None
    action: str
    detail: dict[str, Any]


class Declaration(Out):
    id: int
    patent_id: int
    patent: PatentSummary
    patentee: Patentee
    fee_method: dm.FeeMethod | None
    lump_sum: Money | None
    entry_fee: Money | None
    royalty_rate_pct: Money | None = Field(description="% of net sales")
    unit_fee: Money | None
    currency: Literal["CNY"]
    period_start: date | None
    period_end: date | None
    contact: str | None = Field(description="null unless the caller may see it (announced, or the owner)")
    industry_code: str = Field(description="GB/T 4754-2017 code")
    remarks: str
    status: dm.DeclarationStatus
    exclusive: Literal[False]
    published_at: Instant | None
    withdrawn_at: Instant | None
    withdrawal_reason: str
    amount_due_at_taking: Money | None = Field(description="What taking a licence costs now (published only)")
    warnings: list[str] = Field(
        description="Fee above the 2024 caps (国知发运字〔2024〕19号, news copies, unverified)"
    )
    events: list[Event] | None = Field(None, description="The audit trail; only for its owner and admins")

    @classmethod
    def of(cls, decl: dm.Declaration, viewer: User | None = None) -> Declaration:
        org = decl.owner.organisation
        patent = decl.patent
        extra: dict[str, Any] = {}
        if viewer is not None and viewer.can_manage(decl.owner_id):
            extra["events"] = decl.events
        published = decl.status == dm.DeclarationStatus.PUBLISHED
        return cls.of_row(
            decl,
            patent={"number": patent.number, "title": patent.title, "kind": patent.kind.value,
                    "ipc_codes": list(patent.ipc_codes)},
            patentee={"name": org.name if org else decl.owner.display_name,
                      "province": org.province if org else ""},
            currency="CNY",
            contact=decl.contact if svc.contact_visible(viewer, decl) else None,
            exclusive=False,
            amount_due_at_taking=upfront_amount(decl) if published else None,
            warnings=fee_warnings(decl),
            **extra,
        )  # fmt: skip


class Declarations(CursorPage):
    items: list[Declaration]


class DeclarationInput(In):
    fee_method: choice(dm.FeeMethod) = None  # type: ignore[valid-type]
    lump_sum: DecimalIn = None
    entry_fee: DecimalIn = None
    royalty_rate_pct: DecimalIn = Field(None, description="% of net sales", examples=["3.50"])
    unit_fee: DecimalIn = None
    period_start: DateIn = None
    period_end: DateIn = None
    contact: Text = ""
    industry_code: Text = Field("", description="GB/T 4754-2017 code")
    remarks: Text = ""

    def values(self) -> svc.DeclarationInput:
        return svc.DeclarationInput(**{name: getattr(self, name) for name in DeclarationInput.model_fields})


class NewDeclaration(DeclarationInput):
    messages = {"patent_id": _l("必须是您名下专利的 id（整数）。")}
    patent_id: Integer


class Withdrawal(In):
    reason: Annotated[
        str, PlainValidator(lambda r: r if isinstance(r, str) else ""), WithJsonSchema({"type": "string"})
    ] = Field("", description="Required: a blank reason is refused (422)")


SEARCH = [query(n) for n in (*SEARCH_PARAMS, "mine")] + [
    query("cursor", description="next_cursor of the previous page; absent for the first page")
]


@api_route(
    "get",
    "/declarations",
    {"200": ("A page of declarations", Declarations), "304": NOT_MODIFIED},
    params=SEARCH,
    errors=("400", *ERRORS, "429"),
    security=OPTIONAL_BEARER,
)
@cached_open_data
def declarations_index() -> Response:
    """Search announced (status=withdrawn: withdrawn) declarations; open data, no token needed (mine=1: the
    caller's own, drafts included, token required)"""
    if request.args.get("mine") == "1":
        if api_viewer() is None:
            raise Unauthorised(_("mine=1 需要访问令牌（Authorization: Bearer <token>）。"))
        mine = [Declaration.of(d, api_user()) for d in svc.my_declarations(api_user())]
        return jsonify(Declarations(items=mine, next_cursor=None, total=len(mine), total_exact=True).dump())
    filters = {name: request.args.get(name, "") for name in SEARCH_PARAMS}
    page = svc.search_announcements(request.args.get("cursor", ""), **filters)
    items = [Declaration.of(d) for d in page.items]
    body = Declarations(
        items=items, next_cursor=page.next_cursor, total=page.total, total_exact=page.total_exact
    )
    return jsonify(body.dump())


@api_route("post", "/declarations", {"201": ("Created", Declaration)}, body=NewDeclaration)
@token_required(Role.PATENTEE)
def declarations_create() -> tuple[Response, int]:
    """Create a draft declaration for one of the patentee's patents"""
    data = NewDeclaration.parse()
    decl = svc.create_draft(api_user(), data.patent_id, data.values())
    return committed(Declaration.of(decl, api_user()), 201)


@api_route(
    "get",
    "/declarations/<int:decl_id>",
    {"200": ("OK", Declaration), "304": NOT_MODIFIED},
    errors=(*ERRORS, "429"),
    security=OPTIONAL_BEARER,
)
@cached_open_data
def declarations_get(decl_id: int) -> Response:
    """A declaration; announced and withdrawn ones are open data (drafts and the contact of a declaration no
    longer announced: owner only)"""
    return jsonify(Declaration.of(svc.visible_declaration(api_viewer(), decl_id), api_viewer()).dump())


@api_route("put", "/declarations/<int:decl_id>", {"200": ("OK", Declaration)}, body=DeclarationInput)
@token_required(Role.PATENTEE)
def declarations_update(decl_id: int) -> tuple[Response, int]:
    """Update a draft"""
    decl = svc.update_draft(api_user(), decl_id, DeclarationInput.parse().values())
    return committed(Declaration.of(decl, api_user()))


@api_route("post", "/declarations/<int:decl_id>/publish", {"200": ("Published", Declaration)})
@token_required(Role.PATENTEE)
def declarations_publish(decl_id: int) -> tuple[Response, int]:
    """Publish a draft; 409 lists every broken legal rule in error.fields (rule id -> message)"""
    return committed(Declaration.of(svc.publish_declaration(api_user(), decl_id), api_user()))


@api_route(
    "post", "/declarations/<int:decl_id>/withdraw", {"200": ("Withdrawn", Declaration)}, body=Withdrawal
)
@token_required(Role.PATENTEE)
def declarations_withdraw(decl_id: int) -> tuple[Response, int]:
    """Withdraw a published declaration (licences already granted stay in force)"""
    decl = svc.withdraw_declaration(api_user(), decl_id, Withdrawal.parse().reason)
    return committed(Declaration.of(decl, api_user()))
