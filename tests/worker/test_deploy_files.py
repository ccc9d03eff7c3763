"""docker-compose.yml, the Makefile and the beat schedule name things that exist (no Docker engine here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from flask import Flask

from app.worker.schedule import BEAT_SCHEDULE

ROOT = Path(__file__).resolve().parents[2]
CELERY_APP = "app.worker.entry"


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_runs_web_worker_beat_redis_and_postgres_from_the_dockerfile() -> None:
    services = _compose()["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
        assert env["REDIS_URL"].startswith("redis://")
        assert "SECRET_KEY" in env and services[name]["build"] == "."
    assert services["worker"]["command"].startswith(f"celery -A {CELERY_APP} worker")
    assert services["beat"]["command"].startswith(f"celery -A {CELERY_APP} beat")
    assert "gunicorn" in (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_make_worker_and_beat_use_the_same_celery_app() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"CELERY := .venv/bin/celery -A {CELERY_APP}" in makefile
    assert re.search(r"^worker: .*\n(\t.*\n)*\t\$\(CELERY\) worker", makefile, flags=re.M)
    assert re.search(r"^beat: .*\n(\t.*\n)*\t\$\(CELERY\) beat", makefile, flags=re.M)


def test_every_scheduled_task_is_registered(app: Flask) -> None:
    registered = app.extensions["celery"].tasks
    assert {entry["task"] for entry in BEAT_SCHEDULE.values()} <= set(registered)
    assert {"ole.push_run", "ole.push_shard", "ole.push_complete"} <= set(registered)
