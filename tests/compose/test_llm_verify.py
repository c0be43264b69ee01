"""Verification of model sentences, on hand-written sentence/passage pairs (no model needed)."""

from __future__ import annotations

from datetime import datetime

import pytest

from backstory.compose.llm.calibration import PAIRS
from backstory.compose.llm.prompt import GeneratedSentence, Passage
from backstory.compose.llm.verify import (
    MIN_OVERLAP,
    overlap,
    unsupported_dates,
    unsupported_names,
    unsupported_numbers,
    verify_sentence,
)
from backstory.models import Citation

# Written for these tests; facts of the Bank of England's 7 August 2025 decision.
RATE = (
    "The Bank of England cut Bank Rate from 4.25% to 4% on Thursday after the Monetary Policy "
    "Committee voted by five to four."
)
SAVING = "On a £150,000 tracker mortgage the cut saves around £20 a month, the Harbour Post found."
AUG7 = datetime(2025, 8, 7, 12)
LATER = datetime(2025, 9, 20, 12)


def passages(*texts: str, published: datetime = AUG7, outlet: str = "Harbour Post") -> dict:
    return {
        i + 1: Passage(
            i + 1, Citation(source="a1", quote=t, start=0, end=len(t)), outlet, published
        )
        for i, t in enumerate(texts)
    }


def verdict(text: str, ps: dict, ids: tuple[int, ...] = (1,), now: datetime = LATER):
    return verify_sentence(GeneratedSentence("now", text, ids), ps, now)


def test_faithful_paraphrase_is_kept() -> None:
    v = verdict(
        "The Bank of England reduced Bank Rate to 4% from 4.25% on 7 August 2025.", passages(RATE)
    )
    assert v.kept, v
    assert v.reason is None


def test_changed_date_is_dropped() -> None:
    # "on Thursday" in an article of Thursday 7 August 2025 is 7 August, not 8 August.
    v = verdict("The Bank of England cut Bank Rate to 4% on 8 August 2025.", passages(RATE))
    assert (v.kept, v.reason) == (False, "unsupported-date")
    assert "8 August 2025" in v.detail


def test_changed_year_is_dropped() -> None:
    v = verdict("The Bank of England cut Bank Rate to 4% in August 2024.", passages(RATE))
    assert v.reason == "unsupported-date"


def test_coarser_date_is_kept_but_finer_date_is_not() -> None:
    month = "In August 2025 the Bank of England cut Bank Rate to 4%."
    assert verdict(month, passages(RATE)).kept
    vague = "The Bank of England cut Bank Rate to 4% in August 2025, its fifth cut."
    finer = "The Bank of England cut Bank Rate to 4% on 5 August 2025."
    ps = passages("The Bank of England cut Bank Rate to 4% in August 2025.", published=LATER)
    assert verdict(finer, ps).reason == "unsupported-date"
    assert "5 August 2025" in unsupported_dates(finer, LATER, list(ps.values()))
    assert unsupported_dates(vague, LATER, list(ps.values())) == []


def test_publication_day_of_a_cited_passage_supports_a_date() -> None:
    ps = passages("The Bank of England cut Bank Rate to 4%, its fifth cut in a year.")
    assert verdict("On 7 August 2025 the Bank of England cut Bank Rate to 4%.", ps).kept


def test_changed_number_is_dropped() -> None:
    v = verdict(
        "The Bank of England cut Bank Rate from 4.5% to 4% on 7 August 2025.", passages(RATE)
    )
    assert (v.kept, v.reason) == (False, "unsupported-number")
    assert "4.5%" in v.detail


def test_number_written_another_way_is_kept() -> None:
    ps = passages("Microsoft said 8,500,000 Windows devices were affected by the update.")
    assert (
        unsupported_numbers("About 8.5 million Windows devices were affected.", list(ps.values()))
        == []
    )
    assert unsupported_numbers("The MPC voted five to four.", list(passages(RATE).values())) == []
    assert unsupported_numbers("Bank Rate fell to 4 per cent.", list(passages(RATE).values())) == []


def test_hedged_number_gets_a_tolerance_but_a_plain_one_does_not() -> None:
    ps = list(passages("The outage cost the airline $502m, it said.").values())
    assert unsupported_numbers("The outage cost the airline about $500m.", ps) == []
    assert unsupported_numbers("The outage cost the airline $500m.", ps) == ["$500m"]


def test_invented_name_is_dropped() -> None:
    v = verdict(
        "Chancellor Rachel Reeves welcomed the cut in Bank Rate to 4% by the Bank of England.",
        passages(RATE),
    )
    assert (v.kept, v.reason) == (False, "unsupported-name")
    assert "Rachel Reeves" in v.detail


def test_names_match_partially_by_initials_and_by_cited_outlet() -> None:
    ps = list(passages(RATE, SAVING).values())
    assert unsupported_names("The MPC cut Bank Rate.", ps) == []  # initials of the committee
    assert unsupported_names("England's central bank cut rates.", ps) == []
    assert unsupported_names("The Harbour Post reported the cut.", ps, {"Harbour Post"}) == []
    assert unsupported_names("The ECB cut rates.", ps) == ["ECB"]


def test_unknown_or_missing_passage_ids_are_dropped() -> None:
    ps = passages(RATE)
    assert verdict("The Bank cut Bank Rate to 4%.", ps, ids=(1, 7)).reason == "unknown-passage"
    assert verdict("The Bank cut Bank Rate to 4%.", ps, ids=()).reason == "unknown-passage"


def test_invented_claim_without_dates_numbers_or_names_is_low_overlap() -> None:
    v = verdict(
        "Businesses across the country welcomed the decision as a boost to growth.", passages(RATE)
    )
    assert (v.kept, v.reason) == (False, "low-overlap")
    assert v.overlap < MIN_OVERLAP


def test_citing_the_wrong_passage_is_caught() -> None:
    # True of passage 1, but the sentence cites passage 2 only.
    ps = passages(RATE, SAVING)
    v = verdict(
        "The Monetary Policy Committee voted by five to four to cut Bank Rate.", ps, ids=(2,)
    )
    assert not v.kept


def test_overlap_is_recall_of_content_words() -> None:
    assert overlap("Bank Rate was cut.", [RATE]) == 1.0
    assert overlap("Savers lose interest.", [RATE]) == 0.0
    assert overlap("Bank Rate was cut and savers lose money.", [RATE]) == 0.5


def test_calibration_set_meets_the_documented_rates() -> None:
    """verify.MIN_OVERLAP's comment: 22/24 supported pairs kept, 20/24 unsupported dropped."""
    kept_supported = dropped_unsupported = 0
    for pair in PAIRS:
        ps = passages(*pair.passages, published=pair.published_at, outlet="Outlet")
        v = verdict(pair.sentence, ps, ids=tuple(ps), now=pair.published_at)
        kept_supported += pair.supported and v.kept
        dropped_unsupported += (not pair.supported) and not v.kept
        if pair.kind in {"date", "number", "name"}:
            assert v.reason == f"unsupported-{pair.kind}", pair.sentence
    assert sum(p.supported for p in PAIRS) == 24
    assert kept_supported == 22
    assert dropped_unsupported == 20


@pytest.mark.parametrize("text", ["", "   "])
def test_sentence_without_words_never_passes(text: str) -> None:
    assert not verdict(text, passages(RATE)).kept
