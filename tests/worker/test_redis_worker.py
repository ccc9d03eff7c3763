"""Through a real Redis (Debian's redis-server on a free port) to a real Celery worker in another process:
a push run sent by this process fills the inbox in the shared database; the mail lock is held once."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.matches.models import MatchNotice, PushRun, PushRunStatus
from app.worker import init_celery, tasks
from tests.matches.conftest import PRINTING, SODIUM_CATHODE
from tests.rows import count

pytestmark = pytest.mark.redis
ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A throwaway redis-server: no persistence, killed after the module."""
    if not os.path.exists(REDIS_SERVER):
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = _free_port()
    args = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    # Redis is infrastructure, not the product: a suite run on another date under libfaketime must not pass
    # the faked clock to it (redis-server's event loop stalls on it).
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME")}
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait(lambda: _pings(redis.Redis.from_url(url)), 10, "redis-server")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def through_redis(app: Flask, redis_url: str) -> Flask:
    """This process sends tasks to Redis instead of running them."""
    app.config["REDIS_URL"] = redis_url
    init_celery(app)
    return app


@pytest.fixture
def worker(through_redis: Flask, database_url: str, redis_url: str, tmp_path: Path) -> Iterator[None]:
    """`celery -A app.worker.entry worker --pool solo` on the same database and Redis.

    Not waited for: it boots while the test writes its rows, and takes the tasks queued meanwhile.
    """
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "worker-test-secret",
        "MATCHING_INDEX_DIR": "",
        "MAIL_SERVER": "",
        "PUSH_SHARD_SIZE": "1",  # the run is planned in the worker: three enterprises, three shards
        "OLE_ENV": "development",
        "PYTHONPATH": str(ROOT),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }
    args = [sys.executable, "-m", "celery", "-A", "app.worker.entry", "worker", "--pool", "solo"]
    args += ["--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel", "INFO"]
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield
        assert proc.poll() is None, "the worker died"
    finally:
        proc.kill()  # a throwaway worker: nothing to finish, and a clean shutdown takes seconds
        proc.wait(10)
        print(log.read_text(errors="replace"))  # shown when the test fails


def _run_status(run_id: int) -> PushRunStatus | None:
    db.session.rollback()  # a fresh transaction sees the worker's commits
    run = db.session.get(PushRun, run_id)
    return run.status if run is not None else None


def test_a_push_run_goes_through_redis_to_a_worker_and_fills_the_inbox(app, worker, licence, enterprise):
    """The run is planned in the worker, sharded into three tasks back through Redis, and completed."""
    buyer = enterprise(subs=(("ipc", "H01M", "immediately"),))
    other = enterprise(subs=(("ipc", "H01M", "daily"),))
    enterprise(subs=(("ipc", "G01F", "immediately"),))  # matches neither licence
    decl = licence(SODIUM_CATHODE)
    licence(PRINTING)

    run_id = tasks.push_run.delay().get(timeout=60)
    _wait(lambda: _run_status(run_id) == PushRunStatus.DONE, 60, "the push run to finish")
    rows = db.session.execute(select(MatchNotice.user_id, MatchNotice.declaration_id)).all()
    assert sorted(rows) == sorted([(buyer.id, decl.id), (other.id, decl.id)])
    assert db.session.get(PushRun, run_id).notices == 2

    again = tasks.push_run.delay().get(timeout=60)
    _wait(lambda: _run_status(again) == PushRunStatus.DONE, 60, "the second run")
    assert count(MatchNotice) == 2


def test_the_mail_lock_is_held_once(through_redis: Flask) -> None:
    with tasks.only_one("mail") as first, tasks.only_one("mail") as second:
        assert (first, second) == (True, False)
    with tasks.only_one("mail") as after:
        assert after
