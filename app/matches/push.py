"""Licence -> enterprises: the push queue, who gets a published declaration, and the run bookkeeping.

A run is idempotent: a task is done once its notices are written (committed with it), a notice is
unique per (enterprise, declaration), and mail goes only to notices without `emailed_at`.

`push_task` and `recipients` are the per-pair reference implementation of who is told: `flask push run`
uses the batch path (app/matches/batch.py), and tests/matches/test_batch.py checks that both give the
same inbox on the demo data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.integrations.feedback import FeedbackFilter
from app.integrations.matching import is_empty, reasons_json, to_document
from app.licences.models import Licence
from app.matches.feedback import disliked
from app.matches.models import (
    Feedback,
    Frequency,
    MatchNotice,
    PushRun,
    PushRunStatus,
    PushTask,
    Subscription,
    SubscriptionKind,
)
from app.matches.subscriptions import (
    enterprise_query,
    enterprises_with_subscriptions,
    filter_accepts,
    with_accepted,
    with_sei,
)
from matching.types import Match, MatchDocument, MatchQuery

if TYPE_CHECKING:  # the matcher object app.integrations.matching hands out, named in annotations only
    from matching.matcher import Matcher

# Enterprises without subscriptions are matched on their profile and told in the weekly digest.
DEFAULT_FREQUENCY = Frequency.WEEKLY
_SPEED = {Frequency.IMMEDIATELY: 0, Frequency.DAILY: 1, Frequency.WEEKLY: 2}


@dataclass(frozen=True)
class Recipient:
    user_id: int
    match: Match
    frequency: Frequency
    accepted: tuple[tuple[SubscriptionKind, str], ...] = ()  # the subscriptions that let it through


def queue(decl: Declaration) -> None:
    """Queue a newly published declaration for the next push run (re-publishing queues it again)."""
    task = db.session.scalar(select(PushTask).where(PushTask.declaration_id == decl.id))
    if task is None:
        db.session.add(PushTask(declaration_id=decl.id))
    else:
        task.done_at, task.queued_at = None, clock.now()
    db.session.flush()


def enqueue_missing() -> int:
    """Queue published declarations that never had a task (e.g. published before matching existed)."""
    have = select(PushTask.declaration_id)
    stmt = select(Declaration.id).where(
        Declaration.status == DeclarationStatus.PUBLISHED, Declaration.id.not_in(have)
    )
    ids = list(db.session.scalars(stmt))
    db.session.add_all(PushTask(declaration_id=i) for i in ids)
    db.session.flush()
    return len(ids)


def start_run() -> PushRun:
    """Resume the last unfinished run (crashed or failed), else start a new one."""
    stmt = select(PushRun).where(PushRun.status != PushRunStatus.DONE).order_by(PushRun.id.desc())
    run = db.session.scalar(stmt)
    if run is None:
        run = PushRun(status=PushRunStatus.RUNNING)
        db.session.add(run)
    else:
        run.status, run.attempts, run.error = PushRunStatus.RUNNING, run.attempts + 1, ""
    db.session.flush()
    return run


def finish_run(run: PushRun, error: str = "") -> None:
    run.status = PushRunStatus.FAILED if error else PushRunStatus.DONE
    run.error = error[:2000]
    run.finished_at = clock.now()
    db.session.flush()


def pending_tasks() -> list[PushTask]:
    """Tasks not yet pushed, oldest declaration first."""
    stmt = select(PushTask).where(PushTask.done_at.is_(None)).order_by(PushTask.declaration_id)
    return list(db.session.scalars(stmt))


def push_task(m: Matcher, task: PushTask, run: PushRun, threshold: float) -> int:
    """Write inbox notices for one declaration and mark its task done; returns the notices written."""
    decl = task.declaration
    written = 0
    if decl.status == DeclarationStatus.PUBLISHED:
        for r in recipients(m, decl, threshold):
            user = db.session.get(User, r.user_id)
            assert user is not None
            score, reasons = with_sei(user, None, decl, float(r.match.score), reasons_json(r.match))
            reasons = with_accepted(reasons, list(r.accepted))
            db.session.add(
                MatchNotice(
                    user_id=r.user_id,
                    declaration_id=decl.id,
                    score=score,
                    reasons=reasons,
                    frequency=r.frequency,
                    push_run_id=run.id,
                )
            )
            written += 1
    task.done_at, task.push_run_id = clock.now(), run.id
    run.cursor, run.declarations, run.notices = decl.id, run.declarations + 1, run.notices + written
    db.session.flush()
    return written


def _targets(decl: Declaration) -> list[tuple[User, list[Subscription]]]:
    """Enterprises not yet told about `decl` and not already licensed under it, with their subscriptions."""
    told = select(MatchNotice.user_id).where(MatchNotice.declaration_id == decl.id)
    licensed = select(Licence.licensee_id).where(Licence.declaration_id == decl.id)
    return enterprises_with_subscriptions([told, licensed])


def _text_accepts(m: Matcher, sub: Subscription, doc: MatchDocument, threshold: float) -> bool:
    return m.score(MatchQuery(text=sub.value), [doc])[0].score >= threshold


def _accepting(
    m: Matcher, subs: list[Subscription], decl: Declaration, doc: MatchDocument, threshold: float
) -> list[Subscription]:
    """The subscriptions that accept the declaration, in the order given."""
    return [
        s
        for s in subs
        if filter_accepts(s, decl)
        or (s.kind == SubscriptionKind.TEXT and _text_accepts(m, s, doc, threshold))
    ]


def recipients(m: Matcher, decl: Declaration, threshold: float) -> list[Recipient]:
    """Subscribers whose subscriptions accept `decl`, and others whose profile scores >= threshold."""
    doc = to_document(decl)
    found: list[Recipient] = []
    plain: list[tuple[int, MatchQuery]] = []
    for user, subs in _targets(decl):
        query = enterprise_query(user, subs)
        if is_empty(query):
            continue
        if not subs:
            plain.append((user.id, query))
        elif ok := _accepting(m, subs, decl, doc, threshold):
            freq = min((s.frequency for s in ok), key=lambda f: _SPEED[f])  # the fastest
            accepted = tuple((s.kind, s.value) for s in ok)
            found += [
                Recipient(user.id, match, freq, accepted)
                for _, match in m.push_candidates(doc, [(user.id, query)], 0.0)
            ]
    found += [
        Recipient(uid, match, DEFAULT_FREQUENCY) for uid, match in m.push_candidates(doc, plain, threshold)
    ]
    return _drop_disliked(m, found, doc)


def _drop_disliked(m: Matcher, found: list[Recipient], doc: MatchDocument) -> list[Recipient]:
    """Feedback is used: no push similar to what the enterprise marked not useful."""
    ids = [r.user_id for r in found]
    stmt = select(Feedback.user_id).where(Feedback.useful.is_(False), Feedback.user_id.in_(ids)).distinct()
    unhappy = set(db.session.scalars(stmt)) if ids else set()
    keep = []
    for r in found:
        if r.user_id in unhappy and not FeedbackFilter(m, disliked(r.user_id)).keep([r.match], {doc.id: doc}):
            continue
        keep.append(r)
    return keep
