"""GET /api/v1/stats: market statistics, open to everyone; operators and admins also get match figures."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from werkzeug.wrappers import Response

from app.api.core import (
    ERROR_RESPONSE,
    OPTIONAL_BEARER,
    api_viewer,
    bp,
    document,
    money_str,
    schema,
    token_optional,
)
from app.auth.models import Role
from app.stats.services import Stats, market_stats, parse_filter


def stats_json(s: Stats) -> dict[str, Any]:
    return {
        "patents": s.patents,
        "high_value_inventions": {
            "count": s.high_value,
            "criterion": "maintained_over_10_years",
            "filing_date_unknown": s.inventions_filing_unknown,
        },
        "declarations_published": s.published,
        "published_by_fee_method": dict(s.by_fee_method),
        "published_by_ipc_section": dict(s.by_ipc_section),
        "published_by_province": dict(s.by_province),
        "licences_in_force": s.licences_in_force,
        "payments": {
            "licences": money_str(s.licence_payments),
            "pools": money_str(s.pool_payments),
            "total": money_str(s.payments_total),
        },
        "matches": {
            "pushed": s.matches_pushed,
            "useful": s.matches_useful,
            "useful_share_pct": None if s.useful_share_pct is None else str(s.useful_share_pct),
        },
        "pools": {"open": s.open_pools, "licences_in_force": s.pool_licences_in_force},
    }


@bp.get("/stats")
@token_optional
def stats() -> Response:
    f = parse_filter(*(request.args.get(k, "") for k in ("province", "industry_section", "ipc_section")))
    data = stats_json(market_stats(f))
    viewer = api_viewer()
    if viewer is None or not viewer.has_role(Role.OPERATOR):
        del data["matches"]  # push and feedback figures are the operation centres' working data
    return jsonify(data)


_COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}
_MONEY = {"type": "string", "example": "50000.00"}

schema(
    "Stats",
    {
        "type": "object",
        "properties": {
            "patents": {"type": "integer"},
            "high_value_inventions": {
                "type": "object",
                "description": "Granted inventions in force, filed more than 10 years ago (the only CNIPA "
                "high-value criterion this platform can check); filing_date_unknown are not decidable.",
                "properties": {
                    "count": {"type": "integer"},
                    "criterion": {"type": "string"},
                    "filing_date_unknown": {"type": "integer"},
                },
            },
            "declarations_published": {"type": "integer"},
            "published_by_fee_method": _COUNTS,
            "published_by_ipc_section": _COUNTS,
            "published_by_province": _COUNTS,
            "licences_in_force": {"type": "integer"},
            "payments": {
                "type": "object",
                "description": "CNY, decimal strings; pool figures are platform-wide.",
                "properties": {"licences": _MONEY, "pools": _MONEY, "total": _MONEY},
            },
            "matches": {
                "type": "object",
                "description": "Only for operator and admin tokens; absent for anonymous and other callers.",
                "properties": {
                    "pushed": {"type": "integer"},
                    "useful": {"type": "integer"},
                    "useful_share_pct": {"type": "string", "nullable": True},
                },
            },
            "pools": {
                "type": "object",
                "properties": {"open": {"type": "integer"}, "licences_in_force": {"type": "integer"}},
            },
        },
    },
)

document(
    "/stats",
    "get",
    {
        "summary": "Aggregate market statistics for a region, industry section and IPC section; open data, "
        "no token needed (matches: operators and admins only)",
        "security": OPTIONAL_BEARER,
        "parameters": [
            {"name": "province", "in": "query", "schema": {"type": "string"}, "description": "e.g. 辽宁省"},
            {
                "name": "industry_section",
                "in": "query",
                "schema": {"type": "string"},
                "description": "GB/T 4754 A–T",
            },
            {"name": "ipc_section", "in": "query", "schema": {"type": "string", "enum": list("ABCDEFGH")}},
        ],
        "responses": {
            "200": {
                "description": "Statistics",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}},
            },
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
        },
    },
)
