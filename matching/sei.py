"""Strategic emerging industries (战略性新兴产业, SEI) of a patent from its IPC codes, by the official table.

The table is CNIPA's 《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》 as transcribed in
``data/sei2021_ipc.jsonl`` (its source note and known defects: ``data/README.md``). Pattern notation:
``G06F11*`` is main group 11 of G06F and everything below it; ``B41J*`` the whole subclass; ``G06F11/14``
without ``*`` that exact subgroup. An exclusion (不含) removes a subtree from its own row: ``G06F9/44``
removes 9/44 and the subgroups numbered below it (9/440, 9/4401, ...), the usual IPC numbering of a subtree.

A code recorded only at subclass level (``G01D``) cannot be placed in a main group, so it counts only for rows
that take the whole subclass (or class) without exclusions. Keywords in the table describe rows; they are not
used as a text test here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from matching.types import SeiMatch

_CODE = re.compile(r"^([A-H]\d{2}[A-Z])(?:(\d{1,4})/(\d{2,6}))?$")


@dataclass(frozen=True)
class SeiRow:
    """One IPC pattern of the concordance, with the exclusions of its row."""

    code: str
    name: str
    pattern: str
    prefix: str | None
    exact: str | None
    exclusions: tuple[str, ...]
    rule_id: str


def normalise_ipc(code: str) -> str:
    """Return ``code`` without spaces, upper case, e.g. ``"g06f 11/14"`` -> ``"G06F11/14"``."""
    return re.sub(r"\s+", "", code).upper()


def _excluded(code: str, exclusion: str) -> bool:
    """Whether ``code`` lies in the subtree an exclusion removes (wildcard or digit-numbered subgroups)."""
    if exclusion.endswith("*"):
        stem = exclusion[:-1]
        return code.startswith(stem if len(stem) <= 4 else stem + "/")
    return code == exclusion or (code.startswith(exclusion) and code[len(exclusion) :].isdigit())


def _row_matches(row: SeiRow, code: str) -> bool:
    if len(code) == 4:  # subclass only: the whole-subclass rows without exclusions
        whole = row.prefix is not None and len(row.prefix) <= 4 and code.startswith(row.prefix)
        return whole and not row.exclusions
    hit = code == row.exact if row.exact else code.startswith(row.prefix or "\0")
    return hit and not any(_excluded(code, e) for e in row.exclusions)


class SeiTable:
    """The concordance, indexed by IPC subclass for quick look-ups."""

    def __init__(self, rows: Iterable[SeiRow]) -> None:
        self.rows = tuple(rows)
        self._by_subclass: dict[str, list[SeiRow]] = {}
        for row in self.rows:
            self._by_subclass.setdefault((row.prefix or row.exact or "")[:4], []).append(row)
        self.names = {row.code: row.name for row in self.rows}

    @classmethod
    def from_jsonl(cls, path: str | Path) -> SeiTable:
        """Load ``sei2021_ipc.jsonl`` (one pattern per line)."""
        with open(path, encoding="utf-8") as fh:
            return cls(_row(json.loads(line)) for line in fh if line.strip())

    def _candidates(self, code: str) -> list[SeiRow]:
        # Class-level rows (``A61*``) are filed under their 3-character prefix.
        return self._by_subclass.get(code[:4], []) + self._by_subclass.get(code[:3], [])

    def classify(self, ipc_codes: Iterable[str]) -> list[SeiMatch]:
        """Return each SEI the codes fall in, once, with the first evidence found, ordered by SEI code.

        Args:
            ipc_codes: IPC codes as recorded (``"G06F 11/14"``, ``"H04L27/26"``, ``"G01D"``); malformed
                codes are ignored.
        """
        found: dict[str, SeiMatch] = {}
        for raw in ipc_codes:
            code = normalise_ipc(raw)
            if not _CODE.match(code):
                continue
            for row in self._candidates(code):
                if row.code not in found and _row_matches(row, code):
                    found[row.code] = SeiMatch(row.code, row.name, raw.strip(), row.pattern, row.rule_id)
        return sorted(found.values(), key=lambda m: [int(p) for p in m.code.split(".")])


def _row(raw: dict[str, object]) -> SeiRow:
    exclusions = raw.get("ipc_exclusions") or []
    assert isinstance(exclusions, list)
    return SeiRow(
        code=str(raw["sei_code"]),
        name=str(raw["sei_name"]),
        pattern=str(raw["ipc"]),
        prefix=str(raw["match_prefix"]) if raw.get("match_prefix") else None,
        exact=str(raw["match_exact"]) if raw.get("match_exact") else None,
        exclusions=tuple(str(e) for e in exclusions),
        rule_id=str(raw["rule_id"]),
    )
