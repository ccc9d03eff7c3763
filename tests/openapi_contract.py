"""Every /api/v1 response a test receives must match the OpenAPI document (autouse fixture in conftest.py).

A key added, dropped or retyped in a response without the document saying so, a status code the operation
does not document, or an operation missing from the document, fails the test that saw the response.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from flask import Flask, Response, request, request_finished
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from app.api.routes import openapi_document

DOC_URI = "urn:ole:openapi"
_recording: list[list[str]] = []


def documented_path(rule: str, args: dict[str, Any]) -> str:
    """/api/v1/pools/<int:pool_id>/<any(open, close):action> -> /pools/{}/open (for action="open")."""
    path = re.sub(r"<any\([^)]*\):(\w+)>", lambda m: str(args[m.group(1)]), rule.removeprefix("/api/v1"))
    return re.sub(r"<[^>]+>", "{}", path)


@cache
def _paths() -> dict[tuple[str, str], str]:
    """(method, path with anonymous placeholders) -> the path as the document writes it."""
    paths = openapi_document()["paths"]
    return {(m, re.sub(r"\{[^}]+\}", "{}", p)): p for p, ops in paths.items() for m in ops}


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@cache
def _validator(path: str, method: str, status: str) -> Draft202012Validator:
    registry: Registry = Registry().with_resource(
        DOC_URI, Resource.from_contents(openapi_document(), default_specification=DRAFT202012)
    )
    where = _pointer("paths", path, method, "responses", status, "content", "application/json", "schema")
    return Draft202012Validator(
        {"$ref": f"{DOC_URI}#/{where}"}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def problems_of(method: str, path: str, status: int, body: Any) -> list[str]:
    """What is wrong with one answer of operation (method, path) against the document; [] when nothing."""
    doc_path = _paths().get((method, path))
    if doc_path is None:
        return [f"{method.upper()} {path} is not in the OpenAPI document"]
    answer = openapi_document()["paths"][doc_path][method]["responses"].get(str(status))
    where = f"{method.upper()} {doc_path} -> {status}"
    if answer is None:
        return [f"{where}: status not documented"]
    if "content" not in answer:
        return [] if body is None else [f"{where}: a JSON body is returned but none is documented"]
    errors = _validator(doc_path, method, str(status)).iter_errors(body)
    return [f"{where}: {e.json_path}: {e.message}" for e in errors]


def _check(sender: Flask, response: Response, **_: Any) -> None:
    if not _recording or request.blueprint != "api" or request.url_rule is None:
        return
    if request.endpoint == "api.openapi":
        return
    path = documented_path(request.url_rule.rule, request.view_args or {})
    body = response.get_json(silent=True) if response.is_json else None
    _recording[-1].extend(problems_of(request.method.lower(), path, response.status_code, body))


request_finished.connect(_check)


@contextmanager
def recording() -> Iterator[list[str]]:
    """The problems of every API answer given while inside the block."""
    problems: list[str] = []
    _recording.append(problems)
    try:
        yield problems
    finally:
        _recording.pop()
