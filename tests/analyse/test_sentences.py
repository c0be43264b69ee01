"""The sentence splitter that every citation's offsets rest on."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.analyse.sentences import _last_word, split_sentences, split_spans
from backstory.models import Article


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Bailey spoke. Dr. Smith agreed.",
            ["Mr. Bailey spoke.", "Dr. Smith agreed."],
        ),
        (
            "The U.S. Treasury said so. Markets rose.",
            ["The U.S. Treasury said so.", "Markets rose."],
        ),
        (
            "The deal was signed on Jan. 5 in Paris. It took effect later.",
            ["The deal was signed on Jan. 5 in Paris.", "It took effect later."],
        ),
        (
            "Rates fell to 4.25%. Then 4.0% followed.",
            ["Rates fell to 4.25%.", "Then 4.0% followed."],
        ),
        (
            "“We are not there yet.” The governor left.",
            ["“We are not there yet.”", "The governor left."],
        ),
        (
            'He said: "It is done." She disagreed!',
            ['He said: "It is done."', "She disagreed!"],
        ),
        (
            "The book by J. K. Rowling sold well. Sales rose.",
            ["The book by J. K. Rowling sold well.", "Sales rose."],
        ),
        (
            "Key points:\n- Rates were cut\n- Bills will rise\n\nNext paragraph here.",
            ["Key points:", "- Rates were cut", "- Bills will rise", "Next paragraph here."],
        ),
        (
            "A headline without a stop\n\nThe body starts here. It ends here.",
            ["A headline without a stop", "The body starts here.", "It ends here."],
        ),
        ("Did it work? Nobody knows... Yet.", ["Did it work?", "Nobody knows...", "Yet."]),
        ("The cost was £1.2bn. £300m was spent.", ["The cost was £1.2bn.", "£300m was spent."]),
        (
            "prices rose. the lower-case start stays joined.",
            ["prices rose. the lower-case start stays joined."],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_offsets_are_exact_and_whitespace_trimmed() -> None:
    text = "  First sentence here.   Second one follows.\n\n\n  Third, a new paragraph.  "
    spans = split_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "First sentence here.",
        "Second one follows.",
        "Third, a new paragraph.",
    ]
    assert spans[0] == (2, 22)


def test_split_sentences_builds_indexed_sentences() -> None:
    article = Article(id="a1", title="t", text="One sentence. Another sentence.")
    sentences = split_sentences(article)
    assert [(s.source, s.index, s.text) for s in sentences] == [
        ("a1", 0, "One sentence."),
        ("a1", 1, "Another sentence."),
    ]
    for s in sentences:
        assert article.text[s.start : s.end] == s.text


# --- the last word before a full stop, read from the end --------------------------------------

_SPACES = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


def test_the_spaces_str_knows_are_the_spaces_the_regex_knows() -> None:
    # _last_word relies on this: str.isspace / str.split and the regex's \s agree
    assert len(_SPACES) > 20
    assert [c for c in map(chr, range(0x110000)) if bool(re.match(r"\s", c)) != c.isspace()] == []


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Mr", "U.S", "J", "(Dr", "“Gov", "x", ".", "\n", " ", "\u00a0"] + list(_SPACES)
        ),
        max_size=12,
    )
)
def test_last_word_is_the_regex_capture(parts: list[str]) -> None:
    chunk = "".join(parts)
    m = re.search(r"(\S+)$", chunk)
    assert _last_word(chunk) == (m.group(1) if m else None), repr(chunk)


def test_opening_quote_right_after_a_full_stop_starts_a_sentence() -> None:
    """Real pages drop the space: 'news.“From now on ...'."""
    text = "He heard the news.“From now on, we wait,” he said. Then he left."
    assert [text[s:e] for s, e in split_spans(text)] == [
        "He heard the news.",
        "“From now on, we wait,” he said.",
        "Then he left.",
    ]
    # an abbreviation still holds the sentence together
    text = "Officials in the U.S.“Team” said nothing."
    assert [text[s:e] for s, e in split_spans(text)] == [text]
