"""Shared, lazily built matcher resources: TF-IDF, IPC inferrer, industry link, encoder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from matching import pairs
from matching.classifier import DEFAULT_CLASSIFIER_DIR, IpcClassifier, train_classifier
from matching.encoder import Encoder
from matching.industry import IndustryLink
from matching.lexical import CharTfidf
from matching.structured import IpcInferrer, build_reference


@dataclass(frozen=True)
class Resources:
    """Everything the channels need besides the documents."""

    tfidf: CharTfidf
    inferrer: IpcInferrer
    industry: IndustryLink
    encoder: Encoder
    classifier: IpcClassifier | None = None


def build_resources(
    model_path: str | None = None,
    include_titles: bool = True,
    exclude_ids: Sequence[str] = (),
    classifier: bool = True,
) -> Resources:
    """Build resources from ``data/`` (about 3 s plus the encoder load).

    Args:
        model_path: Encoder directory (None = shipped static model).
        include_titles: Let the dev titles (with their IPC labels) vote in IPC inference.
        exclude_ids: Dev title ids never allowed to vote (for honest evaluation).
        classifier: Load the shipped IPC classifier (trained on it if missing, about a minute);
            the evaluation passes False and cross-fits its own.
    """
    tfidf = CharTfidf().fit(pairs.corpus_texts())
    inferrer = IpcInferrer(build_reference(include_titles, exclude_ids), tfidf)
    clf = load_classifier() if classifier else None
    return Resources(tfidf, inferrer, IndustryLink(inferrer), Encoder(model_path), clf)


def load_classifier() -> IpcClassifier:
    """Return the shipped IPC classifier, training it first if its folder is missing."""
    if not (DEFAULT_CLASSIFIER_DIR / "classes.json").exists():
        train_classifier(DEFAULT_CLASSIFIER_DIR)
    return IpcClassifier.load(DEFAULT_CLASSIFIER_DIR)


@lru_cache(maxsize=4)
def default_resources(model_path: str | None = None) -> Resources:
    """Return process-wide resources for ``model_path`` (built once)."""
    return build_resources(model_path)
