"""One figure, one value per page: drop items that would state a figure two ways.

Two sources may put different numbers on one thing; the risks section reports that as a
conflict item (kept). Anywhere else, a page that says "411 seats" in one place and "412 seats"
in another misleads, so the later, less central statement goes. Figures are compared with the
analyser's ``same_quantity``; lines dated to different times are two measurements, not a
conflict (Bank Rate at 4.5% in February and 4.25% in May).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backstory.analyse.numbers import Quantity, extract_numbers, same_quantity
from backstory.analyse.temporal import value_interval
from backstory.compose.context import Context
from backstory.compose.sections.numbers import CONFLICT_LABEL
from backstory.models import Item, Section

#: Relative gap two hedged figures may have and still agree ("about 300" vs "310").
HEDGE_TOLERANCE = 0.10


@dataclass(frozen=True)
class _Use:
    path: tuple[int, ...]  # section index, sub-section index or -1, item index
    quantity: Quantity
    item: Item


def _line(item: Item) -> str:
    return f"{item.label}: {item.text}" if item.label else item.text


def _uses(sections: tuple[Section, ...]) -> list[_Use]:
    out = []
    for si, s in enumerate(sections):
        parts = [(-1, s)] + list(enumerate(s.subsections))
        for sub_i, part in parts:
            for ii, item in enumerate(part.items):
                for q in extract_numbers(_line(item)):
                    if q.unit:
                        out.append(_Use((si, sub_i, ii), q, item))
    return out


def _agree(a: Quantity, b: Quantity) -> bool:
    if a.value == b.value:
        return True
    hi = max(abs(a.value), abs(b.value))
    hedged = a.approx or b.approx or a.hedge or b.hedge
    return bool(hedged and hi and abs(a.value - b.value) / hi <= HEDGE_TOLERANCE)


def _dates(ctx: Context, item: Item) -> set[tuple[date, date]]:
    """The explicit dates a reader sees on the item's line: its date label, and the event dates
    its sentence writes out in full (relative ones, "on 5 July", do not date it on the page)."""
    spans: set[tuple[date, date]] = set()
    if item.date and (interval := value_interval(item.date)):
        spans.add(interval)
    for c in item.citations[:1]:
        gid = ctx.gid_of_citation(c)
        if gid is None:
            continue
        for t in getattr(ctx.sents[gid].dating, "events", ()):
            if t.type == "DATE" and not t.relative and (iv := value_interval(t.value)):
                spans.add(iv)
    return spans


def _different_times(ctx: Context, a: Item, b: Item) -> bool:
    da, db = _dates(ctx, a), _dates(ctx, b)
    if not da or not db:
        return False
    return not any(x[0] <= y[1] and y[0] <= x[1] for x in da for y in db)


def drop_conflicting_figures(ctx: Context, sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """``sections`` without the items that contradict a figure stated earlier on the page."""
    uses = _uses(sections)
    by_unit: dict[str, list[_Use]] = {}
    for u in uses:  # same_quantity never matches across units
        by_unit.setdefault(u.quantity.unit or "", []).append(u)
    dropped: set[tuple[int, ...]] = set()
    for group in by_unit.values():
        for i, a in enumerate(group):
            if a.path in dropped:
                continue
            for b in group[i + 1 :]:
                if b.path in dropped or b.path == a.path or _agree(a.quantity, b.quantity):
                    continue
                if not same_quantity(a.quantity, b.quantity):
                    continue
                if _different_times(ctx, a.item, b.item):
                    continue
                a_conflict = (a.item.label or "").startswith(CONFLICT_LABEL)
                b_conflict = (b.item.label or "").startswith(CONFLICT_LABEL)
                if a_conflict and b_conflict:
                    continue
                dropped.add(a.path if b_conflict else b.path)
                if a.path in dropped:
                    break
    if not dropped:
        return sections
    out = []
    for si, s in enumerate(sections):
        items = tuple(it for ii, it in enumerate(s.items) if (si, -1, ii) not in dropped)
        subs = tuple(
            sub.model_copy(
                update={
                    "items": tuple(
                        it for ii, it in enumerate(sub.items) if (si, sj, ii) not in dropped
                    )
                }
            )
            for sj, sub in enumerate(s.subsections)
        )
        subs = tuple(
            _renote(sub, original) for sub, original in zip(subs, s.subsections, strict=True)
        )
        out.append(_renote(s.model_copy(update={"items": items, "subsections": subs}), s))
    return tuple(out)


#: Said when consistency removed every item of a (sub-)section.
EMPTIED_NOTE = "The sources disagree on the figures here; see the risks section."


def _renote(new: Section, original: Section) -> Section:
    had = bool(original.items) or any(s.items for s in original.subsections)
    has = bool(new.items) or any(s.items for s in new.subsections)
    if had and not has and new.note is None:
        return new.model_copy(update={"note": EMPTIED_NOTE})
    return new
