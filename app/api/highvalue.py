"""High-value invention patents over the API: the facts the five categories need (owner)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, json_body, token_required
from app.api.patents import Award, Patent
from app.api.schema import In, api_route, committed
from app.auth.models import Role
from app.highvalue.services import parse_high_value_input, update_high_value_facts


class HighValueFacts(In):
    """Checked by app.highvalue.services.parse_high_value_input (shared with the web form)."""

    foreign_family: list[str] = Field(
        [], description="Publications abroad (US10123456B2) or a PCT number (PCT/CN2021/123456)"
    )
    pledge_amount: Decimal | None = Field(None, description="CNY financed by a pledge, decimal string")
    pledgee: str = Field("", max_length=200)
    awards: list[Award] = []


@api_route(
    "put",
    "/patents/<int:patent_id>/high-value",
    {"200": ("The patent", Patent)},
    body=HighValueFacts,
    errors=("401", "403", "404", "422"),
)
@token_required(Role.PATENTEE)
def patents_high_value(patent_id: int) -> tuple[Response, int]:
    """Replace the facts of the high-value categories: family abroad, pledge financing, awards"""
    patent = update_high_value_facts(api_user(), patent_id, parse_high_value_input(json_body()))
    return committed(Patent.of(patent))
