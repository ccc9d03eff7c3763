"""Time the reasons of pushed pairs (`app.integrations.push_batch.reasons`), the batch push's per-pair part.

A matcher indexes real dev patents (data/: titles with their IPC subclasses, and titles with abstracts);
enterprises are GB/T 4754 class notes as needs texts with their division as industry, some also subscribing
a keyword or an IPC subclass. The pairs are those a push would score >= the threshold, plus (as the
subscription filters accept pairs whatever their score) random pairs of the subscribing enterprises.
Prints the pairs a second of the reasons (best of ``--repeat`` runs) and of the pair scoring alone.
Usage: python bench/push_reasons.py [--enterprises 500] [--declarations 3000] [--pairs 30000]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

# Run as a script, bench/ comes first on sys.path and bench/matching.py would shadow the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Through app.matches.batch, as the push run imports it (importing push_batch first is an import cycle).
from app.matches.batch import scoring  # noqa: E402
from matching import batch, data  # noqa: E402
from matching.matcher import Matcher  # noqa: E402
from matching.types import MatchDocument, MatchQuery  # noqa: E402

THRESHOLD = 0.2


def documents(n: int) -> list[MatchDocument]:
    """Real patents: titles with abstracts (no IPC), then titles with their IPC subclasses."""
    with_text = [MatchDocument(i, t, a) for i, (t, a) in enumerate(data.abstracts())]
    first = len(with_text)
    titles = data.labelled_titles()
    titled = [MatchDocument(first + i, t.title, "", t.subclasses) for i, t in enumerate(titles)]
    mixed = itertools.chain(*zip(titled, with_text, strict=False), titled[first:])
    return list(itertools.islice(mixed, n))


def queries(n: int, docs: list[MatchDocument]) -> list[MatchQuery]:
    """Needs texts of GB/T 4754 classes; 4 in 10 also subscribe a keyword or an IPC subclass."""
    notes = [(c, i) for c, i in data.industries().items() if i.remark and len(c) == 4]
    out = []
    for n_, (code, ind) in zip(range(n), itertools.cycle(notes), strict=False):
        doc = docs[(n_ * 7919) % len(docs)]
        keywords = (doc.title[-4:],) if n_ % 10 in (1, 2) else ()
        ipc = doc.ipc[:1] if n_ % 10 in (3, 4) else ()
        out.append(MatchQuery(ind.remark, ipc, (code[:2],), keywords))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=500)
    parser.add_argument("--declarations", type=int, default=3000)
    parser.add_argument("--pairs", type=int, default=30_000, help="at most this many pairs")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    m = Matcher()
    docs = documents(args.declarations)
    m.add(docs)
    qs = queries(args.enterprises, docs)
    q, d = m.featurizer.queries(qs), m.features_of([x.id for x in docs])
    found = batch.above(q, d, m.config, THRESHOLD, m.long_flags(qs))
    rng = np.random.default_rng(0)
    subscribing = np.flatnonzero([bool(x.keywords or x.ipc) for x in qs])
    extra = args.pairs - len(found.q)
    qi = np.concatenate([found.q, rng.choice(subscribing, max(extra, 0))])[: args.pairs]
    dj = np.concatenate([found.d, rng.integers(0, len(docs), max(extra, 0))])[: args.pairs]
    rows = dict(enumerate(qs))
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        scoring.reasons(m, rows, docs, (q, d), (qi, dj))
        best = min(best, time.perf_counter() - start)
    start = time.perf_counter()
    batch.pair_scores(q, d, qi, dj, m.config, m.long_flags([qs[i] for i in qi.tolist()]))
    scored = time.perf_counter() - start
    print(f"{len(qi)} pairs ({len(found.q)} >= {THRESHOLD}), {len(qs)} queries x {len(docs)} declarations")
    print(f"reasons: {best:.2f} s, {len(qi) / best:,.0f} pairs/s (best of {args.repeat})")
    print(f"of which pair scoring: {scored:.2f} s")


if __name__ == "__main__":
    main()
