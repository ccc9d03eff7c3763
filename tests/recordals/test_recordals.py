"""Recordal of licences (Rules 2023 Art. 87, Art. 15): due date, marking, packet PDF, overdue list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.auth.models import Role
from app.declarations.models import DeclarationStatus
from app.errors import Forbidden, RuleViolation, ValidationFailed
from app.extensions import db
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus
from app.recordals import services as svc

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.usefixtures("app")


@pytest.mark.parametrize(
    ("effective", "due"),
    [
        (date(2026, 1, 15), date(2026, 4, 15)),
        (date(2026, 11, 30), date(2027, 2, 28)),  # February is shorter: its last day
        (date(2027, 11, 30), date(2028, 2, 29)),  # leap year
        (date(2026, 10, 31), date(2027, 1, 31)),  # across the year end
        (date(2026, 3, 31), date(2026, 6, 30)),
        (date(2026, 12, 1), date(2027, 3, 1)),
    ],
)
def test_due_three_months_after_taking_effect(effective, due) -> None:
    assert svc.add_months(effective, svc.RECORDAL_MONTHS) == due


@pytest.mark.parametrize(
    ("number", "recorded_on", "ok"),
    [
        ("X2026980000123", date(2026, 11, 20), True),
        ("2019110000123", date(2026, 11, 20), True),
        ("X2027980000123", date(2026, 11, 20), False),  # year after the recordal date
        ("X1984980000123", date(2026, 11, 20), False),
        ("X202698000012", date(2026, 11, 20), False),  # too short
        ("Y2026980000123", date(2026, 11, 20), False),
        ("X2026-98-0000123", date(2026, 11, 20), False),
        ("", date(2026, 11, 20), False),
    ],
)
def test_recordal_number_shape(number, recorded_on, ok) -> None:
    assert (svc.number_problem(number, recorded_on) is None) is ok


@pytest.fixture
def licence(make_user, make_patent, make_declaration):
    """A licence in force since 2026-09-10 (Beijing time): recordal due 2026-12-10."""
    owner = make_user(Role.PATENTEE, org="专利权人甲")
    decl = make_declaration(make_patent(owner), status=DeclarationStatus.PUBLISHED)
    lic = Licence(
        declaration=decl,
        licensee=make_user(Role.ENTERPRISE, org="被许可企业乙"),
        status=LicenceStatus.IN_FORCE,
        notice="致专利权人甲：本单位依《专利法》第五十一条书面通知……",
        in_force_at=datetime(2026, 9, 9, 17, 0, tzinfo=UTC),  # 01:00 on 10 September in Beijing
    )
    db.session.add(lic)
    db.session.add(Payment(licence=lic, payer_id=lic.licensee.id, amount=50000, reference="BANK-001",
                           status=PaymentStatus.CONFIRMED))  # fmt: skip
    db.session.commit()
    return lic


def test_state_of_a_licence_in_force(licence) -> None:
    state = svc.state_of(licence, TODAY)
    assert (state.effective_on, state.due_on, state.days_left, state.overdue) == (
        date(2026, 9, 10), date(2026, 12, 10), 15, False
    )  # fmt: skip
    assert svc.state_of(licence, date(2026, 12, 11)).overdue


def test_a_licence_not_in_force_has_no_recordal_due(licence) -> None:
    licence.status = LicenceStatus.PAYMENT_PENDING
    assert svc.state_of(licence, TODAY) is None
    with pytest.raises(RuleViolation):
        svc.mark_recorded(licence.licensee, licence.id, TODAY, "X2026980000123")


def test_licensee_or_patentee_marks_recorded_and_may_correct(licence) -> None:
    row = svc.mark_recorded(licence.licensee, licence.id, date(2026, 11, 20), "x2026 980000123")
    assert (row.recordal_number, row.recorded_on) == ("X2026980000123", date(2026, 11, 20))
    again = svc.mark_recorded(licence.declaration.owner, licence.id, date(2026, 11, 21), "X2026980000124")
    assert again.id == row.id and again.recorded_by_id == licence.declaration.owner_id


@pytest.mark.parametrize(
    ("recorded_on", "number", "field"),
    [
        (None, "X2026980000123", "recorded_on"),
        (TODAY + timedelta(days=1), "X2026980000123", "recorded_on"),
        (date(2026, 9, 9), "X2026980000123", "recorded_on"),  # before the licence took effect
        (date(2026, 11, 20), "ABC", "recordal_number"),
        (date(2026, 11, 20), "X2027980000123", "recordal_number"),
    ],
)
def test_bad_recordals_are_refused(licence, recorded_on, number, field) -> None:
    with pytest.raises(ValidationFailed) as err:
        svc.mark_recorded(licence.licensee, licence.id, recorded_on, number)
    assert field in err.value.fields
    db.session.rollback()
    assert svc.recordal_of(licence.id) is None


def test_others_cannot_mark(licence, make_user) -> None:
    with pytest.raises(Forbidden):
        svc.mark_recorded(make_user(Role.ENTERPRISE), licence.id, TODAY, "X2026980000123")


def test_overdue_lists_unrecorded_licences_past_due(licence) -> None:
    assert svc.overdue(TODAY) == []
    late = date(2026, 12, 11)
    assert [s.licence.id for s in svc.overdue(late)] == [licence.id]
    svc.mark_recorded(licence.licensee, licence.id, TODAY, "X2026980000123")
    assert svc.overdue(late) == []


def test_licence_page_shows_due_date_and_marks_recorded(client, login, licence) -> None:
    login(licence.licensee)
    page = client.get(f"/licences/{licence.id}").get_data(as_text=True)
    assert 'id="recordal"' in page and "2026-12-10" in page and "15" in page
    resp = client.post(
        f"/recordals/licences/{licence.id}",
        data={"recorded_on": "2026-11-20", "recordal_number": "X2026980000123"},
        follow_redirects=True,
    )
    assert "X2026980000123" in resp.get_data(as_text=True)
    bad = client.post(
        f"/recordals/licences/{licence.id}", data={"recorded_on": "2026-11-20", "recordal_number": "12"},
        follow_redirects=True,
    )  # fmt: skip
    assert "备案号格式" in bad.get_data(as_text=True)
    assert svc.recordal_of(licence.id).recordal_number == "X2026980000123"


def test_packet_is_a_pdf_with_the_record_notice_and_payment(client, login, licence) -> None:
    login(licence.declaration.owner)
    resp = client.get(f"/recordals/licences/{licence.id}/packet.pdf")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    body = resp.get_data()
    assert body.startswith(b"%PDF") and b"STSong-Light" in body
    assert "recordal-OL-" in resp.headers["Content-Disposition"]


def test_packet_text_holds_the_parties_and_payment(licence) -> None:
    from app.recordals.documents import licence_rows, payment_rows

    rows = dict(licence_rows(licence, svc.state_of(licence, TODAY)))
    assert "专利权人甲" in rows["许可人（专利权人）"] and "被许可企业乙" in rows["被许可人"]
    assert rows["备案期限"].startswith("2026-12-10")
    assert payment_rows(licence)[1][1:3] == ["50,000.00", "BANK-001"]


def test_operator_sees_overdue_list(client, login, licence, make_user) -> None:
    licence.in_force_at = datetime(2026, 6, 1, tzinfo=UTC)
    db.session.commit()
    login(make_user(Role.OPERATOR))
    page = client.get("/recordals/overdue").get_data(as_text=True)
    assert f"OL-{licence.id:06d}" in page and "2026-09-01" in page and "被许可企业乙" in page
