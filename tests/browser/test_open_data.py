"""Issue 12's journey: a visitor sees live figures, opens the charts, and takes the data away as XLSX."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.auth.models import Role
from app.auth.services import ProfileInput, create_user, save_profile
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.extensions import db
from app.licences.services import take_licence
from app.patents.models import LegalStatus, Patent, PatentKind
from app.payments.services import confirm_licence_payment
from tests.browser.conftest import ARTIFACTS, follow, shot

pytestmark = pytest.mark.browser

# Real granted inventions from data/cn_patent_titles_ipc.csv.
PATENTS = [
    ("CN111504366B", "基于人工智能的流体输送系统精确计量方法及计量装置", ["G01D", "G01F"], "4016"),
    ("CN111464778B", "带私有协议的数据处理取证的方法及装置", ["H04L", "H04N"], "39"),
    ("CN111921465B", "一种偶氮颜料连续化合成微混合器及其连续化制备方法", ["B01J", "C09B"], "26"),
]
NOTICE = "本单位依《专利法》第五十一条书面通知：愿按公告标准实施该专利。"


def _user(email: str, role: Role, name: str, province: str) -> object:
    user = create_user(email, "open-data-pass-1", role, display_name=name)
    save_profile(user, ProfileInput(name=name, province=province))
    return user


def seed_market(app) -> None:
    with app.app_context():
        owners = [_user("p1@open.cn", Role.PATENTEE, "大连计量研究所", "辽宁省"),
                  _user("p2@open.cn", Role.PATENTEE, "上海数据技术公司", "上海市")]  # fmt: skip
        sme = _user("sme@open.cn", Role.ENTERPRISE, "沈阳精密仪器有限公司", "辽宁省")
        for i, (number, title, ipc, industry) in enumerate(PATENTS):
            patent = Patent(owner=owners[i % 2], publication_number=number, title=title, ipc_codes=ipc,
                            kind=PatentKind.INVENTION, legal_status=LegalStatus.GRANTED)  # fmt: skip
            decl = Declaration(
                patent=patent,
                owner=patent.owner,
                status=DeclarationStatus.PUBLISHED,
                fee_method=FeeMethod.LUMP_SUM,
                lump_sum=Decimal("30000.00"),
                period_start=date(2026, 1, 1),
                period_end=date(2028, 12, 31),
                contact="许可办公室 0411-12345678",
                industry_code=industry,
                ipc_sections=Declaration.sections_of(ipc),
                published_at=datetime(2026, 9 + i, 10, 2, tzinfo=UTC),
            )
            db.session.add(decl)
        db.session.flush()
        licence, _ = take_licence(sme, decl.id, NOTICE, "BANK-2026-0001", Decimal("30000.00"))
        confirm_licence_payment(decl.owner, licence.id)  # in force once the patentee confirms (Art. 51)
        db.session.commit()


def test_visitor_reads_the_market_and_downloads_it(live_app, browser_page) -> None:
    app, base = live_app
    seed_market(app)
    page, errors = browser_page, []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(base + "/")
    assert page.inner_text("#figure-announcements") == "3"
    assert page.inner_text("#figure-licences") == "1" and "30,000.00" in page.inner_text("#figure-royalties")
    shot(page, "open-data-front-page")

    follow(page, "#to-statistics")
    page.wait_for_selector("[data-chart][data-drawn='1'] canvas")
    charts = page.locator("[data-chart]")
    assert charts.count() == 8 and page.locator("[data-chart][data-drawn='1']").count() == 8
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.locator("canvas").first.wait_for()
        chart.screenshot(path=str(ARTIFACTS / f"open-data-{chart.get_attribute('id')}.png"))
    assert page.locator("#chart-region-table").inner_text().count("辽宁省") == 1
    shot(page, "open-data-statistics")

    page.goto(base + "/announcements")
    with page.expect_download() as download:
        page.click("#download-xlsx")
    assert download.value.suggested_filename == "announcements.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True)
    xlsx_rows = list(book.active.iter_rows(values_only=True))
    csv_text = page.request.get(base + "/announcements.csv").body().decode("utf-8")
    csv_rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert len(xlsx_rows) == len(csv_rows) == 4  # header + three announcements
    assert {r[1] for r in xlsx_rows[1:]} == {p[0] for p in PATENTS}
    assert errors == []
