"""Vectorised n-gram hashing gives scikit-learn's HashingVectorizer matrix; the split product equals x @ b."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from matching import data
from matching.charhash import char_counts
from matching.knn import FixedProduct, top_k
from matching.lexical import N_FEATURES, CharTfidf, clean, ngram_counts

EDGE_CASES = [
    "",
    " ",
    "a",
    "ab",
    "abc  DEF\t\n x",  # whitespace runs, upper case (no lower-casing with a preprocessor)
    "！？，。",  # punctuation only: empty after clean()
    "😀a😀bé ü 中",  # 4-byte and 2-byte UTF-8
    "\u0080\u07ff\u0800\uffff\U00010000\U0010ffff",  # every UTF-8 length boundary
    "x" * 50,  # one n-gram repeated
]


def _sklearn(texts: list[str], n_features: int = N_FEATURES) -> sp.csr_matrix:
    hv = HashingVectorizer(
        analyzer="char",
        ngram_range=(1, 3),
        n_features=n_features,
        alternate_sign=False,
        norm=None,
        preprocessor=clean,
    )
    return hv.transform(texts)


def _same(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    return (
        a.shape == b.shape
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
    )


def test_counts_equal_sklearn_on_real_texts() -> None:
    texts = [f"{p.title} {p.abstract}" for p in data.a01_patents()[:300]]
    texts += [t.title for t in data.labelled_titles()[:300]]
    texts += [i.remark for i in list(data.industries().values())[:300]]
    assert _same(ngram_counts(texts), _sklearn(texts))


@pytest.mark.parametrize("text", EDGE_CASES)
def test_counts_equal_sklearn_on_edge_cases(text: str) -> None:
    assert _same(ngram_counts([text, "一种水稻插秧机", text]), _sklearn([text, "一种水稻插秧机", text]))


def test_counts_with_few_columns_and_no_texts() -> None:
    texts = ["一种锂离子电池", "battery"]
    assert _same(char_counts(texts, clean, 7), _sklearn(texts, 7))
    assert ngram_counts([]).shape == (0, N_FEATURES)


def test_fixed_product_equals_sparse_product() -> None:
    full = np.random.default_rng(0).random((3, 300)).astype(np.float32)  # a few full rows: the dense part
    b = sp.vstack([sp.random(497, 300, density=0.05, random_state=1, dtype=np.float32), full]).tocsr()
    x = sp.random(40, 500, density=0.1, random_state=2, dtype=np.float32, format="csr")
    product = FixedProduct(b, dense_rows=8)
    assert np.allclose(product(x), (x @ b).toarray(), atol=1e-5)
    assert product(x[:0]).shape == (0, 300)


@pytest.mark.parametrize("dense_rows", [0, 2, 4])
def test_fixed_product_adds_repeated_columns(dense_rows: int) -> None:
    b = sp.csr_matrix(np.arange(12, dtype=np.float32).reshape(4, 3))
    # Row 0 of x holds column 0 twice (a non-canonical matrix): 3 x b[0] + b[3].
    x = sp.csr_matrix((np.array([1.0, 2.0, 1.0]), np.array([0, 0, 3]), np.array([0, 3])), shape=(1, 4))
    assert np.allclose(FixedProduct(b, dense_rows)(x), [[9, 13, 17]])


@pytest.mark.parametrize("k", [1, 3, 5, 6])
def test_top_k_is_the_set_of_the_largest(k: int) -> None:
    scores = np.random.default_rng(3).random((50, 6)).astype(np.float32)
    expected = np.sort(np.argsort(-scores, axis=1, kind="stable")[:, :k], axis=1)
    assert np.array_equal(np.sort(top_k(scores, k), axis=1), expected)


def test_top_k_breaks_ties_as_argpartition() -> None:
    scores = np.array([[0.5, 0.2, 0.5, 0.5, 0.9], [0.0] * 5, [0.1, 0.3, 0.2, 0.3, 0.0]], np.float32)
    expected = np.sort(np.argpartition(-scores, 2, axis=1)[:, :3], axis=1)
    assert np.array_equal(np.sort(top_k(scores, 3), axis=1), expected)


def test_tfidf_rows_are_bit_identical_to_the_diagonal_product() -> None:
    """The TF-IDF rows keep the entry order of the former ``counts @ diags(idf)`` (later sums follow it)."""
    texts = [f"{p.title} {p.abstract}" for p in data.a01_patents()[:200]] + ["", "电池"]
    tfidf = CharTfidf().fit(texts)
    assert tfidf.idf is not None
    x = ngram_counts(texts).astype(np.float32)
    x.data = 1 + np.log(x.data)
    before = normalize((x @ sp.diags(tfidf.idf)).tocsr(), copy=False)
    after = tfidf.transform(texts)
    assert _same(after, before)
