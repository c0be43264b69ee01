"""Each definition pattern is skipped on sentences without the character or word it needs; the
skip must never lose a match: where the cue is missing, the pattern finds nothing. The gate
before them all (bracket, comma, dash or copula) is the one pattern it was written as."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.analyse import terms as M
from backstory.analyse.sentences import split_spans

ROOT = Path(__file__).resolve().parents[2]


def _cues(text: str) -> dict[str, bool]:
    return {
        "bracket": "(" in text,
        "comma": "," in text,
        "dash": any(c in text for c in ",-–—"),
        "copula": M._COPULA_CUE.search(text) is not None,
        "appositive opening": M._APPOSITIVE_CUE.search(text) is not None,
        "name between commas": M._NAME_BETWEEN_COMMAS.search(text) is not None,
    }


_NEEDS = {
    "_ACR_AFTER": "bracket",
    "_ACR_BEFORE": "bracket",
    "_PARENTHETICAL": "bracket",
    "_APPOSITIVE": "appositive opening",
    "_APPOSITIVE_BEFORE": "name between commas",
    "_COPULAR": "copula",
}


_PLAIN_ANY_CUE = re.compile(r"[(,–—]|\s-\s|\b(?:is|are|means|refers|stands|describes)\b")


def _assert_cues_hold(text: str) -> None:
    assert M._may_define(text) == bool(_PLAIN_ANY_CUE.search(text)), text[:80]
    cues = _cues(text)
    for name, cue in _NEEDS.items():
        if not cues[cue]:
            assert getattr(M, name).search(text) is None, (name, text[:80])


def test_patterns_never_match_without_their_cue() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*/*.txt"))]
    tml = sorted((ROOT / "tests/data/timeml").rglob("*.tml"))
    texts += [re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8")) for p in tml]
    sentences = [t[s:e] for t in texts for s, e in split_spans(t)]
    assert len(sentences) > 500
    for text in sentences:
        _assert_cues_hold(text)
    # and the cues are not vacuous: some sentences define terms with each shape
    kinds = {t.kind for text in sentences for t in M.extract_terms(text)}
    assert {"acronym", "appositive", "copular"} <= kinds


_TOKENS = st.sampled_from(
    [
        "The",
        "Bank",
        "Rate",
        "MPC",
        "Monetary",
        "Policy",
        "Committee",
        "is",
        "are",
        "refers",
        "to",
        "means",
        "stands",
        "for",
        "describes",
        "a",
        "an",
        "the",
        "company",
        "(",
        ")",
        ",",
        "-",
        "–",
        "—",
        ".",
        "“",
        "”",
        "known as",
        "CrowdStrike",
        "Labour’s",
        "Reeves's",
        "US",
        "firm",
        "that",
        "isn't",
        "arena",
        "-x",
    ]
)
_SEP = st.sampled_from([" ", "", "\u00a0", "\n", "  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TOKENS, _SEP), max_size=30))
def test_generated_text(parts: list[tuple[str, str]]) -> None:
    _assert_cues_hold("".join(t + sep for t, sep in parts))
