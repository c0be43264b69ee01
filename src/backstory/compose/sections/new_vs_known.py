"""What's new vs what's known.

Without a previous version, "new" is what only the newest news cycle reports (sources published
within NEW_WINDOW_DAYS of the newest); with one, "new" is what the previous version did not
say. Either way a statement is not new when older coverage already reports the same fact in
other words (the same figures, or most of the same content words: a newest source's recap of
"Delta's $500 million cost" is not news) or when the event it dates happened clearly before
that coverage or more than a week before the newest cycle (an award "in August" recalled on
25 September). "Known" is the rest, background statements first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from backstory.compose.context import Context, Sent, utc_naive
from backstory.compose.rank import Fact, mmr
from backstory.compose.sections.common import EventDate, day_value, event_dates, section
from backstory.compose.sections.numbers import different_dates
from backstory.compose.text import content_words
from backstory.models import Explainer, Section

#: Items per sub-part.
MAX_PER_PART = 4
#: token_set_ratio at or above which an item's text counts as already said in the previous
#: version (same measure and threshold as cross-outlet duplicate merging).
SAME_TEXT_RATIO = 90.0
#: TF-IDF cosine, and the content words besides names shared, that make two sentences without
#: a common figure state one fact. Set by hand on the example stories: a recap of an earlier
#: report scores 0.4-0.5 and shares 4+ words; two quotes of one analyst also score 0.4-0.5
#: but share only the name and a word or two.
SAME_FACT_COSINE = 0.4
SAME_FACT_WORDS = 4
#: With a figure in common ("$500 million"), a TF-IDF cosine this high makes one fact: recaps
#: of a figure score 0.25-0.5, sentences that only reuse a story's headline figure ("4%")
#: in another statement mostly below 0.2.
SAME_FIGURE_COSINE = 0.2
#: Share of the candidate's figures the older sentence must give too: a recap repeats the
#: figures, a new statement adds its own ("19 days after ... having won 411 seats").
SAME_FIGURE_SHARE = 0.5
#: "New today/this week": an event that ended more than this many days before the newest news
#: cycle began is not this week's news, whoever reports it first.
THIS_WEEK_DAYS = 7


Said = tuple[set[tuple[str, int, int]], list[str]]
Figure = tuple[float, str]


def previously_said(previous: Explainer) -> Said:
    """Citation spans and item texts of a previous version."""
    spans, texts = set(), []
    for item in previous.items():
        texts.append(item.text)
        for c in item.citations:
            spans.add((c.source, c.start, c.end))
    return spans, texts


def sentence_figures(ctx: Context) -> dict[int, frozenset[Figure]]:
    """The figures (value, unit) of each sentence that has any, by gid."""
    out: dict[int, set[Figure]] = {}
    for doc, analysis in enumerate(ctx.analyses):
        for index, q in analysis.numbers:
            if not (q.unit or q.counts) or not any(c.isdigit() for c in q.text):
                continue
            gid = ctx.gid(doc, index)
            if gid is not None:
                out.setdefault(gid, set()).add((q.value, (q.unit or "").casefold()))
    return {g: frozenset(f) for g, f in out.items()}


@dataclass(frozen=True)
class Coverage:
    """Older coverage: its sentences (gids) and the last day it covers."""

    gids: tuple[int, ...]
    last_day: date | None


def older_coverage(ctx: Context, previous: Explainer | None) -> Coverage:
    """The previous version's cited sentences, or the sources before the newest news cycle."""
    if previous is not None:
        cited = {ctx.gid_of_citation(c) for item in previous.items() for c in item.citations}
        gids = tuple(sorted(g for g in cited if g is not None))
        return Coverage(gids, utc_naive(previous.updated).date())
    gids = tuple(s.gid for s in ctx.sents if s.doc not in ctx.recent_docs and s.eligible)
    days = [ctx.published[d] for d in range(len(ctx.articles)) if d not in ctx.recent_docs]
    return Coverage(gids, max(days).date() if days else None)


