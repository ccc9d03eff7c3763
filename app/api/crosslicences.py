"""/api/v1/cross-licences: thin wrappers over the cross-licence services; each shape described once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from flask import jsonify
from werkzeug.wrappers import Response

from app import clock
from app.api.core import api_user, bp, token_required
from app.api.schema import (
    DateReq,
    DecimalIn,
    In,
    Integer,
    IntList,
    Money,
    Out,
    TextOrNull,
    committed,
    operations,
)
from app.auth.models import Role
from app.crosslicences import models as cm
from app.crosslicences import services as cross_svc

PAT, OP = Role.PATENTEE, Role.OPERATOR


class CrossItem(Out):
    side: Literal["a", "b"]
    patent_id: int
    value: Money | None


class Grant(Out):
    licensor_id: int
    licensee_id: int


class CrossLicence(Out):
    id: int
    party_a_id: int
    party_b_id: int
    status: cm.CrossStatus
    round: int
    value_a: Money
    value_b: Money
    payer_side: Literal["a", "b"] | None
    balancing_payment: Money
    items: list[CrossItem]
    a_accepted: bool
    b_accepted: bool
    grants: list[Grant]

    @classmethod
    def of(cls, c: cm.CrossLicence) -> CrossLicence:
        accepted = {"a_accepted": c.a_accepted_at is not None, "b_accepted": c.b_accepted_at is not None}
        return cls.of_row(c, items=c.items, grants=c.grants, **accepted)


class CrossLicences(Out):
    items: list[CrossLicence]

    @classmethod
    def of(cls, rows: Iterable[cm.CrossLicence]) -> CrossLicences:
        return cls(items=[CrossLicence.of(c) for c in rows])


class CrossTermsInput(In):
    term_start: DateReq
    term_end: DateReq
    industry_code: TextOrNull = ""
    annual_sales: DecimalIn = None
    profit_margin_pct: DecimalIn = None
    note: TextOrNull = ""

    def terms(self) -> cross_svc.CrossTerms:
        terms = cross_svc.CrossTerms(term_start=self.term_start, term_end=self.term_end, note=self.note)
        terms.industry_code = self.industry_code or terms.industry_code
        terms.annual_sales = terms.annual_sales if self.annual_sales is None else self.annual_sales
        margin = self.profit_margin_pct
        terms.profit_margin_pct = terms.profit_margin_pct if margin is None else margin
        return terms


class Counter(In):
    patents_a: IntList
    patents_b: IntList


class NewCrossLicence(CrossTermsInput, Counter):
    party_a_id: Integer
    party_b_id: Integer


@bp.get("/cross-licences")
@token_required(PAT, OP)
def cross_list() -> Response:
    return jsonify(CrossLicences.of(cross_svc.crosses_of(api_user())).dump())


@bp.post("/cross-licences")
@token_required(PAT, OP)
def cross_create() -> tuple[Response, int]:
    d = NewCrossLicence.parse()
    cl = cross_svc.propose_cross_licence(
        api_user(), d.party_a_id, d.party_b_id, d.patents_a, d.patents_b, d.terms(), clock.today()
    )
    return committed(CrossLicence.of(cl), 201)


@bp.get("/cross-licences/<int:cross_id>")
@token_required(PAT, OP)
def cross_get(cross_id: int) -> Response:
    return jsonify(CrossLicence.of(cross_svc.view_cross(api_user(), cross_id)).dump())


@bp.post("/cross-licences/<int:cross_id>/<any(accept, reject, counter):action>")
@token_required(PAT)
def cross_act(cross_id: int, action: str) -> tuple[Response, int]:
    if action == "accept":
        return committed(CrossLicence.of(cross_svc.accept_cross_licence(api_user(), cross_id)))
    if action == "reject":
        return committed(CrossLicence.of(cross_svc.reject_cross_licence(api_user(), cross_id)))
    d = Counter.parse()
    cl = cross_svc.counter_cross_licence(api_user(), cross_id, d.patents_a, d.patents_b, clock.today())
    return committed(CrossLicence.of(cl))


# (path, method, summary, roles, answer, body)
OPERATIONS = [
    ("/cross-licences", "get", "My cross-licences", "patentee or operator", ("200", CrossLicences), None),
    ("/cross-licences", "post", "Propose a cross-licence; both sides are valued", "party or operator",
     ("201", CrossLicence), NewCrossLicence),
    ("/cross-licences/{cross_id}", "get", "A cross-licence", "party or proposer", ("200", CrossLicence),
     None),
    ("/cross-licences/{cross_id}/accept", "post", "Accept (both: licences in force)", "party",
     ("200", CrossLicence), None),
    ("/cross-licences/{cross_id}/reject", "post", "Reject", "party", ("200", CrossLicence), None),
    ("/cross-licences/{cross_id}/counter", "post", "Counter with new lists (revalued)", "party",
     ("200", CrossLicence), Counter),
]  # fmt: skip
operations("cross-licences", OPERATIONS)
