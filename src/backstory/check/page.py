"""Read any explainer page (HTML, seed-shaped plain text or backstory JSON) into blocks.

Hand-written: the checker needs the page's *structure* (which heading a sentence falls under,
which lines are list items) and the page's own published/updated claims, with offsets into
one text so every finding can quote the page exactly. Main-content extraction of HTML is
trafilatura's (XML output keeps headings and list items); dates are parsed by dateutil,
falling back to dateparser for the wordier forms.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

from dateutil import parser as dateutil_parser

from backstory.errors import CheckError
from backstory.models import Explainer, Section
from backstory.timezones import ZONE_OFFSETS

BlockKind = Literal["heading", "paragraph", "item"]

#: A page needs at least this many words of paragraph/list text to be an article; a menu,
#: an error page or a title alone has fewer (the shortest real explainer has hundreds).
MIN_ARTICLE_WORDS = 25

#: A plain-text line is a heading when it has at most this many words and no final
#: punctuation (the seed's longest heading, "Risks, caveats, and uncertainties", has 4).
MAX_HEADING_WORDS = 12

#: Share of control/replacement characters above which input is taken as binary junk.
MAX_JUNK_RATIO = 0.02

_BULLET = re.compile(r"^[ \t]*(?:[•●▪◦‣·*]|-(?=\s)|–(?=\s))[ \t]*")
#: A field's separator: a colon or dash, or none when a date follows at once ("Published 26
#: July 2024", as on our own Markdown pages) but not before other words ("Published in ...").
_META_SEP = (
    r"(?:\s*[:\-]\s*|\s+(?=\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\.?\s+\d))"
)
_META_PUBLISHED = re.compile(r"\b(?:Published|First published|Posted|Date)" + _META_SEP, re.I)
_META_UPDATED = re.compile(r"\b(?:Last updated|Updated|Last modified|Modified)" + _META_SEP, re.I)
_META_FIELD_END = re.compile(r"\s*(?:\||·|•|$)")


@dataclass(frozen=True)
class PageBlock:
    """One heading, paragraph or list item; ``Page.text[start:end] == text``."""

    section: str
    kind: BlockKind
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Page:
    """A page as the checker sees it: its text, its claimed dates and its blocks."""

    text: str
    title: str
    published: datetime | None
    updated: datetime | None
    blocks: tuple[PageBlock, ...]
    origin: str

    def sections(self) -> list[str]:
        """Section headings in page order (the empty string for the part before the first)."""
        seen: list[str] = []
        for block in self.blocks:
            if block.section not in seen:
                seen.append(block.section)
        return seen


def parse_page_date(text: str) -> datetime | None:
    """A date/time as written on a page ("03 October 2023 (BST)", "2025-12-22 05:00:11")."""
    raw = text.strip().strip(".,;|")
    if not raw:
        return None
    tz_name = None
    m = re.search(r"\(?\b([A-Z]{1,4})\)?\s*$", raw)
    if m and m.group(1) in ZONE_OFFSETS:
        tz_name = m.group(1)
        raw = raw[: m.start()].strip()
    parsed: datetime | None
    try:
        if re.match(r"\d{4}-\d{2}-\d{2}", raw):  # ISO: year first, never day first
            parsed = dateutil_parser.isoparse(raw.replace(" ", "T", 1))
        else:
            parsed = dateutil_parser.parse(raw, dayfirst=True, fuzzy=False)
    except (ValueError, OverflowError):
        import dateparser  # slow to import; only the rarer wordy forms need it

        parsed = dateparser.parse(raw, settings={"DATE_ORDER": "DMY"})
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    if tz_name and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone(timedelta(hours=ZONE_OFFSETS[tz_name])))
    return parsed


def as_utc(moment: datetime) -> datetime:
    """Comparable instant: naive datetimes are taken as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _meta_dates(blocks: Iterable[PageBlock]) -> tuple[datetime | None, datetime | None]:
    """The page's own "Published: ..." and "Last updated: ..." lines."""
    published = updated = None
    for block in blocks:
        if block.kind == "heading" or len(block.text) > 160:
            continue
        for pattern, which in ((_META_UPDATED, "u"), (_META_PUBLISHED, "p")):
            m = pattern.search(block.text)
            if not m:
                continue
            if which == "p" and re.search(
                r"(?:last\s+)?(?:updated|modified)\s*$", block.text[: m.start()], re.I
            ):
                continue
            end = _META_FIELD_END.search(block.text, m.end())
            value = parse_page_date(block.text[m.end() : end.start() if end else None])
            if value is None:
                continue
            if which == "u" and updated is None:
                updated = value
            elif which == "p" and published is None:
                published = value
    return published, updated


