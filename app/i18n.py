"""Marker for messages that stay Chinese data in Python and are translated where they are shown, and enums
whose members carry such a label."""

from __future__ import annotations

import enum
from typing import Self

from royalties.types import ReductionBasis, YearStatus


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


# Enums of the pure packages cannot carry a label (royalties and matching know no gettext); theirs are here.
# A "%" is written "%%": templates show every label through Jinja's `_()`, which formats.
PURE_LABELS: dict[enum.Enum, str] = {
    YearStatus.PAID: N_("已缴"),
    YearStatus.DUE: N_("待缴"),
    YearStatus.GRACE: N_("滞纳期"),
    YearStatus.LAPSED: N_("未缴，专利权已终止"),
    YearStatus.LATER: N_("以后年度"),
    ReductionBasis.OPEN_LICENCE: N_("开放许可期间年费减免 15%%（财税〔2024〕23号）"),
    ReductionBasis.FEE_REDUCTION: N_("费减（财税〔2016〕78号等，授权当年起前十个年度）"),
}


def label(value: Labelled | YearStatus | ReductionBasis | None) -> str:
    """A member's label (untranslated, marked N_), or "—" for none."""
    if value is None:
        return "—"
    return value.label if isinstance(value, Labelled) else PURE_LABELS[value]
