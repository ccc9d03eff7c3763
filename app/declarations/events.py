"""Signals sent after a declaration enters or leaves the public market (blinker, as Flask's own signals).

The current app is the sender, so a receiver connects for one app: the matching domain connects when its
blueprint is registered (app/matches/__init__.py), never as a side effect of an import.
"""

from __future__ import annotations

from blinker import Namespace
from flask import current_app

from app.declarations.models import Declaration

_signals = Namespace()

# Receivers are called as receiver(app, declaration=decl), inside the same transaction.
published = _signals.signal("declaration-published")
unpublished = _signals.signal("declaration-unpublished")


def on_published(decl: Declaration) -> None:
    """Send `published` after `decl` is announced."""
    published.send(current_app._get_current_object(), declaration=decl)  # type: ignore[attr-defined]


def on_unpublished(decl: Declaration) -> None:
    """Send `unpublished` after `decl` is withdrawn or expires."""
    unpublished.send(current_app._get_current_object(), declaration=decl)  # type: ignore[attr-defined]
