"""Time the app's own push run (`flask push run`): real hybrid scoring, the database and the inbox writes.

bench/matching.py times the vector part at 10 k x 100 k; this script times the whole app path on a
temporary SQLite file: N enterprises (needs texts = real GB/T 4754 class notes) x M declarations of real
patents (data/cn_patent_titles_ipc.csv).
Usage: python bench/push_app.py [--enterprises 1000] [--declarations 50]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

# Run as a script, bench/ comes first on sys.path and bench/matching.py would shadow the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from werkzeug.security import generate_password_hash  # noqa: E402

from app import create_app  # noqa: E402
from app.auth.models import Organisation, Role, User  # noqa: E402
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod  # noqa: E402
from app.demo.patents import demo_patents  # noqa: E402
from app.extensions import db  # noqa: E402
from app.industries import industries  # noqa: E402
from app.patents.models import LegalStatus, Patent, PatentKind  # noqa: E402


def seed(n_enterprises: int, n_declarations: int) -> None:
    """Enterprises with real industry-note needs, and published declarations of real patents."""
    password = generate_password_hash("bench-only", method="scrypt")
    notes = [(code, row) for code, row in industries().items() if row["remark"] and len(code) == 4]
    owner = User(email="owner@bench.cn", password_hash=password, role=Role.PATENTEE)
    db.session.add(owner)
    for i, (code, row) in zip(range(n_enterprises), itertools.cycle(notes), strict=False):
        user = User(email=f"e{i}@bench.cn", password_hash=password, role=Role.ENTERPRISE)
        db.session.add(user)
        db.session.add(
            Organisation(owner=user, name=f"bench {i}", industry_codes=[code[:2]], needs=row["remark"])
        )
    for p in demo_patents()[:n_declarations]:
        patent = Patent(owner=owner, publication_number=p.publication_number, title=p.title,
                        ipc_codes=list(p.ipc), kind=PatentKind.INVENTION,
                        legal_status=LegalStatus.GRANTED)  # fmt: skip
        db.session.add(Declaration(patent=patent, owner=owner, status=DeclarationStatus.PUBLISHED,
                                   fee_method=FeeMethod.LUMP_SUM, lump_sum=Decimal("10000"),
                                   period_start=date(2026, 1, 1), period_end=date(2028, 12, 31),
                                   ipc_sections=Declaration.sections_of(list(p.ipc))))  # fmt: skip
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=1000)
    parser.add_argument("--declarations", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(tmp) / 'bench.db'}", MATCHING_INDEX_DIR="")
        with app.app_context():
            db.create_all()
            seed(args.enterprises, args.declarations)
            runner = app.test_cli_runner()
            for label in ("first run", "second run (nothing new)"):
                start = time.perf_counter()
                result = runner.invoke(args=["push", "run"])
                elapsed = time.perf_counter() - start
                print(f"{label}: {elapsed:.1f} s  | {result.output.strip().splitlines()[-1]}")
    print(f"({args.enterprises} enterprises x {args.declarations} declarations, SQLite, includes model load)")


if __name__ == "__main__":
    main()
