"""Impact for the audience: sentences that name the audience's region, people, institutions or
currency, sorted into consumers, business and policy by the profile's words for each."""

from __future__ import annotations

from backstory.compose.context import Context
from backstory.compose.sections.common import section
from backstory.models import Item, Section

#: Items per sub-part.
MAX_PER_PART = 3
SUBPARTS = ("consumers", "business", "policy")
_WHAT = {
    "consumers": "households",
    "business": "businesses or jobs",
    "policy": "policy or regulation",
}


def note_for(ctx: Context, key: str) -> str:
    name = ctx.audience.name
    if key == "policy":
        return f"No source yet discusses policy or regulation in {name}."
    return f"No source yet discusses the impact on {_demonym(ctx)} {_WHAT[key]}."


def _demonym(ctx: Context) -> str:
    # "the UK" -> "UK households": the profile name without its article reads as an adjective
    name = ctx.audience.name
    return name[4:] if name.lower().startswith("the ") else name


def build(ctx: Context) -> Section:
    audience = ctx.audience.audience_matcher
    matchers = ctx.audience.subpart_matchers
    about_audience: dict[int, bool] = {}

    def about(g: int) -> bool:
        if g not in about_audience:
            about_audience[g] = audience.count(ctx.sents[g].text) > 0
        return about_audience[g]

    parts: dict[str, list[Item]] = {k: [] for k in SUBPARTS}
    for fact in ctx.unshown(ctx.fresh_facts, limit=3):
        gid = next(
            (g for g in fact.members if ctx.standalone[g] and about(g)),
            None,
        )
        if gid is None:
            continue
        text = ctx.sents[gid].text
        hits = {k: m.count(text) if (m := matchers.get(k)) else 0 for k in SUBPARTS}
        best = max(SUBPARTS, key=lambda k: (hits[k], -SUBPARTS.index(k)))
        if hits[best] == 0 or len(parts[best]) >= MAX_PER_PART:
            continue
        parts[best].append(ctx.item(fact, gid=gid))
    subsections = [section(ctx, k, parts[k], note_for(ctx, k)) for k in SUBPARTS]
    return section(
        ctx,
        "impact",
        subsections=subsections,
        note=f"No source yet discusses what this story means for {ctx.audience.name}.",
    )
