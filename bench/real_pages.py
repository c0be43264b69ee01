"""Explain real news pages one by one and count what the gate had to drop.

Usage: python bench/real_pages.py PAGE.html|DIR ... [--json]

Each HTML page is ingested and explained alone, on the day after its own publication date
(the usual case: a page composed while the story is fresh), with the default composer. The
table lists per page its words, the cited items on the explainer, the items the checker
refused (the pipeline drops them; each is a false alarm of the checker or a composer
mistake, worth reading) and the seconds taken. Real pages cannot ship with the repository
(their text is the publishers'); newspaper4k's source distribution carries 30 of them in
``tests/data/html/`` (``pip download newspaper4k --no-binary :all: --no-deps``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from backstory.errors import BackstoryError
from backstory.ingest.html import parse_html
from backstory.pipeline import english_sources, explain_articles


def pages(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.html")) if p.is_dir() else [p])
    return out


def run(page: Path) -> dict[str, object]:
    started = time.perf_counter()
    try:
        article = parse_html(page.read_bytes(), url=None, origin=str(page))
        now = (article.published or datetime(2024, 1, 1, tzinfo=UTC)) + timedelta(days=1)
        readable, _ = english_sources([article])
        explainer = explain_articles(readable, now=now)
    except BackstoryError as exc:
        return {"page": page.name, "error": str(exc)}
    items = sum(
        len(s.items) + sum(len(sub.items) for sub in s.subsections) for s in explainer.sections
    )
    return {
        "page": page.name,
        "language": article.language,
        "words": len(article.text.split()),
        "items": items,
        "dropped": [
            {"section": d.section, "reason": d.reason, "text": d.text}
            for d in explainer.provenance.dropped
        ],
        "seconds": round(time.perf_counter() - started, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = [run(p) for p in pages(args.paths)]
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'page':34} {'lang':4} {'words':>6} {'items':>5} {'dropped':>7} {'s':>6}")
    for r in rows:
        if "error" in r:
            print(f"{r['page']:34} refused: {r['error']}")
            continue
        dropped = r["dropped"]
        assert isinstance(dropped, list)
        print(
            f"{r['page']:34} {r['language'] or '?':4} {r['words']:>6} {r['items']:>5} "
            f"{len(dropped):>7} {r['seconds']:>6}"
        )
        for d in dropped:
            print(f"    {d['section']}: {d['reason']}: {d['text'][:90]}")
    ok = [r for r in rows if "error" not in r]
    total = sum(len(r["dropped"]) for r in ok)  # type: ignore[arg-type]
    print(f"{len(ok)} pages explained, {len(rows) - len(ok)} refused, {total} items dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