def _is_heading_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    if line[-1] in '.!?:;,"”’' or _META_PUBLISHED.search(line) or _META_UPDATED.search(line):
        return False
    return not re.fullmatch(r"[\d\s.,%£$€-]+", line)


def _text_blocks(text: str) -> tuple[list[PageBlock], str]:
    """Blocks of a seed-shaped plain-text page, and its title."""
    raw: list[tuple[BlockKind, int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        start = offset
        offset += len(line)
        stripped = content.strip()
        if not stripped:
            continue
        lead = len(content) - len(content.lstrip())
        bullet = _BULLET.match(content)
        if bullet and bullet.end() < len(content):
            s = start + bullet.end()
            raw.append(("item", s, start + len(content.rstrip())))
            continue
        s = start + lead
        kind: BlockKind = "heading" if _is_heading_line(stripped) else "paragraph"
        raw.append((kind, s, s + len(stripped)))
    # The title is the heading just before the "Published:" line, else the first heading.
    title_index = None
    for i, (kind, s, e) in enumerate(raw):
        if kind == "paragraph" and _META_PUBLISHED.search(text[s:e]):
            if i > 0 and len(text[raw[i - 1][1] : raw[i - 1][2]].split()) <= 2 * MAX_HEADING_WORDS:
                title_index = i - 1  # a question or exclamation is still the title here
                raw[i - 1] = ("heading", raw[i - 1][1], raw[i - 1][2])
            break
    if title_index is None:
        title_index = next((i for i, r in enumerate(raw) if r[0] == "heading"), None)
    title = text[raw[title_index][1] : raw[title_index][2]] if title_index is not None else ""
    blocks: list[PageBlock] = []
    section = ""
    for i, (kind, s, e) in enumerate(raw):
        if kind == "heading" and title_index is not None and i > title_index:
            section = text[s:e]
            blocks.append(PageBlock(section, kind, text[s:e], s, e))
        else:
            if kind == "paragraph" and section == "" and text[s:e] == title:
                kind = "heading"  # the title repeated, as site templates often do
            blocks.append(PageBlock(section, kind, text[s:e], s, e))
    return blocks, title


class _Builder:
    """Appends blocks to one text, so HTML and JSON pages get offsets like plain text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[PageBlock] = []
        self.section = ""

    def add(self, kind: BlockKind, text: str, *, top: bool = True) -> None:
        text = re.sub(r"\s+", " ", text).strip()
        if not text:
            return
        prefix = "• " if kind == "item" else ""
        if self.parts:
            self.parts.append("\n\n" if kind != "item" else "\n")
            self.length += len(self.parts[-1])
        start = self.length + len(prefix)
        self.parts.append(prefix + text)
        self.length += len(prefix) + len(text)
        if kind == "heading" and top:
            self.section = text
        self.blocks.append(PageBlock(self.section, kind, text, start, start + len(text)))

    @property
    def text(self) -> str:
        return "".join(self.parts)


#: A citation marker such as "[3]" or "3": a footnote number, not a figure of the story.
_MARKER = re.compile(r"\s*\[?\d{1,3}\]?\s*")


def _without_apparatus(html: str) -> str:
    """The page without its citation apparatus, which is not the page's own statements.

    Footnote markers (``<sup>[3]</sup>``) would read as figures, and blocks marked
    ``data-nocheck`` (backstory's own source list, quoted passages and provenance note) quote
    other texts, whose relative dates belong to their own publication dates.
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    doomed = [el for el in root.iter("sup") if _MARKER.fullmatch(el.text_content() or "")]
    doomed += root.xpath("//*[@data-nocheck]")
    if not doomed:
        return html
    for el in doomed:
        tail = el.tail
        parent = el.getparent()
        if parent is None:
            continue
        if tail:
            previous = el.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
    return etree.tostring(root, encoding="unicode", method="html")


_TIME_LEAD = re.compile(r"(?:(first\s+)?published|posted|(last\s+)?(?:updated|modified))\W*$", re.I)


def _marked_times(html: str) -> tuple[datetime | None, datetime | None]:
    """Published and updated times the page marks up exactly: Open Graph article times, or a
    ``<time datetime>`` right after the words "Published" / "Last updated" (which
    trafilatura's main text may leave out and htmldate reads to the day only)."""
    import lxml.html

    try:
        doc = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None, None
    found: dict[str, datetime] = {}

    def keep(which: str, value: str | None) -> None:
        if which in found or not value:
            return
        try:
            found[which] = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            pass

    for meta in doc.iter("meta"):
        prop = (meta.get("property") or meta.get("name") or "").lower()
        if prop == "article:published_time":
            keep("p", meta.get("content"))
        elif prop == "article:modified_time":
            keep("u", meta.get("content"))
    for time_el in doc.iter("time"):
        prev = time_el.getprevious()
        parent = time_el.getparent()
        lead = (prev.tail if prev is not None else parent.text if parent is not None else "") or ""
        m = _TIME_LEAD.search(lead)
        if m:
            keep(
                "u" if re.search(r"updated|modified", m.group(), re.I) else "p",
                time_el.get("datetime"),
            )
    return found.get("p"), found.get("u")


def _html_page(html: str, origin: str) -> Page:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        _without_apparatus(html),
        output_format="xml",
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        favor_recall=True,
    )
    if not xml:
        raise CheckError("no article text found in the HTML", subject=origin)
    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False))
    main = root.find("main")
    builder = _Builder()
    title = root.get("title") or ""
    seen_title = False
    for element in main.iter("head", "p", "item", "quote") if main is not None else ():
        if (
            element.tag == "p"
            and element.getparent() is not None
            and element.getparent().tag == "item"
        ):
            continue
        text = "".join(element.itertext())
        if element.tag == "head":
            if not seen_title and title and text.strip() == title.strip():
                seen_title = True
                builder.add("heading", text, top=False)
                continue
            builder.add("heading", text)
        else:
            builder.add("item" if element.tag == "item" else "paragraph", text)
    published, updated = _meta_dates(builder.blocks)
    if published is None or updated is None:
        marked_published, marked_updated = _marked_times(html)
        published = published or marked_published
        updated = updated or marked_updated
    if published is None or updated is None:
        from htmldate import find_date

        if published is None:
            found = find_date(html, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S")
            published = datetime.fromisoformat(found) if found else None
        if updated is None:
            found = find_date(html, original_date=False, outputformat="%Y-%m-%dT%H:%M:%S")
            candidate = datetime.fromisoformat(found) if found else None
            if candidate and (published is None or candidate != published):
                updated = candidate
    if not title:
        title = next((b.text for b in builder.blocks if b.kind == "heading"), "")
    return Page(builder.text, title, published, updated, tuple(builder.blocks), origin)


def _add_section(builder: _Builder, section: Section, *, top: bool) -> None:
    builder.add("heading", section.heading, top=top)
    if section.note:
        builder.add("paragraph", section.note)
    for item in section.items:
        text = item.text
        if item.label and not text.startswith(item.label):
            text = f"{item.label}: {text}"
        builder.add("item", text)
    for sub in section.subsections:
        _add_section(builder, sub, top=False)


def page_from_explainer(explainer: Explainer, origin: str = "") -> Page:
    """The page a reader sees for an explainer, with blocks per section and item."""
    builder = _Builder()
    builder.add("heading", explainer.headline, top=False)
    builder.add(
        "paragraph",
        f"Published: {explainer.published.isoformat(sep=' ', timespec='seconds')}"
        f" | Category: {explainer.category}"
        f" | Last updated: {explainer.updated.isoformat(sep=' ', timespec='seconds')}",
    )
    for item in explainer.standfirst:
        builder.add("paragraph", item.text)
    for section in explainer.sections:
        _add_section(builder, section, top=True)
    if explainer.sources:
        builder.add("heading", "Sources")
        for ref in explainer.sources:
            when = ref.published.date().isoformat() if ref.published else "undated"
            link = f" {ref.url}" if ref.url else ""
            builder.add("item", f"{ref.outlet}: {ref.title} ({when}){link}")
    return Page(
        builder.text,
        explainer.headline,
        explainer.published,
        explainer.updated,
        tuple(builder.blocks),
        origin or f"explainer {explainer.id} v{explainer.version}",
    )


def _decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise CheckError("the page is empty", subject=origin)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CheckError("not a text page (binary data)", subject=origin)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from trafilatura.utils import decode_file

        text = decode_file(data)
    junk = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r\f"))
    if junk > MAX_JUNK_RATIO * max(len(text), 1):
        raise CheckError("not a text page (binary or mis-encoded data)", subject=origin)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_html(text: str, origin: str) -> bool:
    if origin.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text[:4000].lower()
    return bool(
        re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<(?:p|h[1-6]|div|article)[\s>]", head)
    )


_MD_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\s]+\]:.*$", re.M)
_MD_SYNTAX = re.compile(
    r"\[\^[^\]\s]+\]"  # a footnote marker: a citation, not a figure of the story
    r"|^#{1,6}[ \t]+"  # a heading's hashes
    r"|\*\*|__"  # bold
    r"|(?<=\S)\*(?=\W|$)|(?<!\S)\*(?=\S)",  # italics (a list's "* " bullet stays)
    re.M,
)


