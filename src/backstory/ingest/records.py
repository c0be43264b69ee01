"""Article records in JSON (one object, a list, or ``{"articles": [...]}``) or JSON Lines."""

from __future__ import annotations

import json
from typing import Any

from backstory.errors import IngestError
from backstory.ingest.article import build_article
from backstory.ingest.textnorm import Warn, read_date, read_language
from backstory.models import Article

#: Accepted keys for each field, first match wins.
TEXT_KEYS = ("text", "body", "content", "article", "maintext")
TITLE_KEYS = ("title", "headline")
OUTLET_KEYS = ("outlet", "source", "site", "site_name", "sitename", "publisher")
URL_KEYS = ("url", "link")
PUBLISHED_KEYS = ("published", "date", "date_publish", "published_at", "pubDate")
UPDATED_KEYS = ("updated", "modified", "date_modify", "updated_at")
LANGUAGE_KEYS = ("language", "lang")
#: Containers whose list is the records: {"articles": [...]} and the like.
LIST_KEYS = ("articles", "items", "records", "data")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict) and key in OUTLET_KEYS:
            value = value.get("name")
        if value not in (None, ""):
            return value
    return None


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "\n\n".join(str(v) for v in value if isinstance(v, str | int | float))
    return (
        value if isinstance(value, str) else str(value) if isinstance(value, int | float) else None
    )


def _record(record: Any, origin: str, where: str, warn: Warn | None = None) -> Article:
    if not isinstance(record, dict):
        raise IngestError(f"{where} is not a JSON object", origin)
    text = _as_str(_first(record, TEXT_KEYS))
    if text is None and isinstance(record.get("html"), str):
        from backstory.ingest.html import html_fragment_to_text

        text = html_fragment_to_text(record["html"])
    if not text or not text.strip():
        raise IngestError(f"{where} has no text (expected one of: {', '.join(TEXT_KEYS)})", origin)
    named = f"{origin} ({where})"
    return build_article(
        title=_as_str(_first(record, TITLE_KEYS)),
        text=text,
        origin=origin,
        outlet=_as_str(_first(record, OUTLET_KEYS)),
        url=_as_str(_first(record, URL_KEYS)),
        canonical=_as_str(record.get("canonical_url")),
        published=read_date(_first(record, PUBLISHED_KEYS), "published date", named, warn),
        updated=read_date(_first(record, UPDATED_KEYS), "updated date", named, warn),
        language=read_language(_as_str(_first(record, LANGUAGE_KEYS)), named, warn),
        summary_only=record.get("summary_only") is True,
        warn=warn,
        where=where,
    )


def _loads(data: str, origin: str, where: str) -> Any:
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"malformed JSON ({where}: {exc.msg} at column {exc.colno})", origin
        ) from exc
    except (ValueError, RecursionError) as exc:  # RecursionError: hostile deep nesting
        raise IngestError(f"malformed JSON ({where})", origin) from exc


def parse_records(
    data: str, origin: str, *, lines: bool | None = None, warn: Warn | None = None
) -> list[Article]:
    """Articles from JSON or JSON Lines text (``lines`` defaults to origin's extension).

    Each record needs a text (``text``, ``body`` or ``content``); title, outlet, url,
    published, updated and language are optional. Any bad record fails the whole file, naming
    the record, so a half-read file is never mistaken for a whole one; a field that had to
    be dropped (an impossible date ...) is reported through ``warn``, naming the record.
    """
    if lines is None:
        lines = origin.lower().endswith((".jsonl", ".ndjson"))
    if not data.strip():
        raise IngestError("empty file", origin)
    records: list[tuple[str, Any]] = []
    if lines:
        for n, line in enumerate(data.splitlines(), 1):
            if line.strip():
                records.append((f"line {n}", _loads(line, origin, f"line {n}")))
    else:
        parsed = _loads(data, origin, "document")
        if isinstance(parsed, dict):
            inner = next((parsed[k] for k in LIST_KEYS if isinstance(parsed.get(k), list)), None)
            parsed = inner if inner is not None else [parsed]
        if not isinstance(parsed, list):
            raise IngestError("JSON is neither an article object nor a list of them", origin)
        records = [(f"record {i}", r) for i, r in enumerate(parsed, 1)]
    if not records:
        raise IngestError("no article records found", origin)
    return [_record(record, origin, where, warn) for where, record in records]
