"""Score backstory's temporal tagger on TimeML (TempEval-3 .tml) files, as TempEval-3 did.

Usage: python bench/temporal_eval.py PATH... [--json] [--no-dateparser] [--errors [--context]]

PATH may be .tml files or directories holding them. For each document the DCT is the TIMEX3
with functionInDocument="CREATION_TIME"; the tagger runs on the raw TEXT with that DCT.
Scores: strict and relaxed extent P/R/F1 (one-to-one matching, exact span / any overlap),
type and value F1 (attribute correct over relaxed matches, divided by system and gold counts,
as TempEval-3's attribute F1), and sentences per CPU-second on one core. The same scores are
computed for dateparser.search.search_dates (type DATE, value = returned date at day precision).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from backstory.analyse.sentences import split_spans
from backstory.analyse.temporal import tag


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class Doc:
    name: str
    dct: date | None
    text: str
    gold: tuple[Span, ...]


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_tml(path: Path) -> Doc:
    """Raw TEXT, gold TIMEX3 spans with offsets into it, and the DCT of one .tml file."""
    raw = path.read_text(encoding="utf-8")
    dct: date | None = None
    dct_block = re.search(r"<DCT>(.*?)</DCT>", raw, re.S)
    for block in (dct_block.group(1) if dct_block else "", raw):
        for m in re.finditer(r"<TIMEX3([^>]*)>", block):
            attrs = dict(_ATTR.findall(m.group(1)))
            if attrs.get("functionInDocument") == "CREATION_TIME":
                try:
                    dct = date.fromisoformat(attrs.get("value", "")[:10])
                except ValueError:
                    dct = None
                break
        if dct:
            break
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is not None:
        content = body.group(1)
    else:
        # TimeBank 1.2 files have no TEXT element: the text runs from after the DCT TIMEX3
        # (or the TimeML start tag) to the first link/instance tag
        head = re.search(
            r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>.*?</TIMEX3>', raw, re.S
        ) or re.search(r"<TimeML[^>]*>", raw)
        if head is None:
            raise ValueError(f"{path}: no <TEXT> element")
        stop = re.search(r"<(MAKEINSTANCE|TLINK|SLINK|ALINK)\b|</TimeML>", raw[head.end() :])
        content = raw[head.end() : head.end() + (stop.start() if stop else len(raw))]
    out: list[str] = []
    length = 0
    gold: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(content):
        piece = html.unescape(content[pos : m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3" or m.group(3).rstrip().endswith("/"):
            # other TimeML tags (EVENT, SIGNAL, ...) only delimit; a self-closing TIMEX3 has
            # no extent (TempEval-3 did not score empty TIMEX3s)
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            if start == length:  # empty <TIMEX3 ...></TIMEX3>: no extent to score
                open_timex = None
                continue
            text_so_far = "".join(out)
            gold.append(
                Span(
                    start,
                    length,
                    attrs.get("type", ""),
                    attrs.get("value", ""),
                    text_so_far[start:length],
                )
            )
            open_timex = None
    tail = html.unescape(content[pos:])
    out.append(tail)
    return Doc(path.name, dct, "".join(out), tuple(gold))


def collect(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.rglob("*.tml")))
        elif p.is_file():
            files.append(p)
        else:
            raise SystemExit(f"{p}: no such file or directory")
    return files


def _match(gold: Sequence[Span], system: Sequence[Span], strict: bool) -> list[tuple[Span, Span]]:
    pairs: list[tuple[Span, Span]] = []
    used: set[int] = set()
    for g in gold:
        for i, s in enumerate(system):
            if i in used:
                continue
            ok = (
                (s.start == g.start and s.end == g.end)
                if strict
                else (s.start < g.end and g.start < s.end)
            )
            if ok:
                pairs.append((g, s))
                used.add(i)
                break
    return pairs


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(docs: Sequence[Doc], system: Sequence[Sequence[Span]]) -> dict[str, float]:
    n_gold = sum(len(d.gold) for d in docs)
    n_sys = sum(len(s) for s in system)
    strict = relaxed = typ = val = 0
    for d, s in zip(docs, system, strict=True):
        strict += len(_match(d.gold, s, True))
        pairs = _match(d.gold, s, False)
        relaxed += len(pairs)
        typ += sum(g.type == x.type for g, x in pairs)
        val += sum(g.value == x.value for g, x in pairs)

    def prf(k: int) -> tuple[float, float, float]:
        p = k / n_sys if n_sys else 0.0
        r = k / n_gold if n_gold else 0.0
        return p, r, _f1(p, r)

    sp, sr, sf = prf(strict)
    rp, rr, rf = prf(relaxed)
    return {
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": sf,
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "type_f1": prf(typ)[2],
        "value_f1": prf(val)[2],
        "gold": n_gold,
        "system": n_sys,
    }


def run_backstory(docs: Sequence[Doc]) -> list[list[Span]]:
    return [
        [Span(t.start, t.end, t.type, t.value, t.text) for t in tag(d.text, d.dct)] for d in docs
    ]


def run_dateparser(docs: Sequence[Doc]) -> list[list[Span]]:
    from dateparser.search import search_dates

    out: list[list[Span]] = []
    for d in docs:
        base = datetime(d.dct.year, d.dct.month, d.dct.day) if d.dct else datetime.now()
        found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        spans: list[Span] = []
        pos = 0
        for sub, when in found:
            i = d.text.find(sub, pos)
            if i < 0:
                i = d.text.find(sub)
            if i < 0:
                continue
            pos = i + len(sub)
            spans.append(Span(i, i + len(sub), "DATE", when.strftime("%Y-%m-%d"), sub))
        out.append(spans)
    return out


def _throughput(docs: Sequence[Doc], fn, min_seconds: float) -> tuple[float, list[list[Span]]]:
    n_sent = sum(len(split_spans(d.text)) for d in docs)
    reps = 0
    result: list[list[Span]] = []
    # CPU time of this process: one core, and not inflated by other load on the machine
    t0 = time.process_time()
    while True:
        result = fn(docs)
        reps += 1
        elapsed = time.process_time() - t0
        if elapsed >= min_seconds:
            break
    return n_sent * reps / elapsed, result


def evaluate(
    paths: Iterable[str | Path], with_dateparser: bool = True, min_seconds: float = 1.0
) -> dict:
    """All scores as one dict (the --json object)."""
    docs = [parse_tml(p) for p in collect(paths)]
    speed, system = _throughput(docs, run_backstory, min_seconds)
    result: dict = {**score(docs, system), "sentences_per_s": speed, "documents": len(docs)}
    result["sentences"] = sum(len(split_spans(d.text)) for d in docs)
    if with_dateparser:
        dp_speed, dp_system = _throughput(docs, run_dateparser, 0.0)
        result["dateparser"] = {**score(docs, dp_system), "sentences_per_s": dp_speed}
    return result


def errors(paths: Iterable[str | Path], context: int = 0) -> list[str]:
    """Human-readable differences between gold and system, for rule development (on training
    documents only); ``context`` > 0 adds that many characters of text around each one."""
    lines: list[str] = []
    for p in collect(paths):
        d = parse_tml(p)
        sys_spans = run_backstory([d])[0]
        pairs = _match(d.gold, sys_spans, False)
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}

        def add(line: str, start: int, end: int, d: Doc = d) -> None:
            lines.append(line)
            if context:
                before = d.text[max(0, start - context) : start]
                after = d.text[end : end + context]
                snippet = f"{before}[[{d.text[start:end]}]]{after}"
                lines.append("    " + " ".join(snippet.split()))

        for g, s in pairs:
            if (g.start, g.end, g.type, g.value) != (s.start, s.end, s.type, s.value):
                add(
                    f"{d.name}: gold {g.text!r} {g.type} {g.value} | "
                    f"sys {s.text!r} {s.type} {s.value}",
                    g.start,
                    g.end,
                )
        for g in d.gold:
            if id(g) not in matched_g:
                add(f"{d.name}: MISSED {g.text!r} {g.type} {g.value}", g.start, g.end)
        for s in sys_spans:
            if id(s) not in matched_s:
                add(f"{d.name}: SPURIOUS {s.text!r} {s.type} {s.value}", s.start, s.end)
    return lines


def _table(result: dict) -> str:
    rows = [("backstory", result)]
    if "dateparser" in result:
        rows.append(("dateparser", result["dateparser"]))
    head = (
        f"{'tagger':<11} {'strict P/R/F1':>20} {'relaxed P/R/F1':>20} {'type F1':>8} "
        f"{'value F1':>9} {'sent/s':>9}"
    )
    lines = [
        f"{result['documents']} documents, {result['sentences']} sentences, "
        f"{result['gold']} gold TIMEX3",
        head,
    ]
    for name, r in rows:
        lines.append(
            f"{name:<11} {r['strict_p']:.3f}/{r['strict_r']:.3f}/{r['strict_f1']:.3f} "
            f"{r['relaxed_p']:.3f}/{r['relaxed_r']:.3f}/{r['relaxed_f1']:.3f} {r['type_f1']:>8.3f} "
            f"{r['value_f1']:>9.3f} {r['sentences_per_s']:>9.0f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", help=".tml files or directories")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--no-dateparser", action="store_true", help="skip the dateparser comparison")
    ap.add_argument("--errors", action="store_true", help="list disagreements with the gold")
    ap.add_argument(
        "--context", type=int, default=0, metavar="N", help="with --errors: N chars of context"
    )
    args = ap.parse_args(argv)
    if args.errors:
        print("\n".join(errors(args.paths, args.context)))
        return 0
    result = evaluate(args.paths, with_dateparser=not args.no_dateparser)
    print(json.dumps(result, indent=2) if args.json else _table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
