"""Receivers of the declaration signals: keep the index incremental and queue pushes (same transaction)."""

from __future__ import annotations

from flask import Flask

from app.declarations.models import Declaration
from app.integrations.matching import index_added, index_removed
from app.matches.push import queue


def on_published(app: Flask, declaration: Declaration) -> None:
    """Add the declaration to the index (if loaded) and queue it for the next push run."""
    index_added(declaration)
    queue(declaration)


def on_unpublished(app: Flask, declaration: Declaration) -> None:
    """Drop a withdrawn or expired declaration from the index; pending pushes of it are skipped."""
    index_removed(declaration)
