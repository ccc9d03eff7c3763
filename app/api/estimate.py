"""POST /api/v1/royalties/estimate: the wizard's estimate as JSON (same service, same result)."""

from __future__ import annotations

from typing import Annotated, Any

from flask import jsonify
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import ConfigDict, Field, JsonValue, PlainValidator, RootModel, WithJsonSchema
from werkzeug.wrappers import Response

from app.api.core import api_user, json_body, token_required
from app.api.schema import DateIn, DecimalIn, In, api_route, choice, invalid
from app.errors import ValidationFailed
from app.estimate import services as svc
from app.estimate.forms import estimate_input
from app.integrations.estimate import patent_facts, recommendation_json
from royalties.types import EstimateInput, MarketSize, Maturity, PatentKind, Recommendation, Stability

REQUIRED = {
    "patent_kind": _l("请填写专利类型（invention / utility_model / design）。"),
    "filing_date": _l("请填写申请日（YYYY-MM-DD）。"),
    "industry_code": _l("请填写国民经济行业代码（GB/T 4754-2017）。"),
    "annual_sales_forecast": _l("请填写预计年净销售额（元）。"),
    "profit_margin_pct": _l("请填写利润率（%）。"),
    "licence_start": _l("请填写许可期限开始日（YYYY-MM-DD）。"),
    "licence_end": _l("请填写许可期限结束日（YYYY-MM-DD）。"),
}

DOCUMENTED_REQUIRED: list[JsonValue] = [*sorted(set(REQUIRED) - {"patent_kind", "filing_date"})]


def _count(raw: Any) -> int | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, bool) or not str(raw).strip().isdigit():
        raise invalid(_("权利要求项数须为正整数。"))
    return int(str(raw))


def _patent_id(raw: Any) -> int | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, bool) or not str(raw).isdigit():
        raise invalid(_("须为您名下专利的 id（整数）。"))
    return int(str(raw))


def _code(raw: Any) -> str:
    return str(raw or "").strip().upper()


def _enum(kind: Any) -> Any:
    return choice(kind, " / ", _l("取值应为："))


Code = Annotated[str, PlainValidator(_code), WithJsonSchema({"type": "string"})]


class RoyaltyEstimateInput(In):
    """Body fields over the patent's facts (patent_id) over the defaults; every bad field named at once."""

    # patent_kind and filing_date may come from patent_id instead
    model_config = ConfigDict(extra="ignore", json_schema_extra={"required": DOCUMENTED_REQUIRED})
    problem = _l("请求中有字段缺失或格式有误。")
    patent_id: Annotated[int | None, PlainValidator(_patent_id), WithJsonSchema({"type": "integer"})] = Field(
        None, description="Prefill kind, dates, claims, IPC from your own patent"
    )
    patent_kind: _enum(PatentKind) = None  # type: ignore[valid-type]
    filing_date: DateIn = None
    grant_date: DateIn = None
    annual_fee_paid_until: DateIn = None
    claim_count: Annotated[
        int | None, PlainValidator(_count), WithJsonSchema({"type": "integer", "minimum": 1})
    ] = None
    industry_code: Code = Field("", description="GB/T 4754-2017 code: C, 39, 391 or 3911")
    ipc_subclass: Code = Field("", examples=["H01Q"])
    stability: _enum(Stability) = Field(None, json_schema_extra={"default": "none"})  # type: ignore[valid-type]
    maturity: _enum(Maturity) = Field(None, json_schema_extra={"default": "pilot"})  # type: ignore[valid-type]
    market_size: _enum(MarketSize) = Field(None, json_schema_extra={"default": "medium"})  # type: ignore[valid-type]
    annual_sales_forecast: DecimalIn = Field(
        None, description="Licensee's expected net sales, CNY/year (>= 0)"
    )
    profit_margin_pct: DecimalIn = Field(None, description="Licensee's profit margin, % (0-100)")
    contribution_pct: DecimalIn = Field(
        None, description="Patent's share of that profit, %; omitted = 25 (25 % rule)"
    )
    unit_price: DecimalIn = Field(None, description="CNY per unit; needed for a per-unit fee")
    licence_start: DateIn = None
    licence_end: DateIn = Field(None, description="Not after the patent's expiry")
    discount_rate_pct: DecimalIn = Field(None, json_schema_extra={"default": "8"})
    as_of: DateIn = Field(None, description="Date of the estimate; default today (Beijing time)")


class RoyaltyEstimate(RootModel[Recommendation]):
    """royalties.estimate.to_dict(Recommendation): rates in % of net sales, money in CNY, as strings."""


# The API's defaults: the wizard's, and "none" for stability (the wizard asks for it). contribution_pct is
# left out: an absent one is the 25 % rule of thumb, labelled as the default in the recommendation.
DEFAULTS = {
    **{k: v for k, v in svc.BUSINESS_DEFAULTS.items() if k != "contribution_pct"},
    "stability": "none",
}


def checked_input(values: dict[str, Any], facts: dict[str, Any], errors: dict[str, str]) -> EstimateInput:
    """Body fields over the patent's facts over the defaults; every bad or missing field named at once."""
    merged = {**DEFAULTS, **facts, **{k: v for k, v in values.items() if v not in (None, "")}}
    for name, message in REQUIRED.items():
        if merged.get(name) in (None, "") and name not in errors:
            errors[name] = str(message)
    if errors:
        raise ValidationFailed(str(RoyaltyEstimateInput.problem), errors)
    return estimate_input(merged, merged.get("as_of") or svc.today())


@api_route(
    "post",
    "/royalties/estimate",
    {"200": ("The recommendation", RoyaltyEstimate)},
    body=RoyaltyEstimateInput,
    errors=("401", "403", "404", "422"),
    # not the docstring: it names the web page's button in Chinese, a kept exception of the i18n check
    summary="Estimate an open-licence royalty standard (same result as the 帮我估算 wizard)",
    description="Any token holder may estimate. patent_kind and filing_date may come from patent_id (a "
    "patent you own); body fields override it. Comparables are this marketplace's running-royalty "
    "declarations in the same IPC subclass or industry division. Nothing is saved.",
)
@token_required()  # any role: an enterprise may check whether an announced fee is reasonable
def royalty_estimate() -> Response:
    body, errors = RoyaltyEstimateInput.parse_good(json_body())
    if "patent_id" in errors:
        raise ValidationFailed(_("patent_id 须为整数。"), {"patent_id": errors["patent_id"]})
    values = body.model_dump(exclude={"patent_id"})
    facts = {} if body.patent_id is None else patent_facts(svc.owned_patent(api_user(), body.patent_id))
    rec = svc.run_estimate(api_user(), checked_input(values, facts, errors))
    return jsonify(recommendation_json(rec))
