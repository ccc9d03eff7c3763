"""The OpenAPI document is generated from the API's models, and every API answer is checked against it."""

from __future__ import annotations

import pytest

from app.api import routes
from app.api.schema import Out
from tests import openapi_contract
from tests.openapi_contract import documented_path, problems_of


@pytest.mark.parametrize(
    ("rule", "args", "path"),
    [
        ("/api/v1/patents/<int:patent_id>", {"patent_id": 3}, "/patents/{}"),
        ("/api/v1/pools/<int:pool_id>/<any(open, close):action>", {"pool_id": 1, "action": "close"},
         "/pools/{}/close"),
        ("/api/v1/tokens", {}, "/tokens"),
    ],
)  # fmt: skip
def test_documented_path(rule, args, path):
    assert documented_path(rule, args) == path


TOKEN = {"token": "t", "token_type": "Bearer", "expires_at": "2026-12-25T02:00:00+00:00"}


@pytest.mark.parametrize(
    ("status", "body", "problem"),
    [
        (201, TOKEN, None),
        (201, {**TOKEN, "scope": "all"}, "Additional properties are not allowed ('scope'"),
        (201, {k: v for k, v in TOKEN.items() if k != "expires_at"}, "'expires_at' is a required property"),
        (201, {**TOKEN, "token": 42}, "42 is not of type 'string'"),
        (401, {"error": {"code": "unauthorised", "message": "x", "fields": {}}}, None),
        (401, {"error": {"code": "unauthorised", "message": "x"}}, "'fields' is a required property"),
        (418, {}, "status not documented"),
    ],
)
def test_an_answer_unlike_the_document_is_a_problem(status, body, problem):
    found = problems_of("post", "/tokens", status, body)
    assert (problem is None and not found) or (problem and any(problem in p for p in found)), found


def test_an_operation_missing_from_the_document_is_a_problem():
    assert problems_of("get", "/nowhere/{}", 200, {}) == ["GET /nowhere/{} is not in the OpenAPI document"]


def test_an_answer_that_drifts_from_its_model_is_recorded(client, make_user, monkeypatch):
    """End to end: a serialiser that adds a key the model does not declare is caught on a real request."""
    user = make_user()
    monkeypatch.setattr(routes.Token, "dump", lambda self: {**Out.dump(self), "scope": "all"})
    with openapi_contract.recording() as problems:
        resp = client.post("/api/v1/tokens", json={"email": user.email, "password": "correct-horse-42"})
    assert resp.status_code == 201
    assert len(problems) == 1 and "'scope'" in problems[0] and problems[0].startswith("POST /tokens -> 201")


def test_every_answer_with_a_body_is_described():
    """Each documented answer but 204 and 304 (no body by HTTP) names the model (or schema) of its body."""
    doc = routes.openapi_document()
    bare = [
        f"{method.upper()} {path} {status}"
        for path, ops in doc["paths"].items()
        for method, op in ops.items()
        for status, answer in op["responses"].items()
        if status not in ("204", "304") and "content" not in answer
    ]
    assert bare == []


def test_components_are_named_by_model_and_the_document_is_openapi_3_1(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0"
    schemas = doc["components"]["schemas"]
    licence = schemas["Licence"]
    assert set(licence["required"]) == set(licence["properties"]) and licence["additionalProperties"] is False
    assert len(licence["properties"]) == 15
    assert not [name for name in schemas if "__" in name]
    assert {"DeclarationsFeeMethod", "RoyaltiesFeeMethod"} <= set(schemas)
