"""Canonical URLs and duplicate detection: exact (URL, text) and near (MinHash)."""

from __future__ import annotations

from ingest_helpers import long_text

from backstory.ingest import canonical_url, deduplicate, parse_records
from backstory.ingest.article import build_article


def art(text: str, url: str | None = None, origin: str = "", summary_only: bool = False):
    return build_article(
        title="T", text=text, url=url, origin=origin or (url or "x"), summary_only=summary_only
    )


def test_canonical_url_rules() -> None:
    assert (
        canonical_url(
            "HTTPS://News.Example.COM:443/world/story/?utm_source=tw&b=2&fbclid=x&a=1&gclid=y#top"
        )
        == "https://news.example.com/world/story?a=1&b=2"
    )
    assert canonical_url("http://example.com:8080/a/") == "http://example.com:8080/a"
    assert canonical_url("https://example.com/") == "https://example.com"
    assert canonical_url("https://example.com/a?id=5") == "https://example.com/a?id=5"


def test_exact_url_duplicate_with_tracking_params() -> None:
    a = art("First article body about the budget.", "https://n.example/budget?utm_medium=rss")
    b = art("Different wording entirely, same page.", "https://www.n.example/budget/#comments")
    kept, dropped = deduplicate([a, b])
    assert kept == [a]
    assert dropped == [("https://www.n.example/budget/#comments", a.id)]


def test_exact_text_duplicate_ignores_case_and_spacing() -> None:
    a = art("The Bank held rates at 5.25%.\n\nIt was a close vote.", "https://a.example/1")
    b = art("the bank held rates at 5.25%. it was a CLOSE vote!", "https://b.example/2")
    kept, dropped = deduplicate([a, b])
    assert kept == [a] and dropped == [("https://b.example/2", a.id)]


def test_near_duplicate_with_a_few_words_changed() -> None:
    original = long_text()
    edited = (
        original.replace("Sunday", "Sunday evening")
        .replace("more than 75,000", "over 75,000")
        .replace("remarkable", "wonderful")
    )
    assert edited != original
    a, b = art(original, "https://a.example/wwc"), art(edited, "https://b.example/wwc")
    kept, dropped = deduplicate([a, b])
    assert kept == [a] and dropped == [("https://b.example/wwc", a.id)]


def test_distinct_articles_on_same_event_kept(data) -> None:
    wwc = art(long_text(), "https://a.example/wwc")
    records = parse_records((data / "space.jsonl").read_text(), "space.jsonl")
    rates = (data / "boe_hold.txt").read_text().split("\n\n", 1)[1]
    other = art(rates, "https://c.example/rates")
    kept, dropped = deduplicate([wwc, *records, other])
    assert kept == [wwc, *records, other] and dropped == []


def test_full_article_replaces_earlier_blurb_with_same_url() -> None:
    blurb = art("Spain beat England.", "https://a.example/wwc", summary_only=True)
    full = art(long_text(), "https://a.example/wwc?utm_source=x", origin="page.html")
    kept, dropped = deduplicate([blurb, full])
    assert kept == [full]
    assert dropped == [("https://a.example/wwc", full.id)]


def test_later_blurb_dropped_for_full_article() -> None:
    full = art(long_text(), "https://a.example/wwc")
    blurb = art("Spain beat England.", "https://a.example/wwc", summary_only=True, origin="f.rss")
    kept, dropped = deduplicate([full, blurb])
    assert kept == [full] and dropped == [("f.rss", full.id)]
