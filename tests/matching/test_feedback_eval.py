"""Simulated feedback: the split keeps evaluated queries apart; only relevant top-k documents are useful."""

from matching.feedback_eval import judged_useful, split_queries


def test_split_is_stable_and_disjoint():
    rows = [{"id": f"q{i}", "text": "x", "relevant": []} for i in range(40)]
    fb, held = split_queries(rows)
    assert fb and held and len(fb) + len(held) == 40
    assert not {q["id"] for q in fb} & {q["id"] for q in held}
    assert split_queries(list(reversed(rows)))[0] == list(reversed(fb))


def test_only_relevant_documents_in_the_top_k_are_useful():
    ranked = [["a", "b", "c"], ["c", "d", "a"]]
    qrows = [{"id": "q1", "relevant": ["b", "c"]}, {"id": "q2", "relevant": ["a"]}]
    assert judged_useful(ranked, qrows, k=2) == [(0, "b")]
    assert judged_useful(ranked, qrows, k=3) == [(0, "b"), (0, "c"), (1, "a")]
