"""Dense channel: a sentence-transformers encoder (default: the shipped static Chinese model)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matching.types import DEFAULT_MODEL_DIR


class Encoder:
    """Encodes texts into L2-normalised float32 vectors with any sentence-transformers model."""

    def __init__(self, model_path: str | Path | None = None, batch_size: int = 512) -> None:
        """Load the model.

        Args:
            model_path: A sentence-transformers directory; None = ``matching/models/static-zh``
                (shipped; rebuilt offline by ``python -m matching.train``, never at run time).
            batch_size: Texts per forward pass.
        """
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        path = Path(model_path) if model_path else DEFAULT_MODEL_DIR
        if not (path / "modules.json").exists():
            raise FileNotFoundError(f"no model in {path}: build it offline with `python -m matching.train`")
        self.name = path.name
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(path), device="cpu")
        self.dim = int(self._model.get_embedding_dimension() or 0)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return (len(texts), dim) float32 unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vecs = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)
