"""The demo's patent life after grant: real demo patents given the dates and facts the source data lacks, so
every annual-fee status (paid, due, grace, lapsed) and every CNIPA high-value category occurs, on dates
relative to today. Each assumed date or fact is recorded as a DemoAssumption and badged on the patent page.

The strategic-emerging-industry category needs no assumption: it follows from the real IPC codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, select

from app import clock
from app.auth.models import User
from app.declarations.models import Declaration
from app.demo.models import DemoAssumption
from app.extensions import db
from app.highvalue.services import parse_high_value_input, update_high_value_facts
from app.integrations.royalties import months_after, years_after
from app.patents.models import Patent


@dataclass(frozen=True)
class Scenario:
    """One patent's story: when its next fee falls due (days from today), how long ago it was filed."""

    name: str
    next_due_in_days: int  # negative: already past due
    years_before_due: int  # patent years completed when the next fee falls due
    facts: dict[str, Any] = field(default_factory=dict)  # high-value facts, as the owner's form takes them
    notes: tuple[str, ...] = ()


def _scenarios(today: date) -> tuple[Scenario, ...]:
    award_year = today.year - 1
    return (
        # Due in 45 days (the 90-day reminder has gone out); an award: high-value with an unpaid fee.
        Scenario(
            "due",
            45,
            6,
            {"awards": [{"name": "china_patent_award", "level": "优秀奖", "year": award_year}]},
            (f"中国专利奖优秀奖（{award_year} 年）为演示假设",),
        ),
        # Two months into the grace period: surcharge 10 %.
        Scenario("grace", (months_after(today, -2) - today).days - 3, 5),
        # Grace passed eight months after the due date: lapsed as of the due date.
        Scenario("lapsed", (months_after(today, -8) - today).days, 4),
        # Filed twelve years ago, this year paid: maintained more than 10 years; a family member abroad.
        Scenario(
            "maintained",
            160,
            12,
            {"foreign_family": "PCT/CN2015/000001"},
            ("海外同族 PCT/CN2015/000001 为演示假设（来源数据未给出同族信息）",),
        ),
        # Patent year 9: on the operator's list of patents about to be maintained more than 10 years.
        Scenario("nearing", 200, 9),
        # Pledged for CNY 15 million (the platform's threshold is 10 million).
        Scenario(
            "pledge",
            120,
            3,
            {"pledge_amount": "15000000", "pledgee": "盛京银行沈阳分行（演示）"},
            ("质押融资 ¥15,000,000.00 与质权人为演示假设",),
        ),
    )


def _dates(s: Scenario, today: date) -> tuple[date, date, date]:
    """(filing date, grant date, paid until) so that the next fee falls due as the scenario says."""
    due = today + timedelta(days=s.next_due_in_days)
    filing = years_after(due, -s.years_before_due)
    grant = years_after(filing, 2)
    return filing, grant, due - timedelta(days=1)


def _apply(patent: Patent, s: Scenario, today: date) -> None:
    filing, grant, paid_until = _dates(s, today)
    patent.filing_date, patent.grant_date, patent.annual_fee_paid_until = filing, grant, paid_until
    patent.pledged = "pledge_amount" in s.facts
    update_high_value_facts(patent.owner, patent.id, parse_high_value_input(s.facts))
    db.session.execute(delete(DemoAssumption).where(DemoAssumption.patent_id == patent.id))
    dates = (
        f"申请日 {filing.isoformat()}、授权公告日 {grant.isoformat()}、"
        f"年费缴至 {paid_until.isoformat()} 为演示假设（来源数据只有公告号、名称和 IPC）"
    )
    db.session.add_all(DemoAssumption(patent_id=patent.id, note=n) for n in (dates, *s.notes))


def load_lifecycle_demo(patentee: User, patents: list[Patent]) -> dict[str, Patent]:
    """Give the patentee's real invention patents without a declaration (and not the first two, which the
    pools use) one scenario each; rerunning moves the dates with today. Returns them by scenario name."""
    today = clock.today()
    declared = set(db.session.scalars(select(Declaration.patent_id)))
    owned = [p for p in patents if p.owner_id == patentee.id][2:]
    inventions = [p for p in owned if p.number.endswith("B") and p.id not in declared]
    chosen = {}
    for patent, scenario in zip(inventions, _scenarios(today), strict=False):
        _apply(patent, scenario, today)
        chosen[scenario.name] = patent
    db.session.flush()
    return chosen
