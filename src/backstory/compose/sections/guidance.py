"""Practical guidance: only advice the sources themselves give ("people are advised to ...").

Each advice sentence goes to one sub-part: "dont" advice to Don't; "do" advice that lists
several steps or asks the reader to check or prepare something to the Checklist; other "do"
advice to Do. With no advice in any source, the section says so.
"""

from __future__ import annotations

import re

from backstory.analyse.cues import is_guidance
from backstory.compose.context import Context
from backstory.compose.rank import DANGLING
from backstory.compose.sections.common import section
from backstory.models import Item, Section

#: Items per sub-part.
MAX_PER_PART = 5
_CHECKLIST = re.compile(
    r"\b(?:check|make sure|ensure|keep (?:a|an|your)|have (?:a|an|your)|prepare|pack|register|"
    r"charge|stock up|note down|sign up)\b|:\s*\S.*[,;]",
    re.IGNORECASE,
)
NO_ADVICE = "The sources give no practical advice."
_NOTES = {
    "do": "The sources give no advice on what to do.",
    "dont": "The sources give no advice on what to avoid.",
    "checklist": "The sources give no checklist of steps.",
}


#: Shortest list item kept (in words): "- Shop around." is advice, "- Mortgages" is a heading.
MIN_BULLET_WORDS = 3
_DONT_INTRO = re.compile(r"\b(?:don['’]?t|do not|avoid|never|mistakes?)\b", re.IGNORECASE)
_DO_INTRO = re.compile(
    r"\b(?:do|should|steps?|checklist|tips?|what (?:to|you can) do|how to|advice|consider)\b",
    re.IGNORECASE,
)


def _bullet_kind(ctx: Context, gid: int) -> str | None:
    """The advice kind of a list item, from the line that introduces its list ("What to do:",
    "Don't:"): list items are imperatives the sentence cues alone cannot classify."""
    s = ctx.sents[gid]
    intro = next(
        (
            p
            for p in reversed(ctx.sents[gid - s.sentence.index : gid])
            if p.doc == s.doc and not ctx.bullet[p.gid]
        ),
        None,
    )
    if intro is None or not intro.text.rstrip().endswith(":"):
        return None
    if _DONT_INTRO.search(intro.text):
        return "dont"
    if _DO_INTRO.search(intro.text) or is_guidance(intro.text) == "do":
        return "checklist"
    return None


def build(ctx: Context) -> Section:
    parts: dict[str, list[Item]] = {"do": [], "dont": [], "checklist": []}
    candidates: list[tuple[float, int]] = []
    for s in ctx.sents:
        if ctx.misleading[s.gid] or DANGLING.match(s.text):
            continue  # misleading on the page, or "It ..." with nothing to say what "it" is
        if s.eligible or (ctx.bullet[s.gid] and len(s.text.split()) > MIN_BULLET_WORDS):
            candidates.append((-ctx.fact(s.gid).score, s.gid))
    seen: set[int] = set()
    for _, gid in sorted(candidates):
        fact = ctx.fact(gid)
        if fact.id in seen:
            continue
        text = ctx.sents[gid].text
        kind = _bullet_kind(ctx, gid) if ctx.bullet[gid] else None
        kind = kind or is_guidance(text)
        if kind is None:
            continue
        if kind == "do" and _CHECKLIST.search(text):
            kind = "checklist"
        if len(parts[kind]) < MAX_PER_PART:
            seen.add(fact.id)
            parts[kind].append(ctx.item(fact, gid=gid, trim=ctx.bullet[gid]))
    subsections = [section(ctx, key, items, _NOTES[key]) for key, items in parts.items()]
    return section(ctx, "guidance", subsections=subsections, note=NO_ADVICE)
