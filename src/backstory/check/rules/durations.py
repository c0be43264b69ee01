"""Stated durations and ages against the dates the page itself gives.

"Nearly four years" since February 2020 on a page of December 2025 is 5.8 years; "two years
after" two events 3.6 years apart; "founded in 2011, thirteen years ago" in 2025. Hand-written
arithmetic over the temporal engine's values: the elapsed time is an interval (dates have a
precision), the stated one a range widened by its hedge, and only disjoint ones are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from backstory.analyse.temporal.values import duration_days
from backstory.check.context import Dated, Line, PageContext, key_words
from backstory.check.report import Finding, finding
from backstory.check.rules.links import TIME_WORDS, linked_event

_UNIT_DAYS = {"Y": 365.25, "M": 30.436875, "W": 7.0, "D": 1.0, "DE": 3652.5, "Q": 91.310625}
_DURATION = re.compile(r"^[+-]?P(\d+(?:\.\d+)?)(DE|Y|M|W|D|Q)$")

_HEDGES = (
    r"(nearly|almost|just under|less than|under|about|around|roughly|some|approximately|"
    r"more than|over|just over|at least|upwards of)"
)
_HEDGE_BEFORE = re.compile(r"\b" + _HEDGES + r"\s*$", re.I)
_HEDGE_START = re.compile(r"^" + _HEDGES + r"\b", re.I)
_AFTER = re.compile(r"^\s*(after|later|before|earlier|on from|prior to)\b", re.I)
_UNTIL_NOW = re.compile(
    r"\b(since|lasted|has been|have been|so far|to date|now in its|for the past|over the past|"
    r"ongoing|has raged|has gone on|running for)\b",
    re.I,
)
_APPROX = {"APPROX", "about", "around", "roughly", "some", "approximately"}
_BELOW = {"LESS_THAN", "EQUAL_OR_LESS", "nearly", "almost", "just under", "less than", "under"}
_ABOVE = {"MORE_THAN", "EQUAL_OR_MORE", "more than", "over", "just over", "at least", "upwards of"}


def _stated(d: Dated) -> tuple[float, str] | None:
    value = (
        d.timex.offset if d.timex.offset else d.timex.value if d.timex.type == "DURATION" else None
    )
    m = _DURATION.match(value or "")
    if not m or value is None or duration_days(value.lstrip("+-")) is None:
        return None
    return float(m.group(1)), m.group(2)


def _hedge(d: Dated) -> str | None:
    """The hedge word of a stated duration, before it or inside it, else the tagger's mod."""
    m = _HEDGE_BEFORE.search(d.line.text[: d.start - d.line.start]) or _HEDGE_START.match(
        d.timex.text
    )
    return m.group(1).lower() if m else d.timex.mod


def allowed_range(n: float, hedge: str | None) -> tuple[float, float]:
    """Elapsed time, in the stated unit, that a stated "n units" can honestly describe.

    Unhedged: n - 0.5 .. n + 1 ("13 years ago" for 12.5 to 14 years: rounding or truncation).
    "nearly n": n - 1 .. n + 0.25; "about n": 0.75n - 0.5 .. 1.25n + 1; "over n": n - 0.25 ..
    1.5n + 1. Deliberately generous: a false alarm costs more trust than a missed quibble.
    """
    if hedge in _BELOW:
        return n - 1.0, n + 0.25
    if hedge in _ABOVE:
        return n - 0.25, 1.5 * n + 1.0
    if hedge in _APPROX:
        return 0.75 * n - 0.5, 1.25 * n + 1.0
    return n - 0.5, n + 1.0


def _elapsed(first: tuple[date, date], second: tuple[date, date]) -> tuple[float, float]:
    """Shortest and longest number of days from an interval to a later one."""
    return (second[0] - first[1]).days, (second[1] - first[0]).days


def _fmt_years(days: float, unit: str) -> str:
    n = days / _UNIT_DAYS[unit]
    names = {
        "Y": "years",
        "M": "months",
        "W": "weeks",
        "D": "days",
        "DE": "decades",
        "Q": "quarters",
    }
    return f"{n:.1f} {names[unit]}"


