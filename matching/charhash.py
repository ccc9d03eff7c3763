"""Hashed character 1-3-gram counts, vectorised: the same matrix as scikit-learn's ``HashingVectorizer``.

``HashingVectorizer(analyzer="char", ngram_range=(1, 3), alternate_sign=False, norm=None,
preprocessor=clean)`` builds every n-gram as a Python string and hashes it one at a time (about 1,000
abstracts a second). Here the n-grams of a whole batch are integer keys of their code points, each
distinct key is UTF-8 encoded and hashed with MurmurHash3 (x86, 32 bits, seed 0) in numpy, and the counts
go straight into a CSR matrix: the same columns and counts (a test compares them on real texts).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

_WHITE_SPACES = re.compile(r"\s\s+")  # the analyser's whitespace normalisation
_BITS = 21  # code points are below 0x110000 = 2**21: three fit in one int64 key


def char_counts(
    texts: Sequence[str], preprocess: Callable[[str], str], n_features: int, max_n: int = 3
) -> sp.csr_matrix:
    """Return (len(texts), n_features) float64 counts of hashed character 1..``max_n``-grams.

    Args:
        texts: Raw texts.
        preprocess: Applied to each text first (as the vectorizer's ``preprocessor``).
        n_features: Hash columns (column = |murmurhash3_32(utf-8 n-gram)| mod n_features).
        max_n: Longest n-gram, at most 3.
    """
    cleaned = [_WHITE_SPACES.sub(" ", preprocess(t)) for t in texts]
    lengths = np.fromiter((len(t) for t in cleaned), np.int64, len(cleaned))
    cps = np.frombuffer("".join(cleaned).encode("utf-32-le"), np.uint32).astype(np.int64)
    ends = np.repeat(np.cumsum(lengths), lengths)  # per position: the end of its text
    rows_of = np.repeat(np.arange(len(cleaned)), lengths)
    rows, cols = [], []
    for n in range(1, max_n + 1):
        start = np.flatnonzero(np.arange(len(cps)) + n <= ends)
        keys = np.zeros(len(start), np.int64)
        for i in range(n):
            keys = (keys << _BITS) | cps[start + i]
        uniq, inverse = np.unique(keys, return_inverse=True)
        rows.append(rows_of[start])
        cols.append(_columns(uniq, n, n_features)[inverse])
    return _csr(np.concatenate(rows), np.concatenate(cols), len(cleaned), n_features)


def _csr(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_features: int) -> sp.csr_matrix:
    """Counts of (row, col) pairs as a canonical CSR matrix (sorted columns, duplicates summed)."""
    order = np.argsort(rows, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n_rows))]).astype(np.int32)
    out = sp.csr_matrix(
        (np.ones(len(rows)), cols[order].astype(np.int32), indptr), shape=(n_rows, n_features)
    )
    out.sum_duplicates()
    return out


def _columns(keys: np.ndarray, n: int, n_features: int) -> np.ndarray:
    """Hash columns of n-gram keys (``n`` code points each) as the vectorizer computes them."""
    data, length = _utf8(keys, n)
    h = _murmur3(data, length).view(np.int32).astype(np.int64)
    return np.where(h == -(2**31), (2**31 - 1 - (n_features - 1)) % n_features, np.abs(h) % n_features)


def _utf8(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """UTF-8 bytes of n-gram keys, zero-padded to 16 bytes a row, and their byte lengths."""
    out = np.zeros((len(keys), 16), np.uint8)
    length = np.zeros(len(keys), np.int64)
    rows = np.arange(len(keys))
    for i in range(n):
        cp = (keys >> (_BITS * (n - 1 - i))) & ((1 << _BITS) - 1)
        size = 1 + (cp >= 0x80) + (cp >= 0x800) + (cp >= 0x10000)
        lead = np.select([size == 1, size == 2, size == 3], [cp, 0xC0 | (cp >> 6), 0xE0 | (cp >> 12)])
        lead = np.where(size == 4, 0xF0 | (cp >> 18), lead)
        out[rows, length] = lead
        for b in range(1, 4):  # continuation bytes, most significant first
            has = size > b
            shift = 6 * (size - 1 - b)
            out[rows[has], (length + b)[has]] = 0x80 | ((cp[has] >> shift[has]) & 0x3F)
        length += size
    return out, length


def _murmur3(data: np.ndarray, length: np.ndarray) -> np.ndarray:
    """MurmurHash3_x86_32 (seed 0) of each row's first ``length`` bytes (rows zero-padded to 16 bytes)."""
    words = np.ascontiguousarray(data).view("<u4")  # (m, 4) little-endian blocks
    blocks = length // 4
    h = np.zeros(len(length), np.uint32)
    for b in range(3):  # at most 12 bytes: 3 full blocks
        step = _rotl(h ^ _mix(words[:, b]), 13) * np.uint32(5) + np.uint32(0xE6546B64)
        h = np.where(b < blocks, step, h)
    # The tail (length % 4 bytes) is the block after the last full one, its unused bytes zero; mixing a
    # zero word gives zero, so an empty tail changes nothing.
    h ^= _mix(np.take_along_axis(words, blocks[:, None], axis=1)[:, 0])
    h ^= length.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _mix(k: np.ndarray) -> np.ndarray:
    return _rotl(k * np.uint32(0xCC9E2D51), 15) * np.uint32(0x1B873593)


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))
