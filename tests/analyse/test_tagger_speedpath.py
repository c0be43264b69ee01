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


# --- the lowercase trigger scan, word-start matching and the tense-mark pass --------------


def test_lowercasing_keeps_what_the_trigger_scan_reads() -> None:
    # The lowercase scan relies on str.lower keeping, for every code point outside
    # _FOLDS_TO_ASCII, the length (so every offset), whether it is a word character and
    # whether it is an ASCII letter.
    word = re.compile(r"\w")
    folds = set(T._FOLDS_TO_ASCII.pattern.strip("[]"))
    for c in range(0x110000):
        ch = chr(c)
        if ch in folds:
            continue
        low = ch.lower()
        assert len(low) == 1, hex(c)
        assert bool(word.match(ch)) == bool(word.match(low)), hex(c)
        assert (ch.isascii() and ch.isalpha()) == (low.isascii() and low.isalpha()), hex(c)


_CASE_ODD = [
    "MONDAY and mOnDaY, TUESDAYS, q1 and Q1 and Q4; q5, QQ1, xQ1, Q1x, q1q.",
    "IN MAY 2024 THE BOARD MET TWICE WEEKLY; In The Coming WEEKS, LAST YEAR, 3 Days Later.",
    "ǅuly 4, ǆune, ΣEPTEMBER, Ωeek, ２０２４年, ٣ days, 5ＰＭ, 12ᴀᴍ, µs 10 sec.",
]


def test_lowercase_trigger_scan_finds_the_case_blind_spans(sentences: list[str]) -> None:
    # Checked both ways on tricky case (shouting, "q1" that is not a quarter, titlecase
    # digraphs, fullwidth digits): the lowercase scan finds exactly the case-blind tokens.
    n = 0
    for text in sentences + ODD + _CASE_ODD:
        if T._FOLDS_TO_ASCII.search(text):
            continue
        plain = [m.span() for m in T._TRIGGER_TOKEN.finditer(text)]
        fast = [m.span() for m in T._TRIGGER_TOKEN_LOWER.finditer(text.lower())]
        n += len(plain)
        # the same tokens, save a lowercase "q1" (not a quarter: _trigger_hits checks the Q)
        assert [sp for sp in fast if sp in plain] == plain, text[:80]
        assert all(text[s] == "q" for s, _ in fast if (s, _) not in plain), text[:80]
        assert T._trigger_hits(text) == reference_trigger_hits(text), text[:80]
    assert n > 1000
    hits = T._trigger_hits(_CASE_ODD[0])
    line = _CASE_ODD[0]
    q1, q4 = line.index("Q1"), line.index("Q4")
    assert (q1, q4) == (36, 43)  # counted by hand
    assert hits["q"] == [(q1, q1 + 2), (q4, q4 + 2)]  # the upper-case ones, not "q1" or "Q1x"


_NUMBER_PHRASES = [
    "Nearly four years ago, about 3 days later and some two and a half years earlier, it "
    "lasted for over 5 years; in three years' time; 1,000 days; 3½ years; twenty-five years "
    "from now; a 45-year-old; 52 years old; 2 hours and 30 minutes; a couple of weeks; a few "
    "days before; several months after.",
    "two years three months four weeks five days six hours seven minutes eight seconds",
    "a" + " deal" * 3 + " two years; " + "x" * 30 + " 10 days" + " y" * 20 + " ago",
    "It took approximately 18 months, then upwards of 6 weeks, then just over a year, then "
    "close to two decades, then at least a century and a few days.",
    # matches a window finds beyond their own trigger's margin: a hedge and five words before
    # the unit, a number word ("zero") that makes no number-phrase trigger
    "3 days, approximately two and a half more years ago.",
    "It took 3 days of rest, then zero hours more, and years2 ago, 5 years_ later.",
]


def test_number_phrase_rules_start_at_words() -> None:
    # Hand-checked: each costly number-phrase rule opens with \b and a word character, so it
    # may be tried at word starts only; a pattern that could start elsewhere is not.
    names = {T._RULES[i].name for i in T._WORD_START_RULES}
    assert names == {"offset", "duration_compound", "duration", "age"}
    assert T._starts_at_words(re.compile(r"\b(?:the\s+)?(?P<x>\d+|two)\s+days", re.I))
    assert T._starts_at_words(re.compile(r"\b(?P<x>(?:(?<=for )over)?\s*x)")) is False
    assert T._starts_at_words(re.compile(r"(?P<x>two)")) is False  # no \b
    assert T._starts_at_words(re.compile(r"\b(?P<x>-?\d+)")) is False  # may open with "-"
    assert T._starts_at_words(re.compile(r"\b(?P<x>a?)")) is False  # may match nothing


