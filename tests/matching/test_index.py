from pathlib import Path

import numpy as np
import pytest

from matching.index import FaissIndex, NumpyIndex, VectorIndex


def _vectors(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _recall(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean([len(set(x) & set(y)) / len(x) for x, y in zip(a, b, strict=True)]))


@pytest.mark.parametrize(("ivf_threshold", "min_recall"), [(10**9, 1.0), (1000, 0.9)])
def test_faiss_recall_against_exact(ivf_threshold: int, min_recall: float) -> None:
    vecs, ids = _vectors(5000), np.arange(5000, dtype=np.int64) * 3 + 11
    exact, approx = NumpyIndex(32), FaissIndex(32, ivf_threshold=ivf_threshold, nprobe=256)
    exact.index(ids, vecs)
    approx.index(ids, vecs)
    queries = _vectors(50, seed=1)
    assert _recall(exact.search(queries, 10)[1], approx.search(queries, 10)[1]) >= min_recall


@pytest.mark.parametrize("backend", [NumpyIndex, FaissIndex])
def test_incremental_add_delete(backend: type[VectorIndex]) -> None:
    vecs = _vectors(100)
    idx = backend(32)
    idx.index(np.arange(50), vecs[:50])
    idx.append(np.arange(50, 100), vecs[50:])
    idx.delete(np.array([7, 99]))
    assert idx.count() == 98
    _, found = idx.search(vecs[[7, 8]], 1)
    assert found[0, 0] != 7 and found[1, 0] == 8
    idx.append(np.array([8]), vecs[[9]])  # replace id 8's vector
    assert idx.count() == 98
    assert idx.search(vecs[[9]], 2)[1][0].tolist() in ([9, 8], [8, 9])


@pytest.mark.parametrize("backend", [NumpyIndex, FaissIndex])
def test_save_load_roundtrip(backend: type[VectorIndex], tmp_path: Path) -> None:
    vecs = _vectors(200)
    idx = backend(32, model="static-zh")
    idx.index(np.arange(200) + 10**12, vecs)
    idx.save(tmp_path)
    assert not list(tmp_path.glob("*.pkl"))
    back = VectorIndex.load(tmp_path)
    assert (back.dim, back.model, back.count()) == (32, "static-zh", 200)
    np.testing.assert_array_equal(back.search(vecs[:5], 3)[1], idx.search(vecs[:5], 3)[1])
