"""Reading pages: seed-shaped text, HTML from a site, backstory JSON, and bad input."""

# ruff: noqa: E501  (fixture prose reads better unbroken)
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from backstory.check import CheckError, read_page
from backstory.check.page import parse_page_date
from backstory.models import Citation, Explainer, Item, Section, SourceRef


def test_seed_text_blocks_sections_and_dates(seed_path: Path) -> None:
    page = read_page(seed_path)
    assert page.title == "Did US and Ukraine Achieve Anything Productive in Miami Talks?"
    assert page.published == datetime(2025, 12, 22, 5, 0, 11)
    assert page.updated == datetime(2023, 10, 3, tzinfo=timezone(timedelta(hours=1)))
    for block in page.blocks:
        assert page.text[block.start : block.end] == block.text
    items = [
        b for b in page.blocks if b.section == "Timeline: how we got here" and b.kind == "item"
    ]
    assert [b.text[:13] for b in items] == ["February 2020", "June 2023: US", "October 2023:"]
    sections = page.sections()
    for heading in ("Key takeaways", "Near term (0–4 weeks)", "Checklist", "FAQs"):
        assert heading in sections
    # The standfirst and meta lines sit before the first section heading.
    assert any(
        b.section == "" and b.text.startswith("The recent talks in Miami") for b in page.blocks
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03 October 2023 (BST)", datetime(2023, 10, 3, tzinfo=timezone(timedelta(hours=1)))),
        ("2024-08-12 08:00:00", datetime(2024, 8, 12, 8, 0)),  # ISO: never read day first
        ("4/7/2024", datetime(2024, 7, 4)),  # UK pages write the day first
        ("22 December 2025, 14:03 GMT", datetime(2025, 12, 22, 14, 3, tzinfo=UTC)),
    ],
)
def test_parse_page_date(text: str, expected: datetime) -> None:
    assert parse_page_date(text) == expected


HTML = """<!doctype html><html><head><title>Talks in Miami | Example</title>
<meta property="article:published_time" content="2025-12-22T05:00:11+00:00">
<meta property="article:modified_time" content="2025-12-22T09:30:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>US and Ukraine hold talks in Miami</h1>
<p>US and Ukrainian officials met in Miami over three days to discuss a revised 20-point plan for
security guarantees and economic recovery, and both sides called the talks productive.</p>
<h2>Timeline: how we got here</h2>
<ul><li>24 February 2022: Russia launches its full-scale invasion of Ukraine.</li>
<li>November 2025: A 28-point US peace plan is <b>leaked</b> to reporters.</li></ul>
<h2>Bottom line</h2>
<p>No breakthrough was announced after the talks in Miami, and disputes over territory and security
guarantees remain unresolved between the two delegations.</p></article>
<footer>Copyright Example News</footer></body></html>"""


def test_html_keeps_headings_items_and_meta_dates() -> None:
    page = read_page("talks.html", data=HTML.encode("utf-8"))
    assert page.published is not None and page.published.date().isoformat() == "2025-12-22"
    kinds = [(b.kind, b.text) for b in page.blocks]
    assert ("heading", "Timeline: how we got here") in kinds
    items = [b for b in page.blocks if b.kind == "item"]
    assert [b.section for b in items] == ["Timeline: how we got here"] * 2
    assert items[1].text == "November 2025: A 28-point US peace plan is leaked to reporters."
    assert all(page.text[b.start : b.end] == b.text for b in page.blocks)
    assert "Copyright" not in page.text and "Home" not in page.text


def _explainer() -> Explainer:
    quote = "Russia launched its full-scale invasion of Ukraine on 24 February 2022."
    cite = Citation(source="s1", quote=quote, start=0, end=len(quote))
    when = datetime(2025, 12, 22, 6, tzinfo=UTC)
    return Explainer(
        id="x1",
        created=when,
        published=when,
        updated=when,
        headline="US and Ukraine hold talks in Miami",
        standfirst=(
            Item(
                text="US and Ukrainian officials met in Miami to discuss a revised plan for ending the war that began with Russia's invasion.",
                citations=(cite,),
            ),
        ),
        sections=(
            Section(
                key="timeline",
                heading="Timeline: how we got here",
                items=(
                    Item(
                        text="Russia launches its full-scale invasion of Ukraine.",
                        label="24 February 2022",
                        date="2022-02-24",
                        citations=(cite,),
                    ),
                ),
            ),
            Section(
                key="impact",
                heading="Impact for the UK",
                note="No source yet discusses the impact on UK households.",
            ),
        ),
        sources=(SourceRef(id="s1", title="How the invasion began", outlet="Example World Desk"),),
    )


