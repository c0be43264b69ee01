"""Next steps: future events bucketed by how far their resolved date lies from ``now``.

0-28 days is the near term, 29-183 days the medium term (the spec's "0-4 weeks" and "1-6
months"); forward-looking statements with no date, scheduled events and anything further out
are signals to watch.
"""

from __future__ import annotations

from datetime import date, timedelta

from backstory.analyse.cues import is_forward_looking, is_guidance, is_scheduled_event
from backstory.analyse.temporal import value_interval
from backstory.compose.context import Context, Sent
from backstory.compose.rank import DANGLING
from backstory.compose.sections.common import EventDate, date_label, event_dates, section
from backstory.compose.text import content_words
from backstory.models import Item, Section

#: Last day (inclusive, counted from ``now``) of the near term: four weeks.
NEAR_TERM_DAYS = 28
#: Last day of the medium term: six months of 30.5 days.
MEDIUM_TERM_DAYS = 183
#: Items per sub-part.
MAX_PER_BUCKET = 5
#: Undated forward-looking statements from sources more than this many days older than the
#: newest source are left out of the signals: later coverage has usually overtaken them.
STALE_SIGNAL_DAYS = 14

_NOTES = {
    "near_term": "No source names anything expected in the near term.",
    "medium_term": "No source names anything expected in the medium term.",
    "signals": "No source points to pending decisions or developments to watch.",
}


def bucket_for(first: date, today: date, last: date | None = None) -> str:
    """The sub-part for an event in [first, last] as seen on ``today``: a day by its distance,
    a period under way ("this year") by the middle of what is left of it."""
    if last is not None and first < today <= last:
        first = today + (last - today) / 2
    days = max((first - today).days, 0)
    if days <= NEAR_TERM_DAYS:
        return "near_term"
    if days <= MEDIUM_TERM_DAYS:
        return "medium_term"
    return "signals"


def future_date(s: Sent, today: date) -> EventDate | None:
    """The earliest date the sentence looks forward to that has not passed by ``today``.

    A date counts when it lies after the source's publication day, or on that day in a
    future-tense sentence ("talks resume later today").
    """
    published = s.published.date()
    future_tense = getattr(s.dating, "tense", None) == "future"
    found = [
        ev
        for ev in event_dates(s, background=False)
        if ev.last >= today and (ev.first > published or (future_tense and ev.last >= published))
    ]
    return min(found, key=lambda ev: (ev.first, ev.value)) if found else None


def _keep(entries: list[tuple[tuple[object, ...], Item]]) -> list[Item]:
    """The first MAX_PER_BUCKET items, in order; when there are more, those opening with a
    pronoun ("She will deliver the Budget ...") give way first, since out of their article they
    do not say who."""
    items = [i for _, i in entries]
    dangling = [i for i in items if DANGLING.match(i.text)]
    named = [i for i in items if not DANGLING.match(i.text)]
    for item in dangling:
        if any(_same_event(item, other) for other in named):
            items.remove(item)  # another item says it and says who
    dangling = [i for i in items if DANGLING.match(i.text)]
    while len(items) > MAX_PER_BUCKET and dangling:
        items.remove(dangling.pop())
    return items[:MAX_PER_BUCKET]


def _same_event(a: Item, b: Item) -> bool:
    """Two dated items about one event: overlapping dates and a content word in common
    ("She will deliver the Budget in the autumn", "Rachel Reeves will present
    her Budget on 26 November")."""
    ia = value_interval(a.date) if a.date else None
    ib = value_interval(b.date) if b.date else None
    if ia is None or ib is None or ia[1] < ib[0] or ib[1] < ia[0]:
        return False
    return bool(content_words(a.text) & content_words(b.text))


def build(ctx: Context) -> Section:
    today = ctx.today()
    stale = (ctx.newest - timedelta(days=STALE_SIGNAL_DAYS)).date()
    buckets: dict[str, list[tuple[tuple[object, ...], Item]]] = {k: [] for k in _NOTES}
    for fact in ctx.eligible_facts:
        dated = None
        # a wording that says who or what it is about first: "She will deliver ..." last
        members = sorted(fact.members, key=lambda g: bool(DANGLING.match(ctx.sents[g].text)))
        for gid in members:
            if ctx.misleading[gid]:
                continue
            ev = future_date(ctx.sents[gid], today)
            if ev is not None:
                dated = (gid, ev)
                break
        if dated is not None:
            gid, ev = dated
            item = ctx.item(fact, gid=gid, label=date_label(ev.value, ev.mod), date=ev.value)
            key = bucket_for(ev.first, today, ev.last)
            buckets[key].append(((ev.first, -fact.score, fact.id), item))
            continue
        s = ctx.sents[ctx.wording(fact)]
        if s.published.date() < stale or not ctx.standalone[s.gid] or ctx.bullet[s.gid]:
            continue
        if ctx.shown[fact.id] >= 2:
            continue
        if not (is_forward_looking(s.text) or is_scheduled_event(s.text)) or is_guidance(s.text):
            continue  # advice ("check when your deal ends") belongs to the guidance
        if any(True for _ in event_dates(s, background=False)):
            continue  # dated, but passed by ``now``: no longer a next step
        weight = fact.score * ctx.recent_weight(fact)
        buckets["signals"].append(((date.max, -weight, fact.id), ctx.item(fact)))
    subsections = []
    for key, entries in buckets.items():
        entries.sort(key=lambda t: t[0])
        subsections.append(section(ctx, key, _keep(entries), _NOTES[key]))
    return section(
        ctx,
        "next_steps",
        subsections=subsections,
        note="The sources say nothing about what happens next.",
    )
