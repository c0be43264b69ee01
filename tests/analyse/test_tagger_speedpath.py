"""The tagger's fast paths give exactly what a plain pass gives.

``_trigger_hits`` finds its words with one regex and looks back only from head words, and
``_candidates`` tries only the rules a sentence's trigger groups name; both must give what the
straightforward versions below (a Python pass over every word, every rule tried) give, on the
example pages, the TimeML texts and on odd input (non-ASCII letters, digits that are not
ASCII, words glued to underscores, long gaps before a unit word).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.analyse.sentences import split_spans
from backstory.analyse.temporal import tagger as T
from backstory.ingest.html import parse_html

ROOT = Path(__file__).resolve().parents[2]


def reference_trigger_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """The plain version: one Python step per word of ``text``."""
    hits: dict[str, list[tuple[int, int]]] = {}
    recent: list[tuple[int, str, bool]] = []
    for m in T._WORD.finditer(text):
        w = m.group()
        s, e = m.span()
        if w[0].isdigit():
            n = len(w)
            if n == 4 and w.isdigit():
                if "1000" <= w <= "2199":
                    hits.setdefault("year", []).append((s, e))
            elif n <= 2 and w.isdigit():
                nxt = text[e : e + 1]
                if nxt in (":", ".") or T._AMPM_AFTER.match(text, e):
                    hits.setdefault("clock", []).append((s, e))
                elif nxt == "/":
                    hits.setdefault("year", []).append((s, e))
            elif T._DECADE_TOKEN.fullmatch(w):
                hits.setdefault("year", []).append((s, e))
            elif T._CLOCK_TOKEN.fullmatch(w):
                hits.setdefault("clock", []).append((s, e))
            recent.append((s, w, True))
            if len(recent) > T._NUM_LOOKBACK:
                del recent[0]
            continue
        if w[0] == "Q" and len(w) == 2 and w[1] in "1234":
            hits.setdefault("q", []).append((s, e))
        low = w.lower()
        groups = T._WORD_GROUPS.get(low)
        if groups is not None:
            head = False
            for g in groups:
                if g in T._CASED_GROUPS and not w[0].isupper():
                    continue
                hits.setdefault(g, []).append((s, e))
                head = head or g in T._HEAD_GROUPS
            if head and recent:
                prev = recent[-1][1]
                if prev in T._REL_WORDS or (len(recent) > 1 and recent[-2][1] in T._REL_WORDS):
                    hits.setdefault("relunit", []).append(
                        (recent[-1][0] if prev in T._REL_WORDS else recent[-2][0], e)
                    )
                if "unit" in groups:
                    first_num = next((st for st, _, isnum in recent if isnum), None)
                    if first_num is not None:
                        hits.setdefault("numunit", []).append((first_num, e))
                    if prev in T._PER_WORDS:
                        hits.setdefault("perunit", []).append((recent[-1][0], e))
        recent.append((s, low, low in T._NUMBERISH))
        if len(recent) > T._NUM_LOOKBACK:
            del recent[0]
    return hits


def reference_candidates(text: str) -> list[tuple[int, int, int, str, tuple[int, int]]]:
    """Every rule tried in windows around its triggers (no index); comparable tuples."""
    hits = reference_trigger_hits(text)
    out = []
    n = len(text)
    for rule in T._RULES:
        spans = sorted(sp for g in rule.triggers for sp in hits.get(g, ()))
        windows: list[list[int]] = []
        for a, b in spans:
            lo, hi = max(0, a - rule.margin[0]), min(n, b + rule.margin[1])
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            for m in rule.pattern.finditer(text, lo, hi):
                s, e = m.span("x")
                if e <= s or (rule.accept is not None and not rule.accept(m, text)):
                    continue
                out.append((s, e, rule.priority, rule.name, m.span()))
    return out


def fast_candidates(text: str) -> list[tuple[int, int, int, str, tuple[int, int]]]:
    return [(s, e, p, rule.name, m.span()) for s, e, p, rule, m in T._candidates(text)]


def _texts() -> list[str]:
    tml = sorted((ROOT / "tests/data/timeml").rglob("*.tml"))
    texts = [re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8")) for p in tml]  # prose only
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*/*.txt"))]
    texts += [
        parse_html(
            p.read_text(encoding="utf-8"), url=f"https://example.org/{p.stem}", origin=str(p)
        ).text
        for p in sorted((ROOT / "examples").glob("*/*.html"))
    ]
    return texts


def _sentences(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        out.extend(text[s:e] for s, e in split_spans(text))
    return out


ODD = [
    "",
    "Q1 Q2 Q5 q3 Q1a Q１ results came in the Q3 2024 quarter.",
    "Talks resume next wee\u212a, the KELVIN-sign week, and on Mon\u212aday.",
    "The İstanbul summit of ſpring 2024 ended on 3 May; may they meet again in May.",
    "²5 people, ５ days, 12:30, 9pm, 9.30, 10 a.m., 4/5, 1990s, 2199, 2200, 0999, 1000.",
    "_may _2024 snake_case_week and under_score 5_days, __Monday.",
    "Ébola spread for three weeks; Ó Súilleabháin arrived two and a half years ago.",
    "It lasted " + "very " * 30 + "long: a few " + "x" * 70 + " weeks and then this coming month.",
    "x" * 100 + " the last " + "y" * 80 + " week, this " + "z" * 70 + " month",
    "one two three four five six days; per year; a day; each week; last few months; next "
    "Tuesday; this coming spring; the past half; 3 quarters; half a century ago",
    "At noon on Christmas Day, twice weekly, every Friday; tonight, tomorrow morning and "
    "recently; the 2020s; FY2024; 24/7 coverage",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = _texts()
    assert len(out) > 60  # the fixtures are really there
    return out


@pytest.fixture(scope="module")
def sentences(texts: list[str]) -> list[str]:
    return _sentences(texts)


def test_trigger_hits_match_a_pass_over_every_word(texts: list[str], sentences: list[str]) -> None:
    for text in sentences + ODD + texts:
        assert T._trigger_hits(text) == reference_trigger_hits(text), text[:80]


def test_candidates_match_trying_every_rule(sentences: list[str]) -> None:
    for text in sentences + ODD:
        assert fast_candidates(text) == reference_candidates(text), text[:80]


def test_odd_text_really_exercises_the_lookback() -> None:
    # Sanity: the hand-made lines reach the derived groups the lookback feeds.
    hits = T._trigger_hits(ODD[9])
    assert {"numunit", "relunit", "perunit"} <= set(hits)
    # "a few <70 chars> weeks": the number word is within four words, far back in chars.
    assert any(
        text[s:e].startswith("a few")
        for text in [ODD[7]]
        for s, e in T._trigger_hits(ODD[7]).get("numunit", [])
    )


_WORDS = st.sampled_from(
    sorted(T._WORD_GROUPS)
    + ["May", "March", "Monday", "Q2", "last", "next", "this", "a", "per", "two", "few"]
    + ["2024", "12", "5pm", "1990s", "x", "said", "É", "wee\u212a", "_", "٣", "²"]
)
_SEPS = st.sampled_from([" ", "  ", ", ", "-", "/", ":", ".", "\n", "_", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SEPS), max_size=30))
def test_random_word_soup(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in parts)
    assert T._trigger_hits(text) == reference_trigger_hits(text)
    assert fast_candidates(text) == reference_candidates(text)


# --- expressions found once, resolved against several reference times ---------------------

_REFERENCES = [
    datetime(2025, 12, 22, 9, 30),
    date(2024, 7, 19),
    datetime(2026, 2, 28, 0, 0),
    None,
]


def test_tagging_found_expressions_is_tagging_the_text(sentences: list[str]) -> None:
    for text in sentences + ODD:
        found = T._expressions(text)
        for dct in _REFERENCES:
            plain = T.tag(text, dct)
            assert T.tag(text, dct, expressions=found) == plain, text[:80]
        # resolving never alters what was found: a second pass reads the same
        assert T.tag(text, _REFERENCES[0], expressions=found) == T.tag(text, _REFERENCES[0])


def test_analysis_datings_are_date_sentences(texts: list[str]) -> None:
    from backstory.analyse import _datings, analyse_article
    from backstory.analyse.temporal import date_sentences
    from backstory.models import Article

    for i, text in enumerate(t for t in texts[:40] if t.strip()):
        article = Article(
            id=f"a{i}",
            url=f"https://e.org/{i}",
            title="t",
            text=text,
            published=datetime(2025, 3, 1 + i % 27, 8, tzinfo=UTC),
        )
        analysis = analyse_article(article)
        assert analysis == analyse_article(article)  # the kept expressions leave == alone
        reference = datetime(2025, 3, 1 + i % 27, 8)
        expected = tuple(date_sentences([s.text for s in analysis.sentences], reference))
        assert analysis.datings == expected
        datings, found = _datings(analysis.sentences, reference)
        assert datings == expected and len(found) == len(analysis.sentences)
        assert [_comparable(f) for f in found] == [
            _comparable(T._expressions(s.text)) for s in analysis.sentences
        ]


def _comparable(found: T._Expressions) -> list[tuple[int, int, int, str, tuple[int, int]]]:
    return [(s, e, p, rule.name, m.span()) for s, e, p, rule, m in found.chosen]
