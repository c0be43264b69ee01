"""Building an :class:`Article` from extracted fields: one place for ids, URLs and checks."""

from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import urlsplit

from backstory.errors import IngestError
from backstory.ingest.dedup import canonical_url
from backstory.ingest.language import text_language
from backstory.ingest.textnorm import Warn, clean_title, normalise_text, quoted, words
from backstory.models import Article, article_id

#: Longest title kept when a title has to be made from the first line of the text.
MAX_DERIVED_TITLE_CHARS = 160


def web_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(c.isspace() or ord(c) < 32 for c in value):
        return None
    return value


def derived_title(text: str) -> str:
    """A title from the first line of the text, for sources that give none."""
    first = text.strip().split("\n", 1)[0]
    title = clean_title(first)
    if len(title) > MAX_DERIVED_TITLE_CHARS:
        title = title[:MAX_DERIVED_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return title


def without_leading_title(text: str, title: str | None) -> str:
    """Drop the headline when the body starts with it: it is the title, not a sentence."""
    first, _, rest = text.partition("\n\n")
    if title and rest.strip() and first.casefold() == clean_title(title).casefold():
        return rest
    return text


def build_article(
    *,
    title: str | None,
    text: str,
    origin: str,
    outlet: str | None = None,
    url: str | None = None,
    canonical: str | None = None,
    published: datetime | None = None,
    updated: datetime | None = None,
    language: str | None = None,
    summary_only: bool = False,
    normalised: bool = False,
    warn: Warn | None = None,
    where: str | None = None,
) -> Article:
    """An Article with a stable id: from the canonical URL, else from the normalised text.

    What is dropped rather than kept (a link that is not an http(s) URL, an update time
    before the publication time) is reported through ``warn``, naming ``origin`` and ``where``
    in it (a record of a JSON file).
    """
    named = f"{origin} ({where})" if where else origin
    body = text if normalised else normalise_text(text)
    body = without_leading_title(body, title)
    if not body.strip():
        raise IngestError("no article text found", origin)
    given_url = url
    url = web_url(url)
    if url is None and given_url and given_url.strip() and warn is not None:
        warn(f"{named}: url {quoted(given_url)} is not an http(s) address; ignored")
    given_canonical = canonical
    canonical = web_url(canonical)
    if canonical is None and given_canonical and given_canonical.strip() and warn is not None:
        warn(f"{named}: canonical url {quoted(given_canonical)} is not an http(s) address; ignored")
    canonical = canonical or url
    canon = canonical_url(canonical) if canonical else None
    if canon:
        key = canon
    else:
        digest = hashlib.sha256(" ".join(words(body)).encode("utf-8", "surrogatepass"))
        key = "text:" + digest.hexdigest()
    found = text_language(body, language)
    if language and found and found != language and warn is not None:
        warn(f"{named}: declared language {quoted(language)} but the text reads as {found}")
    language = found
    if updated is not None and published is not None and updated < published:
        if warn is not None:
            warn(
                f"{named}: updated time {updated.isoformat()} is before the published time "
                f"{published.isoformat()}; updated time ignored"
            )
        updated = None
    return Article(
        id=article_id(key),
        title=clean_title(title) or derived_title(body),
        text=body,
        outlet=clean_title(outlet),
        url=url,
        canonical_url=canon,
        published=published,
        updated=updated,
        language=language or "en",
        origin=origin,
        summary_only=summary_only,
    )
