"""The figure extractor's shortcuts give exactly what the plain scans give.

``_figures`` searches the figure pattern only from shortly before each number start, and the
masks, tallies, ranges and compounds are skipped on sentences without the digit, dash,
"ago" or mask cue they need. Each shortcut is compared with the plain scan on the example pages, the
TimeML texts and on generated text dense in hedges, currencies and numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.analyse import numbers as N
from backstory.analyse.sentences import split_spans
from backstory.ingest.html import parse_html

ROOT = Path(__file__).resolve().parents[2]


def _sentences() -> list[str]:
    tml = sorted((ROOT / "tests/data/timeml").rglob("*.tml"))
    texts = [re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8")) for p in tml]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*/*.txt"))]
    texts += [
        parse_html(p.read_text(encoding="utf-8"), url=f"https://e.org/{p.stem}", origin=str(p)).text
        for p in sorted((ROOT / "examples").glob("*/*.html"))
    ]
    return [t[s:e] for t in texts for s, e in split_spans(t)]


ODD = [
    "Prices rose by approximately   £ 5bn, in excess of HK$ 2.5 million and nigh on 40%.",
    "About\u00a0\u2003$\u20093 and c. 12 people; approx. twenty-five; circa 1,200 homes.",
    "Some one hundred and a half; half a million; a dozen; well over a dozen eggs.",
    "An estimated 5-4 vote, 10-20 people, 4–5%, a 23-million-dollar deal, 62-year-old.",
    "Three weeks ago, 2 years ago, a couple of months AGO, version 11.2.1 and v2.",
    "Call 020 7946 0000 at 10:30 or 3pm on 4 July 2024; 2024-07-04; 1400 GMT.",
    "x" * 50 + " about" + " " * 40 + "US$ 7 and " + "\t" * 10 + "nine",
    "٣ ٤ ²5 Ⅻ twelve",
    "",
]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    out = _sentences()
    assert len(out) > 500
    return out + ODD


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def test_figures_are_the_figure_pattern_matches(sentences: list[str]) -> None:
    for text in sentences:
        assert _spans(N._figures(text)) == _spans(N._FIGURE.finditer(text)), text[:80]


def test_skipped_scans_would_find_nothing(sentences: list[str]) -> None:
    for text in sentences:
        has_digit = bool(re.search(r"\d", text))
        has_dash = "-" in text or "–" in text
        for rx in N._MASKS:
            if not N._mask_applies(rx, text, has_digit):
                assert rx.search(text) is None, text[:80]
        if not (has_digit and has_dash):
            assert N._TALLY.search(text) is None and N._RANGE.search(text) is None
        if "-" not in text:
            assert N._COMPOUND.search(text) is None


def _assert_mask_is_full_mask(text: str) -> None:
    full = bytearray(len(text))
    for rx in N._MASKS:
        for m in rx.finditer(text):
            full[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    assert N._mask(text, bool(re.search(r"\d", text))) == full, text[:80]


def test_mask_is_the_full_mask(sentences: list[str]) -> None:
    for text in sentences:
        _assert_mask_is_full_mask(text)


def test_each_mask_runs_on_what_it_is_written_for() -> None:
    """Every shape each mask's comment names: masked, so its cue is found there."""
    texts = ["4 July 2024", "4-5 July", "4th of July", "July 4, 2024", "February 2022"]
    texts += ["2024-07-04", "04/07/2024", "4.7.2024", "10:30", "3pm", "3.30pm", "9 a.m."]
    texts += ["1400 GMT", "020 7946 0000", "+44 20 7946 0000", "0800 123 456", "11.2.1", "v2"]
    texts += ["V2.3", "three weeks ago"]
    for text in texts:
        hits = [rx for rx in N._MASKS if rx.search(text)]
        assert hits, text
        assert all(N._mask_applies(rx, text, True) for rx in hits), text


