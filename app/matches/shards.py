"""A push run split by enterprise id range, so several Celery workers share it (app/worker/tasks.py).

`plan` starts or resumes the run and cuts the enterprise ids into ranges; `push_shard` writes the inbox
rows of one range through the batch path, whose insert skips pairs already there (match_notices is unique
per enterprise and declaration), so two workers given the same shard write each row once; `complete` marks
the declarations pushed and counts the run from its rows, so it too may run twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app import clock
from app.auth.models import Role, User
from app.extensions import db
from app.integrations import matching as integration
from app.matches import batch, push
from app.matches.models import MatchNotice, PushRun, PushTask

IdRange = tuple[int, int]  # enterprise user ids [lo, hi)


@dataclass(frozen=True)
class Plan:
    run_id: int
    task_ids: list[int]  # the push tasks (declarations) pending when the run was planned
    ranges: list[IdRange]


def plan(shard_size: int) -> Plan:
    """Start (or resume) a run, queue what was never queued, and cut the enterprises into shards."""
    run = push.start_run()
    push.enqueue_missing()
    db.session.commit()
    task_ids = [t.id for t in push.pending_tasks()]
    return Plan(run.id, task_ids, enterprise_ranges(shard_size) if task_ids else [])


def enterprise_ranges(size: int) -> list[IdRange]:
    """Consecutive user-id ranges [lo, hi) holding `size` enterprises each (the last one fewer)."""
    stmt = select(User.id).where(User.role == Role.ENTERPRISE).order_by(User.id)
    ids = list(db.session.scalars(stmt))
    starts = ids[::size]
    ends = starts[1:] + [ids[-1] + 1] if ids else []
    return list(zip(starts, ends, strict=True))


def _tasks(task_ids: list[int]) -> list[PushTask]:
    stmt = select(PushTask).where(PushTask.id.in_(task_ids)).order_by(PushTask.declaration_id)
    return list(db.session.scalars(stmt)) if task_ids else []


def push_shard(run_id: int, task_ids: list[int], ids: IdRange, threshold: float) -> int:
    """Write the inbox rows of enterprises in `ids` for these declarations; returns the rows new here.

    One commit per chunk of enterprises: a worker lost mid-shard leaves the rest to the next run."""
    run = db.session.get(PushRun, run_id)
    assert run is not None
    m = integration.get_matcher()
    written = 0
    for _enterprises, new in batch.push_batch(m, run, threshold, (ids[0], ids[1] - 1), task_ids=task_ids):
        written += new
        db.session.commit()
    return written


def complete(run_id: int, task_ids: list[int]) -> PushRun:
    """Mark the planned declarations pushed and count the run from its rows (safe to call twice)."""
    run = db.session.get(PushRun, run_id)
    assert run is not None
    now = clock.now()
    for task in _tasks(task_ids):
        if task.done_at is None:
            task.done_at, task.push_run_id = now, run.id
    db.session.flush()
    pushed = select(func.count(PushTask.id), func.max(PushTask.declaration_id))
    run.declarations, cursor = db.session.execute(pushed.where(PushTask.push_run_id == run.id)).one()
    run.cursor = cursor or 0
    notices = select(func.count(MatchNotice.id)).where(MatchNotice.push_run_id == run.id)
    run.notices = db.session.scalar(notices) or 0
    push.finish_run(run)
    db.session.commit()
    return run
