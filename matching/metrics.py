"""Ranking metrics with binary relevance: nDCG@k, recall@k and MRR."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence


def ndcg_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Return binary nDCG@k (0..1); the ideal ranking puts min(k, |relevant|) hits first."""
    if not relevant:
        return 0.0
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Return the fraction of ``relevant`` found in the top ``k`` (0..1)."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def mrr(ranked: Sequence[str], relevant: Collection[str]) -> float:
    """Return the reciprocal rank of the first relevant item (0 if none is ranked)."""
    for i, d in enumerate(ranked):
        if d in relevant:
            return 1 / (i + 1)
    return 0.0


def summarise(runs: Sequence[tuple[Sequence[str], Collection[str]]], k: int = 10) -> dict[str, float]:
    """Average the metrics over (ranking, relevant set) pairs, one per query.

    Args:
        runs: For each query, its ranked document ids (best first, at least 100 if available)
            and the set of relevant ids.
        k: Cut-off for nDCG and the first recall.

    Returns:
        ``ndcg@k``, ``recall@k``, ``recall@100`` and ``mrr``, rounded to 4 decimals.
    """
    n = max(len(runs), 1)
    out = {
        f"ndcg@{k}": sum(ndcg_at_k(r, rel, k) for r, rel in runs) / n,
        f"recall@{k}": sum(recall_at_k(r, rel, k) for r, rel in runs) / n,
        "recall@100": sum(recall_at_k(r, rel, 100) for r, rel in runs) / n,
        "mrr": sum(mrr(r, rel) for r, rel in runs) / n,
    }
    return {key: round(v, 4) for key, v in out.items()}
