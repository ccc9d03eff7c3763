"""The operator's maintenance monitoring: each list's boundaries (relative to today), filters, pages, CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from app import clock
from app.auth.models import Role
from app.errors import Forbidden, ValidationFailed
from app.extensions import db
from app.monitoring import routes
from app.monitoring.services import (
    HIGH_VALUE_UNPAID,
    LAPSE,
    NEARING,
    MonitorFilter,
    monitored_patents,
    parse_monitor_filter,
)
from royalties.annual_fees import add_months
from royalties.term import add_years

SEI_IPC = ["H02J 3/38"]  # 6.2 wind power: a strategic emerging industry (high-value category 1)


def due_in(make_patent, owner, days: int, years: int = 5, **fields):
    """An invention whose next fee (year ``years`` + 1) falls due ``days`` from today, earlier years paid."""
    due = clock.today() + timedelta(days=days)
    filing = add_years(due, -years)
    paid_until = due - timedelta(days=1)
    values = dict(filing_date=filing, grant_date=add_years(filing, 2), annual_fee_paid_until=paid_until)
    return make_patent(owner=owner, **{**values, **fields})


def in_year(make_patent, owner, filed_years_ago: int, shift_days: int = 0, **fields):
    """A patent filed ``filed_years_ago`` years (plus ``shift_days``) before today, fees paid well ahead."""
    filing = add_years(clock.today(), -filed_years_ago) + timedelta(days=shift_days)
    return make_patent(
        owner=owner,
        filing_date=filing,
        grant_date=add_years(filing, 2),
        annual_fee_paid_until=clock.today() + timedelta(days=400),
        **fields,
    )


@pytest.fixture
def operator(make_user):
    return make_user(Role.OPERATOR)


@pytest.fixture
def owner(make_user):
    return make_user(Role.PATENTEE)


def listed(operator, f: MonitorFilter | None = None) -> dict[int, tuple[str, ...]]:
    return {r.patent.id: r.reasons for r in monitored_patents(operator, f or MonitorFilter())}


@pytest.mark.parametrize(
    ("days", "reasons"),
    [
        (91, None),  # due in 91 days: not yet
        (90, (LAPSE,)),  # the first reminder's day: at risk
        (1, (LAPSE,)),
        (0, (LAPSE,)),  # due today, still unpaid
        (-1, (LAPSE,)),  # a day late: grace, surcharge
    ],
)
def test_lapse_risk_window(app, make_patent, operator, owner, days, reasons):
    patent = due_in(make_patent, owner, days)
    assert listed(operator).get(patent.id) == reasons


def test_grace_until_its_last_day_then_lapsed_and_not_listed(app, make_patent, operator, owner):
    today = clock.today()
    last_grace_day_due = add_months(today, -6) + timedelta(days=1)  # grace deadline is tomorrow
    in_grace = due_in(make_patent, owner, (last_grace_day_due - today).days)
    lapsed = due_in(make_patent, owner, (add_months(today, -6) - today).days)  # deadline today: lapsed
    found = listed(operator)
    assert found.get(in_grace.id) == (LAPSE,)
    assert lapsed.id not in found


@pytest.mark.parametrize(
    ("years_ago", "shift", "kind", "on_list"),
    [
        (7, 1, "invention", False),  # patent year 7
        (7, 0, "invention", True),  # first day of year 8
        (10, 1, "invention", True),  # last day of year 10
        (10, 0, "invention", False),  # year 11: already more than 10 years
        (9, 0, "utility_model", False),  # only inventions count as high-value
    ],
)
def test_nearing_ten_years(app, make_patent, operator, owner, years_ago, shift, kind, on_list):
    patent = in_year(make_patent, owner, years_ago, shift, kind=kind)
    assert (listed(operator).get(patent.id) == (NEARING,)) is on_list


def test_high_value_patents_with_an_unpaid_fee(app, make_patent, operator, owner):
    soon = due_in(make_patent, owner, 30, ipc_codes=SEI_IPC)
    grace = due_in(make_patent, owner, -40, ipc_codes=SEI_IPC)  # not high-value today, at stake if paid
    later = due_in(make_patent, owner, 200, ipc_codes=SEI_IPC)  # fee not due soon: not listed
    plain = due_in(make_patent, owner, 30)
    found = listed(operator)
    assert found[soon.id] == found[grace.id] == (LAPSE, HIGH_VALUE_UNPAID)
    assert later.id not in found and found[plain.id] == (LAPSE,)
    rows = monitored_patents(operator, MonitorFilter(which=HIGH_VALUE_UNPAID))
    assert [r.patent.id for r in rows] == [grace.id, soon.id]  # the more urgent first
    assert [c.code for c in rows[0].high_value] == ["sei"]


def test_lapsed_or_not_granted_patents_are_left_out(app, make_patent, operator, owner):
    from app.patents.models import LegalStatus

    due_in(make_patent, owner, 10, legal_status=LegalStatus.LAPSED)
    due_in(make_patent, owner, 10, grant_date=None)
    assert listed(operator) == {}


def test_filters_region_industry_sei(app, make_patent, make_declaration, operator, owner, make_user):
    wind = due_in(make_patent, owner, 30, ipc_codes=SEI_IPC)  # owner: 辽宁省, industry C
    elsewhere = make_user(Role.PATENTEE)
    elsewhere.organisation.province, elsewhere.organisation.industry_codes = "广东省", ["A"]
    db.session.commit()
    farm = due_in(make_patent, elsewhere, 30)
    make_declaration(patent=farm, industry_code="01")  # 01 agriculture: section A
    ids = lambda **kw: {r.patent.id for r in monitored_patents(operator, MonitorFilter(**kw))}  # noqa: E731
    assert ids(province="辽宁省") == {wind.id} and ids(province="广东省") == {farm.id}
    assert ids(industry_section="C") == {wind.id} and ids(industry_section="A") == {farm.id}
    assert ids(sei="6") == ids(sei="6.2") == {wind.id} and ids(sei="1") == set()
    assert ids(which=NEARING) == set()


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("soon", "", "", ""), "which"),
        (("", "火星省", "", ""), "province"),
        (("", "", "Z", ""), "industry_section"),
        (("", "", "", "10"), "sei"),
        (("", "", "", "6.2.9"), "sei"),
    ],
)
def test_bad_filter_values(app, args, field):
    with pytest.raises(ValidationFailed) as err:
        parse_monitor_filter(*args)
    assert field in err.value.fields


def test_only_operators_read_the_lists(app, owner):
    with pytest.raises(Forbidden):
        monitored_patents(owner, MonitorFilter())


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.OPERATOR, 200), (Role.ADMIN, 200), (Role.PATENTEE, 403), (Role.ENTERPRISE, 403)],
)
def test_page_roles(client, make_user, login, role, status):
    login(make_user(role))
    assert client.get("/monitoring/").status_code == status
    assert client.get("/monitoring/fees.csv").status_code == status


def test_page_lists_filters_and_links_from_navigation(client, make_patent, operator, owner, login):
    patent = due_in(make_patent, owner, -40, ipc_codes=SEI_IPC)
    login(operator)
    html = client.get("/monitoring/?which=high_value_unpaid&sei=6").get_data(as_text=True)
    assert f'data-patent="{patent.number}"' in html and "滞纳期" in html and "战略性新兴产业" in html
    assert 'href="/monitoring/fees.csv?which=high_value_unpaid' in html
    html = client.get("/monitoring/?sei=1").get_data(as_text=True)
    assert 'id="monitoring-empty"' in html
    assert 'href="/monitoring/"' in client.get("/dashboard").get_data(as_text=True)


def test_first_visit_shows_the_operators_own_region(client, make_patent, operator, owner, login):
    login(operator)  # 辽宁省
    html = client.get("/monitoring/").get_data(as_text=True)
    assert '<option value="辽宁省" selected>' in html


def test_page_bad_filter(client, operator, login):
    login(operator)
    resp = client.get("/monitoring/?province=火星省&sei=x")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and 'id="monitoring-error"' in html and 'id="monitoring"' not in html


def test_pages(client, make_patent, operator, owner, login, monkeypatch):
    monkeypatch.setattr(routes, "PER_PAGE", 2)
    patents = [due_in(make_patent, owner, d) for d in (10, 20, 30)]
    login(operator)
    first = client.get("/monitoring/?which=lapse").get_data(as_text=True)
    second = client.get("/monitoring/?which=lapse&page=2").get_data(as_text=True)
    assert patents[0].number in first and patents[2].number not in first
    assert patents[2].number in second and "page=1" in second and "which=lapse" in second


def test_csv_export_is_the_filtered_list(client, make_patent, operator, owner, login):
    hv = due_in(make_patent, owner, -40, ipc_codes=SEI_IPC, title="=HYPERLINK(1) 风电并网控制方法")
    due_in(make_patent, owner, 30)
    login(operator)
    resp = client.get("/monitoring/fees.csv?which=high_value_unpaid")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    text = resp.get_data().decode("utf-8")
    assert text.startswith("\ufeff专利号,")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["专利号"] == hv.number and row["名称"].startswith("'=")  # no formula runs in Excel
    assert row["状态"] == "滞纳期" and row["省份"] == "辽宁省" and row["高价值类别"] == "战略性新兴产业"
    assert row["缴费期限"] == (clock.today() - timedelta(days=40)).isoformat()
    assert row["监测事项"].count("；") == 1


def test_csv_bad_filter_writes_nothing(client, operator, login):
    login(operator)
    resp = client.get("/monitoring/fees.csv?which=nope")
    assert resp.status_code == 302 and resp.mimetype != "text/csv"


def _queries(operator, f: MonitorFilter) -> int:
    from sqlalchemy import event

    seen: list[str] = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        monitored_patents(operator, f)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


@pytest.mark.parametrize("f", [MonitorFilter(), MonitorFilter(industry_section="C", sei="6")])
def test_no_query_per_patent(app, make_patent, make_user, operator, f):
    def add(n: int) -> None:
        for days in range(n):
            due_in(make_patent, make_user(Role.PATENTEE), days - 20, ipc_codes=SEI_IPC)

    add(2)
    db.session.expire_all()
    before = _queries(operator, f)
    add(3)
    db.session.expire_all()
    assert _queries(operator, f) == before