def _looks_like_markdown(text: str, origin: str) -> bool:
    if origin.lower().endswith((".md", ".markdown")):
        return True
    return bool(_MD_FOOTNOTE_DEF.search(text) or re.search(r"^#{1,6} \S", text, re.M))


def _blank_markdown(text: str) -> str:
    """Markdown markup (and footnote definitions: the cited passages, like the HTML page's
    ``data-nocheck`` blocks) blanked with spaces of the same length, so that offsets into the
    page stay exact while markers and asterisks never read as figures, bullets or words."""

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())

    return _MD_SYNTAX.sub(blank, _MD_FOOTNOTE_DEF.sub(blank, text))


def read_page(source: str | Path, *, data: bytes | None = None) -> Page:
    """Read a page to check from a file (or from ``data``, with ``source`` naming it).

    Raises CheckError when the input is unreadable or is not an article.
    """
    origin = str(source)
    if data is None:
        if re.match(r"https?://", origin):
            raise CheckError("fetch the page first and pass its file (or data)", subject=origin)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise CheckError(
                f"cannot read the page: {exc.strerror or exc}", subject=origin
            ) from exc
    text = _decode(data, origin)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            payload = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise CheckError(
                f"invalid JSON: {exc.msg} at line {exc.lineno}", subject=origin
            ) from exc
        if isinstance(payload, dict) and isinstance(payload.get("explainer"), dict):
            payload = payload["explainer"]
        try:
            page = page_from_explainer(Explainer.model_validate(payload), origin)
        except ValueError as exc:
            first = str(exc).splitlines()[0]
            raise CheckError(
                f"JSON is not a backstory explainer ({first})", subject=origin
            ) from exc
    elif _looks_like_html(text, origin):
        page = _html_page(text, origin)
    else:
        if _looks_like_markdown(text, origin):
            text = _blank_markdown(text)
        blocks, title = _text_blocks(text)
        published, updated = _meta_dates(blocks)
        page = Page(text, title, published, updated, tuple(blocks), origin)
    words = sum(len(b.text.split()) for b in page.blocks if b.kind != "heading")
    if words < MIN_ARTICLE_WORDS:
        raise CheckError(
            f"not an article: only {words} words of body text (need {MIN_ARTICLE_WORDS})",
            subject=origin,
        )
    return page
