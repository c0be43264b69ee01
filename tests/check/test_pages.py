"""Every hand-written page: planted errors found with their code, no error on correct pages."""

# ruff: noqa: E501  (fixture prose reads better unbroken)
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from backstory.check import check_page, read_page

from .conftest import DATA, load_sources

MANIFEST: list[dict[str, Any]] = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))[
    "pages"
]
CORRECT = [p for p in MANIFEST if not p["planted"]]
PLANTED = [(p, e) for p in MANIFEST for e in p["planted"]]


def _report(entry: dict[str, Any]):  # type: ignore[no-untyped-def]
    page = read_page(DATA / entry["file"])
    sources = load_sources(entry["sources"].split("/")[-1]) if entry.get("sources") else None
    return page, check_page(page, sources=sources, now=datetime.fromisoformat(entry["now"]))


def test_manifest_covers_every_page_rule_and_half_the_pages_are_correct() -> None:
    codes = {e["code"] for _, e in PLANTED}
    assert codes >= {
        "updated-before-published",
        "date-in-future",
        "weekday-mismatch",
        "duration-mismatch",
        "relative-time-mismatch",
        "past-tense-future-event",
        "timeline-order",
        "quantity-conflict",
        "arithmetic-percent",
        "arithmetic-shares",
        "filler-section",
        "impossible-date",
        "date-contradicts-source",
    }
    assert len(MANIFEST) >= 10 and len(CORRECT) * 2 >= len(MANIFEST)


@pytest.mark.parametrize("entry", CORRECT, ids=[p["file"] for p in CORRECT])
def test_correct_pages_have_no_errors(entry: dict[str, Any]) -> None:
    _, report = _report(entry)
    assert [(f.code, f.quote) for f in report.errors] == []
    assert [f.code for f in report.findings if f.code == "filler-section"] == []


@pytest.mark.parametrize(
    ("entry", "planted"), PLANTED, ids=[f"{p['file']}:{e['code']}" for p, e in PLANTED]
)
def test_planted_error_is_found(entry: dict[str, Any], planted: dict[str, str]) -> None:
    page, report = _report(entry)
    start = page.text.index(planted["quote"])
    end = start + len(planted["quote"])
    hits = [
        f
        for f in report.findings
        if f.code == planted["code"] and f.start is not None and f.start < end and start < f.end
    ]
    assert hits, (
        f"{planted['code']} not found at {planted['quote']!r}: {[f.code for f in report.findings]}"
    )
    assert all(page.text[f.start : f.end] == f.quote for f in hits)
