"""Vector indexes with int64 ids (= database keys): exact numpy and faiss (flat or HNSW).

Interface after txtai's ``ann/``: index / append / delete / search / save / load / count.
Saved as ``vectors.npy`` + ``ids.npy`` (numpy) or ``index.faiss`` (faiss), with ``index.json``
(model, dimension, count, build time). No pickle.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

SIDECAR = "index.json"


class VectorIndex(ABC):
    """Inner-product search over unit vectors keyed by int64 ids."""

    def __init__(self, dim: int, model: str = "") -> None:
        self.dim = dim
        self.model = model
        self.build_seconds = 0.0

    def index(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Replace the content with ``vectors`` (n, dim) keyed by ``ids`` (n,); times the build."""
        started = time.perf_counter()
        self._reset(len(ids))
        self.append(ids, vectors)
        self.build_seconds = time.perf_counter() - started

    @abstractmethod
    def _reset(self, expected: int) -> None: ...

    @abstractmethod
    def append(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors; an id already present is replaced."""

    @abstractmethod
    def delete(self, ids: np.ndarray) -> None:
        """Remove ids (unknown ids are ignored)."""

    @abstractmethod
    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores, ids), each (n_queries, k), best first; missing slots have id -1."""

    @abstractmethod
    def count(self) -> int:
        """Return the number of vectors."""

    @abstractmethod
    def _save_data(self, folder: Path) -> None: ...

    @abstractmethod
    def _load_data(self, folder: Path) -> None: ...

    def save(self, folder: str | Path) -> None:
        """Write the index and its JSON sidecar into ``folder``."""
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        self._save_data(path)
        meta = {
            "backend": type(self).__name__,
            "model": self.model,
            "dimension": self.dim,
            "count": self.count(),
            "build_seconds": round(self.build_seconds, 3),
            "saved_at": datetime.now(UTC).isoformat(),
        }
        (path / SIDECAR).write_text(json.dumps(meta, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> VectorIndex:
        """Load an index saved by :meth:`save` (the backend is read from the sidecar)."""
        path = Path(folder)
        meta = json.loads((path / SIDECAR).read_text(encoding="utf-8"))
        backend = {"NumpyIndex": NumpyIndex, "FaissIndex": FaissIndex}[meta["backend"]]
        idx = backend(int(meta["dimension"]), meta["model"])
        idx._load_data(path)
        idx.build_seconds = float(meta["build_seconds"])
        return idx


def _as_ids(ids: np.ndarray | list[int]) -> np.ndarray:
    return np.ascontiguousarray(ids, dtype=np.int64)


def _as_vectors(vectors: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(vectors, dtype=np.float32)


class NumpyIndex(VectorIndex):
    """Exact brute-force index; the reference for faiss recall tests."""

    def _reset(self, expected: int) -> None:
        self.ids = np.zeros(0, np.int64)
        self.vectors = np.zeros((0, self.dim), np.float32)

    def append(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if not hasattr(self, "ids"):
            self._reset(0)
        self.delete(ids)
        self.ids = np.concatenate([self.ids, _as_ids(ids)])
        self.vectors = np.vstack([self.vectors, _as_vectors(vectors)])

    def delete(self, ids: np.ndarray) -> None:
        if hasattr(self, "ids"):
            keep = ~np.isin(self.ids, _as_ids(ids))
            self.ids, self.vectors = self.ids[keep], self.vectors[keep]

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores = _as_vectors(queries) @ self.vectors.T
        k_eff = min(k, self.count())
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k_eff]
        out_s = np.full((len(queries), k), -np.inf, np.float32)
        out_i = np.full((len(queries), k), -1, np.int64)
        out_s[:, :k_eff] = np.take_along_axis(scores, order, axis=1)
        out_i[:, :k_eff] = self.ids[order]
        return out_s, out_i

    def count(self) -> int:
        return int(len(self.ids)) if hasattr(self, "ids") else 0

    def _save_data(self, folder: Path) -> None:
        np.save(folder / "ids.npy", self.ids)
        np.save(folder / "vectors.npy", self.vectors)

    def _load_data(self, folder: Path) -> None:
        self.ids = np.load(folder / "ids.npy", allow_pickle=False)
        self.vectors = np.load(folder / "vectors.npy", allow_pickle=False)


class FaissIndex(VectorIndex):
    """faiss ``IndexIDMap2`` over exact inner product, or IVF-flat (1024 lists) from ``ivf_threshold``.

    Both support incremental ``append``/``delete`` without a rebuild; IVF centroids are trained
    once, in :meth:`index`, on a sample of the vectors given then.
    """

    def __init__(self, dim: int, model: str = "", ivf_threshold: int = 50_000, nprobe: int = 32) -> None:
        super().__init__(dim, model)
        self.ivf_threshold = ivf_threshold
        self.nprobe = nprobe
        self._index = self._new(np.zeros((0, dim), np.float32))

    def _new(self, vectors: np.ndarray) -> object:
        import faiss

        if len(vectors) < self.ivf_threshold:
            return faiss.IndexIDMap2(faiss.IndexFlatIP(self.dim))
        nlist = 1024
        inner = faiss.IndexIVFFlat(faiss.IndexFlatIP(self.dim), self.dim, nlist, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), 64 * nlist), replace=False)
        inner.train(_as_vectors(vectors[np.sort(sample)]))
        inner.nprobe = self.nprobe
        return inner  # IVF keeps int64 ids itself; IndexIDMap's remove_ids would misnumber it

    def index(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        started = time.perf_counter()
        self._index = self._new(vectors)
        self.append(ids, vectors)
        self.build_seconds = time.perf_counter() - started

    def _reset(self, expected: int) -> None:
        self._index = self._new(np.zeros((0, self.dim), np.float32))

    def append(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self.delete(ids)
        self._index.add_with_ids(_as_vectors(vectors), _as_ids(ids))  # type: ignore[attr-defined]

    def delete(self, ids: np.ndarray) -> None:
        import faiss

        if self.count():
            self._index.remove_ids(faiss.IDSelectorBatch(_as_ids(ids)))  # type: ignore[attr-defined]

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores, ids = self._index.search(_as_vectors(queries), k)  # type: ignore[attr-defined]
        return scores, ids

    def count(self) -> int:
        return int(self._index.ntotal)  # type: ignore[attr-defined]

    def _save_data(self, folder: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(folder / "index.faiss"))  # type: ignore[call-overload]

    def _load_data(self, folder: Path) -> None:
        import faiss

        self._index = faiss.read_index(str(folder / "index.faiss"))
        if isinstance(self._index, faiss.IndexIVF):
            self._index.nprobe = self.nprobe
