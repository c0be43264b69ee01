"""Each local format is read into the right Article: body, title, outlet, dates, URL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from backstory.analyse.sentences import split_sentences
from backstory.ingest import (
    IngestError,
    IngestOptions,
    ingest,
    parse_html,
    parse_records,
    parse_text,
    read_path,
)
from backstory.models import article_id

BST = timezone(timedelta(hours=1))


def test_html_body_without_chrome_and_metadata(data: Path) -> None:
    [a] = read_path(data / "boe_rates.html")
    assert a.title == "Bank of England lifts interest rates to 5.25%, a 15-year high"
    assert a.outlet == "The Harbour Ledger"
    assert a.published == datetime(2023, 8, 3, 12, 5, tzinfo=BST)
    assert a.updated == datetime(2023, 8, 3, 16, 40, tzinfo=BST)
    assert a.language == "en"
    # canonical link, with its tracking parameter removed; the id derives from it
    assert a.canonical_url == "https://harbourledger.example/business/2023/08/03/boe-rates-525"
    assert a.id == article_id(a.canonical_url)
    assert a.text.startswith("The Bank of England raised its main interest rate")
    assert "The Bank's next decision is due on 21 September." in a.text
    assert "six members voted for the quarter-point rise" in a.text
    for chrome in (
        "Subscribe",
        "ADVERTISEMENT",
        "Sponsored",
        "Related stories",
        "mortgage renewal",
        "Typical. Savers",
        "All rights reserved",
        "Cookie settings",
        "adSlots",
        "display:flex",
    ):
        assert chrome not in a.text, chrome
    # paragraphs are separated by one blank line, which sentence splitting relies on
    assert a.text.count("\n\n") == 4
    assert "\n\n\n" not in a.text


def test_html_sentences_point_into_text(data: Path) -> None:
    [a] = read_path(data / "boe_rates.html")
    sentences = split_sentences(a)
    assert len(sentences) >= 8
    assert all(a.text[s.start : s.end] == s.text for s in sentences)


def test_html_bytes_with_declared_legacy_charset() -> None:
    body = " ".join(["Le gouvernement a présenté son budget à l'Assemblée nationale."] * 6)
    page = (
        '<html lang="fr"><head><meta charset="iso-8859-1"><title>Budget présenté</title></head>'
        f"<body><article><h1>Budget présenté</h1><p>{body}</p></article></body></html>"
    ).encode("iso-8859-1")
    a = parse_html(page, url="https://exemple.example/budget", origin="budget.html")
    assert "présenté son budget à l'Assemblée" in a.text
    assert a.language == "fr"
    assert a.url == "https://exemple.example/budget"
    assert a.published is None


def test_html_dates_from_time_element_and_garbage_meta() -> None:
    paragraph = "The council approved the new cycle lanes after a long public consultation. " * 6
    page = (
        "<html><head><title>Cycle lanes approved</title>"
        '<meta property="article:published_time" content="not a date at all">'
        "</head><body><article><h1>Cycle lanes approved</h1>"
        '<p><time datetime="2023-05-04T09:30:00Z">4 May</time></p>'
        f"<p>{paragraph}</p></article></body></html>"
    )
    a = parse_html(page, url=None, origin="lanes.html")
    assert a.published == datetime(2023, 5, 4, 9, 30, tzinfo=UTC)


def test_txt_header_block(data: Path) -> None:
    [a] = read_path(data / "boe_hold.txt")
    assert a.title == "Bank of England holds rates at 5.25% after narrow vote"
    assert a.outlet == "Northgate Courier"
    assert a.url.endswith("boe-hold?utm_source=newsletter&utm_medium=email")
    assert a.canonical_url == "https://northgatecourier.example/economy/boe-hold"
    assert a.published == datetime(2023, 9, 21, 12, 10, tzinfo=BST)
    assert a.updated == datetime(2023, 9, 21, 15, 30, tzinfo=BST)
    assert a.language == "en"
    assert a.text.startswith("The Bank of England left Bank Rate unchanged")
    assert a.text.endswith("down from 6.8% in July.")
    assert "Title:" not in a.text and a.text.count("\n\n") == 2


def test_txt_without_header_first_line_is_title(data: Path) -> None:
    [a] = read_path(data / "plain_notitle.txt")
    assert a.title == "Spain beat England to win the Women's World Cup"
    assert a.text.startswith("Spain won the Women's World Cup for the first time")
    assert a.outlet == "" and a.url is None and a.published is None
    assert a.id == read_path(data / "plain_notitle.txt")[0].id  # stable across reads


def test_text_header_ends_at_first_non_header_line() -> None:
    a = parse_text(
        "Title: Short one\nPublished: 2023-01-05\nThe body starts here without a blank line "
        "and goes on.",
        "x.txt",
    )
    assert a.title == "Short one"
    assert a.published == datetime(2023, 1, 5, tzinfo=UTC)
    assert a.text == "The body starts here without a blank line and goes on."


def test_text_garbage_date_is_none_not_error() -> None:
    a = parse_text("Title: T\nPublished: the thirty-second of Smarch\n\nSome body text.", "x.txt")
    assert a.published is None


def test_markdown_front_matter_and_markup_removed(data: Path) -> None:
    [a] = read_path(data / "cpi_august.md")
    assert a.title == "UK inflation unexpectedly eases to 6.7% in August"
    assert a.outlet == "The Fenland Observer"
    assert a.published == datetime(2023, 9, 20, 7, 0, tzinfo=UTC)
    assert a.text.startswith("Annual consumer price inflation in the UK fell to 6.7% in August")
    assert "the Office for National Statistics said" in a.text
    for markup in ("**", "](", "# ", "> ", "*hotel"):
        assert markup not in a.text


def test_json_object(data: Path) -> None:
    [a] = read_path(data / "fed_hold.json")
    assert a.title.startswith("Federal Reserve keeps rates at 22-year high")
    assert a.outlet == "Atlantic Wire Review"
    assert a.published == datetime(2023, 9, 20, 18, 30, tzinfo=UTC)
    assert a.text.count("\n\n") == 2


def test_jsonl_records_with_alias_keys(data: Path) -> None:
    first, second = read_path(data / "space.jsonl")
    assert first.title == "India lands Chandrayaan-3 near the Moon's south pole"
    assert first.outlet == "Meridian Daily"  # from "source"
    assert first.url == "https://meridiandaily.example/science/chandrayaan-3-landing"  # "link"
    assert first.text.startswith("India became the first country")  # from "body"
    assert second.outlet == "Meridian Daily"  # from "site"
    assert second.published == datetime(2023, 8, 20, tzinfo=UTC)  # date only -> UTC midnight
    assert second.text.endswith("first lunar mission since 1976.")  # from "content"


def test_json_list_and_container() -> None:
    records = '[{"title": "A", "text": "First body."}, {"title": "B", "text": "Second body."}]'
    assert [a.title for a in parse_records(records, "x.json")] == ["A", "B"]
    wrapped = '{"articles": [{"title": "C", "body": "Third body."}]}'
    assert [a.text for a in parse_records(wrapped, "x.json")] == ["Third body."]


def test_json_record_without_text_names_record() -> None:
    with pytest.raises(IngestError, match="record 2 has no text"):
        parse_records('[{"title": "A", "text": "ok"}, {"title": "B"}]', "x.json")


def test_directory_recursive_sorted(tmp_path: Path, data: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "hold.txt").write_bytes((data / "boe_hold.txt").read_bytes())
    (tmp_path / "a" / "rates.html").write_bytes((data / "boe_rates.html").read_bytes())
    (tmp_path / "a" / "space.jsonl").write_bytes((data / "space.jsonl").read_bytes())
    (tmp_path / ".hidden" / "x.txt").write_text("Secret\n\nShould not be read.")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    seen: list[str] = []
    result = ingest([str(tmp_path)], on_progress=seen.append)
    assert result.failures == ()
    assert [a.title.split()[0] for a in result.articles] == ["Bank", "India", "Russia's", "Bank"]
    assert result.articles[0].outlet == "The Harbour Ledger"  # a/rates.html comes first
    assert seen == [str(tmp_path)]
    assert [a.title for a in read_path(tmp_path)] == [a.title for a in result.articles]


def test_ingest_keeps_going_and_reports_failures(data: Path) -> None:
    sources = [
        str(data / "boe_rates.html"),
        str(data / "missing.html"),
        str(data / "empty.txt"),
        str(data / "fed_hold.json"),
    ]
    result = ingest(sources)
    assert [a.outlet for a in result.articles] == ["The Harbour Ledger", "Atlantic Wire Review"]
    assert [(f.source, f.reason) for f in result.failures] == [
        (str(data / "missing.html"), "no such file or directory"),
        (str(data / "empty.txt"), "empty file"),
    ]


def test_ingest_strict_stops_at_first_failure(data: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        ingest(
            [str(data / "missing.html"), str(data / "boe_rates.html")],
            IngestOptions(strict=True),
        )


def test_reingest_gives_same_ids(data: Path) -> None:
    options = IngestOptions(fetch_feed_links=False)
    first = ingest([str(data)], options)
    second = ingest([str(data)], options)
    assert len(first.articles) >= 7 and len(first.failures) >= 6  # fixtures include bad ones
    assert [a.id for a in first.articles] == [a.id for a in second.articles]
    assert len({a.id for a in first.articles}) == len(first.articles)


@pytest.mark.parametrize(
    ("title", "outlet", "expected"),
    [
        (
            "Sour grapes in the Ahr Valley | DW | 10.06.2013",
            "DW.COM",
            "Sour grapes in the Ahr Valley",
        ),
        (
            "Labour wins landslide - The Northern Ledger",
            "The Northern Ledger",
            "Labour wins landslide",
        ),
        # A dash inside the headline, or a part that is not the site, stays.
        ("Russia-Ukraine war | what we know", "Capital Wire", "Russia-Ukraine war | what we know"),
        ("Brexit: the deal - explained", "Harbour Post", "Brexit: the deal - explained"),
    ],
)
def test_html_title_loses_site_name_and_date_suffix(title: str, outlet: str, expected: str) -> None:
    from backstory.ingest.html import clean_title

    assert clean_title(title, outlet) == expected


def test_html_date_in_title_beats_teaser_dates_in_the_page() -> None:
    paragraph = "The winemakers of the valley pressed their grapes late after a cold spring. " * 6
    page = (
        "<html><head><title>Sour grapes | DW | 10.06.2013</title>"
        "<meta property='og:site_name' content='DW.COM'></head><body><article>"
        f"<h1>Sour grapes</h1><p>{paragraph}</p></article>"
        "<aside><h3>Related</h3><p>Harvest report 01.08.2019</p></aside></body></html>"
    )
    a = parse_html(page, url=None, origin="dw.html")
    assert a.published is not None and a.published.date().isoformat() == "2013-06-10"
    assert a.title == "Sour grapes"


def test_directory_skips_readme_files(tmp_path: Path) -> None:
    body = "The council approved the new cycle lanes after a long public consultation. " * 5
    (tmp_path / "a.txt").write_text(
        f"Title: Cycle lanes approved\nOutlet: Pennine Courier\n\n{body}"
    )
    (tmp_path / "README.md").write_text("# Sample stories\n\n" + body)
    result = ingest([str(tmp_path)])
    assert [a.title for a in result.articles] == ["Cycle lanes approved"]
    # Named explicitly, a README is read like any Markdown file.
    assert ingest([str(tmp_path / "README.md")]).articles


def test_empty_folder_is_reported_not_silently_skipped(tmp_path: Path) -> None:
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    (empty / "notes.xyz").write_text("not an article")
    result = ingest([str(empty)])
    assert not result.articles
    [failure] = result.failures
    assert failure.source == str(empty) and "no article files" in failure.reason
