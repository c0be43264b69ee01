"""Repairs that keep an article but drop or guess part of it are reported, one line each,
naming the source: an impossible date no longer leaves an article silently undated."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from ingest_helpers import long_text, rss

from backstory.ingest import ingest, parse_feed, parse_html, parse_records, parse_text
from backstory.ingest.textnorm import decode_bytes, parse_date

ROOT = Path(__file__).resolve().parents[2]
BST = timezone(timedelta(hours=1))
EST = timezone(timedelta(hours=-5))

BODY = (
    "The Bank of England held interest rates at 5.25% on Thursday, ending a run of fourteen "
    "rises in a row. The Monetary Policy Committee voted five to four to keep the rate where "
    "it was, with the governor casting the deciding vote."
)


def _heard(call) -> tuple[object, list[str]]:
    heard: list[str] = []
    return call(heard.append), heard


def test_impossible_date_in_text_header_is_reported_and_article_kept() -> None:
    text = f"Title: Rates held\nPublished: 2024-02-30T09:00:00+00:00\n\n{BODY}"
    article, heard = _heard(lambda w: parse_text(text, "boe.txt", warn=w))
    assert article.published is None and article.text.startswith("The Bank of England")
    assert heard == [
        "boe.txt: published date '2024-02-30T09:00:00+00:00' is not a valid date; ignored"
    ]


def test_impossible_date_in_markdown_front_matter_is_reported() -> None:
    text = f"---\ntitle: Rates held\npublished: 2024-02-30\n---\n\n{BODY}"
    article, heard = _heard(lambda w: parse_text(text, "boe.md", warn=w))
    assert article.title == "Rates held" and article.published is None
    assert heard == ["boe.md: published date '2024-02-30' is not a valid date; ignored"]


def test_front_matter_that_is_not_yaml_is_reported_as_read_as_body() -> None:
    text = f'---\ntitle: "Rates held\npublished: [2024\n---\n\n{BODY}'
    _, heard = _heard(lambda w: parse_text(text, "broken.md", warn=w))
    assert len(heard) == 1
    assert heard[0].startswith("broken.md: front matter is not valid YAML (")
    assert heard[0].endswith("); read as body text")


def test_clean_header_gives_no_warning_and_warn_is_optional() -> None:
    text = f"Title: Rates held\nPublished: 2023-09-21T12:00:00+01:00\n\n{BODY}"
    article, heard = _heard(lambda w: parse_text(text, "boe.txt", warn=w))
    assert heard == []
    assert article.published == datetime(2023, 9, 21, 12, tzinfo=BST)
    assert parse_text(text.replace("2023-09-21", "2023-02-30"), "boe.txt").published is None


def test_updated_before_published_and_bad_url_are_reported() -> None:
    text = (
        "Title: Rates held\nURL: javascript:alert(1)\nPublished: 2023-09-21T12:00:00+00:00\n"
        f"Updated: 2023-09-20T08:00:00+00:00\n\n{BODY}"
    )
    article, heard = _heard(lambda w: parse_text(text, "boe.txt", warn=w))
    assert article.url is None and article.updated is None
    assert heard == [
        "boe.txt: url 'javascript:alert(1)' is not an http(s) address; ignored",
        "boe.txt: updated time 2023-09-20T08:00:00+00:00 is before the published time "
        "2023-09-21T12:00:00+00:00; updated time ignored",
    ]


def test_language_that_is_not_a_code_is_reported() -> None:
    text = f"Title: Rates held\nLanguage: English (UK)\n\n{BODY}"
    article, heard = _heard(lambda w: parse_text(text, "boe.txt", warn=w))
    assert article.language == "en"
    assert heard == ["boe.txt: language 'English (UK)' is not a language code; read as en"]
    good = text.replace("English (UK)", "en-GB")
    assert _heard(lambda w: parse_text(good, "boe.txt", warn=w))[1] == []


def test_json_record_date_warning_names_the_record() -> None:
    data = json.dumps(
        [
            {"title": "Held", "text": BODY, "published": "2023-09-21"},
            {"title": "Held again", "text": BODY + " Again.", "published": "2023-13-01"},
        ]
    )
    articles, heard = _heard(lambda w: parse_records(data, "boe.json", warn=w))
    assert [a.published for a in articles] == [datetime(2023, 9, 21, tzinfo=UTC), None]
    assert heard == [
        "boe.json (record 2): published date '2023-13-01' is not a valid date; ignored"
    ]


def test_html_metadata_date_that_is_not_real_is_reported() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in long_text().split("\n\n"))
    page = (
        '<html lang="en"><head><title>Spain win</title>'
        '<meta property="article:published_time" content="2023-08-32T13:15:00Z">'
        f"</head><body><article><h1>Spain win</h1>{paragraphs}</article></body></html>"
    )
    _, heard = _heard(lambda w: parse_html(page, url=None, origin="wwc.html", warn=w))
    assert (
        "wwc.html: published date in the page's metadata '2023-08-32T13:15:00Z' is not a "
        "valid date; ignored"
    ) in heard


def test_feed_entry_bad_date_and_empty_entry_are_reported() -> None:
    feed = rss(
        [
            {
                "title": "Spain are world champions",
                "link": "https://southbank.example/wwc-final",
                "pubDate": "Sun, 31 Feb 2023 13:15:00 +0000",
                "content": long_text(),
            },
            {"title": "Nothing here", "link": "https://southbank.example/empty"},
        ]
    )
    articles, heard = _heard(lambda w: parse_feed(feed, origin="sport.rss", warn=w))
    assert len(articles) == 1 and articles[0].published is None
    assert heard == [
        "sport.rss (entry 'Spain are world champions'): published date "
        "'Sun, 31 Feb 2023 13:15:00 +0000' is not a valid date; ignored",
        "sport.rss (entry 'Nothing here'): entry has no text; skipped",
    ]


def test_feed_that_is_not_well_formed_is_reported_as_read_leniently() -> None:
    feed = rss(
        [{"title": "Spain win", "link": "https://southbank.example/a", "content": long_text()}]
    )
    # a stray unclosed element: feedparser still reads the entry, but the XML is broken
    broken = feed.replace(b"</channel>", b"<item><title>Oops</item></channel>")
    articles, heard = _heard(lambda w: parse_feed(broken, origin="bad.rss", warn=w))
    assert [a.title for a in articles] == ["Spain win"]
    assert heard and heard[0].startswith("bad.rss: feed is not well-formed (")
    assert heard[0].endswith("); read leniently")


def test_bytes_that_are_not_utf8_are_reported() -> None:
    data = ("Café prices rose " * 20).encode("utf-8") + b"\xff\xfe bad" + b" more words" * 20
    _, heard = _heard(lambda w: decode_bytes(data, subject="menu.txt", warn=w))
    assert heard == ["menu.txt: invalid UTF-8 bytes replaced with U+FFFD"]
    latin = ("Les prix à Paris ont augmenté. " * 10).encode("cp1252")
    _, heard = _heard(lambda w: decode_bytes(latin, subject="paris.txt", warn=w))
    assert heard == ["paris.txt: not valid UTF-8; read as windows-1252 (a guess)"]
    _, heard = _heard(lambda w: decode_bytes(b"plain ascii text", subject="ok.txt", warn=w))
    assert heard == []


def test_zone_abbreviations_are_read_not_silently_taken_as_utc() -> None:
    # 18:00 British Summer Time is 17:00 UTC; 09:30 EST is 14:30 UTC.
    assert parse_date("Fri, 19 Jul 2024 18:00:00 BST") == datetime(2024, 7, 19, 18, tzinfo=BST)
    assert parse_date("Mon, 15 Jan 2024 09:30:00 EST") == datetime(2024, 1, 15, 14, 30, tzinfo=UTC)
    text = f"Title: Held\nPublished: Thu, 21 Sep 2023 12:00:00 XYZ\n\n{BODY}"
    article, heard = _heard(lambda w: parse_text(text, "boe.txt", warn=w))
    assert article.published == datetime(2023, 9, 21, 12, tzinfo=UTC)
    assert heard == [
        "boe.txt: published date 'Thu, 21 Sep 2023 12:00:00 XYZ' has a time zone 'XYZ' "
        "that is not understood; read as UTC"
    ]


def test_ingest_collects_warnings_per_source_and_failures_warn_nothing(tmp_path: Path) -> None:
    good = tmp_path / "held.md"
    good.write_text(f"---\ntitle: Rates held\npublished: 2024-02-30\n---\n\n{BODY}\n")
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = ingest([str(good), str(bad)])
    assert len(result.articles) == 1 and len(result.failures) == 1
    assert result.warnings == (f"{good}: published date '2024-02-30' is not a valid date; ignored",)


@pytest.mark.parametrize(
    "story",
    [
        "crowdstrike-outage-2024",
        "uk-election-2024",
        "ukraine-peace-talks-2025",
        "bank-of-england-august-2025",
        "feeds",
    ],
)
def test_bundled_examples_need_no_repair(story: str) -> None:
    result = ingest([str(ROOT / "examples" / story)])
    assert result.articles and result.warnings == ()
