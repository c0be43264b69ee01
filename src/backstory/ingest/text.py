"""Plain-text and Markdown articles with an optional small header block.

The header format is backstory's own (issue 2), so the parser is hand-written::

    Title: Bank of England lifts rates to 5.25%
    Outlet: The Harbour Ledger
    URL: https://harbourledger.example/boe
    Published: 2023-08-03T12:05:00+01:00

    Body paragraphs, separated by blank lines ...

Without a header the first line is the title. Markdown files may use YAML front matter
instead, and their light markup (headings, emphasis, links) is removed from the text.
"""

from __future__ import annotations

import re

import yaml

from backstory.errors import IngestError
from backstory.ingest.article import build_article
from backstory.ingest.textnorm import Warn, normalise_text, read_date, read_language
from backstory.models import Article

#: Header keys and the Article field each fills (aliases included).
HEADER_KEYS: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "publication": "outlet",
    "url": "url",
    "link": "url",
    "canonical": "canonical",
    "published": "published",
    "date": "published",
    "updated": "updated",
    "modified": "updated",
    "language": "language",
    "lang": "language",
    "author": "author",
    "byline": "author",
}
#: The header block is only recognised in the first few lines, to leave bodies alone.
MAX_HEADER_LINES = 20

_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,20}?)\s*:\s*(.*?)\s*$")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*")
_MD_RULE = re.compile(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.M)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_MD_CODE = re.compile(r"`([^`\n]+)`")


def _split_header(text: str) -> tuple[dict[str, str], str]:
    lines = text.split("\n")
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[: MAX_HEADER_LINES + 1]):
        if not line.strip():
            return (fields, "\n".join(lines[i + 1 :])) if fields else ({}, text)
        match = _HEADER_LINE.match(line)
        key = match.group(1).strip().lower().replace(" ", "_") if match else None
        if match is None or key not in HEADER_KEYS:
            # a header ends at a blank line, or at the first line that is not a header line
            return (fields, "\n".join(lines[i:])) if fields else ({}, text)
        fields.setdefault(HEADER_KEYS[key], match.group(2))
    # header lines and nothing else
    return (fields, "") if fields and len(lines) <= MAX_HEADER_LINES + 1 else ({}, text)


def _front_matter(
    text: str, origin: str = "", warn: Warn | None = None
) -> tuple[dict[str, str], str]:
    """YAML front matter (``---`` ... ``---``) of a Markdown file, if it has one. Front matter
    that is not a YAML mapping is read as body text, and ``warn`` says so."""
    match = re.match(r"---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)", text, re.S)
    if not match:
        return {}, text
    try:
        # BaseLoader keeps every value a string: "published: 2024-02-30" must reach the date
        # parser (which reports it) rather than make PyYAML raise on an impossible date.
        data = yaml.load(match.group(1), Loader=yaml.BaseLoader)  # noqa: S506 - no objects
    except yaml.YAMLError as exc:
        if warn is not None:
            problem = str(getattr(exc, "problem", None) or "syntax error")
            warn(f"{origin}: front matter is not valid YAML ({problem}); read as body text")
        return {}, text
    if not isinstance(data, dict):
        if warn is not None:
            warn(f"{origin}: front matter is not a list of 'key: value' lines; read as body text")
        return {}, text
    fields: dict[str, str] = {}
    for key, value in data.items():
        field = HEADER_KEYS.get(str(key).strip().lower())
        if field and value is not None and not isinstance(value, dict | list):
            fields.setdefault(field, str(value))
    return fields, text[match.end() :]


def strip_markdown(text: str) -> str:
    """Markdown markup removed, its words kept: quotes should not contain ``**`` or links."""
    text = _MD_RULE.sub("", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    text = _MD_CODE.sub(r"\1", text)
    return _MD_QUOTE.sub("", text)


def parse_text(
    text: str, origin: str, *, markdown: bool | None = None, warn: Warn | None = None
) -> Article:
    """An article from a text (or Markdown) file: header block, blank line, body.

    ``markdown`` defaults to whether ``origin`` ends in ``.md``/``.markdown``. A header value
    that had to be dropped (an impossible date, a link that is not http(s)) is reported
    through ``warn`` rather than silently leaving the article undated.
    """
    if markdown is None:
        markdown = origin.lower().endswith((".md", ".markdown"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise IngestError("empty file", origin)
    fields: dict[str, str] = {}
    if markdown:
        fields, text = _front_matter(text.lstrip("\n"), origin, warn)
    if not fields:
        fields, text = _split_header(text.lstrip("\n"))
    if markdown:
        text = strip_markdown(text)
    body = normalise_text(text)
    title = fields.get("title")
    if not title:
        first, _, rest = body.partition("\n")
        title, body = first, normalise_text(rest)
    if not body:
        raise IngestError("no article text found", origin)
    return build_article(
        title=title,
        text=body,
        origin=origin,
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        canonical=fields.get("canonical"),
        published=read_date(fields.get("published"), "published date", origin, warn),
        updated=read_date(fields.get("updated"), "updated date", origin, warn),
        language=read_language(fields.get("language"), origin, warn),
        normalised=True,
        warn=warn,
    )
