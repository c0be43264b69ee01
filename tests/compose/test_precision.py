"""Precision of the section builders, read as an editor would: what belongs in each section.

Each test is a small story written for it (a software outage, an airline's costs, a hearing)
whose expected placement was worked out by hand.
"""

from __future__ import annotations

from conftest import make_article, request_for

from backstory.compose import compose
from backstory.compose.context import Context
from backstory.compose.sections import (
    faqs,
    guidance,
    new_vs_known,
    next_steps,
    numbers,
    risks,
    timeline,
)
from backstory.models import Section


def texts(section: Section, key: str | None = None) -> list[str]:
    part = section if key is None else next(s for s in section.subsections if s.key == key)
    return [i.text for i in part.items]


# --- new vs known ------------------------------------------------------------------------

OUTAGE_EARLY = (
    "A faulty security update crashed office computers at banks and airports around the world "
    "on Friday morning. "
    "The airline Skyward said the disruption had forced it to cancel about 3,000 flights over "
    "four days. "
    "Skyward told investors that the outage had cost it about $350 million in lost revenue and "
    "refunds."
)
OUTAGE_LATER = (
    "The software maker has published a detailed report blaming a missing check in its test "
    "tools for the crash. "
    "Its engineers said the faulty file had passed every automatic test the company ran."
)
OUTAGE_NEWEST = (
    "A vice president of the software maker told a congressional committee on Tuesday that "
    "updates now reach customers in stages rather than all at once. "
    "The heaviest losses fell on Skyward, which cancelled about 3,000 flights and says the "
    "outage cost it about $350 million. "
    "The company's founder, Dana Reyes, collected a spoof award for the worst blunder of the "
    "year at a hacking conference in August. "
    "Members of the committee asked whether any single supplier should be able to halt so "
    "many essential services."
)


def outage_request():
    return request_for(
        [
            make_article(OUTAGE_EARLY, "2024-07-22T09:00:00+00:00", outlet="Early Wire"),
            make_article(OUTAGE_LATER, "2024-08-06T09:00:00+00:00", outlet="Later Desk"),
            make_article(OUTAGE_NEWEST, "2024-09-24T18:00:00+00:00", outlet="Newest Post"),
        ],
        "2024-09-25T12:00:00+00:00",
    )


def test_recap_of_an_older_report_is_known_not_new() -> None:
    built = new_vs_known.build(Context(outage_request()))
    new = " ".join(texts(built, "new"))
    known = " ".join(texts(built, "known"))
    # the newest source repeats the airline's cost, first reported in July: established
    assert "$350 million" not in new
    assert "heaviest losses fell on Skyward" in known
    # what only the hearing brought is news
    assert "updates now reach customers in stages" in new
    assert "single supplier" in new


def split(ctx: Context) -> tuple[list[str], list[str]]:
    new, known = new_vs_known.split_new(ctx, ctx.fresh_facts)
    return [ctx.sents[f.members[0]].text for f in new], [
        ctx.sents[f.members[0]].text for f in known
    ]


def test_event_dated_weeks_before_the_newest_cycle_is_not_new() -> None:
    ctx = Context(outage_request())
    new, known = split(ctx)
    # first reported on 24 September, but it happened in August: not this week's news
    assert not any("spoof award" in t for t in new)
    assert any("spoof award" in t for t in known)
    assert not any("spoof award" in t for t in texts(new_vs_known.build(ctx), "new"))


def test_date_in_a_relative_clause_does_not_make_the_main_event_old() -> None:
    early = make_article(
        "Forecasters warned of heavy rain across the north for the weekend ahead.",
        "2024-07-01T09:00:00+00:00",
        outlet="Weather Desk",
    )
    newest = make_article(
        "The water company has apologised to residents for the burst main that flooded "
        "dozens of streets in March.",
        "2024-09-24T09:00:00+00:00",
        outlet="Town Paper",
    )
    built = new_vs_known.build(Context(request_for([early, newest], "2024-09-25T09:00:00+00:00")))
    assert any("has apologised to residents" in t for t in texts(built, "new"))


def test_same_figure_in_a_different_statement_stays_new() -> None:
    early = make_article(
        "The central bank cut its main interest rate from 4.25% to 4% on Thursday in a close "
        "vote of its nine members.",
        "2025-08-07T12:00:00+00:00",
        outlet="Money Wire",
    )
    newest = make_article(
        "The central bank held its main interest rate at 4% on Thursday after its nine "
        "members voted seven to two.",
        "2025-09-18T12:00:00+00:00",
        outlet="City Desk",
    )
    built = new_vs_known.build(Context(request_for([early, newest], "2025-09-19T09:00:00+00:00")))
    # shares "4%" and most words with the August cut, but happened after that coverage
    assert any("held its main interest rate" in t for t in texts(built, "new"))


# --- guidance ------------------------------------------------------------------------------

