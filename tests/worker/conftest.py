"""The worker tests run on a database file (or TEST_DATABASE_URL's PostgreSQL): a Celery worker in another
process and threads with their own connections must see the same rows, which in-memory SQLite cannot give."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.config import TestConfig
from tests.conftest import with_tables
from tests.matches.conftest import enterprise, licence, smtp  # noqa: F401 (shared fixtures)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'ole.db'}"


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    yield from with_tables(create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url))
