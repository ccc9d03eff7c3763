"""High-value invention patents in the statistics: per CNIPA category, per region (with "per 10,000 people"
where an operator entered the resident population) and per strategic emerging industry.

Each patent is classified by app.highvalue (the one classification the patent page shows), so a patent
counts once in the total and once in every category it meets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.auth.models import Organisation
from app.extensions import db
from app.highvalue.rules import CATEGORIES
from app.highvalue.services import high_value_of_many
from app.integrations import sei as sei_bridge
from app.patents.models import LegalStatus, Patent, PatentKind
from app.stats.population import populations

PER = 10_000
PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class RegionFigure:
    province: str  # "" when the owner gave none
    count: int
    population: int | None
    source: str

    @property
    def per_10k(self) -> Decimal | None:
        """High-value inventions per 10,000 residents, 4 decimal places; None without a population."""
        if not self.population:
            return None
        return (Decimal(self.count) * PER / self.population).quantize(PLACES)


@dataclass(frozen=True)
class HighValueStats:
    total: int
    by_category: tuple[tuple[str, int], ...]  # every category code, in CNIPA's order
    by_region: tuple[RegionFigure, ...]  # regions with high-value patents, most first
    by_sei: tuple[tuple[str, str, int], ...]  # (top SEI code, name, count), in code order


def _regions(counts: Counter[str]) -> tuple[RegionFigure, ...]:
    known = populations()
    figures = []
    for province, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        row = known.get(province)
        figures.append(RegionFigure(province, n, row.population if row else None, row.source if row else ""))
    return tuple(figures)


def high_value_stats(patent_conditions: list[Any]) -> HighValueStats:
    """Count the granted inventions within the conditions that are high-value today."""
    stmt = (
        select(Patent, Organisation.province)
        .outerjoin(Organisation, Organisation.owner_id == Patent.owner_id)
        .where(
            *patent_conditions,
            Patent.kind == PatentKind.INVENTION,
            Patent.legal_status == LegalStatus.GRANTED,
        )
    )
    total, categories, regions, sei = 0, Counter[str](), Counter[str](), Counter[str]()
    rows = db.session.execute(stmt.order_by(Patent.id)).all()
    classified = high_value_of_many([patent for patent, _province in rows])
    for patent, province in rows:
        found = classified[patent.id]
        if not found:
            continue
        total += 1
        categories.update(c.code for c in found)
        regions[province or ""] += 1
        sei.update({m.code.split(".")[0] for m in sei_bridge.patent_sei(patent)})
    names = sei_bridge.categories()
    return HighValueStats(
        total=total,
        by_category=tuple((code, categories[code]) for code, _test in CATEGORIES),
        by_region=_regions(regions),
        by_sei=tuple((code, names.get(code, ""), sei[code]) for code in sorted(sei, key=_sei_order)),
    )


def _sei_order(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split(".") if part.isdigit())
