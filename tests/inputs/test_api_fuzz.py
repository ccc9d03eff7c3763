"""Issue 8 §5: random, hostile bodies and query strings on every API operation never give a 500.

Driven by /api/v1/openapi.json: each operation gets JSON bodies built from its request schema's property names
(plus stray keys and non-object bodies) with huge numbers, NaN, control characters, long strings and wrong
types, and query strings likewise. One demo world per module, an admin token (admins pass every role check, so
bodies reach the parsers). Runs on SQLite and on PostgreSQL (TEST_DATABASE_URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import clock, create_app
from app.auth.models import Role
from app.auth.services import create_user
from app.config import TestConfig
from app.extensions import db
from tests.conftest import FROZEN_NOW, PASSWORD


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    doc = create_app(TestConfig).test_client().get("/api/v1/openapi.json").get_json()
    return [
        (m.upper(), path, op) for path, ops in sorted(doc["paths"].items()) for m, op in sorted(ops.items())
    ]


OPERATIONS = _operations()
DOC = create_app(TestConfig).test_client().get("/api/v1/openapi.json").get_json()

NASTY_STRINGS = st.sampled_from(
    [
        "1e20", "-1", "0", "1e999999", "NaN", "Infinity", "999999999999.99", "1000000000000", "0.001",
        "2026-02-30", "9999-12-31", "0001-01-01", "x" * 25_000, "\x00", "a\r\nBcc: x@y", "\u2028",
        "../../etc",
        "<script>", "' OR 1=1 --", "lump_sum", "admin", "CN111504366B", "H01M", "G01F 1/00",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    NASTY_STRINGS,
)
VALUES = st.one_of(
    SCALARS, st.lists(SCALARS, max_size=4), st.dictionaries(st.text(max_size=8), SCALARS, max_size=3)
)
QUERY_VALUES = st.one_of(st.text(max_size=40), NASTY_STRINGS.filter(lambda s: len(s) < 5000), st.integers())


def _properties(op: dict[str, Any]) -> list[str]:
    content = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = content.get("schema", {})
    ref = schema.get("$ref", "")
    if ref:
        schema = DOC["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return sorted(schema.get("properties", {})) or ["name"]


def _bodies(op: dict[str, Any]) -> st.SearchStrategy[Any]:
    keys = st.sampled_from(_properties(op)) | st.text(max_size=10)
    objects = st.dictionaries(keys, VALUES, max_size=8)
    return st.one_of(objects, objects, VALUES)


def _queries(op: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    names = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"] or ["q"]
    return st.dictionaries(st.sampled_from(names) | st.text(min_size=1, max_size=8), QUERY_VALUES, max_size=4)


def _url(path: str, ids: list[int]) -> str:
    values = iter(ids)
    return "/api/v1" + re.sub(r"\{[^}]+\}", lambda _m: str(next(values)), path)


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[Flask, FlaskClient, dict[str, str]]]:
    """The demo data set and an admin's bearer token, shared by every example of the module."""
    from app.demo.load import load_demo

    app = create_app(TestConfig)
    with app.app_context(), clock.travel(FROZEN_NOW):
        db.create_all()
        load_demo()
        admin = create_user("fuzz-admin@example.cn", PASSWORD, Role.ADMIN)
        db.session.commit()
        client = app.test_client()
        token = client.post("/api/v1/tokens", json={"email": admin.email, "password": PASSWORD}).get_json()
        yield app, client, {"Authorization": f"Bearer {token['token']}"}
        db.session.remove()
        db.drop_all()


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_no_operation_answers_500(world, method, path, op):
    app, client, auth = world
    ids = st.lists(
        st.sampled_from([1, 2, 3]) | st.integers(min_value=1, max_value=2**70), min_size=3, max_size=3
    )

    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(body=_bodies(op), query=_queries(op), path_ids=ids)
    def probe(body: Any, query: dict[str, Any], path_ids: list[int]) -> None:
        url = _url(path, path_ids)
        if path == "/tokens":
            return  # the token endpoint is rate-limited and has its own tests; a 401 is all it can say here
        resp = client.open(url, method=method, json=body, query_string=query, headers=auth)
        db.session.rollback()
        assert resp.status_code < 500, (
            method,
            url,
            query,
            str(body)[:300],
            resp.get_data(as_text=True)[:500],
        )

    probe()
