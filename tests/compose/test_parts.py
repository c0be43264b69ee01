"""Unit behaviour of the composer's parts: trimming, date labels, buckets, ranking, diffs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from backstory.compose.diff import diff
from backstory.compose.rank import mmr, rank
from backstory.compose.sections.common import date_label, precision_rank
from backstory.compose.sections.next_steps import bucket_for
from backstory.compose.text import core_span, display_text
from backstory.models import Citation, Explainer, Item, Section, SourceRef


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "However, the talks ended without a deal on territory.",
            "The talks ended without a deal on territory.",
        ),
        (
            "Meanwhile, prices rose for a third month in a row.",
            "Prices rose for a third month in a row.",
        ),
        (
            "But the vote was delayed until the spring session.",
            "The vote was delayed until the spring session.",
        ),
        # nothing to trim; and a short remainder is never trimmed
        ("The Bank held rates at 4% on Thursday.", "The Bank held rates at 4% on Thursday."),
        ("However, no.", "However, no."),
    ],
)
def test_core_clause_drops_only_leading_connectives(sentence: str, expected: str) -> None:
    assert display_text(sentence, core_span(sentence)) == expected


def test_display_text_never_adds_words() -> None:
    sentence = "Meanwhile,  the\nministers met again."
    text = display_text(sentence, core_span(sentence))
    assert text.split() == ["The", "ministers", "met", "again."]


@pytest.mark.parametrize(
    ("value", "mod", "label"),
    [
        ("2022-02-24", None, "24 February 2022"),
        ("2022-02-24T04:00", None, "24 February 2022"),
        ("2022-02", None, "February 2022"),
        ("2022", None, "2022"),
        ("2025-W51", None, "week of 15 December 2025"),
        ("2025-W51-WE", None, "weekend of 20 December 2025"),
        ("2025-Q3", None, "third quarter of 2025"),
        ("2025-SU", None, "summer 2025"),
        ("201", None, "the 2010s"),
        ("2025", "END", "end of 2025"),
        ("PRESENT_REF", None, None),
        ("XXXX-12-25", None, None),
    ],
)
def test_date_label_true_precision(value: str, mod: str | None, label: str | None) -> None:
    assert date_label(value, mod) == label


def test_precision_rank_orders_finer_first() -> None:
    values = ["2022", "2022-02", "2022-02-24", "2022-W08", "2022-Q1"]
    assert sorted(values, key=precision_rank) == [
        "2022-02-24",
        "2022-W08",
        "2022-02",
        "2022-Q1",
        "2022",
    ]


@pytest.mark.parametrize(
    ("first", "bucket"),
    [
        (date(2025, 12, 22), "near_term"),  # today
        (date(2026, 1, 19), "near_term"),  # 28 days
        (date(2026, 1, 20), "medium_term"),  # 29 days
        (date(2026, 6, 23), "medium_term"),  # 183 days
        (date(2026, 6, 24), "signals"),  # 184 days: beyond the medium term
    ],
)
def test_next_steps_bucket_boundaries(first: date, bucket: str) -> None:
    assert bucket_for(first, date(2025, 12, 22)) == bucket


def test_rank_merges_cross_outlet_duplicates_but_not_different_figures() -> None:
    texts = [
        "Negotiators met in Miami on Saturday to discuss the peace plan for Ukraine.",
        "Negotiators met in Miami on Saturday to discuss a peace plan for Ukraine.",
        "The draft plan runs to 20 points and covers security guarantees.",
        "The draft plan runs to 28 points and covers security guarantees.",
        "Heavy snow closed several roads in the north of the country.",
    ]
    r = rank(texts, docs=[0, 1, 0, 1, 2], positions=[0, 0, 1, 1, 0], eligible=[True] * 5)
    assert r.fact_of[0] == r.fact_of[1]  # same statement, two outlets
    assert r.fact_of[2] != r.fact_of[3]  # different numerals: a conflict, not a duplicate
    merged = r.by_id[r.fact_of[0]]
    assert merged.docs == (0, 1)
    # the confirmed fact outranks the lone off-topic sentence
    assert merged.score > r.by_id[r.fact_of[4]].score


def test_rank_never_merges_within_one_outlet() -> None:
    texts = ["Ministers agreed the budget on Monday.", "Ministers agreed the budget on Monday."]
    r = rank(texts, docs=[0, 0], positions=[0, 1], eligible=[True, True])
    assert r.fact_of[0] != r.fact_of[1]


def test_mmr_prefers_diverse_facts() -> None:
    texts = [
        "The central bank cut interest rates to four per cent on Thursday.",
        "The central bank cut interest rates to four per cent on Thursday afternoon.",
        "Mortgage lenders are expected to lower their rates after the central bank decision.",
    ]
    r = rank(texts, docs=[0, 0, 1], positions=[0, 1, 0], eligible=[True] * 3)
    # without diversity the two wordings of the rate cut would be the top two
    top_two = {texts[f.members[0]] for f in r.facts[:2]}
    assert texts[2] not in top_two
    picks = mmr(r, list(r.facts), 2)
    picked_texts = {texts[p.members[0]] for p in picks}
    assert texts[2] in picked_texts


def _explainer(version: int, texts: list[str], sources: list[str]) -> Explainer:
    when = datetime(2025, 12, 22, tzinfo=UTC)
    items = tuple(
        Item(
            text=t,
            citations=(Citation(source="a1", quote=t, start=0, end=len(t)),),
            label="20 December 2025" if "talks" in t else None,
        )
        for t in texts
    )
    return Explainer(
        id="x1",
        version=version,
        created=when,
        published=when,
        updated=when,
        headline="h",
        sections=(Section(key="timeline", heading="Timeline", items=items),),
        sources=tuple(SourceRef(id=s, title=s, outlet="o") for s in sources),
    )


def test_diff_reports_added_removed_changed_and_sources() -> None:
    old = _explainer(1, ["The talks began in Miami.", "Prices rose."], ["a1"])
    new = _explainer(2, ["The talks ended in Miami.", "Snow fell."], ["a1", "a2"])
    changes = diff(old, new.sections, ["a1", "a2"])
    kinds = {(c.change, c.text) for c in changes.items}
    assert ("changed", "The talks ended in Miami.") in kinds  # same date label, new text
    assert ("added", "Snow fell.") in kinds
    assert ("removed", "Prices rose.") in kinds
    changed = next(c for c in changes.items if c.change == "changed")
    assert changed.previous == "The talks began in Miami."
    assert changes.sources_added == ("a2",)
    assert changes.previous_version == 1


def test_context_sentence_cut_from_a_longer_quotation_is_not_eligible() -> None:
    from backstory.compose.context import _eligible

    whole = (
        "“We had a banner year for wind and solar in the electricity sector,” said one analyst "
        "at the institute."
    )
    opening = (
        "“In the electricity sector we had a banner year for wind and solar across the whole "
        "country."
    )
    assert _eligible(whole)
    assert not _eligible(opening)


def test_context_subheadings_and_fragments_are_not_eligible_but_list_items_are() -> None:
    from backstory.compose.context import _eligible

    assert not _eligible("Users Urged to Remain Cautious During the Long Meta Outage")
    assert _eligible("Users were urged to remain cautious during the long Meta outage.")
    assert _eligible("- Check whether your fixed-rate mortgage deal ends this year")