def test_backstory_json_becomes_blocks(tmp_path: Path) -> None:
    path = tmp_path / "explainer.json"
    path.write_text(_explainer().model_dump_json(), encoding="utf-8")
    page = read_page(path)
    assert page.title == "US and Ukraine hold talks in Miami"
    assert page.published == page.updated == datetime(2025, 12, 22, 6, tzinfo=UTC)
    item = next(
        b for b in page.blocks if b.kind == "item" and b.section == "Timeline: how we got here"
    )
    assert item.text == "24 February 2022: Russia launches its full-scale invasion of Ukraine."
    assert any(b.text.startswith("No source yet discusses") for b in page.blocks)
    assert any(b.section == "Sources" for b in page.blocks)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("junk.bin", bytes(range(256)) * 8, "binary"),
        (
            "menu.html",
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "(no article text|not an article)",
        ),
        ("short.txt", b"Breaking news\n\nMore soon.\n", "not an article"),
        ("other.json", json.dumps({"hello": "world"}).encode(), "not a backstory explainer"),
        ("broken.json", b'{"id": ', "invalid JSON"),
    ],
)
def test_bad_input_raises_check_error(name: str, data: bytes, message: str) -> None:
    with pytest.raises(CheckError, match=message) as info:
        read_page(name, data=data)
    assert info.value.subject == name


def test_missing_file_raises_check_error(tmp_path: Path) -> None:
    with pytest.raises(CheckError, match="cannot read"):
        read_page(tmp_path / "nope.txt")


def test_page_html_citation_apparatus_is_not_read_as_page_text() -> None:
    from backstory.check import read_page

    html = b"""<html><head><title>Rates explained</title></head><body><main><article>
    <h1>Rates explained</h1>
    <p>The Bank of England cut Bank Rate to 4% on 7 August 2025 after a second vote.<sup class="cite-ref"><a href="#cite-1">[1]</a></sup></p>
    <p>The Monetary Policy Committee voted five to four for the cut, its members said afterwards.<sup>2</sup></p>
    <section data-nocheck><h2>Cited passages</h2><ol><li><blockquote>Inflation rose last month to 3.8%, figures showed yesterday.</blockquote></li></ol></section>
    </article></main></body></html>"""
    page = read_page("explainer.html", data=html)
    assert "4% on 7 August 2025" in page.text
    assert "[1]" not in page.text and "yesterday" not in page.text
    assert "cut.2" not in page.text.replace(" ", "")


BODY = (
    "Rachel Reeves set out her first Budget to MPs on 30 October 2024, raising employer "
    "National Insurance to 15% from April 2025 and lifting the minimum wage to £12.21 an hour."
)


def test_html_times_marked_after_published_and_last_updated_are_read_exactly() -> None:
    """Trafilatura's main text may drop the byline; the <time datetime> after "Published" and
    "Last updated" still gives both times, to the minute and with their offsets."""
    html = (
        "<html><head><title>Budget 2024</title></head><body><article><h1>Budget 2024</h1>"
        '<p class="byline">Published <time datetime="2024-10-30T18:05:00+00:00">30 October</time>'
        ' · Last updated <time datetime="2023-10-30T09:00:00+01:00">a year ago</time></p>'
        f"<p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    page = read_page("budget.html", data=html.encode())
    assert page.published == datetime(2024, 10, 30, 18, 5, tzinfo=UTC)
    assert page.updated == datetime(2023, 10, 30, 9, tzinfo=timezone(timedelta(hours=1)))


def test_markdown_markup_and_footnotes_do_not_read_as_figures_or_items() -> None:
    md = (
        "# Budget 2024\n\n*Published 30 October 2024, 18:05 UTC · Politics*\n\n"
        "## Numbers that matter\n\n"
        f"- **15%**: {BODY}[^1]\n\n"
        "[^1]: Harbour Post, 30 October 2024: “Employer contributions rise to 15% in 2025.”\n"
    )
    page = read_page("budget.md", data=md.encode())
    for block in page.blocks:
        assert page.text[block.start : block.end] == block.text
    assert page.published == datetime(2024, 10, 30, 18, 5, tzinfo=UTC)
    assert "Numbers that matter" in page.sections()
    (item,) = [b for b in page.blocks if b.kind == "item"]
    assert "[^1]" not in item.text and "**" not in item.text
    assert "Harbour Post" not in page.text  # the cited passages are ours, not the page's claims


def test_page_dates_read_the_same_zone_abbreviations_as_ingest() -> None:
    """One table of zone abbreviations serves ingest and the checker: a page's own date in
    Sydney or Moscow time is read at its offset, as a feed's would be."""
    assert parse_page_date("1 March 2025 09:00 AEST") == datetime(
        2025, 3, 1, 9, tzinfo=timezone(timedelta(hours=10))
    )
    assert parse_page_date("1 March 2025 09:00 MSK") == datetime(
        2025, 3, 1, 9, tzinfo=timezone(timedelta(hours=3))
    )
