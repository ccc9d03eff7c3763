"""api_route: one decorator registers an API view and documents its operation (summary = the docstring)."""

from __future__ import annotations

import re

from flask import Blueprint, Flask

from app.api import routes, schema


def test_one_decorator_routes_and_documents_the_view(monkeypatch):
    monkeypatch.setattr(schema, "OPERATIONS", {})
    monkeypatch.setattr(schema, "bp", Blueprint("t", __name__))

    @schema.api_route("put", "/things/<int:thing_id>/name", {"204": "Renamed"}, errors=("404",))
    def rename(thing_id: int) -> tuple[str, int]:
        """Rename a thing; the docstring's lines
        are joined into one summary"""
        return "", 204

    app = Flask(__name__)
    app.register_blueprint(schema.bp)
    assert app.test_client().put("/things/7/name").status_code == 204
    assert app.test_client().post("/things/7/name").status_code == 405
    spec = schema.OPERATIONS["/things/{id}/name"]["put"]
    assert spec["summary"] == "Rename a thing; the docstring's lines are joined into one summary"
    assert spec["parameters"][0]["name"] == "id"
    assert set(spec["responses"]) == {"204", "404", *schema.GUARDED}


def test_path_and_summary_given_outright_and_the_usual_errors_by_default(monkeypatch):
    monkeypatch.setattr(schema, "OPERATIONS", {})
    monkeypatch.setattr(schema, "bp", Blueprint("t", __name__))

    @schema.api_route("post", "/things/<int:thing_id>/likes", {"204": "Liked"}, path="/things/{thing}/likes",
                      summary="Like a thing")  # fmt: skip
    def like(thing_id: int) -> tuple[str, int]:
        return "", 204

    spec = schema.OPERATIONS["/things/{thing}/likes"]["post"]
    assert spec["summary"] == "Like a thing"
    assert set(spec["responses"]) == {"204", *schema.ERRORS, *schema.GUARDED}


def test_summaries_are_english():
    """View docstrings become summaries, and the i18n check exempts docstrings: no Chinese slips in there."""
    doc = routes.openapi_document()
    chinese = [
        op["summary"]
        for ops in doc["paths"].values()
        for op in ops.values()
        if re.search(r"[\u4e00-\u9fff]", op["summary"]) and "帮我估算" not in op["summary"]
    ]
    assert chinese == []
