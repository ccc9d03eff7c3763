"""The in-process profile cache gives each key's features in the order asked, across segments and merges."""

import numpy as np
import scipy.sparse as sp

from app.integrations import profile_cache
from app.integrations.profile_cache import ProfileCache
from matching.ranker import Features


def _feats(values: list[float]) -> Features:
    """One row per value: the vector and every sparse matrix hold it, so rows are told apart."""
    col = np.array(values, np.float32)[:, None]
    one = sp.csr_matrix(col)
    return Features(one, np.hstack([col, col]), one, one)


def _values(f: Features) -> list[float]:
    return f.vec[:, 0].tolist()


def test_rows_come_back_in_the_order_asked_across_segments():
    cache = ProfileCache()
    cache.add([(1, 0), (2, 0)], ["a", "b"], _feats([1, 2]))
    cache.add([(3, 0), (1, 0)], ["c", "a2"], _feats([3, 11]))  # (1, 0) changed: its newest row wins
    got = cache.get([(3, 0), (1, 0), (2, 0)])
    assert _values(got) == [3, 11, 2]
    assert got.lex.toarray().ravel().tolist() == [3, 11, 2]
    assert cache.has((1, 0), "a2") and not cache.has((1, 0), "a") and not cache.has((9, 0), "a")


def test_merging_segments_keeps_every_key(monkeypatch):
    monkeypatch.setattr(profile_cache, "MAX_SEGMENTS", 2)
    cache = ProfileCache()
    for n in range(5):
        cache.add([(n, 0)], [str(n)], _feats([n]))
    cache.forget([(0, 0)])
    assert len(cache._segments) <= 2
    assert _values(cache.get([(4, 0), (1, 0), (3, 0), (2, 0)])) == [4, 1, 3, 2]
    assert not cache.has((0, 0), "0")


def test_a_fingerprint_is_remembered_for_the_same_query_only():
    from matching.types import MatchQuery

    cache = ProfileCache()
    cache.remember((1, 0), MatchQuery("电池"), "fp")
    assert cache.fingerprint_of((1, 0), MatchQuery("电池")) == "fp"
    assert cache.fingerprint_of((1, 0), MatchQuery("涂料")) is None
