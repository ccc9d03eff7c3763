"""GB/T 4754-2017 national economic industry classification, and provinces, loaded once from data/."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

PROVINCES = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
    "广西壮族自治区",
    "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
    "宁夏回族自治区", "新疆维吾尔自治区", "台湾省", "香港特别行政区", "澳门特别行政区",
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
