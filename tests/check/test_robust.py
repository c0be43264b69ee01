"""Whatever the text, the checker returns a report whose quotes are the page's own words."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.check import CheckError, check_page, read_page

WORDS = st.sampled_from(
    "Labour won 411 seats on Thursday 4 July 2024 , nearly four years ago recent talks in Miami "
    "rose from 2% to 3% a rise of 50% Leave 51.9% Remain 48.1% • - Published: 2025-12-22 "
    "Last updated: 03 October 2023 Timeline February 2020 : this week 31 June the".split(" ")
)
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=25).map(" ".join), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None)
@given(LINES)
def test_any_text_gives_a_report_with_exact_quotes(lines: list[str]) -> None:
    data = "\n\n".join(lines).encode()
    try:
        page = read_page("random.txt", data=data)
    except CheckError:
        return
    report = check_page(page, now=datetime(2026, 1, 1, tzinfo=UTC))
    for f in report.findings:
        assert f.start is not None and f.end is not None
        assert page.text[f.start : f.end] == f.quote
