"""Recordal of licences: due date, marking a licence recorded, the operator's overdue list.

Sources: Implementing Rules of the Patent Law (2023, in force 2024-01-20) Art. 87: a licence reached through
an open licence is recorded with CNIPA by the patentee or the licensee, on written proof; Art. 15 para 2: a
licence contract is recorded within three months of taking effect (CNIPA's 2024 open-licence FAQ applies the
same three months).

The due date is the day of the month the licence took effect (Beijing time), three months later; when that
month is shorter, its last day (taking effect on 30 November: due 28 February, or 29 in a leap year).

The recordal number's format is not in the legal texts read. Numbers in CNIPA's published recordal notices
look like ``X2023980000157`` (an optional X, the year, nine digits); the check is that shape and a year no
later than the recordal date, nothing more.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.errors import RuleViolation, ValidationFailed
from app.extensions import db
from app.licences import services as licence_svc
from app.licences.models import Licence, LicenceStatus
from app.recordals.models import LicenceRecordal

RECORDAL_MONTHS = 3
NUMBER = re.compile(r"^X?(\d{4})\d{9}$")
FIRST_YEAR = 1985  # the Patent Law took effect on 1 April 1985
LAW = _l("《专利法实施细则》（2023）第八十七条、第十五条第二款")


@dataclass(frozen=True)
class RecordalState:
    """Where a licence in force stands: due date, the recordal if marked, days left (negative: overdue)."""

    licence: Licence
    effective_on: date
    due_on: date
    recordal: LicenceRecordal | None
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.recordal is None and self.days_left < 0


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; a day the target month lacks becomes its last day."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def effective_on(licence: Licence) -> date | None:
    """The day (Beijing time) the licence took effect, None while it is not in force."""
    if licence.status != LicenceStatus.IN_FORCE or licence.in_force_at is None:
        return None
    return licence.in_force_at.astimezone(clock.SHANGHAI).date()


def recordal_of(licence_id: int) -> LicenceRecordal | None:
    return db.session.scalar(select(LicenceRecordal).where(LicenceRecordal.licence_id == licence_id))


def state_of(licence: Licence, today: date | None = None) -> RecordalState | None:
    """The recordal state of a licence in force (None for a licence not in force)."""
    start = effective_on(licence)
    if start is None:
        return None
    due = add_months(start, RECORDAL_MONTHS)
    today = today or clock.today()
    return RecordalState(licence, start, due, recordal_of(licence.id), (due - today).days)


def number_problem(number: str, recorded_on: date | None) -> str | None:
    """Why a CNIPA recordal number is refused, or None."""
    match = NUMBER.match(number)
    if match is None:
        return _("备案号格式应为 X 加 13 位数字（如 X2023980000157）或 13 位数字。")
    year = int(match.group(1))
    if recorded_on is not None and not FIRST_YEAR <= year <= recorded_on.year:
        return _("备案号中的年份 %(y)s 不应晚于备案日期所在年份。", y=year)
    return None


def _check(state: RecordalState, recorded_on: date | None, number: str, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if recorded_on is None:
        errors["recorded_on"] = _("请填写备案日期。")
    elif recorded_on > today:
        errors["recorded_on"] = _("备案日期不能晚于今天。")
    elif recorded_on < state.effective_on:
        errors["recorded_on"] = _("备案日期不能早于许可生效日 %(d)s。", d=state.effective_on.isoformat())
    if problem := number_problem(number, recorded_on):
        errors["recordal_number"] = problem
    return errors


def mark_recorded(actor: User, licence_id: int, recorded_on: date | None, number: str) -> LicenceRecordal:
    """The patentee or the licensee marks the licence recorded with CNIPA (a correction overwrites)."""
    licence = licence_svc.get_licence(actor, licence_id)
    today = clock.today()
    state = state_of(licence, today)
    if state is None:
        raise RuleViolation(_("许可生效后才能备案（%(law)s）。", law=LAW), rule="licence_in_force")
    number = number.strip().upper().replace(" ", "")
    errors = _check(state, recorded_on, number, today)
    if errors:
        raise ValidationFailed(_("备案信息有误，请修改。"), errors)
    assert recorded_on is not None
    row = state.recordal or LicenceRecordal(licence_id=licence.id)
    row.recorded_on, row.recordal_number, row.recorded_by_id = recorded_on, number, actor.id
    row.recorded_at = clock.now()
    db.session.add(row)
    db.session.flush()
    return row


def unrecorded_states(today: date) -> list[RecordalState]:
    """Every licence in force without a recordal, soonest due first."""
    recorded = select(LicenceRecordal.licence_id)
    stmt = select(Licence).where(Licence.status == LicenceStatus.IN_FORCE, Licence.id.not_in(recorded))
    states = [state_of(lic, today) for lic in db.session.scalars(stmt.order_by(Licence.id))]
    return sorted((s for s in states if s is not None), key=lambda s: (s.due_on, s.licence.id))


def overdue(today: date | None = None) -> list[RecordalState]:
    """Licences in force whose recordal is past due (for the operation centre)."""
    return [s for s in unrecorded_states(today or clock.today()) if s.overdue]