def test_word_start_matching_finds_what_the_window_search_finds(sentences: list[str]) -> None:
    # Every match of the word-start rules anywhere in the texts starts at a word start and
    # holds a unit word (so none starts after a window's last one), and the candidates match
    # trying every rule over whole windows on number-heavy lines.
    for text in sentences + _NUMBER_PHRASES + ODD:
        units = T._trigger_hits(text).get("unit", [])
        for i in T._WORD_START_RULES:
            for m in T._RULES[i].pattern.finditer(text):
                s = m.start()
                assert re.match(r"\b\w", text[s:]) and not (s and re.match(r"\w", text[s - 1]))
                assert any(s <= us and ue <= m.end() for us, ue in units), m.group()
    for text in _NUMBER_PHRASES:
        assert fast_candidates(text) == reference_candidates(text), text[:80]
    found = {r.name for _, _, _, r, _ in T._candidates(_NUMBER_PHRASES[0])}
    assert {"offset", "duration", "age", "duration_compound"} <= found


def reference_tense_marks(text: str) -> list[tuple[int, str]]:
    """The plain version of _tense_marks: every word visited in turn."""
    words = [(m.start(), m.group().lower()) for m in T._TENSE_WORD.finditer(text)]
    marks: list[tuple[int, str]] = []
    n = len(words)
    k = 0
    while k < n:
        pos, w = words[k]
        nxt = words[k + 1][1] if k + 1 < n else ""
        if w in T._FUTURE_WORDS or (w == "won" and text[pos + 3 : pos + 4] in ("'", "’")):
            marks.append((pos, "future"))
            k = T._skip_base_verb(words, k + 1)
        elif nxt == "to" and w in T._FUTURE_BEFORE_TO and (k == 0 or words[k - 1][1] != "no"):
            marks.append((pos, "past" if T._after_had_been(words, k) else "future"))
            k = T._skip_base_verb(words, k + 2)
        elif w in T._PERFECT_AUX:
            j = k + 1
            while j < n and words[j][1] in T._ADVERBS_IN_VERB_GROUP:
                j += 1
            if j < n and T._is_participle(words[j][1]):
                marks.append((pos, "past"))
                k = j
            else:
                marks.append((pos, "past" if w == "had" else "present"))
        elif w in T._PASSIVE_AUX and nxt and T._is_participle(nxt):
            kind = T._PASSIVE_AUX[w]
            if kind:
                marks.append((pos, kind))
            k += 1
        elif w in T._PAST_WORDS or (
            T.is_past_ed(w) and not (k and words[k - 1][1] in T._DETERMINERS)
        ):
            marks.append((pos, "past"))
        elif w == "due" and k and words[k - 1][1] in ("is", "are", "s"):
            marks.append((pos, "future"))
        elif w in T._PRESENT_WORDS:
            marks.append((pos, "present"))
        elif (
            w in T._INTENT_WORDS
            and nxt in T._DETERMINERS
            and not (k and words[k - 1][1] in T._DETERMINERS)
        ):
            marks.append((pos, "future"))
        if k + 1 < n and words[k + 1][1] == T._FORWARD_PARTICIPLES.get(words[k][1]):
            marks.append((words[k + 1][0], "future"))
        k += 1
    return marks


_TENSE_ODD = [
    "He will set for Monday; it was scheduled for May and has decided to go; they won't stop.",
    "It had been due to expire; no plans to act; the planned march; protesters planned a march.",
    "She is due back Monday; it's due; they will stay closed; it will not have ended; we'll see.",
    "Officials have already been told and were then sent; the reduced dividend was cut.",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            sorted(T._CUE_WORDS)[:60]
            + "will won't to no had been due is s the a planned scheduled decided for set "
            "signed reduced hoped hope stay closed not already often seven x Monday".split()
        ),
        max_size=20,
    )
)
def test_tense_marks_soup(words: list[str]) -> None:
    text = " ".join(words)
    assert T._tense_marks(text) == reference_tense_marks(text)


def test_tense_marks_match_the_plain_pass(sentences: list[str]) -> None:
    for text in sentences + _TENSE_ODD:
        assert T._tense_marks(text) == reference_tense_marks(text), text[:80]
    assert ("future" in {k for _, k in T._tense_marks(_TENSE_ODD[0])}) and T._tense_marks(
        _TENSE_ODD[1]
    )
