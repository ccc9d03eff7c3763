"""Strategic emerging industries (SEI) as a matching link: picked categories and GB/T 4754 industries.

Two ways an enterprise reaches a patent's SEI codes (``matching.sei``, the 2021 IPC concordance):
- it picked SEI categories (top ``"1"`` or mid ``"1.1"`` codes) in its profile or subscriptions;
- its GB/T 4754-2017 industry is listed under an SEI category in the NBS 2018 classification, as reconstructed
  in ``data/sei2018_gbt4754.jsonl`` (top and mid levels only; see ``data/README.md``). That link is derived
  from a reconstruction and is labelled so in every reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# Score added to a match whose patent shares an SEI category with the enterprise (fused scores are 0..1).
PICKED_BONUS = 0.1
DERIVED_BONUS = 0.05
PICKED, DERIVED = "picked", "industry_2018"


@dataclass(frozen=True)
class SeiLink:
    """A patent's SEI category reached by the enterprise: by its own pick, or derived from its industry."""

    code: str
    name: str
    via: str  # PICKED or DERIVED
    industry: str = ""  # the GB/T 4754 code, for DERIVED


def covers(picked: str, code: str) -> bool:
    """Whether a picked category (``"1"`` or ``"1.1"``) contains an SEI code (``"1.1"``)."""
    return code == picked or code.startswith(picked + ".")


def load_categories(path: str | Path) -> dict[str, str]:
    """Return top and mid SEI codes -> names from ``sei2021_ipc.jsonl``, ordered ``1, 1.1, ..., 2, 2.1``."""
    names: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                names[str(row["sei_top_code"])] = str(row["sei_top_name"])
                names[str(row["sei_code"])] = str(row["sei_name"])
    return dict(sorted(names.items(), key=lambda kv: [int(p) for p in kv[0].split(".")]))


class GbtSeiTable:
    """GB/T 4754-2017 class codes (4 digits) -> SEI categories, from the reconstructed 2018 table."""

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        self._by_class: dict[str, set[str]] = {}
        for gbt, sei in rows:
            self._by_class.setdefault(gbt, set()).add(sei)

    @classmethod
    def from_jsonl(cls, path: str | Path) -> GbtSeiTable:
        """Load ``sei2018_gbt4754.jsonl``; a row without a mid code links to its top code."""
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        return cls((str(r["gbt4754_code"]), str(r["sei_mid_code"] or r["sei_top_code"])) for r in rows)

    def sei_of(self, industry: str) -> list[str]:
        """SEI codes of a GB/T 4754 code at any numeric level (``"39"``, ``"391"``, ``"3911"``), sorted.

        A section letter (``"C"``) links to nothing: a whole section spans too many categories to mean
        anything. Unknown codes link to nothing.
        """
        code = industry.strip()
        if not code.isdigit():
            return []
        found = {s for gbt, seis in self._by_class.items() if gbt.startswith(code) for s in seis}
        return sorted(found, key=lambda c: [int(p) for p in c.split(".")])


def sei_links(
    patent_sei: Sequence[tuple[str, str]], picked: Iterable[str], industry_sei: Mapping[str, Sequence[str]]
) -> list[SeiLink]:
    """Return the patent's SEI categories the enterprise reaches, a pick preferred over a derived link.

    Args:
        patent_sei: (code, name) of the patent's SEI categories (mid codes, from the 2021 concordance).
        picked: SEI codes the enterprise picked (top or mid).
        industry_sei: GB/T 4754 code -> its SEI codes (``GbtSeiTable.sei_of``).
    """
    picks = list(picked)
    out = []
    for code, name in patent_sei:
        if any(covers(p, code) for p in picks):
            out.append(SeiLink(code, name, PICKED))
            continue
        via = next((ind for ind, codes in industry_sei.items() if any(covers(c, code) for c in codes)), None)
        if via is not None:
            out.append(SeiLink(code, name, DERIVED, via))
    return out


def bonus(links: Sequence[SeiLink]) -> float:
    """The score added for shared SEI categories: PICKED_BONUS for a pick, else DERIVED_BONUS, else 0."""
    if any(link.via == PICKED for link in links):
        return PICKED_BONUS
    return DERIVED_BONUS if links else 0.0


def reason_zh(link: SeiLink, industry_name: str = "") -> str:
    """One Chinese reason, e.g. "同属战略性新兴产业 1.1 下一代信息网络产业"."""
    if link.via == PICKED:
        return f"同属战略性新兴产业 {link.code} {link.name}"
    return (
        f"贵企业行业 {link.industry} {industry_name} 属战略性新兴产业 {link.code} {link.name}"
        "（据 2018 年国家统计局分类重构表推导）"
    )
