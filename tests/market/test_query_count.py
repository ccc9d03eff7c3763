"""No N+1 queries: the SQL statements a list page runs do not grow with the rows it shows (5 rows vs 50)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from app import clock
from app.auth.models import Role
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from tests.conftest import bearer


@contextmanager
def counting() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@pytest.fixture
def listed(app, make_user, make_patent, make_declaration) -> Callable[[int], list[Declaration]]:
    """n announced declarations, each with its own patentee and organisation (as on the real market)."""
    app.config["PAGE_SIZE"] = 50

    def make(n: int) -> list[Declaration]:
        decls = []
        for _ in range(n):
            patent = make_patent(owner=make_user(Role.PATENTEE))
            sections = Declaration.sections_of(patent.ipc_codes)
            published = {"status": DeclarationStatus.PUBLISHED, "published_at": clock.now()}
            decls.append(make_declaration(patent, ipc_sections=sections, **published))
        return decls

    return make


PUBLIC_LISTS = [
    "/announcements",
    "/announcements?q=计量装置",
    "/",
    "/api/v1/declarations",
    "/api/v1/declarations?q=计量",
]


def _statements(client, url: str, headers: dict[str, str] | None = None) -> int:
    db.session.expunge_all()  # nothing carried over in the identity map: every row comes from SQL
    with counting() as statements:
        assert client.get(url, headers=headers or {}).status_code == 200
    return len(statements)


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_public_lists_run_the_same_statements_for_5_and_50_rows(client, listed, url):
    listed(5)
    few = _statements(client, url)
    listed(45)
    assert _statements(client, url) == few, url


def test_operator_patent_list_does_not_grow_with_rows(client, listed, make_user):
    headers = bearer(client, make_user(Role.OPERATOR))  # an operation centre lists every patent
    listed(5)
    few = _statements(client, "/api/v1/patents", headers)
    listed(45)  # the API's page holds 20
    assert _statements(client, "/api/v1/patents", headers) == few
