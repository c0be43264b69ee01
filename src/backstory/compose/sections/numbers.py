"""Numbers that matter: each figure once, labelled, with the clause that says what it counts.

Figures are de-duplicated with the analyser's ``same_quantity``; when two sources give one
figure different values ("411 seats" here, "412 seats" there), or near-duplicate statements from
two outlets carry different figures of one unit, the pair is a conflict for the risks section.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from backstory.analyse.numbers import Quantity, same_quantity
from backstory.compose.context import Context
from backstory.compose.rank import DUPLICATE_COSINE
from backstory.compose.sections.common import event_dates, section
from backstory.compose.text import content_words
from backstory.models import Citation, Item, Section

#: Figures shown: enough for the main counts of a story without listing every number in it.
MAX_NUMBERS = 8
#: Conflicts reported: the most central ones (figures are in score order), enough to warn.
MAX_CONFLICTS = 3
#: Relative gap below which two approximate figures ("about 300", "nearly 310") agree.
APPROX_TOLERANCE = 0.1


_TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "seconds"})
#: Label prefix of a conflict item (the consistency pass keeps these).
CONFLICT_LABEL = "Sources differ"
#: TF-IDF cosine two sentences need before their figures can conflict; below it they are
#: usually about different things that share a counted noun (seats, people).
CONFLICT_MIN_SIMILARITY = 0.3
#: Content words (besides the figure's own) two sentences giving one count, once with its
#: noun and once without, must share to be about the same thing: the two 8.5 million
#: devices sentences of the CrowdStrike story share four ("faulty", "update", "Microsoft",
#: "estimate"); unrelated sentences of one story that reuse a round figure share one or two.
NOUN_DROPPED_SHARED_WORDS = 3


def different_dates(ctx: Context, a: int, b: int) -> bool:
    """Both sentences date their events, and on no common date: two events, not one."""
    da = {ev.value for ev in event_dates(ctx.sents[a])}
    db = {ev.value for ev in event_dates(ctx.sents[b])}
    return bool(da and db and not (da & db))


@dataclass(frozen=True)
class Figure:
    gid: int
    quantity: Quantity


@dataclass(frozen=True)
class Conflict:
    """One figure stated two ways by two sources."""

    a: Figure
    b: Figure


def figures(ctx: Context) -> list[Figure]:
    """Every meaningful figure of the sources, in order of its sentence's fact score."""
    out: list[Figure] = []
    for doc, analysis in enumerate(ctx.analyses):
        for index, q in analysis.numbers:
            gid = ctx.gid(doc, index)
            if gid is None or not ctx.sents[gid].eligible or not ctx.standalone[gid]:
                continue
            if not (q.unit or q.counts):
                continue  # a bare number says nothing a reader can use
            if not any(c.isdigit() for c in q.text):
                continue  # "two sides", "three days": figures of speech more than figures
            out.append(Figure(gid, q))
    # Within a sentence, a count of things labels it better than a span of time.
    out.sort(
        key=lambda f: (
            -ctx.fact(f.gid).score,
            f.gid,
            (f.quantity.unit or "") in _TIME_UNITS,
            f.quantity.start,
        )
    )
    return out


def _differ(a: Quantity, b: Quantity) -> bool:
    if a.value == b.value:
        return False
    lo, hi = sorted((abs(a.value), abs(b.value)))
    if (a.approx or b.approx or a.hedge or b.hedge) and hi and (hi - lo) / hi <= APPROX_TOLERANCE:
        return False
    return True


class Similarity:
    """TF-IDF cosines of the figures' sentences, computed once as one small matrix (a
    sparse row product per pair costs far more)."""

    def __init__(self, ctx: Context, figs: list[Figure]) -> None:
        gids = sorted({f.gid for f in figs})
        self.where = {g: i for i, g in enumerate(gids)}
        rows = ctx.ranking.matrix[gids] if gids else None
        self.matrix = (rows @ rows.T).toarray() if rows is not None else None

    def __call__(self, a: int, b: int) -> float:
        return float(self.matrix[self.where[a], self.where[b]])  # type: ignore[index]


