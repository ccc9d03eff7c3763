"""The push's bulk reasons (matching.batch.explain) equal the per-pair reasons of Matcher.score."""

import numpy as np
import pytest

from matching import batch
from matching.explain import build_reason, ipc_links_of
from matching.lexical import key_terms, shared_terms
from matching.matcher import Matcher
from matching.resources import Resources
from matching.types import Match, MatchDocument, MatchQuery

QUERIES = [
    MatchQuery("我们需要锂电池正极材料技术", industries=("3841", "C38")),
    MatchQuery("", ipc=("H01",)),  # spread evenly over H01's subclasses: equal IPC products
    MatchQuery("电动汽车 充电桩 控制方法", ipc=("H02J", "B60L"), industries=("99",), keywords=("充电",)),
    MatchQuery("", keywords=("电池",)),
    MatchQuery("农作物种植 灌溉 土壤改良 植物保护 农业机械", industries=("A01", "0111")),
    MatchQuery("图像识别 神经网络 数据处理", industries=("6510",)),
    MatchQuery("", industries=("99",)),  # no IPC weight at all (an unknown industry)
]


def _per_pair(m: Matcher, q, d, pairs, per, fused, docs) -> list[Match]:
    """The reference: ipc_links_of and build_reason, one pair at a time (as Matcher.score explains)."""
    out = []
    for n, (i, j) in enumerate(zip(*pairs, strict=True)):
        qa, da = q.ipc[i].toarray().ravel(), d.ipc[j].toarray().ravel()
        links = ipc_links_of(qa, da, docs[j], m.featurizer.subclasses)
        channels = {c: float(v[n]) for c, v in per.items()}
        reason = build_reason(QUERIES[i], docs[j], channels, links, m.res.industry)
        out.append(Match(docs[j].id, round(float(fused[n]), 4), reason))
    return out


def test_bulk_reasons_equal_the_per_pair_ones(resources: Resources, small_docs: list[MatchDocument]) -> None:
    docs = [
        *small_docs[:150],
        MatchDocument(1, "一种锂离子电池正极材料及其制备方法", "提高锂电池循环寿命", ("H01M", "H01L")),
        MatchDocument(2, "电动汽车充电桩", "一种充电控制方法", ("H02J 7/00", "B60L", "H01R", "H01M")),
        MatchDocument(3, "一种农作物灌溉装置", "土壤 灌溉 种植"),
    ]
    m = Matcher(resources=resources)
    m.add(docs)
    q, d = m.featurizer.queries(QUERIES), m.features_of([x.id for x in docs])
    qi, dj = (g.ravel() for g in np.meshgrid(np.arange(len(QUERIES)), np.arange(len(docs)), indexing="ij"))
    order = np.random.default_rng(0).permutation(len(qi))  # pairs in no particular order, as pushed
    qi, dj = qi[order], dj[order]
    per, fused = batch.pair_scores(q, d, qi, dj, m.config, m.long_flags([QUERIES[i] for i in qi]))

    bulk = batch.explain(
        dict(enumerate(QUERIES)), docs, (q.ipc, d.ipc), (qi, dj), per, fused,
        m.featurizer.subclasses, m.res.industry,
    )  # fmt: skip

    reference = _per_pair(m, q, d, (qi.tolist(), dj.tolist()), per, fused, docs)
    assert bulk == reference
    alone = qi == len(QUERIES) - 1  # no pair shares an IPC subclass
    assert q.ipc[len(QUERIES) - 1].nnz == 0
    only = {c: v[alone] for c, v in per.items()}
    args = (m.featurizer.subclasses, m.res.industry)
    no_ipc = batch.explain(
        dict(enumerate(QUERIES)), docs, (q.ipc, d.ipc), (qi[alone], dj[alone]), only, fused[alone], *args
    )
    assert no_ipc == [x for x, a in zip(reference, alone.tolist(), strict=True) if a]
    reasons = [x.reason for x in reference]
    assert any(not r.ipc_links for r in reasons) and any(len(r.ipc_links) == 3 for r in reasons)
    assert any(r.industry_links for r in reasons) and any(r.shared_terms for r in reasons)
    products = (q.ipc[qi].multiply(d.ipc[dj])).toarray()
    tied = [n for n, row in enumerate(products) if len(row[row > 0]) > len(set(row[row > 0].tolist()))]
    assert tied, "some pair has equal IPC products (the tie order is tested)"


@pytest.mark.parametrize("limit", [0, 2, 6])
def test_shared_terms_are_the_longest_terms_found_not_inside_a_kept_one(limit: int) -> None:
    query = "锂离子电池正极材料 电池管理系统 充电桩 电动汽车 锂电池 正极 电池 汽车 材料"
    doc = "一种电动汽车用锂离子电池正极材料及电池管理系统，汽车充电"
    found = sorted((t for t in key_terms(query) if t in doc), key=len, reverse=True)  # stable: ties in order
    expected: list[str] = []
    for t in found:
        if not any(t in k for k in expected):
            expected.append(t)
    assert len(expected) > 2
    assert shared_terms(query, doc, limit) == expected[:limit]
