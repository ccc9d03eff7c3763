"""Operators record a region's resident population so high-value inventions can be shown per 10,000 people."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from app import clock
from app.auth.models import Role, User
from app.errors import Forbidden, ValidationFailed, clauses
from app.extensions import db
from app.industries import PROVINCES
from app.stats.models import RegionPopulation

# More than any province could hold (China: about 1.41 billion people); catches a typo of extra digits.
MAX_POPULATION = 2_000_000_000
MAX_SOURCE = 100


@dataclass(frozen=True)
class PopulationInput:
    province: str
    population: int
    source: str


def parse_population(province: str, population: str, source: str) -> PopulationInput:
    """Check the typed values: a known province, a positive whole number, a stated source."""
    errors: dict[str, str] = {}
    province, raw, source = province.strip(), population.strip().replace(",", ""), source.strip()
    if province not in PROVINCES:
        errors["province"] = _("请选择省份。")
    digits = raw.lstrip("0")
    if not raw.isascii() or not raw.isdigit() or not digits:
        errors["population"] = _("常住人口应为正整数（人），例如 41970000。")
    elif len(digits) > len(str(MAX_POPULATION)) or int(digits) > MAX_POPULATION:
        errors["population"] = _("常住人口不能超过 %(n)s 人。", n=f"{MAX_POPULATION:,}")
    if not source:
        errors["source"] = _("请注明数据来源，例如“2025 统计年鉴”。")
    elif len(source) > MAX_SOURCE:
        errors["source"] = _("不能超过 %(n)s 个字符。", n=MAX_SOURCE)
    if errors:
        raise ValidationFailed(_("常住人口有误：%(detail)s", detail=clauses(errors.values())), errors)
    return PopulationInput(province, int(digits), source)


def set_population(actor: User, inp: PopulationInput) -> RegionPopulation:
    """Record (or replace) a province's resident population; operation centres and admins only."""
    if not actor.has_role(Role.OPERATOR):
        raise Forbidden(_("只有运营中心可以填写常住人口。"))
    row = db.session.scalar(select(RegionPopulation).where(RegionPopulation.province == inp.province))
    if row is None:
        row = RegionPopulation(province=inp.province)
        db.session.add(row)
    row.population, row.source = inp.population, inp.source
    row.updated_by_id, row.updated_at = actor.id, clock.now()
    db.session.flush()
    return row


def populations() -> dict[str, RegionPopulation]:
    """Every recorded population, by province."""
    return {
        r.province: r
        for r in db.session.scalars(select(RegionPopulation).order_by(RegionPopulation.province))
    }
