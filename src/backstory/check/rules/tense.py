"""Events dated after the page's own date but told in the past tense.

"On 12 May 2026 the minister resigned" on a page of March 2026 is either a wrong date or a
page from the future. The temporal engine says which dates date the sentence's events and
the sentence's tense; this rule only compares them with the page date, and stays silent on
sentences that also speak of plans, forecasts or schedules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from backstory.analyse.temporal.values import value_interval
from backstory.check.context import PageContext
from backstory.check.report import Finding, finding

_FORWARD = re.compile(
    r"\b(will|would|could|might|may|shall|expected|expects|due|scheduled|set to|plans?|planned|"
    r"planning|intends?|aims?|hopes?|forecast\w*|project\w*|predict\w*|until|by|deadline|"
    r"promised|pledged|vowed|announced|agreed|proposed|called for|warned|said|says)\b",
    re.I,
)


def check(ctx: PageContext) -> Iterator[Finding]:
    ref = ctx.reference
    if ref is None:
        return
    for line in ctx.body_lines:
        dating = ctx.datings[id(line)]
        if dating.tense != "past" or _FORWARD.search(line.text):
            continue
        for t in dating.events:
            if t.relative or t.type not in ("DATE", "TIME"):
                continue
            interval = value_interval(t.value)
            if interval is None or interval[0] <= ref:
                continue
            yield finding(
                "past-tense-future-event",
                f"'{t.text}' is after the page date {ref.isoformat()}, yet the sentence tells it "
                "as past",
                text=ctx.page.text,
                start=line.start + t.start,
                end=line.start + t.end,
                section=line.section,
                evidence=line.text,
            )
