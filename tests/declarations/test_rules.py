"""Every legal rule refuses publication through the service, naming the rule; a clean draft publishes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.declarations.models import DeclarationStatus, FeeMethod
from app.declarations.services import publish_declaration
from app.errors import RuleViolation
from app.extensions import db
from app.patents.models import LegalStatus, PatentKind
from tests.declarations.helpers import TODAY, publish

# (case, patent fields, declaration fields, broken rule)
CASES = [
    ("pending", {"legal_status": LegalStatus.PENDING}, {}, "granted_in_force"),
    ("lapsed", {"legal_status": LegalStatus.LAPSED}, {}, "granted_in_force"),
    ("fees unknown", {"annual_fee_paid_until": None}, {}, "granted_in_force"),
    ("fees unpaid", {"annual_fee_paid_until": date(2026, 3, 1)}, {}, "granted_in_force"),
    ("term over", {"filing_date": date(2005, 3, 1)}, {}, "granted_in_force"),
    ("exclusive licence", {"exclusive_licence_until": date(2026, 12, 31)}, {}, "no_exclusive_licence"),
    ("ownership dispute", {"ownership_dispute": True}, {}, "no_ownership_dispute"),
    ("pledged", {"pledged": True}, {}, "pledgee_consent"),
    (
        "utility model",
        {"kind": PatentKind.UTILITY_MODEL, "publication_number": "CN215792497U"},
        {"period_end": date(2029, 12, 31)},
        "evaluation_report",
    ),
    ("design", {"kind": PatentKind.DESIGN, "filing_date": date(2022, 1, 5)}, {}, "evaluation_report"),
    ("no fee method", {}, {"fee_method": None, "lump_sum": None}, "fee_standard_complete"),
    ("no lump sum", {}, {"lump_sum": None}, "fee_standard_complete"),
    ("ambiguous", {}, {"unit_fee": Decimal("5")}, "fee_standard_complete"),
    (
        "rate over 100",
        {},
        {"fee_method": FeeMethod.RUNNING_ROYALTY, "lump_sum": None, "royalty_rate_pct": Decimal("101")},
        "fee_standard_complete",
    ),  # noqa: E501
    (
        "entry without rate",
        {},
        {"fee_method": FeeMethod.ENTRY_PLUS_RUNNING, "lump_sum": None, "entry_fee": Decimal("1000")},
        "fee_standard_complete",
    ),  # noqa: E501
    ("no period", {}, {"period_end": None}, "period_valid"),
    (
        "period reversed",
        {},
        {"period_start": date(2027, 1, 1), "period_end": date(2026, 12, 1)},
        "period_valid",
    ),
    ("period past", {}, {"period_start": date(2025, 1, 1), "period_end": date(2026, 1, 1)}, "period_valid"),
    ("beyond term", {}, {"period_end": date(2040, 3, 1)}, "period_valid"),
    ("no contact", {}, {"contact": "  "}, "contact_given"),
    ("promotional remarks", {}, {"remarks": "国内领先技术，限时优惠"}, "no_promotional_wording"),
    ("promotional contact", {}, {"contact": "行业第一的许可办公室 021-12345678"}, "no_promotional_wording"),
]


@pytest.mark.parametrize(("case", "patent_fields", "decl_fields", "rule"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_refuses_with_its_id(
    app, make_patent, make_declaration, case, patent_fields, decl_fields, rule
):
    decl = make_declaration(make_patent(**patent_fields), **decl_fields)
    with pytest.raises(RuleViolation) as exc:
        publish_declaration(decl.owner, decl.id, today=TODAY)
    assert rule in exc.value.fields
    assert "第" in exc.value.fields[rule] and "条" in exc.value.fields[rule]  # the message cites the law
    db.session.rollback()
    assert decl.status == DeclarationStatus.DRAFT and decl.published_at is None


@pytest.mark.parametrize(
    ("patent_fields", "rule"),
    [
        ({"pledged": True, "pledgee_consent_ref": "质权人同意书 2026-001"}, "pledgee_consent"),
        ({"exclusive_licence_until": date(2026, 5, 31)}, "no_exclusive_licence"),
        ({"kind": PatentKind.UTILITY_MODEL, "evaluation_report_ref": "PE2026-12345"}, "evaluation_report"),
    ],
)
def test_cured_obstacles_let_it_publish(app, make_patent, make_declaration, patent_fields, rule):
    decl = make_declaration(make_patent(**patent_fields), period_end=date(2029, 12, 31))
    publish(decl)
    assert decl.status == DeclarationStatus.PUBLISHED


def test_all_broken_rules_are_listed_together(app, make_patent, make_declaration):
    patent = make_patent(legal_status=LegalStatus.PENDING, pledged=True, ownership_dispute=True)
    decl = make_declaration(patent, contact="", lump_sum=None)
    with pytest.raises(RuleViolation) as exc:
        publish_declaration(decl.owner, decl.id, today=TODAY)
    assert set(exc.value.fields) == {
        "granted_in_force",
        "pledgee_consent",
        "no_ownership_dispute",
        "fee_standard_complete",
        "contact_given",
    }


def test_only_one_published_declaration_per_patent(app, make_patent, make_declaration):
    patent = make_patent()
    publish(make_declaration(patent))
    second = make_declaration(patent)
    with pytest.raises(RuleViolation) as exc:
        publish_declaration(second.owner, second.id, today=TODAY)
    assert "one_open_declaration" in exc.value.fields


def test_clean_declaration_publishes_with_ipc_sections(app, make_declaration):
    decl = publish(make_declaration())
    assert decl.status == DeclarationStatus.PUBLISHED and decl.published_at is not None
    assert decl.ipc_sections == ",G,"


def test_promotional_wording_is_named_in_the_refusal(app, make_declaration):
    decl = make_declaration(remarks="本专利技术国际领先、世界第一，是您的最佳首选。")
    with pytest.raises(RuleViolation) as exc:
        publish_declaration(decl.owner, decl.id, today=TODAY)
    message = exc.value.fields["no_promotional_wording"]
    assert all(word in message for word in ("最佳", "首选", "国际领先", "世界第一"))
    assert "第八十五条" in message


@pytest.mark.parametrize(
    "remarks",
    [
        "依据第一条约定，许可期限内最大年产量不设上限；唯一联系人为许可办公室。",
        "The licensee reports net sales each quarter.",
        "许可费按季度结算，绝对值以发票为准；100%股权子公司可同享许可。",
    ],
)
def test_plain_remarks_are_not_promotional(app, make_declaration, remarks):
    decl = publish(make_declaration(remarks=remarks))
    assert decl.status == DeclarationStatus.PUBLISHED
