"""The operation centre's maintenance monitoring (Liaoning guideline, measure 4): granted patents at risk of
lapse, inventions about to count as "maintained more than 10 years", high-value patents with an unpaid fee.

The rules (this project's reading; each patent's fee position is the one fees.services.fee_position_of
computes under Implementing Rules (2023) Art. 115):
- at risk of lapse: the next fee is unpaid and due within DUE_SOON_DAYS (the first fee reminder), or in the
  six months of grace;
- nearing 10 years: a granted invention in patent year 8, 9 or 10, not lapsed (CNIPA high-value category 3
  needs more than 10 years);
- high value, fee unpaid: at risk of lapse and meeting one of CNIPA's five categories once the fee is paid
  (an unpaid fee in grace already takes the patent out of the count).
A patent whose grace period has passed is lapsed, not at risk, and is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from app import clock
from app.auth.models import Organisation, Role, User
from app.db import in_chunks
from app.declarations.models import Declaration
from app.errors import Forbidden, ValidationFailed
from app.extensions import db
from app.fees import services as fee_svc
from app.highvalue import services as high_value_svc
from app.highvalue.rules import CATEGORY_LABELS, Category
from app.i18n import N_, label
from app.industries import industries
from app.integrations import royalties as royalty_bridge
from app.integrations import sei as sei_bridge
from app.opendata.exports import csv_lines
from app.patents.models import LegalStatus, Patent, PatentKind
from app.stats.services import parse_filter
from royalties.types import FeeStatus, FeeYear, YearStatus

DUE_SOON_DAYS = 90
NEARING_YEARS = (8, 9, 10)
LAPSE, NEARING, HIGH_VALUE_UNPAID = "lapse", "nearing_10y", "high_value_unpaid"
LISTS = {
    LAPSE: N_("有失效风险（90 天内到期或处于滞纳期）"),
    NEARING: N_("第 8–10 年度，即将维持满 10 年"),
    HIGH_VALUE_UNPAID: N_("高价值专利，年费未缴"),
}


@dataclass(frozen=True)
class MonitorFilter:
    which: str = ""  # one of LISTS, or "" for all three
    province: str = ""
    industry_section: str = ""
    sei: str = ""


@dataclass(frozen=True)
class MonitorRow:
    patent: Patent
    province: str
    position: FeeStatus
    fee: FeeYear  # the next unpaid year
    reasons: tuple[str, ...]  # keys of LISTS
    high_value: tuple[Category, ...]  # as if the fee were paid; only for patents at risk of lapse
    key_date: date  # the deadline that matters: grace deadline, due date, or the day it turns 10 years


def parse_monitor_filter(which: str, province: str, industry_section: str, sei: str) -> MonitorFilter:
    """Check the filter values (from a query string); unknown values raise ValidationFailed."""
    errors: dict[str, str] = {}
    try:
        base = parse_filter(province, industry_section, "")
    except ValidationFailed as err:
        errors.update(err.fields)
        base = parse_filter("", "", "")
    which, sei = which.strip(), sei.strip()
    if which and which not in LISTS:
        errors["which"] = N_("未知的监测事项。")
    if sei and sei not in sei_bridge.categories():
        errors["sei"] = N_("未知的战略性新兴产业分类。")
    if errors:
        raise ValidationFailed(_("筛选条件有误。"), errors)
    return MonitorFilter(which, base.province, base.industry_section, sei)


def _ensure_operator(actor: User) -> None:
    if not actor.has_role(Role.OPERATOR):
        raise Forbidden(_("只有运营中心可以查看年费监测。"))


def _candidates(f: MonitorFilter, today: date) -> list[Patent]:
    """Granted patents with known dates that could be on a list (narrowed in SQL, decided in Python)."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    # Patent years 8–10: filed from 10 years (exclusive) to 7 years before today; a margin of a year.
    nearing = and_(
        Patent.kind == PatentKind.INVENTION,
        Patent.filing_date > royalty_bridge.years_after(today, -11),
        Patent.filing_date <= royalty_bridge.years_after(today, -6),
    )
    stmt = select(Patent).where(
        Patent.legal_status == LegalStatus.GRANTED,
        Patent.filing_date.is_not(None),
        Patent.grant_date.is_not(None),
        or_(Patent.annual_fee_paid_until.is_(None), Patent.annual_fee_paid_until < soon, nearing),
    )
    if f.province:
        stmt = stmt.where(
            Patent.owner_id.in_(select(Organisation.owner_id).where(Organisation.province == f.province))
        )
    owners = selectinload(Patent.owner).selectinload(User.organisation)
    return list(db.session.scalars(stmt.options(owners).order_by(Patent.id)))


def _at_risk(fee: FeeYear | None, today: date) -> bool:
    if fee is None:
        return False
    if fee.status is YearStatus.GRACE:
        return True
    return fee.status is YearStatus.DUE and (fee.due_date - today).days <= DUE_SOON_DAYS


