"""The Celery app for `celery -A app.worker.entry worker|beat`: a Flask app built from the environment.

Building the app here, at import, is the point of this module: the celery command imports it to find `celery`.
"""

from typing import Any

from celery.signals import worker_process_init

from app import create_app
from app.extensions import db

flask_app = create_app()
celery = flask_app.extensions["celery"]


@worker_process_init.connect
def fresh_connections(**_: Any) -> None:
    """A forked worker process must not share the parent's database connections (production opens one)."""
    with flask_app.app_context():
        db.engine.dispose(close=False)
