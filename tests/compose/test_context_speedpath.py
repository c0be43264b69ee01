"""The composer's context dates sentences again from the analysis's kept expressions; what it
concludes must be what dating them from scratch concludes."""

from __future__ import annotations

from dataclasses import replace

from conftest import request_for

from backstory.analyse import analyse_article
from backstory.compose.context import Context


def test_staleness_with_kept_expressions_is_staleness_from_scratch(stories) -> None:
    checked = 0
    for articles in stories.values():
        analyses = [analyse_article(a) for a in articles]
        assert all(len(a.expressions) == len(a.sentences) for a in analyses if a.datings)
        bare = [replace(a, expressions=()) for a in analyses]
        # a month after the sources, and on a source's own day: both reference times
        for now in ("2026-06-01T12:00:00", articles[0].published.isoformat()):
            fast = Context(request_for(analyses, now))
            slow = Context(request_for(bare, now))
            assert all(s.expressions is None for s in slow.sents)
            assert fast.stale == slow.stale
            assert fast.misleading == slow.misleading
            assert fast.standalone == slow.standalone
            checked += sum(fast.stale)
    assert checked > 20  # the stories do hold relative dates that go stale
