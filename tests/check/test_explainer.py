"""The composer's gate: citations verbatim in their sources, dates supported, page rules."""

# ruff: noqa: E501  (fixture prose reads better unbroken)
from __future__ import annotations

from datetime import UTC, datetime

from backstory.check import check_explainer
from backstory.models import Article, Citation, Explainer, Item, Section, SourceRef

WHEN = datetime(2025, 12, 22, 6, tzinfo=UTC)
SOURCE = Article(
    id="s1",
    title="How the invasion began",
    outlet="Example World Desk",
    published=datetime(2025, 2, 24, 8, tzinfo=UTC),
    text=(
        "Russia launched its full-scale invasion of Ukraine on 24 February 2022. "
        "Missiles struck Kyiv and Kharkiv in the early hours."
    ),
)


def _explainer(quote: str, start: int, label: str = "24 February 2022") -> Explainer:
    cite = Citation(source="s1", quote=quote, start=start, end=start + len(quote))
    return Explainer(
        id="x1",
        created=WHEN,
        published=WHEN,
        updated=WHEN,
        headline="How Russia's invasion of Ukraine began",
        standfirst=(
            Item(
                text="Russia launched its full-scale invasion of Ukraine, and missiles struck Kyiv and Kharkiv in the early hours.",
                citations=(cite,),
            ),
        ),
        sections=(
            Section(
                key="timeline",
                heading="Timeline: how we got here",
                items=(
                    Item(
                        text="Russia launches its full-scale invasion of Ukraine.",
                        label=label,
                        citations=(cite,),
                    ),
                ),
            ),
        ),
        sources=(
            SourceRef(
                id="s1", title=SOURCE.title, outlet=SOURCE.outlet, published=SOURCE.published
            ),
        ),
    )


QUOTE = "Russia launched its full-scale invasion of Ukraine on 24 February 2022."


def test_grounded_explainer_passes() -> None:
    report = check_explainer(_explainer(QUOTE, 0), [SOURCE], now=WHEN)
    assert report.errors == ()


def test_citation_not_at_its_offsets_or_not_in_source() -> None:
    shifted = check_explainer(_explainer(QUOTE, 3), [SOURCE], now=WHEN)
    assert {f.code for f in shifted.errors} == {"citation-not-verbatim"}
    assert all("not at the cited offsets" in f.message for f in shifted.errors)
    invented = "Russia invaded Ukraine in February 2020."
    report = check_explainer(_explainer(invented, 0), [SOURCE], now=WHEN)
    bad = [f for f in report.errors if f.code == "citation-not-verbatim"]
    assert bad and all(f.evidence == f"quote: {invented}" for f in bad)
    # The finding quotes the explainer's own item as it appears on the page.
    assert {f.quote for f in bad} == {
        "Russia launched its full-scale invasion of Ukraine, and missiles struck Kyiv and Kharkiv in the early hours.",
        "Russia launches its full-scale invasion of Ukraine.",
    }


def test_wrong_date_in_explainer_contradicts_source() -> None:
    report = check_explainer(_explainer(QUOTE, 0, label="24 February 2020"), [SOURCE], now=WHEN)
    assert [(f.code, f.quote) for f in report.errors] == [
        ("date-contradicts-source", "24 February 2020")
    ]


def test_explainer_check_reusing_the_analyses_finds_exactly_the_same() -> None:
    """The pipeline hands the checker its analyses to save work; findings must not change."""
    from datetime import UTC, datetime
    from pathlib import Path

    from backstory.analyse import analyse_article
    from backstory.check import check_explainer
    from backstory.ingest import ingest
    from backstory.pipeline import explain_articles

    root = Path(__file__).resolve().parents[2] / "examples"
    for story, now in (
        ("crowdstrike-outage-2024", datetime(2024, 11, 30, tzinfo=UTC)),
        ("ukraine-peace-talks-2025", datetime(2026, 2, 1, tzinfo=UTC)),
    ):
        articles = list(ingest([str(root / story)]).articles)
        explainer = _with_planted_errors(explain_articles(articles, now=now))
        analyses = [analyse_article(a) for a in articles]
        plain = check_explainer(explainer, articles, now=now)
        reused = check_explainer(explainer, articles, now=now, analyses=analyses)
        assert plain.findings == reused.findings
        # Our own pages draw no findings, so the compared findings come from planted errors.
        assert {f.quote for f in plain.findings} >= {"24 February 2020", "987,654 jobs"}


def _with_planted_errors(explainer: Explainer) -> Explainer:
    """Two copies of the first timeline item: one with a wrong date label, one with a figure
    no source gives."""
    timeline = next(s for s in explainer.sections if s.key == "timeline")
    first = timeline.items[0]
    planted = (
        first.model_copy(update={"label": "24 February 2020"}),
        first.model_copy(update={"text": first.text + " It cost 987,654 jobs."}),
    )
    sections = tuple(
        s.model_copy(update={"items": s.items + planted}) if s is timeline else s
        for s in explainer.sections
    )
    return explainer.model_copy(update={"sections": sections})


ANAPHORA = Article(
    id="s2",
    title="Inside the embassy",
    outlet="Example Investigations",
    published=datetime(2020, 5, 13, 8, tzinfo=UTC),
    text=(
        "The guard arrived at the embassy on 3 December 2017. "
        "On the 10th of that month, he sent a series of emails to his employer."
    ),
)


def test_a_date_the_source_gives_only_in_context_is_supported() -> None:
    """ "the 10th of that month" is 10 December 2017 in its article (the analyse stage reads
    it so), though alone it would be the 10th of the publication month."""
    from backstory.analyse import analyse_article

    quote = "On the 10th of that month, he sent a series of emails to his employer."
    start = ANAPHORA.text.index(quote)
    cite = Citation(source="s2", quote=quote, start=start, end=start + len(quote))
    explainer = Explainer(
        id="x2",
        created=WHEN,
        published=WHEN,
        updated=WHEN,
        headline="Inside the embassy",
        sections=(
            Section(
                key="timeline",
                heading="Timeline: how we got here",
                items=(Item(text=quote, label="10 December 2017", citations=(cite,)),),
            ),
        ),
        sources=(SourceRef.of(ANAPHORA),),
    )
    report = check_explainer(explainer, [ANAPHORA], now=WHEN, analyses=[analyse_article(ANAPHORA)])
    assert report.errors == ()
    wrong = explainer.model_copy(
        update={
            "sections": (
                explainer.sections[0].model_copy(
                    update={
                        "items": (Item(text=quote, label="10 November 2017", citations=(cite,)),)
                    }
                ),
            )
        }
    )
    report = check_explainer(wrong, [ANAPHORA], now=WHEN, analyses=[analyse_article(ANAPHORA)])
    assert report.errors != ()
