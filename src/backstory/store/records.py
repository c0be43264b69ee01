"""Plain read-only records the store hands back besides the pydantic models.

They are frozen dataclasses (not ORM rows) so callers never hold a live database object
and cannot change stored data by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from backstory.models import Explainer, VersionDiff


@dataclass(frozen=True)
class StoredVersion:
    """One explainer version as written: its id, number and the model itself."""

    explainer_id: str
    version: int
    created: datetime
    explainer: Explainer


@dataclass(frozen=True)
class StoryRow:
    """A story as listed by ``backstory stories``."""

    id: str
    headline: str
    n_sources: int
    created: datetime
    updated: datetime
    merged_into: str | None = None


@dataclass(frozen=True)
class VersionInfo:
    """Summary of one stored explainer version (for ``backstory versions`` and the site)."""

    explainer_id: str
    version: int
    created: datetime
    n_items: int
    n_sources: int
    diff: VersionDiff | None
    summary: str


@dataclass(frozen=True)
class SearchHit:
    """One search result: an explainer (latest version) or a source article."""

    kind: Literal["explainer", "article"]
    id: str
    title: str
    snippet: str
    score: float


@dataclass(frozen=True)
class FeedState:
    """What the watcher remembers about a feed between polls (conditional GET, back-off)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    failures: int = 0
    next_poll_at: datetime | None = None
    last_error: str | None = None


def diff_summary(diff: VersionDiff | None) -> str:
    """One line saying what a version changed, e.g. ``"2 added, 1 changed; 1 new source"``."""
    if diff is None:
        return "first version"
    counts = {"added": 0, "removed": 0, "changed": 0}
    for change in diff.items:
        counts[change.change] += 1
    parts = [f"{n} {kind}" for kind, n in counts.items() if n]
    text = ", ".join(parts) if parts else "no item changes"
    n_src = len(diff.sources_added)
    if n_src:
        text += f"; {n_src} new source" + ("s" if n_src != 1 else "")
    return text


@dataclass(frozen=True)
class StoredArticles:
    """What storing a batch of articles did: ids newly inserted, and ids of stored articles
    whose text was replaced by an edited version."""

    new: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()
