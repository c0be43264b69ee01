"""The composer's context dates sentences again from the analysis's kept expressions; what it
concludes must be what dating them from scratch concludes. Its eligibility test, reordered and
split for speed, is the plain one."""

from __future__ import annotations

import re
from dataclasses import replace

from conftest import request_for

from backstory.analyse import analyse_article
from backstory.analyse.sentences import split_sentences
from backstory.compose.context import (
    _BULLET,
    _DEICTIC,
    _TERMINAL,
    MAX_WORDS,
    MIN_WORDS,
    Context,
    _eligible,
    _quotes_balanced,
)


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


_PLAIN_BOILERPLATE = re.compile(
    r"^(?:sign up|subscribe|read more|related:|advertisement|share this|click here|follow us|"
    r"copyright|all rights reserved|©|image:|photo:|watch:|listen:)|cookie|newsletter",
    re.IGNORECASE,
)


def _plain_eligible(text: str) -> bool:  # the tests in the order first written, one pattern
    words = len(re.findall(r"\w+", text))
    if words < MIN_WORDS or words > MAX_WORDS or _PLAIN_BOILERPLATE.search(text):
        return False
    if text.rstrip().rstrip("\"'”’)]").endswith("?") or not _quotes_balanced(text):
        return False
    if not _TERMINAL.search(text) and not _BULLET.match(text):
        return False
    return not text.rstrip().endswith((":", ",", ";", "-"))


def test_eligible_is_the_plain_test(stories) -> None:
    texts = [s.text for articles in stories.values() for a in articles for s in split_sentences(a)]
    texts += [
        "Sign up to our free newsletter for the latest news on the economy.",
        "SUBSCRIBE now and get the first three months of the paper free.",
        "Readers who subscribe to the daily briefing get the figures first.",
        "The site's cookie banner was redesigned after complaints last year.",
        "The Newsletter of the society was first printed in 1951 in Leeds.",
        "Image: the governor at the press conference in London on Thursday.",
        "  Read more: what the rate cut means for mortgage holders this year.",
        "Related: the Bank of England's decision and what comes next for savers.",
        "© Capital Wire 2025, all rights reserved, reproduced with permission.",
        "Is this the end of the era of cheap money for British households?",
        "“Are you aware that the Chicago loan was paid off last week?”",
        "He said the talks had been “productive and useful so far, and that",
    ]
    assert sum(not _plain_eligible(t) for t in texts) > 10
    for text in texts:
        assert _eligible(text) == _plain_eligible(text), text


_PLAIN_DEICTIC = re.compile(
    r"\b(?:today|tonight|yesterday|this morning|last night|tomorrow|this week|last week|"
    r"next week|this month|last month|next month|this year|last year)\b",
    re.IGNORECASE,
)


def test_deictic_trie_finds_what_the_plain_alternation_finds(stories) -> None:
    texts = [s.text for articles in stories.values() for a in articles for s in split_sentences(a)]
    texts += ["LAST NIGHT", "yesterday's vote", "todays", "this  week", "this weekend", "Tonight."]
    texts += ["next month's budget", "lasting", "this year-end", "thismonth", "Tomorrow,"]
    assert sum(bool(_PLAIN_DEICTIC.search(t)) for t in texts) > 20
    for text in texts:
        assert bool(_DEICTIC.search(text)) == bool(_PLAIN_DEICTIC.search(text)), text