HEARING = (
    "The company's founder, Dana Reyes, has been asked to give evidence to a parliamentary "
    "committee next month. "
    "Customers affected by the outage were told to restart their machines in safe mode and "
    "remove the faulty file. "
    "The airline warned passengers to expect more delays over the weekend."
)


def test_guidance_is_advice_to_the_public_not_a_request_to_a_person() -> None:
    ctx = Context(
        request_for(
            [make_article(HEARING, "2024-07-20T09:00:00+00:00", outlet="Tech Desk")],
            "2024-07-20T18:00:00+00:00",
        )
    )
    built = guidance.build(ctx)
    advice = " ".join(t for key in ("do", "dont", "checklist") for t in texts(built, key))
    assert "Dana Reyes" not in advice
    assert "expect more delays" not in advice  # a forecast, not advice
    assert "restart their machines in safe mode" in advice


# --- risks ---------------------------------------------------------------------------------

STORM = (
    "About 2 million homes lost power on Sunday, according to the grid operator's estimate. "
    "The grid operator said on Sunday that 2 million homes had been cut off, giving its first "
    "estimate of the damage. "
    "The energy minister disputed the operator's account of how long repairs would take. "
    "Engineers said some villages may not be reconnected until the weekend."
)


def test_risks_hold_caveats_and_disputes_not_sourced_estimates() -> None:
    ctx = Context(
        request_for(
            [make_article(STORM, "2024-12-09T08:00:00+00:00", outlet="Weather Desk")],
            "2024-12-09T18:00:00+00:00",
        )
    )
    items = texts(risks.build(ctx, []))
    assert not any("2 million homes" in t for t in items)
    assert any("minister disputed" in t for t in items)
    assert any("may not be reconnected" in t for t in items)


# --- numbers -------------------------------------------------------------------------------


def test_one_count_with_and_without_its_noun_is_listed_once_citing_both() -> None:
    a = make_article(
        "Roughly 8.5 million devices crashed before engineers withdrew the faulty update, "
        "according to the software maker's estimate.",
        "2024-07-20T09:00:00+00:00",
        outlet="Tech Desk",
    )
    b = make_article(
        "About 8.5 million Windows devices were knocked offline by Friday's bad update, the "
        "software maker said in its first estimate of the damage.",
        "2024-07-21T09:00:00+00:00",
        outlet="Money Desk",
    )
    c = make_article(
        "Another 8.5 million Windows devices are due a routine security patch from the "
        "operating system's maker next month.",
        "2024-07-21T12:00:00+00:00",
        outlet="Travel Desk",
    )
    ctx = Context(request_for([a, b, c], "2024-07-22T09:00:00+00:00"))
    built, _ = numbers.build(ctx)
    devices = [i for i in built.items if "8.5 million" in i.text and "patch" not in i.text]
    assert len(devices) == 1
    assert devices[0].label == "8.5 million devices"
    assert {cit.source for cit in devices[0].citations} == {a.id, b.id}
    # the same value and noun in a sentence about something else is not that count
    figs = {ctx.sents[f.gid].doc: f for f in numbers.figures(ctx)}
    assert numbers._noun_dropped(ctx, figs[0], figs[1])
    assert not numbers._noun_dropped(ctx, figs[0], figs[2])


# --- FAQs ----------------------------------------------------------------------------------


def test_when_question_is_answered_by_the_sentence_dating_that_event() -> None:
    articles = [
        make_article(
            "A faulty software update crashed Windows computers at airlines, banks and "
            "hospitals around the world on Friday.",
            "2024-07-19T12:00:00+00:00",
            outlet="Tech Desk",
        ),
        make_article(
            "The airline was still cancelling flights on 23 July, four days after the outage, "
            "as crews and aircraft remained out of position.",
            "2024-07-23T20:00:00+00:00",
            outlet="Travel Desk",
        ),
        make_article(
            "The airline was still cancelling flights on 23 July, four days after the outage, "
            "as crews and aircraft remained out of position.",
            "2024-07-23T21:00:00+00:00",
            outlet="Air Post",
        ),
        make_article(
            "The airline was still cancelling flights on 23 July, four days after the outage, "
            "as crews and aircraft remained out of position.",
            "2024-07-23T22:00:00+00:00",
            outlet="Flight News",
        ),
        make_article(
            "The outage on 19 July began when a faulty update reached computers running the "
            "company's security software.",
            "2024-07-22T09:00:00+00:00",
            outlet="Money Desk",
        ),
    ]
    ctx = Context(request_for(articles, "2024-07-24T09:00:00+00:00"))
    built = faqs.build(ctx, {"timeline": timeline.build(ctx)})
    when = [i for i in built.items if (i.label or "").startswith("When did")]
    assert when, [i.label for i in built.items]
    assert when[0].label == "When did the outage happen?"
    assert "19 July" in when[0].text


# --- opening pronouns ----------------------------------------------------------------------


