"""What's new vs what's known.

Without a previous version, "new" is what only the newest news cycle reports (sources published
within NEW_WINDOW_DAYS of the newest); with one, "new" is what the previous version did not
say. "Known" is the rest, background statements first.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from backstory.compose.context import Context
from backstory.compose.rank import Fact, mmr
from backstory.compose.sections.common import section
from backstory.models import Explainer, Section

#: Items per sub-part.
MAX_PER_PART = 4
#: token_set_ratio at or above which an item's text counts as already said in the previous
#: version (same measure and threshold as cross-outlet duplicate merging).
SAME_TEXT_RATIO = 90.0


Said = tuple[set[tuple[str, int, int]], list[str]]


def previously_said(previous: Explainer) -> Said:
    """Citation spans and item texts of a previous version."""
    spans, texts = set(), []
    for item in previous.items():
        texts.append(item.text)
        for c in item.citations:
            spans.add((c.source, c.start, c.end))
    return spans, texts


def is_new_against(ctx: Context, fact: Fact, said: Said | None) -> bool:
    """Whether ``fact`` is news: not ``said`` by a previous version, or (with no previous
    version) reported only by the newest news cycle."""
    if said is None:
        return ctx.is_recent(fact)
    spans, texts = said
    for g in fact.members:
        c = ctx.citation(g)
        if (c.source, c.start, c.end) in spans:
            return False
    text = ctx.sents[fact.members[0]].text
    return not any(fuzz.token_set_ratio(text, t) >= SAME_TEXT_RATIO for t in texts)


def _is_background(ctx: Context, fact: Fact) -> bool:
    dating = ctx.sents[fact.members[0]].dating
    return bool(getattr(dating, "background", ()))


def build(ctx: Context) -> Section:
    previous = ctx.request.previous
    new: list[Fact] = []
    known: list[Fact] = []
    said = previously_said(previous) if previous is not None else None
    for fact in ctx.unshown(ctx.fresh_facts):
        (new if is_new_against(ctx, fact, said) else known).append(fact)
    new_picks = mmr(ctx.ranking, new, MAX_PER_PART)
    background = [f for f in known if _is_background(ctx, f)]
    rest = [f for f in known if not _is_background(ctx, f)]
    known_picks = mmr(ctx.ranking, background, min(2, MAX_PER_PART))
    known_picks += mmr(ctx.ranking, rest, MAX_PER_PART - len(known_picks))
    new_note = (
        "Nothing has changed since the previous version."
        if previous is not None
        else "No source from the latest news cycle adds anything new."
    )
    subsections = [
        section(ctx, "new", [ctx.item(f) for f in new_picks], new_note),
        section(
            ctx,
            "known",
            [ctx.item(f) for f in known_picks],
            "All the sources are from the latest news cycle; there is no earlier coverage.",
        ),
    ]
    return section(
        ctx, "new_vs_known", subsections=subsections, note="The sources say nothing datable."
    )
