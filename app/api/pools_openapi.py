"""OpenAPI entries for /api/v1/pools, /alliances and /cross-licences (routes in app/api/pools.py)."""

from __future__ import annotations

from typing import Any

from app.api.core import ERROR_RESPONSE, document

STR, INT, DEC, DATE = (
    {"type": "string"},
    {"type": "integer"},
    {"type": "string", "description": "decimal string"},
    {
        "type": "string",
        "format": "date",
    },
)
IDS = {"type": "array", "items": INT}
POOL_BODY = {
    "name": STR, "field_ipc": {"type": "array", "items": STR},
    "industry_codes": {"type": "array", "items": STR},
    "alliance_id": INT, "term_start": DATE, "term_end": DATE,
    "fee_method": {"type": "string", "enum": ["lump_sum", "running_royalty", "per_unit"]},
    "lump_sum": DEC, "royalty_rate_pct": DEC, "unit_fee": DEC, "field_of_use": STR, "admin_fee_pct": DEC,
    "distribution_rule": {"type": "string", "enum": ["count", "weighted", "share"]},
}  # fmt: skip
TERMS = {
    "term_start": DATE,
    "term_end": DATE,
    "industry_code": STR,
    "annual_sales": DEC,
    "profit_margin_pct": DEC,
    "note": STR,
}

# (path, method, summary, roles, request body properties or None, success status)
OPERATIONS: list[tuple[str, str, str, str, dict[str, Any] | None, str]] = [
    ("/pools", "get", "List pools with a published offer", "any", None, "200"),
    ("/pools", "post", "Create a pool (draft)", "operator", POOL_BODY, "201"),
    ("/pools/{pool_id}", "get", "A pool, its offer and consented patents", "any", None, "200"),
    ("/pools/{pool_id}", "put", "Edit a draft pool", "operator (owner)", POOL_BODY, "200"),
    (
        "/pools/{pool_id}/invitations",
        "post",
        "Invite patents",
        "operator (owner)",
        {"patent_ids": IDS},
        "201",
    ),
    ("/pools/{pool_id}/suggestions", "get", "Suggest patents for this pool", "operator (owner)", None, "200"),
    ("/pools/{pool_id}/screen", "post", "Screen invited and pooled patents", "operator (owner)", None, "200"),
    ("/pools/{pool_id}/open", "post", "Publish the one-stop licence offer", "operator (owner)", None, "200"),
    ("/pools/{pool_id}/close", "post", "Close the pool to new licences", "operator (owner)", None, "200"),
    (
        "/pools/patents/{pp_id}/consent",
        "post",
        "Holder consents to the patent joining",
        "patentee (owner)",
        None,
        "200",
    ),
    ("/pools/patents/{pp_id}/decline", "post", "Holder declines", "patentee (owner)", None, "200"),
    (
        "/pools/patents/{pp_id}/leave",
        "post",
        "Take a patent out of the pool",
        "patentee (owner) or operator",
        None,
        "200",
    ),
    (
        "/pools/patents/{pp_id}/judgement",
        "post",
        "Record essentiality and share",
        "operator (owner)",
        {
            "essentiality": {"type": "string", "enum": ["essential", "relevant", "not_relevant"]},
            "note": STR,
            "share_pct": DEC,
        },
        "200",
    ),
    (
        "/pools/{pool_id}/licences",
        "post",
        "Take the pool licence (notice + claimed payment; payment_pending until the pool's operator confirms "
        "it with POST /payments/{id}/confirm; in force at once when nothing is due; idempotent)",
        "enterprise",
        {"notice": STR, "payment_reference": STR},
        "201",
    ),
    (
        "/pools/licences/{licence_id}/payments",
        "post",
        "Pay a running / per-unit royalty; it is split",
        "enterprise (licensee)",
        {"net_sales": DEC, "units": INT, "payment_reference": STR},
        "201",
    ),
    (
        "/pools/{pool_id}/ledger",
        "get",
        "Every payment, admin fee, share and the rounding rule",
        "operator (owner) or pooled patentee",
        None,
        "200",
    ),
    ("/alliances", "get", "Alliances with their members", "any", None, "200"),
    (
        "/alliances",
        "post",
        "Create an alliance",
        "operator",
        {"name": STR, "industry_codes": {"type": "array", "items": STR}, "region": STR, "charter": STR},
        "201",
    ),
    ("/alliances/{alliance_id}", "get", "An alliance", "any", None, "200"),
    (
        "/alliances/{alliance_id}/invitations",
        "post",
        "Invite organisations",
        "operator (owner)",
        {"organisation_ids": IDS},
        "201",
    ),
    (
        "/alliances/members/{member_id}/accept",
        "post",
        "Accept an invitation",
        "invited organisation",
        None,
        "200",
    ),
    (
        "/alliances/members/{member_id}/decline",
        "post",
        "Decline an invitation",
        "invited organisation",
        None,
        "200",
    ),
    (
        "/alliances/{alliance_id}/cross-licences",
        "post",
        "Propose pairwise cross-licences of members' pooled patents",
        "operator (owner)",
        TERMS,
        "201",
    ),
    ("/cross-licences", "get", "My cross-licences", "patentee or operator", None, "200"),
    (
        "/cross-licences",
        "post",
        "Propose a cross-licence; both sides are valued",
        "party or operator",
        {"party_a_id": INT, "party_b_id": INT, "patents_a": IDS, "patents_b": IDS, **TERMS},
        "201",
    ),
    ("/cross-licences/{cross_id}", "get", "A cross-licence", "party or proposer", None, "200"),
    ("/cross-licences/{cross_id}/accept", "post", "Accept (both: licences in force)", "party", None, "200"),
    ("/cross-licences/{cross_id}/reject", "post", "Reject", "party", None, "200"),
    (
        "/cross-licences/{cross_id}/counter",
        "post",
        "Counter with new lists (revalued)",
        "party",
        {"patents_a": IDS, "patents_b": IDS},
        "200",
    ),
]


def _spec(summary: str, roles: str, body: dict[str, Any] | None, status: str) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "summary": summary,
        "description": f"Roles: {roles}. Errors use the common Error shape.",
        "tags": ["pools"],
        "responses": {
            status: {"description": "OK"},
            **{c: ERROR_RESPONSE for c in ("401", "403", "404", "409", "422")},
        },
    }
    if body is not None:
        schema = {"type": "object", "properties": body}
        spec["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema}}}
    return spec


for _path, _method, _summary, _roles, _body, _status in OPERATIONS:
    document(_path, _method, _spec(_summary, _roles, _body, _status))
