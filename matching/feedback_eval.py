"""The effect of feedback on the next ``flask matching train``, simulated on a dev set.

Queries are split in two halves by a hash of their id. For the first half, the matcher's top ``k`` are
judged as a user would: "useful" if the dev labels say the document is relevant, "not useful" otherwise.
The useful (query, document) pairs become extra training pairs of the static encoder
(:func:`matching.explain.feedback_pairs` -> :func:`matching.train.train`), and both the shipped and the
retrained encoder are evaluated on the second half only, whose labels are never used. The judged documents
stay in the corpus, as declarations that users rated stay on the marketplace.

Run ``python -m matching.feedback_eval --corpus C.jsonl --queries Q.jsonl [--cache var/eval-cache]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matching import metrics
from matching.eval import corpus_docs, fold_of, matcher_scores, ranked_ids, read_jsonl
from matching.explain import feedback_pairs
from matching.resources import build_resources
from matching.types import MatchDocument, MatcherConfig, MatchQuery


def split_queries(qrows: Sequence[dict]) -> tuple[list[dict], list[dict]]:
    """Return (feedback half, evaluation half) of the query rows, by a stable hash of their ids."""
    halves: tuple[list[dict], list[dict]] = ([], [])
    for q in qrows:
        halves[fold_of(q["id"], 2)].append(q)
    return halves


def judged_useful(ranked: Sequence[Sequence[str]], qrows: Sequence[dict], k: int) -> list[tuple[int, str]]:
    """Return (query position, document id) of the top-``k`` documents a user would mark useful."""
    return [
        (i, d)
        for i, (r, q) in enumerate(zip(ranked, qrows, strict=True))
        for d in r[:k]
        if d in q["relevant"]
    ]


def simulate(
    corpus: str | Path, queries: str | Path, k: int = 10, cache: Path | None = None
) -> dict[str, object]:
    """Return nDCG@k / R@100 / MRR on the evaluation half, before and after retraining with feedback."""
    rows = read_jsonl(corpus)
    ids = [r["id"] for r in rows]
    docs = corpus_docs(rows, True)
    by_id = dict(zip(ids, docs, strict=True))
    fb, held = split_queries(read_jsonl(queries))
    before = _scores(docs, ids, fb + held, None, cache)
    useful = judged_useful(ranked_ids(before["matcher"][: len(fb)], ids), fb, k)
    liked = [(MatchQuery(text=fb[i]["text"]), by_id[d]) for i, d in useful]
    with tempfile.TemporaryDirectory() as tmp:
        from matching.train import train

        model = train(Path(tmp) / "static-zh", extra_pairs=feedback_pairs(liked))
        after = _scores(docs, ids, fb + held, str(model), cache)  # same queries: same fold models
    relevant = [set(q["relevant"]) for q in held]
    report: dict[str, object] = {
        "feedback_queries": len(fb),
        "useful_pairs": len(liked),
        "eval_queries": len(held),
    }
    for name, s in (("before", before), ("after", after)):
        for method in ("matcher", "channel_dense"):
            m = s[method][-len(held) :]
            report[f"{method} {name}"] = metrics.summarise(
                list(zip(ranked_ids(m, ids), relevant, strict=True)), k
            )
    return report


def _scores(
    docs: list[MatchDocument], ids: list[str], qrows: Sequence[dict], model: str | None, cache: Path | None
) -> dict[str, np.ndarray]:
    config = MatcherConfig(model_path=model)
    res = build_resources(model, classifier=False)
    return matcher_scores(docs, ids, [(q["id"], q["text"]) for q in qrows], config, res, cache)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints one JSON object. Returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m matching.feedback_eval", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--cache", default=None, help="folder for cross-fitted classifiers")
    args = parser.parse_args(argv)
    cache = Path(args.cache) if args.cache else None
    print(json.dumps(simulate(args.corpus, args.queries, args.k, cache), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
