"""Hooks run after a declaration enters or leaves the public market (the matching integration appends)."""

from __future__ import annotations

from collections.abc import Callable

from app.declarations.models import Declaration

Listener = Callable[[Declaration], None]

LISTENERS_PUBLISHED: list[Listener] = []
LISTENERS_UNPUBLISHED: list[Listener] = []


def on_published(decl: Declaration) -> None:
    """Call every listener after `decl` is announced (inside the same transaction)."""
    for listener in LISTENERS_PUBLISHED:
        listener(decl)


def on_unpublished(decl: Declaration) -> None:
    """Call every listener after `decl` is withdrawn or expires."""
    for listener in LISTENERS_UNPUBLISHED:
        listener(decl)
