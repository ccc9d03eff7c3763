"""Structured channel: IPC subclass distributions for any text, and the derived IPC <-> GB/T 4754 link.

A text's IPC distribution comes from a k-nearest-neighbour vote over labelled reference texts
(character TF-IDF cosine): the Chinese IPC subclass and main-group titles (label = their subclass)
and the dev patent titles (label = their subclasses). Reference rows can be excluded per text,
which is how the evaluation stays honest (leave-one-out for documents, no corpus labels for queries).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from matching import data
from matching.knn import FixedProduct, top_k
from matching.lexical import CharTfidf

_CHUNK = 1024


@dataclass(frozen=True)
class Reference:
    """Labelled reference texts for the kNN vote."""

    texts: tuple[str, ...]
    ids: tuple[str, ...]  # dev title id, or "" for scheme text
    labels: sp.csr_matrix  # (n_ref, n_subclasses), rows L1-normalised


def subclass_list() -> list[str]:
    """Return all IPC subclasses, sorted; the column order of every distribution."""
    return sorted(data.ipc_subclass_titles())


def build_reference(include_titles: bool = True, exclude_ids: Sequence[str] = ()) -> Reference:
    """Return scheme titles (+ dev titles unless excluded) with their subclass labels."""
    col = {s: i for i, s in enumerate(subclass_list())}
    items: list[tuple[str, str, tuple[str, ...]]] = [
        (t, "", (s,)) for s, t in data.ipc_subclass_titles().items()
    ]
    items += [
        (t, "", (data.subclass_of(g),))
        for g, t in data.ipc_group_titles().items()
        if data.subclass_of(g) in col
    ]
    if include_titles:
        skip = set(exclude_ids)
        items += [(t.title, t.id, t.subclasses) for t in data.labelled_titles() if t.id not in skip]
    rows = [i for i, (_, _, subs) in enumerate(items) for s in subs if s in col]
    cols = [col[s] for _, _, subs in items for s in subs if s in col]
    y = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(items), len(col)))
    return Reference(tuple(t for t, _, _ in items), tuple(i for _, i, _ in items), normalize(y, "l1"))


class IpcInferrer:
    """Infers a distribution over IPC subclasses for free text (kNN over a labelled reference)."""

    def __init__(self, reference: Reference, tfidf: CharTfidf, k: int = 10) -> None:
        self.reference = reference
        self.tfidf = tfidf
        self.k = k
        self.subclasses = subclass_list()
        self._ref_t = FixedProduct(tfidf.transform(reference.texts).T.tocsr())  # built once, not per call
        self._row = {rid: i for i, rid in enumerate(reference.ids) if rid}

    def distributions(
        self, texts: Sequence[str], exclude: Sequence[Sequence[str]] | None = None
    ) -> np.ndarray:
        """Return (len(texts), n_subclasses) probabilities, rows summing to 1 (or 0 if no neighbour).

        Args:
            texts: Texts to classify.
            exclude: Per text, reference ids that must not vote (e.g. the text's own id).
        """
        return self.distributions_of(self.tfidf.transform(texts), exclude)

    def distributions_of(
        self, rows: sp.csr_matrix, exclude: Sequence[Sequence[str]] | None = None
    ) -> np.ndarray:
        """Return :meth:`distributions` of texts given as TF-IDF rows (of this inferrer's ``tfidf``)."""
        parts = [
            self._chunk(rows[i : i + _CHUNK], exclude[i : i + _CHUNK] if exclude else None)
            for i in range(0, rows.shape[0], _CHUNK)
        ]
        return np.vstack(parts) if parts else np.zeros((0, len(self.subclasses)), np.float32)

    def _chunk(self, rows: sp.csr_matrix, exclude: Sequence[Sequence[str]] | None) -> np.ndarray:
        sims = self._ref_t(rows)
        for i, ids in enumerate(exclude or ()):
            sims[i, [self._row[x] for x in ids if x in self._row]] = 0.0
        k = min(self.k, sims.shape[1] - 1)
        top = top_k(sims, k)
        weights = np.take_along_axis(sims, top, axis=1)
        voter = np.repeat(np.arange(sims.shape[0]), k)
        vote = sp.csr_matrix((weights.ravel(), (voter, top.ravel())), shape=sims.shape)
        return np.asarray(normalize(vote @ self.reference.labels, "l1").toarray(), np.float32)


def top_sparse(dist: np.ndarray, keep: int) -> sp.csr_matrix:
    """Keep the ``keep`` largest entries of each row, renormalised to sum 1, as a sparse matrix."""
    if dist.shape[0] == 0:
        return sp.csr_matrix(dist)
    keep = min(keep, dist.shape[1])
    top = np.argpartition(-dist, keep - 1, axis=1)[:, :keep]
    vals = np.take_along_axis(dist, top, axis=1)
    rows = np.repeat(np.arange(dist.shape[0]), keep)
    m = sp.csr_matrix((vals.ravel(), (rows, top.ravel())), shape=dist.shape)
    m.eliminate_zeros()
    return normalize(m, "l1")


def declared_distribution(codes: Sequence[str], subclasses: Sequence[str]) -> np.ndarray:
    """Return a uniform distribution over declared codes; a class (``"H01"``) spreads over its subclasses."""
    out = np.zeros(len(subclasses), np.float32)
    for code in codes:
        code = code.replace(" ", "").upper()
        hits = _starting_with(code[:4], tuple(subclasses)) if code else ()
        for i in hits:
            out[i] += 1.0 / len(hits)
    total = out.sum()
    return out / total if total > 0 else out


@lru_cache(maxsize=4096)
def _starting_with(prefix: str, subclasses: tuple[str, ...]) -> tuple[int, ...]:
    """Positions of the subclasses starting with ``prefix`` (cached: bulk featurisation asks per document)."""
    return tuple(i for i, s in enumerate(subclasses) if s.startswith(prefix))
