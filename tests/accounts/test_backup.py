"""`flask backup create/restore`: a restore into a fresh database has every row and yuan of the original."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, Float, Numeric, TypeDecorator, create_engine, select, text
from sqlalchemy.engine import make_url

from app.auth.models import User
from app.backup import _major, create_backup, restore_backup, row_counts
from app.config import TestConfig
from app.extensions import db
from tests.rows import count


def money_columns() -> list[tuple[str, str]]:
    """Every exact-decimal column of the models (money, and rates kept as decimals)."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
            if "money" in type(column.type).__name__.lower() or (
                isinstance(kind, Numeric) and not isinstance(kind, Float)
            ):
                found.append((table.name, column.name))
    return found


def fingerprint(engine: Engine) -> tuple[dict[str, int], dict[str, Decimal]]:
    """Row count of every table and the sum of every money column."""
    sums = {}
    with engine.connect() as conn:
        for table, column in money_columns():
            total = conn.scalar(text(f'SELECT COALESCE(SUM("{column}"), 0) FROM "{table}"'))
            sums[f"{table}.{column}"] = Decimal(str(total))
    return row_counts(engine), sums


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of the kind the tests run on (PostgreSQL: created, then dropped)."""
    url = make_url(TestConfig.SQLALCHEMY_DATABASE_URI)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"{url.database}_restore"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def demo(app):
    """The whole demo: accounts, real patents, declarations, licences, pools and their ledgers."""
    from app.demo.load import load_demo

    load_demo()
    db.session.commit()
    db.session.remove()


def test_restore_into_a_fresh_database_has_every_row_and_every_yuan(app, demo, tmp_path, fresh_url):
    path = tmp_path / "ole.backup"
    create_backup(db.engine, path)
    target = create_engine(fresh_url)
    try:
        restore_backup(target, path)
        counts, sums = fingerprint(target)
        assert (counts, sums) == fingerprint(db.engine)
    finally:
        target.dispose()
    assert counts["users"] > 0 and counts["licences"] > 0 and counts["declarations"] > 0
    assert sums["declarations.lump_sum"] > 0 and sums["payments.amount"] > 0
    assert len([total for total in sums.values() if total]) >= 5  # the comparison is not of zeros


def test_restore_refuses_a_database_with_data_unless_forced(app, make_user, tmp_path):
    path = tmp_path / "ole.backup"
    make_user(email="before@corp.cn")
    runner = app.test_cli_runner()
    created = runner.invoke(args=["backup", "create", str(path)])
    assert created.exit_code == 0 and path.is_file(), created.output
    make_user(email="after@corp.cn")
    db.session.remove()
    refused = runner.invoke(args=["backup", "restore", str(path)])
    assert refused.exit_code == 1 and "not empty" in refused.output and "--force" in refused.output
    assert count(User) == 2
    db.session.remove()
    forced = runner.invoke(args=["backup", "restore", "--force", str(path)])
    assert forced.exit_code == 0, forced.output
    assert db.session.scalars(select(User.email)).all() == ["before@corp.cn"]


def test_restore_refuses_a_missing_file(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["backup", "restore", str(tmp_path / "nothing.backup")])
    assert result.exit_code == 1 and "no backup file" in result.output


@pytest.mark.parametrize(
    "version, major",
    [("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)", 15), ("16.4", 16), ("", 0)],
)
def test_the_major_version_is_read_from_the_tools_and_the_server(version, major):
    assert _major(version) == major
