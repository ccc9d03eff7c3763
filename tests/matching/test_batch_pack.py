"""Stored profile features: pack and unpack give the same features back (matching.batch)."""

import numpy as np
import pytest

from matching import batch
from matching.matcher import Matcher
from matching.resources import Resources
from matching.types import MatchQuery

QUERIES = [
    MatchQuery("我们需要锂电池正极材料技术", industries=("3841",)),
    MatchQuery(""),  # no text, no codes: empty sparse rows
    MatchQuery("电动汽车 充电桩 控制方法", ipc=("H02J", "B60L"), keywords=("充电",)),
    MatchQuery("", ipc=("H01M",)),
]


def test_unpack_gives_back_the_packed_features(resources: Resources) -> None:
    m = Matcher(resources=resources)
    f = m.featurizer.queries(QUERIES)
    widths = (f.ipc.shape[1], f.topic.shape[1])
    got = batch.unpack(batch.pack(f), f.vec.shape[1], widths)
    assert np.array_equal(got.vec, f.vec) and got.vec.dtype == np.float32
    for name in ("lex", "ipc", "topic"):
        want, have = getattr(f, name).tocsr(), getattr(got, name)
        assert have.shape == want.shape and np.array_equal(have.indptr, want.indptr), name
        assert np.array_equal(have.indices, want.indices), name
        assert np.array_equal(have.data, want.data.astype(np.float32)), name
    assert batch.unpack([], f.vec.shape[1], widths).vec.shape == (0, f.vec.shape[1])


def test_unpack_refuses_rows_of_another_dimension(resources: Resources) -> None:
    f = Matcher(resources=resources).featurizer.queries(QUERIES[:1])
    with pytest.raises(ValueError, match="dimension"):
        batch.unpack(batch.pack(f), f.vec.shape[1] + 1, (f.ipc.shape[1], f.topic.shape[1]))
