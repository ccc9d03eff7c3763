"""Matching performance benchmark (not a test): prints figures for bench/RESULTS.md.

Run ``.venv/bin/python bench/matching.py [--max-size 1000000]``. Vectors at 10k/100k/1M are
SYNTHETIC: real encoded reference texts plus Gaussian noise, re-normalised (so they cluster
like real data). The push run uses synthetic enterprise and licence vectors as well.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching import data  # noqa: E402
from matching.encoder import Encoder  # noqa: E402
from matching.index import FaissIndex, NumpyIndex  # noqa: E402
from matching.matcher import Matcher  # noqa: E402
from matching.pairs import corpus_texts  # noqa: E402
from matching.types import MatchDocument, MatchQuery  # noqa: E402


def machine() -> str:
    """Return nproc and the head of lscpu."""
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout.splitlines()[:8]
    return f"nproc={os.cpu_count()}\n" + "\n".join(lscpu)


def encode_throughput(enc: Encoder, n: int = 20_000) -> tuple[float, np.ndarray]:
    """Return (texts per second, vectors of the distinct reference texts)."""
    texts = (corpus_texts() * 2)[:n]
    enc.encode(texts[:500])  # warm-up
    started = time.perf_counter()
    enc.encode(texts)
    rate = n / (time.perf_counter() - started)
    return rate, enc.encode(list(dict.fromkeys(corpus_texts())))


def synthetic(base: np.ndarray, n: int, seed: int, noise: float = 0.05) -> np.ndarray:
    """Return ``n`` unit vectors: random real vectors plus Gaussian noise per dimension."""
    rng = np.random.default_rng(seed)
    v = base[rng.integers(0, len(base), n)] + rng.normal(0, noise, (n, base.shape[1])).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def latency(index: FaissIndex, queries: np.ndarray, k: int = 10) -> tuple[float, float]:
    """Return single-query latency p50 and p95 in milliseconds."""
    times = []
    for q in queries:
        started = time.perf_counter()
        index.search(q[None, :], k)
        times.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def index_figures(base: np.ndarray, size: int) -> str:
    """Build a faiss index of ``size`` synthetic vectors; return timing and recall@10 vs exact."""
    vecs = synthetic(base, size, seed=size)
    idx = FaissIndex(base.shape[1])
    idx.index(np.arange(size, dtype=np.int64), vecs)
    queries = synthetic(base, 200, seed=1)
    p50, p95 = latency(idx, queries)
    exact = NumpyIndex(base.shape[1])
    exact.ids, exact.vectors = np.arange(size, dtype=np.int64), vecs
    truth = exact.search(queries[:50], 10)[1]
    got = idx.search(queries[:50], 10)[1]
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, got, strict=True)])
    kind = type(idx._index).__name__
    return f"| {size:,} | {kind} | {idx.build_seconds:.1f} | {p50:.2f} | {p95:.2f} | {recall:.3f} |"


def push_run(
    base: np.ndarray, n_ent: int = 10_000, n_lic: int = 100_000, k: int = 20, thr: float = 0.6
) -> str:
    """Time the pure matching part of a push: every enterprise's top-k licences above ``thr``."""
    lic, ent = synthetic(base, n_lic, seed=7), synthetic(base, n_ent, seed=8)
    started = time.perf_counter()
    idx = FaissIndex(base.shape[1])
    idx.index(np.arange(n_lic, dtype=np.int64), lic)
    scores, ids = idx.search(ent, k)
    pairs = int((scores >= thr).sum())
    secs = time.perf_counter() - started
    return (
        f"push {n_ent:,} enterprises x {n_lic:,} licences (k={k}, thr={thr}): {secs:.1f} s, {pairs:,} pairs"
    )


def hybrid_latency() -> str:
    """Return p50/p95 of the full hybrid ``Matcher.search`` on the 7,838 real dev titles."""
    m = Matcher()
    m.add([MatchDocument(i, t.title, "", t.subclasses) for i, t in enumerate(data.labelled_titles())])
    queries = [MatchQuery(text=t) for t in list(data.ipc_subclass_titles().values())[:100]]
    times = []
    for q in queries:
        started = time.perf_counter()
        m.search(q, 10)
        times.append((time.perf_counter() - started) * 1000)
    p50, p95 = np.percentile(times, [50, 95])
    return f"hybrid Matcher.search on 7,838 real titles: p50 {p50:.1f} ms, p95 {p95:.1f} ms"


def main() -> None:
    """Print all figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-size", type=int, default=1_000_000)
    args = parser.parse_args()
    print(machine())
    enc = Encoder()
    rate, base = encode_throughput(enc)
    print(f"encode: {rate:,.0f} texts/s ({enc.name}, dim {enc.dim})")
    print("| vectors | faiss index | build s | p50 ms | p95 ms | recall@10 vs exact |")
    for size in (10_000, 100_000, 1_000_000):
        if size <= args.max_size:
            print(index_figures(base, size), flush=True)
    print(push_run(base), flush=True)
    print(hybrid_latency())


if __name__ == "__main__":
    main()
