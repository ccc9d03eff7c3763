"""Time the public list pages and the keyword search, 1 client, through the app (Flask test client, no HTTP).

The database named by DATABASE_URL must be migrated and hold the demo (`flask db upgrade && flask demo load`).
`--synthetic N` first adds N published declarations of synthetic patents: real titles and abstracts from data/
recombined (the first half of one title with the second half of another), numbers CN8xxxxxxxxB, owned by one
patentee whose organisation is named 合成数据（基准测试，非真实）; never use it on a real database.
Usage: DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/ole_bench_search \
       python bench/pages.py [--synthetic 10000] [--requests 100]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

# Run as a script, bench/ comes first on sys.path and bench/matching.py would shadow the package.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
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


def _texts() -> tuple[list[tuple[str, list[str]]], list[str]]:
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


def add_synthetic(n: int, seed: int = 10) -> None:
    """n published declarations of recombined real texts, newest published now, one minute apart."""
    rng = random.Random(seed)
    titles, abstracts = _texts()
    owner = _owner()
    start = clock.now()
    for i in range(n):
        (a, ipc), (b, _) = rng.choice(titles), rng.choice(titles)
        title = a[: len(a) // 2] + b[len(b) // 2 :]
        x, y = rng.choice(abstracts), rng.choice(abstracts)
        abstract = x[: len(x) // 2] + y[len(y) // 2 :]
        patent = Patent(owner=owner, publication_number=f"CN8{i:08d}B", title=title[:500],
                        abstract=abstract, ipc_codes=ipc, kind=PatentKind.INVENTION,
                        legal_status=LegalStatus.GRANTED, verification=Verification.VERIFIED,
                        filing_date=date(2020, 1, 1), grant_date=date(2022, 1, 1))  # fmt: skip
        db.session.add(Declaration(patent=patent, owner=owner, status=DeclarationStatus.PUBLISHED,
                                   fee_method=FeeMethod.LUMP_SUM, lump_sum=Decimal("10000"),
                                   period_start=date(2026, 1, 1), period_end=date(2028, 12, 31),
                                   published_at=start - timedelta(minutes=i), industry_code="38",
                                   ipc_sections=Declaration.sections_of(ipc)))  # fmt: skip
        if i % 1000 == 999:
            db.session.flush()
    db.session.commit()
    if db.engine.dialect.name == "postgresql":  # the steady state autovacuum soon gives: planner statistics,
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:  # GIN lists merged
            conn.execute(text("VACUUM ANALYZE"))


def _time(client, url: str, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    for _ in range(5):
        assert client.get(url).status_code == 200, url
    took = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        took.append((time.perf_counter() - start) * 1000)
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=0)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    app = create_app(MATCHING_INDEX_DIR="", RATELIMIT_ENABLED=False)
    with app.app_context():
        if args.synthetic:
            add_synthetic(args.synthetic)
        published = Declaration.status == DeclarationStatus.PUBLISHED
        total = db.session.query(Declaration).filter(published).count()
        latest = db.session.query(Declaration.id).order_by(Declaration.id.desc()).first()
        client = app.test_client()
        print(f"{total} published declarations, {db.engine.dialect.name}, {args.requests} requests each")
        for url in URLS:
            url = url.format(id=latest[0] if latest else 1)
            took = _time(client, url, args.requests)
            p95 = statistics.quantiles(took, n=20)[-1]
            print(f"{url:40} p50 {statistics.median(took):7.1f} ms  p95 {p95:7.1f} ms")
        _revalidation(client, args.requests)


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
