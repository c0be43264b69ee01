"""Housekeeping lines at the edges of an extracted article: "READ MORE: ...", "Sign up for
our newsletter", "This story has been updated", copyright and credit lines, "Loading ...",
WordPress feeds' "The post ... appeared first on ...".

trafilatura keeps such lines when the page puts them inside the article element, as many
real pages do (seen on CNN, TIME, AP and esports pages); they are not statements about the
story, yet the composer would cite them. No library separates them from article prose, so
the patterns are hand-written: only short paragraphs at the start or end of the text are
tested, so that a sentence in the body that happens to say "read more" is never removed.
"""

from __future__ import annotations

import re

#: Paragraphs examined at each edge of the text.
EDGE_PARAGRAPHS = 3
#: Longer paragraphs are article prose whatever they contain.
MAX_BOILERPLATE_WORDS = 30

_HOUSEKEEPING = re.compile(
    r"""^\W*(?:
        (?:read|see|watch|listen|click|tap)\s+(?:more|also|here|now|next)\b
      | more\s+(?:on\s+this\s+story|from|stories|coverage|news)\b
      | related(?:\s+(?:stories|articles|coverage|content|reading))?\s*[:\u2014-]
      | (?:sign|signs)\s+up\b | subscribe\b | (?:get|join)\s+our\s+newsletter
      | want\s+[^.?!]{0,60}\?\s*sign\s+up
      | follow\s+(?:us\b|@\w) | share\s+(?:this|your)\b
      | download\s+(?:the|our)\s+app
      | the\s+post\s+.+\s+appeared\s+first\s+on\b
      | (?:this|the)\s+(?:story|article|report|post)\s+(?:has\s+been|was)\s+updated
      | (?:advertisement|sponsored|ad)\b\W*$
      | loading\b.{0,40}?(?:\.{3}|\u2026)\s*$
      | (?:\u00a9|\(c\)|copyright\b)
      | (?:--|\u2014|\u2013)?\s*by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s+follow\s+@
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ANYWHERE = re.compile(
    r"all\s+rights\s+reserved|contributed\s+(?:reporting\s+)?to\s+this\s+(?:story|report|article)",
    re.IGNORECASE,
)


def is_housekeeping(paragraph: str) -> bool:
    """Whether ``paragraph`` is a site's housekeeping line rather than article prose."""
    if len(paragraph.split()) > MAX_BOILERPLATE_WORDS:
        return False
    return bool(_HOUSEKEEPING.match(paragraph) or _ANYWHERE.search(paragraph))


def strip_edge_boilerplate(text: str) -> str:
    """``text`` (paragraphs separated by blank lines) without housekeeping paragraphs among
    its first and last ``EDGE_PARAGRAPHS``; the body in between is kept as it is."""
    paragraphs = text.split("\n\n")
    start = 0
    while start < min(EDGE_PARAGRAPHS, len(paragraphs)) and is_housekeeping(paragraphs[start]):
        start += 1
    end = len(paragraphs)
    while end > max(start, len(paragraphs) - EDGE_PARAGRAPHS) and is_housekeeping(
        paragraphs[end - 1]
    ):
        end -= 1
    if start == 0 and end == len(paragraphs):
        return text
    return "\n\n".join(paragraphs[start:end])
