"""Subscription filters as set joins: declarations indexed by what a filter tests, so a filter is a lookup.

The same rules as :func:`app.matches.subscriptions.filter_accepts` (one subscription, one declaration), for
a whole push run at once: industry (a section letter covers its divisions, a numeric code the codes it
prefixes), IPC prefix, SEI category, keywords in title, abstract or first claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.industries import industries
from app.integrations.sei import category_covers, patent_sei_codes
from app.matches.models import SubscriptionKind
from app.matches.subscriptions import keywords_of, normalise_ipc


@dataclass(frozen=True)
class DeclFacts:
    """What the filters and the SEI reason need of a declaration (read with one query, no ORM objects)."""

    id: int
    industry: str
    ipc_codes: tuple[str, ...]
    text: str  # title, abstract and first claim, lower case
    sei: tuple[tuple[str, str], ...]  # (SEI code, name) of the patent

    @staticmethod
    def of(row: tuple[int, str, list[str] | None, str, str, str]) -> DeclFacts:
        """From (id, industry code, IPC codes, title, abstract, first claim)."""
        i, industry, ipc, title, abstract, claim = row
        codes = tuple(ipc or ())
        text = f"{title} {abstract} {claim}".lower()
        return DeclFacts(i, industry.strip(), codes, text, tuple(patent_sei_codes(codes)))


class FilterIndex:
    """Row numbers of declarations by industry key, IPC prefix and SEI code; keyword hits found on demand."""

    def __init__(self, decls: Sequence[DeclFacts]) -> None:
        self._by: dict[tuple[str, str], list[int]] = {}
        rows = industries()
        for n, d in enumerate(decls):
            keys = {
                ("ipc", normalise_ipc(c)[:k])
                for c in d.ipc_codes
                for k in range(1, len(normalise_ipc(c)) + 1)
            }
            keys |= {("sei", code) for code, _ in d.sei}
            if d.industry:
                section = rows.get(d.industry, {}).get("section", "")
                keys |= {("alpha", d.industry), ("alpha", section)}
                keys |= {("num", d.industry[:k]) for k in range(1, len(d.industry) + 1)}
            for key in keys:
                self._by.setdefault(key, []).append(n)
        self._texts = [d.text for d in decls]
        self._starts = np.cumsum([0, *(len(t) + 1 for t in self._texts)])
        self._joined = "\0".join(self._texts)
        self._memo: dict[tuple[SubscriptionKind, str], np.ndarray] = {}

    def accepts(self, kind: SubscriptionKind, value: str) -> np.ndarray:
        """Sorted row numbers of the declarations a (non-text) subscription accepts."""
        key = (kind, value)
        if key not in self._memo:
            self._memo[key] = np.array(sorted(self._lookup(kind, value)), np.int64)
        return self._memo[key]

    def _lookup(self, kind: SubscriptionKind, value: str) -> set[int]:
        if kind == SubscriptionKind.INDUSTRY:
            return set(self._by.get(("alpha" if value.isalpha() else "num", value), ()))
        if kind == SubscriptionKind.IPC:
            return set(self._by.get(("ipc", normalise_ipc(value)), ()))
        if kind == SubscriptionKind.SEI:
            return {
                n
                for (k, code), rows in self._by.items()
                if k == "sei" and category_covers(value, code)
                for n in rows
            }
        if kind == SubscriptionKind.KEYWORDS:
            return {n for word in keywords_of(value) for n in self._containing(word.lower())}
        return set()

    def _containing(self, word: str) -> set[int]:
        """Rows whose text contains ``word``: one scan of the joined texts, skipping to the next on a hit."""
        found, at = set(), self._joined.find(word)
        while at >= 0:
            row = int(np.searchsorted(self._starts, at, side="right")) - 1
            found.add(row)
            at = self._joined.find(word, int(self._starts[row + 1]))
        return found
