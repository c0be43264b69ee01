"""Figures on the page: one quantity stated two ways, percentage changes, shares of a whole.

Hand-written arithmetic over the analyse stage's quantities. Every comparison allows for the
rounding that the figures' own written precision implies ("22bn" covers 21.5bn..22.5bn) and
widens for hedges ("about", "nearly").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from backstory.analyse.numbers import Quantity, parse_number, same_quantity
from backstory.check.context import Line, PageContext
from backstory.check.report import Finding, finding

#: Relative slack for hedged figures ("about 400" vs "412"): a hedge rarely hides more than 10%.
HEDGE_TOLERANCE = 0.10
#: Slack on a sum of shares beyond what rounding of each share explains (0.1 point).
SHARES_SLACK = 0.1

_CHANGE_BEFORE = re.compile(
    r"(?:\bfrom|\bup from|\bdown from|\bcompared (?:with|to)|\bthan|\bversus|\bvs\.?"
    r"|\bprevious(?:ly)?|\bwas|\bwere|\blast)\s+(?:just\s+|only\s+|about\s+|around\s+)?$",
    re.I,
)
_CHANGE_WORDS = re.compile(
    r"\b(ris(?:e|es|en|ing)|rose|increas\w*|fell|fall(?:s|ing|en)?|drop\w*|declin\w*|grow\w*|growth|"
    r"jump\w*|climb\w*|surg\w*|cut|cuts|up|down|lower|higher|inflation|rate|rates|interest|"
    r"turnout|gain\w*|los[st]\w*|more|less|fewer|by)\b",
    re.I,
)
_FALL_WORDS = re.compile(
    r"\b(fell|fall(?:s|ing|en)?|drop\w*|declin\w*|cut|down|lower|los[st]\w*|shr[ai]nk\w*)\b", re.I
)
# Percentages that are rates of their own, never a share of a whole split with others.
_NOT_SHARE = re.compile(
    r"\b(turnout|rate|inflation|growth|interest|yield|unemployment|rise|fall|increase)\b", re.I
)
_REST = re.compile(r"\b(the rest|remaining|remainder|the other|others)\b", re.I)
# What may stand between "from A" and "B": "to", optionally after "in April (2024)".
_FROM_TO = re.compile(
    r"(?:\s+(?:in|on|at|during)\s+[\w ]{1,24}?)?,?\s+to\s+(?:about\s+|around\s+|nearly\s+)?", re.I
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _step(q: Quantity) -> float:
    """Half the rounding unit implied by how the figure is written (0 when exact words)."""
    m = re.search(r"\d[\d,]*(?:\.(\d+))?", q.text)
    if not m:
        return 0.5 if q.value < 10 else 0.0
    mantissa = parse_number(m.group(0).replace(",", ""))
    decimals = len(m.group(1) or "")
    scale = q.value / mantissa if mantissa else 1.0
    return 0.5 * abs(scale) * 10 ** (-decimals)


def _tolerance(q: Quantity) -> float:
    slack = _step(q)
    if q.approx or q.hedge:
        slack += HEDGE_TOLERANCE * abs(q.value)
    return slack


def _is_change_context(line: Line, q: Quantity) -> bool:
    before = line.text[max(0, q.start - 20) : q.start]
    return bool(_CHANGE_BEFORE.search(before))


def _with_label_counts(line: Line, q: Quantity) -> Quantity:
    """In a "figure: what it counts" item ("412 seats: won by Labour"), what follows the colon
    says what the figure counts."""
    rest = line.text[q.end :]
    if q.start > 2 or not rest.startswith(":"):
        return q
    described = re.split(r"[,.;(]", rest[1:], maxsplit=1)[0].split()[:8]
    counts = " ".join(w for w in [q.counts or "", *described] if w)
    return replace(q, counts=counts or q.counts)


def _different_times(ctx: PageContext, la: Line, lb: Line) -> bool:
    """Both lines are dated and no date of one overlaps a date of the other: a rate at 4.5% in
    February and 4.25% in May is two measurements, not one figure stated two ways."""
    da, db = ctx.event_intervals(la), ctx.event_intervals(lb)
    if not da or not db:
        return False
    return not any(a[0] <= b[1] and b[0] <= a[1] for a in da for b in db)


def _conflicts(ctx: PageContext) -> Iterator[Finding]:
    items = [
        (line, _with_label_counts(line, q))
        for line, q in ctx.quantities
        if q.unit and not _is_change_context(line, q)
    ]
    reported: set[int] = set()
    for i, (la, a) in enumerate(items):
        for lb, b in items[i + 1 :]:
            if id(b) in reported or a.value == b.value:
                continue
            if (
                la is lb
                and la.text.count(a.text)
                and re.search(r"\bto\b|\band\b", la.text[a.end : b.start])
            ):
                continue  # a range or a pair in one sentence
            if not same_quantity(a, b):
                continue
            # The coarser figure's rounding covers the finer one ("22bn" vs "21.7bn"); hedges add.
            slack = (
                max(_step(a), _step(b)) + (_tolerance(a) - _step(a)) + (_tolerance(b) - _step(b))
            )
            if abs(a.value - b.value) <= slack:
                continue
            if _different_times(ctx, la, lb):
                continue
            reported.add(id(b))
            yield finding(
                "quantity-conflict",
                f"'{b.text}' here but '{a.text}' elsewhere on the page "
                f"({a.counts or b.counts or b.unit})",
                text=ctx.page.text,
                start=lb.start + b.start,
                end=lb.start + b.end,
                section=lb.section,
                evidence=f"{la.section or 'top of page'}: {la.text}",
            )


def _interval(q: Quantity) -> tuple[float, float]:
    t = _tolerance(q)
    return q.value - t, q.value + t


def _percent_changes(ctx: PageContext) -> Iterator[Finding]:
    by_line: dict[int, tuple[Line, list[Quantity]]] = {}
    for line, q in ctx.quantities:
        by_line.setdefault(id(line), (line, []))[1].append(q)
    for line, qs in by_line.values():
        for i in range(len(qs) - 2):
            a, b = qs[i], qs[i + 1]
            if not re.search(
                r"\bfrom\s+(?:about\s+|around\s+)?$",
                line.text[max(0, a.start - 14) : a.start],
                re.I,
            ):
                continue
            between = line.text[a.end : b.start]
            if not _FROM_TO.fullmatch(between):
                continue
            if a.unit != b.unit and not (a.unit is None or b.unit is None):
                continue
            stated = next((c for c in qs[i + 2 :] if c.unit in ("%", "percentage points")), None)
            if stated is None or a.value == 0:
                continue
            lo_a, hi_a = _interval(a)
            lo_b, hi_b = _interval(b)
            lo_x, hi_x = _interval(stated)
            candidates = [
                abs(hb - ha) / abs(ha) * 100 for ha in (lo_a, hi_a) for hb in (lo_b, hi_b) if ha
            ]
            ok = min(candidates) <= hi_x and max(candidates) >= lo_x if candidates else True
            if stated.unit == "percentage points" or a.unit == "%":
                points = [abs(hb - ha) for ha in (lo_a, hi_a) for hb in (lo_b, hi_b)]
                ok = ok or (min(points) <= hi_x and max(points) >= lo_x)
            falls = b.value < a.value
            said_fall = bool(_FALL_WORDS.search(line.text[b.end : stated.end]))
            direction_ok = falls == said_fall or not _CHANGE_WORDS.search(
                line.text[b.end : stated.end]
            )
            if ok and direction_ok:
                continue
            expected = (b.value - a.value) / abs(a.value) * 100
            yield finding(
                "arithmetic-percent",
                f"from {a.text} to {b.text} is a {'fall' if expected < 0 else 'rise'} of "
                f"{abs(expected):.1f}%, not {stated.text}",
                text=ctx.page.text,
                start=line.start + stated.start,
                end=line.start + stated.end,
                section=line.section,
                evidence=line.text,
            )


def _shares(ctx: PageContext) -> Iterator[Finding]:
    by_line: dict[int, tuple[Line, list[Quantity]]] = {}
    for line, q in ctx.quantities:
        by_line.setdefault(id(line), (line, []))[1].append(q)
    for line, qs in by_line.values():
        shares = []
        for q in qs:
            if q.unit != "%" or q.value > 100:
                continue
            if q.counts and _NOT_SHARE.search(q.counts):
                continue
            window = line.text[max(0, q.start - 25) : min(len(line.text), q.end + 25)]
            if _CHANGE_WORDS.search(window) and not re.search(
                r"\b(of|share|vote|votes|backed|support)\b", window, re.I
            ):
                continue
            shares.append(q)
        shares = _without_restated_label(line.text, shares)
        if len(shares) < 2:
            continue
        counts = {c for q in shares if q.counts for c in [q.counts.lower()]}
        if len(counts) > 1 and not any(
            all(w in c for c in counts) for w in next(iter(counts)).split()
        ):
            continue  # shares of different wholes ("70% of adults, 80% of children")
        total = sum(q.value for q in shares)
        slack = sum(_step(q) for q in shares) + SHARES_SLACK
        rest = _REST.search(line.text)
        if total > 100 + slack or (rest and abs(total - 100) > slack):
            first, last = shares[0], shares[-1]
            yield finding(
                "arithmetic-shares",
                f"shares {' + '.join(q.text for q in shares)} sum to {total:g}%, "
                + ("not 100%" if rest else "more than 100%"),
                text=ctx.page.text,
                start=line.start + first.start,
                end=line.start + last.end,
                section=line.section,
                evidence=line.text,
            )


#: A list item led by its figure ("83 percent: ...") is at most this long before the colon.
LABEL_MAX_CHARS = 40


def _without_restated_label(text: str, shares: list[Quantity]) -> list[Quantity]:
    """Drop a figure that only labels the line and is restated after the colon.

    "83 percent: Some 83 percent of ..." states one share, not two.
    """
    colon = text.find(":")
    if not 0 < colon <= LABEL_MAX_CHARS:
        return shares
    after = [q.value for q in shares if q.start > colon]
    return [q for q in shares if not (q.end <= colon and q.value in after)]


def check(ctx: PageContext) -> Iterator[Finding]:
    yield from _conflicts(ctx)
    yield from _percent_changes(ctx)
    yield from _shares(ctx)
