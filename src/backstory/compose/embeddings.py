"""Optional sentence embeddings for ranking, from a model already on disk.

No embedding model ships with backstory and none is ever downloaded: the useful ones are tens
of megabytes and need torch (sentence-transformers) or at least their own weights (model2vec).
A user who has one saved points the extractive composer at its folder (``--embeddings`` is not
needed on the command line: set ``BACKSTORY_EMBEDDINGS=/path/to/model``, or pass the composer
option ``embeddings``). Ranking then blends the embeddings' centrality with TF-IDF's; without
a model it is TF-IDF alone, as before. The two loaders are the libraries' own; what is written
here only tells the folders apart and keeps every failure to one line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from backstory.errors import ComposeError

#: Environment variable naming a model folder for the extractive composer's ranking.
ENV_VAR = "BACKSTORY_EMBEDDINGS"

#: texts -> one row per text (any width); rows are L2-normalised by the caller.
Encoder = Callable[[Sequence[str]], np.ndarray]


def encoder_from_env() -> Encoder | None:
    """The encoder ``BACKSTORY_EMBEDDINGS`` names, or None when it is unset or empty."""
    spec = os.environ.get(ENV_VAR, "").strip()
    return load_encoder(spec) if spec else None


def load_encoder(path: str | Path) -> Encoder:
    """An encoder for the model saved in folder ``path`` (sentence-transformers or model2vec).

    Raises ComposeError, naming the folder, when it is missing, holds neither kind of model,
    or its library is not installed.
    """
    folder = Path(path).expanduser()
    subject = str(path)
    if not folder.is_dir():
        raise ComposeError("embedding model folder not found", subject=subject)
    if (folder / "modules.json").is_file() or (
        folder / "config_sentence_transformers.json"
    ).is_file():
        return _sentence_transformers(folder, subject)
    if _is_model2vec(folder):
        return _model2vec(folder, subject)
    raise ComposeError(
        "not a sentence-transformers or model2vec model folder "
        "(expected modules.json, or config.json with embeddings.safetensors)",
        subject=subject,
    )


def _is_model2vec(folder: Path) -> bool:
    config = folder / "config.json"
    if not (config.is_file() and (folder / "embeddings.safetensors").is_file()):
        return False
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "model2vec" in json.dumps(data).lower()


def _sentence_transformers(folder: Path, subject: str) -> Encoder:
    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError as exc:
        raise ComposeError(
            "sentence-transformers is not installed (pip install sentence-transformers)",
            subject=subject,
        ) from exc
    try:
        model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    except Exception as exc:  # the library raises many kinds for a broken folder
        raise ComposeError(
            f"cannot load the model ({type(exc).__name__})", subject=subject
        ) from exc

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts), batch_size=64, show_progress_bar=False))

    return encode


def _model2vec(folder: Path, subject: str) -> Encoder:
    try:
        from model2vec import StaticModel  # type: ignore[import-not-found]
    except ImportError as exc:
        raise ComposeError(
            "model2vec is not installed (pip install model2vec)", subject=subject
        ) from exc
    try:
        model = StaticModel.from_pretrained(str(folder))
    except Exception as exc:  # the library raises many kinds for a broken folder
        raise ComposeError(
            f"cannot load the model ({type(exc).__name__})", subject=subject
        ) from exc

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts)))

    return encode


def normalised(rows: np.ndarray, n: int) -> np.ndarray:
    """``rows`` as an (n, d) float array with unit rows (zero rows stay zero).

    Raises ComposeError when the encoder returned the wrong number of rows.
    """
    matrix = np.asarray(rows, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != n:
        raise ComposeError(
            f"the embedding model returned shape {matrix.shape} for {n} sentences",
            subject="embeddings",
        )
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
