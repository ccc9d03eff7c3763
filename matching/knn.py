"""k-nearest-neighbour helpers: products of sparse n-gram rows with a fixed sparse matrix; top k per row.

The k-NN votes (IPC inference, topic classifier) compare every text with tens of thousands of stored rows.
Most of that work comes from a few n-grams that most rows contain (single common characters): the 256
rows of the fixed matrix with the most entries do about 90 % of the multiplications. The 128 fullest rows
are kept dense and multiplied by BLAS; the rest stays a sparse product whose result is then mostly empty.
About half the CPU time of one sparse product turned dense; the sums are the same up to float32 rounding
(they are added in another order).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

DENSE_ROWS = 128


class FixedProduct:
    """``x @ b`` as a float32 array, for any CSR ``x`` with as many columns as ``b`` has rows."""

    def __init__(self, b: sp.csr_matrix, dense_rows: int = DENSE_ROWS) -> None:
        """Split ``b`` (n, m) into its ``dense_rows`` fullest rows (dense) and the rest (sparse)."""
        b = sp.csr_matrix(b, dtype=np.float32)
        heavy = np.sort(np.argsort(-np.diff(b.indptr), kind="stable")[: min(dense_rows, b.shape[0])])
        self.shape = b.shape
        self._dense = b[heavy].toarray()
        self._pos = np.full(b.shape[0], -1, np.int64)
        self._pos[heavy] = np.arange(len(heavy))
        light = np.ones(b.shape[0], np.float32)
        light[heavy] = 0
        self._sparse = (sp.diags(light) @ b).tocsr()
        self._sparse.eliminate_zeros()

    def __call__(self, x: sp.csr_matrix) -> np.ndarray:
        """Return ``(x @ b)`` as a dense (x rows, m) float32 array."""
        x = sp.csr_matrix(x, dtype=np.float32)
        rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
        pos = self._pos[x.indices]
        hit = pos >= 0
        heavy = np.zeros((x.shape[0], self._dense.shape[0]), np.float32)
        np.add.at(heavy, (rows[hit], pos[hit]), x.data[hit])  # add.at: a non-canonical x may repeat a column
        out = heavy @ self._dense
        out += (x @ self._sparse).toarray()
        return out


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Return (n, k) column indices of the ``k`` largest scores of each row.

    The same choice as ``np.argpartition(-scores, k - 1)[:, :k]``, in another order: a row whose k-th
    largest value is unique is cut at it (found with ``np.partition``, several times faster than
    argpartition on wide rows); a row with a tie there (duplicate stored rows) still goes through
    argpartition, which decides which of the tied columns are kept.
    """
    n, m = scores.shape
    if k >= m:
        return np.tile(np.arange(m), (n, 1))
    kth = np.partition(scores, m - k, axis=1)[:, m - k : m - k + 1]  # the k-th largest of each row
    keep = scores >= kth
    tied = keep.sum(axis=1) > k
    keep[tied] = False
    out = np.empty((n, k), np.int64)
    out[~tied] = (np.flatnonzero(keep) % m).reshape(-1, k)
    out[tied] = np.argpartition(-scores[tied], k - 1, axis=1)[:, :k]
    return out
