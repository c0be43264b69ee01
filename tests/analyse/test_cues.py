"""Sentence cues on realistic news sentences, each with positive and negative cases."""

from __future__ import annotations

import pytest

from backstory.analyse.cues import (
    audience_score,
    is_disputed,
    is_forward_looking,
    is_guidance,
    is_hedged,
    is_scheduled_event,
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Inflation may rise again later this year, the Bank said.", True),
        ("The drone strike reportedly hit an oil depot near Novorossiysk.", True),
        ("It is unclear whether Moscow will accept the 20-point plan.", True),
        ("The suspect is believed to have acted alone.", True),
        ("The figures have not been independently verified.", True),
        ("Russia claims to have captured the village.", True),
        ("The Bank of England cut Bank Rate to 4.25% on 8 May 2025.", False),
        ("In May 2025 the committee voted 5-4.", False),  # the month, not the modal
        ("Labour won 411 seats at the general election.", False),
        ("Talks ended in Miami on Sunday after three days.", False),
        # A sourced figure or an estimate is not uncertain by itself.
        ("About 2 million homes lost power, according to the grid operator's estimate.", False),
        ("About 2 million homes lost power, the operator said, giving its first estimate.", False),
        ("Parents cannot claim extra benefits for a third child.", False),
        ("The mayor opened the new bridge on Tuesday.", False),
        ("The election was called on 22 May after weeks of speculation.", False),
        ("The minister is expected to travel to Brussels on Friday.", False),
        ("Unions claimed that the figures had been massaged.", True),
    ],
)
def test_is_hedged(sentence: str, expected: bool) -> None:
    assert is_hedged(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Kremlin denied that any agreement had been reached.", True),
        ("Kyiv rejected the proposal to cede territory.", True),
        ("However, Moscow said the talks had achieved nothing.", True),
        ("The figures were disputed by the opposition.", True),
        ("The company dismissed the report as baseless.", True),
        ("Both sides said the talks had been productive.", False),
        ("The MPC voted 5-4 to cut rates.", False),
    ],
)
def test_is_disputed(sentence: str, expected: bool) -> None:
    assert is_disputed(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Passengers are advised to check their flight status before travelling.", "do"),
        ("Microsoft urged customers to restore affected machines from a backup.", "do"),
        ("Households should contact their supplier if they are struggling to pay.", "do"),
        ("The regulator recommends that customers submit a meter reading.", "do"),
        ("“Check your bank statements regularly,” the watchdog's chief executive said.", "do"),
        ("People should not call 999 unless it is an emergency, police said.", "dont"),
        ("The Foreign Office warned against all but essential travel to the region.", "dont"),
        ("Customers were urged not to respond to emails claiming to offer a fix.", "dont"),
        ("“Do not click on links in unexpected messages,” the NCSC said.", "dont"),
        ("Officials do not know how many devices were affected.", None),
        ("The Bank cut rates to 4.25% on Thursday.", None),
        ("He told the BBC that the talks had been useful.", None),
        ("Check-in desks at Gatwick were closed for hours.", None),
        # A speaker's "we do not" inside a quotation is a statement, not advice.
        ("“We do not see any roadblocks for the remaining transition,” says Di Li.", None),
        ("“Stay calm. Do not call 999 unless it is an emergency,” police said.", "dont"),
        ("Experts often advise users not to reset passwords again and again.", "dont"),
        # Advice is what the public is told to do; a request to a named person is news.
        ("The firm's founder, Dana Reyes, has been asked to appear before the committee.", None),
        ("She said she had asked the President to call an early vote.", None),
        ("Kyiv urged its allies to send more air defence systems.", None),
        ("Moscow warned Western governments against sending troops.", None),
        ("The country must not be forced to give up land, the minister said.", None),
        ("Smaller firms hit by the outage were told to follow the official recovery steps.", "do"),
        ("The agency advised organisations to take advice only from official channels.", "do"),
    ],
)
def test_is_guidance(sentence: str, expected: str | None) -> None:
    assert is_guidance(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The MPC will meet again on 7 August.", True),
        ("The plan is expected to be presented to Moscow next week.", True),
        ("Ofgem plans to review the cap in the coming months.", True),
        ("Households would pay £1,717 a year under the new cap.", True),
        ("The talks ended on Sunday without a deal.", False),
        ("Labour won 411 seats.", False),
    ],
)
def test_is_forward_looking(sentence: str, expected: bool) -> None:
    assert is_forward_looking(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The MPC will meet on 7 August to decide on rates.", True),
        ("The Bank is due to announce its next decision on 18 September.", True),
        ("The next decision is on 6 November.", True),
        ("MPs will vote on the bill next Tuesday.", True),
        ("Applicants face a deadline of 31 January.", True),
        ("The new cap comes into force on 1 October.", True),
        ("Inflation may rise again later this year.", False),
        ("The MPC met on Thursday and cut rates.", False),
    ],
)
def test_is_scheduled_event(sentence: str, expected: bool) -> None:
    assert is_scheduled_event(sentence) is expected


def test_audience_score_counts_distinct_whole_word_terms() -> None:
    terms = ["UK", "households", "Ofgem", "NHS", "pound"]
    assert audience_score("UK households face higher bills, Ofgem said.", terms) == 3
    # Case-insensitive; whole words only ("pounds" is not "pound", "Ukraine" not "UK").
    assert audience_score("Ukraine pays in pounds; the nhs is unaffected.", terms) == 1
    assert audience_score("Nothing here.", terms) == 0
    assert audience_score("UK, UK and UK again.", terms) == 1


@pytest.mark.parametrize(
    ("sentence", "forward"),
    [
        ("Economists said the bank would cut rates again in November.", True),
        ("She said she would resign if the bill failed.", True),
        ("If I had wanted to, I would’ve added brand value to the statement.", False),
        ("Without the rescue, the bank would have collapsed within a week.", False),
        ("Ministers would not have agreed to the deal without the guarantee.", False),
        ("It wouldn't have mattered which firm won the contract.", False),
    ],
)
def test_would_have_is_a_past_that_did_not_happen(sentence: str, forward: bool) -> None:
    assert is_forward_looking(sentence) is forward
