"""RSS and Atom feeds: each entry becomes an article, from its own content when that is the
full story, else from the page its link points to, else (marked ``summary_only``) its blurb.

feedparser does the parsing. It tolerates broken feeds, which is what we want for the open
web, but it would expand entities declared in a DOCTYPE; so any feed that declares entities
(billion laughs, external entities) is refused before parsing, which is defusedxml's policy.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import feedparser

from backstory.errors import IngestError
from backstory.ingest.article import build_article, web_url
from backstory.ingest.html import html_fragment_to_text, parse_html
from backstory.ingest.textnorm import Warn, language_code, quoted, read_date, word_count
from backstory.models import Article

#: An entry whose content has at least this many words is taken as the full article rather
#: than a teaser (feed teasers run 20-80 words; the shortest news stories run 150+).
FULL_CONTENT_WORDS = 150

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF|channel)[\s>]", re.I)
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S | re.I
)


def refuse_unsafe_xml(data: bytes, origin: str) -> None:
    """Refuse XML whose prolog declares entities or an internal DTD subset (XXE, billion
    laughs). Only the prolog is searched, so an article *about* XML is not refused."""
    head = data.lstrip(b"\xef\xbb\xbf")
    for probe in (head, _utf16_as_ascii(head)):
        root = _ROOT.search(probe)
        prolog = probe[: root.start()] if root else probe
        subset = any(b"[" in _doctype(probe[m.start() :]) for m in _DOCTYPE.finditer(probe))
        if subset or _ENTITY.search(prolog):
            raise IngestError("feed declares XML entities or a DTD (refused as unsafe)", origin)


def _doctype(data: bytes) -> bytes:
    match = _DOCTYPE.search(data)
    if not match:
        return b""
    end = data.find(b">", match.end())
    return data[match.end() : end if end >= 0 else len(data)]


def _utf16_as_ascii(data: bytes) -> bytes:
    """UTF-16/32 feeds hide ``<!ENTITY`` from a byte search; look at their ASCII bytes too."""
    return data.replace(b"\x00", b"") if data[:4].count(b"\x00") >= 1 else b""


def looks_like_feed(data: bytes) -> bool:
    """Whether a body is an RSS/Atom document (for URLs whose content type does not say)."""
    return bool(_FEED_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")))


def _struct_date(
    entry: Any, *keys: str, origin: str = "", warn: Warn | None = None
) -> datetime | None:
    """The first of the entry's dates (``keys`` in order) that is a real date; a stated one
    skipped on the way is reported through ``warn``."""
    for key in keys:
        # dict.get: FeedParserDict.get maps a missing "updated" onto "published" (deprecated)
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError, TypeError):
                pass
        raw = read_date(dict.get(entry, key), f"{key} date", origin, warn)
        if raw is not None:
            return raw
    return None


def _entry_text(entry: Any) -> tuple[str, str]:
    """(full content text, blurb text) of an entry; either may be empty."""
    content = ""
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value.strip():
            content = html_fragment_to_text(value)
            break
    summary = entry.get("summary") or entry.get("description") or ""
    blurb = html_fragment_to_text(summary) if summary.strip() else ""
    if not content and word_count(blurb) >= FULL_CONTENT_WORDS:
        content = blurb
    return content, blurb


def _entry_article(
    entry: Any,
    *,
    origin: str,
    outlet: str,
    language: str | None,
    fetch: Callable[[str], bytes] | None,
    warn: Warn | None = None,
) -> Article | None:
    link = web_url(entry.get("link"))
    title = entry.get("title") or ""
    named = f"{origin} (entry {quoted(title or entry.get('id') or '?')})"
    given_link = entry.get("link")
    if link is None and isinstance(given_link, str) and given_link.strip() and warn is not None:
        warn(f"{named}: link {quoted(given_link)} is not an http(s) address; ignored")
    published = _struct_date(entry, "published", "created", "updated", origin=named, warn=warn)
    # no warn: a bad "updated" was reported above when it stood in for the published date
    updated = _struct_date(entry, "updated")
    if updated is not None and published is not None and updated <= published:
        updated = None
    content, blurb = _entry_text(entry)
    entry_origin = link or origin
    if word_count(content) >= FULL_CONTENT_WORDS:
        text, summary_only = content, False
    else:
        if link and fetch is not None:
            try:
                page = parse_html(fetch(link), url=link, origin=link, warn=warn)
            except IngestError as exc:
                page = None  # fall back on the blurb; the feed itself was fine
                if warn is not None:
                    warn(
                        f"{link}: linked page could not be read ({' '.join(str(exc).split())}); "
                        "kept the feed's summary only"
                    )
            if page is not None:
                return page.model_copy(
                    update={
                        "title": page.title or title,
                        "outlet": page.outlet or outlet,
                        "published": page.published or published,
                        "updated": page.updated or updated,
                    }
                )
        text, summary_only = (content or blurb), True
    if not text.strip():
        if warn is not None:
            warn(f"{named}: entry has no text; skipped")
        return None
    return build_article(
        title=title,
        text=text,
        origin=entry_origin,
        outlet=outlet,
        url=link,
        published=published,
        updated=updated,
        language=language,
        summary_only=summary_only,
        normalised=True,
        warn=warn,
    )


def parse_feed(
    data: bytes,
    *,
    origin: str,
    fetch: Callable[[str], bytes] | None = None,
    warn: Warn | None = None,
) -> list[Article]:
    """Articles of an RSS or Atom feed. ``fetch`` (URL -> page bytes) is used for entries
    whose own content is only a teaser; without it those entries are ``summary_only``.
    ``warn`` hears of what was repaired or skipped: a feed that is not well-formed XML (read
    leniently by feedparser), entries without text, impossible dates, unreadable links."""
    if not data.strip():
        raise IngestError("empty file", origin)
    refuse_unsafe_xml(data, origin)
    try:
        # A file-like object, never a string: feedparser would fetch a string that is a URL.
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - a hostile feed must give a clear error
        raise IngestError(f"malformed feed ({type(exc).__name__})", origin) from exc
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f": {str(reason).splitlines()[0][:120]}" if reason else ""
        raise IngestError(f"malformed feed (not RSS or Atom{detail})", origin)
    if parsed.get("bozo") and warn is not None:
        reason = parsed.get("bozo_exception")
        detail = " ".join(str(reason).split())[:120] if reason else "unknown problem"
        warn(f"{origin}: feed is not well-formed ({detail}); read leniently")
    feed = parsed.get("feed", {})
    outlet = feed.get("title") or ""
    language = language_code(feed.get("language"))
    articles = []
    for entry in parsed.entries:
        article = _entry_article(
            entry, origin=origin, outlet=outlet, language=language, fetch=fetch, warn=warn
        )
        if article is not None:
            articles.append(article)
    if not articles:
        raise IngestError("feed has no entries with text", origin)
    return articles
