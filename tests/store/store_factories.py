"""Hand-written articles and explainers for the store tests (Bank of England, Sept 2023)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from backstory.models import (
    Article,
    Citation,
    Explainer,
    Item,
    ItemChange,
    Section,
    SourceRef,
    VersionDiff,
)

ARTICLE_TEXTS = [
    (
        "Bank of England holds rates at 5.25%",
        "The Bank of England kept its main interest rate at 5.25% on 21 September 2023, "
        "ending a run of fourteen consecutive rises that began in December 2021.",
    ),
    (
        "Rate pause follows surprise fall in inflation",
        "Consumer price inflation eased to 6.7% in August 2023, the Office for National "
        "Statistics said, a day before the Monetary Policy Committee met.",
    ),
    (
        "Committee split five to four",
        "Five members of the committee voted to hold and four voted for a further "
        "quarter-point increase, the minutes showed.",
    ),
]


def make_article(i: int, *, title: str | None = None, text: str | None = None) -> Article:
    base_title, base_text = ARTICLE_TEXTS[i % len(ARTICLE_TEXTS)]
    return Article(
        id=f"a{i:04d}",
        title=title or f"{base_title} ({i})",
        text=text or f"{base_text} Report number {i}.",
        outlet=f"Outlet {i % 5}",
        url=f"https://news{i % 5}.example/story/{i}",
        canonical_url=f"https://news{i % 5}.example/story/{i}",
        # A non-UTC offset on purpose: it must come back as the same instant.
        published=datetime(2023, 9, 1, 8, 30, tzinfo=timezone(timedelta(hours=1)))
        + timedelta(hours=i),
        updated=None,
        language="en",
        origin=f"examples/boe/{i}.html",
        summary_only=i % 2 == 1,
    )


def _cite(article: Article, quote: str) -> Citation:
    start = article.text.index(quote)
    return Citation(source=article.id, quote=quote, start=start, end=start + len(quote))


def make_explainer(
    explainer_id: str,
    version: int,
    articles: list[Article],
    *,
    headline: str = "Why the Bank of England paused its rate rises",
    extra_item: str | None = None,
    category: str = "business",
    created: datetime | None = None,
) -> Explainer:
    first = articles[0]
    created = created or datetime(2023, 9, 21, 12, 0, tzinfo=UTC) + timedelta(days=version - 1)
    items = [
        Item(
            text="The Bank held its main rate at 5.25% after fourteen rises.",
            citations=(_cite(first, "kept its main interest rate at 5.25%"),),
        )
    ]
    if extra_item:
        items.append(Item(text=extra_item, citations=(_cite(first, "fourteen consecutive"),)))
    changes = None
    if version > 1:
        changes = VersionDiff(
            previous_version=version - 1,
            items=(ItemChange(section="now", change="added", text=extra_item or "x"),),
            sources_added=(articles[-1].id,),
        )
    return Explainer(
        id=explainer_id,
        story_id="s-boe",
        version=version,
        created=created,
        published=datetime(2023, 9, 21, 12, 0, tzinfo=UTC),
        updated=created,
        category=category,
        headline=headline,
        sections=(
            Section(key="now", heading="What's happening now", items=tuple(items)),
            Section(key="timeline", heading="Timeline", note="No dated events in the sources."),
        ),
        sources=tuple(
            SourceRef(id=a.id, title=a.title, outlet=a.outlet, url=a.url, published=a.published)
            for a in articles
        ),
        changes=changes,
    )
