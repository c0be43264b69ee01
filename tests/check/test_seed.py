"""The seed page: what `backstory check` must find on it, with and without sources."""

# ruff: noqa: E501  (fixture prose reads better unbroken)
from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from backstory.check import check_page, read_page
from backstory.models import Article

NOW = datetime(2025, 12, 23, 12, tzinfo=UTC)


def _errors(report, code: str):  # type: ignore[no-untyped-def]
    return [f for f in report.findings if f.code == code and f.severity == "error"]


def test_seed_errors_without_sources(seed_path: Path) -> None:
    page = read_page(seed_path)
    report = check_page(page, now=NOW)
    order = _errors(report, "updated-before-published")
    assert [f.quote for f in order] == ["Last updated: 03 October 2023 (BST)"]
    # "Nearly four years" since February 2020 on a page of 22 December 2025 is 5.8 years:
    # found both where the page says it with the date and where it says "ago".
    durations = {f.quote: f for f in _errors(report, "duration-mismatch")}
    assert set(durations) == {"nearly four years ago", "Nearly four years"}
    assert "February 2020" in (durations["nearly four years ago"].evidence or "")
    assert "5.9 years" in durations["Nearly four years"].message
    # "The recent talks in Miami" while the page's own timeline dates them October 2023.
    recent = _errors(report, "relative-time-mismatch")
    standfirst = [f for f in recent if f.section == ""]
    assert standfirst and standfirst[0].quote == "recent"
    assert "October 2023: Miami talks take place" in (standfirst[0].evidence or "")
    assert any(f.section == "New today/this week" and f.quote == "most recent" for f in recent)
    for f in report.findings:
        assert page.text[f.start : f.end] == f.quote
    assert report.exit_code() == 1


def test_seed_generic_sections_are_filler(seed_path: Path) -> None:
    report = check_page(read_page(seed_path), now=NOW)
    filler = {f.section for f in report.findings if f.code == "filler-section"}
    assert {
        "Consumers and households",
        "Businesses and jobs",
        "Policy and regulation",
        "Checklist",
    } <= filler
    # Sections that name this story's people, figures or dates are not filler.
    assert not filler & {"What’s happening now", "Timeline: how we got here", "Key takeaways"}
    assert all(f.severity == "warning" for f in report.findings if f.code == "filler-section")


def test_seed_dates_contradicted_by_sources(seed_path: Path, miami_sources: list[Article]) -> None:
    page = read_page(seed_path)
    report = check_page(page, sources=miami_sources, now=NOW)
    contradicted = {(f.section, f.quote): f for f in _errors(report, "date-contradicts-source")}
    invasion = contradicted[("Timeline: how we got here", "February 2020")]
    assert "24 February 2022" in (invasion.evidence or "")
    plan = contradicted[("Timeline: how we got here", "June 2023")]
    assert "November 2025" in (plan.evidence or "")
    assert ("Numbers that matter", "June 2023") in contradicted
    assert ("Timeline: how we got here", "October 2023") in contradicted
    # A name no source mentions is reported with the closest passage as evidence.
    names = [f for f in report.findings if f.code == "unsupported-name"]
    assert any("Vladimir Putin" in f.quote for f in names)
    assert all(f.severity == "warning" and f.evidence for f in names)


def test_json_report_shape(seed_path: Path) -> None:
    page = read_page(seed_path)
    payload = json.loads(json.dumps(check_page(page, now=NOW).to_json()))
    assert payload["summary"]["errors"] >= 3
    for f in payload["findings"]:
        assert set(f) >= {"code", "severity", "message", "quote", "section", "evidence"}
        assert f["severity"] in ("error", "warning", "info")
        assert f["quote"] and f["quote"] in page.text
        assert page.text[f["start"] : f["end"]] == f["quote"]


def test_text_report_groups_by_section_and_quotes(seed_path: Path) -> None:
    text = check_page(read_page(seed_path), now=NOW).render_text()
    assert "== Timeline: how we got here ==" in text
    assert '"nearly four years ago"' in text
    assert text.index("== (top of page) ==") < text.index("== Timeline: how we got here ==")


def test_clean_page_has_no_errors_and_exit_zero(seed_path: Path) -> None:
    fixed = read_page(seed_path).text
    for wrong, right in (
        ("Last updated: 03 October 2023 (BST)", "Last updated: 22 December 2025 (GMT)"),
        ("February 2020", "February 2022"),
        ("June 2023", "November 2025"),
        ("October 2023", "December 2025"),
    ):
        fixed = fixed.replace(wrong, right)
    report = check_page(read_page("fixed.txt", data=fixed.encode()), now=NOW)
    assert report.errors == ()
    assert report.exit_code() == 0
