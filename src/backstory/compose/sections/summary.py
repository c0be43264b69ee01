"""The summary parts: headline, standfirst, what's happening now, key takeaways, bottom line."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import datetime

import numpy as np

from backstory.compose.context import NEW_WINDOW_DAYS, Context
from backstory.compose.rank import Fact, mmr
from backstory.compose.sections.common import date_label, section
from backstory.models import Item, Section

#: Key takeaways: the spec asks for 3-5 diverse, central points.
MAX_TAKEAWAYS = 5
MIN_TAKEAWAYS = 3
#: Takeaways beyond the third must score at least this share of the best one.
TAKEAWAY_MIN_SHARE = 0.35
#: Opening sentences of an article that count as its lead.
LEAD_SENTENCES = 3
#: "Now" items, from the newest sources.
MAX_NOW = 3
#: Standfirst items (the spec's 1-3 sentence summary).
MAX_STANDFIRST = 2
#: Bottom line items (one short paragraph).
MAX_BOTTOM_LINE = 2


def headline(ctx: Context) -> str:
    """The title of the source closest to the story's centroid, newer sources weighted up;
    titles whose relative dates ("Thursday 4 July", "next week") would read differently on
    the page's date are passed over when another title is available."""
    titles = [a.title.strip() for a in ctx.articles]
    if len(titles) == 1:
        return titles[0]
    centroid = np.asarray(ctx.ranking.matrix.sum(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    vectors = ctx.ranking.vectorizer.transform(titles)
    sims = np.asarray(vectors @ (centroid / norm)).ravel() if norm else np.zeros(len(titles))
    newest = ctx.newest

    def value(i: int) -> tuple[bool, float, object, int]:
        age = max((newest - ctx.published[i]).total_seconds() / 86400, 0.0)
        recency = 0.5 ** (age / NEW_WINDOW_DAYS)
        fresh = not _title_dates_shift(titles[i], ctx.published[i], ctx.now)
        return (fresh, round(float(sims[i]) * (0.5 + 0.5 * recency), 6), ctx.published[i], -i)

    return titles[max(range(len(titles)), key=value)]


def _title_dates_shift(title: str, published: datetime, now: datetime) -> bool:
    from backstory.analyse.temporal import tag

    if published.date() == now.date():
        return False
    before = [(t.start, t.value) for t in tag(title, published) if t.relative]
    if not before:
        return False
    after = {t.start: t.value for t in tag(title, now)}
    return any(after.get(start) != value for start, value in before)


def standfirst(ctx: Context, head: str) -> tuple[Item, ...]:
    """The lead of the headline's source and the most central statement of the story."""
    doc = next(i for i, a in enumerate(ctx.articles) if a.title.strip() == head)
    lead = next(
        (s for s in ctx.sents if s.doc == doc and s.eligible and ctx.standalone[s.gid]), None
    )
    picks: list[Fact] = []
    if lead is not None:
        picks.append(ctx.fact(lead.gid))
    for fact in ctx.fresh_facts:
        if len(picks) >= MAX_STANDFIRST:
            break
        if all(fact.id != p.id for p in picks):
            picks.append(fact)
    if not picks:  # nothing eligible: fall back to the first sentence of the newest source
        newest = max(range(len(ctx.articles)), key=lambda i: (ctx.published[i], -i))
        first = next(s for s in ctx.sents if s.doc == newest)
        return (ctx.item(ctx.fact(first.gid), gid=first.gid),)
    return tuple(
        ctx.item(f, gid=lead.gid if lead is not None and f.id == ctx.fact(lead.gid).id else None)
        for f in picks
    )


def now(ctx: Context) -> Section:
    """The latest developments: central statements of the newest news cycle. On a page
    dated well after its newest source, the section says how old "now" is, so that a reader
    does not take weeks-old news for today's."""
    recent = [f for f in _prose(ctx) if any(d in ctx.recent_docs for d in f.docs)]
    facts = _leads_first(ctx, recent, MAX_NOW)
    weights = [ctx.recent_weight(f) for f in facts]
    picks = mmr(ctx.ranking, facts, MAX_NOW, weights=weights)
    built = section(
        ctx, "now", [ctx.item(f) for f in picks], note="No source reports a recent development."
    )
    if built.items and ctx.late():
        newest = date_label(ctx.newest.date().isoformat())
        note = f"All the sources are from {newest} or before; nothing later is covered."
        built = built.model_copy(update={"note": note})
    return built


def _prose(ctx: Context, exclude: AbstractSet[int] = frozenset()) -> list[Fact]:
    """Usable facts stated in prose (list items read as fragments in a summary)."""
    return [f for f in ctx.fresh_facts if f.id not in exclude and not ctx.bullet[ctx.wording(f)]]


def _leads_first(ctx: Context, facts: list[Fact], minimum: int) -> list[Fact]:
    """The facts that open an article (its first LEAD_SENTENCES), when there are enough of
    them: news puts each story's main points there, so they make the best summary points."""
    leads = [
        f for f in facts if any(ctx.sents[g].sentence.index < LEAD_SENTENCES for g in f.members)
    ]
    return leads if len(leads) >= minimum else facts


def takeaways(ctx: Context, exclude: AbstractSet[int] = frozenset()) -> Section:
    """3-5 diverse central points; ``exclude`` holds facts already shown under "now"."""
    facts = _leads_first(ctx, _prose(ctx, exclude), MIN_TAKEAWAYS)
    picks = mmr(ctx.ranking, facts, MAX_TAKEAWAYS)
    if len(picks) > MIN_TAKEAWAYS:
        # keep 3-5: drop the tail when it falls far below the best point
        top = picks[0].score
        picks = picks[:MIN_TAKEAWAYS] + [
            f for f in picks[MIN_TAKEAWAYS:] if f.score >= TAKEAWAY_MIN_SHARE * top
        ]
    return section(
        ctx, "takeaways", [ctx.item(f) for f in picks], note="The sources make no central point."
    )


def bottom_line(ctx: Context) -> Section:
    """The one or two most central statements, the newest coverage weighted up."""
    facts = _prose(ctx)[:50]
    weights = [0.5 + 0.5 * ctx.recent_weight(f) for f in facts]
    picks = mmr(ctx.ranking, facts, MAX_BOTTOM_LINE, lam=0.5, weights=weights)
    return section(
        ctx, "bottom_line", [ctx.item(f) for f in picks], note="The sources make no central point."
    )
