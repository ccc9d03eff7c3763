"""Cross-licences (value, balance, counter, accept), alone and between an alliance's members."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.alliances import services as alliance_svc
from app.auth.models import Role
from app.crosslicences import services as svc
from app.crosslicences.models import CrossStatus
from app.errors import DomainError, Forbidden, RuleViolation, ValidationFailed
from app.extensions import db
from app.integrations import pools as bridge
from app.licences.models import Payment
from royalties.cross import PortfolioItem
from tests.pools.conftest import TODAY

D = Decimal
TERMS = svc.CrossTerms(term_start=date(2026, 4, 1), term_end=date(2028, 3, 31))


@pytest.fixture
def parties(make_user, pool_patent):
    a, b = make_user(Role.PATENTEE, org="甲方大学"), make_user(Role.PATENTEE, org="乙方公司")
    return a, b, [pool_patent(a), pool_patent(a)], [pool_patent(b), pool_patent(b)]


@pytest.fixture
def fixed_values(monkeypatch):
    """Value each patent at a set figure so the balance is exact; the real estimate is tested below."""
    values: dict[int, Decimal] = {}
    monkeypatch.setattr(bridge, "value_patent", lambda p, basis: PortfolioItem(str(p.id), values[p.id]))
    return values


@pytest.mark.parametrize(
    ("vals_a", "vals_b", "payer", "payment"),
    [
        (["100000.00", "50000.00"], ["80000.00", "20000.00"], "b", "50000.00"),
        (["10.00", "0.01"], ["10.00", "10.00"], "a", "9.99"),
        (["5000.00", "5000.00"], ["7000.00", "3000.00"], None, "0.00"),
        (["0.00", "0.00"], ["0.01", "0.00"], "a", "0.01"),
    ],
)
def test_balancing_payment_table(parties, fixed_values, vals_a, vals_b, payer, payment):
    a, b, pa, pb = parties
    for patent, value in (*zip(pa, vals_a, strict=True), *zip(pb, vals_b, strict=True)):
        fixed_values[patent.id] = D(value)
    cl = svc.propose_cross_licence(a, a.id, b.id, [p.id for p in pa], [p.id for p in pb], TERMS, TODAY)
    assert cl.value_a == sum(map(D, vals_a)) and cl.value_b == sum(map(D, vals_b))
    assert cl.payer_side == payer and cl.balancing_payment == D(payment)
    assert cl.a_accepted_at is not None and cl.b_accepted_at is None  # proposing = accepting one's own offer


def test_real_estimate_makes_the_weaker_portfolio_pay(make_user, pool_patent):
    a, b = make_user(Role.PATENTEE), make_user(Role.PATENTEE)
    invention = pool_patent(a, claim_count=12)  # CN111504366B: invention, 20-year term
    utility = pool_patent(b, claim_count=12)  # CN215865394U: utility model, 10-year term
    cl = svc.propose_cross_licence(a, a.id, b.id, [invention.id], [utility.id], TERMS, TODAY)
    assert cl.value_a > cl.value_b > 0
    assert cl.payer_side == "b" and cl.balancing_payment == cl.value_a - cl.value_b


def test_counter_revalues_and_resets_then_both_accept(parties, fixed_values):
    a, b, pa, pb = parties
    for patent, value in zip([*pa, *pb], ["300", "200", "100", "50"], strict=True):
        fixed_values[patent.id] = D(value)
    cl = svc.propose_cross_licence(a, a.id, b.id, [pa[0].id], [pb[0].id], TERMS, TODAY)
    svc.counter_cross_licence(b, cl.id, [pa[0].id], [pb[0].id, pb[1].id], TODAY)
    assert cl.status is CrossStatus.COUNTERED and cl.round == 2
    assert cl.a_accepted_at is None and cl.b_accepted_at is not None
    assert (cl.value_b, cl.balancing_payment, cl.payer_side) == (D("150"), D("150.00"), "b")
    svc.accept_cross_licence(a, cl.id)
    db.session.commit()
    assert cl.status is CrossStatus.ACCEPTED and len(cl.grants) == 2
    assert {(g.licensor_id, g.licensee_id) for g in cl.grants} == {(a.id, b.id), (b.id, a.id)}
    payment = db.session.get(Payment, cl.payment_id)
    assert (payment.payer_id, payment.amount, payment.purpose, payment.licence_id) == (
        b.id,
        D("150.00"),
        "cross_balance",
        None,
    )
    with pytest.raises(RuleViolation):
        svc.reject_cross_licence(b, cl.id)


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("own_patent_on_other_side", ValidationFailed),
        ("same_party", ValidationFailed),
        ("outsider_proposes", Forbidden),
        ("start_in_past", ValidationFailed),
        ("unknown_industry", ValidationFailed),
        ("empty_side", ValidationFailed),
    ],
)
def test_proposal_refusals(parties, fixed_values, make_user, case, error):
    a, b, pa, pb = parties
    actor, party_b, ids_a, ids_b, terms = a, b.id, [pa[0].id], [pb[0].id], TERMS
    if case == "own_patent_on_other_side":
        ids_b = [pa[1].id]
    elif case == "same_party":
        party_b = a.id
    elif case == "outsider_proposes":
        actor = make_user(Role.ENTERPRISE)
    elif case == "start_in_past":
        terms = svc.CrossTerms(term_start=date(2025, 1, 1), term_end=date(2027, 1, 1))
    elif case == "unknown_industry":
        terms = svc.CrossTerms(term_start=TERMS.term_start, term_end=TERMS.term_end, industry_code="ZZ")
    else:
        ids_a = []
    with pytest.raises(error):
        svc.propose_cross_licence(actor, a.id, party_b, ids_a, ids_b, terms, TODAY)


def test_only_parties_act_on_a_proposal(parties, fixed_values, operator):
    a, b, pa, pb = parties
    fixed_values.update({pa[0].id: D(1), pb[0].id: D(1)})
    cl = svc.propose_cross_licence(operator, a.id, b.id, [pa[0].id], [pb[0].id], TERMS, TODAY)
    assert cl.a_accepted_at is None and cl.b_accepted_at is None  # an operator's proposal binds nobody
    for action in (svc.accept_cross_licence, svc.reject_cross_licence):
        with pytest.raises(Forbidden):
            action(operator, cl.id)


def test_alliance_cross_licence_of_pooled_patents(operator, make_user, pool_patent, make_pool, fixed_values):
    alliance = alliance_svc.create_alliance(operator, alliance_svc.AllianceInput(name="联盟"))
    owners = [make_user(Role.PATENTEE) for _ in range(3)]
    patents = [pool_patent(o) for o in owners]
    make_pool(patents, alliance_id=alliance.id)
    members = alliance_svc.invite_organisations(operator, alliance.id, [o.organisation.id for o in owners])
    for member, owner in zip(members, owners, strict=True):
        alliance_svc.decide_invitation(owner, member.id, True)
    fixed_values.update({p.id: D(100 * (i + 1)) for i, p in enumerate(patents)})
    made = svc.propose_alliance_cross_licences(operator, alliance.id, TERMS, TODAY)
    assert len(made) == 3 and all(c.alliance_id == alliance.id for c in made)
    assert sorted(c.balancing_payment for c in made) == [D("100.00"), D("100.00"), D("200.00")]
    assert svc.propose_alliance_cross_licences(operator, alliance.id, TERMS, TODAY) == []  # idempotent
    with pytest.raises(DomainError):
        svc.propose_alliance_cross_licences(make_user(Role.OPERATOR), alliance.id, TERMS, TODAY)


def test_cross_web_flow(client, login, parties, fixed_values, make_user):
    a, b, pa, pb = parties
    fixed_values.update({pa[0].id: D("900"), pb[0].id: D("400")})
    login(a)
    form = {
        "party_a_id": a.id,
        "party_b_id": b.id,
        "patents_a": pa[0].number,
        "patents_b": pb[0].number,
        "term_start": "2099-01-01",
        "term_end": "2099-12-31",
        "industry_code": "C",
        "annual_sales": "1000000",
        "profit_margin_pct": "15",
    }
    resp = client.post("/pools/cross/new", data=form)
    assert resp.status_code == 302, resp.get_data(as_text=True)
    cl = db.session.scalar(db.select(svc.CrossLicence))
    bad = client.post("/pools/cross/new", data={**form, "patents_b": "CN000000000X"})
    assert "找不到专利" in bad.get_data(as_text=True)
    login(b)
    page = client.get(f"/pools/cross/{cl.id}").get_data(as_text=True)
    assert "¥500.00" in page and 'id="accept-cross"' in page
    client.post(f"/pools/cross/{cl.id}/accept")
    db.session.refresh(cl)
    assert cl.status is CrossStatus.ACCEPTED
    login(make_user(Role.PATENTEE))
    assert client.get(f"/pools/cross/{cl.id}").status_code == 403
