"""Single rules on small pages: the arithmetic and the tolerances, each checked by hand."""

# ruff: noqa: E501  (fixture prose reads better unbroken)
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backstory.check import check_page, read_page
from backstory.check.rules.durations import allowed_range

NOW = datetime(2025, 12, 23, tzinfo=UTC)
FILLER = (
    "\n\nKey takeaways\n\n  • Rachel Reeves set out the Budget's £26bn of tax rises in the House of Commons."
    "\n  • The Office for Budget Responsibility published its forecasts early by mistake.\n"
)


def _page(body: str, published: str = "2025-12-22 08:00:00"):  # type: ignore[no-untyped-def]
    text = f"Budget explained\n\nPublished: {published} | Category: business\n\n{body}{FILLER}"
    return read_page("page.txt", data=text.encode())


def _codes(body: str, **kw: str) -> list[tuple[str, str]]:
    return [(f.code, f.quote) for f in check_page(_page(body, **kw), now=NOW).errors]


def test_weekday_and_impossible_dates() -> None:
    body = "Voters went to the polls on Monday 4 July 2024, and the count finished on 31 June 2024 in every seat across the country."
    assert _codes(body) == [
        ("weekday-mismatch", "Monday 4 July 2024"),
        ("impossible-date", "31 June 2024"),
    ]


def test_correct_weekday_is_silent() -> None:
    assert (
        _codes(
            "Voters went to the polls on Thursday 4 July 2024 across the whole of the United Kingdom, and Labour won."
        )
        == []
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 2011 to 22 December 2025 is 14.0-15.0 years: "twelve years ago" is wrong.
        (
            "The charity was founded in 2011, twelve years ago, by a group of nurses in Leeds and Bristol.",
            ["twelve years ago"],
        ),
        # ... but "fourteen years ago" is right.
        (
            "The charity was founded in 2011, fourteen years ago, by a group of nurses in Leeds and Bristol.",
            [],
        ),
        # Referendum to exit: 23 June 2016 to 31 January 2020 is 3.6 years.
        (
            "The UK left on 31 January 2020, two years after the referendum of 23 June 2016 that split the country.",
            ["two years"],
        ),
        (
            "The UK left on 31 January 2020, three and a half years after the referendum of 23 June 2016 that split the country.",
            [],
        ),
        # "almost four years" since February 2022 on 22 December 2025 (3.8 years) is fine.
        (
            "The war has lasted almost four years since Russia's invasion in February 2022, with no ceasefire in sight.",
            [],
        ),
        # A label repeating the sentence's date is one date: "five days before" measures to
        # an undated event, not from the label to the same day (seen on a real page).
        (
            "20 December 2017: The envoy arrived on December 20, 2017, just five days before the talks were due to end.",
            [],
        ),
    ],
)
def test_durations(body: str, expected: list[str]) -> None:
    assert [q for c, q in _codes(body) if c == "duration-mismatch"] == expected


def test_allowed_range_widens_with_hedges() -> None:
    assert allowed_range(4, None) == (3.5, 5.0)
    assert allowed_range(4, "nearly") == (3.0, 4.25)
    assert allowed_range(4, "over") == (3.75, 7.0)
    lo, hi = allowed_range(4, "about")
    assert lo < 3.5 and hi > 5.0


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (
            "Bank Rate was cut from 4.25% to 4%, a fall of 25%, its lowest level since March 2023 and the fifth cut.",
            True,
        ),
        # 4.25 -> 4 is a fall of 5.9%, or 0.25 points: both ways of saying it are right.
        (
            "Bank Rate was cut from 4.25% to 4%, a fall of 5.9%, its lowest level since March 2023 and the fifth cut.",
            False,
        ),
        (
            "Bank Rate was cut from 4.25% to 4%, a fall of 0.25 percentage points, the lowest level since March 2023.",
            False,
        ),
        (
            "Sales rose from £20m to £30m, a rise of 50%, the best year in the company's history since 1998.",
            False,
        ),
        (
            "Sales rose from £20m to £30m, a rise of 30%, the best year in the company's history since 1998.",
            True,
        ),
    ],
)
def test_percent_change_arithmetic(body: str, found: bool) -> None:
    assert any(c == "arithmetic-percent" for c, _ in _codes(body)) is found


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (
            "Leave won 51.9% of the vote and Remain 48.1%, on a turnout of 72.2% across the United Kingdom.",
            False,
        ),
        (
            "Leave won 51.9% of the vote and Remain 49.1%, on a turnout of 72.2% across the United Kingdom.",
            True,
        ),
        # Shares of different wholes do not have to add up.
        (
            "About 70% of adults and 80% of children in Wales had received the vaccine by the end of March 2022.",
            False,
        ),
        (
            "Labour won 60% of the seats, and the remaining 35% went to the other parties in the chamber that year.",
            True,
        ),
    ],
)
def test_shares(body: str, found: bool) -> None:
    assert any(c == "arithmetic-shares" for c, _ in _codes(body)) is found


