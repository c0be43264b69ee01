"""URLs of the site's pages, for the static build (relative files) and the app (routes).

One object so that every template links the same way in both modes, and the static
build's relative links stay correct at any directory depth.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (never a javascript: link)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(ch in url for ch in "\x00\r\n\t<>\"'`") or any(ord(ch) < 32 for ch in url):
        return None
    return url.strip()


@dataclass(frozen=True)
class Links:
    """Page URLs: ``static`` gives ``.html`` files under ``root`` (a relative prefix)."""

    root: str = "/"
    static: bool = False

    def _page(self, path: str) -> str:
        return f"{self.root}{path}.html" if self.static else f"{self.root}{path}"

    def home(self) -> str:
        return f"{self.root}index.html" if self.static else self.root

    def category(self, category: str) -> str:
        return self._page(f"category/{category}")

    def explainer(self, explainer_id: str) -> str:
        return self._page(f"explainers/{explainer_id}")

    def versions(self, explainer_id: str) -> str:
        return self._page(f"explainers/{explainer_id}/versions")

    def version(self, explainer_id: str, version: int) -> str:
        return self._page(f"explainers/{explainer_id}/v/{version}")

    def source(self, source_id: str, start: int | None = None, end: int | None = None) -> str:
        page = self._page(f"sources/{source_id}")
        return f"{page}#p-{start}-{end}" if start is not None else page

    def search(self) -> str:
        return self._page("search")

    def about(self) -> str:
        return self._page("about")

    def feed(self) -> str:
        return f"{self.root}feed.xml"

    def atom(self) -> str:
        return f"{self.root}atom.xml"

    def category_feed(self, category: str) -> str:
        return f"{self.root}category/{category}/feed.xml"

    def category_atom(self, category: str) -> str:
        return f"{self.root}category/{category}/atom.xml"

    def static_file(self, name: str) -> str:
        return f"{self.root}static/{name}"

    def search_index(self) -> str:
        return f"{self.root}search-index.json"