def find_conflicts(
    ctx: Context, figs: list[Figure], sim: Similarity | None = None
) -> list[Conflict]:
    """Pairs of figures from different sources that state one quantity differently."""
    sim = sim or Similarity(ctx, figs)
    # only figures of one unit can conflict: compare within each unit, in the same order
    by_unit: dict[str | None, list[int]] = {}
    for i, f in enumerate(figs):
        by_unit.setdefault(f.quantity.unit or None, []).append(i)
    conflicts: list[Conflict] = []
    seen: set[tuple[str, ...]] = set()
    docs = [ctx.sents[f.gid].doc for f in figs]
    rows = [sim.where[f.gid] for f in figs]
    for i, fa in enumerate(figs):
        qa = fa.quantity
        group = by_unit[qa.unit or None]
        row = sim.matrix[rows[i]] if sim.matrix is not None else None
        for j in group[bisect_right(group, i) :]:
            # cheapest tests first; every one must pass
            if docs[i] == docs[j]:
                continue
            similarity = float(row[rows[j]])  # type: ignore[index]
            if similarity < CONFLICT_MIN_SIMILARITY:
                continue  # below both thresholds (CONFLICT_MIN_SIMILARITY < DUPLICATE_COSINE)
            fb = figs[j]
            qb = fb.quantity
            if not _differ(qa, qb):
                continue
            if similarity >= DUPLICATE_COSINE:
                # near-duplicate wordings, which the ranker keeps apart when numerals differ
                same_thing = True
            else:
                # One figure "stated two ways" must also come from sentences about the same
                # thing at the same time: 411 seats in 2024 and 365 in 2019 are two figures.
                same_thing = (
                    similarity >= CONFLICT_MIN_SIMILARITY
                    and same_quantity(qa, qb)
                    and not different_dates(ctx, fa.gid, fb.gid)
                )
            if not same_thing:
                continue
            # one conflict per pair of written figures, however many outlets repeat them
            key = tuple(sorted((qa.text.casefold(), qb.text.casefold())))
            if key not in seen:
                seen.add(key)
                conflicts.append(Conflict(fa, fb))
                if len(conflicts) >= MAX_CONFLICTS:
                    return conflicts
    return conflicts


def _same_figure(ctx: Context, a: Figure, b: Figure, sim: Similarity) -> bool:
    """One figure in two sentences: the analyser's test plus sentences about the same thing."""
    qa, qb = a.quantity, b.quantity
    same_value_unit = qa.value == qb.value and (qa.unit or "") == (qb.unit or "")
    if not same_value_unit and not same_quantity(qa, qb):
        return False
    if ctx.fact(a.gid).id == ctx.fact(b.gid).id:
        return True
    if sim(a.gid, b.gid) >= CONFLICT_MIN_SIMILARITY:
        return True
    return same_value_unit and bool(qa.unit) and _noun_dropped(ctx, a, b)


def _noun_dropped(ctx: Context, a: Figure, b: Figure) -> bool:
    """One count written with and without its noun ("8.5 million devices had crashed",
    "8.5 million Windows devices were affected"): the same value, the shorter figure's words
    starting the longer one's, and sentences about one thing (shared content words besides
    the figure's own)."""
    ta, tb = _norm(a.quantity.text), _norm(b.quantity.text)
    short, long_ = sorted((ta, tb), key=len)
    if short == long_ or not long_.startswith(short + " "):
        return False
    own = content_words(long_)
    shared = content_words(ctx.sents[a.gid].text) & content_words(ctx.sents[b.gid].text)
    return len(shared - own) >= NOUN_DROPPED_SHARED_WORDS


def _names_its_noun(a: Quantity, b: Quantity) -> bool:
    """``a`` is ``b`` written with its noun: "8.5 million devices" for "8.5 million"."""
    return _norm(a.text).startswith(_norm(b.text) + " ")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same_text(a: Quantity, b: Quantity) -> bool:
    return _norm(a.text) == _norm(b.text)


def build(ctx: Context) -> tuple[Section, list[Conflict]]:
    figs = figures(ctx)
    sim = Similarity(ctx, figs)
    conflicts = find_conflicts(ctx, figs, sim)
    # The second figure of a conflict is reported under risks, not listed as a second fact.
    second = {(c.b.gid, c.b.quantity.start) for c in conflicts}
    kept: list[tuple[Figure, list[Citation]]] = []
    for f in figs:
        if (f.gid, f.quantity.start) in second:
            continue
        at = next((i for i, k in enumerate(kept) if _same_figure(ctx, k[0], f, sim)), None)
        if at is not None:
            match = kept[at]
            if all(c.source != ctx.sents[f.gid].article.id for c in match[1]):
                match[1].append(ctx.citation(f.gid))
                if _names_its_noun(f.quantity, match[0].quantity) and not any(
                    k[0].gid == f.gid for k in kept
                ):
                    # "8.5 million devices" labels the line better than "8.5 million"
                    kept[at] = (f, [match[1][-1], *match[1][:-1]])
            continue
        if any(_same_text(k[0].quantity, f.quantity) for k in kept):
            continue  # the same figure about something else: one line per figure reads clearer
        if any(k[0].gid == f.gid for k in kept):
            continue  # one item per sentence: its first figure labels it
        if len(kept) < MAX_NUMBERS:
            kept.append((f, [ctx.citation(f.gid)]))
    items = []
    for f, cites in kept:
        item = ctx.item(ctx.fact(f.gid), gid=f.gid, label=f.quantity.text)
        items.append(item.model_copy(update={"citations": tuple(cites)}))
    return (
        section(
            ctx, "numbers", items, note="The sources give no figures that matter to the story."
        ),
        conflicts,
    )


def conflict_item(ctx: Context, c: Conflict) -> Item:
    """A risks item: both sources' sentences cited, the two figures as the label."""
    fact = ctx.fact(c.a.gid)
    item = ctx.item(
        fact, gid=c.a.gid, label=f"{CONFLICT_LABEL}: {c.a.quantity.text} and {c.b.quantity.text}"
    )
    return item.model_copy(update={"citations": (ctx.citation(c.a.gid), ctx.citation(c.b.gid))})
