"""Declaration lifecycle listeners: keep the index incremental and queue pushes (same transaction)."""

from __future__ import annotations

from app.declarations.models import Declaration
from app.integrations.matching import index_added, index_removed
from app.matches.push import queue


def on_published(decl: Declaration) -> None:
    """Add the declaration to the index (if loaded) and queue it for the next push run."""
    index_added(decl)
    queue(decl)


def on_unpublished(decl: Declaration) -> None:
    """Drop a withdrawn or expired declaration from the index; pending pushes of it are skipped."""
    index_removed(decl)
