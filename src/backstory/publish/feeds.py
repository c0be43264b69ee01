"""RSS 2.0 and Atom feeds of the latest explainers, site-wide and per category (feedgen)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from backstory.models import Explainer
from backstory.publish.links import Links
from backstory.publish.render import SITE_NAME, SITE_TAGLINE

#: Entries per feed: feed readers only show the newest few.
FEED_LIMIT = 50


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _generator(
    explainers: Sequence[Explainer], links: Links, *, category: str | None, self_url: str
) -> FeedGenerator:
    """``links`` must be absolute (root is the site's base URL) for feed readers."""
    label = ("UK" if category == "uk" else category.title()) if category else None
    title = f"{SITE_NAME}: {label}" if label else f"{SITE_NAME}: latest explainers"
    home = links.category(category) if category else links.home()
    chosen = sorted(
        (e for e in explainers if category is None or e.category == category),
        key=lambda e: e.updated,
        reverse=True,
    )[:FEED_LIMIT]
    fg = FeedGenerator()
    fg.id(home)
    fg.title(title)
    fg.subtitle(SITE_TAGLINE)
    fg.link(href=home, rel="alternate")
    fg.link(href=self_url, rel="self")
    fg.language("en-GB")
    fg.generator(SITE_NAME)
    latest = max((e.updated for e in chosen), default=datetime(2000, 1, 1, tzinfo=UTC))
    fg.updated(_aware(latest))
    fg.lastBuildDate(_aware(latest))
    for e in chosen:
        url = links.explainer(e.id)
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.guid(f"{url}#v{e.version}", permalink=False)
        entry.title(e.headline)
        entry.link(href=url)
        summary = " ".join(item.text for item in e.standfirst) or e.headline
        entry.summary(summary)
        entry.description(summary)
        entry.published(_aware(e.published))
        entry.updated(_aware(e.updated))
        entry.category(term=e.category)
    return fg


def rss_feed(
    explainers: Sequence[Explainer], links: Links, *, self_url: str, category: str | None = None
) -> bytes:
    """RSS 2.0 XML of the newest explainers (optionally of one category)."""
    return _generator(explainers, links, category=category, self_url=self_url).rss_str(pretty=True)


def atom_feed(
    explainers: Sequence[Explainer], links: Links, *, self_url: str, category: str | None = None
) -> bytes:
    """Atom XML of the newest explainers (optionally of one category)."""
    return _generator(explainers, links, category=category, self_url=self_url).atom_str(pretty=True)
