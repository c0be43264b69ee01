"""Optional sentence embeddings for ranking, from a model already on disk.

No embedding model ships with backstory and none is ever downloaded. Two kinds work offline:
``BACKSTORY_EMBEDDINGS=wordllama`` uses WordLlama, whose wheel carries its own 16 MB of
static token embeddings (``pip install 'backstory[embeddings]'``; no torch, ~0.07 ms a
sentence, mostly tokenising); or ``BACKSTORY_EMBEDDINGS=/path/to/model`` names a saved
sentence-transformers or model2vec folder (the composer option ``embeddings`` does the
same). Ranking then blends the embeddings' centrality with TF-IDF's; without a model it is
TF-IDF alone. The loaders are the libraries' own; what is written here only tells the kinds
apart and keeps every failure to one line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

import numpy as np

from backstory.errors import ComposeError

#: Environment variable naming a model folder for the extractive composer's ranking.
ENV_VAR = "BACKSTORY_EMBEDDINGS"
#: The name that selects WordLlama's bundled model instead of a folder.
WORDLLAMA = "wordllama"

#: texts -> one row per text (any width); rows are L2-normalised by the caller.
Encoder = Callable[[Sequence[str]], np.ndarray]


def encoder_from_env() -> Encoder | None:
    """The encoder ``BACKSTORY_EMBEDDINGS`` names, or None when it is unset or empty."""
    spec = os.environ.get(ENV_VAR, "").strip()
    return load_encoder(spec) if spec else None


def load_encoder(path: str | Path) -> Encoder:
    """An encoder for the model saved in folder ``path`` (sentence-transformers or model2vec),
    or WordLlama's bundled model when ``path`` is ``"wordllama"``.

    A model is loaded once per process (a composer is made per story, and loading costs more
    than encoding a whole story); a failed load is not remembered.
    Raises ComposeError, naming the folder, when it is missing, holds neither kind of model,
    or its library is not installed.
    """
    spec = str(path).strip()
    if spec.lower() == WORDLLAMA:
        return _load(WORDLLAMA, WORDLLAMA)
    return _load(str(Path(spec).expanduser().resolve()), str(path))


@lru_cache(maxsize=4)
def _load(spec: str, subject: str) -> Encoder:
    if spec == WORDLLAMA:
        return _wordllama()
    folder = Path(spec)
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


def _library(module: str, install: str, subject: str) -> Any:
    """The embedding library ``module``, or a one-line error saying how to install it."""
    try:
        return import_module(module)
    except ImportError as exc:
        name = module.replace("_", "-")
        raise ComposeError(f"{name} is not installed ({install})", subject=subject) from exc


def _loaded(load: Callable[[], Any], subject: str, what: str = "the model") -> Any:
    try:
        return load()
    except Exception as exc:  # the libraries raise many kinds for broken or missing files
        raise ComposeError(f"cannot load {what} ({type(exc).__name__})", subject=subject) from exc


def _sentence_transformers(folder: Path, subject: str) -> Encoder:
    lib = _library("sentence_transformers", "pip install sentence-transformers", subject)
    model = _loaded(
        lambda: lib.SentenceTransformer(str(folder), device="cpu", local_files_only=True), subject
    )

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts), batch_size=64, show_progress_bar=False))

    return encode


def _model2vec(folder: Path, subject: str) -> Encoder:
    lib = _library("model2vec", "pip install model2vec", subject)
    model = _loaded(lambda: lib.StaticModel.from_pretrained(str(folder)), subject)

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts)))

    return encode


def _wordllama() -> Encoder:
    lib = _library("wordllama", "pip install 'backstory[embeddings]'", WORDLLAMA)
    # The wheel holds the weights and tokenizer; naming its own folder as the cache makes the
    # loader find both there (its default lookup misses the tokenizer and tries the network).
    model = _loaded(
        lambda: lib.WordLlama.load(cache_dir=Path(lib.__file__).parent, disable_download=True),
        WORDLLAMA,
        "WordLlama's bundled model",
    )

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.embed(list(texts)))

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
