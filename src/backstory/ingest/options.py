"""Options and results of the ingest stage, kept apart so every ingest module can import them."""

from __future__ import annotations

from dataclasses import dataclass

from backstory.models import Article

#: Default cap on any one file or HTTP response: big enough for any news page, small enough
#: that a hostile 50 MB "article" is refused before it is read into memory (issue 2: 10 MB).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class IngestOptions:
    """How sources are read; the defaults are the safe ones for untrusted input."""

    allow_private: bool = False
    timeout: float = 10.0
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False
    user_agent: str = "backstory/0.1 (+https://github.com/backstory)"
    fetch_feed_links: bool = True


@dataclass(frozen=True)
class SourceFailure:
    """A source that could not be read; ``reason`` is one line with no traceback."""

    source: str
    reason: str


@dataclass(frozen=True)
class IngestResult:
    """What :func:`backstory.ingest.ingest` read: kept articles, failures and dropped duplicates.

    ``duplicates`` pairs the dropped article's origin (or id when it has none) with the id of
    the article that was kept instead. ``warnings`` are one line each, naming the source:
    repairs that kept an article but dropped or guessed part of it (an impossible date in a
    header, bytes that were not valid UTF-8, a feed entry without text ...), which would
    otherwise pass unnoticed.
    """

    articles: tuple[Article, ...]
    failures: tuple[SourceFailure, ...]
    duplicates: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...] = ()


#: The default options (immutable, so safe to share as a default argument).
DEFAULT_OPTIONS = IngestOptions()