def test_quantity_stated_two_ways() -> None:
    body = (
        "Labour won 411 seats in the general election on 4 July 2024.\n\n"
        "Numbers that matter\n\n  • 412 seats: won by Labour, a majority of 174 in the Commons.\n"
    )
    assert ("quantity-conflict", "412 seats") in _codes(body)
    same = body.replace("412 seats", "411 seats")
    assert not any(c == "quantity-conflict" for c, _ in _codes(same))


def test_published_in_future_and_updated_before_published() -> None:
    body = "Last updated: 01 December 2025\n\nRachel Reeves set out her Budget plans to MPs in a long statement in the Commons."
    assert ("updated-before-published", "Last updated: 01 December 2025") in _codes(body)
    future = _codes(
        "Rachel Reeves set out her Budget plans to MPs in a long statement in the Commons.",
        published="2026-03-01 09:00:00",
    )
    assert ("date-in-future", "Published: 2026-03-01 09:00:00") in future
    same_day = "Last updated: 22 December 2025\n\nRachel Reeves set out her Budget plans to MPs in a long statement in the Commons."
    assert _codes(same_day) == []  # a day-only "updated" on the published day is not before it


def test_timeline_order_and_reverse_chronology() -> None:
    wrong = "Timeline: how we got here\n\n  • 1 August 2024: First cut.\n  • 6 February 2025: Cut to 4.5%.\n  • 7 November 2024: Cut to 4.75%.\n"
    assert ("timeline-order", "7 November 2024: Cut to 4.75%.") in _codes(wrong)
    newest_first = "Timeline: how we got here\n\n  • 6 February 2025: Cut to 4.5%.\n  • 7 November 2024: Cut to 4.75%.\n  • 1 August 2024: First cut.\n"
    assert not any(c == "timeline-order" for c, _ in _codes(newest_first))


def test_relative_time_linked_to_dated_entry() -> None:
    timeline = "\n\nTimeline: how we got here\n\n  • 23 September 2022: Kwasi Kwarteng delivers the mini-budget.\n"
    stale = (
        "The fallout from Kwasi Kwarteng's mini-budget last week continues to shake the markets."
        + timeline
    )
    assert ("relative-time-mismatch", "last week") in _codes(stale, published="2022-10-21 07:00:00")
    fresh = (
        "The fallout from Kwasi Kwarteng's mini-budget last week continues to shake the markets."
        + timeline
    )
    assert _codes(fresh, published="2022-09-28 07:00:00") == []


def test_past_tense_after_page_date() -> None:
    body = "On 25 October 2022 Rishi Sunak became prime minister after Penny Mordaunt withdrew from the contest."
    assert ("past-tense-future-event", "25 October 2022") in _codes(
        body, published="2022-10-21 07:00:00"
    )
    plan = "On 25 October 2022 Rishi Sunak will become prime minister after Penny Mordaunt withdrew from the contest."
    assert _codes(plan, published="2022-10-21 07:00:00") == []


def test_date_inside_an_infinitive_is_what_is_sought_not_past() -> None:
    """Seen on a real CNN page of 6 November 2023: the 2024 election is what the campaign
    is for, not something the past-tense verb reports."""
    sought = (
        "His testimony mimicked his campaign speeches, where he has made the cases against him "
        "a central part of his argument to be elected president again in 2024."
    )
    assert _codes(sought, published="2023-11-06 20:00:00") == []
    told = "Donald Trump was elected president again in November 2024 after a long campaign."
    assert ("past-tense-future-event", "November 2024") in _codes(
        told, published="2023-11-06 20:00:00"
    )
    # as a next-steps item labelled with its date, the label follows the sentence's verdict
    assert _codes("2024: " + sought, published="2023-11-06 20:00:00") == []
    assert ("past-tense-future-event", "November 2024") in _codes(
        "November 2024: " + told, published="2023-11-06 20:00:00"
    )


