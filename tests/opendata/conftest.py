"""A small market with planted secrets: what anonymous visitors may see, and what they must never see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from app.auth.models import Role, User
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.extensions import db
from app.licences.services import file_sales_report, take_licence
from app.payments.services import confirm_licence_payment, confirm_payment, dispute_licence_payment

# Values that exist only where their owners may see them; no anonymous response may contain one.
SECRETS = {
    "draft_title": "绝密草稿专利名称甲乙丙",
    "draft_contact": "草稿联系人 13900000001",
    "withdrawn_contact": "撤回后联系人 13900000002",
    "payment_reference": "PAY-SECRET-7731",
    "report_payment_reference": "PAY-SECRET-8842",
    "enterprise_name": "保密被许可企业有限公司",
    "enterprise_email": "secret-licensee@example.cn",
}
# Real granted inventions from data/cn_patent_titles_ipc.csv.
PATENTS = [
    ("CN111504366B", "基于人工智能的流体输送系统精确计量方法及计量装置", ["G01D", "G01F"]),
    ("CN111464778B", "带私有协议的数据处理取证的方法及装置", ["H04L", "H04N"]),
    ("CN111741254B", "一种基于无人机信息终端的可视化数字孪生高端装备系统", ["B64D", "G06F"]),
    ("CN111921465B", "一种偶氮颜料连续化合成微混合器及其连续化制备方法", ["B01J", "C09B"]),
]
NOTICE = "本单位依《专利法》第五十一条书面通知：愿按公告标准实施该专利。"


@dataclass
class Market:
    patentee: User
    enterprise: User
    lump: Declaration  # published 2026-10, lump sum, licensed and paid
    running: Declaration  # published 2026-11, running royalty, licensed, one report paid
    withdrawn: Declaration
    draft: Declaration


def _announced(make_declaration: Any, patent: Any, at: datetime, **fields: Any) -> Declaration:
    fields.setdefault("ipc_sections", ",G,")
    decl: Declaration = make_declaration(
        patent, status=DeclarationStatus.PUBLISHED, published_at=at, **fields
    )
    return decl


@pytest.fixture
def market(app, make_user, make_patent, make_declaration) -> Market:
    patentee = make_user(Role.PATENTEE, org="辽宁示范专利权人")
    enterprise = make_user(Role.ENTERPRISE, email=SECRETS["enterprise_email"], org=SECRETS["enterprise_name"])
    p1, p2, p3, p4 = (
        make_patent(owner=patentee, publication_number=n, title=t, ipc_codes=ipc) for n, t, ipc in PATENTS
    )
    lump = _announced(make_declaration, p1, datetime(2026, 10, 9, 3, tzinfo=UTC), industry_code="4016")
    running = _announced(
        make_declaration, p2, datetime(2026, 11, 2, 3, tzinfo=UTC), industry_code="39", ipc_sections=",H,",
        fee_method=FeeMethod.RUNNING_ROYALTY, lump_sum=None, royalty_rate_pct=Decimal("3.50"),
    )  # fmt: skip
    withdrawn = make_declaration(
        p3, status=DeclarationStatus.WITHDRAWN, published_at=datetime(2026, 9, 1, 3, tzinfo=UTC),
        withdrawn_at=datetime(2026, 11, 1, 3, tzinfo=UTC), withdrawal_reason="技术方案调整",
        contact=SECRETS["withdrawn_contact"], ipc_sections=",G,",
    )  # fmt: skip
    p4.title = SECRETS["draft_title"]
    draft = make_declaration(p4, contact=SECRETS["draft_contact"])
    paid, _ = take_licence(enterprise, lump.id, NOTICE, SECRETS["payment_reference"], Decimal("50000.00"))
    confirm_licence_payment(patentee, paid.id)  # in force once the patentee confirms (Art. 51)
    licence, _ = take_licence(enterprise, running.id, NOTICE, "", None)  # nothing due at taking: in force
    report = file_sales_report(
        enterprise, licence.id, running.period_start, running.period_start.replace(month=3, day=31),
        Decimal("100000.00"), 0, SECRETS["report_payment_reference"],
    )  # fmt: skip
    confirm_payment(patentee, report.payment.id)
    db.session.commit()
    return Market(patentee, enterprise, lump, running, withdrawn, draft)


@pytest.fixture(params=["claimed", "disputed"])
def unconfirmed(request, market, make_user) -> Market:
    """The market plus a second licensee's lump sum the patentee has not confirmed: no figure may count it."""
    other = make_user(Role.ENTERPRISE, org="待确认付款企业")
    licence, _ = take_licence(other, market.lump.id, NOTICE, "PAY-PENDING-5501", Decimal("50000.00"))
    if request.param == "disputed":
        dispute_licence_payment(market.patentee, licence.id, "未收到该笔款项")
    db.session.commit()
    return market
