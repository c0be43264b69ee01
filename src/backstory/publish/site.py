"""Build the static site from the store: every page as a file, links relative.

The file layout mirrors the app's routes (``/explainers/<id>`` is
``explainers/<id>.html``), so the same templates serve both and a built site can be put
on any static host, or opened from disk.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from backstory.errors import PublishError
from backstory.models import Article, Explainer
from backstory.publish import pages
from backstory.publish.feeds import atom_feed, rss_feed
from backstory.publish.links import Links
from backstory.publish.render import static_text

#: Base URL written into feeds (which need absolute links) when none is given.
DEFAULT_BASE_URL = "http://localhost:8000/"
#: Environment variable for the public base URL of the built site.
BASE_URL_ENV = "BACKSTORY_SITE_URL"
#: Most explainers a build includes (newest first); the store's listing is bounded too.
BUILD_LIMIT = 1000
#: Characters of each explainer's text kept in the static search index.
INDEX_TEXT_CHARS = 4000


class _Writer:
    """Writes pages under ``out_dir`` and remembers them; refuses paths outside it."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.written: list[Path] = []

    def links(self, rel: str) -> Links:
        depth = rel.count("/")
        return Links(root="../" * depth, static=True)

    def write(self, rel: str, content: str | bytes) -> None:
        path = (self.out_dir / rel).resolve()
        if self.out_dir not in path.parents:
            raise PublishError("page path escapes the output folder", subject=rel)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            if isinstance(content, bytes):
                tmp.write_bytes(content)
            else:
                tmp.write_text(content, encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            raise PublishError(
                f"cannot write page: {exc.strerror or exc}", subject=str(path)
            ) from None
        self.written.append(path)


def _index_entry(e: Explainer) -> dict[str, str]:
    text = " ".join(item.text for item in e.items())[:INDEX_TEXT_CHARS]
    summary = e.standfirst[0].text if e.standfirst else ""
    return {
        "id": e.id,
        "title": e.headline,
        "summary": summary,
        "category": e.category,
        "text": text,
        "url": f"explainers/{e.id}.html",
    }


def build_site(store: Any, out_dir: Path, *, base_url: str | None = None) -> list[Path]:
    """Write the whole site under ``out_dir``; returns the files written.

    ``base_url`` (or $BACKSTORY_SITE_URL) is the public address, used only in the feeds.
    """
    out = _Writer(Path(out_dir))
    base = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not base.endswith("/"):
        base += "/"
    absolute = Links(root=base, static=True)
    latest: list[Explainer] = list(store.explainers(limit=BUILD_LIMIT))
    for e in latest:
        pages.check_id(e.id, "explainer id")

    # explainer pages, every stored version, and who cites each source
    citing: dict[str, list[Explainer]] = {}
    for e in latest:
        versions = list(store.versions(e.id))
        all_versions = [e]
        for info in versions:
            if info.version != e.version:
                older = store.explainer_version(e.id, info.version)
                if older is not None:
                    all_versions.append(older)
        for version in all_versions:
            articles = _articles(store, version)
            is_latest = version.version == e.version
            rel = f"explainers/{e.id}/v/{version.version}.html"
            html = pages.explainer_page(
                version, articles, out.links(rel), versions=versions, latest=e.version
            )
            out.write(rel, html)
            if is_latest:
                rel = f"explainers/{e.id}.html"
                out.write(rel, pages.explainer_page(e, articles, out.links(rel), versions=versions))
            for ref in version.sources:
                bucket = citing.setdefault(ref.id, [])
                if all(x is not version for x in bucket):
                    bucket.append(version)
        rel = f"explainers/{e.id}/versions.html"
        out.write(rel, pages.versions_page(e, versions, out.links(rel)))

    for source_id, cited_by in citing.items():
        if not pages.SAFE_ID.match(source_id):
            raise PublishError("not a valid source id", subject=repr(source_id[:80]))
        article = store.get_article(source_id)
        if article is None:
            continue  # the explainer still lists it; there is just no text page to show
        rel = f"sources/{source_id}.html"
        # highlight what the latest versions cite, and older versions' passages too
        out.write(rel, pages.source_page(article, cited_by, out.links(rel)))

    out.write("index.html", pages.home_page(latest, out.links("index.html")))
    for c in pages.categories_of(latest):
        rel = f"category/{c}.html"
        out.write(rel, pages.category_page(c, latest, out.links(rel)))
        out.write(
            f"category/{c}/feed.xml",
            rss_feed(latest, absolute, category=c, self_url=absolute.category_feed(c)),
        )
        out.write(
            f"category/{c}/atom.xml",
            atom_feed(latest, absolute, category=c, self_url=absolute.category_atom(c)),
        )
    out.write("feed.xml", rss_feed(latest, absolute, self_url=absolute.feed()))
    out.write("atom.xml", atom_feed(latest, absolute, self_url=absolute.atom()))
    out.write(
        "search.html",
        pages.search_page(out.links("search.html"), explainers=latest, static_index=True),
    )
    out.write(
        "search-index.json",
        json.dumps([_index_entry(e) for e in latest], ensure_ascii=False, separators=(",", ":")),
    )
    out.write("about.html", pages.about_page(out.links("about.html")))
    out.write(
        "404.html",
        pages.error_page("Page not found", "There is no page here.", Links(root="/", static=True)),
    )
    for name in ("style.css", "site.js"):
        out.write(f"static/{name}", static_text(name))
    return out.written


def _articles(store: Any, explainer: Explainer) -> Sequence[Article]:
    return list(store.articles(ids=[s.id for s in explainer.sources]))
