"""A disk cache of model replies keyed by the SHA-256 of (model, request), so re-running a
story (tests, benchmarks, a watcher re-composing unchanged sources) costs no model call.

One JSON file per reply under ``<cache dir>/<first two hex digits>/<hash>.json``, written to a
temporary file and renamed, so concurrent writers never leave a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Environment variable that moves the cache (default: $XDG_CACHE_HOME/backstory/llm).
CACHE_ENV = "BACKSTORY_LLM_CACHE"


def default_cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "backstory" / "llm"


def cache_key(model: str, request: Any) -> str:
    """SHA-256 of the model name and the request (messages, schema, sampling settings)."""
    blob = json.dumps({"model": model, "request": request}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReplyCache:
    """Replies on disk; ``directory=None`` disables caching."""

    directory: Path | None

    def _path(self, key: str) -> Path | None:
        return None if self.directory is None else self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged entry is a miss, and is overwritten by the next put
        return data if isinstance(data, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(value, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs a repeated call
