"""Train the shipped Chinese static encoder (a sentence-transformers ``StaticEmbedding``).

Deterministic and CPU-only: a BPE tokenizer learned on the repository's texts, then in-batch
contrastive training (multiple-negatives ranking loss) on label-free pairs plus any extra pairs
(e.g. negative-feedback-derived or dev-title pairs).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matching import pairs as P
from matching.types import DEFAULT_MODEL_DIR


def train_tokenizer(texts: Sequence[str], vocab_size: int) -> object:
    """Return a ``tokenizers.Tokenizer`` (BPE, characters merged into frequent words)."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token="[UNK]"))
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Whitespace(), pre_tokenizers.Punctuation()])
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["[UNK]"], show_progress=False)
    tok.train_from_iterator(texts, trainer=trainer)
    return tok


def _batches(pairs: Sequence[P.Pair], size: int, rng: random.Random) -> list[list[P.Pair]]:
    """Shuffle ``pairs`` into batches without a repeated text inside a batch (no false negatives)."""
    order = list(pairs)
    rng.shuffle(order)
    batches: list[list[P.Pair]] = []
    current: list[P.Pair] = []
    seen: set[str] = set()
    for a, b in order:
        if a in seen or b in seen:
            continue  # dropped for this epoch only; reshuffled next epoch
        current.append((a, b))
        seen.update((a, b))
        if len(current) == size:
            batches.append(current)
            current, seen = [], set()
    return batches + ([current] if len(current) > 1 else [])


def _epoch(model: object, pairs: Sequence[P.Pair], opt: object, size: int, rng: random.Random) -> float:
    """Run one epoch of symmetric in-batch softmax loss (scale 20); return the mean loss."""
    import torch
    import torch.nn.functional as F

    losses = []
    for batch in _batches(pairs, size, rng):
        emb = [model(model.preprocess(list(col)))["sentence_embedding"] for col in zip(*batch, strict=True)]  # type: ignore[operator, attr-defined]
        qa, qb = (F.normalize(e, dim=-1) for e in emb)
        logits = 20.0 * qa @ qb.T
        target = torch.arange(len(batch))
        loss = (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2
        opt.zero_grad()  # type: ignore[attr-defined]
        loss.backward()
        opt.step()  # type: ignore[attr-defined]
        losses.append(float(loss.detach()))
    return float(np.mean(losses)) if losses else 0.0


def train(
    out_dir: str | Path = DEFAULT_MODEL_DIR,
    extra_pairs: Sequence[P.Pair] = (),
    *,
    include_titles: bool = False,
    exclude_ids: Sequence[str] = (),
    vocab_size: int = 20_000,
    dim: int = 128,
    epochs: int = 4,
    batch_size: int = 128,
    lr: float = 0.05,
    seed: int = 0,
) -> Path:
    """Train the static Chinese encoder and save it as a sentence-transformers directory.

    Args:
        out_dir: Output directory (overwritten).
        extra_pairs: Extra (text, text) positives, e.g. from user feedback ("useful" matches).
        include_titles: Also train on (dev title, its IPC subclass title) pairs. Uses dev labels:
            the dev-set figure is then only honest with ``exclude_ids`` = the evaluated titles.
        exclude_ids: Dev title ids left out of the title pairs.
        vocab_size: BPE vocabulary size (tokens).
        dim: Embedding dimension.
        epochs: Passes over the pairs.
        batch_size: Pairs per batch (in-batch negatives).
        lr: Adam learning rate.
        seed: Seed for shuffling and initialisation.

    Returns:
        The output directory.
    """
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding

    started = time.perf_counter()
    torch.manual_seed(seed)
    rng = random.Random(seed)
    pairs = P.default_pairs() + list(extra_pairs)
    if include_titles:
        pairs += P.title_pairs(exclude_ids)
    static = StaticEmbedding(train_tokenizer(P.corpus_texts(), vocab_size), embedding_dim=dim)  # type: ignore[arg-type]
    torch.nn.init.normal_(static.embedding.weight, std=0.1)
    opt = torch.optim.Adam(static.parameters(), lr=lr)
    losses = [_epoch(static, pairs, opt, batch_size, rng) for _ in range(epochs)]
    out = Path(out_dir)
    SentenceTransformer(modules=[static], device="cpu").save(str(out))
    meta = {
        "pairs": len(pairs),
        "losses": [round(x, 4) for x in losses],
        "seed": seed,
        "dim": dim,
        "vocab_size": vocab_size,
        "include_titles": include_titles,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "training.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return out


if __name__ == "__main__":
    print(train())
