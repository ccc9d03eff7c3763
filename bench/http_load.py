"""Load the app under gunicorn with concurrent clients: requests per second, p50, p95 and errors per URL.

Starts gunicorn on a free port of 127.0.0.1 (the app factory with the rate limits off: every client here comes
from one IP, and the open-data limit of 120 a minute would answer 429) against the database named by
DATABASE_URL, warms each URL up, then runs `--clients` threads (urllib, a new connection per request, as
gunicorn's sync workers close each one) for `--seconds`, and stops the server. The clients share the machine
with the server: on 2 cores their own CPU time lowers the figures a little.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
APP = 'app:create_app(MATCHING_INDEX_DIR="", RATELIMIT_ENABLED=False)'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20, help="per URL")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (more than 1: gthread)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            answer.read()
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while not _get(base + "/"):
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"gunicorn did not start (exit code {server.poll()})")
        time.sleep(0.5)


@contextmanager
def gunicorn(workers: int, threads: int) -> Iterator[str]:
    """The base URL of a gunicorn serving the app, stopped (SIGTERM, then waited for) on leaving."""
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--threads", str(threads), "--log-level", "warning", APP]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, server)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def _client(url: str, until: float, took: list[float], errors: list[float]) -> None:
    while (start := time.perf_counter()) < until:
        ok = _get(url)
        (took if ok else errors).append((time.perf_counter() - start) * 1000)


def _load(url: str, clients: int, seconds: float) -> tuple[list[float], list[float]]:
    took: list[float] = []
    errors: list[float] = []
    until = time.perf_counter() + seconds
    threads = [threading.Thread(target=_client, args=(url, until, took, errors)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return took, errors


def run(args: argparse.Namespace, paths: list[str]) -> None:
    """Each path in turn: 2 s of warm-up by the same clients, then `args.seconds` measured."""
    print(f"gunicorn, {args.workers} workers x {args.threads} threads, {args.clients} clients, "
          f"{args.seconds:.0f} s per URL")  # fmt: skip
    with gunicorn(args.workers, args.threads) as base:
        for path in paths:
            url = base + quote(path, safe="/?=&")
            _load(url, args.clients, 2)
            took, errors = _load(url, args.clients, args.seconds)
            p50, p95 = statistics.median(took), statistics.quantiles(took, n=20)[-1]
            print(f"{path:40} {len(took) / args.seconds:6.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                  f"errors {len(errors)}")  # fmt: skip
