"""An empty database for migration tests (TEST_DATABASE_URL, or an SQLite file), with its Alembic config."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from app import create_app
from app.config import TestConfig
from app.extensions import db


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[Config]:
    """Inside an app context on a database with no tables, the Alembic config; downgraded to base after."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'migrations.db'}"
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        config = app.extensions["migrate"].migrate.get_config()
        try:
            yield config
        finally:
            command.downgrade(config, "base")
