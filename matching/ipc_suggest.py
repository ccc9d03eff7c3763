"""IPC subclass suggestion for a patent with no IPC codes, and its held-out accuracy."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

from matching import data
from matching.lexical import CharTfidf
from matching.pairs import corpus_texts
from matching.resources import default_resources
from matching.structured import IpcInferrer, build_reference


def suggest_from(
    inferrer: IpcInferrer, texts: Sequence[str], k: int = 3
) -> list[list[tuple[str, float, str]]]:
    """Return per text the ``k`` most likely subclasses as (subclass, probability 0..1, Chinese title)."""
    titles = data.ipc_subclass_titles()
    out = []
    for dist in inferrer.distributions(texts):
        idx = [i for i in np.argsort(-dist, kind="stable")[:k] if dist[i] > 0]
        out.append(
            [(inferrer.subclasses[i], round(float(dist[i]), 4), titles[inferrer.subclasses[i]]) for i in idx]
        )
    return out


def suggest_ipc(text: str, k: int = 3) -> list[tuple[str, float, str]]:
    """Suggest IPC subclasses for a patent title/abstract.

    Args:
        text: Title, optionally followed by the abstract.
        k: Number of suggestions.

    Returns:
        Up to ``k`` (subclass, probability 0..1, Chinese title) tuples, most likely first.
    """
    return suggest_from(default_resources().inferrer, [text], k)[0]


def holdout_accuracy(frac: float = 0.2, seed: int = 0, k: int = 3) -> dict[str, float]:
    """Return top-1 and top-k accuracy (a hit = any of the title's true subclasses) on a held-out split.

    The held-out titles are removed from the reference, so their labels never vote.
    """
    titles = list(data.labelled_titles())
    held = random.Random(seed).sample(titles, int(len(titles) * frac))
    tfidf = CharTfidf().fit(corpus_texts())
    inferrer = IpcInferrer(build_reference(True, [t.id for t in held]), tfidf)
    preds = suggest_from(inferrer, [t.title for t in held], k)
    top1 = np.mean([bool(p) and p[0][0] in t.subclasses for p, t in zip(preds, held, strict=True)])
    topk = np.mean([any(s in t.subclasses for s, _, _ in p) for p, t in zip(preds, held, strict=True)])
    return {"n_heldout": len(held), "top1": round(float(top1), 4), f"top{k}": round(float(topk), 4)}


if __name__ == "__main__":
    print(holdout_accuracy())
