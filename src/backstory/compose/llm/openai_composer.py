"""The ``openai`` composer: any OpenAI-compatible chat server (llama.cpp's server, vLLM,
Ollama, OpenAI itself) over httpx.

Settings come from options or environment variables:

- ``base_url`` / ``BACKSTORY_LLM_BASE_URL`` (default ``http://127.0.0.1:8080/v1``)
- ``model`` / ``BACKSTORY_LLM_MODEL`` (default: the first model the server lists)
- the API key only from the environment variable named by ``api_key_env`` (default
  ``BACKSTORY_LLM_API_KEY``); it is sent as a bearer token and never logged, cached or put in
  an error message.

JSON is asked for with ``response_format={"type": "json_schema", ...}``; a server that rejects
that gets ``{"type": "json_object", "schema": ...}`` (llama_cpp.server's grammar mode), then
``{"type": "json_object"}``, then no response format (the reply is still parsed as JSON).
Connection errors, timeouts, 429 and 5xx are retried with exponential back-off; a server
that cannot be reached at all is a :class:`ComposeError` ("cannot reach <base_url>"), while a
timeout or a server error after the retries falls back to the extractive sections.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx

from backstory.compose.llm.base import CallFailed, Completion, ModelComposer, chat_completion
from backstory.errors import ComposeError

log = logging.getLogger(__name__)

BASE_URL_ENV = "BACKSTORY_LLM_BASE_URL"
MODEL_ENV = "BACKSTORY_LLM_MODEL"
API_KEY_ENV = "BACKSTORY_LLM_API_KEY"
DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1"
#: Seconds for one request. A small local model writes ~900 tokens in well under a minute on a
#: laptop CPU; a hosted model answers in seconds. Raise it for big local models.
DEFAULT_TIMEOUT = 120.0
#: Attempts after the first, and the first back-off in seconds (doubled each time: 1, 2, 4).
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0
#: Longest wait honoured from a Retry-After header.
MAX_RETRY_AFTER = 30.0
_RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
#: Statuses with which servers reject an unsupported response_format.
_FORMAT_REJECTED = frozenset({400, 404, 415, 422, 501})


class OpenAIComposer(ModelComposer):
    """Model prose from an OpenAI-compatible ``/chat/completions`` endpoint."""

    name = "openai"

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key_env: str = API_KEY_ENV,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        sections: str | Iterable[str] | None = None,
        cache_dir: str | Path | None = None,
        use_cache: bool = True,
        **options: Any,
    ) -> None:
        super().__init__(sections=sections, cache_dir=cache_dir, use_cache=use_cache, **options)
        self.base_url = (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")
        self._model = model or os.environ.get(MODEL_ENV) or None
        self.api_key_env = api_key_env
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.backoff = float(backoff)
        # Which response_format the server accepted; learnt on the first call.
        # llama_cpp.server takes a schema inside json_object (its grammar mode) but answers
        # json_schema with a 500; OpenAI takes json_schema.
        self._formats = ["json_schema", "json_object_schema", "json_object", "none"]

    def __repr__(self) -> str:  # never shows the key: it is not an attribute at all
        return f"OpenAIComposer(base_url={self.base_url!r}, model={self._model!r})"

    # --- http --------------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return headers

    def _request(
        self, method: str, path: str, payload: dict[str, Any] | None = None
    ) -> httpx.Response:
        """One request with retries; raises ComposeError (unreachable) or CallFailed."""
        url = f"{self.base_url}{path}"
        last = "no attempt"
        unreachable = False
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                with httpx.Client(timeout=self.timeout) as client:
                    response = client.request(method, url, json=payload, headers=self._headers())
            except httpx.ConnectError:
                unreachable, last = True, "connection refused"
                continue
            except httpx.TimeoutException as exc:
                unreachable = isinstance(exc, httpx.ConnectTimeout)
                last = "timeout"
                continue
            except httpx.HTTPError as exc:
                unreachable, last = False, f"http error ({type(exc).__name__})"
                continue
            unreachable = False
            if response.status_code >= 400 and "response_format" in response.text:
                return response  # the server rejects the format: not worth a retry
            if response.status_code in _RETRY_STATUS and attempt < self.retries:
                last = f"http {response.status_code}"
                wait = _retry_after(response)
                if wait:
                    time.sleep(wait)
                continue
            return response
        if unreachable:
            raise ComposeError(
                f"cannot reach {self.base_url} ({last}); start the server or set {BASE_URL_ENV}",
                subject=self.name,
            )
        raise CallFailed(last)

    def model_name(self) -> str:
        if self._model is None:
            response = self._request("GET", "/models")
            try:
                data = response.json().get("data") or []
                self._model = str(data[0]["id"])
            except (ValueError, LookupError, TypeError, AttributeError) as exc:
                raise ComposeError(
                    f"{self.base_url}/models lists no model; set {MODEL_ENV}", subject=self.name
                ) from exc
        return self._model

    def _call(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        payload: dict[str, Any] = {
            "model": self.model_name(),
            "messages": messages,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }
        while True:
            kind = self._formats[0]
            body = dict(payload)
            if kind == "json_schema":
                body["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": "explainer_sections", "strict": True, "schema": schema},
                }
            elif kind == "json_object_schema":
                body["response_format"] = {"type": "json_object", "schema": schema}
            elif kind == "json_object":
                body["response_format"] = {"type": "json_object"}
            response = self._request("POST", "/chat/completions", body)
            rejected = response.status_code in _FORMAT_REJECTED or (
                response.status_code >= 400 and "response_format" in response.text
            )
            if rejected and len(self._formats) > 1:
                log.info("server rejected response_format %s; trying the next", kind)
                self._formats.pop(0)
                continue
            if response.status_code in (401, 403):
                raise ComposeError(
                    f"{self.base_url} refused the API key (http {response.status_code}); "
                    f"check {self.api_key_env}",
                    subject=self.name,
                )
            if response.status_code >= 400:
                raise CallFailed(f"http {response.status_code}")
            try:
                data = response.json()
            except ValueError as exc:
                raise CallFailed("bad-reply: no message in the response") from exc
            return chat_completion(data)


def _retry_after(response: httpx.Response) -> float:
    try:
        return min(MAX_RETRY_AFTER, max(0.0, float(response.headers.get("retry-after", 0))))
    except ValueError:
        return 0.0