def test_next_step_opening_with_a_pronoun_gives_way_to_one_that_names_who() -> None:
    articles = [
        make_article(
            "The finance minister faces a difficult autumn as growth slows. "
            "She will deliver the budget in the autumn, and economists expect tax rises.",
            "2025-08-20T09:00:00+00:00",
            outlet="Money Wire",
        ),
        make_article(
            "The finance minister, Joan Hartley, will present her budget to parliament on "
            "26 November, officials confirmed.",
            "2025-09-18T09:00:00+00:00",
            outlet="City Desk",
        ),
    ]
    ctx = Context(request_for(articles, "2025-09-20T09:00:00+00:00"))
    built = next_steps.build(ctx)
    shown = [t for part in built.subsections for t in texts(part)]
    assert any("Joan Hartley, will present her budget" in t for t in shown)
    assert not any(t.startswith("She will deliver") for t in shown)


def test_with_a_previous_version_a_recap_of_what_it_cited_is_not_new() -> None:
    early = [
        make_article(OUTAGE_EARLY, "2024-07-22T09:00:00+00:00", outlet="Early Wire"),
        make_article(OUTAGE_LATER, "2024-08-06T09:00:00+00:00", outlet="Later Desk"),
    ]
    previous = compose(request_for(early, "2024-08-07T09:00:00+00:00"))
    newest = make_article(OUTAGE_NEWEST, "2024-09-24T18:00:00+00:00", outlet="Newest Post")
    ctx = Context(request_for([*early, newest], "2024-09-25T12:00:00+00:00", previous=previous))
    new, known = split(ctx)
    assert not any("$350 million" in t for t in new)
    assert not any("spoof award" in t for t in new)
    assert any("updates now reach customers in stages" in t for t in new)


# --- FAQs: one answer per question, questions that read as English -------------------------


TRIAL = make_article(
    "The former president attacked the judge and the attorney general from the witness "
    "stand on Monday in the civil fraud trial against his company. "
    "The judge warned his lawyers to control their client and threatened to remove him "
    "as a witness. "
    "The attorney general is seeking $250 million in penalties and a ban on the company "
    "doing business in the state. "
    "Lawyers for the state pressed him on the value of his flagship tower and his estate.",
    "2023-11-06T20:00:00+00:00",
    outlet="Court Wire",
)


def test_no_answer_is_given_to_two_questions() -> None:
    """A one-source story whose dated lead is also its latest development: before, it answered
    both "What happened on ...?" and "What is happening now?" (seen on a real CNN page)."""
    built = compose(request_for([TRIAL], "2023-11-07T09:00:00+00:00")).section("faqs")
    answers = [i.text for i in built.items]
    assert len(answers) == len(set(answers)), [i.label for i in built.items]


def test_on_a_late_page_the_faq_asks_for_the_latest_news_not_what_is_happening() -> None:
    fresh = compose(request_for([TRIAL], "2023-11-07T09:00:00+00:00")).section("faqs")
    late = compose(request_for([TRIAL], "2024-03-01T09:00:00+00:00")).section("faqs")
    assert "What is happening now?" in [i.label for i in fresh.items]
    labels = [i.label for i in late.items]
    assert "What was the latest news?" in labels and "What is happening now?" not in labels


def test_how_many_asks_only_of_plural_nouns() -> None:
    assert faqs._countable("seats")
    assert faqs._countable("cases of measles")
    assert faqs._countable("people")
    assert not faqs._countable("warming in excess")
    assert not faqs._countable("crisis")


def test_a_quoted_question_is_no_statement() -> None:
    from backstory.compose.context import _eligible

    assert not _eligible("“Are you aware that the Chicago loan was paid off last week?”")
    assert not _eligible("Is this the end of cheap money for British households?")
    assert _eligible("“The loan was paid off last week,” the lawyer told the court.")


# --- "now" on a page composed long after its sources ---------------------------------------


def test_now_says_how_old_it_is_on_a_late_page() -> None:
    from backstory.compose.sections import summary

    articles = [
        make_article(OUTAGE_EARLY, "2024-07-22T09:00:00+00:00", outlet="Early Wire"),
        make_article(OUTAGE_NEWEST, "2024-07-25T09:00:00+00:00", outlet="Late Wire"),
    ]
    fresh = summary.now(Context(request_for(articles, "2024-07-26T09:00:00+00:00")))
    assert fresh.items and fresh.note is None
    # eight days after the newest source: more than a week
    late = summary.now(Context(request_for(articles, "2024-08-02T10:00:00+00:00")))
    assert late.items
    assert late.note == "All the sources are from 25 July 2024 or before; nothing later is covered."


def test_first_person_out_of_its_quotation_needs_the_sentence_before() -> None:
    from backstory.compose.rank import DANGLING

    assert DANGLING.match("I’m sure I will be misunderstood.")
    assert DANGLING.match("We never expected the vote to be this close.")
    assert not DANGLING.match("“I will not resign,” the minister said.")
    assert not DANGLING.match("Israel said it would respond to the attack.")
    assert not DANGLING.match("Iran denied any part in the attack.")
