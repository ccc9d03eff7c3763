"""Fixtures for the estimate wizard and API: a draft on a real patent, and the answers a patentee gives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from app.auth.models import Role, User
from app.estimate.services import today


def future(days: int) -> str:
    return (today() + timedelta(days=days)).isoformat()


def facts_form(**overrides: str) -> dict[str, str]:
    data = {
        "patent_kind": "invention",
        "filing_date": "2020-03-01",
        "grant_date": "2021-06-01",
        "annual_fee_paid_until": future(400),
        "claim_count": "9",
        "stability": "none",
        "ipc_subclass": "G01F",
    }
    return {**data, **overrides}


def business_form(**overrides: str) -> dict[str, str]:
    data = {
        "industry_code": "40",  # 仪器仪表制造业: a metering patent
        "annual_sales_forecast": "8000000",
        "profit_margin_pct": "12",
        "contribution_pct": "25",
        "maturity": "pilot",
        "market_size": "large",
        "unit_price": "180",
        "licence_start": future(30),
        "licence_end": future(30 + 5 * 365),
        "discount_rate_pct": "8",
    }
    return {**data, **overrides}


@pytest.fixture
def patentee(make_user: Callable[..., User]) -> User:
    return make_user(Role.PATENTEE)


@pytest.fixture
def draft(make_patent: Callable[..., Any], make_declaration: Callable[..., Any], patentee: User) -> Any:
    patent = make_patent(owner=patentee, claim_count=9, annual_fee_paid_until=today() + timedelta(days=400))
    return make_declaration(patent=patent, industry_code="40")


@pytest.fixture
def wizard(login: Callable[[User], FlaskClient], patentee: User, draft: Any) -> Callable[..., Any]:
    """Log in as the owner and answer steps 1 and 2; returns the step-2 response."""

    def run(facts: dict[str, str] | None = None, business: dict[str, str] | None = None) -> Any:
        client = login(patentee)
        resp = client.post(f"/estimate/declarations/{draft.id}", data=facts or facts_form())
        assert resp.status_code == 302, resp.get_data(as_text=True)
        return client.post(f"/estimate/declarations/{draft.id}/business", data=business or business_form())

    return run
