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
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
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
RULE = _l("《专利法实施细则》（2023）第一百一十五条")


def _occasion(fee: FeeYear, today: date) -> tuple[str, str] | None:
    """(due key, sentence) of the reminder this fee calls for today, or None."""
    if fee.status is YearStatus.DUE:
        days = (fee.due_date - today).days
        threshold = next((t for t in DAYS_BEFORE_DUE if days <= t), None)
        if threshold is None:
            return None
        return f"{fee.year}/{fee.due_date}/d{threshold}", (
            _(
                "第 %(year)s 年度年费 ¥%(amount)s 的缴费期限是 %(due)s（还有 %(days)s 天）。"
                "期满未缴的，6 个月内补缴须加收滞纳金（%(rule)s）。",
                year=fee.year,
                amount=f"{fee.amount:,.2f}",
                due=fee.due_date,
                days=days,
                rule=RULE,
            )
        )
    if fee.status is YearStatus.GRACE:
        return f"{fee.year}/{fee.due_date}/grace{fee.months_late}", (
            _(
                "第 %(year)s 年度年费已于 %(due)s 到期未缴，现为滞纳期第 %(month)s 个月："
                "应缴年费 ¥%(amount)s，滞纳金 ¥%(surcharge)s（每满一个月加收当年全额年费的 5%%），"
                "合计 ¥%(total)s；最迟 %(deadline)s 前缴纳，"
                "否则专利权自 %(due)s 起终止（%(rule)s）。",
                year=fee.year,
                due=fee.due_date,
                month=fee.months_late + 1,
                amount=f"{fee.amount:,.2f}",
                surcharge=f"{fee.surcharge:,.2f}",
                total=f"{fee.amount + fee.surcharge:,.2f}",
                deadline=fee.grace_deadline,
                rule=RULE,
            )
        )
    return None


def _deadline_occasion(fee: FeeYear, today: date) -> tuple[str, str] | None:
    days = (fee.grace_deadline - today).days
    if fee.status is not YearStatus.GRACE or days > DAYS_BEFORE_GRACE_DEADLINE:
        return None
    return f"{fee.year}/{fee.due_date}/deadline{DAYS_BEFORE_GRACE_DEADLINE}", (
        _(
            "距第 %(year)s 年度年费补缴期限 %(deadline)s 只剩 %(days)s 天：应缴 "
            "¥%(total)s（含滞纳金 ¥%(surcharge)s）。"
            "逾期未缴，专利权自 %(due)s 起终止（%(rule)s）。",
            year=fee.year,
            deadline=fee.grace_deadline,
            days=days,
            total=f"{fee.amount + fee.surcharge:,.2f}",
            surcharge=f"{fee.surcharge:,.2f}",
            due=fee.due_date,
            rule=RULE,
        )
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
            title=_("年费提醒：%(number)s 第 %(year)s 年度", number=patent.number, year=fee.year)[:200],
            body=_(
                "%(title)s（%(number)s）：%(sentence)s",
                title=patent.title,
                number=patent.number,
                sentence=sentence,
            ),
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
