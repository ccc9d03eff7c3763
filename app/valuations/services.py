"""Valuation of the actor's patent from the figures it enters (form or JSON); nothing is stored.

It is an estimate to support a pledge-financing talk, not an appraisal: a pledge valuation is made by a
licensed asset appraiser (资产评估机构, Asset Appraisal Law 2016).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _

from app import clock
from app.auth.models import User
from app.errors import ValidationFailed
from app.inputs import decimal_problem
from app.integrations.valuation import PatentValuation, ValuationRequest, value_patent
from app.patents import services as patent_svc
from app.patents.models import Patent
from royalties.errors import EstimateInputError

DEFAULTS = {"growth_pct": "0", "discount_rate_pct": "10", "tax_rate_pct": "25"}
REQUIRED = ("first_year_revenue", "economic_life_years", "discount_rate_pct")
OPTIONAL = ("profit_margin_pct", "royalty_rate_pct", "growth_pct", "tax_rate_pct")


@dataclass(frozen=True)
class Report:
    patent: Patent
    request: ValuationRequest
    valuation: PatentValuation
    as_of: Any


def _decimal(data: Mapping[str, Any], name: str, errors: dict[str, str]) -> Decimal | None:
    raw = str(data.get(name) or DEFAULTS.get(name, "")).strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        errors[name] = _("须为数字。")
        return None
    if problem := decimal_problem(value):
        errors[name] = problem
        return None
    return value


def parse_request(data: Mapping[str, Any]) -> ValuationRequest:
    """The figures as a ValuationRequest; every missing or malformed one named at once."""
    errors: dict[str, str] = {}
    values = {name: _decimal(data, name, errors) for name in (*REQUIRED, *OPTIONAL)}
    for name in REQUIRED:
        if values[name] is None and name not in errors:
            errors[name] = _("必填。")
    life = values["economic_life_years"]
    if life is not None and not Decimal(0) < life <= Decimal(30):
        errors["economic_life_years"] = _("剩余经济寿命须大于 0 且不超过 30 年。")
    industry = str(data.get("industry_code") or "").strip().upper()
    if values["royalty_rate_pct"] is None and not industry and "industry_code" not in errors:
        errors["industry_code"] = _("请填写行业代码（用于估算许可费率），或直接填写许可费率。")
    if errors:
        raise ValidationFailed(_("估值参数有误，请修改标出的字段。"), errors)
    return ValuationRequest(
        industry_code=industry,
        first_year_revenue=values["first_year_revenue"],  # type: ignore[arg-type]
        profit_margin_pct=values["profit_margin_pct"],
        royalty_rate_pct=values["royalty_rate_pct"],
        growth_pct=values["growth_pct"] or Decimal(0),
        economic_life_years=life,  # type: ignore[arg-type]
        discount_rate_pct=values["discount_rate_pct"],  # type: ignore[arg-type]
        tax_rate_pct=values["tax_rate_pct"] or Decimal(0),
    )


def owned_patent(actor: User, patent_id: int) -> Patent:
    return patent_svc.get_patent_for_owner(actor, patent_id)


def value_own_patent(actor: User, patent_id: int, data: Mapping[str, Any]) -> Report:
    """Value one of the actor's patents by relief from royalty; bad figures raise ValidationFailed."""
    patent = owned_patent(actor, patent_id)
    req = parse_request(data)
    today = clock.today()
    try:
        result = value_patent(patent, req, today)
    except EstimateInputError as err:
        raise ValidationFailed(_("估值参数有误：%(m)s。", m=err.message), err.errors) from err
    return Report(patent, req, result, today)
