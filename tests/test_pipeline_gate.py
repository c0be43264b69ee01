"""The composer's gate in the pipeline: an item goes only when an error lies on its own line."""

from __future__ import annotations

from datetime import UTC, datetime

from backstory.models import Article, Citation, Explainer, Item, Section, SourceRef
from backstory.pipeline import _enforce_check

WHEN = datetime(2026, 3, 6, 9, tzinfo=UTC)
# The first sentence carries the source's own typo (2027 for 2026), which the gate must catch.
TEXT = (
    "The council approved the transport budget on 3 March 2027. "
    "The budget takes effect on 3 March 2027, the council said."
)
SOURCE = Article(
    id="s1",
    title="Council approves transport budget",
    outlet="Example Local News",
    published=datetime(2026, 3, 5, 8, tzinfo=UTC),
    text=TEXT,
)


def _cite(sentence: str) -> Citation:
    start = TEXT.index(sentence)
    return Citation(source="s1", quote=sentence, start=start, end=start + len(sentence))


APPROVED = "The council approved the transport budget on 3 March 2027."
RUNS = "The budget takes effect on 3 March 2027, the council said."


def _explainer() -> Explainer:
    return Explainer(
        id="x1",
        created=WHEN,
        published=WHEN,
        updated=WHEN,
        headline="Council approves transport budget",
        sections=(
            Section(
                key="takeaways",
                heading="Key takeaways",
                items=(Item(text=RUNS, citations=(_cite(RUNS),)),),
            ),
            Section(
                key="timeline",
                heading="Timeline: how we got here",
                items=(Item(text=APPROVED, label="3 March 2027", citations=(_cite(APPROVED),)),),
            ),
        ),
        sources=(SourceRef.of(SOURCE),),
    )


def test_only_the_item_on_the_flagged_line_is_dropped() -> None:
    checked = _enforce_check(_explainer(), [SOURCE], WHEN)
    by_key = {s.key: s for s in checked.sections}
    # "3 March 2027" is flagged on the timeline line; the takeaway that also says it stays
    assert [i.text for i in by_key["takeaways"].items] == [RUNS]
    assert by_key["timeline"].items == ()
    assert by_key["timeline"].note == "No statement here passed the checks against the sources."
    [dropped] = checked.provenance.dropped
    assert dropped.text == APPROVED and dropped.section == "timeline"
    assert "past-tense-future-event" in dropped.reason.split(",")
    assert len(dropped.reason.split(",")) == len(set(dropped.reason.split(",")))
