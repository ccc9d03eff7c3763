"""The Celery tasks; each calls the same service as its CLI command (`flask push run`, `flask matching
reindex`, `flask fees remind`, `flask recordals remind`) and is safe to run twice."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import redis
from celery import chord, shared_task
from flask import current_app

from app.fees.reminders import fee_reminder_drafts
from app.integrations import matching as integration
from app.matches import runs, shards
from app.recordals.reminders import recordal_reminder_drafts
from app.reminders.delivery import run_reminders
from app.reminders.services import ReminderDraft

log = logging.getLogger(__name__)
LOCK_SECONDS = 3600  # longer than any mail task; a crashed holder's lock lapses after it


@contextmanager
def only_one(name: str) -> Iterator[bool]:
    """True while this task holds the Redis lock `name` (always true without Redis: one process)."""
    url = current_app.config.get("REDIS_URL") or ""
    if not url:
        yield True
        return
    lock = redis.Redis.from_url(url).lock(f"ole:lock:{name}", timeout=LOCK_SECONDS, blocking=False)
    held = lock.acquire()
    try:
        yield bool(held)
    finally:
        if held:
            lock.release()


@shared_task(name="ole.push_run")
def push_run() -> int:
    """Plan a push run and fan it out: one push_shard per enterprise range, then push_complete."""
    plan = shards.plan(current_app.config["PUSH_SHARD_SIZE"])
    threshold = current_app.config["PUSH_THRESHOLD"]
    shard_sigs = [push_shard.si(plan.run_id, plan.task_ids, lo, hi, threshold) for lo, hi in plan.ranges]
    done = push_complete.si(plan.run_id, plan.task_ids)
    if shard_sigs:
        chord(shard_sigs)(done)
    else:
        done.delay()
    return plan.run_id


@shared_task(name="ole.push_shard")
def push_shard(run_id: int, task_ids: list[int], lo: int, hi: int, threshold: float) -> int:
    """Inbox rows for enterprises with ids in [lo, hi); another worker running the same shard adds none.

    A failure marks the run failed (shown with its error; the next run resumes it) and fails the chord.
    """
    try:
        return shards.push_shard(run_id, task_ids, (lo, hi), threshold)
    except Exception as err:
        runs.fail_run(run_id, err)
        raise


@shared_task(name="ole.push_complete")
def push_complete(run_id: int, task_ids: list[int]) -> dict[str, int]:
    """Close the run, then hand the new notices to the mail task."""
    run = shards.complete(run_id, task_ids)
    send_notices.delay()
    return {"run": run.id, "declarations": run.declarations, "notices": run.notices}


def _send(digests: bool) -> int | None:
    with only_one("mail") as held:
        if not held:
            log.info("another worker is sending mail; skipped")
            return None
        run = runs.send_due_mail(digests)
        return run.emails if run else 0


@shared_task(name="ole.send_notices")
def send_notices() -> int | None:
    """E-mail the "immediately" notices not yet sent; returns the messages sent (None: another is sending)."""
    return _send(digests=False)


@shared_task(name="ole.send_digests")
def send_digests() -> int | None:
    """E-mail the due notices and the daily/weekly digests whose period has passed."""
    return _send(digests=True)


@shared_task(name="ole.reindex")
def reindex() -> int:
    """Rebuild this worker's index from the published declarations and save it to MATCHING_INDEX_DIR."""
    return integration.reindex()


def _remind(name: str, drafts: Callable[[], Iterable[ReminderDraft]]) -> dict[str, Any] | None:
    with only_one(name) as held:
        return asdict(run_reminders(drafts())) if held else None


@shared_task(name="ole.fees_remind")
def fees_remind() -> dict[str, Any] | None:
    """Annual-fee reminders of the day (as `flask fees remind`)."""
    return _remind("fees", fee_reminder_drafts)


@shared_task(name="ole.recordals_remind")
def recordals_remind() -> dict[str, Any] | None:
    """Recordal reminders of the day, Rules 2023 Art. 87 (as `flask recordals remind`)."""
    return _remind("recordals", recordal_reminder_drafts)
