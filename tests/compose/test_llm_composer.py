"""The model composers' plumbing without a model: assembly, fallback, cache, HTTP behaviour.

The model's reply is scripted here (a real model is exercised in test_llm_real.py); the HTTP
tests run a small real server on loopback so retries, response-format fallback, the
unreachable-server error and the API key's secrecy are tested over actual sockets.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from backstory.analyse import analyse_article
from backstory.compose import ComposeRequest, get_composer, load_audience
from backstory.compose.llm.base import CallFailed, Completion, ModelComposer, parse_sections
from backstory.compose.llm.openai_composer import OpenAIComposer
from backstory.compose.llm.prompt import answer_schema, parse_answer
from backstory.errors import ComposeError
from backstory.models import Article, article_id

# Hand-written two-source story (facts of the CrowdStrike outage of 19 July 2024).
A1 = (
    "A faulty update to CrowdStrike's Falcon software crashed Windows computers around the world "
    "on Friday. Airlines grounded flights and hospitals postponed appointments. CrowdStrike said "
    "the problem had been identified and a fix deployed."
)
A2 = (
    "Microsoft said about 8.5 million Windows devices were affected by the CrowdStrike update. "
    "The company said that was less than one percent of all Windows machines. Engineers were "
    "helping customers restore affected computers on Saturday."
)


def _article(text: str, published: str, outlet: str) -> Article:
    key = f"https://{outlet.lower().replace(' ', '')}.example/{published}"
    return Article(
        id=article_id(key),
        title=text.split(".")[0],
        text=text,
        outlet=outlet,
        url=key,
        published=datetime.fromisoformat(published),
    )


@pytest.fixture(scope="module")
def request_() -> ComposeRequest:
    articles = [
        _article(A1, "2024-07-19T14:00:00+00:00", "Clearline Tech"),
        _article(A2, "2024-07-20T16:00:00+00:00", "Capital Wire"),
    ]
    return ComposeRequest(
        analyses=tuple(analyse_article(a) for a in articles),
        audience=load_audience("uk"),
        now=datetime(2024, 7, 21, 9, tzinfo=UTC),
        explainer_id="xllm",
    )


class Scripted(ModelComposer):
    """A composer whose 'model' returns a reply built from the numbered passages it was shown."""

    name = "scripted"

    def __init__(self, reply: Any, **options: Any) -> None:
        super().__init__(**options)
        self.reply = reply
        self.calls = 0
        self.prompt = ""

    def model_name(self) -> str:
        return "scripted-model"

    def _call(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        self.calls += 1
        self.prompt = messages[-1]["content"]
        if isinstance(self.reply, Exception):
            raise self.reply
        content = self.reply(self.prompt) if callable(self.reply) else self.reply
        return Completion(content, prompt_tokens=321, completion_tokens=54)


def _ids(prompt: str) -> dict[str, int]:
    """Passage id of each passage text shown in the prompt."""
    out = {}
    for line in prompt.splitlines():
        if line.startswith("[") and "] (" in line:
            pid = int(line[1 : line.index("]")])
            out[line.split(") ", 1)[1]] = pid
    return out


def _pid(prompt: str, startswith: str) -> int:
    return next(v for k, v in _ids(prompt).items() if k.startswith(startswith))


def good_and_bad(prompt: str) -> str:
    ms = _pid(prompt, "Microsoft said about 8.5 million")
    return json.dumps(
        {
            "sections": {
                "now": [
                    {
                        "text": "Microsoft said about 8.5 million Windows devices were affected.",
                        "passages": [ms],
                    },
                    {
                        "text": "Microsoft said 85 million Windows devices were affected.",
                        "passages": [ms],
                    },
                ],
                "takeaways": [
                    {"text": "Satya Nadella apologised for the outage.", "passages": [ms]},
                ],
            }
        }
    )


def test_verified_sentences_replace_the_section_and_cite_exact_spans(request_, tmp_path) -> None:
    composer = Scripted(good_and_bad, cache_dir=tmp_path)
    out = composer.compose(request_)
    now = out.section("now")
    assert [i.text for i in now.items] == [
        "Microsoft said about 8.5 million Windows devices were affected."
    ]
    cite = now.items[0].citations[0]
    source = next(a for a in request_.analyses if a.article.id == cite.source).article
    assert source.text[cite.start : cite.end] == cite.quote
    assert cite.quote.startswith("Microsoft said about 8.5 million")
    prov = out.provenance
    assert (prov.composer, prov.model) == ("scripted", "scripted-model")
    assert prov.model_sections == ("now",)
    reasons = {d.text: d.reason for d in prov.dropped}
    assert reasons["Microsoft said 85 million Windows devices were affected."].startswith(
        "unsupported-number"
    )
    assert reasons["Satya Nadella apologised for the outage."].startswith("unsupported-name")
    # One call per section (4 by default), each scripted to cost 321 + 54 tokens.
    assert composer.calls == 4
    assert (prov.prompt_tokens, prov.completion_tokens) == (4 * 321, 4 * 54)
    assert prov.seconds > 0


def test_failed_sections_keep_the_extractive_text(request_, tmp_path) -> None:
    extractive = get_composer("extractive").compose(request_)
    out = Scripted(good_and_bad, cache_dir=tmp_path).compose(request_)
    # takeaways: its only sentence was dropped; bottom_line and standfirst: not answered.
    assert out.section("takeaways") == extractive.section("takeaways")
    assert out.section("bottom_line") == extractive.section("bottom_line")
    assert out.standfirst == extractive.standfirst
    assert out.section("timeline") == extractive.section("timeline")


@pytest.mark.parametrize(
    "reply, reason",
    [(CallFailed("timeout"), "timeout"), ("I cannot answer that.", "bad-reply")],
)
def test_failed_call_falls_back_to_extractive(request_, tmp_path, reply, reason) -> None:
    extractive = get_composer("extractive").compose(request_)
    out = Scripted(reply, cache_dir=tmp_path).compose(request_)
    assert out.sections == extractive.sections
    assert out.provenance.model_sections == ()
    assert out.provenance.dropped and all(
        d.reason.startswith(reason) for d in out.provenance.dropped
    )


def test_replies_are_cached_by_prompt(request_, tmp_path) -> None:
    first = Scripted(good_and_bad, cache_dir=tmp_path)
    a = first.compose(request_)
    second = Scripted(RuntimeError("must not be called"), cache_dir=tmp_path)
    b = second.compose(request_)
    assert second.calls == 0
    assert b.sections == a.sections
    assert (b.provenance.prompt_tokens, b.provenance.completion_tokens) == (0, 0)
    assert list(tmp_path.rglob("*.json"))
    other = Scripted(good_and_bad, cache_dir=tmp_path, sections="now")  # another prompt
    other.compose(request_)
    assert other.calls == 1


def test_prompt_numbers_passages_and_asks_for_the_sections(request_, tmp_path) -> None:
    composer = Scripted(
        good_and_bad, cache_dir=tmp_path, sections=["now", "takeaways"], one_call=True
    )
    composer.compose(request_)
    assert "[1] (" in composer.prompt and "21 July 2024" in composer.prompt
    assert '"now"' in composer.prompt and '"bottom_line"' not in composer.prompt
    assert composer.calls == 1


def test_one_call_per_section_by_default(request_, tmp_path) -> None:
    composer = Scripted(good_and_bad, cache_dir=tmp_path, sections=["now", "takeaways"])
    out = composer.compose(request_)
    assert composer.calls == 2
    assert '"takeaways"' in composer.prompt and '"now"' not in composer.prompt  # the last call
    assert out.provenance.model_sections == ("now",)


def test_parse_answer_tolerates_fences_and_string_ids() -> None:
    reply = (
        'Sure!\n```json\n{"sections": {"now": [{"text": "A  b.", "passages": ["[2]", 3]}]}}\n```'
    )
    got = parse_answer(reply, ["now", "takeaways"])
    assert [(s.text, s.passages) for s in got["now"]] == [("A b.", (2, 3))]
    assert "takeaways" not in got
    with pytest.raises(ValueError):
        parse_answer("no json here", ["now"])
    # Small models put raw newlines inside JSON strings; one-section replies use "sentences".
    raw = '{"sentences": [{"text": "Line one.\n", "passages": [1]}]}'
    assert [s.text for s in parse_answer(raw, ["now"])["now"]] == ["Line one."]


def test_answer_schema_accepts_a_good_answer_and_rejects_a_bad_one() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = answer_schema(["now", "takeaways"], max_passage=4)
    good = {"now": [{"text": "x", "passages": [1]}], "takeaways": [{"text": "y", "passages": [4]}]}
    jsonschema.validate({"sections": good}, schema)
    with pytest.raises(jsonschema.ValidationError):  # passage 9 does not exist
        jsonschema.validate({"sections": {**good, "now": [{"text": "x", "passages": [9]}]}}, schema)
    with pytest.raises(jsonschema.ValidationError):  # a section is missing
        jsonschema.validate({"sections": {"now": good["now"]}}, schema)
    single = answer_schema(["now"], max_passage=4)
    jsonschema.validate({"sentences": good["now"]}, single)
    with pytest.raises(jsonschema.ValidationError):  # "now" holds at most 3 sentences
        jsonschema.validate({"sentences": good["now"] * 4}, single)


def test_sections_option_is_validated() -> None:
    assert parse_sections("now, takeaways") == ("now", "takeaways")
    with pytest.raises(ComposeError, match="timeline"):
        parse_sections("timeline")


def test_composers_are_registered() -> None:
    composer = get_composer("openai", base_url="http://127.0.0.1:9/v1", model="m")
    assert isinstance(composer, OpenAIComposer)


# --- HTTP ----------------------------------------------------------------------------------

SECRET = "sk-test-DO-NOT-LEAK-4f9a1c"


class _Stub(BaseHTTPRequestHandler):
    """A scripted OpenAI-compatible server: ``script`` is a list of (status, body) replies."""

    script: list[tuple[int, dict[str, Any]]] = []
    seen: list[dict[str, Any]] = []

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._reply(200, {"data": [{"id": "stub-model"}]})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length))
        type(self).seen.append({"body": body, "auth": self.headers.get("Authorization")})
        status, reply = type(self).script.pop(0) if type(self).script else (500, {})
        self._reply(status, reply)


def _chat(content: str) -> dict[str, Any]:
    return {
        "choices": [{"message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20},
    }


@pytest.fixture()
def stub():
    handler = type("Handler", (_Stub,), {"script": [], "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_retries_server_errors_then_succeeds(stub, request_, tmp_path) -> None:
    handler, url = stub
    answer = json.dumps({"sections": {"now": []}})
    handler.script = [(503, {}), (429, {}), (200, _chat(answer))]
    composer = OpenAIComposer(base_url=url, backoff=0.01, cache_dir=tmp_path, sections="now")
    out = composer.compose(request_)
    assert len(handler.seen) == 3
    assert out.provenance.model == "stub-model"  # learnt from /models
    assert (out.provenance.prompt_tokens, out.provenance.completion_tokens) == (100, 20)


def test_falls_back_from_json_schema_to_json_object(stub, request_, tmp_path) -> None:
    handler, url = stub
    handler.script = [(400, {"error": "response_format not supported"}), (200, _chat("{}"))]
    OpenAIComposer(base_url=url, model="m", cache_dir=tmp_path, one_call=True).compose(request_)
    formats = [s["body"].get("response_format", {}) for s in handler.seen]
    assert [f.get("type") for f in formats] == ["json_schema", "json_object"]
    assert formats[1]["schema"] == formats[0]["json_schema"]["schema"]
    schema = handler.seen[0]["body"]["response_format"]["json_schema"]["schema"]
    assert set(schema["properties"]["sections"]["properties"]) == {
        "standfirst",
        "now",
        "takeaways",
        "bottom_line",
    }


def test_format_rejected_with_a_500_is_not_retried(stub, request_, tmp_path) -> None:
    # llama_cpp.server answers an unknown response_format type with a 500 naming it.
    handler, url = stub
    msg = {"error": {"message": "body.response_format.type: Input should be 'text'"}}
    handler.script = [(500, msg), (500, msg), (200, _chat('{"sentences": []}'))]
    composer = OpenAIComposer(base_url=url, model="m", cache_dir=tmp_path, sections="now")
    out = composer.compose(request_)
    formats = [s["body"].get("response_format") for s in handler.seen]
    assert [f and f["type"] for f in formats] == ["json_schema", "json_object", "json_object"]
    assert "schema" in formats[1] and "schema" not in formats[2]
    assert out.provenance.dropped == ()


def test_server_errors_after_retries_fall_back(stub, request_, tmp_path) -> None:
    handler, url = stub
    handler.script = [(500, {})] * 3
    out = OpenAIComposer(
        base_url=url, model="m", retries=2, backoff=0.01, cache_dir=tmp_path, sections="now"
    ).compose(request_)
    assert len(handler.seen) == 3
    assert out.provenance.model_sections == ()
    assert {d.reason for d in out.provenance.dropped} == {"http 500"}


def test_unreachable_server_is_a_clear_error(request_, tmp_path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"
    composer = OpenAIComposer(base_url=url, model="m", retries=1, backoff=0.01, cache_dir=tmp_path)
    with pytest.raises(ComposeError, match=f"cannot reach {url}"):
        composer.compose(request_)


def test_api_key_is_sent_but_never_logged_or_shown(
    stub, request_, tmp_path, monkeypatch, caplog
) -> None:
    monkeypatch.setenv("BACKSTORY_LLM_API_KEY", SECRET)
    caplog.set_level(logging.DEBUG)
    handler, url = stub
    handler.script = [(400, {}), (500, {}), (401, {"error": "bad key"})]
    composer = OpenAIComposer(base_url=url, model="m", retries=1, backoff=0.01, cache_dir=tmp_path)
    with pytest.raises(ComposeError) as err:
        composer.compose(request_)
    assert handler.seen[0]["auth"] == f"Bearer {SECRET}"
    dead = OpenAIComposer(
        base_url=f"http://127.0.0.1:{_free_port()}/v1", model="m", retries=0, cache_dir=tmp_path
    )
    with pytest.raises(ComposeError) as err2:
        dead.compose(request_)
    shown = [
        str(err.value),
        repr(err.value),
        str(err2.value),
        repr(composer),
        repr(dead),
        caplog.text,
    ]
    assert all(SECRET not in s for s in shown)
    assert all(SECRET not in p.read_text() for p in Path(tmp_path).rglob("*.json"))


def test_model_composer_loads_the_embedding_model_once_and_ranks_with_it(
    request_: ComposeRequest, tmp_path: Path, monkeypatch
) -> None:
    """$BACKSTORY_EMBEDDINGS is read when the composer is made, not per story, and both the
    extractive text it falls back on and its own passage choice rank with that encoder."""
    import numpy as np

    import backstory.compose.extractive as extractive_module

    loads: list[int] = []
    encoded: list[int] = []

    def encoder(texts: Any) -> Any:
        encoded.append(len(texts))
        return np.ones((len(texts), 2))

    def from_env() -> Any:
        loads.append(1)
        return encoder

    monkeypatch.setattr(extractive_module, "encoder_from_env", from_env)
    composer = Scripted(CallFailed("offline"), cache_dir=tmp_path)
    composer.compose(request_)
    composer.compose(request_)
    assert loads == [1]
    assert len(encoded) == 4  # two rankings per story: the fallback text and the passages
