"""Follow feeds: poll politely, store new articles, update stories, re-explain what changed.

Polling is polite the way feed readers are expected to be: conditional GET (ETag and
Last-Modified), Retry-After honoured, and exponential back-off after failures. Every step
writes through the store in its own transaction, in an order that makes a restart after
``kill -9`` safe: articles first, then story assignments, then explainer versions (a version
is only written when its sources changed, so a replay never writes a duplicate).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from backstory.errors import BackstoryError, ComposeError, IngestError
from backstory.models import Article

if TYPE_CHECKING:
    from backstory.store import Store

#: Longest wait after repeated failures (a feed down for a day is polled a few times an hour).
MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True)
class WatchOptions:
    interval: float = 900.0
    allow_private: bool = False
    audience: str = "uk"
    composer: str = "extractive"
    timeout: float = 10.0


@dataclass(frozen=True)
class PollResult:
    feed: str
    articles: tuple[Article, ...] = ()
    #: Ids of stored articles whose text this poll replaced with an edited version.
    edited: tuple[str, ...] = ()
    not_modified: bool = False
    skipped: bool = False
    error: str | None = None


@dataclass(frozen=True)
class RoundReport:
    polls: tuple[PollResult, ...]
    new_articles: int
    changed_stories: tuple[str, ...]
    versions: tuple[tuple[str, int], ...] = field(default=())
    #: (story id, why) for stories that could not be explained this round (e.g. no source
    #: in English); the round goes on with the others.
    skipped: tuple[tuple[str, str], ...] = field(default=())


def poll_feed(store: Store, feed: str, options: WatchOptions, now: datetime) -> PollResult:
    """Fetch one feed (a URL or a local file) if due; store its new articles."""
    from backstory.ingest import IngestOptions, parse_feed
    from backstory.ingest.urls import fetch
    from backstory.store import FeedState

    state = store.feed_state(feed) or FeedState(url=feed)
    if state.next_poll_at is not None and state.next_poll_at > now:
        return PollResult(feed, skipped=True)
    ingest_options = IngestOptions(allow_private=options.allow_private, timeout=options.timeout)
    try:
        if feed.startswith(("http://", "https://")):
            headers = {}
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
            response = fetch(feed, ingest_options, headers=headers)
            if response.not_modified:
                store.save_feed_state(
                    replace(
                        state,
                        last_polled=now,
                        failures=0,
                        last_error=None,
                        next_poll_at=now + timedelta(seconds=options.interval),
                    )
                )
                return PollResult(feed, not_modified=True)
            data = response.content
            lowered = {k.lower(): v for k, v in response.headers.items()}
            etag, modified = lowered.get("etag"), lowered.get("last-modified")
        else:
            path = Path(feed)
            if not path.is_file():
                raise IngestError("no such feed file", subject=feed)
            data, etag, modified = path.read_bytes(), None, None

        def fetch_page(url: str) -> bytes:
            return fetch(url, ingest_options).content

        articles = parse_feed(data, origin=feed, fetch=fetch_page)
    except BackstoryError as exc:
        failures = state.failures + 1
        wait = timedelta(seconds=options.interval) * (2 ** min(failures, 10))
        retry_after = getattr(exc, "retry_after", None)
        if retry_after:
            wait = max(wait, timedelta(seconds=float(retry_after)))
        store.save_feed_state(
            replace(
                state,
                last_polled=now,
                failures=failures,
                last_error=str(exc),
                next_poll_at=now + min(wait, MAX_BACKOFF),
            )
        )
        return PollResult(feed, error=str(exc))
    stored = store.put_articles(articles)
    new = [a for a in articles if a.id in set(stored.new)]
    store.save_feed_state(
        FeedState(
            url=feed,
            etag=etag,
            last_modified=modified,
            last_polled=now,
            failures=0,
            next_poll_at=now + timedelta(seconds=options.interval),
        )
    )
    return PollResult(feed, articles=tuple(new), edited=stored.edited)


def run_round(
    store: Store, feeds: Sequence[str], options: WatchOptions, now: datetime | None = None
) -> RoundReport:
    """One polling round: every due feed, then stories, then new explainer versions."""
    from backstory.pipeline import explain_story
    from backstory.stories.tracker import update_stories

    # The clock dates polls; explain_story gets only a caller's explicit time, so that a feed
    # entry a little ahead of this machine's clock dates the page instead of stopping the watch.
    page_now = now
    now = now or datetime.now(UTC)
    polls = tuple(poll_feed(store, feed, options, now) for feed in feeds)
    # Unassigned stored articles too: a previous round may have died before clustering them.
    changed = update_stories(store)
    versions: list[tuple[str, int]] = []
    skipped: list[tuple[str, str]] = []
    edited = store.stories_of([a for p in polls for a in p.edited])
    for story_id in sorted(set(changed) | edited | _stale_stories(store)):
        try:
            result = explain_story(
                store, story_id, audience=options.audience, now=page_now, composer=options.composer
            )
        except ComposeError as exc:  # one story's problem must not stop the others
            skipped.append((story_id, str(exc)))
            continue
        if result.stored_version is not None:
            versions.append((story_id, result.stored_version))
    return RoundReport(
        polls=polls,
        new_articles=sum(len(p.articles) for p in polls),
        changed_stories=tuple(sorted(changed)),
        versions=tuple(versions),
        skipped=tuple(skipped),
    )


def _stale_stories(store: Store) -> set[str]:
    """Stories whose latest explainer misses some of their English articles (e.g. after a
    crash); those in other languages are never explained, so they do not count."""
    from backstory.ingest.language import reads_english

    stale = set()
    for story in store.stories():
        latest = store.latest_explainer(story.id)
        if latest is not None and len(latest.sources) == story.n_sources:
            continue
        readable = [a for a in store.articles(story_id=story.id) if reads_english(a.language)]
        if readable and (latest is None or len(latest.sources) != len(readable)):
            stale.add(story.id)
    return stale


def watch(
    store: Store,
    feeds: Sequence[str],
    options: WatchOptions,
    *,
    once: bool = False,
    on_round: Callable[[RoundReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Poll until interrupted (or one round with ``once``)."""
    while True:
        report = run_round(store, feeds, options)
        if on_round is not None:
            on_round(report)
        if once:
            return
        sleep(options.interval)
