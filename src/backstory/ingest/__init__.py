"""Ingest stage: read sources (files, directories, URLs, feeds) into Articles.

Public API: :func:`ingest` for whole batches; :func:`read_path`, :func:`read_source` and the
per-format parsers for single inputs; :mod:`backstory.ingest.urls` for safe fetching and
:mod:`backstory.ingest.dedup` for canonical URLs and duplicate detection.
"""

from backstory.errors import IngestError
from backstory.ingest.dedup import canonical_url, deduplicate
from backstory.ingest.feeds import parse_feed
from backstory.ingest.html import parse_html
from backstory.ingest.options import IngestOptions, IngestResult, SourceFailure
from backstory.ingest.pipeline import expand_sources, ingest, read_path, read_source, read_url
from backstory.ingest.records import parse_records
from backstory.ingest.text import parse_text
from backstory.ingest.urls import FetchResult, RetryLater, check_url, fetch

__all__ = [
    "FetchResult",
    "IngestError",
    "IngestOptions",
    "IngestResult",
    "RetryLater",
    "SourceFailure",
    "canonical_url",
    "check_url",
    "deduplicate",
    "expand_sources",
    "fetch",
    "ingest",
    "parse_feed",
    "parse_html",
    "parse_records",
    "parse_text",
    "read_path",
    "read_source",
    "read_url",
]
