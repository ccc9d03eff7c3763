from pathlib import Path

import numpy as np

from matching.explain import filter_by_feedback, summary_zh
from matching.matcher import Matcher
from matching.resources import Resources
from matching.types import MatchDocument, MatchQuery


def _matcher(resources: Resources, docs: list[MatchDocument]) -> Matcher:
    m = Matcher(resources=resources)
    m.add(docs)
    return m


def test_search_returns_relevant_with_reasons(resources: Resources, small_docs: list[MatchDocument]) -> None:
    m = _matcher(resources, small_docs)
    battery = MatchDocument(1, "一种锂离子电池正极材料及其制备方法", "提高锂电池循环寿命", ("H01M",))
    m.add([battery])
    hits = m.search(MatchQuery(text="我们需要锂电池正极材料技术", industries=("3841",)), k=5)
    assert hits[0].doc_id == 1
    reason = hits[0].reason
    assert "锂电池" in reason.shared_terms and "正极" in reason.shared_terms
    assert reason.ipc_links and reason.ipc_links[0].subclass == "H01M"
    assert set(reason.channel_scores) == {"lexical", "dense", "ipc", "topic"}
    assert 0 < hits[0].score <= 1
    assert summary_zh(reason).endswith("。") and "锂电池" in summary_zh(reason)


def test_add_remove_incremental(resources: Resources, small_docs: list[MatchDocument]) -> None:
    m = _matcher(resources, small_docs[:50])
    m.add(small_docs[50:60])
    m.remove([small_docs[0].id, 999_999])
    assert m.count() == 59 == m.index.count()
    hits = m.search(MatchQuery(text=small_docs[0].title), k=59)
    assert small_docs[0].id not in {h.doc_id for h in hits}


def test_save_load_roundtrip(resources: Resources, small_docs: list[MatchDocument], tmp_path: Path) -> None:
    m = _matcher(resources, small_docs[:80])
    query = MatchQuery(text=small_docs[3].title)
    m.save(tmp_path)
    assert not list(tmp_path.rglob("*.pkl"))
    back = Matcher.load(tmp_path, resources)
    assert back.count() == 80
    assert [h.doc_id for h in back.search(query, 5)] == [h.doc_id for h in m.search(query, 5)]
    assert back.config == m.config and back.config.long_weights != back.config.weights


def test_long_query_is_fused_with_the_long_weights(
    resources: Resources, small_docs: list[MatchDocument]
) -> None:
    m = _matcher(resources, small_docs[:80])
    short = MatchQuery(text=small_docs[3].title)
    long = MatchQuery(text=(small_docs[3].title + "，") * 10)
    for query, is_long in ((short, False), (long, True)):
        hit = m.search(query, 1)[0]
        expected = sum(m.config.weight(c, is_long) * s for c, s in hit.reason.channel_scores.items())
        assert abs(hit.score - expected) < 1e-3


def test_push_candidates_threshold(resources: Resources, small_docs: list[MatchDocument]) -> None:
    m = Matcher(resources=resources)
    doc = MatchDocument(5, "一种锂离子电池正极材料及其制备方法", "", ("H01M",))
    queries = [(1, MatchQuery(text="锂电池正极材料")), (2, MatchQuery(text="中药组方治疗失眠"))]
    pushed = m.push_candidates(doc, queries, threshold=0.3)
    assert [q for q, _ in pushed] == [1]
    assert all(match.score >= 0.3 for _, match in pushed)


def test_score_orders_given_docs(resources: Resources) -> None:
    m = Matcher(resources=resources)
    docs = [MatchDocument(1, "一种中药组方"), MatchDocument(2, "一种锂电池隔膜")]
    assert [x.doc_id for x in m.score(MatchQuery(text="锂电池"), docs)] == [2, 1]


def test_filter_by_feedback_drops_similar(resources: Resources, small_docs: list[MatchDocument]) -> None:
    m = _matcher(resources, small_docs[:40])
    hits = m.search(MatchQuery(text=small_docs[0].title), k=10)
    vectors = m.vectors()
    kept = filter_by_feedback(hits, vectors, np.stack([vectors[hits[0].doc_id]]), max_sim=0.99)
    assert hits[0].doc_id not in {k.doc_id for k in kept}
    assert len(kept) == len(hits) - 1


def test_feature_cache_gives_the_same_scores_and_stays_bounded(resources: Resources) -> None:
    """Push runs reuse query/document features; cached scores equal freshly computed ones."""
    queries = [
        (i, MatchQuery(text=t)) for i, t in enumerate(["锂电池正极材料", "污水处理设备", "农业播种机械"])
    ]
    docs = [
        MatchDocument(1, "一种锂离子电池正极材料及其制备方法", "", ("H01M",)),
        MatchDocument(2, "一种污水净化沉淀装置", "", ()),
    ]
    warm = Matcher(resources=resources)
    warm.CACHE_SIZE = 4
    first = [warm.push_candidates(d, queries, 0.0) for d in docs]
    again = [warm.push_candidates(d, queries, 0.0) for d in docs]
    fresh = [Matcher(resources=resources).push_candidates(d, queries, 0.0) for d in docs]
    as_scores = [[(q, round(m.score, 9)) for q, m in run] for run in fresh]
    assert [[(q, round(m.score, 9)) for q, m in run] for run in first] == as_scores
    assert [[(q, round(m.score, 9)) for q, m in run] for run in again] == as_scores
    assert len(warm._query_cache) <= 4 and len(warm._doc_cache) <= 4


def test_every_channel_has_a_chinese_name_in_the_reason_summary():
    from matching.explain import _CHANNEL_ZH
    from matching.ranker import CHANNELS

    assert set(CHANNELS) <= set(_CHANNEL_ZH)
