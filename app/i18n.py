"""Marker for messages that stay Chinese data in Python and are translated where they are shown, and enums
whose members carry such a label."""

from __future__ import annotations

import enum
from typing import Self


def N_(message: str) -> str:
    """Mark a label for `pybabel extract` without translating it; templates and views call `_()` on it."""
    return message


class Labelled(enum.StrEnum):
    """A string enum whose members carry their label, written once beside the value:
    `GRANTED = "granted", N_("授权有效")`. The label is Chinese data (marked N_), translated where shown."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        # Called once per member when the class is made; `Role("patentee")` looks a member up by its value
        # (hence the default, for type checkers), it does not come here.
        if not label:
            raise TypeError(f"{cls.__name__} member {value!r} has no label")
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


def label(value: Labelled | None) -> str:
    """A member's label (untranslated, marked N_), or "—" for none."""
    return value.label if value is not None else "—"
