"""Article text and metadata from an HTML page.

trafilatura extracts the body (favouring precision, so navigation, adverts, related links
and comments stay out) and the metadata that Open Graph and JSON-LD do not give; the date
and language rules are hand-written on top because news pages state them in several places
with different reliability: the ``article:published_time`` meta and JSON-LD carry a full
timestamp, htmldate's heuristics a day, and a ``<time>`` element is the last resort.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import htmldate
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document, use_config

from backstory.errors import IngestError
from backstory.ingest.article import build_article, web_url
from backstory.ingest.boilerplate import strip_edge_boilerplate
from backstory.ingest.textnorm import (
    Warn,
    decode_bytes,
    language_code,
    lines_to_paragraphs,
    normalise_text,
    parse_date,
    read_date,
    sniff_html_charset,
    word_count,
)
from backstory.models import Article

#: Fewer words than this after extraction means the page is not an article (an index page,
#: a login wall, an error page); real news articles have hundreds.
MIN_ARTICLE_WORDS = 30
#: Pages deeper than this (in elements) are refused by lxml's parser limits anyway; trafilatura
#: gets the same bound so a hostile page cannot make extraction slow.
MAX_TREE_SIZE = 200_000


def _trafilatura_config() -> Any:
    """trafilatura's settings with backstory's bounds (built once; never mutated after)."""
    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


_CONFIG = _trafilatura_config()
_MIN_EXTRACTED_CHARS = _CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE")
#: trafilatura's fast mode skips comparing its result with readability's and jusText's. On 30
#: real news pages (newspaper4k's test pages) and our 12 example pages it gave the same text
#: as the full mode wherever its text was not empty or a stub, in half the time; so the full
#: mode runs only when the fast text is shorter than trafilatura's own minimum or than this
#: share of the page's paragraph text (trafilatura itself prefers readability's output only
#: when that is at least twice as long as its own).
FAST_TEXT_SHARE = 0.5

_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_UPDATED_META = (
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
)
_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre section article header footer table tr "
    "dl dt dd figure figcaption address hr".split()
)
_DROP_TAGS = ("script", "style", "iframe", "noscript", "template", "object", "embed", "svg")


def _parse_tree(html: str) -> Any:
    try:
        # The bytes are UTF-8 whatever the page's <meta charset> says: it was decoded already.
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=False)
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _meta(tree: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and key not in out:
            out[key] = value.strip()
    return out


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """JSON-LD objects of the page, flattened (lists and @graph)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any, depth: int) -> None:
        if depth > 5:
            return
        if isinstance(node, list):
            for item in node[:50]:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            found.append(node)
            if "@graph" in node:
                walk(node["@graph"], depth + 1)

    for el in tree.iter("script"):
        if (el.get("type") or "").lower().strip() != "application/ld+json" or not el.text:
            continue
        try:
            walk(json.loads(el.text), 0)
        except (ValueError, RecursionError):
            continue
    return found


def _ld_value(objects: list[dict[str, Any]], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _first_date(
    *candidates: str | None, what: str = "date", origin: str = "", warn: Warn | None = None
) -> datetime | None:
    """The first candidate that is a real date; stated ones skipped on the way are reported."""
    for candidate in candidates:
        parsed = read_date(candidate, what, origin, warn)
        if parsed is not None:
            return parsed
    return None


#: A full date written into the page title ("Wine of the Ahr | DW | 10.06.2013"): sites that do
#: this put the publication date there, while the body's dates may be teasers of other pages.
_TITLE_DATE = re.compile(r"(?:^|[|–—-]\s*)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\s*$")


def _date_in_title(tree: Any) -> str | None:
    title_el = tree.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else ""
    match = _TITLE_DATE.search(title)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day).strftime("%Y-%m-%d")
    except ValueError:
        return None


#: Separators between a headline and the site's name in <title> and og:title.
_TITLE_PARTS = re.compile(r"\s+(?:\||–|—|-|::)\s+")


def clean_title(title: str | None, outlet: str) -> str | None:
    """The headline without the trailing site name or date that pages append to titles
    ("Sour grapes | DW | 10.06.2013" -> "Sour grapes")."""
    if not title:
        return title
    title = title.strip()
    key = re.sub(r"[^a-z0-9]", "", outlet.lower())
    for sep in reversed(list(_TITLE_PARTS.finditer(title))):
        tail = title[sep.end() :]
        last = re.sub(r"[^a-z0-9]", "", tail.lower())
        site = bool(last and key and (key.startswith(last) or last.startswith(key)))
        if not (site or _TITLE_DATE.search(tail)):
            break
        title = title[: sep.start()]
    return title


def _published(
    tree: Any,
    meta: dict[str, str],
    ld: list[dict[str, Any]],
    url: str | None,
    origin: str = "",
    warn: Warn | None = None,
) -> datetime | None:
    stated = _first_date(
        *(meta.get(k) for k in _PUBLISHED_META),
        _ld_value(ld, "datePublished"),
        what="published date in the page's metadata",
        origin=origin,
        warn=warn,
    )
    if stated is not None:
        return stated
    found = _date_in_title(tree)
    if found is None:
        try:
            found = htmldate.find_date(tree, original_date=True, extensive_search=False, url=url)
        except Exception:  # noqa: BLE001 - htmldate heuristics must never crash ingest
            found = None
    times = [el.get("datetime") for el in tree.iter("time") if el.get("datetime")]
    timed = _first_date(*times)
    day = parse_date(found)
    if day is not None and timed is not None and timed.date() == day.date():
        return timed  # the same day, with the time of day the <time> element adds
    return day or timed


