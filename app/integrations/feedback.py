"""Feedback in the matcher: drop matches similar to disliked licences; "useful" verdicts as training pairs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.declarations.models import Declaration
from app.integrations.matching import doc_vectors, to_document
from matching import batch
from matching.explain import feedback_pairs, filter_by_feedback
from matching.matcher import Matcher
from matching.types import Match, MatchDocument, MatchQuery

# Matcher score (disliked licence as the query) at or above which a candidate sharing an IPC subclass
# counts as "similar". Measured with the default (fitted) weights on real titles: two water-based coatings
# (C09D) 0.51, two cathode materials (H01M) 0.79; same subclass but different topics (a sodium cathode and
# a UPS battery pack, H01M; a robot joint reducer and a welding fixture, B25J) 0.24-0.28.
SIMILAR_SCORE = 0.45


def _subclasses(codes: Sequence[str]) -> set[str]:
    return {c.replace(" ", "")[:4].upper() for c in codes}


class FeedbackFilter:
    """Drops matches similar to what one enterprise marked not useful."""

    def __init__(self, m: Matcher, bad: Sequence[Declaration]) -> None:
        self.m = m
        self.bad = [to_document(d) for d in bad]
        self.bad_vectors = doc_vectors(m, bad)

    def keep(self, matches: Sequence[Match], docs: dict[int, MatchDocument]) -> list[Match]:
        """The matches that survive, re-sorted; `docs` maps each match's doc_id to its document."""
        if not self.bad:
            return list(matches)
        vectors = {m.doc_id: v for m, v in zip(matches, self._vectors(matches, docs), strict=True)}
        kept = filter_by_feedback(matches, vectors, self.bad_vectors)
        return [m for m in kept if not self._similar_to_bad(docs[m.doc_id])]

    def _vectors(self, matches: Sequence[Match], docs: dict[int, MatchDocument]) -> list[np.ndarray]:
        known = self.m.vectors()
        missing = [docs[m.doc_id] for m in matches if m.doc_id not in known]
        fresh = (
            dict(zip([d.id for d in missing], self.m.featurizer.docs(missing).vec, strict=True))
            if missing
            else {}
        )
        return [known[m.doc_id] if m.doc_id in known else fresh[m.doc_id] for m in matches]

    def _similar_to_bad(self, doc: MatchDocument) -> bool:
        mine = _subclasses(doc.ipc)
        for bad in self.bad:
            if bad.id == doc.id or not (mine & _subclasses(bad.ipc)):
                continue
            as_query = MatchQuery(text=f"{bad.title} {bad.text}", ipc=bad.ipc)
            if self.m.score(as_query, [doc])[0].score >= SIMILAR_SCORE:
                return True
        return False


def training_texts(liked: Sequence[tuple[MatchQuery, MatchDocument]]) -> list[tuple[str, str]]:
    """(query text, document text) positives for the encoder from (query, liked document) pairs."""
    return feedback_pairs(liked)


def suppressed(
    m: Matcher, users: np.ndarray, decl_ids: np.ndarray, bad: dict[int, list[Declaration]]
) -> np.ndarray:
    """Per (user, declaration) pair, whether feedback drops it: the batch form of :class:`FeedbackFilter`.

    Args:
        m: The matcher (declarations' vectors and features come from its index).
        users: User id per pair.
        decl_ids: Declaration id per pair (all indexed).
        bad: User id -> the declarations that user marked not useful.
    """
    triples = [(n, b.id) for n, u in enumerate(users.tolist()) for b in bad.get(u, ())]
    if not triples:
        return np.zeros(len(users), bool)
    pair_n, bad_ids = (np.array(x, np.int64) for x in zip(*triples, strict=True))
    bads = list({b.id: b for bs in bad.values() for b in bs}.values())
    row = {b.id: i for i, b in enumerate(bads)}
    bi = np.array([row[b] for b in bad_ids.tolist()], np.int64)
    docs = list(dict.fromkeys(decl_ids.tolist()))
    pos = {d: i for i, d in enumerate(docs)}
    dj = np.array([pos[d] for d in decl_ids[pair_n].tolist()], np.int64)
    df = m.features_of(docs)
    near = batch.near_disliked(df.vec[dj], doc_vectors(m, bads)[bi])
    as_query = [to_document(b) for b in bads]
    queries = [MatchQuery(text=f"{b.title} {b.text}", ipc=b.ipc) for b in as_query]
    qf = m.featurizer.queries(queries)
    scores = np.round(batch.pair_scores(qf, df, bi, dj, m.config, m.long_flags(queries)[bi])[1], 4)
    shares = np.array(
        [
            b != d and bool(_subclasses(m.docs[d].ipc) & _subclasses(as_query[i].ipc))
            for b, d, i in zip(bad_ids.tolist(), decl_ids[pair_n].tolist(), bi.tolist(), strict=True)
        ],
        bool,
    )
    drop = near | (shares & (scores >= SIMILAR_SCORE))
    out = np.zeros(len(users), bool)
    out[pair_n[drop]] = True
    return out