_TOKENS = st.sampled_from(
    [h.replace("\\", "") for h in N._HEDGES.split("|")]
    + ["£", "$", "US$", "HK$", "€", "5", "12", "1,200", "4.25", "2024", "one", "twenty", "nine"]
    + ["a dozen", "half a", "million", "bn", "m", "%", "per cent", "pounds", "p", "people"]
    + ["-", "–", "ago", "years", "the", "x", "Article", ".", ",", "/", "one-day", "5-4 vote"]
    + ["July", "Sept", "May", "4th", "of", ":", "30", "pm", "a.m.", "GMT", "v2", "V3", "11.2.1"]
    + ["020", "7946", "(020)", "+44", "2024-07-04", "04/07"]
)
_SEP = st.sampled_from([" ", "  ", "", "\u00a0", "\t", " - "])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_TOKENS, _SEP), max_size=25))
def test_generated_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(t + sep for t, sep in parts)
    assert _spans(N._figures(text)) == _spans(N._FIGURE.finditer(text))
    _assert_mask_is_full_mask(text)


_PLAIN_WORD = re.compile(rf"\b(?:{N._WORDNUM}|dozen|half)\b", re.I)
_PLAIN_START = re.compile(rf"\d|\b(?:a\s+dozen|half\s+a|{N._WORDNUM})", re.I)


def test_trie_patterns_are_the_plain_alternations(sentences: list[str]) -> None:
    extra = ["fourteen", "fourteens", "Fourty", "FOURTEEN", "eighteenth", "half-a", "a\tdozen"]
    for text in sentences + extra:
        assert bool(N._NUMBER_WORD.search(text)) == bool(_PLAIN_WORD.search(text)), text[:80]
        starts = [m.start() for m in N._NUM_START.finditer(text)]
        # finditer steps past each match, so compare every position where a match can start
        want = [i for i in range(len(text) + 1) if _PLAIN_START.match(text, i)]
        got = [i for i in range(len(text) + 1) if N._NUM_START.match(text, i)]
        assert got == want, text[:80]
        assert set(starts) <= set(want)


def test_trie_alternation_matches_the_words_and_nothing_else() -> None:
    words = ["four", "fourteen", "forty", "five", "a.m", "sep", "sept", "september", "x"]
    trie = re.compile(N.trie_alternation(words))
    flat = re.compile("|".join(re.escape(w) for w in words))
    probes = words + ["fou", "fourt", "fourteens", "am", "a-m", "se", "septe", "", "xx", "fivE"]
    for probe in probes:
        assert bool(trie.fullmatch(probe)) == bool(flat.fullmatch(probe)) == (probe in words)


def _backward_match(text: str, start: int) -> bool:
    lo = max(0, start - 80)
    return bool(N._BACK_OBJECT.search(text, lo, start) or N._BACK_NP.search(text, lo, start))


def _assert_look_back_skips_only_misses(text: str) -> None:
    for start in range(len(text) + 1):
        if _backward_match(text, start):
            assert N._may_look_back(text[max(0, start - 80) : start]), (text[:start][-80:],)


def test_look_back_is_skipped_only_where_nothing_matches(sentences: list[str]) -> None:
    # every place a figure starts (each digit or number word), as extract_numbers asks
    for text in sentences:
        for m in N._NUM_START.finditer(text):
            if _backward_match(text, m.start()):
                assert N._may_look_back(text[max(0, m.start() - 80) : m.start()]), text[:80]
    for text in [
        "Inflation rose sharply to 3.8%",
        "Shares in CrowdStrike had been trading at $300",
        "The Bank (cut Bank Rate to 4%",
        "Labour's majority stood\tat 174",
        "a total of 5 and the share of\u00a0 12",
        "The government put the cost at £2bn",
        "The Treasury lifted the cap to £3,000",
    ]:
        _assert_look_back_skips_only_misses(text)


# the verbs of _BACK_NP and _BACK_OBJECT as their patterns spell them (not taken from the
# module's word lists, which are what is tested)
_BACK_VERBS = """was is were are stood stands has been had rose fell climbed dropped jumped slipped
increased decreased grew shrank reached hit reach rise fall stand total totalled totaled exceed
exceeded top topped cut raised lowered reduced held kept left set put lifted""".split()
_BACK_TOKENS = st.sampled_from(
    _BACK_VERBS
    + ["could", "will", "sharply", "at", "to", "by", "of", "the", "Bank", "Rate"]
    + ["(cut", "rate's", "x-y", "5", "4%", ",", "."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_BACK_TOKENS, _SEP), max_size=12))
def test_generated_look_back(parts: list[tuple[str, str]]) -> None:
    _assert_look_back_skips_only_misses("".join(t + sep for t, sep in parts))
