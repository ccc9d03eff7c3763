"""Lexical channel: character 1-3-gram TF-IDF (hashed, no pickle) and jieba key terms."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from matching.charhash import char_counts

N_FEATURES = 2**20
_PUNCT = re.compile(r"[\s，。；：、,.;:()（）\[\]【】“”\"'!?！？/\\-]+")
# Boilerplate of Chinese patent titles: frequent, and useless as a "shared term" reason.
STOP_TERMS = frozenset(
    [
        "一种",
        "及其",
        "方法",
        "装置",
        "系统",
        "用于",
        "以及",
        "基于",
        "制备",
        "应用",
        "结构",
        "设备",
        "组件",
        "具有",
        "进行",
        "使用",
        "其中",
        "或",
        "和",
        "的",
        "与",
        "及",
        "等",
        "中",
        "一",
        "用",
        "所述",
        "包括",
        "一般",
        "其他",
        "类似",
        "专门",
        "适用",
    ]
)


def clean(text: str) -> str:
    """Collapse punctuation and whitespace to single spaces."""
    return _PUNCT.sub(" ", text).strip()


def ngram_counts(texts: Sequence[str]) -> sp.csr_matrix:
    """Return (len(texts), N_FEATURES) counts of the hashed character 1-3-grams of the cleaned texts.

    Computed once per batch and shared by the lexical channel, the IPC inference and the topic classifier.
    """
    return char_counts(texts, clean, N_FEATURES)


def document_frequency(counts: sp.csr_matrix) -> np.ndarray:
    """Return, per hash column of :func:`ngram_counts` rows, how many rows hold it (one entry per row and
    column: the counts are in canonical form)."""
    return np.bincount(counts.indices, minlength=counts.shape[1])


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def tokens(text: str) -> list[str]:
    """Return jieba tokens of ``text`` (search mode), without punctuation."""
    jieba = _jieba()
    return [t for t in jieba.lcut_for_search(clean(text)) if t.strip()]  # type: ignore[attr-defined]


@lru_cache(maxsize=65_536)
def key_terms(text: str) -> tuple[str, ...]:
    """Return the distinct content terms of ``text`` (two or more characters, no boilerplate).

    Cached: a push run explains many pairs of the same enterprise text.
    """
    seen: dict[str, None] = {}
    for t in tokens(text):
        if len(t) >= 2 and t not in STOP_TERMS and not t.isdigit():
            seen.setdefault(t, None)
    return tuple(seen)


def shared_terms(query: str, doc: str, limit: int = 6) -> list[str]:
    """Return key terms of ``query`` found in ``doc``, longest first, at most ``limit``.

    A term inside a longer one already kept is skipped.
    """
    kept: list[str] = []
    for t in _terms_longest_first(query):
        if t in doc and not any(t in k for k in kept):
            kept.append(t)
            if len(kept) == limit:
                break
    return kept[:limit]


@lru_cache(maxsize=65_536)
def _terms_longest_first(text: str) -> tuple[str, ...]:
    """Return :func:`key_terms` of ``text`` sorted longest first (a stable sort: ties keep their order)."""
    return tuple(sorted(key_terms(text), key=len, reverse=True))


class CharTfidf:
    """TF-IDF over hashed character 1-3-grams; the IDF vector is the only state (an npy file)."""

    def __init__(self, idf: np.ndarray | None = None) -> None:
        self.idf = idf

    def fit(self, texts: Sequence[str]) -> CharTfidf:
        """Learn smoothed IDF weights from ``texts``."""
        df = document_frequency(ngram_counts(texts)).astype(np.float32)
        n = float(len(texts))
        self.idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        return self

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """Return L2-normalised sublinear TF-IDF rows (one per text)."""
        return self.weigh(ngram_counts(list(texts)))

    def weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Return L2-normalised sublinear TF-IDF rows of :func:`ngram_counts` rows (``counts`` unchanged)."""
        if self.idf is None:
            raise ValueError("CharTfidf is not fitted")
        x = counts.astype(np.float32)
        x.data = (1 + np.log(x.data)) * self.idf[x.indices]
        # Each row's entries in descending column order, as the product with a diagonal IDF matrix
        # used to leave them: later sums run in this order, so the features stay bit-identical.
        ends = np.repeat(x.indptr[1:] + x.indptr[:-1] - 1, np.diff(x.indptr))
        back = ends - np.arange(x.nnz)
        x = sp.csr_matrix((x.data[back], x.indices[back], x.indptr), shape=x.shape)
        return normalize(x, copy=False)
