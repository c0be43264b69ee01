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
    audience = ctx.audience.audience_pattern
    patterns = ctx.audience.subpart_patterns
    parts: dict[str, list[Item]] = {k: [] for k in SUBPARTS}
    if audience is not None:
        for fact in ctx.fresh_facts:
            gid = next(
                (
                    g
                    for g in fact.members
                    if not ctx.stale[g] and audience.search(ctx.sents[g].text)
                ),
                None,
            )
            if gid is None:
                continue
            text = ctx.sents[gid].text
            hits = {
                k: len(p.findall(text)) if (p := patterns.get(k)) is not None else 0
                for k in SUBPARTS
            }
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