def test_undated_page_measures_nothing_against_now() -> None:
    text = (
        "War in Ukraine\n\nThe war began with Russia's full-scale invasion nearly four years ago, "
        "and Kyiv has held out since then against repeated attacks on its power grid and ports.\n\n"
        "Timeline: how we got here\n\n  • 24 February 2022: Russia invades Ukraine.\n"
    )
    page = read_page("undated.txt", data=text.encode())
    assert page.published is None and page.updated is None
    report = check_page(page, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert report.errors == ()


def test_shares_figure_label_restated_in_its_line_is_one_share() -> None:
    # A numbers item "83 percent: ..." restates its label; that is one share, not 166%.
    body = "Numbers that matter\n\n  • 83 percent: Some 83 percent of new cars sold in Norway in 2024 were electric, the road authority said."
    assert not any(c == "arithmetic-shares" for c, _ in _codes(body))
    double = "Numbers that matter\n\n  • In Norway 83 percent of new cars were electric and 83 percent of vans were too, the road authority said in 2024."
    assert not any(c == "arithmetic-shares" for c, _ in _codes(double))


def test_ago_is_measured_from_a_linked_line_only_when_it_is_the_same_event() -> None:
    label = "Timeline\n\n  • February 2020: Russia invades Ukraine\n\n"
    same = "Russia's invasion of Ukraine began nearly four years ago, and the fighting goes on."
    assert ("duration-mismatch", "nearly four years ago") in _codes(label + same)
    # A long dated sentence sharing a name, a place and a word is another event (a real AP
    # page of June 2016 drew this false alarm).
    other = (
        "Timeline\n\n  • 23 May 2015: In a video posted online, Mateen declared himself a "
        "candidate for the Afghan presidency from his home in California.\n\n"
        "The gunman's father came to the US from Afghanistan more than 30 years ago and has "
        "posted many videos since."
    )
    assert _codes(other, published="2016-06-13 08:00:00") == []


def test_ago_in_a_long_statement_is_not_measured_from_a_line_sharing_a_few_words() -> None:
    page = (
        "Timeline\n\n  • 23 May 2015: In a video dated May 23, 2015, Mateen declared himself a "
        "candidate for the Afghan presidency.\n\n"
        "The father of the gunman came to the US from Afghanistan more than 30 years ago and has "
        "made a series of online videos in which he presents himself as the leader of an Afghan "
        "government in exile."
    )
    assert _codes(page, published="2016-06-13 08:00:00") == []


def test_linking_words_are_content_words_of_one_family() -> None:
    from backstory.check.context import key_words
    from backstory.check.rules.links import shared_words

    invasion = key_words("Russia's invasion of Ukraine")
    assert shared_words(invasion, key_words("Russia invades Ukraine")) >= {"russia", "invad"}
    assert shared_words(key_words("He presents himself"), key_words("the presidency")) == set()
    assert "himself" not in key_words("Mateen declared himself a candidate")


def test_no_evidence_note_names_the_audience_without_a_source() -> None:
    from backstory.models import Article

    source = Article(
        id="s1",
        title="Dam breach floods valley",
        outlet="Example Wire",
        published=datetime(2025, 12, 21, 8, tzinfo=UTC),
        text="A dam in the Andes gave way on Saturday, flooding three villages in the valley below.",
    )
    body = (
        "Impact for the UK\n\n"
        "No source yet discusses what this story means for the UK.\n\n"
        "Latest\n\n  • A dam in the Andes gave way on Saturday, flooding three villages.\n"
    )
    report = check_page(_page(body), sources=[source], now=NOW)
    assert [f for f in report.findings if f.code == "unsupported-name" and f.quote == "UK"] == []
    # the same name in a statement still needs a source
    claim = body + "\n\nBritish engineers built the UK's largest dam in the valley.\n"
    report = check_page(_page(claim), sources=[source], now=NOW)
    assert [f.quote for f in report.findings if f.code == "unsupported-name"].count("UK") == 1
