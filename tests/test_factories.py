"""The shared factories give unique values: calling one twice in a test never breaks a unique column."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role
from tests.conftest import REAL_PATENTS


@pytest.mark.parametrize(
    ("factory", "unique"),
    [
        ("make_user", lambda u: (u.email, u.organisation.name)),
        ("make_patent", lambda p: p.publication_number),
        ("make_declaration", lambda d: d.patent.publication_number),
    ],
)
def test_two_calls_give_two_unique_rows(
    app: Flask, request: pytest.FixtureRequest, factory: str, unique: Any
) -> None:
    make = request.getfixturevalue(factory)
    first, second = make(), make()
    assert first.id != second.id and unique(first) != unique(second)


def test_the_first_patent_is_the_real_one_and_later_ones_keep_the_kind(app: Flask, make_patent: Any) -> None:
    first = make_patent()
    utility = make_patent(kind="utility_model")
    assert first.publication_number == REAL_PATENTS[0][0]
    assert utility.publication_number.startswith("CN") and utility.publication_number.endswith("U")


def test_auth_headers_authenticate(client: FlaskClient, make_user: Any, auth_headers: Any) -> None:
    headers = auth_headers(make_user(Role.PATENTEE))
    assert client.get("/api/v1/patents", headers=headers).status_code == 200
    assert client.get("/api/v1/patents").status_code == 401
