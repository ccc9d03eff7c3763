"""Public announcements: keyword, filters (IPC section, industry, kind, fee method, region), paging."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.auth.models import Role
from app.declarations.models import FeeMethod
from app.declarations.services import search_announcements
from app.extensions import db
from app.patents.models import PatentKind
from tests.declarations.helpers import publish

# Real patents from data/cn_patent_titles_ipc.csv.
REAL = [
    (
        "CN111504366B",
        "基于人工智能的流体输送系统精确计量方法及计量装置",
        ["G01D", "G01F"],
        PatentKind.INVENTION,
    ),
    ("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", ["A01M", "G06F", "H02G"], PatentKind.INVENTION),
    ("CN215667380U", "一种废水循环利用的自动洗车装置", ["B60S", "C02F"], PatentKind.UTILITY_MODEL),
]


@pytest.fixture
def market(app, make_user, make_patent, make_declaration):
    from app.auth.services import ProfileInput, save_profile

    shanghai = make_user(Role.PATENTEE)
    save_profile(shanghai, ProfileInput(name="上海某研究院", province="上海市", industry_codes=["C"]))
    owners = [make_user(Role.PATENTEE), shanghai, make_user(Role.PATENTEE)]  # make_user puts orgs in 辽宁省
    standards = [
        {"industry_code": "40"},
        {"fee_method": FeeMethod.RUNNING_ROYALTY, "lump_sum": None, "royalty_rate_pct": Decimal("3"),
         "industry_code": "44"},
        {"industry_code": "81", "period_end": date(2029, 12, 31)},
    ]  # fmt: skip
    decls = []
    for (number, title, ipc, kind), owner, fields in zip(REAL, owners, standards, strict=True):
        extra = {"evaluation_report_ref": "PE-2022-0001"} if kind == PatentKind.UTILITY_MODEL else {}
        patent = make_patent(
            owner=owner, publication_number=number, title=title, ipc_codes=ipc, kind=kind, **extra
        )
        decls.append(publish(make_declaration(patent, **fields)))
    make_declaration(
        make_patent(
            owner=owners[0], publication_number="CN215792497U", title="一种膜纸自动化印刷技术生产线结构"
        )
    )
    db.session.commit()
    return decls


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [0, 1, 2]),
        ({"q": "计量"}, [0]),
        ({"q": "G06F"}, [1]),
        ({"q": "cn215667380u"}, [2]),
        ({"q": "印刷"}, []),  # a draft never shows
        ({"ipc_section": "G"}, [0, 1]),
        ({"ipc_section": "B"}, [2]),
        ({"industry": "4"}, [0, 1]),
        ({"kind": "utility_model"}, [2]),
        ({"fee_method": "running_royalty"}, [1]),
        ({"province": "上海市"}, [1]),
        ({"province": "辽宁省", "ipc_section": "G"}, [0]),
    ],
)
def test_filters(market, filters, expected):
    page = search_announcements(**filters)
    assert sorted(d.id for d in page.items) == sorted(market[i].id for i in expected)
    assert page.total == len(expected)


def test_paging(market, app):
    app.config["PAGE_SIZE"] = 2
    first = search_announcements()
    second = search_announcements(first.next_cursor)
    assert len(first.items) == 2 and len(second.items) == 1 and second.next_cursor is None
    assert [d.id for d in first.items + second.items] == [d.id for d in reversed(market)]  # newest first
    assert first.total == second.total == 3


def test_public_page_filters_and_cards(market, client):
    page = client.get("/announcements?ipc_section=B").get_data(as_text=True)
    assert "一种废水循环利用的自动洗车装置" in page and "计量" not in page.split("共")[1]
    assert "实用新型" in page and "辽宁省" in page
    shanghai = client.get("/announcements?province=上海市").get_data(as_text=True)
    assert "驱鸟" in shanghai and "按净销售额提成" in shanghai
    assert client.get("/announcements?kind=plant").status_code == 200  # a bad filter is ignored, not a 500


def test_partial_query_string_shows_no_filter_errors(client, make_declaration):
    from app.declarations.models import DeclarationStatus

    make_declaration(status=DeclarationStatus.PUBLISHED)
    for query in ("?lang=en", "?q=计量", "?page=1&kind=invention", "?cursor=&kind=invention"):
        html = client.get("/announcements" + query).get_data(as_text=True)
        assert 'class="error"' not in html, query
