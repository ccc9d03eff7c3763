"""POST /api/v1/royalties/estimate: the wizard's estimate as JSON (same service, same result)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from app.api.core import (
    ERROR_RESPONSE,
    api_user,
    bp,
    document,
    json_body,
    parse_date,
    parse_decimal,
    schema,
    token_required,
)
from app.errors import ValidationFailed
from app.estimate import services as svc
from app.integrations.estimate import patent_facts, recommendation_json
from royalties.types import EstimateInput, MarketSize, Maturity, PatentKind, Stability

REQUIRED = {
    "patent_kind": "请填写专利类型（invention / utility_model / design）。",
    "filing_date": "请填写申请日（YYYY-MM-DD）。",
    "industry_code": "请填写国民经济行业代码（GB/T 4754-2017）。",
    "annual_sales_forecast": "请填写预计年净销售额（元）。",
    "profit_margin_pct": "请填写利润率（%）。",
    "licence_start": "请填写许可期限开始日（YYYY-MM-DD）。",
    "licence_end": "请填写许可期限结束日（YYYY-MM-DD）。",
}
ENUMS: dict[str, type[StrEnum]] = {
    "patent_kind": PatentKind,
    "stability": Stability,
    "maturity": Maturity,
    "market_size": MarketSize,
}
DATES = ("filing_date", "grant_date", "annual_fee_paid_until", "licence_start", "licence_end", "as_of")
DECIMALS = (
    "annual_sales_forecast",
    "profit_margin_pct",
    "contribution_pct",
    "unit_price",
    "discount_rate_pct",
)


def _enum(data: dict[str, Any], name: str, errors: dict[str, str]) -> StrEnum | None:
    raw = data.get(name)
    if raw in (None, ""):
        return None
    kind = ENUMS[name]
    try:
        return kind(str(raw))
    except ValueError:
        errors[name] = "取值应为：" + " / ".join(m.value for m in kind)
        return None


def _claim_count(data: dict[str, Any], errors: dict[str, str]) -> int | None:
    raw = data.get("claim_count")
    if raw in (None, ""):
        return None
    if isinstance(raw, bool) or not str(raw).strip().isdigit():
        errors["claim_count"] = "权利要求项数须为正整数。"
        return None
    return int(str(raw))


def _parsed(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    parsers: list[tuple[tuple[str, ...], Callable[[dict[str, Any], str, dict[str, str]], Any]]] = [
        (DATES, parse_date),
        (DECIMALS, parse_decimal),
        (tuple(ENUMS), _enum),
    ]
    values: dict[str, Any] = {name: parse(data, name, errors) for names, parse in parsers for name in names}
    values["claim_count"] = _claim_count(data, errors)
    for name in ("industry_code", "ipc_subclass"):
        values[name] = str(data.get(name) or "").strip().upper()
    return values, errors


def estimate_input_from_json(data: dict[str, Any], facts: dict[str, Any]) -> EstimateInput:
    """Body fields over the patent's facts over the defaults; every bad field named at once."""
    values, errors = _parsed(data)
    merged = {**svc.BUSINESS_DEFAULTS, **facts, **{k: v for k, v in values.items() if v not in (None, "")}}
    for name, message in REQUIRED.items():
        if merged.get(name) in (None, "") and name not in errors:
            errors[name] = message
    if errors:
        raise ValidationFailed("请求中有字段缺失或格式有误。", errors)
    contribution = values.get("contribution_pct")
    return EstimateInput(
        patent_kind=PatentKind(merged["patent_kind"]),
        filing_date=merged["filing_date"],
        grant_date=merged.get("grant_date"),
        annual_fee_paid_until=merged.get("annual_fee_paid_until"),
        claim_count=merged.get("claim_count"),
        industry_code=merged["industry_code"],
        ipc_subclass=merged.get("ipc_subclass") or None,
        stability=Stability(merged.get("stability") or "none"),
        maturity=Maturity(merged["maturity"]),
        market_size=MarketSize(merged["market_size"]),
        annual_sales_forecast=merged["annual_sales_forecast"],
        profit_margin_pct=merged["profit_margin_pct"],
        contribution_pct=contribution,  # None = the 25 % rule of thumb, labelled as the default
        unit_price=merged.get("unit_price"),
        licence_start=merged["licence_start"],
        licence_end=merged["licence_end"],
        discount_rate_pct=Decimal(merged["discount_rate_pct"]),
        as_of=merged.get("as_of") or svc.today(),
    )


