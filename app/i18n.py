"""Marker for messages that stay Chinese data in Python and are translated where they are shown."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum


def N_(message: str) -> str:
    """Mark a label for `pybabel extract` without translating it; templates and views call `_()` on it."""
    return message


def labeller(labels: Mapping[Enum, str]) -> Callable[[Enum | None], str]:
    """The function giving an enum member's label from `labels` (marked N_, translated where shown);
    "—" for None or a member without one."""

    def label(value: Enum | None) -> str:
        return labels.get(value, "—") if value is not None else "—"

    return label
