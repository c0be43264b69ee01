"""RSS and Atom feeds: full content used as is, teasers followed to their pages or kept as
summary-only blurbs, and hostile or broken feeds refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from ingest_helpers import long_text, rss

from backstory.errors import IngestError
from backstory.ingest import IngestOptions, ingest, parse_feed


def test_rss_full_content_used_as_is() -> None:
    feed = rss(
        [
            {
                "title": "Spain are world champions",
                "link": "https://southbank.example/football/wwc-final?utm_source=rss",
                "pubDate": "Sun, 20 Aug 2023 13:15:00 +0000",
                "description": "Spain beat England 1-0 in Sydney.",
                "content": "".join(f"<p>{p}</p>" for p in long_text().split("\n\n")),
            }
        ]
    )

    def no_fetch(url: str) -> bytes:
        raise AssertionError("full content must not be fetched")

    [a] = parse_feed(feed, origin="feed.rss", fetch=no_fetch)
    assert a.title == "Spain are world champions"
    assert a.outlet == "Southbank Sports Desk"
    assert a.language == "en"
    assert a.published == datetime(2023, 8, 20, 13, 15, tzinfo=UTC)
    assert a.canonical_url == "https://southbank.example/football/wwc-final"
    assert not a.summary_only
    assert a.text.startswith("Spain won the Women's World Cup for the first time on Sunday")
    assert a.text.count("\n\n") == long_text().strip().count("\n\n")
    assert "<p>" not in a.text


def test_atom_full_content() -> None:
    body = "".join(f"<p>{p}</p>" for p in long_text().split("\n\n"))
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Harbour Ledger Sport</title><id>urn:x</id><updated>2023-08-21T08:00:00Z</updated>
  <entry>
    <title>Carmona goal wins the World Cup for Spain</title>
    <link href="https://harbourledger.example/sport/carmona"/>
    <id>urn:y</id>
    <published>2023-08-20T14:00:00+02:00</published>
    <updated>2023-08-21T08:00:00Z</updated>
    <content type="html"><![CDATA[{body}]]></content>
  </entry>
</feed>""".encode()
    [a] = parse_feed(atom, origin="sport.atom", fetch=None)
    assert a.title == "Carmona goal wins the World Cup for Spain"
    assert a.outlet == "Harbour Ledger Sport"
    assert a.url == "https://harbourledger.example/sport/carmona"
    assert a.published == datetime(2023, 8, 20, 12, 0, tzinfo=UTC)
    assert a.updated == datetime(2023, 8, 21, 8, 0, tzinfo=UTC)
    assert "Olga Carmona on the left" in a.text and not a.summary_only


def test_blurb_entries_follow_links_with_fetch(data: Path) -> None:
    feed = rss(
        [
            {
                "title": "Rates go up again",
                "link": "https://harbourledger.example/business/boe",
                "pubDate": "Thu, 03 Aug 2023 11:05:00 +0000",
                "description": "The Bank of England raised rates to 5.25%.",
            },
            {
                "title": "Fed holds",
                "link": "https://broken.example/fed",
                "pubDate": "Wed, 20 Sep 2023 18:30:00 +0000",
                "description": "The Federal Reserve held rates at a 22-year high.",
            },
        ]
    )
    asked: list[str] = []

    def fake_fetch(url: str) -> bytes:
        asked.append(url)
        if "broken" in url:
            raise IngestError("HTTP 500", url)
        return (data / "boe_rates.html").read_bytes()

    first, second = parse_feed(feed, origin="feed.rss", fetch=fake_fetch)
    assert asked == ["https://harbourledger.example/business/boe", "https://broken.example/fed"]
    # the page was fetched and extracted: its own metadata wins over the feed's
    assert not first.summary_only
    assert first.text.startswith("The Bank of England raised its main interest rate")
    assert first.outlet == "The Harbour Ledger"
    # the fetch failed: the blurb is kept, marked as such
    assert second.summary_only
    assert second.text == "The Federal Reserve held rates at a 22-year high."
    assert second.outlet == "Southbank Sports Desk"
    assert second.published == datetime(2023, 9, 20, 18, 30, tzinfo=UTC)


def test_blurb_entries_without_fetch_are_summary_only() -> None:
    feed = rss(
        [{"title": "T", "link": "https://x.example/a", "description": "<b>Short</b> teaser."}]
    )
    [a] = parse_feed(feed, origin="feed.rss", fetch=None)
    assert a.summary_only and a.text == "Short teaser."


def test_feed_file_in_ingest_without_link_fetching(tmp_path: Path) -> None:
    path = tmp_path / "sport.rss"
    path.write_bytes(rss([{"title": "T", "link": "https://x.example/a", "description": "Teaser."}]))
    result = ingest([str(path)], IngestOptions(fetch_feed_links=False))
    assert result.failures == ()
    assert [a.summary_only for a in result.articles] == [True]


@pytest.mark.parametrize("name", ["billion_laughs.rss", "xxe.rss"])
def test_entity_declaring_feeds_refused(data: Path, name: str) -> None:
    with pytest.raises(IngestError, match="declares XML entities"):
        parse_feed((data / name).read_bytes(), origin=name, fetch=None)


def test_entities_hidden_in_utf16_refused(data: Path) -> None:
    text = (data / "xxe.rss").read_text().replace('encoding="utf-8"', "")
    with pytest.raises(IngestError, match="declares XML entities"):
        parse_feed(text.encode("utf-16"), origin="x.rss", fetch=None)


def test_article_about_xml_is_not_refused() -> None:
    text = long_text() + "\n\nThe page used the declaration <!ENTITY x 'y'> by mistake."
    feed = rss([{"title": "T", "link": "https://x.example/a", "content": text}])
    [a] = parse_feed(feed, origin="x.rss", fetch=None)
    assert "<!ENTITY x 'y'>" in a.text


def test_malformed_feed(data: Path) -> None:
    with pytest.raises(IngestError, match="malformed feed"):
        parse_feed((data / "malformed.rss").read_bytes(), origin="malformed.rss", fetch=None)


def test_feed_without_entries() -> None:
    with pytest.raises(IngestError, match="no entries"):
        parse_feed(rss([]), origin="x.rss", fetch=None)