class SameFact:
    """Whether older coverage already reports what a sentence says."""

    def __init__(self, ctx: Context, coverage: Coverage) -> None:
        self.ctx = ctx
        self.coverage = coverage
        self.figures = sentence_figures(ctx)
        self._rows = ctx.ranking.matrix[list(coverage.gids)] if coverage.gids else None

    def reported(self, gids: Sequence[int]) -> list[int | None]:
        """For each sentence of ``gids``, the older sentence that states its fact, if any
        (one sparse product for all of them)."""
        if self._rows is None or not gids:
            return [None] * len(gids)
        sims = (self.ctx.ranking.matrix[list(gids)] @ self._rows.T).tocsr()
        out: list[int | None] = []
        for j, gid in enumerate(gids):
            start, end = sims.indptr[j], sims.indptr[j + 1]
            row = sorted(
                (int(i), float(v))
                for i, v in zip(sims.indices[start:end], sims.data[start:end], strict=True)
                if v >= SAME_FIGURE_COSINE
            )
            out.append(self._first_same(gid, row))
        return out

    def _first_same(self, gid: int, row: list[tuple[int, float]]) -> int | None:
        figs = self.figures.get(gid, frozenset())
        words: frozenset[str] | None = None
        for i, sim in row:
            other = self.coverage.gids[i]
            shared = figs & self.figures.get(other, frozenset())
            if shared and len(shared) >= SAME_FIGURE_SHARE * len(figs):
                same = True
            elif sim >= SAME_FACT_COSINE:
                words = words or content_words(self.ctx.sents[gid].text, names=False)
                other_words = content_words(self.ctx.sents[other].text, names=False)
                same = len(words & other_words) >= SAME_FACT_WORDS
            else:
                same = False
            if same and not different_dates(self.ctx, gid, other):
                return other
        return None


def is_new_against(ctx: Context, fact: Fact, said: Said | None) -> bool:
    """Whether ``fact`` is not ``said`` by a previous version, or (with no previous version)
    reported only by the newest news cycle."""
    if said is None:
        return ctx.is_recent(fact)
    spans, texts = said
    for g in fact.members:
        c = ctx.citation(g)
        if (c.source, c.start, c.end) in spans:
            return False
    text = ctx.sents[fact.members[0]].text
    return not any(fuzz.token_set_ratio(text, t) >= SAME_TEXT_RATIO for t in texts)


#: Words that open a clause dating something other than the sentence's main event: "the
#: update that crashed computers in July", "19 days after he took office on 5 July".
_SUBORDINATE = re.compile(r"\b(?:that|which|who|whom|whose|after|before|since|until)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _main_clause_dates(s: Sent) -> list[EventDate]:
    """The event dates of a sentence written in its main clause."""
    text = s.text
    starts = {day_value(t.value): t.start for t in getattr(s.dating, "events", ()) if t.start >= 0}
    out = []
    for ev in event_dates(s, background=False):
        start = starts.get(ev.value)
        if start is None:
            continue
        before = text[:start]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
        if not _SUBORDINATE.search(before[breaks[-1] if breaks else 0 :]):
            out.append(ev)
    return out


def event_age(ctx: Context, gid: int, coverage: Coverage, cycle_start: date) -> str | None:
    """ "old" when the dates of the sentence's main clause all ended clearly before the older
    coverage or more than THIS_WEEK_DAYS before the newest cycle; "after" when an event of it
    happened (in the past of its source) after the older coverage ended, so that coverage
    cannot have reported it."""
    s = ctx.sents[gid]
    if coverage.last_day is not None:
        published = s.published.date()
        if any(
            coverage.last_day < ev.first and ev.last <= published
            for ev in event_dates(s, background=False)
        ):
            return "after"
    limit = cycle_start - timedelta(days=THIS_WEEK_DAYS)
    if coverage.last_day is not None:
        limit = max(limit, coverage.last_day)
    main = _main_clause_dates(s)
    if main and all(ev.last < limit for ev in main):
        return "old"
    return None


def split_new(ctx: Context, facts: Sequence[Fact]) -> tuple[list[Fact], list[Fact]]:
    """``facts`` split into (new, known), in their order."""
    previous = ctx.request.previous
    said = previously_said(previous) if previous is not None else None
    verdict: list[bool] = []
    pending: list[int] = []  # positions in ``facts`` whose verdict needs the older coverage
    coverage = older_coverage(ctx, previous)
    # "this week" runs from the newest news cycle, with or without a previous version
    cycle_start = min(ctx.published[d] for d in ctx.recent_docs).date()
    for fact in facts:
        is_new = is_new_against(ctx, fact, said)
        if is_new:
            age = event_age(ctx, ctx.wording(fact), coverage, cycle_start)
            is_new = age != "old"
            if age is None:
                pending.append(len(verdict))
        verdict.append(is_new)
    if pending:
        gids = [ctx.wording(facts[k]) for k in pending]
        for k, other in zip(pending, SameFact(ctx, coverage).reported(gids), strict=True):
            verdict[k] = other is None
    new = [f for f, v in zip(facts, verdict, strict=True) if v]
    known = [f for f, v in zip(facts, verdict, strict=True) if not v]
    return new, known


def _is_background(ctx: Context, fact: Fact) -> bool:
    dating = ctx.sents[fact.members[0]].dating
    return bool(getattr(dating, "background", ()))


def build(ctx: Context) -> Section:
    previous = ctx.request.previous
    new, known = split_new(ctx, ctx.unshown(ctx.fresh_facts))
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
