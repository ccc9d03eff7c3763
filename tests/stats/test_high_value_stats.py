"""High-value inventions in the statistics: per category, region (per 10,000 residents) and SEI; the
operator's population form with its bad inputs; the same figures over GET /api/v1/stats."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app import clock
from app.auth.models import Role
from app.errors import ValidationFailed
from app.extensions import db
from app.highvalue.services import parse_high_value_input, update_high_value_facts
from app.stats.models import RegionPopulation
from app.stats.population import PopulationInput, parse_population, set_population
from app.stats.services import StatsFilter, market_stats
from royalties.term import add_years
from tests.rows import count

WIND = ["H02J 3/38"]  # SEI 6.2 (top category 6)
CHIP = ["H01L 21/02"]


def old(**fields):
    """Filed 12 years ago, fees paid ahead: CNIPA category 3."""
    filing = add_years(clock.today(), -12)
    paid = clock.today() + timedelta(days=200)
    return dict(filing_date=filing, grant_date=add_years(filing, 3), annual_fee_paid_until=paid, **fields)


@pytest.fixture
def patents(make_patent, make_user):
    liaoning = make_user(Role.PATENTEE)  # make_user's organisations are in 辽宁省
    guangdong = make_user(Role.PATENTEE)
    guangdong.organisation.province = "广东省"
    db.session.commit()
    wind_old = make_patent(owner=liaoning, **old(ipc_codes=WIND))  # sei + maintained_10y
    family = make_patent(owner=liaoning)
    update_high_value_facts(liaoning, family.id, parse_high_value_input({"foreign_family": "US10123456B2"}))
    make_patent(owner=liaoning)  # ordinary: not counted
    make_patent(owner=guangdong, ipc_codes=WIND)  # sei
    make_patent(owner=guangdong, kind="utility_model", ipc_codes=WIND)  # not an invention: never
    db.session.commit()
    return wind_old


def test_counts_per_category_region_and_sei(app, patents):
    hv = market_stats(StatsFilter()).high_value
    assert hv.total == 3
    assert dict(hv.by_category) == {
        "sei": 2,
        "overseas_family": 1,
        "maintained_10y": 1,
        "pledge_financing": 0,
        "award": 0,
    }
    assert [(r.province, r.count, r.per_10k) for r in hv.by_region] == [
        ("辽宁省", 2, None),
        ("广东省", 1, None),
    ]
    assert [(code, n) for code, _name, n in hv.by_sei] == [("6", 2)]
    assert market_stats(StatsFilter(province="广东省")).high_value.total == 1


def test_per_ten_thousand_people_once_a_population_is_entered(app, patents, make_user):
    set_population(make_user(Role.OPERATOR), PopulationInput("辽宁省", 40_000, "2025 统计年鉴"))
    db.session.commit()
    (liaoning, guangdong) = market_stats(StatsFilter()).high_value.by_region
    assert (liaoning.population, liaoning.source, liaoning.per_10k) == (
        40_000,
        "2025 统计年鉴",
        Decimal("0.5000"),
    )
    assert guangdong.per_10k is None


@pytest.mark.parametrize(
    ("province", "population", "source", "field"),
    [
        ("火星省", "1000", "年鉴", "province"),
        ("辽宁省", "", "年鉴", "population"),
        ("辽宁省", "0", "年鉴", "population"),
        ("辽宁省", "000", "年鉴", "population"),
        ("辽宁省", "-5", "年鉴", "population"),
        ("辽宁省", "1.5", "年鉴", "population"),
        ("辽宁省", "四千万", "年鉴", "population"),
        ("辽宁省", "４２", "年鉴", "population"),  # fullwidth digits
        ("辽宁省", "2000000001", "年鉴", "population"),
        ("辽宁省", "9" * 5000, "年鉴", "population"),
        ("辽宁省", "42000000", "", "source"),
        ("辽宁省", "42000000", "x" * 101, "source"),
    ],
)
def test_population_bad_inputs(app, province, population, source, field):
    with pytest.raises(ValidationFailed) as err:
        parse_population(province, population, source)
    assert field in err.value.fields


def test_population_accepts_thousands_separators_and_replaces_the_old_figure(app, make_user):
    operator = make_user(Role.OPERATOR)
    assert parse_population(" 辽宁省", "41,970,000", " 2025 统计年鉴 ").population == 41_970_000
    set_population(operator, PopulationInput("辽宁省", 1, "a"))
    set_population(operator, PopulationInput("辽宁省", 2, "b"))
    db.session.commit()
    assert count(RegionPopulation) == 1


@pytest.mark.parametrize(
    ("role", "status"), [(Role.OPERATOR, 200), (Role.PATENTEE, 403), (Role.ENTERPRISE, 403)]
)
def test_population_page_roles(client, make_user, login, role, status):
    login(make_user(role))
    assert client.get("/stats/population").status_code == status


def test_population_form_saves_and_refuses_bad_input(client, make_user, login):
    login(make_user(Role.OPERATOR))
    resp = client.post("/stats/population", data={"province": "辽宁省", "population": "-3", "source": "年鉴"})
    assert resp.status_code == 200 and "常住人口应为正整数" in resp.get_data(as_text=True)
    assert count(RegionPopulation) == 0
    data = {"province": "辽宁省", "population": "41970000", "source": "2025 统计年鉴"}
    assert client.post("/stats/population", data=data).status_code == 302
    html = client.get("/stats/population").get_data(as_text=True)
    assert "41,970,000" in html and "2025 统计年鉴" in html


def test_population_form_needs_csrf(app, client, make_user, login):
    login(make_user(Role.OPERATOR))
    app.config["WTF_CSRF_ENABLED"] = True
    data = {"province": "辽宁省", "population": "41970000", "source": "年鉴"}
    assert client.post("/stats/population", data=data).status_code == 400
    assert count(RegionPopulation) == 0


def test_stats_page_shows_the_breakdown(client, patents, make_user, login):
    operator = make_user(Role.OPERATOR)
    set_population(operator, PopulationInput("辽宁省", 40_000, "2025 统计年鉴"))
    db.session.commit()
    login(operator)
    html = client.get("/stats/?province=").get_data(as_text=True)  # all regions
    assert '<td id="stat-high-value">3</td>' in html
    assert '<tr data-code="sei"><td>（1）战略性新兴产业</td><td>2</td></tr>' in html
    assert '<td class="per-10k">0.5000</td>' in html and 'href="/stats/population"' in html
    assert '<tr data-code="6"><td>6 新能源产业</td><td>2</td></tr>' in html


def test_api_gives_the_same_figures(client, patents, make_user):
    set_population(make_user(Role.OPERATOR), PopulationInput("辽宁省", 40_000, "2025 统计年鉴"))
    db.session.commit()
    body = client.get("/api/v1/stats").get_json()
    assert body["high_value_inventions"] == {
        "count": 1,
        "criterion": "maintained_over_10_years",
        "filing_date_unknown": 0,
    }
    hv = body["high_value"]
    assert hv["count"] == 3 and hv["by_category"]["sei"] == 2
    assert hv["by_province"][0] == {
        "province": "辽宁省",
        "count": 2,
        "population": 40000,
        "population_source": "2025 统计年鉴",
        "per_10k": "0.5000",
    }
    assert hv["by_province"][1]["per_10k"] is None
    assert hv["by_sei"] == [{"code": "6", "name": "新能源产业", "count": 2}]


def test_public_statistics_chart_high_value_by_category_and_sei(client, patents):
    html = client.get("/statistics").get_data(as_text=True)
    for chart in ("chart-high-value", "chart-high-value-sei"):
        assert f'data-chart="{chart}"' in html and f'id="{chart}-table"' in html
    rows = client.get("/statistics.csv").get_data().decode("utf-8")
    assert "高价值发明专利：按类别,有海外同族专利,高价值发明专利,1" in rows
    assert "高价值发明专利：按战略性新兴产业,6 新能源产业,高价值发明专利,2" in rows
