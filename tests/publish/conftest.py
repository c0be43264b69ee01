"""A hand-written story for the publish tests: the Bank of England's rate cut of 7 August 2025.

The two articles are written for this project; every citation's quote is located in its
article's text so that ``article.text[start:end] == quote`` holds by construction.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backstory.models import (
    Article,
    Citation,
    Explainer,
    Item,
    ItemChange,
    Provenance,
    Section,
    SourceRef,
    VersionDiff,
    article_id,
)

LEDGER_TEXT = (
    "The Bank of England cut interest rates to 4% on Thursday, taking borrowing costs to "
    "their lowest level since early 2023.\n\n"
    "The Monetary Policy Committee split five votes to four. For the first time in its "
    "history the committee needed a second round of voting to reach a majority, after one "
    "member first backed a larger half-point cut.\n\n"
    "Four members wanted to hold Bank Rate at 4.25%. Governor Andrew Bailey said future "
    "cuts would be gradual and careful.\n\n"
    "Consumer price inflation rose to 3.6% in June, and the Bank now expects it to peak at "
    "4% in September before easing next year.\n\n"
    "It was the fifth cut since August 2024, when the Bank lowered rates from 5.25% to 5%."
)

COURIER_TEXT = (
    "Mortgage lenders began trimming fixed-rate deals on Friday, a day after the Bank of "
    "England lowered Bank Rate to 4%.\n\n"
    "Homeowners on tracker mortgages will see their monthly payments fall almost at once, "
    "while those on fixed deals will only feel the change when they remortgage.\n\n"
    "Savers face lower returns as banks pass the cut on to easy-access accounts.\n\n"
    "Economists said a further reduction before the end of the year was possible but far "
    "from certain, because wage growth remains strong."
)


def make_articles() -> list[Article]:
    ledger = Article(
        id=article_id("https://ledger.example/economy/boe-cuts-rates-to-4"),
        title="Bank of England cuts rates to 4% after knife-edge vote",
        text=LEDGER_TEXT,
        outlet="The Ledger",
        url="https://ledger.example/economy/boe-cuts-rates-to-4",
        published=datetime(2025, 8, 7, 12, 30, tzinfo=UTC),
    )
    courier = Article(
        id=article_id("https://courier.example/money/mortgages-after-rate-cut"),
        title="What the rate cut means for mortgages and savings",
        text=COURIER_TEXT,
        outlet="Northern Courier",
        url="https://courier.example/money/mortgages-after-rate-cut",
        published=datetime(2025, 8, 8, 9, 0, tzinfo=UTC),
    )
    return [ledger, courier]


def cite(article: Article, quote: str) -> Citation:
    start = article.text.index(quote)
    return Citation(source=article.id, quote=quote, start=start, end=start + len(quote))


def ref(article: Article) -> SourceRef:
    return SourceRef(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
    )


def make_explainer(articles: list[Article] | None = None, version: int = 2) -> Explainer:
    ledger, courier = articles or make_articles()
    cut = cite(ledger, "The Bank of England cut interest rates to 4% on Thursday")
    split = cite(ledger, "The Monetary Policy Committee split five votes to four.")
    second = cite(
        ledger,
        "For the first time in its history the committee needed a second round of voting",
    )
    hold = cite(ledger, "Four members wanted to hold Bank Rate at 4.25%.")
    bailey = cite(ledger, "Governor Andrew Bailey said future cuts would be gradual and careful.")
    cpi = cite(ledger, "Consumer price inflation rose to 3.6% in June")
    peak = cite(ledger, "the Bank now expects it to peak at 4% in September")
    fifth = cite(
        ledger,
        "It was the fifth cut since August 2024, when the Bank lowered rates from 5.25% to 5%.",
    )
    fixed = cite(courier, "Mortgage lenders began trimming fixed-rate deals on Friday")
    tracker = cite(
        courier,
        "Homeowners on tracker mortgages will see their monthly payments fall almost at once",
    )
    savers = cite(
        courier, "Savers face lower returns as banks pass the cut on to easy-access accounts."
    )
    further = cite(
        courier,
        "Economists said a further reduction before the end of the year was possible but far "
        "from certain, because wage growth remains strong.",
    )

    def item(text: str, *cs: Citation, label: str | None = None, date: str | None = None) -> Item:
        return Item(text=text, citations=cs, label=label, date=date)

    def sub(key: str, heading: str, *items: Item, note: str | None = None) -> Section:
        return Section(key=key, heading=heading, items=items, note=note)

    sections = (
        Section(
            key="now",
            heading="What's happening now",
            items=(
                item(
                    "Lenders started cutting fixed mortgage rates the day after the decision.",
                    fixed,
                ),
                item("The Bank of England cut Bank Rate to 4% on 7 August 2025.", cut),
            ),
        ),
        Section(
            key="takeaways",
            heading="Key takeaways",
            items=(
                item("Bank Rate fell to 4%, its lowest since early 2023.", cut),
                item("The committee needed a second vote for the first time.", second, split),
                item("The Bank expects inflation to peak at 4% in September.", peak),
            ),
        ),
        Section(
            key="timeline",
            heading="Timeline: how we got here",
            items=(
                item(
                    "The Bank made its first cut, from 5.25% to 5%.",
                    fifth,
                    label="August 2024",
                    date="2024-08",
                ),
                item(
                    "Consumer price inflation rose to 3.6%.", cpi, label="June 2025", date="2025-06"
                ),
                item(
                    "Bank Rate was cut to 4% after a 5-4 vote.",
                    cut,
                    split,
                    label="7 August 2025",
                    date="2025-08-07",
                ),
                item("Lenders began trimming fixed-rate deals.", fixed, date="2025-08-08"),
            ),
        ),
        Section(
            key="new_vs_known",
            heading="What's new vs what's known",
            subsections=(
                sub("new", "New this week", item("Rates were cut to 4% on 7 August 2025.", cut)),
                sub(
                    "known",
                    "What was already established",
                    item("Rates have been falling since August 2024.", fifth),
                ),
            ),
        ),
        Section(
            key="impact",
            heading="Impact for the UK",
            subsections=(
                sub(
                    "consumers",
                    "Consumers and households",
                    item("Tracker mortgage payments fall almost at once.", tracker),
                    item("Savers will earn less on easy-access accounts.", savers),
                ),
                sub(
                    "business",
                    "Businesses and jobs",
                    note="No source yet discusses the effect on UK businesses and jobs.",
                ),
                sub(
                    "policy",
                    "Policy and regulation",
                    item("Future cuts are expected to be gradual and careful.", bailey),
                ),
            ),
        ),
        Section(
            key="numbers",
            heading="Numbers that matter",
            items=(
                item("Bank Rate after the cut.", cut, label="4%"),
                item("Rate four members wanted to keep.", hold, label="4.25%"),
                item("Consumer price inflation in June 2025.", cpi, label="3.6%"),
                item("Members who voted for the cut.", split, label="5 of 9"),
            ),
        ),
        Section(
            key="definitions",
            heading="Definitions and jargon buster",
            items=(
                item(
                    "The nine-member Bank of England committee that sets interest rates.",
                    split,
                    label="Monetary Policy Committee",
                ),
                item(
                    "The Bank of England's main interest rate, which lenders follow.",
                    hold,
                    label="Bank Rate",
                ),
            ),
        ),
        Section(
            key="next_steps",
            heading="How to think about the next steps",
            subsections=(
                sub(
                    "near_term",
                    "Near term (0-4 weeks)",
                    item("More lenders may trim fixed-rate deals.", fixed),
                ),
                sub(
                    "medium_term",
                    "Medium term (1-6 months)",
                    item("Another cut before the end of 2025 is possible but uncertain.", further),
                ),
                sub(
                    "signals",
                    "Signals to watch",
                    item("Inflation's expected peak of 4% in September.", peak, date="2025-09"),
                ),
            ),
        ),
        Section(
            key="guidance",
            heading="Practical guidance",
            note="No source gives practical guidance for readers yet.",
        ),
        Section(
            key="risks",
            heading="Risks, caveats, and uncertainties",
            items=(
                item("Strong wage growth could hold back further cuts.", further),
                item("Four of nine members wanted no cut at all.", hold),
            ),
        ),
        Section(
            key="bottom_line",
            heading="Bottom line",
            items=(
                item(
                    "Borrowing is cheaper, saving pays less, and the next cut is not guaranteed.",
                    cut,
                    further,
                ),
            ),
        ),
        Section(
            key="faqs",
            heading="FAQs",
            items=(
                item(
                    "Tracker payments fall almost at once; fixed deals change at remortgage.",
                    tracker,
                    label="Will my mortgage get cheaper?",
                ),
            ),
        ),
    )
    changes = None
    if version > 1:
        changes = VersionDiff(
            previous_version=version - 1,
            items=(
                ItemChange(
                    section="now",
                    change="added",
                    text="Lenders started cutting fixed mortgage rates the day after the decision.",
                ),
            ),
            sources_added=(courier.id,),
        )
    return Explainer(
        id="boe-rate-cut-august-2025",
        story_id="s-boe-aug-2025",
        version=version,
        created=datetime(2025, 8, 8, 10, 0, tzinfo=UTC)
        if version > 1
        else datetime(2025, 8, 7, 13, 0, tzinfo=UTC),
        published=datetime(2025, 8, 7, 13, 0, tzinfo=UTC),
        updated=datetime(2025, 8, 8, 10, 0, tzinfo=UTC)
        if version > 1
        else datetime(2025, 8, 7, 13, 0, tzinfo=UTC),
        audience="uk",
        category="business",
        headline="Why the Bank of England cut rates to 4%, and what it means for you",
        standfirst=(
            item(
                "The Bank of England cut interest rates to 4% after a vote so close it "
                "needed a second round.",
                cut,
                second,
            ),
            item("Mortgage lenders moved within a day.", fixed),
        ),
        sections=sections,
        sources=(ref(ledger), ref(courier)),
        provenance=Provenance(composer="extractive"),
        changes=changes,
    )


@pytest.fixture
def articles() -> list[Article]:
    return make_articles()


@pytest.fixture
def explainer(articles: list[Article]) -> Explainer:
    return make_explainer(articles)


def second_explainer(articles: list[Article]) -> Explainer:
    """A second, single-version explainer in another category, for listings and feeds."""
    base = make_explainer(articles, version=1)
    return base.model_copy(
        update={
            "id": "mortgage-deals-after-rate-cut",
            "story_id": "s-mortgages-aug-2025",
            "category": "uk",
            "headline": "Mortgage lenders trim fixed deals after the rate cut",
            "created": datetime(2025, 8, 8, 11, 0, tzinfo=UTC),
            "published": datetime(2025, 8, 8, 11, 0, tzinfo=UTC),
            "updated": datetime(2025, 8, 8, 11, 0, tzinfo=UTC),
        }
    )


@pytest.fixture
def store(tmp_path, articles):
    """A real SQLite store holding both explainers (the rate-cut one in two versions)."""
    from backstory.store import open_store

    s = open_store(str(tmp_path / "publish.db"))
    s.add_articles(articles)
    s.save_explainer(make_explainer(articles, version=1))
    s.save_explainer(make_explainer(articles, version=2))
    s.save_explainer(second_explainer(articles))
    yield s
    s.close()
