"""When `make beat` sends each task (Beijing time, Celery's `timezone`); `expires` drops a send that no
worker took before the next one is due, so a stopped worker does not come back to a pile of stale runs."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # Hourly: what was published in the last hour reaches the inboxes (the run shards across workers).
    "push-run": {"task": "ole.push_run", "schedule": crontab(minute=0), "options": {"expires": 3000}},
    # Every 10 minutes: "immediately" notices by e-mail.
    "send-notices": {
        "task": "ole.send_notices",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 540},
    },
    # Daily digests at 08:00 (weekly ones go when seven days have passed since the last).
    "send-digests": {"task": "ole.send_digests", "schedule": crontab(hour=8, minute=0)},
    # Reminders the same day every day: annual fees 09:00, recordals (Rules 2023 Art. 87) 09:15.
    "fees-remind": {"task": "ole.fees_remind", "schedule": crontab(hour=9, minute=0)},
    "recordals-remind": {"task": "ole.recordals_remind", "schedule": crontab(hour=9, minute=15)},
    # Nightly rebuild of the vector index at 03:30 (the saved copy other processes load when they start).
    "reindex": {"task": "ole.reindex", "schedule": crontab(hour=3, minute=30)},
}
