"""The watcher against real feeds: local files and a real HTTP server on loopback."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import pytest

from backstory.store import open_store
from backstory.stories.watch import WatchOptions, poll_feed, run_round

ROOT = Path(__file__).resolve().parents[2]
RSS = ROOT / "examples/feeds/crowdstrike.rss"
ATOM = ROOT / "examples/feeds/bank-of-england.atom"
NOW = datetime(2025, 9, 25, 12, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    s = open_store(str(tmp_path / "watch.db"))
    yield s
    s.close()


def test_watch_round_stores_articles_groups_stories_and_versions_once(store) -> None:
    options = WatchOptions(interval=60)
    first = run_round(store, [str(RSS), str(ATOM)], options, now=NOW)
    assert first.new_articles == 6
    assert not any(p.error for p in first.polls)
    # Two unrelated feeds (an IT outage, a rate decision): two stories, one version each.
    assert len(first.changed_stories) == 2
    assert sorted(v for _, v in first.versions) == [1, 1]
    for story_id, _ in first.versions:
        explainer = store.latest_explainer(story_id)
        assert explainer is not None and len(explainer.sources) == 3
    # The next round, once the feeds are due again, finds nothing new: no duplicate version.
    again = run_round(store, [str(RSS), str(ATOM)], options, now=NOW + timedelta(minutes=5))
    assert again.new_articles == 0 and again.versions == ()
    assert all(len(store.versions(s)) == 1 for s, _ in first.versions)


def test_watch_skips_feed_not_yet_due(store) -> None:
    options = WatchOptions(interval=3600)
    poll_feed(store, str(RSS), options, NOW)
    later = poll_feed(store, str(RSS), options, NOW + timedelta(minutes=10))
    assert later.skipped


def test_watch_missing_feed_backs_off(store, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.rss")
    options = WatchOptions(interval=60)
    result = poll_feed(store, missing, options, NOW)
    assert result.error and "nope.rss" in result.error
    state = store.feed_state(missing)
    assert state.failures == 1
    assert state.next_poll_at > NOW + timedelta(seconds=60)  # backed off beyond the interval


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    body = RSS.read_bytes()
    hits: list[dict[str, str]] = []
    mode = "ok"

    def do_GET(self) -> None:  # noqa: N802
        type(self).hits.append(dict(self.headers))
        if type(self).mode == "busy":
            self.send_response(429)
            self.send_header("Retry-After", "7200")
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_server() -> Iterator[str]:
    _FeedHandler.hits = []
    _FeedHandler.mode = "ok"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.rss"
    server.shutdown()


def test_watch_conditional_get_and_retry_after(store, feed_server: str) -> None:
    options = WatchOptions(interval=60, allow_private=True)
    first = poll_feed(store, feed_server, options, NOW)
    assert len(first.articles) == 3
    second = poll_feed(store, feed_server, options, NOW + timedelta(minutes=2))
    assert second.not_modified
    assert _FeedHandler.hits[-1].get("If-None-Match") == '"v1"'
    _FeedHandler.mode = "busy"
    third = poll_feed(store, feed_server, options, NOW + timedelta(minutes=4))
    assert third.error
    state = store.feed_state(feed_server)
    assert state.next_poll_at >= NOW + timedelta(minutes=4, seconds=7200)


def test_watch_refuses_loopback_feed_without_allow_private(store, feed_server: str) -> None:
    result = poll_feed(store, feed_server, WatchOptions(interval=60), NOW)
    assert result.error
    assert _FeedHandler.hits == []


def test_watch_on_the_clock_survives_an_entry_dated_just_ahead_of_it(store, tmp_path: Path) -> None:
    """A feed whose newest entry is an hour ahead of this machine's clock (a time-zone slip):
    the round still stores a version, dated no earlier than that entry."""
    ahead = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    shift = ahead - datetime(2024, 8, 1, 9, tzinfo=UTC)  # the feed's newest entry
    text = RSS.read_text(encoding="utf-8")

    def moved(m: re.Match[str]) -> str:
        when = parsedate_to_datetime(m.group(1)) + shift
        return f"<pubDate>{format_datetime(when)}</pubDate>"

    feed = tmp_path / "ahead.rss"
    feed.write_text(re.sub(r"<pubDate>(.*?)</pubDate>", moved, text), encoding="utf-8")
    report = run_round(store, [str(feed)], WatchOptions(interval=60))
    assert report.new_articles == 3 and len(report.versions) == 1
    explainer = store.latest_explainer(report.versions[0][0])
    assert explainer is not None and explainer.published >= ahead


def test_watch_corrected_entry_replaces_the_text_and_makes_a_new_version(
    store, tmp_path: Path
) -> None:
    """An outlet corrects an article already stored: the next round stores the corrected text
    and a new version of that story citing it; nothing counts as a new article."""
    feed = tmp_path / "cs.rss"
    text = RSS.read_text(encoding="utf-8")
    feed.write_text(text, encoding="utf-8")
    options = WatchOptions(interval=60)
    first = run_round(store, [str(feed)], options, now=NOW)
    assert len(first.versions) == 1
    story_id = first.versions[0][0]
    wrong, right = "8.5 million Windows devices", "8.6 million Windows devices"
    assert text.count(wrong) == 3  # the second entry's title, summary and full text
    feed.write_text(text.replace(wrong, right), encoding="utf-8")
    second = run_round(store, [str(feed)], options, now=NOW + timedelta(minutes=5))
    assert second.new_articles == 0
    assert [p.edited for p in second.polls] == [(second.polls[0].edited[0],)]
    assert second.versions == ((story_id, 2),)
    edited = store.get_article(second.polls[0].edited[0])
    assert edited is not None and right in edited.text and wrong not in edited.text
    latest = store.latest_explainer(story_id)
    quotes = [c.quote for s in latest.sections for i in s.items for c in i.citations]
    assert not any(wrong in q for q in quotes)


FRENCH_ITEMS = [
    (
        "La Banque de France relève sa prévision de croissance",
        "Mon, 22 Sep 2025 09:00:00 +0200",
        "La Banque de France a relevé lundi sa prévision de croissance pour cette année, "
        "grâce à une consommation des ménages plus solide que prévu au printemps. Les "
        "économistes de la banque estiment toutefois que l'incertitude politique pèsera sur "
        "l'investissement des entreprises jusqu'à la fin de l'année.",
    ),
    (
        "Croissance : la Banque de France plus optimiste",
        "Mon, 22 Sep 2025 11:00:00 +0200",
        "Dans sa nouvelle projection publiée lundi, la Banque de France se montre plus "
        "optimiste sur la croissance de cette année. Elle souligne que la consommation des "
        "ménages a mieux résisté que prévu, mais que l'investissement des entreprises reste "
        "freiné par l'incertitude politique.",
    ),
]


def test_a_story_in_another_language_is_skipped_and_the_round_goes_on(
    store, tmp_path: Path
) -> None:
    items = "".join(
        f"<item><title>{t}</title><link>https://journal.example/{i}</link>"
        f"<pubDate>{d}</pubDate><description>{body}</description></item>"
        for i, (t, d, body) in enumerate(FRENCH_ITEMS)
    )
    feed = tmp_path / "fr.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Le Journal</title><link>https://journal.example/</link>{items}"
        "</channel></rss>",
        encoding="utf-8",
    )
    options = WatchOptions(interval=60)
    report = run_round(store, [str(feed), str(RSS)], options, now=NOW)
    assert report.new_articles == 5
    assert len(report.versions) == 1  # the English story
    [(story_id, why)] = report.skipped
    assert "no source is in English (fr)" in why
    assert store.latest_explainer(story_id) is None
    # not retried every round: a story with nothing to explain is not stale
    again = run_round(store, [str(feed), str(RSS)], options, now=NOW + timedelta(minutes=5))
    assert again.skipped == () and again.versions == ()
