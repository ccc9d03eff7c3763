"""POST /api/v1/valuations: relief-from-royalty value of your patent (an estimate, not an appraisal)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify
from flask_babel import lazy_gettext as _l
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, json_body, token_required
from app.api.schema import DecimalText, In, Integer, Money, Out, api_route
from app.auth.models import Role
from app.valuations import services as svc
from app.valuations.documents import NOT_APPRAISAL

DEC: dict[str, Any] = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}


class PatentChoice(In):
    messages = {"patent_id": _l("须为您名下专利的 id（整数）。")}
    patent_id: Integer


class ValuationInput(PatentChoice):
    """The figures are checked by app.valuations.services.parse_request (shared with the printable page)."""

    first_year_revenue: str = Field(json_schema_extra={**DEC, "description": "CNY, net sales in year one"})
    growth_pct: str = Field("0", json_schema_extra=DEC)
    economic_life_years: str = Field(json_schema_extra={**DEC, "description": "0 < years <= 30"})
    industry_code: str = Field("", description="GB/T 4754-2017, for the royalty estimate")
    profit_margin_pct: str = Field("", json_schema_extra=DEC)
    royalty_rate_pct: str = Field("", json_schema_extra={**DEC, "description": "Optional: this rate"})
    discount_rate_pct: str = Field("10", json_schema_extra=DEC)
    tax_rate_pct: str = Field("25", json_schema_extra=DEC)


class Range(Out):
    low: Money
    base: Money
    high: Money


class Rates(Out):
    low: DecimalText
    mid: DecimalText
    high: DecimalText
    source: str


class SensitivityRow(Out):
    royalty_rate_pct: DecimalText
    values: list[Money] = Field(description="One value per discount rate of discount_rates_pct")


class ValuationYear(Out):
    year: int
    fraction: DecimalText
    revenue: Money
    royalty_after_tax: Money
    discount_factor: DecimalText
    present_value: Money


class Valuation(Out):
    patent_id: int
    as_of: date
    method: str = Field(description="relief_from_royalty")
    disclaimer: str
    value: Range
    royalty_rates_pct: Rates
    life_years: DecimalText
    limited_by: str
    legal_term_years: DecimalText
    expiry: date
    discount_rates_pct: list[DecimalText]
    sensitivity: list[SensitivityRow]
    schedule: list[ValuationYear]

    @classmethod
    def of(cls, r: svc.Report) -> Valuation:
        v, res = r.valuation, r.valuation.result
        rates = Rates(low=v.rates.low, mid=v.rates.mid, high=v.rates.high, source=v.rate_source)
        return cls(
            patent_id=r.patent.id, as_of=r.as_of, method="relief_from_royalty",
            disclaimer=str(NOT_APPRAISAL),
            value=Range(low=res.values.low, base=res.values.mid, high=res.values.high),
            royalty_rates_pct=rates,
            life_years=res.life_years, limited_by=res.limited_by, legal_term_years=v.legal_term_years,
            expiry=v.expiry, discount_rates_pct=list(res.discount_rates),
            sensitivity=[SensitivityRow(royalty_rate_pct=p, values=list(row)) for p, row in res.sensitivity],
            schedule=[ValuationYear.model_validate(y, from_attributes=True) for y in res.schedule],
        )  # fmt: skip


@api_route(
    "post",
    "/valuations",
    {"200": ("The valuation (money as decimal strings, CNY)", Valuation)},
    body=ValuationInput,
    errors=("401", "403", "404", "422"),
)
@token_required(Role.PATENTEE)
def valuations_create() -> Response:
    """Value your patent by relief from royalty, to support a pledge-financing talk: an estimate, not an
    appraisal by a licensed asset appraiser. Royalty rates come from the royalty estimate (industry_code +
    profit_margin_pct) unless royalty_rate_pct is given (then ±20 %). Life = economic life capped by the
    remaining legal term; end-of-year discounting; low / base / high and a rate × discount sensitivity table.
    Nothing is stored."""
    data = json_body()
    report = svc.value_own_patent(api_user(), PatentChoice.parse(data).patent_id, data)
    return jsonify(Valuation.of(report).dump())
