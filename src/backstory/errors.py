"""One error type per stage, so callers at the edges (CLI, web app, batch loops) can turn
library failures into one-line messages, exit codes and HTTP statuses."""

from __future__ import annotations

from datetime import datetime


class BackstoryError(Exception):
    """Base of every error backstory raises on purpose.

    ``subject`` names the input the error concerns (a path, URL, story id ...), so the
    message shown to a user can always say *what* failed.
    """

    def __init__(self, message: str, subject: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.subject = subject

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}" if self.subject else self.message


class IngestError(BackstoryError):
    """A source could not be read, fetched, decoded or extracted."""


class AnalyseError(BackstoryError):
    """Text analysis failed on a source."""


class StoriesError(BackstoryError):
    """Clustering or story bookkeeping failed."""


class ComposeError(BackstoryError):
    """An explainer could not be composed (no usable sources, unknown audience ...)."""


class CheckError(BackstoryError):
    """A page given to the checker could not be read as an article."""


class StoreError(BackstoryError):
    """The database could not be opened, migrated, read or written."""


class VersionConflict(StoreError):
    """Another writer stored this explainer version first (two watchers on one database)."""


class PublishError(BackstoryError):
    """Rendering or serving failed."""


class PageDatedBeforeSource(ComposeError):
    """The time asked for as the page's date ("now") is before a source's publication time:
    the page would be dated before its own sources, the very error backstory exists to catch.

    ``source`` names the newest such source (its origin, URL or title), ``published`` is its
    publication time and ``now`` the page time that was asked for, so callers can word it.
    """

    def __init__(self, source: str, published: datetime, now: datetime) -> None:
        super().__init__(
            f"published {published.isoformat()}, after the page time asked for "
            f"({now.isoformat()}); a page cannot be dated before its sources",
            subject=source,
        )
        self.source = source
        self.published = published
        self.now = now
