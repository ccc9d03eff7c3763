"""Time the public list pages and the keyword search: 1 client through the app (Flask test client, no HTTP),
then with --gunicorn 8 clients over HTTP against gunicorn (bench/http_load.py: req/s, p50, p95, errors).

The database named by DATABASE_URL must be migrated and hold the demo (`flask db upgrade && flask demo load`).
`--synthetic N` first adds N published declarations of synthetic patents: real titles and abstracts from data/
recombined (the first half of one title with the second half of another), numbers CN8xxxxxxxxB, owned by one
patentee whose organisation is named 合成数据（基准测试，非真实）; never use it on a real database.
Usage: DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/ole_bench_search \
       python bench/pages.py [--synthetic 100000] [--requests 100] [--gunicorn [--workers 4] [--threads 1]]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

# Run as a script, bench/ comes first on sys.path and bench/matching.py would shadow the package.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import http_load  # noqa: E402  (bench/http_load.py)
from sqlalchemy import insert, text  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from app import clock, create_app  # noqa: E402
from app.auth.models import Organisation, Role, User  # noqa: E402
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod  # noqa: E402
from app.extensions import db  # noqa: E402
from app.patents.models import LegalStatus, Patent, PatentKind, Verification  # noqa: E402

SYNTHETIC_ORG = "合成数据（基准测试，非真实）"
URLS = [
    "/announcements",
    "/announcements?q=电池",
    "/announcements?q=锂离子电池",
    "/api/v1/declarations",
    "/api/v1/declarations?q=电池",
    "/announcements/{id}",
]
# Under gunicorn, 8 clients: the lists and searches the goal names, and the home page.
LOAD_URLS = [
    "/announcements",
    "/announcements?q=电池",
    "/announcements?q=锂离子电池",
    "/api/v1/declarations?q=电池",
    "/",
]


Titles = list[tuple[str, list[str]]]  # a title and its IPC subclasses
Row = dict[str, Any]


def _texts() -> tuple[Titles, list[str]]:
    with (ROOT / "data/cn_patent_titles_ipc.csv").open(encoding="utf-8") as f:
        titles = [(row["title"], row["ipc_subclasses"].split("|")) for row in csv.DictReader(f)]
    with (ROOT / "data/cn_patents_with_abstracts.jsonl").open(encoding="utf-8") as f:
        abstracts = [json.loads(line)["abstract"] for line in f]
    return titles, abstracts


def _owner() -> User:
    user = User(email="synthetic@bench.invalid", role=Role.PATENTEE,
                password_hash=generate_password_hash("bench-only-not-a-login", method="scrypt"))  # fmt: skip
    db.session.add(user)
    db.session.add(Organisation(owner=user, name=SYNTHETIC_ORG, province="辽宁省", industry_codes=["C"]))
    return user


def _patent_row(rng: random.Random, titles: Titles, abstracts: list[str], owner_id: int, i: int) -> Row:
    (a, ipc), (b, _) = rng.choice(titles), rng.choice(titles)
    x, y = rng.choice(abstracts), rng.choice(abstracts)
    title, abstract = a[: len(a) // 2] + b[len(b) // 2 :], x[: len(x) // 2] + y[len(y) // 2 :]
    return {"owner_id": owner_id, "publication_number": f"CN8{i:08d}B", "title": title[:500],
            "abstract": abstract, "ipc_codes": ipc, "kind": PatentKind.INVENTION,
            "legal_status": LegalStatus.GRANTED, "verification": Verification.VERIFIED,
            "filing_date": date(2020, 1, 1), "grant_date": date(2022, 1, 1)}  # fmt: skip


def _declaration_row(patent_id: int, ipc: list[str], owner_id: int, published_at: datetime) -> Row:
    return {"patent_id": patent_id, "owner_id": owner_id, "status": DeclarationStatus.PUBLISHED,
            "fee_method": FeeMethod.LUMP_SUM, "lump_sum": Decimal("10000"), "period_start": date(2026, 1, 1),
            "period_end": date(2028, 12, 31), "published_at": published_at, "industry_code": "38",
            "ipc_sections": Declaration.sections_of(ipc)}  # fmt: skip


CHUNK = 5000
GIN_INDEXES = (
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'patents' AND indexdef ~ 'USING gin'"
)


@contextmanager
def _search_indexes_built_after() -> Iterator[None]:
    """On PostgreSQL, the keyword indexes of patents (GIN) dropped during the bulk load and built again at the
    end, inside the same transaction: one build is many times faster than 100,000 GIN insertions."""
    postgres = db.engine.dialect.name == "postgresql"
    indexes = db.session.execute(text(GIN_INDEXES)).all() if postgres else []
    for name, _ in indexes:
        db.session.execute(text(f'DROP INDEX "{name}"'))
    yield
    for _, definition in indexes:
        db.session.execute(text(definition))


def add_synthetic(n: int, seed: int = 10) -> None:
    """n published declarations of recombined real texts, newest published now, one minute apart.

    Bulk INSERTs of 5,000 rows (the ORM's insertmanyvalues, column defaults applied) with the keyword indexes
    built after: 100,000 in a few minutes, where adding objects one by one to indexed tables took 20 or more.
    """
    rng = random.Random(seed)
    titles, abstracts = _texts()
    owner = _owner()
    db.session.flush()
    start = clock.now()
    with _search_indexes_built_after():
        _insert(n, rng, titles, abstracts, owner.id, start)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":  # the steady state autovacuum soon gives: planner statistics,
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:  # GIN lists merged
            conn.execute(text("VACUUM ANALYZE"))


def _insert(
    n: int, rng: random.Random, titles: Titles, abstracts: list[str], owner_id: int, start: datetime
) -> None:
    for first in range(0, n, CHUNK):
        rows = [_patent_row(rng, titles, abstracts, owner_id, i) for i in range(first, min(n, first + CHUNK))]
        returning = insert(Patent).returning(Patent.id, sort_by_parameter_order=True)
        ids = db.session.scalars(returning, rows).all()
        db.session.execute(insert(Declaration), [
            _declaration_row(pid, row["ipc_codes"], owner_id, start - timedelta(minutes=first + k))
            for k, (pid, row) in enumerate(zip(ids, rows, strict=True))
        ])  # fmt: skip


def _time(client, url: str, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    for _ in range(5):
        assert client.get(url).status_code == 200, url
    took = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        took.append((time.perf_counter() - start) * 1000)
    return took


def _one_client(app, n: int) -> None:  # type: ignore[no-untyped-def]
    latest = db.session.query(Declaration.id).order_by(Declaration.id.desc()).first()
    client = app.test_client()
    print(f"1 client, Flask test client, {n} requests each")
    for url in URLS:
        url = url.format(id=latest[0] if latest else 1)
        took = _time(client, url, n)
        p95 = statistics.quantiles(took, n=20)[-1]
        print(f"{url:40} p50 {statistics.median(took):7.1f} ms  p95 {p95:7.1f} ms")
    _revalidation(client, n)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=0)
    parser.add_argument("--requests", type=int, default=100, help="per URL, 1 client; 0: skip")
    parser.add_argument("--gunicorn", action="store_true", help="then load gunicorn (http_load.py)")
    http_load.add_arguments(parser)
    args = parser.parse_args()
    app = create_app(MATCHING_INDEX_DIR="", RATELIMIT_ENABLED=False)
    with app.app_context():
        if args.synthetic:
            start = time.perf_counter()
            add_synthetic(args.synthetic)
            print(f"added {args.synthetic} synthetic declarations in {time.perf_counter() - start:.0f} s")
        published = Declaration.status == DeclarationStatus.PUBLISHED
        total = db.session.query(Declaration).filter(published).count()
        print(f"{total} published declarations, {db.engine.dialect.name}")
        if args.requests:
            _one_client(app, args.requests)
    if args.gunicorn:
        http_load.run(args, LOAD_URLS)


def _revalidation(client, n: int) -> None:  # type: ignore[no-untyped-def]
    """A browser or proxy asking again with the ETag it holds: 304 without rendering."""
    etag = client.get("/announcements").headers.get("ETag")
    if etag is None:
        return  # code from before ETags
    took = []
    for _ in range(n):
        start = time.perf_counter()
        assert client.get("/announcements", headers={"If-None-Match": etag}).status_code == 304
        took.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(took, n=20)[-1]
    label = "/announcements, If-None-Match -> 304"
    print(f"{label:40} p50 {statistics.median(took):7.1f} ms  p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
