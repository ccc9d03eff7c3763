"""/api/v1/pools, /alliances, /cross-licences: thin wrappers over the three domains' services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from app import clock
from app.alliances import services as alliance_svc
from app.api.core import (
    api_user,
    bp,
    json_body,
    parse_date,
    parse_decimal,
    token_required,
)
from app.api.pools_json import (
    alliance_json,
    cross_json,
    ledger_line_json,
    pool_json,
    pool_licence_json,
    pool_patent_json,
)
from app.auth.models import Role
from app.crosslicences import services as cross_svc
from app.errors import ValidationFailed
from app.extensions import db
from app.pools import ledger as ledger_svc
from app.pools import services as pool_svc
from app.pools.models import Essentiality, FeeMethod, Rule

OP, PAT, ENT = Role.OPERATOR, Role.PATENTEE, Role.ENTERPRISE


def _ok(payload: dict[str, Any], status: int = 200) -> tuple[Response, int]:
    db.session.commit()
    return jsonify(payload), status


def _ids(data: dict[str, Any], name: str) -> list[int]:
    raw = data.get(name)
    if not isinstance(raw, list) or not all(isinstance(i, int) for i in raw):
        raise ValidationFailed("请求参数有误。", {name: "须为整数数组。"})
    return raw


def _enum(cls: Any, data: dict[str, Any], name: str, errors: dict[str, str], default: Any = None) -> Any:
    raw = data.get(name)
    if raw in (None, ""):
        return default
    try:
        return cls(raw)
    except ValueError:
        errors[name] = "可选值：" + " / ".join(m.value for m in cls)
        return default


def _pool_input(data: dict[str, Any]) -> pool_svc.PoolInput:
    errors: dict[str, str] = {}
    decimals = {
        n: parse_decimal(data, n, errors)
        for n in ("lump_sum", "royalty_rate_pct", "unit_fee", "admin_fee_pct")
    }
    values = pool_svc.PoolInput(
        name=str(data.get("name", "")),
        field_ipc=[str(c).upper() for c in data.get("field_ipc") or []],
        industry_codes=[str(c) for c in data.get("industry_codes") or []],
        term_start=parse_date(data, "term_start", errors),
        term_end=parse_date(data, "term_end", errors),
        fee_method=_enum(FeeMethod, data, "fee_method", errors),
        field_of_use=str(data.get("field_of_use", "")),
        distribution_rule=_enum(Rule, data, "distribution_rule", errors, Rule.COUNT),
        alliance_id=data.get("alliance_id") if isinstance(data.get("alliance_id"), int) else None,
        lump_sum=decimals["lump_sum"],
        royalty_rate_pct=decimals["royalty_rate_pct"],
        unit_fee=decimals["unit_fee"],
        admin_fee_pct=decimals["admin_fee_pct"] or Decimal(0),
    )
    if errors:
        raise ValidationFailed("请求参数有误。", errors)
    return values


@bp.get("/pools")
@token_required()
def pools_list() -> Response:
    return jsonify({"items": [pool_json(p) for p in pool_svc.open_pools()]})


@bp.post("/pools")
@token_required(OP)
def pools_create() -> tuple[Response, int]:
    return _ok(pool_json(pool_svc.create_pool(api_user(), _pool_input(json_body()))), 201)


@bp.get("/pools/<int:pool_id>")
@token_required()
def pools_get(pool_id: int) -> Response:
    return jsonify(pool_json(pool_svc.view_pool(api_user(), pool_id)))


@bp.put("/pools/<int:pool_id>")
@token_required(OP)
def pools_update(pool_id: int) -> tuple[Response, int]:
    return _ok(pool_json(pool_svc.update_pool(api_user(), pool_id, _pool_input(json_body()))))


@bp.post("/pools/<int:pool_id>/invitations")
@token_required(OP)
def pools_invite(pool_id: int) -> tuple[Response, int]:
    rows = pool_svc.invite_patents(api_user(), pool_id, _ids(json_body(), "patent_ids"))
    return _ok({"items": [pool_patent_json(r) for r in rows]}, 201)


@bp.get("/pools/<int:pool_id>/suggestions")
@token_required(OP)
def pools_suggest(pool_id: int) -> Response:
    _, ranked = pool_svc.suggestions(api_user(), pool_id)
    return jsonify(
        {"items": [{"patent_id": p.id, "number": p.number, "title": p.title, "score": s} for p, s in ranked]}
    )


@bp.post("/pools/<int:pool_id>/screen")
@token_required(OP)
def pools_screen(pool_id: int) -> tuple[Response, int]:
    return _ok(
        {"items": [pool_patent_json(r) for r in pool_svc.screen_pool(api_user(), pool_id, clock.today())]}
    )


@bp.post("/pools/<int:pool_id>/<any(open, close):action>")
@token_required(OP)
def pools_state(pool_id: int, action: str) -> tuple[Response, int]:
    service = pool_svc.open_pool if action == "open" else pool_svc.close_pool
    return _ok(pool_json(service(api_user(), pool_id)))


@bp.post("/pools/patents/<int:pp_id>/<any(consent, decline, leave):action>")
@token_required(PAT, OP)
def pools_consent(pp_id: int, action: str) -> tuple[Response, int]:
    if action == "leave":
        return _ok(pool_patent_json(pool_svc.leave_pool(api_user(), pp_id)))
    return _ok(pool_patent_json(pool_svc.decide_consent(api_user(), pp_id, action == "consent")))


@bp.post("/pools/patents/<int:pp_id>/judgement")
@token_required(OP)
def pools_judge(pp_id: int) -> tuple[Response, int]:
    data = json_body()
    errors: dict[str, str] = {}
    essentiality = _enum(Essentiality, data, "essentiality", errors)
    share = parse_decimal(data, "share_pct", errors)
    if errors or essentiality is None:
        raise ValidationFailed("请求参数有误。", errors or {"essentiality": "必填。"})
    row = pool_svc.judge_patent(api_user(), pp_id, essentiality, str(data.get("note", "")), share)
    return _ok(pool_patent_json(row))


@bp.post("/pools/<int:pool_id>/licences")
@token_required(ENT)
def pools_take(pool_id: int) -> tuple[Response, int]:
    data = json_body()
    notice, ref = str(data.get("notice", "")), str(data.get("payment_reference", ""))
    licence = ledger_svc.take_pool_licence(api_user(), pool_id, notice, ref, clock.today())
    return _ok(pool_licence_json(licence), 201)


@bp.post("/pools/licences/<int:licence_id>/payments")
@token_required(ENT)
def pools_pay(licence_id: int) -> tuple[Response, int]:
    data = json_body()
    errors: dict[str, str] = {}
    net_sales = parse_decimal(data, "net_sales", errors) or Decimal(0)
    units = data.get("units", 0)
    if not isinstance(units, int):
        errors["units"] = "须为整数。"
    if errors:
        raise ValidationFailed("请求参数有误。", errors)
    ref = str(data.get("payment_reference", ""))
    return _ok(
        ledger_line_json(
            ledger_svc.pay_pool_royalty(api_user(), licence_id, net_sales, units, ref, clock.today())
        ),
        201,
    )


@bp.get("/pools/<int:pool_id>/ledger")
@token_required(OP, PAT)
def pools_ledger(pool_id: int) -> Response:
    return jsonify({"items": [ledger_line_json(line) for line in ledger_svc.ledger(api_user(), pool_id)]})


@bp.get("/alliances")
@token_required()
def alliances_list() -> Response:
    return jsonify({"items": [alliance_json(a) for a in alliance_svc.all_alliances()]})


@bp.post("/alliances")
@token_required(OP)
def alliances_create() -> tuple[Response, int]:
    data = json_body()
    values = alliance_svc.AllianceInput(
        name=str(data.get("name", "")),
        industry_codes=[str(c) for c in data.get("industry_codes") or []],
        region=str(data.get("region", "")),
        charter=str(data.get("charter", "")),
    )
    return _ok(alliance_json(alliance_svc.create_alliance(api_user(), values)), 201)


@bp.get("/alliances/<int:alliance_id>")
@token_required()
def alliances_get(alliance_id: int) -> Response:
    return jsonify(alliance_json(alliance_svc.get_alliance(alliance_id)))


@bp.post("/alliances/<int:alliance_id>/invitations")
@token_required(OP)
def alliances_invite(alliance_id: int) -> tuple[Response, int]:
    ids = _ids(json_body(), "organisation_ids")
    alliance_svc.invite_organisations(api_user(), alliance_id, ids)
    return _ok(alliance_json(alliance_svc.get_alliance(alliance_id)), 201)


@bp.post("/alliances/members/<int:member_id>/<any(accept, decline):action>")
@token_required(PAT, ENT)
def alliances_decide(member_id: int, action: str) -> tuple[Response, int]:
    member = alliance_svc.decide_invitation(api_user(), member_id, action == "accept")
    return _ok({"id": member.id, "alliance_id": member.alliance_id, "status": member.status.value})


def _terms(data: dict[str, Any]) -> cross_svc.CrossTerms:
    errors: dict[str, str] = {}
    start, end = parse_date(data, "term_start", errors), parse_date(data, "term_end", errors)
    sales, margin = (
        parse_decimal(data, "annual_sales", errors),
        parse_decimal(data, "profit_margin_pct", errors),
    )
    for name, value in (("term_start", start), ("term_end", end)):
        if value is None:
            errors.setdefault(name, "必填，格式 YYYY-MM-DD。")
    if errors or start is None or end is None:
        raise ValidationFailed("请求参数有误。", errors)
    terms = cross_svc.CrossTerms(term_start=start, term_end=end, note=str(data.get("note", "")))
    terms.industry_code = str(data.get("industry_code") or terms.industry_code)
    terms.annual_sales = terms.annual_sales if sales is None else sales
    terms.profit_margin_pct = terms.profit_margin_pct if margin is None else margin
    return terms


@bp.post("/alliances/<int:alliance_id>/cross-licences")
@token_required(OP)
def alliances_cross(alliance_id: int) -> tuple[Response, int]:
    made = cross_svc.propose_alliance_cross_licences(
        api_user(), alliance_id, _terms(json_body()), clock.today()
    )
    return _ok({"items": [cross_json(c) for c in made]}, 201)


@bp.get("/cross-licences")
@token_required(PAT, OP)
def cross_list() -> Response:
    return jsonify({"items": [cross_json(c) for c in cross_svc.crosses_of(api_user())]})


@bp.post("/cross-licences")
@token_required(PAT, OP)
def cross_create() -> tuple[Response, int]:
    data = json_body()
    a, b = data.get("party_a_id"), data.get("party_b_id")
    if not isinstance(a, int) or not isinstance(b, int):
        raise ValidationFailed("请求参数有误。", {"party_b_id": "party_a_id 和 party_b_id 须为整数。"})
    ids_a, ids_b = _ids(data, "patents_a"), _ids(data, "patents_b")
    cl = cross_svc.propose_cross_licence(api_user(), a, b, ids_a, ids_b, _terms(data), clock.today())
    return _ok(cross_json(cl), 201)


@bp.get("/cross-licences/<int:cross_id>")
@token_required(PAT, OP)
def cross_get(cross_id: int) -> Response:
    return jsonify(cross_json(cross_svc.view_cross(api_user(), cross_id)))


@bp.post("/cross-licences/<int:cross_id>/<any(accept, reject, counter):action>")
@token_required(PAT)
def cross_act(cross_id: int, action: str) -> tuple[Response, int]:
    if action == "accept":
        return _ok(cross_json(cross_svc.accept_cross_licence(api_user(), cross_id)))
    if action == "reject":
        return _ok(cross_json(cross_svc.reject_cross_licence(api_user(), cross_id)))
    data = json_body()
    cl = cross_svc.counter_cross_licence(
        api_user(), cross_id, _ids(data, "patents_a"), _ids(data, "patents_b"), clock.today()
    )
    return _ok(cross_json(cl))
