"""Hostile-input generators and per-parser invariant checks, shared by the property tests
(tests/reliability/test_fuzz_parsers.py, modest example counts) and bench/reliability.py
(the same generators at higher counts, tallying crashes instead of stopping at the first).

Each target takes one generated input, runs one parser, and raises AssertionError when an
invariant breaks; any exception other than the stage's own error type is a crash. The
generators mix structured fragments each parser is meant to understand (dates, figures,
feed and header syntax) with characters that tend to break parsers (controls, bidi,
zero-width, surrogate-range escapes, markup), because purely random text rarely reaches the
interesting branches.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from backstory.errors import AnalyseError, CheckError, IngestError

# --- building blocks --------------------------------------------------------------------

NASTY_CHARS = list(
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"  # bidi controls
    "\u0000\u0001\u0007\u000b\u000c\u001b\u007f\u0085\u2028\u2029"  # controls, separators
    "\r\n\t <>&\"'`:#*[]{}()\\/%;="
    "\ufffd\u00a0\u2013\u2014\u2019\u201c\u201d\u2018"  # replacement, nbsp, dashes, quotes
    "\u05d0\u0627\u0661\u06f5\u0966\u096f\uff11"  # Hebrew, Arabic, non-ASCII digits
)

nasty_text = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(NASTY_CHARS)),
    max_size=300,
)

WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "in",
    "by",
    "about",
    "almost",
    "nearly",
    "more than",
    "rose",
    "fell",
    "to",
    "from",
    "per cent",
    "%",
    "million",
    "bn",
    "£",
    "$",
    "€",
    "Bank",
    "of",
    "England",
    ".",
    ",",
    "\n\n",
    "—",
    "“",
    "”",
    '"',
    "'",
    "-",
    "(",
    ")",
]

DATE_BITS = [
    "31 February 2024",
    "29 February 2023",
    "29 February 2024",
    "0 March 2020",
    "32 January 2021",
    "9999-12-31",
    "0000-01-01",
    "2024-13-01",
    "2024-02-30",
    "1/2/3",
    "13/13/2013",
    "12/31/2024",
    "99/99/99",
    "Monday 31 June",
    "on Sunday",
    "last Friday",
    "next Tuesday",
    "the next day",
    "the day before",
    "two days later",
    "four years ago",
    "10000000000 years ago",
    "99999999999999999999 days later",
    "1e308 years ago",
    "a million years ago",
    "in the 1990s",
    "the 990s",
    "the 21st century",
    "the 99th century",
    "the 0th century",
    "Q5 2024",
    "Q4 9999",
    "H3 2024",
    "summer 9999",
    "winter 0001",
    "last winter",
    "Christmas",
    "Easter 9999",
    "Easter 0001",
    "the weekend",
    "this week",
    "week 53 of 2021",
    "at 25:61",
    "at 9.75pm",
    "at 24:00",
    "at noon",
    "midnight",
    "every Monday",
    "twice a year",
    "weekdays",
    "for three and a half years",
    "for 1.5e10 days",
    "since 2019",
    "until 2030",
    "between 2001 and 1999",
    "mid-2024",
    "early 1900",
    "late 3000",
    "the past decade",
    "the coming months",
    "Jan.",
    "Sept 31",
    "December 2024",
    "2024",
    "1066",
    "0",
    "now",
    "today",
    "tomorrow",
    "yesterday",
    "this morning",
    "tonight",
    "last night",
    "earlier this year",
    "later that month",
    "the first quarter",
    "the second half",
    "year-end",
    "on 4 July",
    "July 4th, 1776",
    "May",
    "March",
    "Sunday's",
    "a week on Friday",
    "fortnight",
    "the 80s",
    "'90s",
]

NUMBER_BITS = [
    "1,717",
    "8.5 million",
    "£1.2bn",
    "$3.4tn",
    "€0",
    "two and a half",
    "a dozen",
    "half a million",
    "twenty-five",
    "1e308",
    "1e309",
    "9" * 400,
    "0." + "0" * 300 + "1",
    "1,2,3,4,5",
    "1,,000",
    "12.34.56",
    "−5%",
    "-0",
    "+7",
    "3/4",
    "½",
    "¾ of",
    "1 in 3",
    "one in five",
    "a third",
    "99.999%",
    "1000000000000000000000 people",
    "million million billion",
    "zero",
    "nought",
    "hundreds of thousands",
    "dozens",
    "a hundred and one",
    "ninety-nine point nine",
    "5p",
    "4.25%",
    "£",
    "$",
    "%",
    "bn",
    "٣",
    "١٢٣",
    "１２３",
    "Ⅻ",
    "2²",
    "10^6",
    "0x1F",
    "1_000",
    "3 to 4",
    "3-4 per cent",
    "between 3 and 4",
    "up to 500",
    "more than 1,000",
    "about 20",
    "nearly 1 in 10",
]


def _join(parts: list[str], seps: list[str]) -> str:
    out = []
    for i, part in enumerate(parts):
        out.append(part)
        if i < len(seps):
            out.append(seps[i])
    return "".join(out)


def structured(bits: list[str], extra: list[str] = WORDS) -> st.SearchStrategy[str]:
    """Sentences built from ``bits`` and filler words, joined by spaces or nasty characters."""
    piece = st.one_of(
        st.sampled_from(bits), st.sampled_from(extra), nasty_text.map(lambda s: s[:8])
    )
    sep = st.one_of(st.just(" "), st.just(". "), st.sampled_from(NASTY_CHARS))
    return st.lists(st.tuples(piece, sep), max_size=25).map(
        lambda pairs: _join([p for p, _ in pairs], [s for _, s in pairs])
    )


date_text = st.one_of(structured(DATE_BITS), nasty_text)
number_text = st.one_of(structured(NUMBER_BITS), nasty_text)

dcts = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ),
    st.sampled_from(
        [
            date(1, 1, 1),
            date(9999, 12, 31),
            datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
            datetime(2024, 2, 29, 12, tzinfo=timezone(timedelta(hours=-12))),
            date(2025, 12, 22),
        ]
    ),
)

# --- ingest inputs ------------------------------------------------------------------------

HEADER_KEYS = ["Title", "Outlet", "URL", "Published", "Updated", "Language", "Author", "X-Odd"]
HEADER_VALUES = [
    "",
    "2024-07-05",
    "5 July 2024 09:00 BST",
    "9999-99-99",
    "javascript:alert(1)",
    "http://[::1]/",
    "https://ex.example/a?b=c#d",
    "<script>alert(1)</script>",
    "en-GB",
    "\u202eevil",
    "31/02/2024",
    "yesterday",
    "1e308",
]

front_matter = st.tuples(
    st.lists(
        st.tuples(
            st.sampled_from([k.lower() for k in HEADER_KEYS]), st.sampled_from(HEADER_VALUES)
        ),
        max_size=6,
    ),
    structured(DATE_BITS + NUMBER_BITS),
).map(lambda t: "---\n" + "\n".join(f"{k}: {v}" for k, v in t[0]) + "\n---\n\n" + t[1])

text_files = st.one_of(
    nasty_text,
    front_matter,
    st.tuples(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(HEADER_KEYS), nasty_text.map(lambda s: s[:10])),
                st.one_of(st.sampled_from(HEADER_VALUES), nasty_text.map(lambda s: s[:40])),
            ),
            max_size=8,
        ),
        st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n", "\n---\n", ""]),
        st.one_of(structured(DATE_BITS + NUMBER_BITS), nasty_text),
        st.booleans(),
    ).map(
        lambda t: ("---\n" if t[3] else "") + "\n".join(f"{k}: {v}" for k, v in t[0]) + t[1] + t[2]
    ),
)

RECORD_KEYS = [
    "title",
    "text",
    "body",
    "content",
    "url",
    "published",
    "updated",
    "outlet",
    "language",
    "x",
    "",
    "id",
]
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    nasty_text,
    st.sampled_from(HEADER_VALUES),
)
json_values = st.recursive(
    json_leaf,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(RECORD_KEYS), children, max_size=6)
    ),
    max_leaves=15,
)


def _dumps(value: Any) -> str:
    return json.dumps(value, allow_nan=True)


record_files = st.one_of(
    json_values.map(_dumps),
    st.lists(json_values.map(_dumps), max_size=4).map("\n".join),  # JSON Lines
    nasty_text,
    st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n),  # deep nesting
    st.integers(min_value=1, max_value=3000).map(lambda n: '{"text":' * n),
)

HTML_TAGS = [
    "p",
    "div",
    "article",
    "main",
    "script",
    "style",
    "iframe",
    "title",
    "time",
    "h1",
    "h2",
    "li",
    "ul",
    "table",
    "td",
    "noscript",
    "svg",
    "math",
    "template",
    "object",
    "meta",
    "base",
    "a",
    "img",
    "br",
    "pre",
    "textarea",
    "xmp",
    "plaintext",
]
HTML_ATTRS = [
    "",
    ' onload="alert(1)"',
    ' src="javascript:alert(1)"',
    ' href="//evil.example"',
    ' property="article:published_time" content="9999-99-99"',
    ' datetime="2024-02-30"',
    ' charset="utf-7"',
    ' http-equiv="refresh" content="0;url=http://169.254.169.254/"',
    ' lang="\u202e"',
    " class=" + "x" * 200,
]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(HTML_TAGS))
        if kind == 0:
            parts.append(f"<{tag}{draw(st.sampled_from(HTML_ATTRS))}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(structured(DATE_BITS + NUMBER_BITS)))
        elif kind == 3:
            parts.append(draw(nasty_text))
        else:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "<!--",
                            "-->",
                            "<![CDATA[",
                            "]]>",
                            "&amp;",
                            "&#0;",
                            "&#x110000;",
                            "&bogus;",
                            "<!DOCTYPE",
                            "<?xml ?>",
                            "<",
                            ">",
                            "&",
                        ]
                    )
                )
            )
    body = "".join(parts)
    # repeat so trafilatura sees enough text to consider it an article now and then
    return f"<html><head><title>{body[:60]}</title></head><body><article>{body}</article>" * draw(
        st.integers(1, 3)
    )


FEED_PIECES = [
    "<item>",
    "</item>",
    "<entry>",
    "</entry>",
    "<title>",
    "</title>",
    "<link>",
    "</link>",
    "<link href='http://127.0.0.1/'/>",
    "<description>",
    "</description>",
    "<content:encoded>",
    "</content:encoded>",
    "<pubDate>",
    "</pubDate>",
    "<published>",
    "</published>",
    "Sun, 31 Feb 2024 25:61:00 +9999",
    "9999-12-31T23:59:59Z",
    "<![CDATA[<p>text</p>]]>",
    "&lt;script&gt;",
    "&amp;",
    "&bogus;",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "<!ENTITY",
    "SYSTEM 'file:///etc/passwd'",
    "<?xml version='1.0' encoding='utf-16'?>",
    "<?xml version='1.0' encoding='bogus'?>",
    "<rss version='2.0'>",
    "<channel>",
    "</channel>",
    "</rss>",
    "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "</feed>",
]


@st.composite
def feed_documents(draw: st.DrawFn) -> bytes:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(FEED_PIECES),
                structured(DATE_BITS),
                nasty_text.map(lambda s: s[:30]),
            ),
            max_size=40,
        )
    )
    text = "".join(parts)
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "raw"]))
    if encoding == "raw":
        return text.encode("utf-8", "surrogatepass") + draw(st.binary(max_size=40))
    return text.encode(encoding, "replace")


feed_inputs = st.one_of(
    feed_documents(),
    st.binary(max_size=600).map(lambda b: b"<rss version='2.0'><channel>" + b),
)


# page reader: text pages shaped like the seed, HTML pages and JSON
@st.composite
def text_pages(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "Published: 03 October 2023 (BST)",
                        "Last updated: 2025-12-22 05:00:11",
                        "Updated: 31 February 2024",
                        "Published: yesterday",
                        "Date: 9999-99-99",
                        "Published - 1e308",
                        "• ",
                        "- item",
                        "– item",
                        "Risks",
                        "",
                        "Timeline",
                    ]
                ),
                structured(DATE_BITS + NUMBER_BITS),
                nasty_text.map(lambda s: s[:80]),
            ),
            max_size=30,
        )
    )
    return "\n".join(lines)


page_inputs = st.one_of(
    text_pages().map(lambda s: ("page.txt", s.encode("utf-8", "surrogatepass"))),
    html_pages().map(lambda s: ("page.html", s.encode("utf-8", "surrogatepass"))),
    json_values.map(lambda v: ("page.json", _dumps(v).encode())),
    json_values.map(lambda v: ("page.json", _dumps({"explainer": v}).encode())),
    st.binary(max_size=500).map(lambda b: ("page.bin", b)),
)

# --- invariant checks -----------------------------------------------------------------------

TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DUR = re.compile(
    rf"P(?:(?:{_NUM}(?:DE|CE|WE|Y|M|W|D|Q|H))+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)"
)
_PART_OF_DAY = r"(?:MO|AF|EV|NI|DT)"
_CLOCK = rf"T(?:\d{{2}}(?::\d{{2}}(?::\d{{2}})?)?|{_PART_OF_DAY})(?:[+-]\d{{2}}:?\d{{2}}|Z)?"
_DATE_POINT = re.compile(
    r"(?P<y>\d{4}|XXXX)(?:-(?P<m>\d{2}|XX)(?:-(?P<d>\d{2}|XX))?)?"
    rf"(?P<t>{_CLOCK})?"
)
_DATE_OTHER = re.compile(
    r"(?:\d{4}|XXXX)-(?:W(?:\d{2}|XX)(?:-WE|-\d)?|Q[1-4X]|H[12X]|SP|SU|FA|WI)"
    r"|\d{3}|\d{2}|PAST_REF|PRESENT_REF|FUTURE_REF"
)
_CLOCK_ONLY = re.compile(_CLOCK)


def timex_value_ok(kind: str, value: str) -> str | None:
    """None when ``value`` is a valid TIMEX3 value for ``kind``; else why not."""
    if value == "":
        return None  # the tagger's way to say "recognised but not resolvable"
    if kind in ("DURATION", "SET") and _DUR.fullmatch(value):
        return None
    if kind == "DURATION":
        return "not a TIMEX3 duration"
    if _DATE_OTHER.fullmatch(value):
        m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-(?:WE|\d))?", value)
        if m:
            try:
                date.fromisocalendar(int(m[1]), int(m[2]), 1)
            except ValueError:
                return "no such ISO week"
        return None
    if _CLOCK_ONLY.fullmatch(value):
        return None
    m = _DATE_POINT.fullmatch(value)
    if not m:
        return "not a TIMEX3 date/time"
    if m["y"] != "XXXX" and m["m"] and m["m"] != "XX":
        if not 1 <= int(m["m"]) <= 12:
            return "month out of range"
        if m["d"] and m["d"] != "XX":
            try:
                date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                return "no such day"
    elif m["m"] and m["m"] != "XX" and not 1 <= int(m["m"]) <= 12:
        return "month out of range"
    if m["t"]:
        hm = re.match(r"T(\d{2}):(\d{2})", m["t"])
        if hm and not (int(hm[1]) <= 24 and int(hm[2]) <= 59):
            return "clock out of range"
    return None


def check_temporal(args: tuple[str, Any]) -> None:
    from backstory.analyse.temporal import tag

    text, dct = args
    try:
        timexes = tag(text, dct)
    except AnalyseError:
        return
    last_end = 0
    for t in timexes:
        assert 0 <= t.start < t.end <= len(text), (t, len(text))
        assert text[t.start : t.end] == t.text, t
        assert t.start >= last_end, f"overlapping or unordered timexes at {t.start}"
        last_end = t.end
        assert t.type in TIMEX_TYPES, t.type
        why = timex_value_ok(t.type, t.value)
        assert why is None, f"{t.type} value {t.value!r} for {t.text!r}: {why}"


def check_numbers(text: str) -> None:
    import math

    from backstory.analyse.numbers import extract_numbers

    try:
        quantities = extract_numbers(text)
    except AnalyseError:
        return
    for q in quantities:
        assert 0 <= q.start < q.end <= len(text), (q, len(text))
        assert text[q.start : q.end] == q.text, q
        assert isinstance(q.value, float | int) and not math.isnan(q.value), q


def check_quotes(text: str) -> None:
    from backstory.analyse.quotes import extract_quotes

    try:
        quotes = extract_quotes(text, include_scare=True)
    except AnalyseError:
        return
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text), (q, len(text))
        assert text[q.start : q.end] == q.text, q  # verbatim


def _check_article(article: Any) -> None:
    from backstory.models import Article

    assert isinstance(article, Article)
    assert article.text.strip()
    assert "\u202e" not in article.title and "\u200b" not in article.title
    assert "\n" not in article.title
    for value in (article.published, article.updated):
        assert value is None or (isinstance(value, datetime) and value.tzinfo is not None)
    if article.url is not None:
        assert article.url.startswith(("http://", "https://")), article.url


def check_text(text: str) -> None:
    from backstory.ingest import parse_text

    for origin in ("fuzz.txt", "fuzz.md"):
        try:
            _check_article(parse_text(text, origin))
        except IngestError as exc:
            _check_error(exc, origin)


def check_records(text: str) -> None:
    from backstory.ingest import parse_records

    for origin in ("fuzz.json", "fuzz.jsonl"):
        try:
            for article in parse_records(text, origin):
                _check_article(article)
        except IngestError as exc:
            _check_error(exc, origin)


def check_html(page: str) -> None:
    from backstory.ingest import parse_html

    try:
        _check_article(parse_html(page, url=None, origin="fuzz.html"))
    except IngestError as exc:
        _check_error(exc, "fuzz.html")
    try:  # the bytes path sniffs a charset first
        _check_article(
            parse_html(page.encode("utf-8", "surrogatepass"), url=None, origin="fuzz.html")
        )
    except IngestError as exc:
        _check_error(exc, "fuzz.html")


def check_feed(data: bytes) -> None:
    from backstory.ingest import parse_feed

    def no_network(url: str) -> bytes:
        raise IngestError("fetching disabled in fuzzing", url)

    try:
        for article in parse_feed(data, origin="fuzz.rss", fetch=no_network):
            _check_article(article)
    except IngestError as exc:
        _check_error(exc, None)


def check_page(args: tuple[str, bytes]) -> None:
    from backstory.check import read_page

    origin, data = args
    try:
        page = read_page(origin, data=data)
    except CheckError as exc:
        _check_error(exc, origin)
        return
    for block in page.blocks:
        assert 0 <= block.start <= block.end <= len(page.text)
        assert page.text[block.start : block.end] == block.text, block
    for value in (page.published, page.updated):
        assert value is None or 1900 <= value.year <= 2100


def _check_error(exc: Exception, origin: str | None) -> None:
    """The stage's error: one line, naming its input."""
    text = str(exc)
    assert "\n" not in text, f"multi-line error: {text!r}"
    assert "Traceback" not in text
    if origin is not None:
        assert getattr(exc, "subject", None) is not None, f"error names no input: {text!r}"


@dataclass(frozen=True)
class Target:
    """One parser under fuzz: its generator, its check and the error type it may raise."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]


TARGETS: tuple[Target, ...] = (
    Target("ingest.parse_html", html_pages(), check_html),
    Target("ingest.parse_feed", feed_inputs, check_feed),
    Target("ingest.parse_text", text_files, check_text),
    Target("ingest.parse_records", record_files, check_records),
    Target("analyse.temporal.tag", st.tuples(date_text, dcts), check_temporal),
    Target("analyse.numbers.extract_numbers", number_text, check_numbers),
    Target("analyse.quotes.extract_quotes", structured(NUMBER_BITS, WORDS), check_quotes),
    Target("check.read_page", page_inputs, check_page),
)
