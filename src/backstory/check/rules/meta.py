"""The page's own dates: "Last updated" never before "Published", neither after now."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from backstory.check.context import PageContext
from backstory.check.page import PageBlock, as_utc
from backstory.check.report import Finding, finding

#: Clock skew allowed between a page's stated time and the checking machine's clock; pages
#: stamped in local time without a zone can be up to 14 hours "ahead" of UTC.
FUTURE_SLACK_HOURS = 14

_UPDATED = re.compile(r"(?:Last updated|Updated|Last modified|Modified)\s*[:\-]\s*[^|·•\n]+", re.I)
_PUBLISHED = re.compile(r"(?:Published|First published|Posted)\s*[:\-]\s*[^|·•\n]+", re.I)


def _meta_block(ctx: PageContext, pattern: re.Pattern[str]) -> tuple[PageBlock, int, int] | None:
    for block in ctx.page.blocks:
        if block.kind == "heading":
            continue
        m = pattern.search(block.text)
        if m:
            return block, block.start + m.start(), block.start + m.end()
    return None


def _quote(ctx: PageContext, pattern: re.Pattern[str]) -> tuple[int, int, str]:
    found = _meta_block(ctx, pattern)
    if found:
        block, s, e = found
        while e > s and ctx.page.text[e - 1].isspace():
            e -= 1
        return s, e, block.section
    return 0, 0, ""


def _date_only(moment: datetime) -> bool:
    return moment.hour == moment.minute == moment.second == moment.microsecond == 0


def _before(updated: datetime, published: datetime) -> bool:
    """Updated earlier than published; at day precision when either gives no time of day
    ("Last updated: 08 August 2025" is not before "Published: 2025-08-08 07:30")."""
    if _date_only(updated) or _date_only(published):
        return updated.date() < published.date()
    return as_utc(updated) < as_utc(published)


def check(ctx: PageContext) -> Iterator[Finding]:
    page = ctx.page
    published, updated = page.published, page.updated
    if published and updated and _before(updated, published):
        s, e, section = _quote(ctx, _UPDATED)
        ps, pe, _ = _quote(ctx, _PUBLISHED)
        gap = (as_utc(published) - as_utc(updated)).days
        yield finding(
            "updated-before-published",
            f"last updated {updated.date().isoformat()} is {gap} days before published "
            f"{published.date().isoformat()}",
            text=page.text,
            start=s,
            end=e,
            section=section,
            evidence=page.text[ps:pe] or None,
        )
    now = as_utc(ctx.now)
    for value, pattern, label in (
        (published, _PUBLISHED, "published"),
        (updated, _UPDATED, "updated"),
    ):
        if value is None:
            continue
        ahead = as_utc(value) - now
        if ahead.total_seconds() > FUTURE_SLACK_HOURS * 3600:
            s, e, section = _quote(ctx, pattern)
            yield finding(
                "date-in-future",
                f"{label} {value.date().isoformat()} is after the time of checking "
                f"{ctx.now.date().isoformat()}",
                text=page.text,
                start=s,
                end=e,
                section=section,
            )
