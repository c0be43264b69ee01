"""Run the rules over a page (and its sources) and collect one report."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from backstory.check.context import PageContext
from backstory.check.page import Page, page_from_explainer
from backstory.check.report import Finding, Report, ordered
from backstory.check.rules import PAGE_RULES
from backstory.models import Article, Explainer

if TYPE_CHECKING:
    from backstory.analyse import ArticleAnalysis


def check_page(
    page: Page,
    *,
    sources: Sequence[Article] | None = None,
    now: datetime | None = None,
    analyses: Sequence[ArticleAnalysis] | None = None,
) -> Report:
    """Every finding on ``page``; with ``sources``, also what they do not support.

    ``analyses`` (optional) are the analyse stage's readings of ``sources``, reused rather
    than recomputed; the findings are the same with or without them.
    """
    started = time.perf_counter()
    ctx = PageContext(page=page, now=now or datetime.now(UTC), sources=sources, analyses=analyses)
    findings: list[Finding] = []
    for rule in PAGE_RULES:
        findings.extend(rule(ctx))
    if sources is not None:
        from backstory.check.rules import grounding

        findings.extend(grounding.check(ctx))
    return Report(page.origin, ordered(findings), time.perf_counter() - started)


def check_explainer(
    explainer: Explainer,
    sources: Sequence[Article],
    now: datetime | None = None,
    *,
    analyses: Sequence[ArticleAnalysis] | None = None,
) -> Report:
    """The composer's gate: citations verbatim, facts supported, and every page rule.

    ``analyses`` (optional) are the readings the composer worked from, passed so that the
    sources are not analysed a second time.
    """
    started = time.perf_counter()
    page = page_from_explainer(explainer)
    report = check_page(page, sources=sources, now=now, analyses=analyses)
    from backstory.check.rules import grounding

    extra = list(grounding.check_citations(explainer, sources, page))
    return Report(report.page, ordered([*report.findings, *extra]), time.perf_counter() - started)
