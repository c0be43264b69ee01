"""Figures in news prose: value, unit, what is counted, hedges, and what is never a figure."""

from __future__ import annotations

import pytest

from backstory.analyse.numbers import Quantity, extract_numbers, parse_number, same_quantity


def _only(text: str) -> Quantity:
    found = extract_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,717", 1717.0),
        ("4.25", 4.25),
        ("8.5 million", 8_500_000.0),
        ("£1.2bn", 1_200_000_000.0),
        ("30m", 30_000_000.0),
        ("5k", 5000.0),
        ("two", 2.0),
        ("twenty-five", 25.0),
        ("two and a half", 2.5),
        ("a dozen", 12.0),
        ("half a million", 500_000.0),
        ("three hundred", 300.0),
        ("1.5 trillion", 1.5e12),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "seats", "12 34", "and", "a", "1,717x"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "counts", "hedge"),
    [
        (
            "The typical bill will rise to £1,717 a year.",
            "£1,717",
            1717.0,
            "GBP",
            "typical bill",
            None,
        ),
        ("Labour took 33.7% of the vote.", "33.7%", 33.7, "%", "vote", None),
        (
            "Turnout was 59.7 per cent, the lowest since 2001.",
            "59.7 per cent",
            59.7,
            "%",
            "Turnout",
            None,
        ),
        (
            "Microsoft said about 8.5 million Windows devices were affected.",
            "8.5 million",
            8.5e6,
            "devices",
            "Windows devices",
            "about",
        ),
        (
            "Some 3,000 flights were cancelled worldwide.",
            "3,000 flights",
            3000.0,
            "flights",
            "flights",
            "some",
        ),
        ("The train arrived 78 minutes late.", "78 minutes", 78.0, "minutes", "minutes", None),
        ("It cost the taxpayer $2 trillion.", "$2 trillion", 2e12, "USD", None, None),
        ("The fund raised €3 billion.", "€3 billion", 3e9, "EUR", None, None),
        ("Stamps went up by 50p.", "50p", 50.0, "pence", None, None),
        (
            "Yields rose 0.2 percentage points.",
            "0.2 percentage points",
            0.2,
            "percentage points",
            "Yields",
            None,
        ),
        (
            "The talks lasted two and a half years.",
            "two and a half years",
            2.5,
            "years",
            "years",
            None,
        ),
        ("Nearly four years of war have followed.", "four years", 4.0, "years", "years", "nearly"),
        ("Up to 400 jobs are at risk.", "400 jobs", 400.0, "jobs", "jobs", "up to"),
        ("Three people died in the crash.", "Three people", 3.0, "people", "people", None),
    ],
)
def test_extract_numbers_table(
    sentence: str, text: str, value: float, unit: str, counts: str | None, hedge: str | None
) -> None:
    q = _only(sentence)
    assert sentence[q.start : q.end] == q.text == text
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.counts == counts
    assert q.hedge == hedge
    assert q.approx is (hedge is not None)


def test_owner_of_seats_from_subject_and_from_by_phrase() -> None:
    a = _only("Labour won 411 seats at the election.")
    b = _only("In the end 412 seats were won by Labour.")
    c = _only("The Conservatives won 121 seats.")
    assert (a.text, a.counts) == ("411 seats", "seats won by Labour")
    assert (b.text, b.counts) == ("412 seats", "seats won by Labour")
    assert c.counts == "seats won by Conservatives"


def test_rate_cut_counts_the_rate_named_before_it() -> None:
    q = _only("The Bank of England cut Bank Rate to 4.25% on 8 May 2025.")
    assert (q.text, q.value, q.unit, q.counts) == ("4.25%", 4.25, "%", "Bank Rate")


def test_vote_tally_is_one_quantity() -> None:
    q = _only("The committee reached its decision by a 5-4 vote.")
    assert (q.text, q.unit, q.value) == ("5-4", "votes", 5.0)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "counts"),
    [
        ("Kyiv studied the 28-point plan.", "28-point", 28.0, "points", "points of the plan"),
        ("A 62-year-old man was arrested.", "62-year-old", 62.0, "years", "age"),
        (
            "After three-day talks in Miami, both sides left.",
            "three-day",
            3.0,
            "days",
            "days of the talks",
        ),
    ],
)
def test_compound_figures(sentence: str, text: str, value: float, unit: str, counts: str) -> None:
    q = _only(sentence)
    assert (q.text, q.value, q.unit, q.counts) == (text, value, unit, counts)


def test_range_is_one_approximate_quantity() -> None:
    q = _only("Between the sites, 10-20 people were treated.")
    assert (q.text, q.value, q.unit, q.approx) == ("10-20 people", 10.0, "people", True)


@pytest.mark.parametrize(
    "sentence",
    [
        "The election was held on 4 July 2024.",
        "It was announced on July 4, 2024, in London.",
        "The UK voted to leave in 2016.",
        "Article 50 was triggered in March 2017.",
        "Leaders of the G7 met in Italy.",
        "Covid-19 closed schools.",
        "Windows 11 machines were hit.",
        "Call 020 7946 0000 for advice.",
        "Call +44 20 7946 0000 from abroad.",
        "Version 11.2.1 fixed the fault.",
        "The meeting starts at 3pm and ends at 17:30.",
        "The invasion began nearly four years ago.",
        "5G masts were installed in the 1990s and the team finished 4th.",
        "One of them said the plan was flawed.",
        "Prices in 2024-25 rose.",
    ],
)
def test_never_a_quantity(sentence: str) -> None:
    assert extract_numbers(sentence) == []


