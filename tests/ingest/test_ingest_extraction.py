"""How parse_html drives trafilatura: its fast mode first, the full mode only for stubs, and
trafilatura's metadata only for what Open Graph does not give."""

from __future__ import annotations

from typing import Any

import pytest
import trafilatura
from ingest_helpers import DATA

from backstory.ingest import html as html_module
from backstory.ingest.html import parse_html

BOE = (DATA / "boe_rates.html").read_bytes()


def spy_extraction(monkeypatch: pytest.MonkeyPatch, fast_text: str | None = None) -> list[bool]:
    """Records the ``fast`` flag of each trafilatura call; with ``fast_text``, the fast mode
    returns that text instead of its own (a stub, as on pages it cannot read)."""
    real = trafilatura.bare_extraction
    calls: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(bool(kwargs.get("fast")))
        doc = real(*args, **kwargs)
        if kwargs.get("fast") and fast_text is not None:
            doc.text = fast_text
        return doc

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", spy)
    return calls


def test_article_page_is_read_by_the_fast_mode_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = spy_extraction(monkeypatch)
    a = parse_html(BOE, url=None, origin="boe.html")
    assert calls == [True]
    assert a.text.startswith("The Bank of England raised its main interest rate")


def test_stub_from_fast_mode_falls_back_to_the_full_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    full = parse_html(BOE, url=None, origin="boe.html").text
    calls = spy_extraction(monkeypatch, fast_text="Subscribe to read the full story.")
    a = parse_html(BOE, url=None, origin="boe.html")
    assert calls == [True, False]
    assert a.text == full


def test_fast_text_much_shorter_than_the_page_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Longer than trafilatura's minimum but well under half the page's paragraph text: the
    fast mode kept one paragraph of five, which is when the full mode's comparison with
    readability helps."""
    full = parse_html(BOE, url=None, origin="boe.html").text
    first = full.split("\n\n")[1]
    assert len(first) >= 250 and len(first) < len(full) / 2
    calls = spy_extraction(monkeypatch, fast_text=first)
    assert parse_html(BOE, url=None, origin="boe.html").text == full
    assert calls == [True, False]


PLAIN_PAGE = """<!doctype html><html lang="en"><head>
<title>Ferry timetable cut for winter - Solent Courier</title>
<meta name="application-name" content="Solent Courier">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry timetable cut for winter</h1>
<p>The Isle of Wight ferry operator will run two sailings an hour instead of three from
4 November 2024, it said on Monday, citing lower passenger numbers after the summer.</p>
<p>Islanders who commute to Southampton said the change would add up to half an hour to
their journeys, and the council said it would ask the operator to reconsider.</p>
<p>The operator said the summer timetable would return in April 2025.</p>
</article><footer>Copyright Solent Courier</footer></body></html>"""


def test_page_without_open_graph_takes_title_and_outlet_from_trafilatura() -> None:
    a = parse_html(PLAIN_PAGE, url="https://solentcourier.example/ferry", origin="ferry.html")
    assert a.title == "Ferry timetable cut for winter"
    assert a.outlet == "Solent Courier"
    assert a.canonical_url == "https://solentcourier.example/ferry"
    assert a.text.startswith("The Isle of Wight ferry operator")
    assert "Copyright" not in a.text and "Home" not in a.text
