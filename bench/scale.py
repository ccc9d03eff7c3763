"""Scale benchmark (issue 10): synthetic data, full and incremental push, reindex, public pages, peak memory.

Builds `flask demo scale` data in the database named by DATABASE_URL (PostgreSQL for the figures in
bench/RESULTS.md), then times, in one process, through the app's own entry points:
  reindex            `flask matching reindex` over every published declaration (index saved to a temp folder)
  full push          `flask push run` with every declaration queued and no enterprise featurised yet
  incremental push   one newly published declaration, `flask push run` again (to every enterprise)
  pages              /announcements and /announcements?q=电池, 1 client (the test client), p95 of 40 requests
and prints one JSON line last. Refuses a database holding enterprises that are not synthetic, because it
clears the push state (inbox, tasks, runs, stored profiles) before measuring.
Usage: DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/ole_bench_batch \\
       python bench/scale.py --enterprises 1000 --declarations 5000 --json
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, bench/ comes first on sys.path and bench/matching.py would shadow the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask  # noqa: E402
from sqlalchemy import delete, func, select  # noqa: E402

from app import create_app  # noqa: E402
from app.auth.models import Role, User  # noqa: E402
from app.demo import scale  # noqa: E402
from app.extensions import db  # noqa: E402
from app.matches.models import MatchNotice, MatchProfile, PushRun, PushTask  # noqa: E402
from app.patents.models import Patent  # noqa: E402

REQUESTS = 40


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def timed(label: str, fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    took = time.perf_counter() - start
    log(f"{label}: {took:.1f} s")
    return took, out


def prepare(enterprises: int, declarations: int) -> None:
    """Schema, synthetic rows, and a clean push state (refused on a database with real enterprises)."""
    db.create_all()
    real = select(func.count(User.id)).where(
        User.role == Role.ENTERPRISE, User.email.not_like("%@synthetic.invalid")
    )
    if db.session.scalar(real):
        sys.exit("refused: this database holds enterprises that are not synthetic")
    timed("build synthetic data", lambda: scale.build(enterprises, declarations, log))
    for model in (MatchNotice, PushTask, PushRun, MatchProfile):
        db.session.execute(delete(model))
    db.session.commit()


def cli(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=list(args))
    if result.exit_code != 0:
        sys.exit(f"{' '.join(args)} failed: {result.output}")
    return result.output


def notices() -> int:
    return db.session.scalar(select(func.count(MatchNotice.id))) or 0


def p95_ms(app: Flask, url: str) -> float:
    client = app.test_client()
    for _ in range(3):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.quantiles(times, n=20)[18], 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=1000)
    parser.add_argument("--declarations", type=int, default=5000)
    parser.add_argument("--json", action="store_true", help="Print the figures as one JSON line last.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(MATCHING_INDEX_DIR=str(Path(tmp) / "index"))
        with app.app_context():
            figures = run(app, args.enterprises, args.declarations)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))


def run(app: Flask, enterprises: int, declarations: int) -> dict[str, float | int]:
    prepare(enterprises, declarations)
    reindex, _ = timed("reindex", lambda: cli(app, "matching", "reindex"))
    push, _ = timed("full push", lambda: cli(app, "push", "run"))
    items, published = notices(), db.session.scalar(select(func.count(PushTask.id))) or 0
    synthetic = select(func.count(Patent.id)).where(Patent.publication_number.like("SYN%"))
    scale.build(enterprises, (db.session.scalar(synthetic) or 0) + 1, log)  # one newly published declaration
    incremental, _ = timed("incremental push", lambda: cli(app, "push", "run"))
    log(f"incremental push wrote {notices() - items} notices")
    return {
        "enterprises": enterprises,
        "declarations": published,  # pushed in the full run (a rerun on the same database may have more)
        "push_seconds": round(push, 1),
        "push_items": items,
        "incremental_push_seconds": round(incremental, 2),
        "reindex_seconds": round(reindex, 1),
        "announcements_p95_ms": p95_ms(app, "/announcements"),
        "search_p95_ms": p95_ms(app, "/announcements?q=电池"),
    }


if __name__ == "__main__":
    main()
