"""Where to set PUSH_THRESHOLD (not a test): precision of the pushes a threshold would make, on dev data.

Run ``.venv/bin/python bench/push_threshold.py [--cache var/eval-cache]``. Queries are the dev IPC-subclass
titles (short, like an enterprise's needs text), the corpus the dev patent titles without their IPC codes;
a pair is relevant when the patent carries the query's subclass. The topic channel is cross-fitted as in
``make eval``. For each threshold it prints, over each query's 20 best documents: the pairs at or above it,
the share of them that are relevant, and how many queries would receive at least one push.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching.eval import corpus_docs, matcher_scores, read_jsonl  # noqa: E402
from matching.resources import build_resources  # noqa: E402
from matching.types import MatcherConfig  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
TOP = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", default=str(ROOT / "var" / "eval-cache"))
    args = parser.parse_args()
    config = MatcherConfig()
    rows = read_jsonl(ROOT / "data/eval/titles_corpus.jsonl")
    queries = read_jsonl(ROOT / "data/eval/ipc_queries.jsonl")
    ids = [r["id"] for r in rows]
    scores = matcher_scores(
        corpus_docs(rows, no_ipc=True),
        ids,
        [(q["id"], q["text"]) for q in queries],
        config,
        build_resources(config.model_path, classifier=False),
        Path(args.cache),
    )["matcher"]
    column = {d: i for i, d in enumerate(ids)}
    relevant = np.zeros(scores.shape, dtype=bool)
    for qi, q in enumerate(queries):
        relevant[qi, [column[d] for d in q["relevant"] if d in column]] = True
    best = np.argsort(-scores, axis=1)[:, :TOP]
    top_scores = np.take_along_axis(scores, best, 1)
    top_relevant = np.take_along_axis(relevant, best, 1)
    print(f"{len(queries)} queries x {len(ids)} titles; each query's {TOP} best documents")
    print("threshold | pairs pushed | precision | queries with a push")
    for t in THRESHOLDS:
        pushed = top_scores >= t
        precision = float(top_relevant[pushed].mean()) if pushed.any() else 0.0
        print(f"{t:.2f} | {int(pushed.sum())} | {precision:.3f} | {int(pushed.any(axis=1).sum())}")


if __name__ == "__main__":
    main()
