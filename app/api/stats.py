"""GET /api/v1/stats: market statistics, open to everyone; operators and admins also get match figures."""

from __future__ import annotations

from typing import Literal

from flask import jsonify, request
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import OPTIONAL_BEARER, api_viewer, cached_open_data
from app.api.schema import DecimalText, Money, Out, api_route, query
from app.auth.models import Role
from app.httpcache import NOT_MODIFIED
from app.stats import services as stats_svc
from app.stats.high_value import HighValueStats


class HighValueInventions(Out):
    """Valid inventions maintained more than 10 years with their fees paid (CNIPA high-value category 3, as
    the patent page classifies it); filing_date_unknown are not decidable. All five categories: high_value."""

    count: int
    criterion: Literal["maintained_over_10_years"]
    filing_date_unknown: int


class HighValueRegion(Out):
    province: str = Field(description="The owners' province; empty when not given")
    count: int
    population: int | None = Field(description="Resident population an operator entered, if any")
    population_source: str | None
    per_10k: DecimalText | None = Field(description="High-value inventions per 10,000 residents")


class HighValueSei(Out):
    code: str = Field(description="Top strategic emerging industry category (1–9)")
    name: str
    count: int


class HighValueFigures(Out):
    """Valid inventions meeting any of CNIPA's five high-value categories; a patent counts once in count
    and once in each category it meets."""

    count: int
    by_category: dict[str, int] = Field(
        description="Every category: sei, overseas_family, maintained_10y, pledge_financing, award"
    )
    by_province: list[HighValueRegion]
    by_sei: list[HighValueSei]

    @classmethod
    def of(cls, hv: HighValueStats) -> HighValueFigures:
        regions = [
            HighValueRegion(
                province=r.province,
                count=r.count,
                population=r.population,
                population_source=r.source or None,
                per_10k=r.per_10k,
            )
            for r in hv.by_region
        ]
        sei = [HighValueSei(code=code, name=name, count=n) for code, name, n in hv.by_sei]
        return cls(count=hv.total, by_category=dict(hv.by_category), by_province=regions, by_sei=sei)


class Payments(Out):
    """CNY, decimal strings; pool figures are platform-wide."""

    licences: Money
    pools: Money
    total: Money


class MatchFigures(Out):
    """Only for operator and admin tokens; absent for anonymous and other callers."""

    pushed: int
    useful: int
    useful_share_pct: DecimalText | None


class PoolFigures(Out):
    open: int
    licences_in_force: int


class Stats(Out):
    patents: int
    high_value_inventions: HighValueInventions
    high_value: HighValueFigures
    declarations_published: int
    published_by_fee_method: dict[str, int]
    published_by_ipc_section: dict[str, int]
    published_by_province: dict[str, int]
    licences_in_force: int
    payments: Payments
    matches: MatchFigures | None = Field(None, description="Operators and admins only")
    pools: PoolFigures

    @classmethod
    def of(cls, s: stats_svc.Stats, with_matches: bool) -> Stats:
        matches = MatchFigures(
            pushed=s.matches_pushed, useful=s.matches_useful, useful_share_pct=s.useful_share_pct
        )
        return cls(
            patents=s.patents,
            high_value_inventions=HighValueInventions(
                count=dict(s.high_value.by_category)["maintained_10y"],
                criterion="maintained_over_10_years",
                filing_date_unknown=s.inventions_filing_unknown,
            ),
            high_value=HighValueFigures.of(s.high_value),
            declarations_published=s.published,
            published_by_fee_method=dict(s.by_fee_method),
            published_by_ipc_section=dict(s.by_ipc_section),
            published_by_province=dict(s.by_province),
            licences_in_force=s.licences_in_force,
            payments=Payments(licences=s.licence_payments, pools=s.pool_payments, total=s.payments_total),
            pools=PoolFigures(open=s.open_pools, licences_in_force=s.pool_licences_in_force),
            **({"matches": matches} if with_matches else {}),
        )


@api_route(
    "get",
    "/stats",
    {"200": ("Statistics", Stats), "304": NOT_MODIFIED},
    params=[
        query("province", description="e.g. 辽宁省"),
        query("industry_section", description="GB/T 4754 A–T"),
        query("ipc_section", {"type": "string", "enum": list("ABCDEFGH")}),
    ],
    errors=("401", "403", "422", "429"),
    security=OPTIONAL_BEARER,
)
@cached_open_data
def stats() -> Response:
    """Aggregate market statistics for a region, industry section and IPC section; open data, no token needed
    (matches: operators and admins only)"""
    f = stats_svc.parse_filter(
        *(request.args.get(k, "") for k in ("province", "industry_section", "ipc_section"))
    )
    viewer = api_viewer()
    # push and feedback figures are the operation centres' working data
    with_matches = viewer is not None and viewer.has_role(Role.OPERATOR)
    return jsonify(Stats.of(stats_svc.market_stats(f), with_matches).dump())