def _facts(data: dict[str, Any]) -> dict[str, Any]:
    raw = data.get("patent_id")
    if raw in (None, ""):
        return {}
    if isinstance(raw, bool) or not str(raw).isdigit():
        raise ValidationFailed("patent_id 须为整数。", {"patent_id": "须为您名下专利的 id（整数）。"})
    return patent_facts(svc.owned_patent(api_user(), int(str(raw))))


@bp.post("/royalties/estimate")
@token_required()  # any role: an enterprise may check whether an announced fee is reasonable
def royalty_estimate() -> Response:
    data = json_body()
    inp = estimate_input_from_json(data, _facts(data))
    rec = svc.run_estimate(api_user(), inp)
    return jsonify(recommendation_json(rec))


def _input_schema() -> dict[str, Any]:
    dec = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
    day = {"type": "string", "format": "date"}
    props: dict[str, Any] = {
        "patent_id": {
            "type": "integer",
            "description": "Prefill kind, dates, claims, IPC from your own patent",
        },
        "patent_kind": {"type": "string", "enum": [m.value for m in PatentKind]},
        "filing_date": day,
        "grant_date": day,
        "annual_fee_paid_until": day,
        "claim_count": {"type": "integer", "minimum": 1},
        "industry_code": {"type": "string", "description": "GB/T 4754-2017 code: C, 39, 391 or 3911"},
        "ipc_subclass": {"type": "string", "example": "H01Q"},
        "stability": {"type": "string", "enum": [m.value for m in Stability], "default": "none"},
        "maturity": {"type": "string", "enum": [m.value for m in Maturity], "default": "pilot"},
        "market_size": {"type": "string", "enum": [m.value for m in MarketSize], "default": "medium"},
        "annual_sales_forecast": {**dec, "description": "Licensee's expected net sales, CNY/year (>= 0)"},
        "profit_margin_pct": {**dec, "description": "Licensee's profit margin, % (0-100)"},
        "contribution_pct": {
            **dec,
            "description": "Patent's share of that profit, %; omitted = 25 (25 % rule)",
        },
        "unit_price": {**dec, "description": "CNY per unit; needed for a per-unit fee"},
        "licence_start": day,
        "licence_end": {**day, "description": "Not after the patent's expiry"},
        "discount_rate_pct": {**dec, "default": "8"},
        "as_of": {**day, "description": "Date of the estimate; default today (Beijing time)"},
    }
    return {
        "type": "object",
        "properties": props,
        "required": sorted(set(REQUIRED) - {"patent_kind", "filing_date"}),
    }


schema("RoyaltyEstimateInput", _input_schema())
schema(
    "RoyaltyEstimate",
    {
        "type": "object",
        "description": "to_dict(Recommendation): rates in % of net sales, money in CNY, as strings",
        "properties": {
            "rates": {
                "type": "object",
                "properties": {k: {"type": "string"} for k in ("low", "mid", "high")},
            },
            "standards": {"type": "object", "description": "fee_method -> {low, mid, high} fee standards"},
            "methods": {"type": "array", "items": {"type": "object"}},
            "factors": {"type": "array", "items": {"type": "object"}},
            "combined_multiplier": {"type": "string"},
            "remaining_term_years": {"type": "string"},
            "licence_years": {"type": "string"},
            "rationale_zh": {"type": "string"},
            "rationale_en": {"type": "string"},
            "reconciliation_zh": {"type": "string"},
            "notes_zh": {"type": "array", "items": {"type": "string"}},
        },
    },
)
document(
    "/royalties/estimate",
    "post",
    {
        "summary": "Estimate an open-licence royalty standard (same result as the 帮我估算 wizard)",
        "description": "Any token holder may estimate. patent_kind and filing_date may come from patent_id "
        "(a patent you own); body fields override it. Comparables are this marketplace's running-royalty "
        "declarations in the same IPC subclass or industry division. Nothing is saved.",
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/RoyaltyEstimateInput"}}
            },
        },
        "responses": {
            "200": {
                "description": "The recommendation",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RoyaltyEstimate"}}},
            },
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
            "404": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
        },
    },
)
