"""The static site build: pages written, no broken link, feeds and search index valid."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import lxml.html
import pytest

from backstory.errors import PublishError
from backstory.publish import build_site
from backstory.publish.pages import check_id

EID = "boe-rate-cut-august-2025"


@pytest.fixture
def site(store, tmp_path) -> tuple[Path, list[Path]]:
    out = tmp_path / "site"
    return out, build_site(store, out, base_url="https://news.example/")


def test_writes_every_page(site, articles):
    out, written = site
    rel = {str(p.relative_to(out)) for p in written}
    expected = {
        "index.html",
        "about.html",
        "search.html",
        "search-index.json",
        "feed.xml",
        "atom.xml",
        "static/style.css",
        "static/site.js",
        f"explainers/{EID}.html",
        f"explainers/{EID}/versions.html",
        f"explainers/{EID}/v/1.html",
        f"explainers/{EID}/v/2.html",
        "explainers/mortgage-deals-after-rate-cut.html",
        "category/business.html",
        "category/business/feed.xml",
        "category/uk/atom.xml",
        f"sources/{articles[0].id}.html",
        f"sources/{articles[1].id}.html",
    }
    assert expected <= rel
    assert all(p.is_file() for p in written)
    assert not list(out.rglob("*.tmp"))


def _links(page: Path) -> list[str]:
    doc = lxml.html.fromstring(page.read_bytes())
    return [el.get(attr) for el in doc.iter() for attr in ("href", "src") if el.get(attr)]


def test_no_broken_links(site):
    out, written = site
    checked = 0
    for page in written:
        if page.suffix != ".html":
            continue
        doc = lxml.html.fromstring(page.read_bytes())
        ids = {el.get("id") for el in doc.iter() if el.get("id")}
        for href in _links(page):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") or href == "data:,":
                continue  # external: original articles
            assert not parts.scheme, f"{page}: unexpected scheme in {href}"
            if not parts.path:
                assert parts.fragment in ids, f"{page}: dangling anchor {href}"
                continue
            base = out if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path.lstrip("/"))).resolve()
            assert target.is_file(), f"{page.relative_to(out)}: broken link {href}"
            if parts.fragment and target.suffix == ".html":
                tdoc = lxml.html.fromstring(target.read_bytes())
                assert tdoc.get_element_by_id(parts.fragment, None) is not None, href
            checked += 1
    assert checked > 100


def test_read_in_context_links_land_on_marked_passages(site, articles):
    out, _ = site
    page = out / "explainers" / f"{EID}.html"
    doc = lxml.html.fromstring(page.read_bytes())
    contexts = [a.get("href") for a in doc.iter("a") if a.text_content() == "Read in context"]
    assert len(contexts) == 12
    texts = {a.id: a.text for a in articles}
    for href in contexts:
        path, _, frag = href.partition("#")
        source = lxml.html.fromstring((page.parent / path).read_bytes())
        el = source.get_element_by_id(frag)
        start, end = map(int, frag[2:].split("-"))
        source_id = Path(path).stem
        if el.tag == "mark":
            assert texts[source_id][start:end].startswith(el.text_content())


def test_feeds_are_valid_with_absolute_links(site):
    out, _ = site
    rss = feedparser.parse((out / "feed.xml").read_bytes())
    assert not rss.bozo and len(rss.entries) == 2
    assert (
        rss.entries[0].link == "https://news.example/explainers/mortgage-deals-after-rate-cut.html"
    )
    atom = feedparser.parse((out / "atom.xml").read_bytes())
    assert not atom.bozo and atom.version == "atom10"
    business = feedparser.parse((out / "category/business/feed.xml").read_bytes())
    assert [e.link for e in business.entries] == [f"https://news.example/explainers/{EID}.html"]
    empty = feedparser.parse((out / "category/sport/feed.xml").read_bytes())
    assert not empty.bozo and empty.entries == []


def test_search_index_and_noscript(site):
    out, _ = site
    index = json.loads((out / "search-index.json").read_text())
    assert {d["id"] for d in index} == {EID, "mortgage-deals-after-rate-cut"}
    entry = next(d for d in index if d["id"] == EID)
    assert "tracker" in entry["text"].lower()
    assert (out / entry["url"]).is_file()
    search = (out / "search.html").read_text()
    assert "<noscript>" in search and f"explainers/{EID}.html" in search


def test_pages_are_light(site):
    out, written = site
    for page in written:
        if page.suffix == ".html":
            assert page.stat().st_size < 100_000, page
    css = (out / "static/style.css").stat().st_size
    assert css < 20_000


def test_unsafe_ids_are_refused():
    for bad in ("../etc", ".hidden", "a/b", "", "x" * 200):
        with pytest.raises(PublishError):
            check_id(bad)
    assert check_id("a1b2-c3_d") == "a1b2-c3_d"
