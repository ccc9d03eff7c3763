"""GET /api/v1/stats: market statistics, open to everyone; operators and admins also get match figures."""

from __future__ import annotations

from typing import Literal

from flask import jsonify, request
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import OPTIONAL_BEARER, api_viewer, bp, token_optional
from app.api.schema import DecimalText, Money, Out, operation, query
from app.auth.models import Role
from app.httpcache import NOT_MODIFIED, public_cache
from app.stats import services as stats_svc


class HighValueInventions(Out):
    """Granted inventions in force, filed more than 10 years ago (the only CNIPA high-value criterion this
    platform can check); filing_date_unknown are not decidable."""

    count: int
    criterion: Literal["maintained_over_10_years"]
    filing_date_unknown: int


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
                count=s.high_value,
                criterion="maintained_over_10_years",
                filing_date_unknown=s.inventions_filing_unknown,
            ),
            declarations_published=s.published,
            published_by_fee_method=dict(s.by_fee_method),
            published_by_ipc_section=dict(s.by_ipc_section),
            published_by_province=dict(s.by_province),
            licences_in_force=s.licences_in_force,
            payments=Payments(licences=s.licence_payments, pools=s.pool_payments, total=s.payments_total),
            pools=PoolFigures(open=s.open_pools, licences_in_force=s.pool_licences_in_force),
            **({"matches": matches} if with_matches else {}),
        )


@bp.get("/stats")
@public_cache
@token_optional
def stats() -> Response:
    f = stats_svc.parse_filter(
        *(request.args.get(k, "") for k in ("province", "industry_section", "ipc_section"))
    )
    viewer = api_viewer()
    # push and feedback figures are the operation centres' working data
    with_matches = viewer is not None and viewer.has_role(Role.OPERATOR)
    return jsonify(Stats.of(stats_svc.market_stats(f), with_matches).dump())


operation(
    "/stats",
    "get",
    "Aggregate market statistics for a region, industry section and IPC section; open data, no token "
    "needed (matches: operators and admins only)",
    {"200": ("Statistics", Stats), "304": NOT_MODIFIED},
    params=[
        query("province", description="e.g. 辽宁省"),
        query("industry_section", description="GB/T 4754 A–T"),
        query("ipc_section", {"type": "string", "enum": list("ABCDEFGH")}),
    ],
    errors=("401", "403", "422", "429"),
    security=OPTIONAL_BEARER,
)
