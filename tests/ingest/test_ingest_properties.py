"""Property tests (issue 9): the parsers raise nothing but IngestError on arbitrary input,
and what they return keeps the Article invariants."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstory.errors import IngestError
from backstory.ingest import canonical_url, parse_feed, parse_html, parse_records, parse_text
from backstory.ingest.textnorm import decode_bytes, parse_date
from backstory.models import Article

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with the characters that tend to break parsers: controls, bidi, zero-width, markup.
nasty_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("\u200b\u202e\u2066\ufeff\r\n\t<>&\"':#*[]{}")),
    ),
    max_size=400,
)


def check(article: Article) -> None:
    assert article.text.strip()
    assert "\r" not in article.text and "\n\n\n" not in article.text
    assert "\u202e" not in article.title and "\u200b" not in article.title
    assert "\n" not in article.title
    for value in (article.published, article.updated):
        assert value is None or (isinstance(value, datetime) and value.tzinfo is not None)


@FAST
@given(nasty_text)
def test_parse_text_total(text: str) -> None:
    try:
        check(parse_text(text, "fuzz.txt"))
    except IngestError:
        pass


@FAST
@given(nasty_text)
def test_parse_markdown_total(text: str) -> None:
    try:
        check(parse_text(text, "fuzz.md"))
    except IngestError:
        pass


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | nasty_text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["title", "text", "body", "url", "published", "outlet", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@FAST
@given(json_values)
def test_parse_records_total(value: object) -> None:
    import json

    try:
        for article in parse_records(json.dumps(value), "fuzz.json"):
            check(article)
    except IngestError:
        pass


@FAST
@given(nasty_text, st.sampled_from(["p", "div", "article", "script", "title", "time"]))
def test_parse_html_total(text: str, tag: str) -> None:
    page = f"<html><head><title>{text[:40]}</title></head><body><{tag}>{text}</{tag}></body>"
    try:
        check(parse_html(page * 3, url=None, origin="fuzz.html"))
    except IngestError:
        pass


@FAST
@given(st.binary(max_size=600))
def test_parse_feed_total_on_bytes(data: bytes) -> None:
    try:
        for article in parse_feed(b"<rss version='2.0'><channel>" + data, origin="f", fetch=None):
            check(article)
    except IngestError:
        pass


@FAST
@given(st.binary(max_size=600))
def test_decode_bytes_total(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data), str)
    except IngestError as exc:
        assert "undecodable" in exc.message


@FAST
@given(st.one_of(nasty_text, st.integers(), st.floats(), st.none()))
def test_parse_date_never_raises(value: object) -> None:
    result = parse_date(value)
    assert result is None or result.tzinfo is not None


@FAST
@given(nasty_text)
def test_canonical_url_total_and_idempotent(text: str) -> None:
    url = "https://example.com/" + text
    once = canonical_url(url)
    assert canonical_url(once) == once
