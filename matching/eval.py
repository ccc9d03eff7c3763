"""Evaluation harness: the matcher and three baselines on the same corpus and queries.

Run ``python -m matching.eval --corpus C.jsonl --queries Q.jsonl [--k 10] [--no-ipc]``.
Honesty rules (no evaluated label is ever seen by the component that ranks it): in IPC inference
a document's own label never votes (leave-one-out), and for queries no corpus document's label
votes (only the IPC scheme text and labelled titles outside the corpus). The default encoder is
trained on label-free pairs only (``matching/pairs.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import numpy as np

from matching import baselines, metrics
from matching.ranker import Featurizer, channel_scores, fuse
from matching.resources import Resources, build_resources
from matching.types import MatchDocument, MatcherConfig, MatchQuery


def read_jsonl(path: str | Path) -> list[dict]:
    """Return the JSON objects of a JSON-lines file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def corpus_docs(rows: Sequence[dict], no_ipc: bool) -> list[MatchDocument]:
    """Turn corpus rows into documents keyed by position; ``no_ipc`` drops the IPC codes."""
    return [
        MatchDocument(i, r["title"], r.get("abstract") or "", () if no_ipc else tuple(r.get("ipc") or ()))
        for i, r in enumerate(rows)
    ]


def ranked_ids(scores: np.ndarray, ids: Sequence[str], depth: int = 100) -> list[list[str]]:
    """Return per query the ids of the ``depth`` best-scored documents (stable on ties)."""
    top = np.argsort(-scores, axis=1, kind="stable")[:, :depth]
    return [[ids[j] for j in row] for row in top]


def matcher_scores(
    docs: Sequence[MatchDocument],
    doc_ids: Sequence[str],
    queries: Sequence[str],
    config: MatcherConfig,
    res: Resources,
) -> dict[str, np.ndarray]:
    """Return the fused matcher scores and each channel's scores (queries x docs)."""
    feat = Featurizer(res, config)
    df = feat.docs(docs, exclude=[[i] for i in doc_ids])
    qf = feat.queries([MatchQuery(text=q) for q in queries], exclude=[list(doc_ids)] * len(queries))
    scores = channel_scores(qf, df)
    return {"matcher": fuse(scores, config), **{f"channel_{c}": s for c, s in scores.items()}}


def run_eval(
    corpus_path: str | Path,
    queries_path: str | Path,
    k: int = 10,
    no_ipc: bool = False,
    config: MatcherConfig | None = None,
    channels: bool = False,
) -> dict[str, dict[str, float]]:
    """Evaluate the matcher and the baselines.

    Args:
        corpus_path: JSONL of ``{"id", "title", "abstract"?, "ipc"?}``.
        queries_path: JSONL of ``{"id", "text", "relevant": [corpus ids]}``.
        k: Cut-off for nDCG and recall.
        no_ipc: Drop the corpus IPC codes (text-only matching).
        config: Matcher configuration (default ``MatcherConfig()``).
        channels: Also report each matcher channel alone.

    Returns:
        Method -> ``{"ndcg@k", "recall@k", "recall@100", "mrr"}``.
    """
    config = config or MatcherConfig()
    rows, qrows = read_jsonl(corpus_path), read_jsonl(queries_path)
    ids = [r["id"] for r in rows]
    texts = [f"{r['title']} {r.get('abstract') or ''}".strip() for r in rows]
    qtexts = [q["text"] for q in qrows]
    res = build_resources(config.model_path)
    ours = matcher_scores(corpus_docs(rows, no_ipc), ids, qtexts, config, res)
    methods: dict[str, Callable[[], np.ndarray]] = {
        "matcher": lambda: ours["matcher"],
        "bm25": lambda: baselines.bm25_scores(qtexts, texts),
        "tfidf_char": lambda: baselines.tfidf_char_scores(qtexts, texts),
        "dense_minilm": lambda: baselines.dense_minilm_scores(qtexts, texts),
    }
    if channels:
        for name in ours:
            if name != "matcher":
                methods[name] = partial(ours.__getitem__, name)
    relevant = [set(q["relevant"]) for q in qrows]
    return {
        name: metrics.summarise(list(zip(ranked_ids(fn(), ids), relevant, strict=True)), k)
        for name, fn in methods.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints one JSON object. Returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m matching.eval", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--no-ipc", action="store_true", help="drop corpus IPC codes (text only)")
    parser.add_argument("--channels", action="store_true", help="also report each channel alone")
    parser.add_argument("--model", default=None, help="sentence-transformers directory for the dense channel")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result = run_eval(
        args.corpus, args.queries, args.k, args.no_ipc, MatcherConfig(model_path=args.model), args.channels
    )
    print(json.dumps(result, ensure_ascii=False))
    print(f"eval took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
