"""Quotations with exact offsets and their speakers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.analyse.quotes import extract_quotes


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "“We expect inflation to fall back,” said Andrew Bailey, the governor.",
            "We expect inflation to fall back",
            "Andrew Bailey",
        ),
        (
            'Bailey said: "The path of rates is gradually downward."',
            "The path of rates is gradually downward.",
            "Bailey",
        ),
        (
            "The governor, Andrew Bailey, said that “we are not there yet”.",
            "we are not there yet",
            "Andrew Bailey",
        ),
        (
            'The talks were "productive and constructive", according to Steve Witkoff.',
            "productive and constructive",
            "Steve Witkoff",
        ),
        (
            "“We have deployed a fix for the faulty update,” a CrowdStrike spokesperson said.",
            "We have deployed a fix for the faulty update",
            "a CrowdStrike spokesperson",
        ),
        (
            "Officials called the plan ‘a serious basis for talks’ on Friday.",
            "a serious basis for talks",
            None,
        ),
        (
            "“Rates will stay higher for longer,” Mr Bailey said.",
            "Rates will stay higher for longer",
            "Mr Bailey",
        ),
    ],
)
def test_extract_quote_and_speaker(text: str, quote: str, speaker: str | None) -> None:
    found = extract_quotes(text)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start : q.end] == q.text == quote
    assert q.speaker == speaker
    assert not q.scare


def test_pronoun_takes_the_previous_named_speaker() -> None:
    text = "“The path is downward,” said Andrew Bailey. “It is not a done deal, though,” he added."
    found = extract_quotes(text)
    assert [q.speaker for q in found] == ["Andrew Bailey", "Andrew Bailey"]
    assert found[1].text == "It is not a done deal, though"


def test_pronoun_without_a_named_speaker_is_unknown() -> None:
    found = extract_quotes("“This is not over,” she said.")
    assert found[0].speaker is None


def test_scare_quotes_are_skipped_unless_asked_for() -> None:
    text = 'The talks were described as "productive" by both sides.'
    assert extract_quotes(text) == []
    (q,) = extract_quotes(text, include_scare=True)
    assert (q.text, q.scare, q.speaker) == ("productive", True, None)


def test_apostrophes_are_not_quotes() -> None:
    text = "Ukraine’s negotiators said Russia’s demands weren’t new and the envoys’ plan stood."
    assert extract_quotes(text) == []


def test_quotes_do_not_run_across_paragraphs() -> None:
    text = 'He said "this is unfinished\n\nA new paragraph starts" here and "three more words" end.'
    found = extract_quotes(text)
    assert [q.text for q in found] == ["three more words"]


def test_offsets_in_a_longer_article() -> None:
    text = (
        "Kyiv, Ukraine\n\nUS envoy Steve Witkoff said the weekend talks were “productive and "
        "constructive”. Ukraine's negotiator Rustem Umerov said: “We agreed on the next steps "
        "for the framework.”\n\n“Nothing is agreed until everything is agreed,” a Kremlin "
        "spokesman said."
    )
    found = extract_quotes(text)
    assert [(q.text, q.speaker) for q in found] == [
        ("productive and constructive", None),
        ("We agreed on the next steps for the framework.", "Rustem Umerov"),
        ("Nothing is agreed until everything is agreed", "a Kremlin spokesman"),
    ]
    for q in found:
        assert text[q.start : q.end] == q.text


# --- the single-quote pattern's fast form matches what its plain form matches -------------

_PLAIN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–:]))[‘']([^‘’'\n]*?[^\s‘’'])[’'](?![A-Za-z])")


def _single_matches(rx: re.Pattern[str], text: str, *bounds: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(1)) for m in rx.finditer(text, *bounds)]


def test_single_quote_pattern_matches_its_plain_form_on_the_examples() -> None:
    from backstory.analyse.quotes import _SINGLE

    root = Path(__file__).resolve().parents[2] / "examples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*/*.txt"))]
    texts.append(
        "The Prime Minister called the result ‘a mandate for change’ on Friday.\n\n"
        "'We will not be rushed into a deal,' the envoy said. Officials (‘quietly hopeful’) "
        "said talks would resume; one aide:'no comment at all' and Kyiv’s ‘red lines’ stood."
    )
    found = 0
    for text in texts:
        expected = _single_matches(_PLAIN_SINGLE, text)
        assert _single_matches(_SINGLE, text) == expected
        found += len(expected)
    assert found > 0  # the examples do use single marks


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("‘’' \n\t([—–:aB.y-")), max_size=30),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_single_quote_pattern_matches_its_plain_form(text: str, a: int, b: int) -> None:
    from backstory.analyse.quotes import _SINGLE

    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    assert _single_matches(_SINGLE, text) == _single_matches(_PLAIN_SINGLE, text)
    assert _single_matches(_SINGLE, text, lo, hi) == _single_matches(_PLAIN_SINGLE, text, lo, hi)
