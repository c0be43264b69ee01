"""Dates that cannot be right on their own: impossible days, weekdays that do not match."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterator
from datetime import date

from backstory.check.context import PageContext
from backstory.check.report import Finding, finding


def _weekday_hint(value: str) -> str:
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return ""
    return f"; {day.strftime('%d %B %Y').lstrip('0')} was a {_calendar.day_name[day.weekday()]}"


def check(ctx: PageContext) -> Iterator[Finding]:
    for d in ctx.dated:
        t = d.timex
        if t.invalid:
            yield finding(
                "impossible-date",
                f"'{t.text}' is not a date: {t.invalid}",
                text=ctx.page.text,
                start=d.start,
                end=d.end,
                section=d.line.section,
            )
        elif t.weekday_ok is False:
            yield finding(
                "weekday-mismatch",
                f"'{t.text}' names the wrong weekday{_weekday_hint(t.value)}",
                text=ctx.page.text,
                start=d.start,
                end=d.end,
                section=d.line.section,
            )
