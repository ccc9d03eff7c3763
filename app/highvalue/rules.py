"""CNIPA's five categories of high-value invention patents (高价值发明专利), one function per category.

Source (secondary, CNIPA press conference 2021 Q2; ../shared/LEGAL.md): a VALID INVENTION patent is high-value
if any of: (1) it belongs to a strategic emerging industry (the official SEI-IPC concordance 2021);
(2) it has a patent family member abroad; (3) it has been maintained for more than 10 years; (4) it has been
pledged for a high financing amount (no threshold is published: HIGH_VALUE_PLEDGE_THRESHOLD is this project's
setting); (5) it has won a national science and technology award or a China Patent Award.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _

from app.i18n import N_
from app.integrations import royalties as royalty_bridge
from matching.types import SeiMatch

MAINTAINED_YEARS = 10


@dataclass(frozen=True)
class Award:
    name: str  # "china_patent_award" | "national_sti_award"
    level: str
    year: int


@dataclass(frozen=True)
class HighValueFacts:
    """What the five categories look at, for one patent on one day."""

    valid_invention: bool
    fees_paid: bool
    filing_date: date | None
    sei: tuple[SeiMatch, ...]
    foreign_family: tuple[str, ...]
    pledge_amount: Decimal | None
    pledgee: str
    awards: tuple[Award, ...]


@dataclass(frozen=True)
class Category:
    code: str  # sei | overseas_family | maintained_10y | pledge_financing | award
    evidence: str


def _sei(facts: HighValueFacts, today: date, threshold: Decimal) -> str | None:
    if not facts.sei:
        return None
    return "；".join(f"{m.code} {m.name}（{m.ipc_code} ∈ {m.pattern}）" for m in facts.sei)


def _overseas_family(facts: HighValueFacts, today: date, threshold: Decimal) -> str | None:
    return "、".join(facts.foreign_family) or None


def _maintained_10y(facts: HighValueFacts, today: date, threshold: Decimal) -> str | None:
    if facts.filing_date is None or not facts.fees_paid:
        return None
    if royalty_bridge.years_after(facts.filing_date, MAINTAINED_YEARS) >= today:
        return None
    return _("申请日 %(d)s，维持已超过 10 年且年费已缴", d=facts.filing_date.isoformat())


def _pledge_financing(facts: HighValueFacts, today: date, threshold: Decimal) -> str | None:
    if facts.pledge_amount is None or facts.pledge_amount < threshold:
        return None
    return _(
        "质押融资 ¥%(amount)s（质权人：%(pledgee)s；门槛 ¥%(threshold)s，本平台设定）",
        amount=f"{facts.pledge_amount:,.2f}",
        pledgee=facts.pledgee or "—",
        threshold=f"{threshold:,.0f}",
    )


def _award(facts: HighValueFacts, today: date, threshold: Decimal) -> str | None:
    return "；".join(f"{_(AWARD_LABELS[a.name])} {a.level}（{a.year}）" for a in facts.awards) or None


AWARD_LABELS = {"china_patent_award": N_("中国专利奖"), "national_sti_award": N_("国家科学技术奖")}
CATEGORY_LABELS = {
    "sei": N_("战略性新兴产业"),
    "overseas_family": N_("有海外同族专利"),
    "maintained_10y": N_("维持年限超过 10 年"),
    "pledge_financing": N_("质押融资额较高"),
    "award": N_("获国家科学技术奖或中国专利奖"),
}
CATEGORIES: tuple[tuple[str, Callable[[HighValueFacts, date, Decimal], str | None]], ...] = (
    ("sei", _sei),
    ("overseas_family", _overseas_family),
    ("maintained_10y", _maintained_10y),
    ("pledge_financing", _pledge_financing),
    ("award", _award),
)


def numbered_label(code: str) -> str:
    """'（1）战略性新兴产业', translated: a category with its number in the CNIPA list (the order above)."""
    n = [c for c, _rule in CATEGORIES].index(code) + 1
    return _("（%(n)s）%(label)s", n=n, label=_(CATEGORY_LABELS[code]))


def high_value_categories(facts: HighValueFacts, today: date, pledge_threshold: Decimal) -> list[Category]:
    """The categories a valid invention patent meets, each with its evidence; none for other patents."""
    if not facts.valid_invention:
        return []
    found = ((code, test(facts, today, pledge_threshold)) for code, test in CATEGORIES)
    return [Category(code, evidence) for code, evidence in found if evidence]
