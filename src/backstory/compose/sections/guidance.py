"""Practical guidance: only advice the sources themselves give ("people are advised to ...").

Each advice sentence goes to one sub-part: "dont" advice to Don't; "do" advice that lists
several steps or asks the reader to check or prepare something to the Checklist; other "do"
advice to Do. With no advice in any source, the section says so.
"""

from __future__ import annotations

import re

from backstory.analyse.cues import is_guidance
from backstory.compose.context import Context
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


def build(ctx: Context) -> Section:
    parts: dict[str, list[Item]] = {"do": [], "dont": [], "checklist": []}
    for fact in ctx.fresh_facts:
        gid = ctx.wording(fact)
        kind = is_guidance(ctx.sents[gid].text)
        if kind is None:
            continue
        if kind == "do" and _CHECKLIST.search(ctx.sents[gid].text):
            kind = "checklist"
        if len(parts[kind]) < MAX_PER_PART:
            parts[kind].append(ctx.item(fact, gid=gid, trim=False))
    subsections = [section(ctx, key, items, _NOTES[key]) for key, items in parts.items()]
    return section(ctx, "guidance", subsections=subsections, note=NO_ADVICE)
