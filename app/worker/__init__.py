"""Celery on Redis for the background work: push runs (sharded), reindexing, e-mail, digests, reminders.

`init_celery(app)` builds the Celery app from `celery_settings(app.config["REDIS_URL"])` (app/config.py) and
runs every task inside an app context. Without REDIS_URL the tasks run eagerly in the caller's process
(`make run`, tests); with it, `make worker` and `make beat` start a worker and the scheduler (schedule in
app/worker/schedule.py).
"""

from __future__ import annotations

import importlib
from typing import Any

from celery import Celery, Task
from flask import Flask, current_app, has_app_context

from app.config import celery_settings
from app.worker.schedule import BEAT_SCHEDULE


def init_celery(app: Flask) -> Celery:
    """The app's Celery, kept in app.extensions["celery"] and made the default for the tasks."""

    class FlaskTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            # Eager tasks called inside this app's context share its session (what the caller committed).
            if has_app_context() and current_app._get_current_object() is app:  # type: ignore[attr-defined]
                return self.run(*args, **kwargs)
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.import_name, task_cls=FlaskTask)
    celery.config_from_object(celery_settings(app.config["REDIS_URL"]))
    celery.conf.beat_schedule = BEAT_SCHEDULE
    celery.set_default()
    importlib.import_module("app.worker.tasks")  # registers the shared tasks
    app.extensions["celery"] = celery
    return celery
