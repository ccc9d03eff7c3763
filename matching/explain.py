"""Reasons for a match ("为什么推荐") and negative feedback."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from matching import data
from matching.industry import IndustryLink as IndustryMap
from matching.lexical import shared_terms
from matching.ranker import doc_text, query_text
from matching.types import IndustryLink, IpcLink, Match, MatchDocument, MatchQuery, Reason

_CHANNEL_ZH = {"lexical": "文本", "dense": "语义", "ipc": "IPC分类", "topic": "技术主题"}


def ipc_links(
    q_ipc: sp.csr_matrix, d_ipc: sp.csr_matrix, doc: MatchDocument, subclasses: Sequence[str], limit: int = 3
) -> list[IpcLink]:
    """Return the IPC subclasses weighted on both sides, strongest first."""
    return ipc_links_of(q_ipc.toarray().ravel(), d_ipc.toarray().ravel(), doc, subclasses, limit)


def ipc_links_of(
    qa: np.ndarray, da: np.ndarray, doc: MatchDocument, subclasses: Sequence[str], limit: int = 3
) -> list[IpcLink]:
    """:func:`ipc_links` over dense rows (n_subclasses,) of query and document."""
    both = np.flatnonzero((qa > 0) & (da > 0))
    both = both[np.argsort(-(qa[both] * da[both]), kind="stable")][:limit].tolist()
    declared = declared_subclasses(doc)
    return [ipc_link(subclasses[i], float(qa[i]), float(da[i]), declared) for i in both]


def declared_subclasses(doc: MatchDocument) -> set[str]:
    """Return the IPC subclasses a document declares."""
    return {data.subclass_of(c) for c in doc.ipc}


def ipc_link(subclass: str, query_weight: float, doc_weight: float, declared: set[str]) -> IpcLink:
    """Return the link of one IPC subclass weighted on both sides (``declared``: the document's own)."""
    title = data.ipc_subclass_titles().get(subclass, "")
    return IpcLink(subclass, title, round(query_weight, 3), round(doc_weight, 3), subclass in declared)


def industry_links(query: MatchQuery, links: Sequence[IpcLink], imap: IndustryMap) -> list[IndustryLink]:
    """Return the query's industries whose derived IPC subclasses include a linked subclass."""
    shared = {link.subclass for link in links}
    return [x for x in industry_candidates(query, imap) if x.subclass in shared]


def industry_candidates(query: MatchQuery, imap: IndustryMap) -> list[IndustryLink]:
    """Return every link :func:`industry_links` may give: each known industry's 10 top subclasses."""
    out = []
    for code in query.industries:
        ind = data.industries().get(data.normalise_industry(code))
        if ind is not None:
            out += [IndustryLink(code, ind.name, sub, round(w, 3)) for sub, w in imap.top(code, 10)]
    return out


def build_reason(
    query: MatchQuery, doc: MatchDocument, scores: dict[str, float], links: list[IpcLink], imap: IndustryMap
) -> Reason:
    """Assemble the reason of one (query, document) pair."""
    return Reason(
        shared_terms=shared_terms(query_text(query), doc_text(doc)),
        ipc_links=links,
        industry_links=industry_links(query, links, imap),
        channel_scores={k: round(float(v), 4) for k, v in scores.items()},
    )


def summary_zh(reason: Reason) -> str:
    """Return one Chinese sentence for the UI, e.g. "共同关键词：锂电池；同属IPC H01M（...）；..."."""
    parts = []
    if reason.shared_terms:
        parts.append("共同关键词：" + "、".join(reason.shared_terms[:4]))
    if reason.ipc_links:
        link = reason.ipc_links[0]
        kind = "同属" if link.declared else "推断相关"
        parts.append(f"{kind}IPC {link.subclass}（{link.title_zh[:20]}）")
    if reason.industry_links:
        ind = reason.industry_links[0]
        parts.append(f"与贵企业行业“{ind.industry_name}”相关（推导关联，非官方对照）")
    if reason.channel_scores:
        scores = reason.channel_scores
        best = max(scores, key=scores.__getitem__)
        parts.append(f"{_CHANNEL_ZH.get(best, best)}匹配度最高（{scores[best]:.2f}）")
    return "；".join(parts) + "。" if parts else "综合相似度较高。"


def filter_by_feedback(
    matches: Sequence[Match],
    vectors: dict[int, np.ndarray],
    disliked: np.ndarray,
    max_sim: float = 0.9,
    penalty: float = 0.5,
) -> list[Match]:
    """Drop or down-weight matches similar to items the user marked not useful.

    Args:
        matches: Ranked matches.
        vectors: Document id -> unit vector (from ``Matcher.vectors``).
        disliked: (n, dim) unit vectors of the disliked items.
        max_sim: Cosine at or above which a match is removed.
        penalty: Score multiplier per unit of cosine above 0.5, for the ones kept.

    Returns:
        The surviving matches, re-sorted by adjusted score.
    """
    if len(disliked) == 0:
        return list(matches)
    out = []
    for m in matches:
        vec = vectors.get(m.doc_id)
        sim = float(np.max(disliked @ vec)) if vec is not None else 0.0
        if sim >= max_sim:
            continue
        factor = 1.0 - penalty * max(0.0, sim - 0.5) / 0.5
        out.append(Match(m.doc_id, m.score * factor, m.reason))
    return sorted(out, key=lambda m: -m.score)


def feedback_pairs(liked: Sequence[tuple[MatchQuery, MatchDocument]]) -> list[tuple[str, str]]:
    """Return (query text, document text) positives for ``matching.train.train(extra_pairs=...)``."""
    return [(query_text(q), doc_text(d)) for q, d in liked if query_text(q) and doc_text(d)]
