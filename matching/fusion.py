"""Learned fusion: fit the channel weights on the dev sets by cross-validation (no hand tuning).

The fused score stays a weighted sum of channel cosines (weights sum to 1), so it is absolute and a
push threshold keeps its meaning. Weights are searched on a grid of the simplex (step 0.1) to
maximise the mean nDCG@10 over all dev sets at once (one configuration serves every kind of query);
query folds of every set are held out in turn to report how well the fitted weights generalise.

Run ``python -m matching.fusion --cache var/eval-cache`` (prints the folds and the final weights).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matching import metrics
from matching.eval import corpus_docs, fold_of, matcher_scores, read_jsonl
from matching.ranker import CHANNELS
from matching.resources import build_resources
from matching.types import MatcherConfig

DEV_SETS = (
    ("titles", "data/eval/titles_corpus.jsonl", "data/eval/ipc_queries.jsonl"),
    ("a01", "data/eval/a01_corpus.jsonl", "data/eval/a01_queries.jsonl"),
)


@dataclass(frozen=True)
class DevSet:
    """Channel scores of one dev set (no IPC codes) with its relevance judgements."""

    name: str
    scores: dict[str, np.ndarray]  # channel -> (n_queries, n_docs)
    ids: list[str]
    relevant: list[set[str]]
    query_ids: list[str]


def load_dev_set(name: str, corpus: str, queries: str, cache: Path | None) -> DevSet:
    """Compute the (cross-fitted) channel scores of a dev set, text only."""
    rows, qrows = read_jsonl(corpus), read_jsonl(queries)
    ids = [r["id"] for r in rows]
    res = build_resources(classifier=False)
    pairs = [(q["id"], q["text"]) for q in qrows]
    out = matcher_scores(corpus_docs(rows, True), ids, pairs, MatcherConfig(), res, cache)
    scores = {c: out[f"channel_{c}"] for c in CHANNELS}
    return DevSet(name, scores, ids, [set(q["relevant"]) for q in qrows], [q["id"] for q in qrows])


def ndcg(dev: DevSet, weights: dict[str, float], rows: np.ndarray) -> float:
    """Return the mean nDCG@10 of the fused scores over query ``rows``."""
    fused = np.asarray(sum(w * dev.scores[c][rows] for c, w in weights.items()))
    top = np.argpartition(-fused, 10, axis=1)[:, :10]
    order = np.take_along_axis(
        top, np.argsort(-np.take_along_axis(fused, top, axis=1), axis=1, kind="stable"), axis=1
    )
    ranked = [[dev.ids[j] for j in row] for row in order]
    return metrics.summarise(list(zip(ranked, [dev.relevant[i] for i in rows], strict=True)), 10)["ndcg@10"]


def grid(step: float = 0.1) -> list[dict[str, float]]:
    """Return every weight vector on the simplex over :data:`CHANNELS` with the given step."""
    n = round(1 / step)
    out = []
    for combo in itertools.product(range(n + 1), repeat=len(CHANNELS) - 1):
        if sum(combo) <= n:
            parts = [*combo, n - sum(combo)]
            out.append({c: round(p * step, 4) for c, p in zip(CHANNELS, parts, strict=True)})
    return out


def fit(
    devs: Sequence[DevSet], rows: Sequence[np.ndarray], candidates: list[dict[str, float]]
) -> dict[str, float]:
    """Return the candidate weights with the best mean nDCG@10 over the dev sets (on query ``rows``)."""
    return max(
        candidates, key=lambda w: float(np.mean([ndcg(d, w, r) for d, r in zip(devs, rows, strict=True)]))
    )


def cross_validate(devs: Sequence[DevSet], folds: int = 5) -> list[dict[str, object]]:
    """Fit on all query folds but one, report nDCG@10 on the held-out fold of every set."""
    candidates = grid()
    report = []
    for f in range(folds):
        split = [np.array([fold_of(q, folds) == f for q in d.query_ids]) for d in devs]
        weights = fit(devs, [np.flatnonzero(~s) for s in split], candidates)
        held = {
            d.name: round(ndcg(d, weights, np.flatnonzero(s)), 4) for d, s in zip(devs, split, strict=True)
        }
        report.append({"fold": f, "weights": weights, "held_out_ndcg@10": held})
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Print the cross-validation folds and the weights fitted on all dev queries (JSON)."""
    parser = argparse.ArgumentParser(prog="python -m matching.fusion", description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=None, help="folder for cross-fitted classifiers")
    args = parser.parse_args(argv)
    cache = Path(args.cache) if args.cache else None
    devs = [load_dev_set(n, c, q, cache) for n, c, q in DEV_SETS]
    report = cross_validate(devs)
    final = fit(devs, [np.arange(len(d.query_ids)) for d in devs], grid())
    print(json.dumps({"folds": report, "weights": final}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
