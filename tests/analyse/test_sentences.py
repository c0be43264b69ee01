"""The sentence splitter that every citation's offsets rest on."""

from __future__ import annotations

import pytest

from backstory.analyse.sentences import split_sentences, split_spans
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
