"""Optional sentence embeddings: loading a local model folder, and what they do to ranking."""

from __future__ import annotations

import hashlib
import sys
import types
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from backstory.compose.embeddings import ENV_VAR, encoder_from_env, load_encoder, normalised
from backstory.compose.rank import rank
from backstory.errors import ComposeError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_missing_or_unknown_model_folders_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(ComposeError, match="not found") as missing:
        load_encoder(tmp_path / "nope")
    assert "nope" in str(missing.value)
    (tmp_path / "weights.bin").write_bytes(b"\0")
    with pytest.raises(ComposeError, match="not a sentence-transformers or model2vec"):
        load_encoder(tmp_path)


def test_library_not_installed_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    with pytest.raises(ComposeError, match="pip install sentence-transformers"):
        load_encoder(tmp_path)


def test_env_var_loads_a_sentence_transformers_folder_without_network(
    tmp_path: Path, monkeypatch
) -> None:
    """The loader hands the folder to the library, offline, and encodes a list of texts."""
    seen: dict[str, object] = {}

    class FakeModel:
        def __init__(self, path: str, device: str, local_files_only: bool) -> None:
            seen.update(path=path, device=device, local_files_only=local_files_only)

        def encode(self, texts: list[str], **_: object) -> np.ndarray:
            return np.array([[len(t), 1.0] for t in texts])

    fake = types.ModuleType("sentence_transformers")
    fake.SentenceTransformer = FakeModel  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", fake)
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert encoder_from_env() is None
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    encoder = encoder_from_env()
    assert encoder is not None
    assert seen == {"path": str(tmp_path), "device": "cpu", "local_files_only": True}
    assert encoder(["ab", "abcd"]).tolist() == [[2.0, 1.0], [4.0, 1.0]]


def test_normalised_rows_and_a_wrong_row_count() -> None:
    rows = normalised(np.array([[3.0, 4.0], [0.0, 0.0]]), 2)
    assert rows.tolist() == [[0.6, 0.8], [0.0, 0.0]]
    with pytest.raises(ComposeError, match=r"shape \(1, 2\) for 2 sentences"):
        normalised(np.array([[1.0, 0.0]]), 2)


def test_embeddings_move_centrality_toward_what_the_model_finds_central() -> None:
    """Four eligible sentences; the model puts the last one opposite the others, so its
    closeness to the centroid from embeddings is 0 (clipped) and its centrality halves, while
    the TF-IDF part and the sentences the model agrees with keep their scores or gain."""
    texts = [
        "The Bank of England cut interest rates to 4% on Thursday.",
        "Interest rates were cut to 4% by the Bank of England.",
        "The Bank of England's rate cut to 4% was its fifth in a year.",
        "Mortgage rates for first-time buyers fell at several lenders.",
    ]
    args = (texts, [0, 1, 2, 3], [0, 0, 0, 0], [True] * 4)
    plain = rank(*args)
    e1 = np.array([1.0, 0.0])
    emb = normalised(np.array([e1, e1, e1, -e1]), 4)
    blended = rank(*args, embeddings=emb)
    assert blended.centrality[3] == pytest.approx(plain.centrality[3] / 2)
    assert all(blended.centrality[i] >= plain.centrality[i] for i in range(3))


def _hash_encoder(calls: list[int]):
    def encode(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return np.array(
            [
                np.frombuffer(hashlib.sha256(t.encode()).digest()[:16], dtype=np.uint8) - 127.5
                for t in texts
            ]
        )

    return encode


def test_a_given_encoder_ranks_the_story_and_the_page_still_checks_clean() -> None:
    from backstory.check import check_explainer
    from backstory.ingest import ingest
    from backstory.pipeline import explain_articles

    articles = list(ingest([str(EXAMPLES / "bank-of-england-august-2025")]).articles)
    now = datetime(2025, 9, 21, 12, tzinfo=UTC)
    calls: list[int] = []
    with_model = explain_articles(
        articles, now=now, composer_options={"encoder": _hash_encoder(calls)}
    )
    assert len(calls) == 1 and calls[0] > 100  # every sentence of the story, in one batch
    plain = explain_articles(articles, now=now)
    assert with_model != plain  # the model's centrality changed what was picked
    assert check_explainer(with_model, articles, now=now).errors == ()


def test_wordllama_not_installed_says_what_to_install(monkeypatch) -> None:
    from backstory.compose import embeddings

    embeddings._load.cache_clear()  # a model loaded by another test would be reused
    monkeypatch.setitem(sys.modules, "wordllama", None)  # import fails
    with pytest.raises(ComposeError, match=r"backstory\[embeddings\]"):
        load_encoder("wordllama")


def test_wordllama_bundled_model_loads_offline_and_tells_topics_apart(monkeypatch) -> None:
    """The real model shipped in wordllama's wheel (the ``embeddings`` extra, installed by
    the test command), loaded with the network refused."""
    pytest.importorskip("wordllama")
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network refused in this test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setenv(ENV_VAR, "wordllama")
    encode = encoder_from_env()
    assert encode is not None
    assert load_encoder(" WordLlama ") is encode  # loaded once per process
    rows = normalised(
        encode(
            [
                "The Bank of England raised interest rates to 5.25%.",
                "The central bank put up borrowing costs again.",
                "The ferry operator cut its winter timetable.",
            ]
        ),
        3,
    )
    sims = rows @ rows.T
    assert sims[0, 1] > sims[0, 2] + 0.15
    assert sims[0, 1] > sims[1, 2] + 0.15


def test_wordllama_ranked_page_checks_clean() -> None:
    pytest.importorskip("wordllama")
    from backstory.check import check_explainer
    from backstory.ingest import ingest
    from backstory.pipeline import explain_articles

    articles = list(ingest([str(EXAMPLES / "bank-of-england-august-2025")]).articles)
    now = datetime(2025, 9, 21, 12, tzinfo=UTC)
    with_model = explain_articles(articles, now=now, composer_options={"embeddings": "wordllama"})
    assert with_model != explain_articles(articles, now=now)
    assert check_explainer(with_model, articles, now=now).errors == ()
