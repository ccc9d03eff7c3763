"""Which inbox notices are due by e-mail, and recording that they were sent."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.matches.models import DigestState, Frequency, MatchNotice, PushRun

DIGEST_PERIOD = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


@dataclass(frozen=True)
class Digest:
    user: User
    frequency: Frequency
    notices: list[MatchNotice]


def _unsent(frequencies: tuple[Frequency, ...]) -> list[MatchNotice]:
    """Notices not yet e-mailed whose licence is still announced, oldest first."""
    stmt = (
        select(MatchNotice)
        .join(Declaration, Declaration.id == MatchNotice.declaration_id)
        .where(
            MatchNotice.emailed_at.is_(None),
            MatchNotice.email_failed_at.is_(None),
            MatchNotice.frequency.in_(frequencies),
            Declaration.status == DeclarationStatus.PUBLISHED,
        )
        .order_by(MatchNotice.id)
    )
    return list(db.session.scalars(stmt))


def immediate_due() -> list[MatchNotice]:
    """Notices to send one by one now."""
    return _unsent((Frequency.IMMEDIATELY,))


def _last_digest(user_id: int, frequency: Frequency) -> DigestState | None:
    stmt = select(DigestState).where(DigestState.user_id == user_id, DigestState.frequency == frequency)
    return db.session.scalar(stmt)


def _as_utc(value: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were stored as UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def digests_due(now: datetime | None = None) -> list[Digest]:
    """Daily/weekly digests whose period since the last one has passed (the first one is due at once)."""
    now = now or clock.now()
    groups: dict[tuple[int, Frequency], list[MatchNotice]] = defaultdict(list)
    for notice in _unsent((Frequency.DAILY, Frequency.WEEKLY)):
        groups[(notice.user_id, notice.frequency)].append(notice)
    due = []
    for (user_id, frequency), notices in groups.items():
        state = _last_digest(user_id, frequency)
        if state is None or now - _as_utc(state.last_sent_at) >= DIGEST_PERIOD[frequency]:
            due.append(Digest(notices[0].user, frequency, notices))
    return due


def mark_sent(notices: list[MatchNotice], run: PushRun, now: datetime | None = None) -> None:
    """Record that these notices went out by e-mail in `run`."""
    now = now or clock.now()
    for notice in notices:
        notice.emailed_at, notice.emailed_run_id = now, run.id
    run.emails += 1
    db.session.flush()


def mark_digest_sent(digest: Digest, run: PushRun, now: datetime | None = None) -> None:
    now = now or clock.now()
    mark_sent(digest.notices, run, now)
    state = _last_digest(digest.user.id, digest.frequency)
    if state is None:
        db.session.add(DigestState(user_id=digest.user.id, frequency=digest.frequency, last_sent_at=now))
    else:
        state.last_sent_at = now
    db.session.flush()


def mark_failed(notices: list[MatchNotice], error: str, now: datetime | None = None) -> None:
    """Record that these notices could not be e-mailed (never retried), so the queue moves on."""
    now = now or clock.now()
    for notice in notices:
        notice.email_failed_at, notice.email_error = now, error[:500]
    db.session.flush()
