"""Backups: `flask backup create PATH` and `flask backup restore PATH [--force]`.

SQLite uses its online backup API (a consistent copy while the app runs); PostgreSQL uses `pg_dump -Fc` and
`pg_restore --clean --if-exists`, whose major version must be at least the server's.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import Engine, func, inspect, select, table, text
from sqlalchemy.engine import URL

from app.extensions import db

backup = AppGroup("backup", help="Back up and restore the database.")


class BackupError(click.ClickException):
    """A backup or restore that cannot go ahead; the message says why."""


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table of the database (every table it has, Alembic's included)."""
    names = inspect(engine).get_table_names()
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(table(name))) or 0 for name in names}


def _libpq_url(url: URL) -> str:
    """The URL for libpq tools, without the password (it goes in PGPASSWORD, not on the command line)."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _major(version_text: str) -> int:
    match = re.search(r"(\d+)", version_text)
    return int(match.group(1)) if match else 0


def check_pg_tools(engine: Engine) -> None:
    """Refuse when pg_dump is older than the server (its dump would be refused or incomplete)."""
    with engine.connect() as conn:
        server = _major(str(conn.scalar(text("SHOW server_version"))))
    client = _major(subprocess.run(["pg_dump", "--version"], capture_output=True, text=True).stdout)
    if client < server:
        raise BackupError(f"pg_dump {client} is older than the PostgreSQL {server} server: upgrade it")


def _run(args: list[str], url: URL) -> None:
    env = {**os.environ, **({"PGPASSWORD": str(url.password)} if url.password else {})}
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()}")


def create_backup(engine: Engine, path: Path) -> None:
    """Write a consistent copy of the database to `path`."""
    if engine.url.get_backend_name() == "sqlite":
        with sqlite3.connect(path) as target:
            _sqlite_copy(engine, target, into_engine=False)
        return
    check_pg_tools(engine)
    _run(["pg_dump", "-Fc", "--no-owner", "-f", str(path), "--dbname", _libpq_url(engine.url)], engine.url)


def _sqlite_copy(engine: Engine, other: sqlite3.Connection, into_engine: bool) -> None:
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        if into_engine:
            other.backup(conn)
        else:
            conn.backup(other)
    finally:
        raw.close()


def restore_backup(engine: Engine, path: Path, force: bool = False) -> None:
    """Replace the database with the backup at `path`; a database holding rows needs force=True."""
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    if not force and any(row_counts(engine).values()):
        raise BackupError("the database is not empty: restoring would overwrite it (use --force to do so).")
    if engine.url.get_backend_name() == "sqlite":
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
            _sqlite_copy(engine, source, into_engine=True)
    else:
        check_pg_tools(engine)
        target = _libpq_url(engine.url)
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", target, str(path)], engine.url)
        engine.dispose()  # pooled connections may have prepared statements for the dropped tables


@backup.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def create_command(path: Path) -> None:
    """Back up the database to PATH (SQLite: a database file; PostgreSQL: a pg_dump custom-format file)."""
    create_backup(db.engine, path)
    click.echo(f"backup written to {path}")


@backup.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite a database that already holds data.")
def restore_command(path: Path, force: bool) -> None:
    """Restore the database from PATH (made by `flask backup create`)."""
    restore_backup(db.engine, path, force)
    click.echo(f"restored from {path}: {sum(row_counts(db.engine).values())} rows")
