"""Relative time words ("recent", "this week", "yesterday") against the dates they describe.

The seed page calls the Miami talks "recent" on a page of December 2025 while its own timeline
dates them October 2023. Hand-written: each word has the span of days before/after the page's
date that it can honestly describe; the event's date is the one the page itself gives, on
another line that shares the statement's key words (see :mod:`.links`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from backstory.check.context import PageContext
from backstory.check.report import Finding, finding
from backstory.check.rules.links import linked_event

#: Days before (negative) and after the page date each word can describe. "recent" is the
#: loosest: news uses it for up to a few months, so six months is the limit before it is
#: plainly wrong (the seed's "recent" talks were 26 months old).
WINDOWS: dict[str, tuple[int, int]] = {
    "today": (-1, 1),
    "tonight": (-1, 1),
    "yesterday": (-2, 0),
    "this morning": (-1, 0),
    "last night": (-2, 0),
    "tomorrow": (0, 2),
    "this week": (-8, 8),
    "last week": (-15, 0),
    "next week": (0, 15),
    "this month": (-32, 32),
    "last month": (-63, 0),
    "next month": (0, 63),
    "recent": (-183, 1),
    "recently": (-183, 1),
    "most recent": (-183, 1),
    "latest": (-183, 1),
    "this year": (-366, 366),
    "last year": (-731, 0),
}
_WORDS = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in WINDOWS), key=len, reverse=True)) + r")\b", re.I
)


def check(ctx: PageContext) -> Iterator[Finding]:
    ref = ctx.reference
    if ref is None:
        return
    for line in ctx.body_lines:
        for m in _WORDS.finditer(line.text):
            word = m.group(1).lower()
            explicit = [
                d
                for d in ctx.dated_in(line)
                if d.timex.type == "DATE" and not d.timex.relative and d.interval is not None
            ]
            if explicit:
                continue  # the sentence dates itself; which date the word goes with is unclear
            link = linked_event(ctx, line, exclude=(m.start(), m.end()))
            if link is None:
                continue
            event, shared = link
            lo, hi = WINDOWS[word]
            first, last = event.span
            before = (first - ref).days
            after = (last - ref).days
            if word in ("this year", "last year"):
                year = ref.year - (1 if word == "last year" else 0)
                ok = first.year <= year <= last.year
            else:
                ok = after >= lo and before <= hi
            if ok:
                continue
            distance = -after if after < 0 else before
            yield finding(
                "relative-time-mismatch",
                f"'{m.group(1)}' on a page dated {ref.isoformat()}, but the page dates this "
                f"({', '.join(sorted(shared))}) {event.timex.text}, {abs(distance)} days "
                f"{'before' if after < 0 else 'after'} the page date",
                text=ctx.page.text,
                start=line.start + m.start(),
                end=line.start + m.end(),
                section=line.section,
                evidence=f"{event.line.section}: {event.line.text}",
            )
