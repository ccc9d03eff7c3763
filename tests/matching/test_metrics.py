import math

import pytest

from matching.metrics import mrr, ndcg_at_k, recall_at_k, summarise


def test_ndcg_by_hand() -> None:
    # hits at ranks 2 and 3; 2 relevant -> ideal puts them at ranks 1 and 2
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    ideal = 1 + 1 / math.log2(3)
    assert ndcg_at_k(["x", "a", "b"], {"a", "b"}, 10) == pytest.approx(dcg / ideal)


def test_ndcg_cutoff_and_perfect() -> None:
    assert ndcg_at_k(["a", "b"], {"a", "b"}, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "a"], {"a"}, 1) == 0.0


@pytest.mark.parametrize(
    ("ranked", "relevant", "k", "expected"),
    [
        (["a", "x", "b"], {"a", "b", "c", "d"}, 2, 0.25),
        (["a", "x", "b"], {"a", "b"}, 3, 1.0),
        ([], {"a"}, 5, 0.0),
    ],
)
def test_recall(ranked: list[str], relevant: set[str], k: int, expected: float) -> None:
    assert recall_at_k(ranked, relevant, k) == pytest.approx(expected)


def test_mrr_and_summary() -> None:
    assert mrr(["x", "y", "a"], {"a"}) == pytest.approx(1 / 3)
    assert mrr(["x"], {"a"}) == 0.0
    out = summarise([(["a"], {"a"}), (["x", "a"], {"a"})], k=10)
    assert out["mrr"] == pytest.approx(0.75)
    assert out["recall@10"] == 1.0
