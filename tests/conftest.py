"""Shared fixtures: an app on a fresh database per test, a client, and factories that return callables."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import clock, create_app
from app.auth.models import Role, User
from app.config import TestConfig
from app.extensions import db
from tests import openapi_contract, speed

speed.share_url_builders()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop the timers still waiting when the run ends, so the process can exit.

    The rate limiter's in-memory storage (flask-limiter, `memory://`) runs its expiry on a 10 ms
    `threading.Timer`, which is not a daemon thread: the interpreter waits for it at exit. Under a faked clock
    (`faketime '2028-03-01 10:00:00' pytest`, how the suite is run at another date) a timed wait computes its
    deadline from the faked clock and the kernel never reaches it, so the run hung after its last test.
    """
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


def pytest_collection_finish(session: pytest.Session) -> None:
    speed.collect_garbage_less()


PASSWORD = "correct-horse-42"
_seq = itertools.count(1)

# Real patents from data/cn_patent_titles_ipc.csv (granted inventions and a utility model).
REAL_PATENTS = [
    ("CN111504366B", "基于人工智能的流体输送系统精确计量方法及计量装置", ["G01D", "G01F"], "invention"),
    ("CN215792497U", "一种膜纸自动化印刷技术生产线结构", ["B41F"], "utility_model"),
]
# Grant kind codes by patent kind, for the numbers the factory makes up (CNnnnnnnnnB / U / S).
KIND_CODES = {"invention": "B", "utility_model": "U", "design": "S"}

# Every test runs on this day (10:00 in Beijing), whatever the calendar says: test dates are read against it.
FROZEN_NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Move the product's one clock to FROZEN_NOW for the test (it keeps ticking from there)."""
    with clock.travel(FROZEN_NOW):
        yield


@pytest.fixture(autouse=True)
def api_answers_match_openapi() -> Iterator[None]:
    """Every /api/v1 answer a test receives must match /api/v1/openapi.json (tests/openapi_contract.py)."""
    with openapi_contract.recording() as problems:
        yield
    assert not problems, "API answers that the OpenAPI document does not describe:\n" + "\n".join(problems)


def empty_every_table() -> None:
    """Delete every row, children first, in one round trip: on PostgreSQL far cheaper than dropping and
    creating the schema (or than TRUNCATE on some 40 small tables)."""
    db.session.rollback()
    quote = db.engine.dialect.identifier_preparer.format_table
    script = "; ".join(f"DELETE FROM {quote(table)}" for table in reversed(db.metadata.sorted_tables))
    db.session.connection().exec_driver_sql(script)
    db.session.commit()


def with_tables(app: Flask) -> Iterator[Flask]:
    """The app in its context on an empty database (for `yield from`): SQLite in memory, a new one per test;
    a SQLite file; or the PostgreSQL test database, whose schema stays between tests (create_all adds what a
    test dropped) while its rows go. tests/speed.py makes the schema cheap."""
    with app.app_context():
        in_memory = speed.is_in_memory_sqlite(db)
        if in_memory:
            speed.copy_sqlite_schema(db)
        elif not speed.has_every_table(db):
            db.create_all()
        yield app
        db.session.remove()
        if db.engine.dialect.name != "sqlite":
            empty_every_table()
        elif not in_memory:
            db.drop_all()
        db.engine.dispose()  # close the pool now: many runs at once exhaust PostgreSQL's connections


@pytest.fixture
def app() -> Iterator[Flask]:
    yield from with_tables(create_app(TestConfig))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user() -> Callable[..., User]:
    def make(role: Role | str = Role.ENTERPRISE, email: str | None = None, org: str | None = None) -> User:
        from app.auth.services import ProfileInput, create_user, save_profile

        role = Role(role)
        n = next(_seq)
        user = create_user(email or f"{role.value}{n}@example.cn", PASSWORD, role, display_name=org or "")
        save_profile(user, ProfileInput(name=org or f"测试机构{n}", province="辽宁省", industry_codes=["C"]))
        db.session.commit()
        return user

    return make


def free_publication_number(preferred: str, kind: str) -> str:
    """``preferred`` (a real patent's number) while no row has it, else a made-up number of ``kind``."""
    from sqlalchemy import select

    from app.patents.models import Patent

    number = preferred
    while db.session.scalar(select(Patent.id).where(Patent.publication_number == number)) is not None:
        number = f"CN{900_000_000 + next(_seq)}{KIND_CODES[kind]}"
    return number


@pytest.fixture
def make_patent(make_user: Callable[..., User]) -> Callable[..., Any]:
    def make(owner: User | None = None, **fields: Any) -> Any:
        from app.patents.models import LegalStatus, Patent, PatentKind, Verification

        real_number, title, ipc, kind = REAL_PATENTS[0]
        kind = PatentKind(fields.get("kind", kind))
        if "publication_number" in fields:
            number = fields["publication_number"]
        else:
            number = free_publication_number(real_number, kind.value)
        values: dict[str, Any] = dict(
            # Verified by default so tests that publish need no operator step; pass verification= to test it.
            verification=Verification.VERIFIED,
            publication_number=number,
            title=title,
            ipc_codes=ipc,
            kind=kind,
            legal_status=LegalStatus.GRANTED,
            filing_date=date(2020, 3, 1),
            grant_date=date(2021, 6, 1),
            annual_fee_paid_until=date(2027, 3, 1),
        )
        values.update(fields)
        patent = Patent(owner=owner or make_user(Role.PATENTEE), **values)
        db.session.add(patent)
        db.session.commit()
        return patent

    return make


@pytest.fixture
def owner(make_user: Callable[..., User]) -> User:
    """A patentee."""
    return make_user(Role.PATENTEE)


@pytest.fixture
def patent(make_patent: Callable[..., Any], owner: User) -> Any:
    """A granted, verified patent of `owner`."""
    return make_patent(owner)


@pytest.fixture
def make_declaration(make_patent: Callable[..., Any]) -> Callable[..., Any]:
    def make(patent: Any = None, **fields: Any) -> Any:
        from app.declarations.models import Declaration, DeclarationStatus, FeeMethod

        patent = patent or make_patent()
        values: dict[str, Any] = dict(
            fee_method=FeeMethod.LUMP_SUM,
            lump_sum=Decimal("50000.00"),
            period_start=date(2026, 1, 1),
            period_end=date(2028, 12, 31),
            contact="许可办公室 021-12345678",
            status=DeclarationStatus.DRAFT,
        )
        values.update(fields)
        decl = Declaration(patent=patent, owner=patent.owner, **values)
        db.session.add(decl)
        db.session.commit()
        return decl

    return make


@pytest.fixture
def login(client: FlaskClient) -> Callable[[User], FlaskClient]:
    def do(user: User) -> FlaskClient:
        client.post("/auth/logout")
        resp = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
        assert resp.status_code == 302, resp.get_data(as_text=True)
        return client

    return do


def bearer(client: FlaskClient, user: User) -> dict[str, str]:
    """Bearer-token headers for a user, from POST /api/v1/tokens (the one way tests get a token)."""
    resp = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
    assert resp.status_code == 201, resp.get_json()
    return {"Authorization": f"Bearer {resp.get_json()['token']}"}


@pytest.fixture
def auth_headers(client: FlaskClient) -> Callable[[User], dict[str, str]]:
    """bearer() bound to the test client."""
    return lambda user: bearer(client, user)
