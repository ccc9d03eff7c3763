"""Declarations over the API: public search, drafts, publish and withdraw (same services as the UI)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.api.core import (
    ERROR_RESPONSE,
    OPTIONAL_BEARER,
    Unauthorised,
    api_user,
    api_viewer,
    bp,
    document,
    json_body,
    money_str,
    parse_date,
    parse_decimal,
    schema,
    token_optional,
    token_required,
)
from app.auth.models import Role, User
from app.declarations import services as svc
from app.declarations.caps import fee_warnings
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.errors import ValidationFailed
from app.extensions import db
from app.integrations.royalties import upfront_amount

SEARCH_PARAMS = ("q", "ipc_section", "industry", "kind", "fee_method", "province", "status")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def declaration_json(decl: Declaration, viewer: User | None = None) -> dict[str, Any]:
    org = decl.owner.organisation
    data: dict[str, Any] = {
        "id": decl.id,
        "patent_id": decl.patent_id,
        "patent": {
            "number": decl.patent.number,
            "title": decl.patent.title,
            "kind": decl.patent.kind.value,
            "ipc_codes": list(decl.patent.ipc_codes),
        },
        "patentee": {
            "name": org.name if org else decl.owner.display_name,
            "province": org.province if org else "",
        },
        "fee_method": decl.fee_method.value if decl.fee_method else None,
        "lump_sum": money_str(decl.lump_sum),
        "entry_fee": money_str(decl.entry_fee),
        "royalty_rate_pct": money_str(decl.royalty_rate_pct),
        "unit_fee": money_str(decl.unit_fee),
        "currency": "CNY",
        "period_start": _iso(decl.period_start),
        "period_end": _iso(decl.period_end),
        "contact": decl.contact if svc.contact_visible(viewer, decl) else None,
        "industry_code": decl.industry_code,
        "remarks": decl.remarks,
        "status": decl.status.value,
        "exclusive": False,
        "published_at": _iso(decl.published_at),
        "withdrawn_at": _iso(decl.withdrawn_at),
        "withdrawal_reason": decl.withdrawal_reason,
        "amount_due_at_taking": None,
        "warnings": fee_warnings(decl),
    }
    if decl.status == DeclarationStatus.PUBLISHED:
        data["amount_due_at_taking"] = money_str(upfront_amount(decl))
    if viewer is not None and viewer.can_manage(decl.owner_id):
        data["events"] = [
            {"at": e.at.isoformat(), "actor_id": e.actor_id, "action": e.action, "detail": e.detail}
            for e in decl.events
        ]
    return data


def declaration_input(data: dict[str, Any]) -> svc.DeclarationInput:
    """Parse a JSON body into DeclarationInput, or raise ValidationFailed with every bad field."""
    errors: dict[str, str] = {}
    method = data.get("fee_method") or None
    if method is not None and method not in {m.value for m in FeeMethod}:
        errors["fee_method"] = "可选值：" + " | ".join(m.value for m in FeeMethod)
    money = {
        name: parse_decimal(data, name, errors)
        for name in ("lump_sum", "entry_fee", "royalty_rate_pct", "unit_fee")
    }
    start, end = parse_date(data, "period_start", errors), parse_date(data, "period_end", errors)
    text = {}
    for name in ("contact", "industry_code", "remarks"):
        value = data.get(name, "")
        if not isinstance(value, str):
            errors[name] = "必须是字符串。"
        text[name] = value if isinstance(value, str) else ""
    if errors:
        raise ValidationFailed("请求参数有误。", errors)
    return svc.DeclarationInput(
        fee_method=FeeMethod(method) if method else None,
        lump_sum=money["lump_sum"],
        entry_fee=money["entry_fee"],
        royalty_rate_pct=money["royalty_rate_pct"],
        unit_fee=money["unit_fee"],
        period_start=start,
        period_end=end,
        contact=text["contact"],
        industry_code=text["industry_code"],
        remarks=text["remarks"],
    )


def _patent_id(data: dict[str, Any]) -> int:
    value = data.get("patent_id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationFailed("请求参数有误。", {"patent_id": "必须是您名下专利的 id（整数）。"})
    return value


@bp.get("/declarations")
@token_optional
def declarations_index() -> Response:
    if request.args.get("mine") == "1":
        if api_viewer() is None:
            raise Unauthorised(_("mine=1 需要访问令牌（Authorization: Bearer <token>）。"))
        mine = svc.my_declarations(api_user())
        items = [declaration_json(d, api_user()) for d in mine]
        return jsonify({"items": items, "page": 1, "pages": 1, "total": len(items)})
    filters = {name: request.args.get(name, "") for name in SEARCH_PARAMS}
    page = svc.search_announcements(**filters, page=request.args.get("page", 1, type=int))
    return jsonify(
        {
            "items": [declaration_json(d) for d in page.items],
            "page": page.page,
            "pages": page.pages,
            "total": page.total,
        }
    )


@bp.post("/declarations")
@token_required(Role.PATENTEE)
def declarations_create() -> tuple[Response, int]:
    data = json_body()
    decl = svc.create_draft(api_user(), _patent_id(data), declaration_input(data))
    db.session.commit()
    return jsonify(declaration_json(decl, api_user())), 201


@bp.get("/declarations/<int:decl_id>")
@token_optional
def declarations_get(decl_id: int) -> Response:
    return jsonify(declaration_json(svc.visible_declaration(api_viewer(), decl_id), api_viewer()))


@bp.put("/declarations/<int:decl_id>")
@token_required(Role.PATENTEE)
def declarations_update(decl_id: int) -> Response:
    decl = svc.update_draft(api_user(), decl_id, declaration_input(json_body()))
    db.session.commit()
    return jsonify(declaration_json(decl, api_user()))


@bp.post("/declarations/<int:decl_id>/publish")
@token_required(Role.PATENTEE)
def declarations_publish(decl_id: int) -> Response:
    decl = svc.publish_declaration(api_user(), decl_id)
    db.session.commit()
    return jsonify(declaration_json(decl, api_user()))


@bp.post("/declarations/<int:decl_id>/withdraw")
@token_required(Role.PATENTEE)
def declarations_withdraw(decl_id: int) -> Response:
    reason = json_body().get("reason", "")
    decl = svc.withdraw_declaration(api_user(), decl_id, reason if isinstance(reason, str) else "")
    db.session.commit()
    return jsonify(declaration_json(decl, api_user()))


MONEY = {"type": "string", "nullable": True, "example": "50000.00", "description": "CNY, decimal string"}
DATE = {"type": "string", "format": "date", "nullable": True}
FEE_METHODS = [m.value for m in FeeMethod]
INPUT_PROPS: dict[str, Any] = {
    "fee_method": {"type": "string", "enum": FEE_METHODS, "nullable": True},
    "lump_sum": MONEY,
    "entry_fee": MONEY,
    "royalty_rate_pct": {**MONEY, "example": "3.50", "description": "% of net sales"},
    "unit_fee": MONEY,
    "period_start": DATE,
    "period_end": DATE,
    "contact": {"type": "string"},
    "industry_code": {"type": "string", "description": "GB/T 4754-2017 code"},
    "remarks": {"type": "string"},
}
schema(
    "DeclarationInput", {"type": "object", "properties": {"patent_id": {"type": "integer"}, **INPUT_PROPS}}
)
schema(
    "Declaration",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "patent_id": {"type": "integer"},
            **INPUT_PROPS,
            "status": {"type": "string", "enum": [s.value for s in DeclarationStatus]},
            "amount_due_at_taking": MONEY,
            "published_at": {"type": "string", "format": "date-time", "nullable": True},
            "withdrawal_reason": {"type": "string"},
            "warnings": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Fee above the 2024 caps (国知发运字〔2024〕19号, news copies, unverified)",
            },
        },
    },
)
DECL = {"application/json": {"schema": {"$ref": "#/components/schemas/Declaration"}}}
BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeclarationInput"}}},
}
ERRORS = {code: ERROR_RESPONSE for code in ("401", "403", "404", "409", "422")}
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
QUERY = [{"name": n, "in": "query", "schema": {"type": "string"}} for n in (*SEARCH_PARAMS, "mine")]
QUERY.append({"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}})

document(
    "/declarations",
    "get",
    {
        "summary": "Search announced (status=withdrawn: withdrawn) declarations; open data, no token needed "
        "(mine=1: the caller's own, drafts included, token required)",
        "security": OPTIONAL_BEARER,
        "parameters": QUERY,
        "responses": {"200": {"description": "A page of declarations"}, **ERRORS},
    },
)
document(
    "/declarations",
    "post",
    {
        "summary": "Create a draft declaration for one of the patentee's patents",
        "requestBody": BODY,
        "responses": {"201": {"description": "Created", "content": DECL}, **ERRORS},
    },
)
document(
    "/declarations/{id}",
    "get",
    {
        "summary": "A declaration; announced and withdrawn ones are open data (drafts and the contact of a "
        "declaration no longer announced: owner only)",
        "security": OPTIONAL_BEARER,
        "parameters": ID,
        "responses": {"200": {"description": "OK", "content": DECL}, **ERRORS},
    },
)
document(
    "/declarations/{id}",
    "put",
    {
        "summary": "Update a draft",
        "parameters": ID,
        "requestBody": BODY,
        "responses": {"200": {"description": "OK", "content": DECL}, **ERRORS},
    },
)
document(
    "/declarations/{id}/publish",
    "post",
    {
        "summary": "Publish a draft; 409 lists every broken legal rule in error.fields (rule id -> message)",
        "parameters": ID,
        "responses": {"200": {"description": "Published", "content": DECL}, **ERRORS},
    },
)
document(
    "/declarations/{id}/withdraw",
    "post",
    {
        "summary": "Withdraw a published declaration (licences already granted stay in force)",
        "parameters": ID,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"reason": {"type": "string"}},
                        "required": ["reason"],
                    }
                }
            },
        },
        "responses": {"200": {"description": "Withdrawn", "content": DECL}, **ERRORS},
    },
)
