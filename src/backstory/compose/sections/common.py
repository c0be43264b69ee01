"""Small helpers shared by the section builders: sections with notes, date labels, dates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backstory.analyse.temporal import value_interval
from backstory.compose.context import Context, Sent
from backstory.models import Item, Section

#: TIMEX3 modifiers that make a date a bound, not the time of an event ("before 2020").
_BOUND_MODS = frozenset(
    {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "SINCE"}
)
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_ORDINAL = {"1": "first", "2": "second", "3": "third", "4": "fourth"}


def section(
    ctx: Context,
    key: str,
    items: Sequence[Item] = (),
    note: str | None = None,
    subsections: Sequence[Section] = (),
) -> Section:
    """A section with the audience's heading; ``note`` only when it has nothing to show."""
    has_content = bool(items) or any(s.items for s in subsections)
    return Section(
        key=key,
        heading=ctx.audience.heading(key),
        items=tuple(items),
        subsections=tuple(subsections),
        note=None if has_content else note,
    )


def day_value(value: str) -> str:
    """A TIME value reduced to its day ("2025-12-22T10:00" -> "2025-12-22")."""
    return value.split("T", 1)[0] if "T" in value and value[:4].isdigit() else value


def date_label(value: str, mod: str | None = None) -> str | None:
    """The value written at its true precision: "24 February 2022", "February 2022", "2022",
    "week of 15 December 2025"; None for values that name no period."""
    value = day_value(value)
    interval = value_interval(value)
    if interval is None:
        return None
    label = _plain_label(value, interval[0])
    if label is None or mod not in _MOD_WORDS or precision_rank(value) == 0:
        return label
    return f"{_MOD_WORDS[mod]} {label}"


_MOD_WORDS = {"START": "start of", "MID": "middle of", "END": "end of"}


def _plain_label(value: str, first: date) -> str | None:
    n = len(value)
    if n == 10 and value[4] == "-" and value[7] == "-":
        return f"{first.day} {first:%B %Y}"
    if n == 7 and value[4] == "-" and value[5:].isdigit():
        return f"{first:%B %Y}"
    if n == 4 and value.isdigit():
        return value
    if "-W" in value:
        if value.endswith("-WE"):
            return f"weekend of {first.day} {first:%B %Y}"
        return f"week of {first.day} {first:%B %Y}"
    if "-Q" in value:
        return f"{_ORDINAL[value[-1]]} quarter of {value[:4]}"
    if "-H" in value:
        return f"{'first' if value.endswith('1') else 'second'} half of {value[:4]}"
    if value[-2:] in _SEASON_NAMES:
        return f"{_SEASON_NAMES[value[-2:]]} {value[:4]}"
    if n == 3 and value.isdigit():
        return f"the {value}0s"
    if n == 2 and value.isdigit():
        return f"the {int(value) + 1}th century"
    return None


@dataclass(frozen=True)
class EventDate:
    """A date a sentence reports an event on: TIMEX value, modifier and the days it covers."""

    value: str
    mod: str | None
    first: date
    last: date


#: Share of a period that "the start/middle/end of" it covers.
_PART = 1 / 3


def _narrow(first: date, last: date, mod: str | None) -> tuple[date, date]:
    """The part of [first, last] that a START/MID/END modifier picks out."""
    if mod not in ("START", "MID", "END"):
        return first, last
    span = (last - first).days
    part = timedelta(days=int(span * _PART))
    if mod == "START":
        return first, first + part
    if mod == "END":
        return last - part, last
    mid = first + timedelta(days=span // 2)
    return mid - part / 2, mid + part / 2


def event_dates(s: Sent, background: bool = True) -> Iterator[EventDate]:
    """Each event date the sentence reports (its background dates too, unless told not)."""
    dating = s.dating
    if dating is None:
        return
    timexes = list(getattr(dating, "events", ()))
    if background:
        timexes += [t for t in getattr(dating, "background", ()) if t not in timexes]
    seen: set[str] = set()
    for t in timexes:
        if t.type not in ("DATE", "TIME") or t.invalid or (t.mod or "") in _BOUND_MODS:
            continue
        value = day_value(t.value)
        if value in seen:
            continue
        interval = value_interval(value)
        if interval is None:
            continue
        seen.add(value)
        first, last = _narrow(interval[0], interval[1], t.mod)
        yield EventDate(value, t.mod, first, last)


def precision_rank(value: str) -> int:
    """Smaller is finer: day 0, week 1, month 2, quarter/season 3, year 4, coarser 5."""
    if len(value) == 10:
        return 0
    if "-W" in value:
        return 1
    if len(value) == 7 and value[5:].isdigit():
        return 2
    if "-" in value:
        return 3
    if len(value) == 4:
        return 4
    return 5