def _updated(
    meta: dict[str, str], ld: list[dict[str, Any]], origin: str = "", warn: Warn | None = None
) -> datetime | None:
    return _first_date(
        *(meta.get(k) for k in _UPDATED_META),
        _ld_value(ld, "dateModified"),
        what="updated date in the page's metadata",
        origin=origin,
        warn=warn,
    )


def _outlet(meta: dict[str, str], ld: list[dict[str, Any]], sitename: str | None) -> str:
    if meta.get("og:site_name"):
        return meta["og:site_name"]
    for obj in ld:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return publisher["name"]
    return sitename or ""


def _canonical(tree: Any, meta: dict[str, str], url: str | None) -> str | None:
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return web_url(urljoin(url or "", el.get("href").strip()))
    if meta.get("og:url"):
        return web_url(urljoin(url or "", meta["og:url"]))
    return None


def _language(tree: Any, meta: dict[str, str]) -> str | None:
    return (
        language_code(tree.get("lang"))
        or language_code(tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or language_code(meta.get("content-language"))
        or language_code(meta.get("og:locale"))
    )


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one blank line between blocks.

    Used instead of trafilatura for fragments, which have no page chrome to remove and which
    trafilatura's precision mode can drop entirely when short.
    """
    if "<" not in fragment:
        return normalise_text(lxml.html.fromstring(f"<p>{fragment}</p>").text_content())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return normalise_text(re.sub(r"<[^>]*>", " ", fragment))
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        elif el.tag == "br":
            el.tail = " " + (el.tail or "")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", root.text_content())]
    return strip_edge_boilerplate(normalise_text("\n\n".join(p for p in paragraphs if p)))


def _without_code(tree: Any) -> Any:
    """A copy of the page without script, style and template bodies, which are never article
    text (trafilatura would otherwise read ``<h1>Vote <script>...</script></h1>`` into the
    title). The original tree keeps them for JSON-LD metadata."""
    clean = copy.deepcopy(tree)
    etree.strip_elements(clean, "script", "style", "template", "noscript", with_tail=False)
    return clean


def _paragraph_chars(tree: Any) -> int:
    return sum(len(el.text_content().strip()) for el in tree.iter("p"))


def _body_text(clean: Any, url: str | None) -> str:
    """The article body: trafilatura's fast mode, and its full mode (which compares its own
    result with readability's and jusText's) only when the fast text looks like a stub."""
    options: dict[str, Any] = {
        "url": url,
        "favor_precision": True,
        "include_comments": False,
        "include_tables": False,
        "include_images": False,
        "include_links": False,
        "with_metadata": False,
        "config": _CONFIG,
    }
    doc = trafilatura.bare_extraction(clean, fast=True, **options)
    text: str = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(text) >= _MIN_EXTRACTED_CHARS and len(text) >= FAST_TEXT_SHARE * _paragraph_chars(clean):
        return text
    doc = trafilatura.bare_extraction(clean, **options)
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def _page_metadata(clean: Any, url: str | None) -> Document:
    """trafilatura's reading of the page's metadata (title, site name, link) from its many
    conventions; needed only when the Open Graph and JSON-LD fields read above are missing."""
    try:
        return extract_metadata(clean, default_url=url, extensive=False)
    except Exception:  # noqa: BLE001 - metadata heuristics must never lose the article
        return Document()


def parse_html(
    html: str | bytes, *, url: str | None, origin: str, warn: Warn | None = None
) -> Article:
    """The article on an HTML page: body without site chrome, title, outlet, dates, canonical
    link and language. Raises IngestError when the page has no article text; ``warn`` hears
    of metadata that had to be dropped (a stated date that is not a real one)."""
    if isinstance(html, bytes):
        html = decode_bytes(html, declared=sniff_html_charset(html), subject=origin, warn=warn)
    if not html.strip():
        raise IngestError("empty file", origin)
    tree = _parse_tree(html)
    if tree is None:
        raise IngestError("not an HTML page", origin)
    clean = _without_code(tree)
    try:
        text = strip_edge_boilerplate(lines_to_paragraphs(_body_text(clean, url)))
    except Exception as exc:  # noqa: BLE001 - a hostile page must give a clear error, not a crash
        raise IngestError(f"HTML extraction failed ({type(exc).__name__})", origin) from exc
    if word_count(text) < MIN_ARTICLE_WORDS:
        raise IngestError("no article text found", origin)
    meta = _meta(tree)
    ld = _json_ld(tree)
    title = meta.get("og:title")
    outlet = _outlet(meta, ld, None)
    canonical = _canonical(tree, meta, url)
    if not (title and outlet and canonical):
        doc = _page_metadata(clean, url)
        title = title or doc.title
        outlet = outlet or doc.sitename or ""
        canonical = canonical or web_url(doc.url)
    title = title or _ld_value(ld, "headline")
    if not title:
        title_el = tree.find(".//title")
        title = title_el.text_content() if title_el is not None else None
    published = _published(tree, meta, ld, url, origin, warn)
    return build_article(
        title=clean_title(title, outlet),
        text=text,
        origin=origin,
        outlet=outlet,
        url=url,
        canonical=canonical,
        published=published,
        updated=_updated(meta, ld, origin, warn),
        language=_language(tree, meta),
        normalised=True,
        warn=warn,
    )
