"""Events dated after the page's own date but told in the past tense.

"On 12 May 2026 the minister resigned" on a page of March 2026 is either a wrong date or a
page from the future. The temporal engine says which dates date the sentence's events and
the sentence's tense; this rule only compares them with the page date, and stays silent on
sentences that also speak of plans, forecasts or schedules, and on dates inside an
infinitive ("his bid to be elected again in 2024").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from backstory.analyse.temporal.model import Timex
from backstory.analyse.temporal.values import value_interval
from backstory.check.context import PageContext
from backstory.check.report import Finding, finding

_FORWARD = re.compile(
    r"\b(will|would|could|might|may|shall|expected|expects|due|scheduled|set to|plans?|planned|"
    r"planning|intends?|aims?|hopes?|forecast\w*|project\w*|predict\w*|until|by|deadline|"
    r"promised|pledged|vowed|announced|agreed|proposed|called for|warned|said|says)\b",
    re.I,
)
#: An infinitive of purpose or prospect just before the date ("his argument to be elected
#: president again in 2024", "a bid to host the games in 2030"): the date belongs to what is
#: sought, not to the past-tense verb of the sentence.
_INFINITIVE_BEFORE = re.compile(
    r"\bto\s+(?:be|become|win|host|hold|run|stand|take|face|return|start|begin|end|open|"
    r"close|launch|complete|finish|reach|meet|pay|rise|fall|leave|join|seek|sign|vote|go|come|"
    r"see|make|get|have|do|hit|lift|cut|raise|build|deliver|introduce|phase|expire)\b"
    r"[^.;:!?]{0,60}$",
    re.I,
)
#: A line that opens with a label ("2024: ...", "- **March 2026**: ..."), as timeline and
#: next-steps items do on explainer pages.
_LABEL = re.compile(r"^[\W_]*(?P<label>[^:\n]{1,40}?)[\W_]*:\s")


def _label_restated(line: str, t: Timex, timexes: tuple[Timex, ...]) -> bool:
    """Whether ``t`` is the line's label and the sentence after it states the same date
    itself: the sentence's own wording then decides (the label only repeats it)."""
    m = _LABEL.match(line)
    if m is None or not (m.start("label") <= t.start and t.end <= m.end("label")):
        return False
    return any(x.value == t.value and x.start >= m.end() for x in timexes)


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
            if _INFINITIVE_BEFORE.search(line.text, 0, t.start):
                continue
            if _label_restated(line.text, t, dating.timexes):
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
