"""Learned fusion: fit the channel weights on the dev sets by cross-validation (no hand tuning).

The fused score stays a weighted sum of channel cosines (weights sum to 1), so it is absolute and a
push threshold keeps its meaning. Short queries (IPC-like titles, keywords) and long ones (paragraphs:
needs texts, title + abstract; ``MatcherConfig.long_query_chars``) get their own weights: each set is
searched on a grid of the simplex (step 0.1) to maximise the mean nDCG@10 over the dev queries of
that kind; query folds of every set are held out in turn to report how well the fitted weights
generalise.

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
from matching.ranker import CHANNELS, long_queries
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
    long: np.ndarray  # (n_queries,) True for a long (paragraph) query


def load_dev_set(name: str, corpus: str, queries: str, cache: Path | None) -> DevSet:
    """Compute the (cross-fitted) channel scores of a dev set, text only."""
    rows, qrows = read_jsonl(corpus), read_jsonl(queries)
    ids = [r["id"] for r in rows]
    res = build_resources(classifier=False)
    pairs = [(q["id"], q["text"]) for q in qrows]
    out = matcher_scores(corpus_docs(rows, True), ids, pairs, MatcherConfig(), res, cache)
    scores = {c: out[f"channel_{c}"] for c in CHANNELS}
    long = long_queries([q["text"] for q in qrows], MatcherConfig())
    return DevSet(name, scores, ids, [set(q["relevant"]) for q in qrows], [q["id"] for q in qrows], long)


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


Weights = dict[str, float]


def fit(devs: Sequence[DevSet], rows: Sequence[np.ndarray], candidates: list[Weights]) -> Weights:
    """Return the candidate weights with the best nDCG@10 over the query ``rows`` of all dev sets.

    The mean is over queries (a set counts by how many of its queries are in ``rows``, so a set with
    one query of a kind does not weigh as much as a set of hundreds); with no query at all the first
    candidate is returned.
    """
    used = [(d, r) for d, r in zip(devs, rows, strict=True) if len(r)]
    if not used:
        return candidates[0]
    return max(candidates, key=lambda w: sum(ndcg(d, w, r) * len(r) for d, r in used))


def fit_by_length(
    devs: Sequence[DevSet], rows: Sequence[np.ndarray], candidates: list[Weights]
) -> tuple[Weights, Weights]:
    """Fit (short-query weights, long-query weights), each on the dev queries of its kind in ``rows``."""
    short = fit(devs, [r[~d.long[r]] for d, r in zip(devs, rows, strict=True)], candidates)
    long = fit(devs, [r[d.long[r]] for d, r in zip(devs, rows, strict=True)], candidates)
    return short, long


def ndcg_by_length(dev: DevSet, short: Weights, long: Weights, rows: np.ndarray) -> float:
    """Return the mean nDCG@10 over ``rows``, each query fused with the weights of its kind."""
    parts = [(rows[~dev.long[rows]], short), (rows[dev.long[rows]], long)]
    total = sum(ndcg(dev, w, r) * len(r) for r, w in parts if len(r))
    return total / max(len(rows), 1)


def cross_validate(devs: Sequence[DevSet], folds: int = 5) -> list[dict[str, object]]:
    """Fit on all query folds but one, report nDCG@10 on the held-out fold of every set."""
    candidates = grid()
    report = []
    for f in range(folds):
        split = [np.array([fold_of(q, folds) == f for q in d.query_ids]) for d in devs]
        short, long = fit_by_length(devs, [np.flatnonzero(~s) for s in split], candidates)
        held = {
            d.name: round(ndcg_by_length(d, short, long, np.flatnonzero(s)), 4)
            for d, s in zip(devs, split, strict=True)
        }
        report.append({"fold": f, "weights": short, "long_weights": long, "held_out_ndcg@10": held})
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Print the cross-validation folds and the weights fitted on all dev queries (JSON)."""
    parser = argparse.ArgumentParser(prog="python -m matching.fusion", description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=None, help="folder for cross-fitted classifiers")
    args = parser.parse_args(argv)
    cache = Path(args.cache) if args.cache else None
    devs = [load_dev_set(n, c, q, cache) for n, c, q in DEV_SETS]
    report = cross_validate(devs)
    short, long = fit_by_length(devs, [np.arange(len(d.query_ids)) for d in devs], grid())
    print(json.dumps({"folds": report, "weights": short, "long_weights": long}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
