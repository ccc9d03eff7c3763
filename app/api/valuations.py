"""POST /api/v1/valuations: relief-from-royalty value of your patent (an estimate, not an appraisal)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from app.api import bp
from app.api.core import ERROR_RESPONSE, api_user, document, json_body, money_str, token_required
from app.auth.models import Role
from app.errors import ValidationFailed
from app.valuations import services as svc
from app.valuations.documents import NOT_APPRAISAL


def report_json(r: svc.Report) -> dict[str, Any]:
    v, res = r.valuation, r.valuation.result
    return {
        "patent_id": r.patent.id,
        "as_of": r.as_of.isoformat(),
        "method": "relief_from_royalty",
        "disclaimer": NOT_APPRAISAL,
        "value": {
            "low": money_str(res.values.low),
            "base": money_str(res.values.mid),
            "high": money_str(res.values.high),
        },  # fmt: skip
        "royalty_rates_pct": {
            "low": str(v.rates.low),
            "mid": str(v.rates.mid),
            "high": str(v.rates.high),
            "source": v.rate_source,
        },  # fmt: skip
        "life_years": str(res.life_years),
        "limited_by": res.limited_by,
        "legal_term_years": str(v.legal_term_years),
        "expiry": v.expiry.isoformat(),
        "discount_rates_pct": [str(d) for d in res.discount_rates],
        "sensitivity": [
            {"royalty_rate_pct": str(rate), "values": [money_str(x) for x in row]}
            for rate, row in res.sensitivity
        ],  # fmt: skip
        "schedule": [
            {
                "year": y.year,
                "fraction": str(y.fraction),
                "revenue": money_str(y.revenue),
                "royalty_after_tax": money_str(y.royalty_after_tax),
                "discount_factor": str(y.discount_factor),
                "present_value": money_str(y.present_value),
            }
            for y in res.schedule
        ],  # fmt: skip
    }


@bp.post("/valuations")
@token_required(Role.PATENTEE)
def valuations_create() -> Response:
    data = json_body()
    raw = data.get("patent_id")
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValidationFailed("patent_id 须为整数。", {"patent_id": "须为您名下专利的 id（整数）。"})
    return jsonify(report_json(svc.value_own_patent(api_user(), raw, data)))


DEC = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
document(
    "/valuations",
    "post",
    {
        "summary": "Value your patent by relief from royalty, to support a pledge-financing talk",
        "description": "An estimate, not an appraisal by a licensed asset appraiser. Royalty rates come "
        "from the royalty estimate (industry_code + profit_margin_pct) unless royalty_rate_pct is given "
        "(then ±20 %). Life = economic life capped by the remaining legal term; end-of-year discounting; "
        "low / base / high and a rate × discount sensitivity table. Nothing is stored.",
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "patent_id": {"type": "integer"},
                            "first_year_revenue": {**DEC, "description": "CNY, net sales in year one"},
                            "growth_pct": {**DEC, "default": "0"},
                            "economic_life_years": {**DEC, "description": "0 < years <= 30"},
                            "industry_code": {"type": "string", "description": "GB/T 4754-2017"},
                            "profit_margin_pct": DEC,
                            "royalty_rate_pct": {
                                **DEC,
                                "description": "Optional: use this rate, not the estimate",
                            },
                            "discount_rate_pct": {**DEC, "default": "10"},
                            "tax_rate_pct": {**DEC, "default": "25"},
                        },
                        "required": ["patent_id", "first_year_revenue", "economic_life_years"],
                    }
                }
            },
        },
        "responses": {
            "200": {"description": "The valuation (money as decimal strings, CNY)"},
            **{code: ERROR_RESPONSE for code in ("401", "403", "404", "422")},
        },
    },
)
