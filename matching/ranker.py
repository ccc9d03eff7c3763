"""Channel features and fusion: lexical (char TF-IDF), dense (encoder), IPC (k-NN distribution cosine)
and topic (IPC-classifier probability cosine).

Every channel is a cosine in [0, 1]; the fused score is their weighted sum, so it is absolute
(comparable across queries) and a push threshold means the same thing for every enterprise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from matching.lexical import ngram_counts
from matching.resources import Resources
from matching.structured import declared_distribution, top_sparse
from matching.types import MatchDocument, MatcherConfig, MatchQuery

CHANNELS = ("lexical", "dense", "ipc", "topic")


@dataclass(frozen=True)
class Features:
    """Per-row channel features of documents or queries.

    Attributes:
        lex: (n, 2**20) L2-normalised char TF-IDF rows.
        vec: (n, dim) unit vectors from the encoder.
        ipc: (n, n_subclasses) L2-normalised IPC subclass weights (declared and inferred).
        topic: (n, n_classes) L2-normalised top IPC-classifier probabilities (all 0 without a classifier).
    """

    lex: sp.csr_matrix
    vec: np.ndarray
    ipc: sp.csr_matrix
    topic: sp.csr_matrix

    def rows(self, idx: np.ndarray) -> Features:
        """Return the features of rows ``idx``."""
        return Features(self.lex[idx], self.vec[idx], self.ipc[idx], self.topic[idx])

    @staticmethod
    def stack(parts: Sequence[Features]) -> Features:
        """Concatenate feature blocks row-wise."""
        return Features(
            sp.vstack([p.lex for p in parts]).tocsr(),
            np.vstack([p.vec for p in parts]),
            sp.vstack([p.ipc for p in parts]).tocsr(),
            sp.vstack([p.topic for p in parts]).tocsr(),
        )


def doc_text(doc: MatchDocument) -> str:
    """Return the text a document is matched on (title, then text)."""
    return f"{doc.title} {doc.text}".strip()


def query_text(query: MatchQuery) -> str:
    """Return the text a query is matched on (text, then keywords)."""
    return " ".join([query.text, *query.keywords]).strip()


class Featurizer:
    """Turns documents and queries into :class:`Features` with shared resources.

    Each batch of texts is hashed into character n-gram counts once; the lexical channel, the IPC inference
    (on the same TF-IDF rows) and the topic classifier all start from them.
    """

    def __init__(self, resources: Resources, config: MatcherConfig) -> None:
        if resources.inferrer.tfidf is not resources.tfidf:
            raise ValueError("the IPC inferrer must use the resources' TF-IDF (its rows are shared)")
        self.res = resources
        self.config = config
        self.subclasses = resources.inferrer.subclasses

    def docs(self, docs: Sequence[MatchDocument], exclude: Sequence[Sequence[str]] | None = None) -> Features:
        """Featurise documents; ``exclude`` lists reference ids that must not vote per document."""
        texts = [doc_text(d) for d in docs]
        counts = ngram_counts(texts)
        lex = self.res.tfidf.weigh(counts)
        inferred = self.res.inferrer.distributions_of(lex, exclude)
        if self.config.use_declared_ipc:
            for i, d in enumerate(docs):
                if d.ipc:
                    inferred[i] = 0.7 * declared_distribution(d.ipc, self.subclasses) + 0.3 * inferred[i]
        return self._features(texts, counts, lex, inferred)

    def queries(
        self, queries: Sequence[MatchQuery], exclude: Sequence[Sequence[str]] | None = None
    ) -> Features:
        """Featurise queries: text IPC inference mixed with subscribed IPC and industry-derived IPC."""
        texts = [query_text(q) for q in queries]
        counts = ngram_counts(texts)
        lex = self.res.tfidf.weigh(counts)
        dist = self.res.inferrer.distributions_of(lex, exclude)
        for i, q in enumerate(queries):
            dist[i] = self._mix_query(q, dist[i] if texts[i] else None)
        return self._features(texts, counts, lex, dist)

    def _mix_query(self, q: MatchQuery, inferred: np.ndarray | None) -> np.ndarray:
        parts = [
            (0.5, declared_distribution(q.ipc, self.subclasses)) if q.ipc else None,
            (0.2, self.res.industry.distribution(q.industries)) if q.industries else None,
            (0.3, inferred) if inferred is not None else None,
        ]
        used = [p for p in parts if p is not None]
        if not used:
            return np.zeros(len(self.subclasses), np.float32)
        total = sum(w for w, _ in used)
        return np.asarray(sum(w * d for w, d in used) / total, np.float32)

    def _features(
        self, texts: Sequence[str], counts: sp.csr_matrix, lex: sp.csr_matrix, dist: np.ndarray
    ) -> Features:
        ipc = normalize(top_sparse(dist, self.config.ipc_top))
        vec = self.res.encoder.encode(texts)
        return Features(lex, vec, ipc.tocsr(), topic_features(self.res, counts))


def topic_features(res: Resources, counts: sp.csr_matrix, keep: int = 16) -> sp.csr_matrix:
    """Return L2-normalised top-``keep`` classifier probabilities of texts given as their
    :func:`matching.lexical.ngram_counts` (zero rows without a classifier)."""
    if res.classifier is None:
        return sp.csr_matrix((counts.shape[0], 1), dtype=np.float32)
    return normalize(top_sparse(res.classifier.proba_of(counts), keep)).tocsr()


def channel_scores(q: Features, d: Features) -> dict[str, np.ndarray]:
    """Return per-channel cosine scores, each (n_queries, n_docs) in [0, 1]."""
    return {
        "lexical": np.asarray((q.lex @ d.lex.T).toarray(), np.float32),
        "dense": np.clip(q.vec @ d.vec.T, 0.0, 1.0),
        "ipc": np.asarray((q.ipc @ d.ipc.T).toarray(), np.float32),
        "topic": np.asarray((q.topic @ d.topic.T).toarray(), np.float32),
    }


def long_queries(texts: Sequence[str], config: MatcherConfig) -> np.ndarray:
    """Return per query text whether it is long (a paragraph), which selects its fusion weights."""
    return np.array([len(t) >= config.long_query_chars for t in texts], bool)


def fuse(scores: dict[str, np.ndarray], config: MatcherConfig, long: np.ndarray | None = None) -> np.ndarray:
    """Return the weighted sum of channel scores, one row per query.

    Args:
        scores: Channel -> (n_queries, n_docs) cosines.
        config: Fusion weights (``weights`` for short queries, ``long_weights`` for long ones).
        long: (n_queries,) booleans from :func:`long_queries`; None = all short.
    """
    short = sum((config.weight(c) * scores[c] for c in CHANNELS), np.zeros_like(scores["lexical"]))
    if long is None or not long.any():
        return short
    para = sum((config.weight(c, long=True) * scores[c] for c in CHANNELS), np.zeros_like(short))
    return np.where(long[:, None], para, short)
