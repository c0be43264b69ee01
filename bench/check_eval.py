"""Bench for ``backstory check``: recall of planted errors, errors on correct pages, ms per page.

Reads tests/data/check/manifest.json (hand-written pages with their planted errors), checks
every page (against its sources when the manifest names them) and reports:

- recall: planted errors found with their code, at the planted text;
- false errors: findings of severity "error" on the correct pages (and, separately, errors on
  the planted pages that match no planted error);
- ms per page: warm timing (median of several runs after one warm-up), plus the cold first call.

Usage: python bench/check_eval.py [--json] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

from backstory.check import Finding, check_page, read_page
from backstory.models import Article

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "check"


def load_sources(path: Path) -> list[Article]:
    return [Article(**a) for a in json.loads(path.read_text(encoding="utf-8"))]


def planted_spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    if not spans:
        raise ValueError(f"planted quote not on the page: {quote!r}")
    return spans


def matches(f: Finding, code: str, spans: list[tuple[int, int]]) -> bool:
    if f.code != code or f.start is None or f.end is None:
        return False
    return any(f.start < e and s < f.end for s, e in spans)


def evaluate(runs: int = 5) -> dict[str, object]:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    pages_out = []
    planted_total = found_total = 0
    false_errors_correct = 0
    stray_errors = 0
    warm_ms: list[float] = []
    cold_ms = None
    for entry in manifest["pages"]:
        t0 = time.perf_counter()
        page = read_page(DATA / entry["file"])
        sources = load_sources(DATA / entry["sources"]) if entry.get("sources") else None
        now = datetime.fromisoformat(entry["now"])
        report = check_page(page, sources=sources, now=now)
        if cold_ms is None:
            cold_ms = (time.perf_counter() - t0) * 1000
        times = []
        for _ in range(runs):
            t1 = time.perf_counter()
            check_page(read_page(DATA / entry["file"]), sources=sources, now=now)
            times.append((time.perf_counter() - t1) * 1000)
        warm_ms.append(statistics.median(times))
        missed = []
        matched_findings: set[int] = set()
        for planted in entry["planted"]:
            spans = planted_spans(page.text, planted["quote"])
            hits = [i for i, f in enumerate(report.findings) if matches(f, planted["code"], spans)]
            if hits:
                matched_findings.update(hits)
            else:
                missed.append(planted)
        planted_total += len(entry["planted"])
        found_total += len(entry["planted"]) - len(missed)
        errors = [
            f
            for i, f in enumerate(report.findings)
            if f.severity == "error" and i not in matched_findings
        ]
        # Several findings may quote one planted error (the same wrong figure twice): only
        # errors with a code that was not planted on the page count as stray.
        planted_codes = {p["code"] for p in entry["planted"]}
        unexpected = [f for f in errors if f.code not in planted_codes]
        if entry["planted"]:
            stray_errors += len(unexpected)
        else:
            false_errors_correct += len(errors)
        pages_out.append(
            {
                "file": entry["file"],
                "planted": len(entry["planted"]),
                "found": len(entry["planted"]) - len(missed),
                "missed": missed,
                "unexpected_errors": [
                    {"code": f.code, "quote": f.quote, "message": f.message} for f in unexpected
                ],
                "warnings": sum(1 for f in report.findings if f.severity == "warning"),
                "ms": round(warm_ms[-1], 2),
            }
        )
    return {
        "pages": pages_out,
        "recall": round(found_total / planted_total, 3) if planted_total else None,
        "planted": planted_total,
        "found": found_total,
        "errors_on_correct_pages": false_errors_correct,
        "unexpected_errors_on_planted_pages": stray_errors,
        "ms_per_page_median": round(statistics.median(warm_ms), 2),
        "ms_per_page_max": round(max(warm_ms), 2),
        "cold_first_page_ms": round(cold_ms or 0.0, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page")
    args = parser.parse_args(argv)
    result = evaluate(args.runs)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    for p in result["pages"]:  # type: ignore[union-attr]
        line = f"{p['file']:40} planted {p['planted']} found {p['found']}  {p['ms']:6.1f} ms"
        print(line)
        for m in p["missed"]:
            print(f"    MISSED {m['code']}: {m['quote']}")
        for u in p["unexpected_errors"]:
            print(f"    UNEXPECTED {u['code']}: {u['quote']!r} ({u['message']})")
    print(
        f"recall {result['recall']} ({result['found']}/{result['planted']}), "
        f"errors on correct pages {result['errors_on_correct_pages']}, "
        f"unexpected errors on planted pages {result['unexpected_errors_on_planted_pages']}, "
        f"{result['ms_per_page_median']} ms/page median ({result['ms_per_page_max']} max, "
        f"cold first page {result['cold_first_page_ms']} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
