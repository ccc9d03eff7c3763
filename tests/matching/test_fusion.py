"""Fusion by query length: short and long queries get their own fitted weights."""

import dataclasses

import numpy as np
import pytest

from matching.fusion import DevSet, fit, fit_by_length, grid, ndcg_by_length
from matching.ranker import CHANNELS, fuse, long_queries
from matching.types import MatcherConfig

SHORT = (("lexical", 1.0),)
LONG = (("topic", 1.0),)
CONFIG = MatcherConfig(weights=SHORT, long_weights=LONG, long_query_chars=10)


def _scores(lexical: list[list[float]], topic: list[list[float]]) -> dict[str, np.ndarray]:
    base = {c: np.zeros((len(lexical), len(lexical[0])), np.float32) for c in CHANNELS}
    return {**base, "lexical": np.array(lexical, np.float32), "topic": np.array(topic, np.float32)}


@pytest.mark.parametrize(
    ("text", "long"),
    [("", False), ("锂电池正极", False), ("一" * 9, False), ("一" * 10, True), ("一" * 300, True)],
)
def test_long_queries_by_character_count(text, long):
    assert long_queries([text], CONFIG).tolist() == [long]


def test_fuse_uses_the_weights_of_each_querys_kind():
    scores = _scores([[0.9, 0.1], [0.9, 0.1]], [[0.2, 0.8], [0.2, 0.8]])
    fused = fuse(scores, CONFIG, np.array([False, True]))
    np.testing.assert_allclose(fused, [[0.9, 0.1], [0.2, 0.8]], rtol=1e-6)


def test_fuse_without_lengths_is_all_short():
    scores = _scores([[0.9, 0.1]], [[0.2, 0.8]])
    np.testing.assert_allclose(fuse(scores, CONFIG), [[0.9, 0.1]], rtol=1e-6)


def test_default_config_fits_both_kinds_and_weights_sum_to_one():
    config = MatcherConfig()
    for long in (False, True):
        assert sum(config.weight(c, long) for c in CHANNELS) == pytest.approx(1.0)
    assert config.weights != config.long_weights


def _dev(long: list[bool]) -> DevSet:
    """Twelve documents; short queries want doc "a" (lexical knows), long ones doc "b" (topic knows)."""
    n, ids = len(long), [*(f"x{i}" for i in range(10)), "a", "b"]  # ties rank an x first
    scores = {c: np.zeros((n, len(ids)), np.float32) for c in CHANNELS}
    scores["lexical"][:, 10:] = [0.9, 0.2]
    scores["topic"][:, 10:] = [0.1, 0.9]
    rel = [{"b"} if is_long else {"a"} for is_long in long]
    return DevSet("t", scores, ids, rel, [f"q{i}" for i in range(n)], np.array(long))


def test_fit_by_length_learns_each_kind_separately():
    dev = _dev([False, False, True, True])
    rows = [np.arange(4)]
    short, long = fit_by_length([dev], rows, grid(0.5))
    assert short["lexical"] > short["topic"]
    assert long["topic"] > long["lexical"]
    assert ndcg_by_length(dev, short, long, np.arange(4)) == pytest.approx(1.0)
    # one weight vector for every query cannot serve both kinds
    one = fit([dev], rows, grid(0.5))
    assert ndcg_by_length(dev, one, one, np.arange(4)) < 1.0


def test_fit_counts_queries_not_sets():
    many_short = _dev([False] * 9)
    one_long_only = dataclasses.replace(_dev([True]), name="u", long=np.array([False]))
    best = fit([many_short, one_long_only], [np.arange(9), np.arange(1)], grid(0.5))
    assert best["lexical"] > best["topic"]


def test_fit_with_no_query_of_a_kind_returns_the_first_candidate():
    dev = _dev([False, False])
    short, long = fit_by_length([dev], [np.arange(2)], grid(0.5))
    assert long == grid(0.5)[0]
