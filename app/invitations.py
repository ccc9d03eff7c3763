"""Inviting into a group (organisations into an alliance, patents into a pool): one row per invited target."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol, TypeVar

from app.extensions import db


class Target(Protocol):
    @property
    def id(self) -> int: ...


T = TypeVar("T", bound=Target)
R = TypeVar("R")


def invite(
    targets: Iterable[T],
    existing: Mapping[int, R],
    new_row: Callable[[T], R],
    invite_again: Callable[[R], bool],
) -> list[R]:
    """The invitation rows for `targets`, flushed: a new row for a target without one in `existing` (keyed by
    target id), the existing row where `invite_again` reopens it (a declined one, say); others are skipped."""
    invited = []
    for target in targets:
        row = existing.get(target.id)
        if row is None:
            row = new_row(target)
            db.session.add(row)
        elif not invite_again(row):
            continue
        invited.append(row)
    db.session.flush()
    return invited
