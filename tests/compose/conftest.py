"""Fixtures for the compose tests: hand-written articles and the bundled example stories."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from backstory.analyse import ArticleAnalysis, analyse_article
from backstory.compose import ComposeRequest, load_audience
from backstory.models import Article, article_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def make_article(
    text: str,
    published: str,
    outlet: str = "Test Outlet",
    title: str | None = None,
    key: str | None = None,
) -> Article:
    """An article whose text is ``text`` exactly, published at ISO time ``published``."""
    key = key or f"{outlet}:{published}:{text[:40]}"
    return Article(
        id=article_id(key),
        title=title or text.split(".")[0][:80],
        text=text,
        outlet=outlet,
        url=f"https://{outlet.lower().replace(' ', '')}.example/{article_id(key)}",
        published=datetime.fromisoformat(published),
    )


def read_example_txt(path: Path) -> Article:
    """A sample story's .txt file: a Title/Outlet/URL/Published header, a blank line, the body."""
    raw = path.read_text(encoding="utf-8")
    head, _, body = raw.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    url = meta.get("url")
    return Article(
        id=article_id(url or str(path)),
        title=meta.get("title", path.stem),
        text=body.strip(),
        outlet=meta.get("outlet", ""),
        url=url,
        published=datetime.fromisoformat(meta["published"]) if meta.get("published") else None,
    )


def read_example_html(path: Path) -> Article | None:
    """A sample story's .html page through the ingest stage's extractor (None without it)."""
    try:
        from backstory.ingest.html import parse_html
    except ImportError:  # pragma: no cover - the ingest stage ships with the package
        return None
    return parse_html(path.read_bytes(), url=None, origin=str(path))


def example_stories() -> dict[str, list[Article]]:
    """Every example story (its .txt and .html articles), by folder name."""
    stories = {}
    for folder in sorted(p for p in EXAMPLES.glob("*") if p.is_dir()):
        articles = [read_example_txt(p) for p in sorted(folder.glob("*.txt"))]
        articles += [a for p in sorted(folder.glob("*.html")) if (a := read_example_html(p))]
        if articles:
            stories[folder.name] = articles
    return stories


def request_for(
    articles: list[Article] | list[ArticleAnalysis],
    now: str | datetime,
    previous=None,
    audience: str = "uk",
) -> ComposeRequest:
    analyses = tuple(a if isinstance(a, ArticleAnalysis) else analyse_article(a) for a in articles)
    when = datetime.fromisoformat(now) if isinstance(now, str) else now
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return ComposeRequest(
        analyses=analyses,
        audience=load_audience(audience),
        now=when,
        explainer_id="xtest",
        previous=previous,
    )


@pytest.fixture(scope="session")
def stories() -> dict[str, list[Article]]:
    return example_stories()
