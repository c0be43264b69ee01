"""The site's pages as HTML strings, shared by the static build and the web app.

Each function takes what the page shows and a :class:`Links`; where the data comes from
(a store read once for a build, or per request) is the caller's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from backstory.errors import PublishError
from backstory.models import CATEGORIES, Article, Explainer
from backstory.publish.links import Links
from backstory.publish.render import render_html, render_page, source_paragraphs

#: Ids that may appear in a URL path or a file name: no dots first, no slashes, bounded.
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")
#: Categories are short lowercase words (CATEGORIES, or a custom audience's).
SAFE_CATEGORY = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
#: Explainers per category on the front page.
HOME_PER_CATEGORY = 6


def check_id(value: str, what: str = "id") -> str:
    """``value`` when it is safe in a path; a PublishError otherwise (no traversal)."""
    if not SAFE_ID.match(value):
        raise PublishError(f"not a valid {what}", subject=repr(value[:80]))
    return value


def categories_of(explainers: Iterable[Explainer]) -> list[str]:
    """Known categories in their usual order, then any custom ones that are in use."""
    used = {e.category for e in explainers}
    extra = sorted(c for c in used if c not in CATEGORIES and SAFE_CATEGORY.match(c))
    return [*CATEGORIES, *extra]


def home_page(explainers: Sequence[Explainer], links: Links) -> str:
    ordered = sorted(explainers, key=lambda e: e.updated, reverse=True)
    lead = ordered[0] if ordered else None
    groups: list[tuple[str, list[Explainer]]] = []
    for c in categories_of(ordered):
        items = [e for e in ordered[1:] if e.category == c][:HOME_PER_CATEGORY]
        if items:
            groups.append((c, items))
    return render_page(
        "index.html",
        links=links,
        title="Latest explainers",
        lead=lead,
        groups=groups,
        active="home",
    )


def category_page(category: str, explainers: Sequence[Explainer], links: Links) -> str:
    label = "UK" if category == "uk" else category.title()
    return render_page(
        "category.html",
        links=links,
        title=label,
        category=category,
        explainers=[e for e in explainers if e.category == category],
        active=category,
    )


def explainer_page(
    explainer: Explainer,
    articles: Sequence[Article],
    links: Links,
    *,
    versions: Sequence[Any] | None = None,
    latest: int | None = None,
) -> str:
    notice = None
    if latest is not None and latest != explainer.version:
        notice = f"You are reading version {explainer.version}; the latest is version {latest}."
    return render_html(
        explainer, articles, standalone=False, versions=versions, links=links, notice=notice
    )


def versions_page(explainer: Explainer, versions: Sequence[Any], links: Links) -> str:
    return render_page(
        "versions.html",
        links=links,
        title=f"Versions: {explainer.headline}",
        e=explainer,
        versions=sorted(versions, key=lambda v: v.version, reverse=True),
    )


def cited_spans(article_id: str, explainers: Iterable[Explainer]) -> list[tuple[int, int]]:
    """Every span of ``article_id`` that any of ``explainers`` cites."""
    spans = set()
    for e in explainers:
        for item in e.items():
            for c in item.citations:
                if c.source == article_id:
                    spans.add((c.start, c.end))
    return sorted(spans)


def source_page(article: Article, citing: Sequence[Explainer], links: Links) -> str:
    """The article's text, escaped, with every passage the explainers cite in a <mark>."""
    return render_page(
        "source.html",
        links=links,
        title=article.title,
        article=article,
        paragraphs=source_paragraphs(article.text, cited_spans(article.id, citing)),
        citing=list({e.id: e for e in citing}.values()),
    )


def search_page(
    links: Links,
    *,
    query: str = "",
    hits: Sequence[Any] = (),
    explainers: Sequence[Explainer] = (),
    static_index: bool = False,
) -> str:
    return render_page(
        "search.html",
        links=links,
        title=f"Search: {query}" if query else "Search",
        query=query,
        hits=hits,
        explainers=explainers,
        static_index=static_index,
        active="search",
    )


def about_page(links: Links) -> str:
    return render_page("about.html", links=links, title="About", active="about")


def error_page(title: str, message: str, links: Links) -> str:
    return render_page("error.html", links=links, title=title, message=message)