def test_offsets_are_verbatim_on_a_long_passage() -> None:
    text = (
        "Ofgem said the cap of £1,717 would apply from 1 October, up 1.2% on the summer. "
        "About 22 million households are on variable tariffs, and 5.1% of customers "
        "are in arrears, the regulator said in 2024."
    )
    found = extract_numbers(text)
    assert [q.text for q in found] == ["£1,717", "1.2%", "22 million households", "5.1%"]
    for q in found:
        assert text[q.start : q.end] == q.text
    assert found[2].counts == "households" and found[2].hedge == "about"
    assert found[3].counts == "customers"


def _q(sentence: str) -> Quantity:
    return _only(sentence)


def test_same_quantity_one_figure_stated_two_ways() -> None:
    assert same_quantity(_q("Labour won 411 seats."), _q("Labour won 412 seats."))
    assert same_quantity(_q("Labour won 411 seats."), _q("There were 412 seats won by Labour."))
    # A bare "seats" is compatible with an owned one: same thing, different detail.
    assert same_quantity(_q("The party has 411 seats."), _q("Labour won 412 seats."))


def test_same_quantity_different_things() -> None:
    # Different owners.
    assert not same_quantity(_q("Labour won 411 seats."), _q("The Conservatives won 412 seats."))
    # No owner, values far apart: two parties' tallies, not one figure (documented choice).
    assert not same_quantity(_q("It has 411 seats."), _q("It has 121 seats."))
    # Different units.
    assert not same_quantity(_q("It cost £411."), _q("It has 411 seats."))
    # Bare percentages say nothing about what they measure.
    assert not same_quantity(_q("It rose to 4.25%."), _q("It rose to 4.25%."))


def test_speed_on_a_long_text() -> None:
    import time

    text = "Labour won 411 seats on 4 July 2024 with 33.7% of the vote, about £1.2bn. " * 200
    t = time.perf_counter()
    found = extract_numbers(text)
    assert len(found) == 600
    assert time.perf_counter() - t < 1.0


def test_analyse_article_offsets_are_into_the_article() -> None:
    from backstory.analyse import analyse_article
    from backstory.models import Article

    text = (
        "Rates cut again\n\n"
        "The Bank of England's Monetary Policy Committee (MPC) cut Bank Rate to 4.25% on "
        "8 May 2025. The decision was taken by a 5-4 vote. “Inflation has fallen a long way,” "
        "said Andrew Bailey, the governor. CrowdStrike, a US cybersecurity company, was not "
        "involved. The MPC (Monetary Policy Committee) meets again on 19 June."
    )
    result = analyse_article(Article(id="a1", title="Rates", text=text))
    assert [s.text for s in result.sentences][0] == "Rates cut again"
    figures = [(i, q.text) for i, q in result.numbers]
    assert figures == [(1, "4.25%"), (2, "5-4")]
    for i, q in result.numbers:
        assert text[q.start : q.end] == q.text
        sent = result.sentences[i]
        assert sent.start <= q.start < q.end <= sent.end
    assert [(t.term, t.kind) for t in result.terms] == [
        ("MPC", "acronym"),
        ("Andrew Bailey", "appositive"),
        ("CrowdStrike", "appositive"),
    ]
    for t in result.terms:
        assert t.definition in text[t.start : t.end]
    (quote,) = result.quotes
    assert (quote.text, quote.speaker) == ("Inflation has fallen a long way", "Andrew Bailey")
    assert text[quote.start : quote.end] == quote.text
    assert result.sentence_at(quote.start) == 3
    assert result.datings == ()


def test_analyse_article_rejects_non_articles() -> None:
    from backstory.analyse import analyse_article
    from backstory.errors import AnalyseError

    with pytest.raises(AnalyseError):
        analyse_article("not an article")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Shares in CrowdStrike fell 11% on Friday.", "Shares in CrowdStrike"),
        ("Losses could reach $5.4bn, insurers said.", "Losses"),
        ("Inflation rose to 3.8% in July.", "Inflation"),
        ("The fund raised €3 billion.", None),  # the fund is who raised it, not what it is
    ],
)
def test_counts_read_from_before_the_figure(sentence: str, counts: str | None) -> None:
    assert _only(sentence).counts == counts


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The 23-million-dollar deal was signed.", "23-million-dollar", 23e6, "USD"),
        ("It won a 2-billion-pound contract.", "2-billion-pound", 2e9, "GBP"),
    ],
)
def test_scaled_money_compound_is_a_sum_of_money(
    sentence: str, text: str, value: float, unit: str
) -> None:
    [q] = extract_numbers(sentence)
    assert (q.text, q.value, q.unit) == (text, value, unit)
    assert sentence[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit"),
    [
        ("Warming above 2°C could melt the Antarctic ice sheets.", "2°C", 2.0, "°C"),
        ("The world will pass 1.5 °C of warming this decade.", "1.5 °C", 1.5, "°C"),
        ("Temperatures reached 40.3C at Coningsby in July 2022.", "40.3C", 40.3, "°C"),
        ("Overnight lows of 14°F are forecast for Minneapolis.", "14°F", 14.0, "°F"),
    ],
)
def test_temperatures_keep_their_unit(text: str, figure: str, value: float, unit: str) -> None:
    [q] = extract_numbers(text)
    assert (q.text, q.value, q.unit) == (figure, value, unit)
    assert text[q.start : q.end] == figure


def test_a_channel_name_is_not_a_temperature() -> None:
    assert extract_numbers("The film was shown on Channel 4C last night.") == []
