"""Real patents for the demo, read from data/cn_patent_titles_ipc.csv (source: data/README.md).

The file gives publication number, title and IPC subclasses only. Grant publications (kind codes B and
U) are granted patents, so their legal status is "granted"; dates the source does not give stay empty.
The annual-fee date is what a demo patentee records in the product, marked as such in `source`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app import clock

DATA = Path(__file__).resolve().parents[2] / "data" / "cn_patent_titles_ipc.csv"
SOURCE = "data/cn_patent_titles_ipc.csv (lxingy3/chinese-patent-ipc-classifier)；年费缴至日为演示账号自填"
INVENTIONS = 420
UTILITY_MODELS = 60


@dataclass(frozen=True)
class DemoPatent:
    publication_number: str
    title: str
    ipc: tuple[str, ...]

    @property
    def kind_code(self) -> str:
        return self.publication_number[-1]

    @property
    def section(self) -> str:
        return self.ipc[0][0] if self.ipc else "H"


def _rows() -> Iterator[DemoPatent]:
    with DATA.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ipc = tuple(c for c in row["ipc_subclasses"].split("|") if c)
            yield DemoPatent(row["publication_number"], row["title"].strip(), ipc)


def demo_patents() -> list[DemoPatent]:
    """Granted inventions (B) and utility models (U), in file order."""
    rows = list(_rows())
    inventions = [r for r in rows if r.kind_code == "B"][:INVENTIONS]
    utility = [r for r in rows if r.kind_code == "U"][:UTILITY_MODELS]
    return inventions + utility


def demo_fee_paid_until() -> date:
    """What the demo patentees record as "annual fees paid until": about seven months from today."""
    return clock.today() + timedelta(days=210)


def as_form(p: DemoPatent) -> dict[str, str]:
    """The fields the patent import validates, as a patentee would upload them."""
    return {
        "publication_number": p.publication_number,
        "title": p.title,
        "ipc_codes": "|".join(p.ipc),
        "legal_status": "granted",
        "annual_fee_paid_until": demo_fee_paid_until().isoformat(),
    }