def _judge(
    ctx: PageContext, d: Dated, elapsed: tuple[float, float], why: str, evidence: str
) -> Finding | None:
    stated = _stated(d)
    if stated is None:
        return None
    n, unit = stated
    lo, hi = allowed_range(n, _hedge(d))
    lo_days, hi_days = lo * _UNIT_DAYS[unit], hi * _UNIT_DAYS[unit]
    e_lo, e_hi = sorted((abs(elapsed[0]), abs(elapsed[1])))
    if e_hi >= lo_days and e_lo <= hi_days:
        return None
    mid = (e_lo + e_hi) / 2
    return finding(
        "duration-mismatch",
        f"'{d.timex.text}' but {why} is {_fmt_years(mid, unit)}",
        text=ctx.page.text,
        start=d.start,
        end=d.end,
        section=d.line.section,
        evidence=evidence,
    )


#: Share of the dated line's own key words that a statement must share before its "N years
#: ago" is measured from that line's date, and share of the statement's key words that must
#: be among them. A short label line ("February 2020: Russia invades Ukraine") and a
#: statement about the same event share most of their words; a long statement that shares a
#: name and a place with a dated sentence ("came to the U.S. from Afghanistan more than 30
#: years ago" and "In a video dated May 23, 2015, Mateen declared himself a candidate for
#: the Afghan presidency") is about another event: measuring between them was a false alarm
#: on a real AP page.
MIN_EVENT_OVERLAP = 0.5
MIN_STATEMENT_OVERLAP = 0.25


def _same_event(ctx: PageContext, line: Line, link: tuple[Dated, set[str]]) -> bool:
    event, shared = link
    own = {w for words in (e for d, e in ctx.dated_events if d is event) for w in words}
    statement = {w for w in key_words(line.text) if w not in TIME_WORDS}
    return len(shared) >= MIN_EVENT_OVERLAP * len(own) and len(
        shared
    ) >= MIN_STATEMENT_OVERLAP * len(statement)


def _explicit(ctx: PageContext, line: Line) -> list[Dated]:
    """The line's absolute dates, each value once: a label that repeats the sentence's own
    date ("20 December 2017: ... arrived on December 20, 2017, five days before ...") is
    one date, not two to measure a duration between."""
    out: list[Dated] = []
    for x in ctx.dated_in(line):
        if x.timex.type != "DATE" or x.timex.relative or x.interval is None:
            continue
        if all(x.span != y.span for y in out):
            out.append(x)
    return out


def check(ctx: PageContext) -> Iterator[Finding]:
    # "N years ago/since" is measured to the page's own date; an undated page has none (the
    # time of checking would turn every old page's "four years ago" into an error).
    ref = (ctx.reference, ctx.reference) if ctx.reference else None
    for line in ctx.lines:
        dated = ctx.dated_in(line)
        stated = [x for x in dated if _stated(x) is not None]
        if not stated:
            continue
        explicit = _explicit(ctx, line)
        for d in stated:
            after_text = line.text[d.end - line.start :]
            result = None
            if _AFTER.match(after_text):
                if len(explicit) == 2:
                    a, b = sorted(explicit, key=lambda x: x.span[0])
                    result = _judge(
                        ctx,
                        d,
                        _elapsed(a.span, b.span),
                        f"from {a.timex.text} to {b.timex.text}",
                        line.text,
                    )
            elif ref is None:
                continue
            elif re.search(r"\bago\b", d.timex.text + after_text[:5], re.I) or _UNTIL_NOW.search(
                line.text
            ):
                page_day = ref[0].isoformat()
                if len(explicit) == 1:
                    e = explicit[0]
                    result = _judge(
                        ctx,
                        d,
                        _elapsed(e.span, ref),
                        f"from {e.timex.text} to the page date {page_day}",
                        line.text,
                    )
                elif not explicit and line.kind != "heading":
                    link = linked_event(
                        ctx, line, exclude=(d.start - line.start, d.end - line.start)
                    )
                    if link and _same_event(ctx, line, link):
                        e, shared = link
                        result = _judge(
                            ctx,
                            d,
                            _elapsed(e.span, ref),
                            f"the page dates it {e.timex.text}, and from then to the page "
                            f"date {page_day}",
                            f"{e.line.section}: {e.line.text}",
                        )
            if result:
                yield result
