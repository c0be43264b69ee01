"""The llama-cpp composer's wall-clock limit, with fake model objects in place of a GGUF.

The fakes stand where ``llama_cpp.Llama`` would: ``create_chat_completion(stream=True)``
returns an iterator of OpenAI-style chunks. One streams a token every few milliseconds and
never stops (a very slow or runaway generation), one never returns at all (stuck in native
code), one answers at once. No real model and no llama-cpp-python are needed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from backstory.analyse import analyse_article
from backstory.compose import ComposeRequest, load_audience
from backstory.compose.llm.llamacpp_composer import DEFAULT_TIMEOUT, LlamaCppComposer
from backstory.errors import ComposeError
from backstory.models import Article, article_id

#: Seconds the tests allow a timed-out call to take in all: the limits used are 0.2-0.3 s,
#: so anything near this means the limit was not enforced.
PROMPT_RETURN = 3.0


def _chunk(text: str) -> dict[str, Any]:
    return {"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}


class EndlessModel:
    """Streams one token every ``pause`` seconds, forever; records whether it was stopped."""

    def __init__(self, pause: float = 0.01) -> None:
        self.pause = pause
        self.closed = threading.Event()
        self.kwargs: dict[str, Any] = {}

    def create_chat_completion(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        self.kwargs = kwargs

        def tokens() -> Iterator[dict[str, Any]]:
            try:
                while True:
                    time.sleep(self.pause)
                    yield _chunk(" the")
            finally:
                self.closed.set()

        return tokens()


class StuckModel:
    """Never returns from the call (as a native call that hangs); released by the test."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def create_chat_completion(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        self.release.wait(30)
        return iter(())


class QuickModel:
    """Streams a short JSON answer at once, as llama.cpp does token by token."""

    n_tokens = 55  # prompt (50) + streamed tokens (5) left in the context

    def create_chat_completion(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        pieces = ['{"now', '": ', "[", "]", "}"]
        return iter([_chunk(p) for p in pieces])


def _composer(tmp_path: Path, model: Any, **options: Any) -> LlamaCppComposer:
    gguf = tmp_path / "fake.gguf"
    gguf.write_bytes(b"GGUF not a real model")
    composer = LlamaCppComposer(
        model_path=gguf, cache_dir=tmp_path / "cache", use_cache=False, **options
    )
    composer._llm = model  # what _model() would have loaded
    return composer


MESSAGES = [{"role": "user", "content": "Write the now section."}]
SCHEMA = {"type": "object"}


def test_default_timeout_is_documented_and_bounded() -> None:
    assert DEFAULT_TIMEOUT == 120.0


def test_slow_generation_ends_with_one_line_error_naming_composer_and_limit(
    tmp_path: Path,
) -> None:
    model = EndlessModel()
    composer = _composer(tmp_path, model, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(ComposeError) as caught:
        composer._call(MESSAGES, SCHEMA)
    took = time.monotonic() - started
    assert 0.25 <= took < PROMPT_RETURN
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("llama-cpp: ")
    assert "0.3 s" in message
    # the generation itself was stopped (the stream closed), not left running
    assert model.closed.wait(2)
    assert model.kwargs["stream"] is True and model.kwargs["max_tokens"] == composer.max_tokens


def test_stuck_generation_ends_at_the_limit_and_blocks_reuse(tmp_path: Path) -> None:
    model = StuckModel()
    composer = _composer(tmp_path, model, timeout=0.2)
    try:
        started = time.monotonic()
        with pytest.raises(ComposeError, match=r"0\.2 s limit"):
            composer._call(MESSAGES, SCHEMA)
        assert time.monotonic() - started < PROMPT_RETURN
        # the stuck call still holds the model: a second generation must not start on it
        with pytest.raises(ComposeError, match="still running"):
            composer._call(MESSAGES, SCHEMA)
    finally:
        model.release.set()


def test_quick_generation_returns_the_streamed_answer_and_token_counts(tmp_path: Path) -> None:
    composer = _composer(tmp_path, QuickModel(), timeout=5)
    reply = composer._call(MESSAGES, SCHEMA)
    assert json.loads(reply.content) == {"now": []}
    assert (reply.prompt_tokens, reply.completion_tokens) == (50, 5)


@pytest.mark.parametrize("bad", [0, -1, "soon", float("inf")])
def test_bad_timeout_option_is_a_compose_error(tmp_path: Path, bad: Any) -> None:
    with pytest.raises(ComposeError, match="timeout"):
        _composer(tmp_path, QuickModel(), timeout=bad)


def test_timeout_stops_the_whole_compose_rather_than_falling_back(tmp_path: Path) -> None:
    text = (
        "A faulty update to CrowdStrike's Falcon software crashed Windows computers around "
        "the world on Friday. Airlines grounded flights and hospitals postponed appointments."
    )
    article = Article(
        id=article_id("https://clearline.example/outage"),
        title="Faulty update crashes Windows computers",
        text=text,
        outlet="Clearline Tech",
        url="https://clearline.example/outage",
        published=datetime(2024, 7, 19, 14, tzinfo=UTC),
    )
    request = ComposeRequest(
        analyses=(analyse_article(article),),
        audience=load_audience("uk"),
        now=datetime(2024, 7, 20, 9, tzinfo=UTC),
        explainer_id="xtimeout",
    )
    composer = _composer(tmp_path, EndlessModel(), timeout=0.2, sections="now")
    with pytest.raises(ComposeError, match=r"llama-cpp: generation took longer than the 0\.2 s"):
        composer.compose(request)
