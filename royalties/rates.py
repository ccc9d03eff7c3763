"""Industry benchmark royalty rates by GB/T 4754-2017 industry.

The table lives in ``royalties/data/royalty_rate_benchmarks.json`` with its sources. It is a
*reference, not official*: the CNIPA per-industry statistics could not be retrieved offline (the
data file says exactly what was and was not found). Industry codes are checked against
``royalties/data/gbt4754_2017_codes.json`` (a copy, so a fresh clone works on its own).
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from royalties.errors import EstimateInputError
from royalties.money import pct
from royalties.types import Band

DATA_DIR = Path(__file__).resolve().parent / "data"
_CODE_RE = re.compile(r"^([A-T])?(\d{2,4})?$")


@dataclass(frozen=True)
class BenchmarkRate:
    """Reference running-royalty range for an industry.

    Attributes:
        code: the normalised code used for the lookup (section letter or 2-digit division).
        industry_name: GB/T 4754-2017 name of that code.
        category: key of the reference product category, e.g. ``"high_technology"``.
        category_label_zh: its Chinese label.
        rates: low / mid / high, % of net sales.
        source: citation of the reference range.
    """

    code: str
    industry_name: str
    category: str
    category_label_zh: str
    rates: Band
    source: str


@lru_cache(maxsize=1)
def _codes() -> dict[str, Any]:
    with open(DATA_DIR / "gbt4754_2017_codes.json", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@lru_cache(maxsize=1)
def benchmark_table() -> dict[str, Any]:
    """Return the raw benchmark JSON (sources, ceilings, categories, mapping)."""
    with open(DATA_DIR / "royalty_rate_benchmarks.json", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def normalise_code(code: str) -> str:
    """Map a GB/T 4754 code to its section letter or 2-digit division.

    ``"C"`` -> ``"C"``; ``"39"``, ``"391"``, ``"3911"``, ``"C3911"`` -> ``"39"``.
    Returns ``""`` when the code is not of that shape.
    """
    match = _CODE_RE.match(code.strip().upper())
    if not match or not any(match.groups()):
        return ""
    section, digits = match.groups()
    return digits[:2] if digits else section


def known_industry(code: str) -> bool:
    """Whether ``code`` is a GB/T 4754-2017 section, division, group or class."""
    cleaned = code.strip().upper()
    digits = cleaned[1:] if cleaned[:1].isalpha() and len(cleaned) > 1 else cleaned
    if not normalise_code(cleaned):
        return False
    codes = _codes()["codes"]
    if digits not in codes:
        return False
    letter = cleaned[:1] if cleaned[:1].isalpha() and len(cleaned) > 1 else None
    return letter is None or section_of(digits) == letter


def section_of(code: str) -> str:
    """Return the section letter of a normalised code (``"39"`` -> ``"C"``)."""
    if code.isalpha():
        return code
    section: str = _codes()["division_section"].get(code[:2], "")
    return section


def industry_name(code: str) -> str:
    """Return the GB/T 4754-2017 name of a code, or ``""``."""
    name: str = _codes()["codes"].get(code, "")
    return name


def benchmark_for(industry_code: str) -> BenchmarkRate | None:
    """Return the reference range for an industry, or None when the table has none.

    Args:
        industry_code: any GB/T 4754-2017 code; deeper codes use their division, and a
            division without its own mapping falls back to its section.

    Raises:
        EstimateInputError: the code is not a GB/T 4754-2017 code.
    """
    if not known_industry(industry_code):
        raise EstimateInputError("industry_code", f"未知的国民经济行业代码：{industry_code}")
    code = normalise_code(industry_code)
    ref = benchmark_table()["rate_reference"]
    category = ref["division_category"].get(code) or ref["section_category"].get(section_of(code))
    if category is None:
        return None
    used = code if code in ref["division_category"] else section_of(code)
    return _make_benchmark(used, category, ref)


def _make_benchmark(code: str, category: str, ref: dict[str, Any]) -> BenchmarkRate:
    entry = ref[category] if category == "manufacturing_envelope" else ref["categories"][category]
    low, high = Decimal(entry["low"]), Decimal(entry["high"])
    return BenchmarkRate(
        code=code,
        industry_name=industry_name(code),
        category=category,
        category_label_zh=entry["label_zh"],
        rates=Band(pct(low), pct((low + high) / 2), pct(high)),
        source=ref["source"],
    )


def ceilings() -> dict[str, Decimal]:
    """Return the ceilings quoted for open-licence fees (rates %, fixed fee CNY)."""
    raw = benchmark_table()["ceilings"]
    return {k: Decimal(v) for k, v in raw.items() if k != "source"}
