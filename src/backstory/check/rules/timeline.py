"""Timeline entries out of order: a timeline runs oldest first (or, all through, newest first)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from backstory.check.context import Dated, PageContext
from backstory.check.report import Finding, finding

_TIMELINE = re.compile(r"\b(timeline|how we got here|chronology|key dates|key events)\b", re.I)
#: A list item is a dated entry when its date starts within this many characters of its start
#: ("February 2022: ...", "On 24 February 2022, ...").
LEAD_CHARS = 4


def _entries(ctx: PageContext, section: str) -> list[Dated]:
    out: list[Dated] = []
    seen_lines: set[int] = set()
    for d in ctx.dated:
        line = d.line
        if line.section != section or line.kind != "item" or id(line) in seen_lines:
            continue
        if d.timex.type != "DATE" or d.timex.relative or d.interval is None:
            continue
        if d.start - line.start > LEAD_CHARS:
            continue
        seen_lines.add(id(line))
        out.append(d)
    return out


def check(ctx: PageContext) -> Iterator[Finding]:
    sections = {line.section for line in ctx.lines if _TIMELINE.search(line.section)}
    for section in sorted(sections):
        entries = _entries(ctx, section)
        if len(entries) < 2:
            continue
        # before[i]: entry i+1 is wholly before entry i (intervals that overlap are not out
        # of order: "2022" then "February 2022" is a coarser and a finer date).
        back = [b.span[1] < a.span[0] for a, b in zip(entries, entries[1:], strict=False)]
        fwd = [b.span[0] > a.span[1] for a, b in zip(entries, entries[1:], strict=False)]
        if not any(back):
            continue
        if len(entries) >= 3 and not any(fwd):
            continue  # newest first, consistently
        for i, is_back in enumerate(back):
            if not is_back:
                continue
            a, b = entries[i], entries[i + 1]
            yield finding(
                "timeline-order",
                f"'{b.timex.text}' comes after '{a.timex.text}' on the timeline but is earlier",
                text=ctx.page.text,
                start=b.line.start,
                end=b.line.end,
                section=section,
                evidence=a.line.text,
            )
