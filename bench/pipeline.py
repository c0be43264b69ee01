"""Pipeline speed and memory: one story of 1, 10, 50 and 200 source pages, end to end, against
trafilatura extraction alone on the same pages, in one run.

Usage: python bench/pipeline.py [--sizes 1,10,50,200] [--json] [--verify]

Pages are the example stories' HTML files (site chrome included), cycled to reach each size;
every copy gets its own URL, id and a publication time shifted by an hour, so the story has as
many distinct sources as pages. Every copy after the first of a page is also a "regional
edition": each sentence of its article text ends with a place name of its own ("... voted to
hold in Ashcombe."), fictional and neither a month nor a day, so no two copies share a
sentence and no cache keyed on a sentence's text (names, datings) hits across copies, as it
would not on a real story of distinct articles; the number of sentences, and the figures,
dates and defined terms of each, are those of the original (``python bench/pipeline.py
--verify`` checks this). "Pipeline" is what ``backstory explain`` does per story:
extraction (trafilatura via backstory.ingest), analysis, composition and the grounding check.
Time is wall-clock of a warm process (imports and first-call set-up are excluded by a warm-up),
the fastest of ``--repeat`` runs (default 3) alternating with trafilatura's, and CPU time of
the same runs (``time.process_time``; the "cpu ratio" column), which holds
steady while other processes load the machine and wall-clock swings;
peak memory is measured twice: the largest Python allocation tracemalloc sees during a traced
run (``peak_mib``; C libraries such as lxml are invisible to it), and the growth of the peak
resident set size of a forked child process that runs the story (``rss_mib``, everything).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import trafilatura

from backstory.analyse import analyse_article
from backstory.analyse.sentences import split_sentences
from backstory.ingest.html import parse_html
from backstory.models import Article, article_id
from backstory.pipeline import explain_articles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BASE_TIME = datetime(2025, 1, 1, 8, tzinfo=UTC)


def load_pages() -> list[tuple[str, str]]:
    pages = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*/*.html"))]
    if not pages:
        raise SystemExit(f"{EXAMPLES}: no example HTML pages found")
    return pages


# Fictional place names (two-part English-sounding, checked against no gazetteer on purpose:
# any that happens to be real is still not in an audience profile), one per copy of a page.
_PLACE_HEADS = "Ash Bram Cald Dunn Elmer Fenn Garth Hollin Kesw Lind Morr Nettle Oster Quen".split()
_PLACE_TAILS = "combe ford wick thorpe stead bury ley worth mere haven".split()
_PLACE_QUALIFIERS = ("", "East ", "West ", "North ", "South ", "Upper ", "Lower ", "Great ")
#: Where a sentence ends: terminal punctuation, with any closing quotes or brackets after it.
_ENDING = re.compile(r"[.!?…]+[\"'”’)\]]*$")


def place_name(copy: int) -> str:
    """The place of the ``copy``-th edition (1-based); distinct for the first 1,120 (and
    never with a digit, which would be a figure)."""
    head, tail = divmod(copy - 1, len(_PLACE_TAILS))
    qualifier = _PLACE_QUALIFIERS[(head // len(_PLACE_HEADS)) % len(_PLACE_QUALIFIERS)]
    return qualifier + _PLACE_HEADS[head % len(_PLACE_HEADS)] + _PLACE_TAILS[tail]


def regional_sentence(sentence: str, place: str) -> str:
    """``sentence`` as the edition for ``place`` prints it: "in Place" before its final
    punctuation. At the end, so that the sentence still opens as it did (a changed opening
    changes which definitions and names are read there)."""
    ending = _ENDING.search(sentence)
    cut = ending.start() if ending else len(sentence)
    return f"{sentence[:cut]} in {place}{sentence[cut:]}"


def regional_edition(html: str, sentences: list[str], place: str) -> str:
    """``html`` with each of the article's ``sentences`` (as extracted) rewritten for
    ``place``; a sentence not found verbatim in the markup (an entity inside it) is left as
    it is, which ``--verify`` reports."""
    for sentence in sorted(set(sentences), key=len, reverse=True):
        html = html.replace(sentence, regional_sentence(sentence, place))
    return html


def page_sentences(page: tuple[str, str]) -> list[str]:
    origin, html = page
    return [s.text for s in split_sentences(parse_html(html, url=None, origin=origin))]


def story_pages(pages: list[tuple[str, str]], n: int) -> list[tuple[str, str, str]]:
    """``n`` (origin, url, html) triples cycling through the example pages; every copy after
    the first of a page is its regional edition (see the module docstring)."""
    sentences = [page_sentences(p) for p in pages] if n > len(pages) else []
    out = []
    for i in range(n):
        copy, k = divmod(i, len(pages))
        origin, html = pages[k]
        if copy:
            html = regional_edition(html, sentences[k], place_name(copy))
        out.append((origin, f"https://bench.example/story/{i}", html))
    return out


def verify(n: int) -> int:
    """Check the copies of an ``n``-page story: each sentence of a copy differs from every
    other copy's, and holds the same count of figures and of dated expressions, and defines
    the same terms, as the original's. Prints what differs; 0 when nothing does."""
    articles = extract(story_pages(load_pages(), n))
    analyses = [analyse_article(a) for a in articles]
    seen: dict[str, int] = {}
    problems = 0
    pages = len(load_pages())
    for i, analysis in enumerate(analyses):
        original = analyses[i % pages]
        if len(analysis.sentences) != len(original.sentences):
            print(
                f"copy {i}: {len(analysis.sentences)} sentences, original has "
                f"{len(original.sentences)}"
            )
            problems += 1
            continue
        for s in analysis.sentences:
            if s.text in seen and seen[s.text] != i:
                print(f"copy {i}: sentence shared with copy {seen[s.text]}: {s.text[:60]!r}")
                problems += 1
            seen[s.text] = i
        figures = [
            sum(1 for j, _ in a.numbers if j == k)
            for a in (analysis, original)
            for k in range(len(original.sentences))
        ]
        if figures[: len(original.sentences)] != figures[len(original.sentences) :]:
            print(f"copy {i}: figures per sentence differ from the original's")
            problems += 1
        terms = [sorted((t.term, t.kind) for t in a.terms) for a in (analysis, original)]
        if terms[0] != terms[1]:
            print(
                f"copy {i}: definitions differ from the original's: "
                f"{sorted(set(map(str, terms[0])) ^ set(map(str, terms[1])))[:4]}"
            )
            problems += 1
        if len(analysis.quotes) != len(original.quotes):
            print(f"copy {i}: {len(analysis.quotes)} quotes, original has {len(original.quotes)}")
            problems += 1
        if analysis.datings and original.datings:
            dated = [[len(d.timexes) for d in a.datings] for a in (analysis, original)]
            if dated[0] != dated[1]:
                print(f"copy {i}: dated expressions per sentence differ from the original's")
                problems += 1
    print(f"{n} pages, {len(seen)} distinct sentences, {problems} problems")
    return 1 if problems else 0


