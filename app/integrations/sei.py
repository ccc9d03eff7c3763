"""Patents -> strategic emerging industries (matching.sei over the official 2021 concordance in data/), and
the SEI link of a match: the enterprise's picked categories, or its GB/T 4754 industry through the
reconstructed 2018 table (matching.sei_link)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.industries import industry_name
from matching import sei_link
from matching.sei import SeiTable
from matching.sei_link import GbtSeiTable, SeiLink, bonus, load_categories, reason_zh, sei_links
from matching.types import SeiMatch

if TYPE_CHECKING:  # app.declarations imports accounts, which import this module for the SEI picker
    from app.declarations.models import Declaration
    from app.patents.models import Patent

TABLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sei2021_ipc.jsonl"


@lru_cache(maxsize=1)
def sei_table() -> SeiTable:
    """The concordance, loaded once per process."""
    return SeiTable.from_jsonl(TABLE_PATH)


def patent_sei(patent: Patent) -> list[SeiMatch]:
    """The strategic emerging industries a patent's IPC codes fall in, with the evidence."""
    return sei_table().classify(patent.ipc_codes)


GBT_TABLE_PATH = TABLE_PATH.with_name("sei2018_gbt4754.jsonl")


@lru_cache(maxsize=1)
def covers(picked: str, patent: Patent) -> bool:
    """Whether one of the patent's SEI codes falls in the picked category (or is it)."""
    return any(sei_link.covers(picked, m.code) for m in patent_sei(patent))


def category_covers(picked: str, code: str) -> bool:
    """Whether a picked category (``"1"`` or ``"1.1"``) contains an SEI code."""
    return sei_link.covers(picked, code)


def categories() -> dict[str, str]:
    """The 9 top and 40 mid SEI categories (code -> name), in code order."""
    return load_categories(TABLE_PATH)


def category_choices() -> list[tuple[str, str]]:
    """(code, "code name") for pickers; mid categories indented under their top one."""
    indent = "\u00a0\u00a0"  # no-break spaces: an ideographic space would be CJK text on English pages
    return [(c, f"{indent if '.' in c else ''}{c} {n}") for c, n in categories().items()]


@lru_cache(maxsize=1)
def gbt_table() -> GbtSeiTable:
    return GbtSeiTable.from_jsonl(GBT_TABLE_PATH)


def decl_links(decl: Declaration, picked: Iterable[str], industries: Iterable[str]) -> list[SeiLink]:
    """The declaration's patent SEI categories that the enterprise's picks or industries reach."""
    return links_of(patent_sei_codes(decl.patent.ipc_codes), picked, industries)


def patent_sei_codes(ipc_codes: Iterable[str] | None) -> list[tuple[str, str]]:
    """(SEI code, name) of a patent's IPC codes (computed once per declaration by the batch push)."""
    return list(_sei_codes(tuple(ipc_codes or ())))


@lru_cache(maxsize=100_000)
def _sei_codes(ipc_codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((m.code, m.name) for m in sei_table().classify(ipc_codes))


def links_of(
    patent: list[tuple[str, str]], picked: Iterable[str], industries: Iterable[str]
) -> list[SeiLink]:
    """The patent's SEI categories (code, name) reached by the picks or the industries."""
    if not patent:
        return []
    table = gbt_table()
    return sei_links(patent, picked, {code: table.sei_of(code) for code in industries})


def _link_json(link: SeiLink) -> dict[str, Any]:
    name = industry_name(link.industry) if link.industry else ""
    return {
        "code": link.code,
        "name": link.name,
        "via": link.via,
        "industry": link.industry,
        "industry_name": name,
        "text_zh": reason_zh(link, name),
    }


def with_sei(
    score: float, reasons: dict[str, Any], decl: Declaration, picked: Iterable[str], industries: Iterable[str]
) -> tuple[float, dict[str, Any]]:
    """A match's score plus the SEI bonus (capped at 1), and its reasons with ``sei_links`` added."""
    return with_links(score, reasons, decl_links(decl, picked, industries))


def with_links(score: float, reasons: dict[str, Any], links: list[SeiLink]) -> tuple[float, dict[str, Any]]:
    """A match's score plus the bonus of its SEI links (capped at 1), and its reasons with them added."""
    if not links:
        return score, {**reasons, "sei_links": []}
    summary = "；".join(dict.fromkeys(reason_zh(x, industry_name(x.industry)) for x in links[:2]))
    return min(1.0, score + bonus(links)), {
        **reasons,
        "sei_links": [_link_json(x) for x in links],
        "summary_zh": f"{summary}；{reasons.get('summary_zh', '')}",
    }
