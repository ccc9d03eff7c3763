"""GB/T 4754-2017 national economic industry classification, and provinces, loaded once from data/.

Province names are stored as Chinese data (N_) and translated where they are shown.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from app.i18n import N_

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

PROVINCES = (
    N_("北京市"), N_("天津市"), N_("河北省"), N_("山西省"), N_("内蒙古自治区"), N_("辽宁省"), N_("吉林省"),
    N_("黑龙江省"), N_("上海市"), N_("江苏省"), N_("浙江省"), N_("安徽省"), N_("福建省"), N_("江西省"),
    N_("山东省"), N_("河南省"), N_("湖北省"), N_("湖南省"), N_("广东省"), N_("广西壮族自治区"), N_("海南省"),
    N_("重庆市"), N_("四川省"), N_("贵州省"), N_("云南省"), N_("西藏自治区"), N_("陕西省"), N_("甘肃省"),
    N_("青海省"), N_("宁夏回族自治区"), N_("新疆维吾尔自治区"), N_("台湾省"), N_("香港特别行政区"),
    N_("澳门特别行政区"),
)  # fmt: skip


def _code(row: dict[str, str]) -> str:
    return row["cls"] or row["group"] or row["division"] or row["section"]


@lru_cache(maxsize=1)
def industries() -> dict[str, dict[str, str]]:
    """Code ('C', '39', '391', '3911') -> {name, remark, level, section}."""
    rows = json.loads((DATA_DIR / "gbt4754_2017.json").read_text(encoding="utf-8"))
    return {
        _code(r): {
            "name": r["name"],
            "remark": r["remark"],
            "level": str(r["level"]),
            "section": r["section"],
        }
        for r in rows
    }


def industry_name(code: str) -> str:
    row = industries().get(code)
    return row["name"] if row else code


def unknown_industry_codes(codes: Iterable[str]) -> list[str]:
    known = industries()
    return [c for c in (c.strip() for c in codes) if c and c not in known]


def industry_choices(max_level: int = 2) -> list[tuple[str, str]]:
    """(code, 'code name') for the picker, sections and divisions by default."""
    return [
        (code, f"{code} {row['name']}")
        for code, row in industries().items()
        if int(row["level"]) <= max_level
    ]
