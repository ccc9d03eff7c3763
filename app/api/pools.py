"""/api/v1/pools: thin wrappers over the pool services; each shape described once by its model."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import jsonify
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from app import clock
from app.api.core import api_user, bp, token_required
from app.api.licences import Payment
from app.api.schema import (
    DateIn,
    DecimalIn,
    DecimalText,
    In,
    Instant,
    Integer,
    IntegerOrNull,
    IntList,
    Money,
    Out,
    StrList,
    TextOrNull,
    choice,
    committed,
    operations,
)
from app.auth.models import Role
from app.pools import ledger as ledger_svc
from app.pools import models as pm
from app.pools import services as pool_svc

OP, PAT, ENT = Role.OPERATOR, Role.PATENTEE, Role.ENTERPRISE


class PoolPatent(Out):
    id: int
    patent_id: int
    number: str
    status: pm.PoolPatentStatus
    consent_at: Instant | None
    essentiality: pm.Essentiality | None
    share_pct: Money | None
    screen: dict[str, Any]

    @classmethod
    def of(cls, pp: pm.PoolPatent) -> PoolPatent:
        return cls.of_row(pp, number=pp.patent.number)


class Pool(Out):
    id: int
    name: str
    status: pm.PoolStatus
    field_ipc: list[str]
    industry_codes: list[str]
    alliance_id: int | None
    term_start: date | None
    term_end: date | None
    fee_method: pm.FeeMethod | None
    lump_sum: Money | None
    royalty_rate_pct: Money | None
    unit_fee: Money | None
    field_of_use: str
    admin_fee_pct: Money
    distribution_rule: pm.Rule
    patents: list[PoolPatent]

    @classmethod
    def of(cls, p: pm.Pool) -> Pool:
        return cls.of_row(p, patents=[PoolPatent.of(pp) for pp in p.consented])


class Share(Out):
    patent_id: int
    patentee_id: int
    basis: DecimalText
    amount: Money


class LedgerLine(Out):
    id: int
    payment_id: int
    payment_status: str
    payment_reference: str
    amount: Money
    admin_fee_pct: Money
    admin_fee: Money
    rule: pm.Rule
    rounding: str
    shares: list[Share]

    @classmethod
    def of(cls, line: pm.PoolPayment) -> LedgerLine:
        return cls.of_row(
            line,
            payment_status=line.payment.status.value,
            payment_reference=line.payment.reference,
            rounding=line.rounding_note,
            shares=line.shares,
        )


class PoolLicence(Out):
    """A pool licence with the payment claimed at taking (null when nothing was due)."""

    id: int
    pool_id: int
    status: pm.PoolLicenceStatus
    notice_at: Instant
    in_force_at: Instant | None
    payment: Payment | None

    @classmethod
    def of(cls, licence: pm.PoolLicence) -> PoolLicence:
        payment = ledger_svc.upfront_payment(licence)
        return cls.of_row(licence, payment=Payment.of(payment) if payment else None)


class Pools(Out):
    items: list[Pool]


class PoolPatents(Out):
    items: list[PoolPatent]


class Suggestion(Out):
    patent_id: int
    number: str
    title: str
    score: float


class Suggestions(Out):
    items: list[Suggestion]


class Ledger(Out):
    items: list[LedgerLine]


class PoolInput(In):
    name: TextOrNull = ""
    field_ipc: StrList = []
    industry_codes: StrList = []
    alliance_id: IntegerOrNull = None
    term_start: DateIn = None
    term_end: DateIn = None
    fee_method: choice(pm.FeeMethod, " / ") = None  # type: ignore[valid-type]
    lump_sum: DecimalIn = None
    royalty_rate_pct: DecimalIn = None
    unit_fee: DecimalIn = None
    field_of_use: TextOrNull = ""
    admin_fee_pct: DecimalIn = None
    distribution_rule: choice(pm.Rule, " / ") = None  # type: ignore[valid-type]

    def values(self) -> pool_svc.PoolInput:
        return pool_svc.PoolInput(
            **self.model_dump(exclude={"field_ipc", "admin_fee_pct", "distribution_rule"}),
            field_ipc=[c.upper() for c in self.field_ipc],
            admin_fee_pct=self.admin_fee_pct or Decimal(0),
            distribution_rule=self.distribution_rule or pm.Rule.COUNT,
        )


class PatentIds(In):
    patent_ids: IntList


class Judgement(In):
    essentiality: choice(pm.Essentiality, " / ")  # type: ignore[valid-type]
    note: TextOrNull = ""
    share_pct: DecimalIn = None


class TakePoolLicence(In):
    notice: TextOrNull = ""
    payment_reference: TextOrNull = ""


class PoolRoyalty(In):
    messages = {"units": _l("须为整数。")}
    net_sales: DecimalIn = None
    units: Integer = 0
    payment_reference: TextOrNull = ""


@bp.get("/pools")
@token_required()
def pools_list() -> Response:
    return jsonify(Pools(items=[Pool.of(p) for p in pool_svc.open_pools()]).dump())


@bp.post("/pools")
@token_required(OP)
def pools_create() -> tuple[Response, int]:
    return committed(Pool.of(pool_svc.create_pool(api_user(), PoolInput.parse().values())), 201)


@bp.get("/pools/<int:pool_id>")
@token_required()
def pools_get(pool_id: int) -> Response:
    return jsonify(Pool.of(pool_svc.view_pool(api_user(), pool_id)).dump())


@bp.put("/pools/<int:pool_id>")
@token_required(OP)
def pools_update(pool_id: int) -> tuple[Response, int]:
    return committed(Pool.of(pool_svc.update_pool(api_user(), pool_id, PoolInput.parse().values())))


@bp.post("/pools/<int:pool_id>/invitations")
@token_required(OP)
def pools_invite(pool_id: int) -> tuple[Response, int]:
    rows = pool_svc.invite_patents(api_user(), pool_id, PatentIds.parse().patent_ids)
    return committed(PoolPatents(items=[PoolPatent.of(r) for r in rows]), 201)


@bp.get("/pools/<int:pool_id>/suggestions")
@token_required(OP)
def pools_suggest(pool_id: int) -> Response:
    _, ranked = pool_svc.suggestions(api_user(), pool_id)
    items = [Suggestion(patent_id=p.id, number=p.number, title=p.title, score=s) for p, s in ranked]
    return jsonify(Suggestions(items=items).dump())


@bp.post("/pools/<int:pool_id>/screen")
@token_required(OP)
def pools_screen(pool_id: int) -> tuple[Response, int]:
    rows = pool_svc.screen_pool(api_user(), pool_id, clock.today())
    return committed(PoolPatents(items=[PoolPatent.of(r) for r in rows]))


@bp.post("/pools/<int:pool_id>/<any(open, close):action>")
@token_required(OP)
def pools_state(pool_id: int, action: str) -> tuple[Response, int]:
    service = pool_svc.open_pool if action == "open" else pool_svc.close_pool
    return committed(Pool.of(service(api_user(), pool_id)))


@bp.post("/pools/patents/<int:pp_id>/<any(consent, decline, leave):action>")
@token_required(PAT, OP)
def pools_consent(pp_id: int, action: str) -> tuple[Response, int]:
    if action == "leave":
        return committed(PoolPatent.of(pool_svc.leave_pool(api_user(), pp_id)))
    return committed(PoolPatent.of(pool_svc.decide_consent(api_user(), pp_id, action == "consent")))


@bp.post("/pools/patents/<int:pp_id>/judgement")
@token_required(OP)
def pools_judge(pp_id: int) -> tuple[Response, int]:
    data = Judgement.parse()
    row = pool_svc.judge_patent(api_user(), pp_id, data.essentiality, data.note, data.share_pct)
    return committed(PoolPatent.of(row))


@bp.post("/pools/<int:pool_id>/licences")
@token_required(ENT)
def pools_take(pool_id: int) -> tuple[Response, int]:
    data = TakePoolLicence.parse()
    licence = ledger_svc.take_pool_licence(
        api_user(), pool_id, data.notice, data.payment_reference, clock.today()
    )
    return committed(PoolLicence.of(licence), 201)


@bp.post("/pools/licences/<int:licence_id>/payments")
@token_required(ENT)
def pools_pay(licence_id: int) -> tuple[Response, int]:
    d = PoolRoyalty.parse()
    line = ledger_svc.pay_pool_royalty(
        api_user(), licence_id, d.net_sales or Decimal(0), d.units, d.payment_reference, clock.today()
    )
    return committed(LedgerLine.of(line), 201)


@bp.get("/pools/<int:pool_id>/ledger")
@token_required(OP, PAT)
def pools_ledger(pool_id: int) -> Response:
    lines = [LedgerLine.of(line) for line in ledger_svc.ledger(api_user(), pool_id)]
    return jsonify(Ledger(items=lines).dump())


# (path, method, summary, roles, answer, body)
OPERATIONS = [
    ("/pools", "get", "List pools with a published offer", "any", ("200", Pools), None),
    ("/pools", "post", "Create a pool (draft)", "operator", ("201", Pool), PoolInput),
    ("/pools/{pool_id}", "get", "A pool, its offer and consented patents", "any", ("200", Pool), None),
    ("/pools/{pool_id}", "put", "Edit a draft pool", "operator (owner)", ("200", Pool), PoolInput),
    ("/pools/{pool_id}/invitations", "post", "Invite patents", "operator (owner)", ("201", PoolPatents),
     PatentIds),
    ("/pools/{pool_id}/suggestions", "get", "Suggest patents for this pool", "operator (owner)",
     ("200", Suggestions), None),
    ("/pools/{pool_id}/screen", "post", "Screen invited and pooled patents", "operator (owner)",
     ("200", PoolPatents), None),
    ("/pools/{pool_id}/open", "post", "Publish the one-stop licence offer", "operator (owner)", ("200", Pool),
     None),
    ("/pools/{pool_id}/close", "post", "Close the pool to new licences", "operator (owner)", ("200", Pool),
     None),
    ("/pools/patents/{pp_id}/consent", "post", "Holder consents to the patent joining", "patentee (owner)",
     ("200", PoolPatent), None),
    ("/pools/patents/{pp_id}/decline", "post", "Holder declines", "patentee (owner)", ("200", PoolPatent),
     None),
    ("/pools/patents/{pp_id}/leave", "post", "Take a patent out of the pool", "patentee (owner) or operator",
     ("200", PoolPatent), None),
    ("/pools/patents/{pp_id}/judgement", "post", "Record essentiality and share", "operator (owner)",
     ("200", PoolPatent), Judgement),
    ("/pools/{pool_id}/licences", "post",
     "Take the pool licence (notice + claimed payment; payment_pending until the pool's operator confirms it "
     "with POST /payments/{id}/confirm; in force at once when nothing is due; idempotent)", "enterprise",
     ("201", PoolLicence), TakePoolLicence),
    ("/pools/licences/{licence_id}/payments", "post", "Pay a running / per-unit royalty; it is split",
     "enterprise (licensee)", ("201", LedgerLine), PoolRoyalty),
    ("/pools/{pool_id}/ledger", "get", "Every payment, admin fee, share and the rounding rule",
     "operator (owner) or pooled patentee", ("200", Ledger), None),
]  # fmt: skip
operations("pools", OPERATIONS)
