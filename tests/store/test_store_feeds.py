"""Feed state for the watcher's conditional GET and back-off."""

from __future__ import annotations

from datetime import UTC, datetime

from backstory.store import FeedState


def test_feed_state_round_trip_and_update(store) -> None:
    url = "https://news.example/rss"
    assert store.feed_state(url) is None
    first = FeedState(
        url=url,
        etag='W/"abc"',
        last_modified="Thu, 21 Sep 2023 11:00:00 GMT",
        last_polled=datetime(2023, 9, 21, 11, 5, tzinfo=UTC),
        next_poll_at=datetime(2023, 9, 21, 11, 20, tzinfo=UTC),
    )
    store.save_feed_state(first)
    assert store.feed_state(url) == first
    failed = FeedState(url=url, etag='W/"abc"', failures=3, last_error="HTTP 503")
    store.save_feed_state(failed)
    assert store.feed_state(url) == failed
