"""Derived (NOT official) link between GB/T 4754-2017 industries and IPC subclasses.

No official IPC <-> GB/T 4754 concordance is in ``data/`` (the CNIPA strategic-emerging-industry
concordance is absent), so each industry's name and explanatory note is classified into IPC
subclasses with the same kNN inferrer the matcher uses. Treat the result as a similarity, not a fact.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching import data
from matching.structured import IpcInferrer


def industry_text(code: str) -> str:
    """Return the name, parent name and note of a GB/T 4754 code ("" if unknown)."""
    inds = data.industries()
    ind = inds.get(data.normalise_industry(code))
    if ind is None:
        return ""
    parent = inds[ind.parent].name if ind.parent in inds else ""
    return f"{ind.name} {parent} {ind.remark}".strip()


class IndustryLink:
    """Industry code -> IPC subclass distribution, computed lazily and cached."""

    def __init__(self, inferrer: IpcInferrer) -> None:
        self.inferrer = inferrer
        self._cache: dict[str, np.ndarray] = {}
        self._tops: dict[tuple[str, int], list[tuple[str, float]]] = {}

    def distribution(self, codes: Sequence[str]) -> np.ndarray:
        """Return the mean IPC distribution of the given industry codes (zeros if none known)."""
        missing = [c for c in codes if c not in self._cache and industry_text(c)]
        if missing:
            dists = self.inferrer.distributions([industry_text(c) for c in missing])
            self._cache.update(zip(missing, dists, strict=True))
        known = [self._cache[c] for c in codes if c in self._cache]
        if not known:
            return np.zeros(len(self.inferrer.subclasses), np.float32)
        return np.asarray(np.mean(known, axis=0), np.float32)

    def top(self, code: str, k: int = 5) -> list[tuple[str, float]]:
        """Return the ``k`` IPC subclasses most linked to an industry code, with weights (0..1)."""
        if (code, k) not in self._tops:  # asked once per pushed pair: computed once per code
            dist = self.distribution([code])
            idx = np.argsort(-dist, kind="stable")[:k]
            self._tops[(code, k)] = [
                (self.inferrer.subclasses[i], float(dist[i])) for i in idx if dist[i] > 0
            ]
        return list(self._tops[(code, k)])
