"""Definitions the sources give: acronyms, appositives, copular and bracketed glosses."""

from __future__ import annotations

import pytest

from backstory.analyse.terms import acronym_matches, extract_terms


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("MPC", "Monetary Policy Committee", True),
        ("OBR", "Office for Budget Responsibility", True),
        ("TfL", "Transport for London", True),  # lower-case letter in the acronym
        ("Nato", "North Atlantic Treaty Organization", True),  # written as a word
        ("OECD", "Organisation for Economic Co-operation and Development", True),
        ("BBC", "the spokesperson for the firm", False),
        ("MPC", "Bank of England", False),
        ("NHS", "National Service", False),  # a letter with nothing to match
    ],
)
def test_acronym_matches(short: str, long: str, expected: bool) -> None:
    assert acronym_matches(short, long) is expected


@pytest.mark.parametrize(
    ("text", "term", "definition", "kind", "passage"),
    [
        (
            "Rates are set by the Monetary Policy Committee (MPC) each quarter.",
            "MPC",
            "Monetary Policy Committee",
            "acronym",
            "Monetary Policy Committee (MPC)",
        ),
        (
            "Services were suspended, Transport for London (TfL) said.",
            "TfL",
            "Transport for London",
            "acronym",
            "Transport for London (TfL)",
        ),
        (
            "The MPC (Monetary Policy Committee) voted 5-4.",
            "MPC",
            "Monetary Policy Committee",
            "acronym",
            "MPC (Monetary Policy Committee)",
        ),
        (
            "The outage was caused by CrowdStrike, a US cybersecurity company, which issued "
            "a faulty update.",
            "CrowdStrike",
            "a US cybersecurity company",
            "appositive",
            "CrowdStrike, a US cybersecurity company",
        ),
        (
            "Talks were led by Rustem Umerov, Ukraine's national security secretary, and "
            "the US side.",
            "Rustem Umerov",
            "Ukraine's national security secretary",
            "appositive",
            "Rustem Umerov, Ukraine's national security secretary",
        ),
        (
            "The talks were hosted by the US special envoy, Steve Witkoff, in Miami.",
            "Steve Witkoff",
            "the US special envoy",
            "appositive",
            "the US special envoy, Steve Witkoff",
        ),
        (
            "Bank Rate is the interest rate the Bank of England pays on reserves held by banks.",
            "Bank Rate",
            "the interest rate the Bank of England pays on reserves held by banks",
            "copular",
            "Bank Rate is the interest rate the Bank of England pays on reserves held by banks",
        ),
        (
            "Quantitative easing (the creation of new money to buy government bonds) was expanded.",
            "Quantitative easing",
            "the creation of new money to buy government bonds",
            "parenthetical",
            "Quantitative easing (the creation of new money to buy government bonds)",
        ),
    ],
)
def test_extract_terms(text: str, term: str, definition: str, kind: str, passage: str) -> None:
    found = [t for t in extract_terms(text) if t.kind == kind]
    assert len(found) == 1, extract_terms(text)
    t = found[0]
    assert (t.term, t.definition) == (term, definition)
    assert text[t.start : t.end] == passage
    assert term in passage and definition in passage


@pytest.mark.parametrize(
    "text",
    [
        "The spokesperson for the firm (BBC) declined to comment.",  # initials do not match
        "In London, a man was arrested on Friday.",  # an introductory phrase, then a clause
        "It is a difficult time for the party.",  # pronoun
        "He is a former lawyer.",
        "The vote is a blow to the government.",  # common noun phrase, not a term
        "However, a spokesperson said nothing.",
        "The deal was signed by Keir Starmer, Emmanuel Macron and Friedrich Merz.",  # names
        "Talks resumed on Monday, a day after the strikes.",
    ],
)
def test_no_definition(text: str) -> None:
    assert extract_terms(text) == []


def test_definition_longer_than_limit_is_dropped() -> None:
    long_gloss = " ".join(["word"] * 30)
    assert extract_terms(f"Bank Rate is the {long_gloss}.") == []


def test_one_term_per_kind() -> None:
    text = (
        "The Monetary Policy Committee (MPC) met. Later the Monetary Policy Committee (MPC) "
        "met again."
    )
    assert [(t.term, t.kind) for t in extract_terms(text)] == [("MPC", "acronym")]
