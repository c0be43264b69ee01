"""Reading sources of any kind (files, directories, URLs, feeds) into de-duplicated articles."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from backstory.errors import IngestError
from backstory.ingest.dedup import deduplicate
from backstory.ingest.feeds import looks_like_feed, parse_feed
from backstory.ingest.html import parse_html
from backstory.ingest.options import DEFAULT_OPTIONS, IngestOptions, IngestResult, SourceFailure
from backstory.ingest.records import parse_records
from backstory.ingest.text import parse_text
from backstory.ingest.textnorm import Warn, decode_bytes, sniff_html_charset
from backstory.ingest.urls import fetch
from backstory.models import Article

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown"})
JSON_EXTENSIONS = frozenset({".json", ".jsonl", ".ndjson"})
FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml"})
SUPPORTED_EXTENSIONS = HTML_EXTENSIONS | TEXT_EXTENSIONS | JSON_EXTENSIONS | FEED_EXTENSIONS


def is_url(source: str) -> bool:
    return "://" in source and not Path(source).exists()


#: Files that describe a folder rather than report news ("README.md" beside the articles).
_NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "contributing"})


def _directory_files(root: Path) -> list[Path]:
    """Supported files under ``root``, recursively, in sorted order; hidden entries,
    symlinked directories and README-like files are skipped (no loops, no surprises)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if (
                not name.startswith(".")
                and path.suffix.lower() in SUPPORTED_EXTENSIONS
                and path.stem.lower() not in _NOT_ARTICLES
            ):
                found.append(path)
    return sorted(found)


def expand_sources(sources: Sequence[str]) -> list[str]:
    """Sources with directories replaced by their supported files (for progress totals)."""
    out: list[str] = []
    for source in sources:
        path = Path(source)
        files = _directory_files(path) if not is_url(source) and path.is_dir() else []
        if files:
            out.extend(str(p) for p in files)
        else:  # a file, a URL, or a folder with nothing to read (reported by ingest)
            out.append(source)
    return out


def _read_bytes(path: Path, options: IngestOptions) -> bytes:
    subject = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise IngestError(f"file larger than the {options.max_bytes} byte limit", subject)
        with path.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except FileNotFoundError as exc:
        raise IngestError("no such file or directory", subject) from exc
    except PermissionError as exc:
        raise IngestError("permission denied", subject) from exc
    except IsADirectoryError as exc:
        raise IngestError("is a directory", subject) from exc
    except OSError as exc:
        raise IngestError(
            f"cannot read file ({exc.strerror or type(exc).__name__})", subject
        ) from exc
    if len(data) > options.max_bytes:
        raise IngestError(f"file larger than the {options.max_bytes} byte limit", subject)
    if not data.strip():
        raise IngestError("empty file", subject)
    return data


def _feed_fetcher(options: IngestOptions) -> Callable[[str], bytes] | None:
    if not options.fetch_feed_links:
        return None
    return lambda link: fetch(link, options).content


def read_path(
    path: Path, options: IngestOptions = DEFAULT_OPTIONS, warn: Warn | None = None
) -> list[Article]:
    """Articles of one file, or of every supported file under a directory (first error
    raises; :func:`ingest` handles directories file by file instead). Repairs (a date that
    had to be dropped, bytes that were not valid UTF-8 ...) are reported through ``warn``."""
    subject = str(path)
    if path.is_dir():
        files = _directory_files(path)
        if not files:
            raise IngestError(
                "no article files in this folder (.html, .txt, .md, .json, ...)", subject
            )
        return [a for f in files for a in read_path(f, options, warn)]
    if not path.exists():
        raise IngestError("no such file or directory", subject)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        shown = suffix or "(no extension)"
        raise IngestError(f"unsupported format '{shown}'", subject)
    data = _read_bytes(path, options)
    if suffix in FEED_EXTENSIONS:
        return parse_feed(data, origin=subject, fetch=_feed_fetcher(options), warn=warn)
    if suffix in HTML_EXTENSIONS:
        return [parse_html(data, url=None, origin=subject, warn=warn)]
    text = decode_bytes(data, subject=subject, warn=warn)
    if suffix in TEXT_EXTENSIONS:
        return [parse_text(text, subject, warn=warn)]
    return parse_records(text, subject, warn=warn)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return None


