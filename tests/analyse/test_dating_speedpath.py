"""The dating path's fast paths give exactly what the plain versions give.

``sentence_tense`` and the event/background split rule out regex searches with substring
tests on the lowercased text; ``_candidates`` skips windows that hold no word a rule's every
match needs; ``tag_with_state`` and ``_datings`` return early where nothing was found. The
plain versions below are the code as it was before those shortcuts (kept here, so that a
change to the rules or patterns changes both sides alike), compared on the example pages,
the TimeML texts and odd input (characters that fold to ASCII letters, non-ASCII spaces).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tagger_speedpath import ODD, _sentences, _texts, reference_candidates

from backstory.analyse.temporal import events as E
from backstory.analyse.temporal import tagger as T
from backstory.analyse.temporal.lexicon import NOT_PAST_ED, PAST_FORMS, is_past_ed
from backstory.analyse.temporal.model import SentenceDating, Timex

# --- the plain versions --------------------------------------------------------------------


def reference_sentence_tense(sentence: str) -> str:
    if E._FUTURE.search(sentence):
        return "future"
    if E._BEEN.search(sentence):
        return "past"
    matches = list(E._WORDS.finditer(sentence))
    words = [m[0].lower() for m in matches]
    spans = [m.span() for m in matches]
    for i, w in enumerate(words):
        if (w in PAST_FORMS or is_past_ed(w)) and not E._is_adjective_ed(sentence, spans, words, i):
            return "past"
    return "present"


def reference_in_relative_clause(t: Timex, sentence: str) -> bool:
    lo = max(0, t.start - 120)
    window = sentence[lo : t.start]
    bounds = [m.end() for m in E._CLAUSE_START.finditer(window)]
    clause = window[bounds[-1] :] if bounds else window
    starts_clause = bool(bounds) or lo == 0
    for m in E._RELATIVE.finditer(clause):
        before = clause[: m.start("pron")]
        if m.start("pron") == len(clause) - len(clause.lstrip()) and starts_clause and bounds:
            relative = m["pron"].lower() != "that"
        else:
            relative = bool(before.strip()) and not E._NOT_RELATIVE_BEFORE.search(before)
        if relative:
            return not E._FUTURE.search(clause, m.end())
    return False


def reference_background_kind(t: Timex, sentence: str) -> str | None:
    before = sentence[max(0, t.start - 40) : t.start]
    if E._ALWAYS_BACKGROUND_BEFORE.search(before):
        return "always"
    if reference_in_relative_clause(t, sentence):
        return "always"
    rr = E._REDUCED_RELATIVE.search(before)
    if rr and rr["prev"].lower() not in E._AUXILIARY and rr["part"].lower() not in NOT_PAST_ED:
        return "reduced"
    after = sentence[t.end : t.end + 30]
    if E._DETERMINER_BEFORE.search(before) and E._NOUN_AFTER.match(after) and t.value[:1].isdigit():
        if len(t.value) <= 4:
            return "modifier"
    if E._POSSESSIVE_AFTER.match(after) and len(t.value) == 4:
        return "modifier"
    return None


def reference_split_events(
    timexes: Sequence[Timex], sentence: str
) -> tuple[tuple[Timex, ...], tuple[Timex, ...]]:
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and not t.invalid]
    kinds = [(t, reference_background_kind(t, sentence)) for t in dated]
    present = {k for _, k in kinds}
    event_kind = next((k for k in (None, "reduced", "modifier") if k in present), "none")
    events = tuple(t for t, k in kinds if k == event_kind)
    background = tuple(t for t, k in kinds if k != event_kind)
    return events, background


def reference_tag_with_state(text: str, state: T._State) -> list[Timex]:
    """Every window of every triggered rule searched, no early return."""
    if not text:
        return []
    found = T._expressions(text)
    tense_at = found.tense_at if found.tense_at is not None else T._make_tense_at(text)
    ctx = T._Ctx(text=text, state=state, tense_at=tense_at)
    resolved: list[tuple[int, int, T._Res]] = []
    for s, e, _prio, rule, m in found.chosen:
        res = T._safe(partial(rule.resolve, m, ctx))
        if res is None:
            continue
        resolved.append((s, e, res))
        if (
            res.point is not None
            and not res.invalid
            and res.type in ("DATE", "TIME")
            and not rule.clock
        ):
            state.ref = res.point
            if res.point[1] == T.DAY:
                state.ref_day = res.point[0]
                state.day_years[(res.point[0].month, res.point[0].day)] = res.point[0].year
    if any(r.type == "TIME" and r.value.startswith("T") for _, _, r in resolved):
        resolved = T._merge_clock_day(resolved, text)
        T._fill_clock(resolved, text, state)
    resolved = [T._or_so(s, e, r, text) for s, e, r in resolved]
    T._date_appositive_holidays(resolved, text)
    return [
        Timex(s, e, text[s:e], r.type, r.value, r.mod, r.anchor, r.weekday, r.weekday_ok,
              r.invalid, r.relative, r.offset)
        for s, e, r in resolved
    ]  # fmt: skip


def reference_date_sentences(
    sentences: Sequence[str], dct: datetime | date | None
) -> list[SentenceDating]:
    state = T.new_state(dct)
    out = []
    for text in sentences:
        timexes = reference_tag_with_state(text, state)
        events, background = reference_split_events(timexes, text)
        out.append(
            SentenceDating(tuple(timexes), events, background, reference_sentence_tense(text))
        )
    return out


# --- fixtures ------------------------------------------------------------------------------

MORE_ODD = [
    "The vote WILL be held on 3 May; it WON'T wait, and officials SHALL decide. They'LL see.",
    "The panel is expected\u00a0to report in June, and the board is\tto meet on Friday.",
    "The regulator is set\nto rule in March; it plans to act in April; it aims to end in 2026.",
    "The talks, which collapsed in March, resumed; the deal signed in 2015 lapsed in 2024.",
    "Since 2019 the firm, founded in 1998 and first listed in 2004, has been run from Leeds.",
    "Britain's 2016 referendum and 2016's vote; the 2020 election; unlike in 2019; than in 1990",
    # characters that fold to ASCII letters under IGNORECASE: the plain passes must run
    "The Kelvin sign: it WI\u212a\u212a not; wi\u017f\u017f he? Th\u0130s was \u0131s to happen "
    "in May, and \u017fince 2019 the Board ha\u017f been formed in 2001.",
    "\u0130t was held in March, WH\u0130CH was when it began, on Monday.",
    "Elle a sign\u00e9 l'accord le 3 mai; r\u00e9sum\u00e9 dated 2024; caf\u00e9d in June.",
    "2will will2 _will will_ 'll x'll we\u2019ll won\u2019t wonder planet aimless intending",
    "As far back as 1990, dating back to 1850, born in 1960, in place since 2010, compared "
    "with 2019, set up in 2001, created in 1999, formed in 1980, built in 1900, established "
    "in 1870, dates back to 1700, ever since 2008, first elected in 1997, than 2015.",
    "The plant is going to close in May; whose chief, who quit in March, said that the sale "
    "that closed in April was over.",
    "The firm is due to report on 3 June. The summit held during 2019 ran on.",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = _texts()
    assert len(out) > 60
    return out


@pytest.fixture(scope="module")
def sentences(texts: list[str]) -> list[str]:
    return _sentences(texts) + ODD + MORE_ODD


def _word_start_timexes(sentence: str) -> list[Timex]:
    """A DATE at every word of ``sentence`` (values of each length that matters), so that the
    background tests see far more contexts than the tagged dates alone give."""
    out = []
    for i, m in enumerate(re.finditer(r"\w+", sentence)):
        value = ("2016", "2024-05", "2024-05-03", "PAST_REF")[i % 4]
        out.append(Timex(m.start(), m.end(), m.group(), "DATE", value))
    return out


# --- tests ---------------------------------------------------------------------------------


def test_folding_characters_are_all_listed() -> None:
    # Every code point that IGNORECASE matching ties to an ASCII letter, or whose lowercase
    # holds an ASCII letter or has another length, is one the fast paths step aside for.
    ascii_letter = re.compile("[a-z]", re.I)
    listed = set(T._FOLDS_TO_ASCII.pattern.strip("[]"))
    found = set()
    for c in range(128, sys.maxunicode + 1):
        ch = chr(c)
        low = ch.lower()
        if ascii_letter.match(ch) or len(low) != 1 or any(x.isascii() for x in low):
            found.add(ch)
    assert found == listed == {"\u0130", "\u0131", "\u017f", "\u212a"}


def test_sentence_tense_matches_the_plain_pass(sentences: list[str]) -> None:
    tenses = [E.sentence_tense(s) for s in sentences]
    assert tenses == [reference_sentence_tense(s) for s in sentences]
    # the fixtures reach all three verdicts, and the odd lines the folding fallback
    assert {"future", "past", "present"} <= set(tenses)
    assert E._ascii_lower(MORE_ODD[6]) is None and E._ascii_lower(MORE_ODD[0]) is not None


def test_hand_checked_tenses() -> None:
    # Checked by hand against the cues: shouting case, a tab or no-break space in "is to",
    # and the Kelvin sign, which IGNORECASE reads as "k" (so "WI\u212a\u212a" is not "will").
    assert E.sentence_tense("The board is\tto meet.") == "future"
    assert E.sentence_tense("The panel is expected\u00a0to report.") == "future"
    assert E.sentence_tense("Talks WON'T resume.") == "future"
    assert E.sentence_tense("This history is tolerable.") == "present"
    assert E.sentence_tense("It has been a year.") == "past"
    assert E.sentence_tense("The Wi\u212a\u212a mill stands.") == "present"
    assert E.sentence_tense("They wi\u017f\u017f the place.") == "present"
    assert E.sentence_tense("Prices \u0130ncreased.") == "past"


def test_event_split_matches_the_plain_pass(sentences: list[str]) -> None:
    for text in sentences:
        tagged = T.tag(text, date(2025, 3, 14))
        assert E._split_events(tagged, text) == reference_split_events(tagged, text), text[:80]
        for t in _word_start_timexes(text):
            assert E._is_background_kind(t, text) == reference_background_kind(t, text), (
                text[:80],
                t.text,
            )


def test_event_split_sees_every_kind(sentences: list[str]) -> None:
    kinds = {
        E._is_background_kind(t, text) for text in sentences for t in _word_start_timexes(text)
    }
    assert kinds == {None, "always", "reduced", "modifier"}


def test_window_needs_are_held_by_every_match(texts: list[str]) -> None:
    # Soundness of the skipped windows, independent of triggers: anywhere a rule's pattern
    # matches the whole text, the lowercased match holds one of the words it "needs".
    filtered = 0
    for rule, needs in zip(T._RULES, T._RULE_NEEDS, strict=True):
        if needs is None:
            continue
        filtered += 1
        for text in texts + ODD + MORE_ODD:
            if T._FOLDS_TO_ASCII.search(text):
                continue
            for m in rule.pattern.finditer(text):
                low = m.group().lower()
                assert any(w in low for w in needs), (rule.name, m.group())
    assert filtered > len(T._RULES) // 2  # most rules do get a filter


def test_window_needs_examples() -> None:
    # Checked by hand on the patterns: an age needs "year"; "the weekend" needs "weekend".
    needs = dict(zip((r.name for r in T._RULES), T._RULE_NEEDS, strict=True))
    assert needs["the_weekend"] == ("weekend",)
    assert needs["age"] is not None and "year" in needs["age"]
    # the parse of an alternation merges one set per branch; an optional part needs nothing
    assert T._window_needs(re.compile(r"\b(?:ago|later)\b|since", re.I)) == (
        "later",
        "since",
        "ago",
    )
    assert T._window_needs(re.compile(r"(?:the\s+)?x?(?=year)", re.I)) is None
    assert T._window_needs(re.compile(r"\d+\s+(?:days?|weeks?)", re.I)) == ("week", "day")


def test_candidates_match_every_window_searched(sentences: list[str]) -> None:
    for text in sentences:
        got = [(s, e, p, r.name, m.span()) for s, e, p, r, m in T._candidates(text)]
        assert got == reference_candidates(text), text[:80]


_REFERENCES = [datetime(2025, 12, 22, 9, 30), date(2024, 7, 19), None]


def test_dating_matches_the_plain_pipeline(texts: list[str]) -> None:
    from backstory.analyse import _datings
    from backstory.analyse.sentences import split_sentences
    from backstory.models import Article

    for i, text in enumerate(t for t in texts + MORE_ODD if t.strip()):
        ref = _REFERENCES[i % 2]
        assert isinstance(ref, datetime | date)
        article = Article(
            id=f"a{i}", url=f"https://e.org/{i}", title="t", text=text, published=datetime(
                ref.year, ref.month, ref.day, tzinfo=UTC)
        )  # fmt: skip
        sentences = tuple(split_sentences(article))
        expected = reference_date_sentences([s.text for s in sentences], ref)
        assert list(_datings(sentences, datetime(ref.year, ref.month, ref.day))[0]) == expected
        for dct in _REFERENCES:
            assert E.date_sentences([s.text for s in sentences], dct) == (
                reference_date_sentences([s.text for s in sentences], dct)
            )


_SOUP = st.sampled_from(
    "will won't shall we'll plans plan to is are expected set due going aims intends has have "
    "been had signed held the a its that which who whose said since founded first than unlike "
    "in on during March 2016 2024 3 May Friday last week ago later years old year-old early mid"
    " \u0130 \u212a wi\u017f\u017f caf\u00e9 ed bed needed".split()
)
_GAPS = st.sampled_from([" ", "  ", ", ", "\t", "\u00a0", "\n", "-", "'", "’", ". ", "; "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_SOUP, _GAPS), max_size=25))
def test_random_soup(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + gap for w, gap in parts)
    assert E.sentence_tense(text) == reference_sentence_tense(text)
    for t in _word_start_timexes(text):
        assert E._is_background_kind(t, text) == reference_background_kind(t, text)
    got = [(s, e, p, r.name, m.span()) for s, e, p, r, m in T._candidates(text)]
    assert got == reference_candidates(text)
    assert T.tag(text, date(2025, 3, 14)) == reference_tag_with_state(
        text, T.new_state(date(2025, 3, 14))
    )


def test_window_needs_prefer_sets_that_rule_windows_out() -> None:
    # Checked by hand: a string holding another of its set adds nothing to the test; of a
    # rule's sets one without a common word or a trigger word is taken ("the start of": the
    # edge words, not "the"; "later in the day": "earlier"/"later", not "the" or "day"); a
    # set every trigger word holds (the month abbreviations of "4 July") is no filter.
    assert T._shortest_parts(frozenset({"easter", "easter sunday", "good friday"})) == {
        "easter",
        "good friday",
    }
    needs = dict(zip((r.name for r in T._RULES), T._RULE_NEEDS, strict=True))
    assert needs["period_edge"] == ("beginning", "middle", "start", "end")
    assert needs["the_day"] == ("earlier", "later")
    assert needs["dmy"] is None and needs["mdy"] is None
    months = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())
    assert T._useless_set(months, ("month",))
    assert not T._useless_set(frozenset({"year"}), ("unit",))
    assert T._weak_set(frozenset({"year"}), ("unit",)) and T._weak_set(frozenset({"the"}), ())
