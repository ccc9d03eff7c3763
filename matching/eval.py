"""Evaluation harness: the matcher and three baselines on the same corpus and queries.

Run ``python -m matching.eval --corpus C.jsonl --queries Q.jsonl [--k 10] [--no-ipc]``.
Honesty rules (no evaluated label is ever seen by the component that ranks it): in IPC inference
a document's own label never votes (leave-one-out), and for queries no corpus document's label
votes (only the IPC scheme text and labelled titles outside the corpus). The default encoder is
trained on label-free pairs only (``matching/pairs.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.preprocessing import normalize

from matching import baselines, metrics
from matching.classifier import IpcClassifier, fit_shipped
from matching.ranker import Featurizer, channel_scores, doc_text, fuse, long_queries
from matching.resources import Resources, build_resources
from matching.structured import top_sparse
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
    queries: Sequence[tuple[str, str]],
    config: MatcherConfig,
    res: Resources,
    cache: Path | None = None,
) -> dict[str, np.ndarray]:
    """Return the fused matcher scores and each channel's scores (queries x docs).

    ``queries`` are (id, text) pairs; the topic channel is cross-fitted (:func:`crossfit_topic`).
    """
    feat = Featurizer(res, config)
    df = feat.docs(docs, exclude=[[i] for i in doc_ids])
    qf = feat.queries([MatchQuery(text=q) for _, q in queries], exclude=[list(doc_ids)] * len(queries))
    scores = channel_scores(qf, df)
    texts = [doc_text(d) for d in docs]
    scores["topic"] = crossfit_topic(doc_ids, texts, queries, cache)
    long = long_queries([q for _, q in queries], config)
    return {"matcher": fuse(scores, config, long), **{f"channel_{c}": s for c, s in scores.items()}}


def fold_of(doc_id: str, folds: int) -> int:
    """Return the cross-fitting fold of a document id (stable hash)."""
    return int(hashlib.md5(doc_id.encode("utf-8")).hexdigest(), 16) % folds


def crossfit_topic(
    doc_ids: Sequence[str],
    doc_texts: Sequence[str],
    queries: Sequence[tuple[str, str]],
    cache: Path | None = None,
    folds: int = 3,
) -> np.ndarray:
    """Return topic-channel scores (queries x docs) where no score uses a model trained on its document.

    For fold ``f`` a classifier is trained without the fold's documents and without any query's own
    patent (a query id ``q-<patent id>`` or ``<patent id>``); both sides of a (query, document in
    ``f``) pair are then classified by that model. Trained models are cached in ``cache`` if given.
    """
    own = {q.removeprefix("q-") for q, _ in queries}
    qtexts = [t for _, t in queries]
    out = np.zeros((len(queries), len(doc_ids)), np.float32)
    for f in range(folds):
        cols = np.array([j for j, d in enumerate(doc_ids) if fold_of(d, folds) == f], np.int64)
        clf = _fold_classifier(sorted(own | {doc_ids[j] for j in cols}), cache)
        q = normalize(top_sparse(clf.proba(qtexts), 16))
        d = normalize(top_sparse(clf.proba([doc_texts[j] for j in cols]), 16))
        out[:, cols] = (q @ d.T).toarray()
    return out


CLASSIFIER_VERSION = "knn2"  # part of the cache key: a changed classifier is never read from an old cache


def _fold_classifier(exclude: Sequence[str], cache: Path | None) -> IpcClassifier:
    key = hashlib.sha1("\n".join(exclude).encode("utf-8")).hexdigest()[:16]
    folder = cache / f"clf-{CLASSIFIER_VERSION}-{key}" if cache else None
    if folder is not None and (folder / "classes.json").exists():
        return IpcClassifier.load(folder)
    clf = fit_shipped(exclude)
    if folder is not None:
        clf.save(folder)
    return clf


def run_eval(
    corpus_path: str | Path,
    queries_path: str | Path,
    k: int = 10,
    no_ipc: bool = False,
    config: MatcherConfig | None = None,
    channels: bool = False,
    cache: str | Path | None = None,
) -> dict[str, dict[str, float]]:
    """Evaluate the matcher and the baselines.

    Args:
        corpus_path: JSONL of ``{"id", "title", "abstract"?, "ipc"?}``.
        queries_path: JSONL of ``{"id", "text", "relevant": [corpus ids]}``.
        k: Cut-off for nDCG and recall.
        no_ipc: Drop the corpus IPC codes (text-only matching).
        config: Matcher configuration (default ``MatcherConfig()``).
        channels: Also report each matcher channel alone.
        cache: Folder for cross-fitted classifiers and baseline scores (reused across runs).

    Returns:
        Method -> ``{"ndcg@k", "recall@k", "recall@100", "mrr"}``.
    """
    config = config or MatcherConfig()
    rows, qrows = read_jsonl(corpus_path), read_jsonl(queries_path)
    ids = [r["id"] for r in rows]
    folder = Path(cache) if cache else None
    ours = matcher_scores(
        corpus_docs(rows, no_ipc),
        ids,
        [(q["id"], q["text"]) for q in qrows],
        config,
        build_resources(config.model_path, classifier=False),
        folder,
    )
    methods = {"matcher": ours["matcher"], **baseline_scores(rows, qrows, folder)}
    if channels:
        methods.update((name, s) for name, s in ours.items() if name != "matcher")
    relevant = [set(q["relevant"]) for q in qrows]
    return {
        name: metrics.summarise(list(zip(ranked_ids(s, ids), relevant, strict=True)), k)
        for name, s in methods.items()
    }


def baseline_scores(rows: Sequence[dict], qrows: Sequence[dict], cache: Path | None) -> dict[str, np.ndarray]:
    """Return the three baselines' scores (queries x docs), read from ``cache`` when computed before."""
    texts = [f"{r['title']} {r.get('abstract') or ''}".strip() for r in rows]
    qtexts = [q["text"] for q in qrows]
    methods: dict[str, Callable[[], np.ndarray]] = {
        "bm25": lambda: baselines.bm25_scores(qtexts, texts),
        "tfidf_char": lambda: baselines.tfidf_char_scores(qtexts, texts),
        "dense_minilm": lambda: baselines.dense_minilm_scores(qtexts, texts),
    }
    key = hashlib.sha1(json.dumps([texts, qtexts], ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    return {name: _cached_scores(cache, f"{name}-{key}.npy", fn) for name, fn in methods.items()}


def _cached_scores(cache: Path | None, name: str, fn: Callable[[], np.ndarray]) -> np.ndarray:
    if cache is None:
        return fn()
    path = cache / name
    if path.exists():
        return np.load(path)
    scores = fn()
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, scores)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints one JSON object. Returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m matching.eval", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--no-ipc", action="store_true", help="drop corpus IPC codes (text only)")
    parser.add_argument("--channels", action="store_true", help="also report each channel alone")
    parser.add_argument("--model", default=None, help="sentence-transformers directory for the dense channel")
    parser.add_argument(
        "--cache", default=None, help="folder for cross-fitted classifiers and baseline scores"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result = run_eval(
        args.corpus,
        args.queries,
        args.k,
        args.no_ipc,
        MatcherConfig(model_path=args.model),
        args.channels,
        args.cache,
    )
    print(json.dumps(result, ensure_ascii=False))
    print(f"eval took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
