"""The stateful matcher the web app holds: documents, their features and a vector index."""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from matching.explain import build_reason, ipc_links
from matching.index import FaissIndex, VectorIndex
from matching.lexical import ngram_counts
from matching.ranker import (
    CHANNELS,
    Features,
    Featurizer,
    channel_scores,
    doc_text,
    fuse,
    long_queries,
    query_text,
    topic_features,
)
from matching.resources import Resources, default_resources
from matching.types import Match, MatchDocument, MatcherConfig, MatchQuery


class Matcher:
    """Hybrid matcher over a mutable set of documents (licence declarations).

    Use it both ways: ``search(query)`` for enterprise -> licences, and ``push_candidates(doc, queries,
    threshold)`` for a new declaration -> enterprises.
    """

    def __init__(self, config: MatcherConfig | None = None, resources: Resources | None = None) -> None:
        self.config = config or MatcherConfig()
        self.res = resources or default_resources(self.config.model_path)
        self.featurizer = Featurizer(self.res, self.config)
        self.docs: dict[int, MatchDocument] = {}
        self._order: list[int] = []
        self._features: Features | None = None
        self.index: VectorIndex = FaissIndex(
            self.res.encoder.dim, self.res.encoder.name, ivf_threshold=self.config.ivf_threshold
        )
        self.changes = 0  # adds and removes so far: the owner saves only a matcher that changed
        # A push run scores the same enterprise profiles against every new declaration (and each
        # declaration against every subscription text): featurise each query or document once.
        self._query_cache: OrderedDict[Hashable, Features] = OrderedDict()
        self._doc_cache: OrderedDict[Hashable, Features] = OrderedDict()

    def count(self) -> int:
        """Return the number of documents."""
        return len(self._order)

    def add(self, docs: Sequence[MatchDocument]) -> None:
        """Add or replace documents (incremental: only ``docs`` are encoded)."""
        docs = list({d.id: d for d in docs}.values())
        if not docs:
            return
        self.remove([d.id for d in docs if d.id in self.docs])
        feats = self.featurizer.docs(docs)
        self._features = feats if self._features is None else Features.stack([self._features, feats])
        self._order += [d.id for d in docs]
        self.docs.update((d.id, d) for d in docs)
        self.index.append(np.array([d.id for d in docs], np.int64), feats.vec)
        self.changes += 1

    def remove(self, ids: Sequence[int]) -> None:
        """Remove documents by id (unknown ids are ignored)."""
        gone = {i for i in ids if i in self.docs}
        if not gone or self._features is None:
            return
        keep = np.array([i not in gone for i in self._order])
        self._features = self._features.rows(np.flatnonzero(keep))
        self._order = [i for i in self._order if i not in gone]
        for i in gone:
            del self.docs[i]
        self.index.delete(np.array(sorted(gone), np.int64))
        self.changes += 1

    def vectors(self) -> dict[int, np.ndarray]:
        """Return document id -> unit vector (for :func:`matching.explain.filter_by_feedback`)."""
        if self._features is None:
            return {}
        return dict(zip(self._order, self._features.vec, strict=True))

    def features_of(self, ids: Sequence[int]) -> Features:
        """Return the stored features of indexed documents ``ids``, in that order (all must be indexed)."""
        if self._features is None:
            assert not ids
            return self.featurizer.docs([])
        pos = self._positions()
        return self._features.rows(np.array([pos[i] for i in ids], np.int64))

    def _positions(self) -> dict[int, int]:
        """Document id -> its row in the stored features."""
        return {d: i for i, d in enumerate(self._order)}

    def search(self, query: MatchQuery, k: int = 10, min_score: float = 0.0) -> list[Match]:
        """Return the ``k`` best documents for an enterprise profile, with reasons.

        Candidates are the union of each channel's top ``config.candidates``; they are then
        scored exactly on all channels and fused.
        """
        if self._features is None or not self._order:
            return []
        qf = self._query_features([query])
        rows = self._candidates(qf)
        return self._matches(query, qf, rows, k, min_score)

    def score(self, query: MatchQuery, docs: Sequence[MatchDocument]) -> list[Match]:
        """Score given documents (need not be added) against one query; best first."""
        qf = self._query_features([query])
        df = self._doc_features(docs)
        scores = channel_scores(qf, df)
        fused = fuse(scores, self.config, self.long_flags([query]))[0]
        order = np.argsort(-fused, kind="stable")
        return [self._match(query, qf, df, docs[j], j, scores, fused[j]) for j in order]

    CACHE_SIZE = 50_000

    def long_flags(self, queries: Sequence[MatchQuery]) -> np.ndarray:
        """Per query, whether it is a paragraph (its fusion weights are then ``config.long_weights``)."""
        return long_queries([query_text(q) for q in queries], self.config)

    def _query_features(self, queries: Sequence[MatchQuery]) -> Features:
        return self._cached(queries, self._query_cache, self.featurizer.queries)

    def _doc_features(self, docs: Sequence[MatchDocument]) -> Features:
        return self._cached(docs, self._doc_cache, self.featurizer.docs)

    def _cached(
        self,
        items: Sequence[Hashable],
        cache: OrderedDict[Hashable, Features],
        featurize: Callable[..., Features],
    ) -> Features:
        """Features of ``items`` in order, featurising only those not in the (LRU) cache."""
        missing = list(dict.fromkeys(x for x in items if x not in cache))
        if missing:
            fresh = featurize(missing)
            cache.update((x, fresh.rows(np.array([i]))) for i, x in enumerate(missing))
        stacked = Features.stack([cache[x] for x in items])
        for x in items:
            cache.move_to_end(x)
        while len(cache) > self.CACHE_SIZE:
            cache.popitem(last=False)
        return stacked

    def push_candidates(
        self, doc: MatchDocument, queries: Sequence[tuple[int, MatchQuery]], threshold: float = 0.3
    ) -> list[tuple[int, Match]]:
        """Score a new declaration against many enterprise profiles; keep those >= ``threshold``.

        Returns:
            (query id, match) pairs, best first.
        """
        if not queries:
            return []
        df = self._doc_features([doc])
        qf = self._query_features([q for _, q in queries])
        scores = {c: s.T for c, s in channel_scores(df, qf).items()}  # (n_queries, 1)
        fused = fuse(scores, self.config, self.long_flags([q for _, q in queries]))[:, 0]
        hits = [i for i in np.argsort(-fused, kind="stable") if fused[i] >= threshold]
        return [
            (
                queries[i][0],
                self._match(
                    queries[i][1],
                    qf.rows(np.array([i])),
                    df,
                    doc,
                    0,
                    {c: scores[c][i : i + 1] for c in CHANNELS},
                    fused[i],
                ),
            )
            for i in hits
        ]

    def _candidates(self, qf: Features) -> np.ndarray:
        assert self._features is not None
        c = min(self.config.candidates, len(self._order))
        lex = np.asarray((self._features.lex @ qf.lex.T).toarray()).ravel()
        ipc = np.asarray((self._features.ipc @ qf.ipc.T).toarray()).ravel()
        topic = np.asarray((self._features.topic @ qf.topic.T).toarray()).ravel()
        _, dense_ids = self.index.search(qf.vec, c)
        pos = self._positions()
        dense_rows = [pos[int(i)] for i in dense_ids[0] if int(i) in pos]
        tops = [np.argpartition(-s, c - 1)[:c] for s in (lex, ipc, topic)]
        return np.unique(np.concatenate([*tops, np.array(dense_rows, np.int64)]))

    def _matches(
        self, query: MatchQuery, qf: Features, rows: np.ndarray, k: int, min_score: float
    ) -> list[Match]:
        assert self._features is not None
        df = self._features.rows(rows)
        scores = channel_scores(qf, df)
        fused = fuse(scores, self.config, self.long_flags([query]))[0]
        order = [j for j in np.argsort(-fused, kind="stable")[:k] if fused[j] >= min_score]
        docs = [self.docs[self._order[int(r)]] for r in rows]
        return [self._match(query, qf, df, docs[j], j, scores, fused[j]) for j in order]

    def _match(
        self,
        query: MatchQuery,
        qf: Features,
        df: Features,
        doc: MatchDocument,
        j: int,
        scores: dict[str, np.ndarray],
        fused: float,
    ) -> Match:
        per = {c: float(scores[c][0, j]) for c in CHANNELS}
        links = ipc_links(qf.ipc[0], df.ipc[j], doc, self.featurizer.subclasses)
        return Match(doc.id, round(float(fused), 4), build_reason(query, doc, per, links, self.res.industry))

    def save(self, folder: str | Path) -> None:
        """Save documents (JSONL), features (npy/npz) and the index (faiss + JSON sidecar); no pickle.

        The npz files are not compressed: zlib took 2.3 of the 3.3 s of saving 2,000 declarations.
        """
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        with open(path / "docs.jsonl", "w", encoding="utf-8") as f:
            for i in self._order:
                f.write(json.dumps(dataclasses.asdict(self.docs[i]), ensure_ascii=False) + "\n")
        (path / "config.json").write_text(json.dumps(dataclasses.asdict(self.config)), encoding="utf-8")
        if self._features is not None:
            sp.save_npz(path / "lex.npz", self._features.lex, compressed=False)
            sp.save_npz(path / "ipc.npz", self._features.ipc, compressed=False)
            sp.save_npz(path / "topic.npz", self._features.topic, compressed=False)
            np.save(path / "vectors.npy", self._features.vec)
        self.index.save(path / "index")

    def _saved_topic(self, path: Path, docs: Sequence[dict]) -> sp.csr_matrix:
        """Return saved topic features, or compute them (an index saved before the topic channel)."""
        if (path / "topic.npz").exists():
            return sp.load_npz(path / "topic.npz").tocsr()
        return topic_features(self.res, ngram_counts([doc_text(self.docs[d["id"]]) for d in docs]))

    @classmethod
    def load(cls, folder: str | Path, resources: Resources | None = None) -> Matcher:
        """Load a matcher saved by :meth:`save` (documents are not re-encoded)."""
        path = Path(folder)
        raw = json.loads((path / "config.json").read_text(encoding="utf-8"))
        for key in ("weights", "long_weights"):  # JSON lists back to tuples (a config saved before
            if key in raw:  # long_weights existed takes the default)
                raw[key] = tuple(tuple(w) for w in raw[key])
        m = cls(MatcherConfig(**raw), resources)
        with open(path / "docs.jsonl", encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        for d in docs:
            m.docs[d["id"]] = MatchDocument(
                d["id"], d["title"], d["text"], tuple(d["ipc"]), tuple(d["industries"])
            )
        m._order = [d["id"] for d in docs]
        if docs:
            m._features = Features(
                sp.load_npz(path / "lex.npz").tocsr(),
                np.load(path / "vectors.npy"),
                sp.load_npz(path / "ipc.npz").tocsr(),
                m._saved_topic(path, docs),
            )
        m.index = VectorIndex.load(path / "index")
        return m
