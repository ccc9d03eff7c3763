"""Time bulk featurisation (`Featurizer.docs` / `Featurizer.queries`) and each of its stages, on real texts.

Documents are real patents from data/: A01 titles + abstracts (with their IPC subclass), titles + abstracts
without IPC, and dev titles (with their IPC subclasses), interleaved and repeated up to N. Queries are
GB/T 4754 class notes as needs texts with the class's division as industry, repeated up to N. Every stage
is timed on the same N texts (best of ``--repeat`` runs, models loaded once before the clock starts) and
printed as texts a second (wall clock) with the process CPU seconds (the machine is shared: CPU time
moves less with the load). ``--profile`` prints the cProfile of one `Featurizer.docs` call instead.
Usage: python bench/featurise.py [N] [--repeat 2] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Run as a script, bench/ comes first on sys.path and bench/matching.py would shadow the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching import data  # noqa: E402
from matching.lexical import ngram_counts  # noqa: E402
from matching.ranker import Featurizer, doc_text, query_text, topic_features  # noqa: E402
from matching.resources import default_resources  # noqa: E402
from matching.types import MatchDocument, MatcherConfig, MatchQuery  # noqa: E402


def documents(n: int) -> list[MatchDocument]:
    """N real patents, the three sources interleaved (cycled when N exceeds them)."""
    a01 = [MatchDocument(0, p.title, p.abstract, (p.subclass,)) for p in data.a01_patents()]
    plain = [MatchDocument(0, t, a) for t, a in data.abstracts()]
    titles = [MatchDocument(0, t.title, "", t.subclasses) for t in data.labelled_titles()]
    mixed = [d for trio in itertools.zip_longest(a01, titles, plain) for d in trio if d is not None]
    return [
        MatchDocument(i, d.title, d.text, d.ipc)
        for i, d in enumerate(itertools.islice(itertools.cycle(mixed), n))
    ]


def queries(n: int) -> list[MatchQuery]:
    """N needs texts: GB/T 4754 class notes with the class's division as industry (cycled)."""
    notes = [(c, i.remark) for c, i in data.industries().items() if i.remark and len(c) == 4]
    return [MatchQuery(note, (), (code[:2],)) for code, note in itertools.islice(itertools.cycle(notes), n)]


def best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall time and best process CPU time (all threads) of ``repeat`` calls, in seconds."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return min(wall), min(cpu)


def stages(
    f: Featurizer, kind: str, texts: list[str], whole: Callable[[], object]
) -> dict[str, Callable[[], object]]:
    res = f.res
    return {
        f"{kind}: lexical (char TF-IDF)": lambda: res.tfidf.transform(texts),
        f"{kind}: dense encoder": lambda: res.encoder.encode(texts),
        f"{kind}: IPC inference (k-NN)": lambda: res.inferrer.distributions(texts),
        f"{kind}: topic classifier": lambda: topic_features(res, ngram_counts(texts)),
        f"{kind}: Featurizer.{kind} (all)": whole,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=5000, help="texts per kind")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", action="store_true", help="cProfile one Featurizer.docs call")
    args = parser.parse_args()
    started = time.perf_counter()
    f = Featurizer(default_resources(), MatcherConfig())
    f.docs(documents(10))  # first call builds lazy state (the classifier's transposed centroids)
    print(f"load: {time.perf_counter() - started:.1f} s (load average {os.getloadavg()[0]:.2f})")
    docs, qs = documents(args.n), queries(args.n)
    if args.profile:
        cProfile.runctx("f.docs(docs)", globals(), {"f": f, "docs": docs}, "/tmp/featurise.prof")
        pstats.Stats("/tmp/featurise.prof").sort_stats("tottime").print_stats(25)
        return
    timed = {
        **stages(f, "docs", [doc_text(d) for d in docs], lambda: f.docs(docs)),
        **stages(f, "queries", [query_text(q) for q in qs], lambda: f.queries(qs)),
    }
    for name, fn in timed.items():
        seconds, cpu = best(fn, args.repeat)
        print(f"{name:42s} {args.n / seconds:9,.0f} texts/s  ({seconds:.2f} s wall, {cpu:.2f} s CPU)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
