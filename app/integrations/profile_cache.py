"""Stored enterprise features kept in memory between push runs, so a run reads only the profiles that changed.

The ``match_profiles`` rows stay the truth: a run compares their fingerprints with the cached ones and
reads back (or featurises) only the keys whose fingerprint differs. Features are held as segments (one per
batch of rows added) and gathered per run; the segments are merged when they pile up or hold mostly rows
no longer wanted, so a run never restacks all the features to add a few.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
from flask import current_app

from matching.ranker import Features
from matching.types import MatchQuery

EXTENSION_KEY = "ole_profile_cache"
MAX_SEGMENTS = 16

Key = tuple[int, int]  # (user id, subscription id or 0 for the profile)


class ProfileCache:
    """Features of (user, subscription) keys, each valid for one fingerprint."""

    def __init__(self) -> None:
        self.lock = threading.RLock()  # a run holds it while it refreshes or reads
        self._where: dict[Key, tuple[str, int, int]] = {}  # key -> (fingerprint, segment, row)
        self._segments: list[Features] = []
        self._prints: dict[Key, tuple[MatchQuery, str]] = {}  # the last query seen per key, its fingerprint

    def fingerprint_of(self, key: Key, query: MatchQuery) -> str | None:
        """The fingerprint computed last for this key, if its query is the same."""
        seen = self._prints.get(key)
        return seen[1] if seen is not None and seen[0] == query else None

    def remember(self, key: Key, query: MatchQuery, fingerprint: str) -> None:
        self._prints[key] = (query, fingerprint)

    def has(self, key: Key, fingerprint: str) -> bool:
        where = self._where.get(key)
        return where is not None and where[0] == fingerprint

    def add(self, keys: Sequence[Key], prints: Sequence[str], feats: Features) -> None:
        """Hold ``feats`` (one row per key, in order) as the features of these keys at these fingerprints."""
        if not keys:
            return
        seg = len(self._segments)
        self._segments.append(feats)
        self._where.update((k, (p, seg, i)) for i, (k, p) in enumerate(zip(keys, prints, strict=True)))
        if len(self._segments) > MAX_SEGMENTS or self._rows() > 2 * len(self._where) + 1024:
            self._compact()

    def forget(self, keys: Sequence[Key]) -> None:
        """Drop keys whose rows were deleted (their rows stay in a segment until the next merge)."""
        for k in keys:
            self._where.pop(k, None)
            self._prints.pop(k, None)

    def get(self, keys: Sequence[Key]) -> Features:
        """The features of ``keys`` (all held), in that order."""
        locs = np.array([self._where[k][1:] for k in keys], np.int64).reshape(-1, 2)
        parts: list[Features] = []
        order: list[np.ndarray] = []
        for seg in np.unique(locs[:, 0]).tolist():
            at = np.flatnonzero(locs[:, 0] == seg)
            parts.append(self._segments[seg].rows(locs[at, 1]))
            order.append(at)
        if len(parts) == 1 and np.array_equal(order[0], np.arange(len(keys))):
            return parts[0]
        stacked = Features.stack(parts)
        return stacked.rows(np.argsort(np.concatenate(order), kind="stable"))

    def _rows(self) -> int:
        return sum(s.vec.shape[0] for s in self._segments)

    def _compact(self) -> None:
        keys = list(self._where)
        if not keys:
            self._segments = []
            return
        prints = [self._where[k][0] for k in keys]
        merged = self.get(keys)
        self._segments = [merged]
        self._where = {k: (p, 0, i) for i, (k, p) in enumerate(zip(keys, prints, strict=True))}


def profile_cache() -> ProfileCache:
    """The app's profile cache (one per process and app)."""
    cache = current_app.extensions.get(EXTENSION_KEY)
    if cache is None:
        cache = current_app.extensions.setdefault(EXTENSION_KEY, ProfileCache())
    return cache