def _declared_industries(patents: list[Patent]) -> dict[int, list[str]]:
    """Industry codes of the patents' declarations, by patent id (a query per IN_LIST_MAX patents)."""
    ids, found = [p.id for p in patents], dict[int, list[str]]()
    for chunk in in_chunks(ids):
        query = select(Declaration.patent_id, Declaration.industry_code).where(
            Declaration.patent_id.in_(chunk)
        )
        for patent_id, code in db.session.execute(query):
            found.setdefault(patent_id, []).append(code)
    return found


def _in_industry(patents: list[Patent], section: str) -> list[Patent]:
    """The patents whose owner's industries or declarations' industries fall in the GB/T 4754 section."""
    sections_of = {code: row["section"] for code, row in industries().items()}
    declared = _declared_industries(patents)

    def sections(p: Patent) -> set[str]:
        codes = [
            *(p.owner.organisation.industry_codes if p.owner.organisation else []),
            *declared.get(p.id, []),
        ]
        return {sections_of[c] for c in codes if c in sections_of}

    return [p for p in patents if section in sections(p)]


def _in_scope(f: MonitorFilter, patents: list[Patent]) -> list[Patent]:
    if f.industry_section:
        patents = _in_industry(patents, f.industry_section)
    return [p for p in patents if sei_bridge.covers(f.sei, p)] if f.sei else patents


def _row(patent: Patent, position: FeeStatus, high_value: list[Category], today: date) -> MonitorRow | None:
    fee, reasons = position.next_due, []
    assert fee is not None  # _positions keeps only patents with a next fee
    if _at_risk(fee, today):
        reasons.append(LAPSE)
        if high_value:
            reasons.append(HIGH_VALUE_UNPAID)
    if patent.kind == PatentKind.INVENTION and position.patent_year in NEARING_YEARS:
        reasons.append(NEARING)
    if not reasons:
        return None
    key = fee.grace_deadline if fee.status is YearStatus.GRACE else fee.due_date
    if LAPSE not in reasons:
        key = royalty_bridge.years_after(patent.filing_date or today, 10)
    org = patent.owner.organisation
    return MonitorRow(
        patent, org.province if org else "", position, fee, tuple(reasons), tuple(high_value), key
    )


def _positions(patents: list[Patent]) -> dict[int, FeeStatus]:
    """Fee positions of the patents with a next fee to pay and not lapsed, by patent id."""
    periods = fee_svc.open_licence_periods_of([p.id for p in patents])
    found = {p.id: fee_svc.fee_position_with(p, periods.get(p.id, ())) for p in patents}
    return {k: v for k, v in found.items() if v is not None and v.next_due is not None and not v.lapsed}


def monitored_patents(actor: User, f: MonitorFilter) -> list[MonitorRow]:
    """The patents on the chosen lists within the filter, the most urgent first (a fixed number of queries
    however many patents there are)."""
    _ensure_operator(actor)
    today = clock.today()
    candidates = _in_scope(f, _candidates(f, today))
    positions = _positions(candidates)
    patents = [p for p in candidates if p.id in positions]
    at_risk = [p for p in patents if _at_risk(positions[p.id].next_due, today)]
    # At stake while the fee is unpaid: the categories the patent meets once it is paid.
    high_value = high_value_svc.high_value_of_many(at_risk, assume_paid=True)
    rows = (_row(p, positions[p.id], high_value.get(p.id, []), today) for p in patents)
    return sorted((r for r in rows if r and (not f.which or f.which in r.reasons)), key=_urgency)


def _urgency(row: MonitorRow) -> tuple[int, date, int]:
    """Fees already late first (by grace deadline), then fees due (by due date), then the rest (by date)."""
    late = row.fee.status is YearStatus.GRACE
    rank = 2 if LAPSE not in row.reasons else 0 if late else 1
    return rank, row.key_date, row.patent.id


def _csv_line(r: MonitorRow) -> list[object]:
    org = r.patent.owner.organisation
    return [
        r.patent.number,
        r.patent.title,
        org.name if org else r.patent.owner.email,
        r.province,
        r.position.patent_year,
        r.fee.year,
        r.fee.due_date,
        _(label(r.fee.status)),
        r.fee.amount,
        r.fee.surcharge,
        r.fee.grace_deadline,
        "；".join(_(LISTS[k]) for k in r.reasons),
        "；".join(_(CATEGORY_LABELS[c.code]) for c in r.high_value),
    ]


def monitor_csv(rows: list[MonitorRow]) -> str:
    """The list as CSV, UTF-8 with a BOM so Excel opens the Chinese text intact; formula-safe cells."""
    header = (
        _("专利号"),
        _("名称"),
        _("专利权人"),
        _("省份"),
        _("当前专利年度"),
        _("应缴年度"),
        _("缴费期限"),
        _("状态"),
        _("应缴金额（元）"),
        _("滞纳金（元）"),
        _("补缴期限"),
        _("监测事项"),
        _("高价值类别"),
    )
    return "".join(csv_lines(header, (_csv_line(r) for r in rows)))
