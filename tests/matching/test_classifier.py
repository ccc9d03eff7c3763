"""The IPC classifier channel: probabilities, persistence; cross-fitting never trains on what it scores."""

import json
from pathlib import Path

import numpy as np
import pytest

from matching import data
from matching.classifier import IpcClassifier, style_columns, training_examples
from matching.eval import crossfit_topic, fold_of
from matching.lexical import ngram_counts
from matching.resources import Resources


def test_shipped_classifier_recognises_fields(resources: Resources) -> None:
    assert resources.classifier is not None
    p = resources.classifier.proba(["一种锂离子电池正极材料及其制备方法", "一种水稻插秧机及其插秧方法", ""])
    assert p.shape == (3, len(resources.classifier.classes))
    assert np.allclose(p[:2].sum(axis=1), 1.0, atol=1e-4)
    top = [resources.classifier.classes[i] for i in np.argmax(p[:2], axis=1)]
    assert top == ["H01M", "A01C"]


def test_abstract_style_is_left_out_and_subjects_kept() -> None:
    style = set(style_columns().tolist())
    assert set(ngram_counts(["本发明", "所述"]).indices.tolist()) <= style  # boilerplate of every abstract
    assert not set(ngram_counts(["播种"]).indices.tolist()) & style  # a subject: as common in titles


def test_paragraphs_of_other_fields_are_not_read_as_agriculture(resources: Resources) -> None:
    """The long training texts are all A01 abstracts; before their style was left out, 55 % of these
    abstracts of several fields (data/cn_patents_with_abstracts.jsonl, no labels) were classified A01."""
    assert resources.classifier is not None
    clf = resources.classifier
    lines = (data.DATA_DIR / "cn_patents_with_abstracts.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines[::4]]
    top = np.argmax(clf.proba([f"{r['title']} {r['abstract']}" for r in rows]), axis=1)
    share = np.mean([clf.classes[i].startswith("A01") for i in top])
    assert share < 0.3


def test_training_examples_exclude_ids() -> None:
    first = data.a01_patents()[0].id
    title = data.labelled_titles()[0].id
    ids = {i for i, _, _ in training_examples([first, title])}
    assert first not in ids and title not in ids
    assert {data.a01_patents()[1].id, data.labelled_titles()[1].id} <= ids


def test_save_load_roundtrip(resources: Resources, tmp_path: Path) -> None:
    assert resources.classifier is not None
    back = IpcClassifier.load(resources.classifier.save(tmp_path / "clf"))
    texts = ["一种杀虫剂组合物", "一种收割机"]
    assert np.allclose(back.proba(texts), resources.classifier.proba(texts), atol=1e-3)


@pytest.mark.parametrize("folds", [2, 3])
def test_crossfit_never_trains_on_a_scored_document(monkeypatch: pytest.MonkeyPatch, folds: int) -> None:
    seen: list[set[str]] = []

    def fake_fit(examples: list[tuple[str, str, str]], drop: np.ndarray | None = None) -> IpcClassifier:
        seen.append({i for i, _, _ in examples})
        raise StopIteration  # enough: we only check what each fold model would be trained on

    monkeypatch.setattr(IpcClassifier, "fit", staticmethod(fake_fit))
    docs = [p.id for p in data.a01_patents()[:30]]
    query = data.a01_patents()[40].id
    with pytest.raises(StopIteration):
        crossfit_topic(docs, ["x"] * 30, [(f"q-{query}", "x")], folds=folds)
    fold_docs = {d for d in docs if fold_of(d, folds) == 0}
    assert fold_docs and not fold_docs & seen[0] and query not in seen[0]
    assert set(docs) - fold_docs <= seen[0]


def _small_examples() -> list[tuple[str, str, str]]:
    """Real A01 titles and abstracts of two subclasses, 40 per subclass (enough for a 30-NN vote)."""
    out: list[tuple[str, str, str]] = []
    for sub in ("A01B", "A01K"):
        rows = [p for p in data.a01_patents() if p.subclass == sub][:40]
        out += [(p.id, f"{p.title} {p.abstract}", sub) for p in rows]
    return out


def test_knn_vote_sums_to_one_and_follows_the_nearest_texts() -> None:
    examples = _small_examples()
    clf = IpcClassifier.fit(examples)
    assert clf.memory.shape[0] == len(examples) and clf.memory.getnnz(axis=1).max() <= 64
    vote = clf._vote(clf.features([examples[0][1], examples[-1][1]]))
    assert np.allclose(vote.sum(axis=1), 1.0, atol=1e-5)
    assert [clf.classes[i] for i in vote.argmax(axis=1)] == ["A01B", "A01K"]


def test_vote_share_mixes_centroid_and_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    clf = IpcClassifier.fit(_small_examples())
    text = ["一种旋耕机的刀轴及其耕作方法"]
    both = clf.proba(text)
    monkeypatch.setattr(IpcClassifier, "VOTE_SHARE", 0.0)
    centroid = clf.proba(text)
    monkeypatch.setattr(IpcClassifier, "VOTE_SHARE", 1.0)
    vote = clf.proba(text)
    assert np.allclose(both, 0.5 * centroid + 0.5 * vote, atol=1e-5)
    assert not np.allclose(centroid, vote, atol=1e-3)
