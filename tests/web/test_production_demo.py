"""Production never carries the demo: the loader refuses, the app will not start beside demo accounts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.auth.models import Role, User
from app.config import BASE_DIR, TestConfig
from app.demo.accounts import ACCOUNTS, ensure_account
from app.extensions import db
from tests.conftest import PASSWORD


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    """A database shared by two apps (TEST_DATABASE_URL, or an SQLite file), emptied afterwards."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'prod.db'}"
    setup = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with setup.app_context():
        db.create_all()
    yield url
    with setup.app_context():
        db.session.remove()
        db.drop_all()


def _production(url: str) -> Flask:
    return create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, OLE_ENV="production")


def _add(url: str, make: object) -> None:
    with create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url).app_context():
        make()  # type: ignore[operator]
        db.session.commit()
        db.session.remove()


def test_demo_load_refuses_in_production(database):
    result = _production(database).test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0 and "never loaded in production" in result.output
    with _production(database).app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0
        db.session.remove()


def test_production_starts_without_demo_accounts(database):
    from app.auth.services import create_user

    _add(database, lambda: create_user("ops@example.cn", PASSWORD, Role.OPERATOR))
    assert _production(database).name == "app"


def test_production_refuses_to_start_while_a_demo_account_exists(database):
    _add(database, lambda: ensure_account(ACCOUNTS[1]))
    with pytest.raises(RuntimeError, match="demo.ole.cn"):
        _production(database)
    create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database)  # development still starts


def test_production_starts_before_the_schema_exists(tmp_path):
    """`flask db upgrade` must run on an empty database, so the check waits for the users table."""
    assert _production(f"sqlite:///{tmp_path / 'empty.db'}").name == "app"


def test_the_docker_image_does_not_load_the_demo():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "OLE_ENV=production" in dockerfile and "demo load" not in dockerfile.split("CMD", 1)[1]