def read_url(
    url: str, options: IngestOptions = DEFAULT_OPTIONS, warn: Warn | None = None
) -> list[Article]:
    """Articles at an http(s) URL: a page, or a feed (told by content type or body)."""
    result = fetch(url, options)
    content_type = result.headers.get("content-type", "").lower()
    mime = content_type.split(";", 1)[0].strip()
    data = result.content
    if not data.strip():
        raise IngestError("empty response", url)
    if "rss" in mime or "atom" in mime or looks_like_feed(data):
        return parse_feed(data, origin=url, fetch=_feed_fetcher(options), warn=warn)
    declared = _charset(content_type)
    if mime in ("application/json", "application/x-ndjson", "application/jsonl"):
        text = decode_bytes(data, declared=declared or "utf-8", subject=url, warn=warn)
        return parse_records(text, url, lines=mime != "application/json", warn=warn)
    if mime in ("text/plain", "text/markdown"):
        text = decode_bytes(data, declared=declared, subject=url, warn=warn)
        return [parse_text(text, url, markdown=mime == "text/markdown", warn=warn)]
    if mime and "html" not in mime and "xml" not in mime and not mime.startswith("text/"):
        raise IngestError(f"unsupported content type '{mime}'", url)
    html = decode_bytes(data, declared=declared or sniff_html_charset(data), subject=url, warn=warn)
    return [parse_html(html, url=result.final_url, origin=url, warn=warn)]


def read_source(
    source: str, options: IngestOptions = DEFAULT_OPTIONS, warn: Warn | None = None
) -> list[Article]:
    """Articles of one source: a URL, a file or a directory."""
    if is_url(source):
        return read_url(source, options, warn)
    return read_path(Path(source), options, warn)


def _read_guarded(source: str, options: IngestOptions, warn: Warn) -> list[Article]:
    """read_source, with any unexpected library failure turned into an IngestError: a hostile
    input must give a one-line failure, never a traceback."""
    try:
        return read_source(source, options, warn)
    except IngestError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise IngestError(f"input too complex to read ({type(exc).__name__})", source) from exc
    except Exception as exc:  # noqa: BLE001 - last line of defence, reported per source
        raise IngestError(f"could not be read ({type(exc).__name__})", source) from exc


def ingest(
    sources: Sequence[str],
    options: IngestOptions = DEFAULT_OPTIONS,
    on_progress: Callable[[str], None] | None = None,
) -> IngestResult:
    """Read every source, collect failures (or raise the first when ``options.strict``), and
    drop duplicate articles. Directories are read file by file, so one bad file fails alone.
    ``on_progress`` is called once per source in ``sources`` after it has been processed.
    Repairs that kept an article but changed what it says (an impossible date dropped, bad
    bytes replaced ...) are the result's ``warnings``; a source that failed warns of nothing.
    """
    articles: list[Article] = []
    failures: list[SourceFailure] = []
    warnings: list[str] = []
    for source in sources:
        try:
            path = Path(source)
            files = expand_sources([source]) if not is_url(source) and path.is_dir() else [source]
            for item in files:
                heard: list[str] = []
                try:
                    articles.extend(_read_guarded(item, options, heard.append))
                    warnings.extend(_one_line(w) for w in heard)
                except IngestError as exc:
                    if options.strict:
                        raise
                    failures.append(SourceFailure(exc.subject or item, _one_line(exc.message)))
        finally:
            if on_progress is not None:
                on_progress(source)
    kept, duplicates = deduplicate(articles)
    return IngestResult(
        tuple(kept), tuple(failures), tuple(duplicates), tuple(dict.fromkeys(warnings))
    )


def _one_line(message: str) -> str:
    return " ".join(message.split())
