"""The checker's rules, one module per family; each is ``check(ctx) -> Iterator[Finding]``."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from backstory.check.context import PageContext
from backstory.check.report import Finding
from backstory.check.rules import (
    calendar,
    durations,
    filler,
    meta,
    quantities,
    relative,
    tense,
    timeline,
)

Rule = Callable[[PageContext], Iterator[Finding]]

#: Rules that need nothing but the page, in the order their findings are most useful.
PAGE_RULES: tuple[Rule, ...] = (
    meta.check,
    calendar.check,
    durations.check,
    relative.check,
    tense.check,
    timeline.check,
    quantities.check,
    filler.check,
)

__all__ = ["PAGE_RULES", "Rule"]