def extract(pages: list[tuple[str, str, str]]) -> list[Article]:
    out = []
    for i, (origin, url, html) in enumerate(pages):
        article = parse_html(html, url=url, origin=origin)
        out.append(
            article.model_copy(
                update={"id": article_id(url), "published": BASE_TIME + timedelta(hours=i)}
            )
        )
    return out


def run_pipeline(pages: list[tuple[str, str, str]]) -> tuple[float, float, float]:
    """(extraction seconds, analyse+compose+check seconds, CPU seconds of both) for one
    story."""
    c0, t0 = time.process_time(), time.perf_counter()
    articles = extract(pages)
    t1 = time.perf_counter()
    explain_articles(articles, now=BASE_TIME + timedelta(days=30))
    return t1 - t0, time.perf_counter() - t1, time.process_time() - c0


def run_trafilatura(pages: list[tuple[str, str, str]]) -> tuple[float, float]:
    """(seconds, CPU seconds) of trafilatura alone on the same pages."""
    c0, t0 = time.process_time(), time.perf_counter()
    for _, url, html in pages:
        trafilatura.bare_extraction(html, url=url, with_metadata=True)
    return time.perf_counter() - t0, time.process_time() - c0


def peak_mib(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def _rss_child(fn: Callable[[], object], conn: Connection) -> None:
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    fn()
    conn.send(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start)
    conn.close()


def rss_growth_mib(fn: Callable[[], object]) -> float:
    """How far the peak RSS of a forked child grows while it runs ``fn`` (Linux: KiB units)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rss_child, args=(fn, child))
    proc.start()
    grown = parent.recv()
    proc.join()
    return grown / 1024


def measure(sizes: list[int], repeat: int = 3) -> list[dict[str, float]]:
    """One row per story size. Pipeline and trafilatura runs alternate ``repeat`` times and
    each keeps its fastest run (CPU time), as timeit does: on shared cores the slower runs
    measure the neighbours, and alternating exposes both to the same load."""
    pages = load_pages()
    run_pipeline(story_pages(pages, 2))  # warm-up: imports, regex compilation, sklearn
    run_trafilatura(story_pages(pages, 2))
    rows = []
    for n in sizes:
        story = story_pages(pages, n)
        runs = []
        for _ in range(max(1, repeat)):
            runs.append((run_pipeline(story), run_trafilatura(story)))
        extraction, rest, cpu = min((p for p, _ in runs), key=lambda p: p[2])
        baseline, baseline_cpu = min((t for _, t in runs), key=lambda t: t[1])
        total = extraction + rest
        rows.append(
            {
                "articles": n,
                "pipeline_s": round(total, 4),
                "extract_s": round(extraction, 4),
                "analyse_compose_check_s": round(rest, 4),
                "trafilatura_s": round(baseline, 4),
                "per_article_ms": round(1000 * total / n, 2),
                "trafilatura_per_article_ms": round(1000 * baseline / n, 2),
                "ratio_to_trafilatura": round(total / baseline, 3) if baseline else float("inf"),
                "pipeline_cpu_s": round(cpu, 4),
                "trafilatura_cpu_s": round(baseline_cpu, 4),
                "cpu_ratio_to_trafilatura": (
                    round(cpu / baseline_cpu, 3) if baseline_cpu else float("inf")
                ),
                "peak_mib": round(peak_mib(lambda story=story: run_pipeline(story)), 1),
                "trafilatura_peak_mib": round(
                    peak_mib(lambda story=story: run_trafilatura(story)), 1
                ),
                "rss_mib": round(rss_growth_mib(lambda story=story: run_pipeline(story)), 1),
                "trafilatura_rss_mib": round(
                    rss_growth_mib(lambda story=story: run_trafilatura(story)), 1
                ),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50,200", help="comma-separated story sizes")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument(
        "--verify", action="store_true", help="check the copies of the largest story and stop"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per size; the fastest of each is kept"
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"--sizes {args.sizes!r}: expected numbers such as 1,10,50,200", file=sys.stderr)
        return 2
    if args.verify:
        return verify(max(sizes))
    rows = measure(sizes, args.repeat)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(
        f"{'articles':>8} {'pipeline s':>11} {'extract s':>10} {'rest s':>8} {'trafil. s':>10} "
        f"{'ms/article':>11} {'trafil. ms':>11} {'ratio':>6} {'cpu ratio':>9} {'peak MiB':>9} "
        f"{'trafil. MiB':>12} {'RSS MiB':>8} {'trafil. RSS':>12}"
    )
    for r in rows:
        print(
            f"{r['articles']:>8} {r['pipeline_s']:>11.3f} {r['extract_s']:>10.3f} "
            f"{r['analyse_compose_check_s']:>8.3f} {r['trafilatura_s']:>10.3f} "
            f"{r['per_article_ms']:>11.1f} {r['trafilatura_per_article_ms']:>11.1f} "
            f"{r['ratio_to_trafilatura']:>6.2f} {r['cpu_ratio_to_trafilatura']:>9.2f} "
            f"{r['peak_mib']:>9.1f} "
            f"{r['trafilatura_peak_mib']:>12.1f} {r['rss_mib']:>8.1f} "
            f"{r['trafilatura_rss_mib']:>12.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
