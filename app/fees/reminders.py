"""Annual-fee reminders (Implementing Rules 2023 Art. 115): before the due date, in the grace period and
before the grace deadline. Each occasion has its own key, so ``flask fees remind`` may run again and again.

Occasions, for the next unpaid year of a granted patent:
- 90, 30 and 7 days before the due date: the most urgent threshold reached is reminded (a job that did not run
  on day 30 still reminds on day 25, once);
- every month of the six-month grace period (month 0 to 5), with the surcharge then due (5 % of that year's
  full fee per completed month late);
- 14 days before the grace deadline, after which the patent ends as of the due date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from flask import current_app
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.fees import services as fee_svc
from app.patents.models import LegalStatus, Patent
from app.reminders.services import ReminderDraft
from royalties.types import FeeYear, YearStatus

KIND = "annual_fee"
DAYS_BEFORE_DUE = (7, 30, 90)  # most urgent first
DAYS_BEFORE_GRACE_DEADLINE = 14
RULE = "《专利法实施细则》（2023）第一百一十五条"


def _occasion(fee: FeeYear, today: date) -> tuple[str, str] | None:
    """(due key, sentence) of the reminder this fee calls for today, or None."""
    if fee.status is YearStatus.DUE:
        days = (fee.due_date - today).days
        threshold = next((t for t in DAYS_BEFORE_DUE if days <= t), None)
        if threshold is None:
            return None
        return f"{fee.year}/{fee.due_date}/d{threshold}", (
            f"第 {fee.year} 年度年费 ¥{fee.amount:,.2f} 的缴费期限是 {fee.due_date}（还有 {days} 天）。"
            f"期满未缴的，6 个月内补缴须加收滞纳金（{RULE}）。"
        )
    if fee.status is YearStatus.GRACE:
        return f"{fee.year}/{fee.due_date}/grace{fee.months_late}", (
            f"第 {fee.year} 年度年费已于 {fee.due_date} 到期未缴，现为滞纳期第 {fee.months_late + 1} 个月："
            f"应缴年费 ¥{fee.amount:,.2f}，滞纳金 ¥{fee.surcharge:,.2f}（每满一个月加收当年全额年费的 5%），"
            f"合计 ¥{fee.amount + fee.surcharge:,.2f}；最迟 {fee.grace_deadline} 前缴纳，"
            f"否则专利权自 {fee.due_date} 起终止（{RULE}）。"
        )
    return None


def _deadline_occasion(fee: FeeYear, today: date) -> tuple[str, str] | None:
    days = (fee.grace_deadline - today).days
    if fee.status is not YearStatus.GRACE or days > DAYS_BEFORE_GRACE_DEADLINE:
        return None
    return f"{fee.year}/{fee.due_date}/deadline{DAYS_BEFORE_GRACE_DEADLINE}", (
        f"距第 {fee.year} 年度年费补缴期限 {fee.grace_deadline} 只剩 {days} 天：应缴 "
        f"¥{fee.amount + fee.surcharge:,.2f}（含滞纳金 ¥{fee.surcharge:,.2f}）。"
        f"逾期未缴，专利权自 {fee.due_date} 起终止（{RULE}）。"
    )


def _drafts(patent: Patent, fee: FeeYear, today: date) -> Iterator[ReminderDraft]:
    # Built without a request: the command runs from the CLI.
    link = current_app.url_map.bind("localhost").build("patents.detail", {"patent_id": patent.id}) + "#fees"
    for found in (_occasion(fee, today), _deadline_occasion(fee, today)):
        if found is None:
            continue
        due_key, sentence = found
        yield ReminderDraft(
            user_id=patent.owner_id,
            kind=KIND,
            subject=f"patent:{patent.id}",
            due_key=due_key,
            title=f"年费提醒：{patent.number} 第 {fee.year} 年度"[:200],
            body=f"{patent.title}（{patent.number}）：{sentence}",
            link=link,
        )


def fee_reminder_drafts() -> list[ReminderDraft]:
    """The fee reminders every granted patent with known dates calls for today (existing ones included)."""
    today = clock.today()
    query = select(Patent).where(
        Patent.legal_status == LegalStatus.GRANTED,
        Patent.filing_date.is_not(None),
        Patent.grant_date.is_not(None),
    )
    drafts: list[ReminderDraft] = []
    for patent in db.session.scalars(query.order_by(Patent.id)):
        position = fee_svc.fee_position_of(patent)
        if position is not None and position.next_due is not None:
            drafts.extend(_drafts(patent, position.next_due, today))
    return drafts
