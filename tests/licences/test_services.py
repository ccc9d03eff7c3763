"""Taking a licence (notice + payment), idempotency, the refusals, and sales reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.auth.models import Role
from app.declarations.models import FeeMethod
from app.errors import Forbidden, NotFound, RuleViolation, ValidationFailed
from app.extensions import db
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus, SalesReport
from app.licences.services import file_sales_report, get_licence, licences_for, take_licence
from tests.declarations.helpers import publish
from tests.rows import count

NOTICE = "本单位依《专利法》第五十一条书面通知：愿按公告标准实施该专利。"
STANDARDS = {
    "lump_sum": ({"fee_method": FeeMethod.LUMP_SUM, "lump_sum": Decimal("50000")}, Decimal("50000.00")),
    "entry_plus_running": (
        {"fee_method": FeeMethod.ENTRY_PLUS_RUNNING, "lump_sum": None, "entry_fee": Decimal("8000"),
         "royalty_rate_pct": Decimal("2.5")},
        Decimal("8000.00"),
    ),
    "running_royalty": (
        {"fee_method": FeeMethod.RUNNING_ROYALTY, "lump_sum": None, "royalty_rate_pct": Decimal("3.5")}, None
    ),
    "per_unit": ({"fee_method": FeeMethod.PER_UNIT, "lump_sum": None, "unit_fee": Decimal("12.50")}, None),
}  # fmt: skip


@pytest.fixture
def enterprise(make_user):
    return make_user(Role.ENTERPRISE, org="沈阳精密计量有限公司")


@pytest.mark.parametrize("method", list(STANDARDS))
def test_take_licence_for_each_fee_method(app, make_declaration, enterprise, method):
    fields, due = STANDARDS[method]
    decl = publish(make_declaration(**fields))
    licence, created = take_licence(enterprise, decl.id, NOTICE, "BANK-2026-0001" if due else "", due)
    db.session.commit()
    # Something due: pending until the patentee confirms (Art. 51); nothing due: in force at once.
    expected = LicenceStatus.PAYMENT_PENDING if due else LicenceStatus.IN_FORCE
    assert created and licence.status == expected and (licence.in_force_at is None) == bool(due)
    payments = [(p.amount, p.currency, p.reference, p.status, p.payee_id) for p in licence.payments]
    claimed = (due, "CNY", "BANK-2026-0001", PaymentStatus.CLAIMED, decl.owner_id)
    assert payments == ([claimed] if due else [])


def test_twice_gives_one_licence_and_one_payment(app, make_declaration, enterprise):
    decl = publish(make_declaration())
    first, created = take_licence(enterprise, decl.id, NOTICE, "BANK-1", Decimal("50000"))
    db.session.commit()
    again, created_again = take_licence(enterprise, decl.id, NOTICE, "BANK-2", Decimal("50000"))
    db.session.commit()
    assert created and not created_again and again.id == first.id
    assert count(Licence) == 1 and count(Payment) == 1


@pytest.mark.parametrize(
    ("notice", "reference", "amount", "field"),
    [
        ("  ", "BANK-1", Decimal("50000"), "notice"),
        (NOTICE, "BANK-1", Decimal("49999.99"), "amount"),
        (NOTICE, "BANK-1", None, "amount"),
        (NOTICE, "", Decimal("50000"), "payment_reference"),
    ],
)
def test_bad_notice_or_payment_changes_nothing(
    app, make_declaration, enterprise, notice, reference, amount, field
):
    decl = publish(make_declaration())
    with pytest.raises(ValidationFailed) as exc:
        take_licence(enterprise, decl.id, notice, reference, amount)
    assert field in exc.value.fields
    if field == "amount":
        assert "50,000.00" in exc.value.fields["amount"]  # names the amount due
    db.session.rollback()
    assert count(Licence) == 0 and count(Payment) == 0


def test_amount_refused_when_nothing_is_due(app, make_declaration, enterprise):
    decl = publish(make_declaration(**STANDARDS["running_royalty"][0]))
    with pytest.raises(ValidationFailed) as exc:
        take_licence(enterprise, decl.id, NOTICE, "BANK-1", Decimal("100"))
    assert "amount" in exc.value.fields


def test_used_payment_reference_is_refused(app, make_user, make_patent, make_declaration, enterprise):
    a = publish(make_declaration())
    b = publish(make_declaration(make_patent(publication_number="CN114081026A")))
    take_licence(enterprise, a.id, NOTICE, "BANK-SAME", Decimal("50000"))
    db.session.commit()
    with pytest.raises(ValidationFailed) as exc:
        take_licence(make_user(Role.ENTERPRISE), b.id, NOTICE, "BANK-SAME", Decimal("50000"))
    assert "payment_reference" in exc.value.fields


def test_unpublished_declaration_is_refused(app, make_declaration, enterprise):
    draft = make_declaration()
    with pytest.raises(RuleViolation) as exc:
        take_licence(enterprise, draft.id, NOTICE, "BANK-1", Decimal("50000"))
    assert exc.value.rule == "declaration_published"
    with pytest.raises(NotFound):
        take_licence(enterprise, 999999, NOTICE, "BANK-1", Decimal("50000"))


def test_patentee_cannot_take_own_licence(app, make_user, make_patent, make_declaration):
    decl = publish(make_declaration())
    with pytest.raises(Forbidden):
        take_licence(decl.owner, decl.id, NOTICE, "BANK-1", Decimal("50000"))  # a patentee account
    admin = make_user(Role.ADMIN)  # admins pass the role check, so the own-patent rule must still refuse
    own = publish(make_declaration(make_patent(owner=admin, publication_number="CN114081026A")))
    with pytest.raises(RuleViolation) as exc:
        take_licence(admin, own.id, NOTICE, "BANK-1", Decimal("50000"))
    assert exc.value.rule == "not_own_patent"
    assert count(Licence) == 0


def _licence(make_declaration, enterprise, method="running_royalty"):
    decl = publish(make_declaration(**STANDARDS[method][0]))
    licence, _ = take_licence(enterprise, decl.id, NOTICE, "", None)
    db.session.commit()
    return licence


@pytest.mark.parametrize(
    ("method", "net_sales", "units", "fee"),
    [
        ("running_royalty", Decimal("1000000"), 0, Decimal("35000.00")),
        ("running_royalty", Decimal("1234.57"), 0, Decimal("43.21")),
        ("per_unit", Decimal("0"), 400, Decimal("5000.00")),
    ],
)
def test_sales_report_fee_due(app, make_declaration, enterprise, method, net_sales, units, fee):
    licence = _licence(make_declaration, enterprise, method)
    report = file_sales_report(
        enterprise, licence.id, date(2026, 1, 1), date(2026, 3, 31), net_sales, units, "R-1"
    )
    db.session.commit()
    assert report.fee_due == fee and report.payment.amount == fee and report.payment.purpose == "royalty"


@pytest.mark.parametrize(
    ("start", "end", "net_sales", "units", "field"),
    [
        (date(2026, 1, 1), date(2026, 3, 31), Decimal("-1"), 0, "net_sales"),
        (date(2026, 1, 1), date(2026, 3, 31), Decimal("10"), -5, "units"),
        (date(2026, 3, 31), date(2026, 1, 1), Decimal("10"), 0, "period_end"),
        (date(2025, 12, 1), date(2026, 1, 31), Decimal("10"), 0, "period_start"),
    ],
)
def test_bad_sales_reports_are_refused(
    app, make_declaration, enterprise, start, end, net_sales, units, field
):
    licence = _licence(make_declaration, enterprise)
    with pytest.raises(ValidationFailed) as exc:
        file_sales_report(enterprise, licence.id, start, end, net_sales, units)
    assert field in exc.value.fields
    db.session.rollback()
    assert count(SalesReport) == 0


def test_overlapping_report_refused_and_others_cannot_file(app, make_user, make_declaration, enterprise):
    licence = _licence(make_declaration, enterprise)
    file_sales_report(enterprise, licence.id, date(2026, 1, 1), date(2026, 3, 31), Decimal("100"), 0)
    db.session.commit()
    with pytest.raises(RuleViolation):
        file_sales_report(enterprise, licence.id, date(2026, 3, 1), date(2026, 6, 30), Decimal("100"), 0)
    with pytest.raises(Forbidden):
        file_sales_report(
            make_user(Role.ENTERPRISE), licence.id, date(2026, 4, 1), date(2026, 6, 30), Decimal("1"), 0
        )
    assert count(SalesReport) == 1


def test_both_parties_see_the_licence_others_do_not(app, make_user, make_declaration, enterprise):
    licence = _licence(make_declaration, enterprise)
    patentee = licence.declaration.owner
    assert licences_for(enterprise) == [licence] and licences_for(patentee) == [licence]
    assert get_licence(patentee, licence.id) is licence
    with pytest.raises(Forbidden):
        get_licence(make_user(Role.ENTERPRISE), licence.id)


def test_race_on_unique_constraint_returns_existing_licence(app, make_declaration, enterprise, monkeypatch):
    import app.licences.services as svc

    decl = publish(make_declaration())
    first, _ = take_licence(enterprise, decl.id, NOTICE, "BANK-1", Decimal("50000"))
    db.session.commit()
    real = svc.existing_licence
    calls = iter([None])  # the first look-up misses, as in a concurrent request
    monkeypatch.setattr(svc, "existing_licence", lambda *a: next(calls, None) or real(*a))
    again, created = take_licence(enterprise, decl.id, NOTICE, "BANK-2", Decimal("50000"))
    db.session.commit()
    assert not created and again.id == first.id
    assert count(Licence) == 1 and count(Payment) == 1
