"""Risks, caveats and uncertainties: conflicting figures first, then disputed and hedged
statements, most central first."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from backstory.analyse.cues import is_disputed, is_hedged
from backstory.compose.context import Context
from backstory.compose.sections.common import section
from backstory.compose.sections.numbers import Conflict, conflict_item
from backstory.models import Item, Section

#: Items shown: conflicts always, then the most central disputed or hedged statements.
MAX_RISKS = 6


def build(
    ctx: Context, conflicts: list[Conflict], exclude: AbstractSet[int] = frozenset()
) -> Section:
    """``exclude``: facts already shown elsewhere (next steps state expectations too)."""
    items: list[Item] = [conflict_item(ctx, c) for c in conflicts]
    used = {ctx.fact(c.a.gid).id for c in conflicts} | set(exclude)
    disputed, hedged = [], []
    for fact in ctx.unshown(ctx.fresh_facts, limit=3):
        if fact.id in used:
            continue
        text = ctx.sents[ctx.wording(fact)].text
        if is_disputed(text):
            disputed.append(fact)
        elif is_hedged(text):
            hedged.append(fact)
    room = max(MAX_RISKS - len(items), 0)
    # disputes first, but leave room for the most central hedged statements too
    n_disputed = min(len(disputed), max(room - min(len(hedged), room // 2), 0))
    for fact in disputed[:n_disputed] + hedged[: room - n_disputed]:
        items.append(ctx.item(fact, trim=False))
    return section(
        ctx, "risks", items, note="No source flags uncertainty, disagreement or a disputed claim."
    )
