"""Trimming a sentence to its core clause without adding a word.

Hand-written: the only edits allowed are dropping a list marker ("- ") or a leading
connective ("However,", "Meanwhile,") and normalising whitespace, so the item text stays a
verbatim span of the cited sentence (up to the capital letter at its start).
"""

from __future__ import annotations

import re

#: Discourse connectives that tie a sentence to the one before it in its article; out of that
#: context they read oddly, and dropping them does not change what the sentence claims.
_LEADING_CONNECTIVE = re.compile(
    r"^(?:However|Meanwhile|Moreover|Furthermore|Additionally|In addition|Also|Still|Separately|"
    r"Elsewhere|Indeed|Instead|Nonetheless|Nevertheless|By contrast|In contrast|Then|So|And|But|"
    r"Yet|Now|Overall|In turn|As a result|For its part|For their part|On the other hand)"
    r"\s*,\s*|^(?:And|But|Yet|So)\s+(?=[a-z])",
)
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+(?=\S)")


def core_span(sentence: str) -> tuple[int, int]:
    """(start, end) of the core clause within ``sentence``."""
    start = 0
    bullet = _BULLET.match(sentence)
    if bullet:  # a list marker is layout, not words
        return bullet.end(), len(sentence)
    m = _LEADING_CONNECTIVE.match(sentence)
    if m and len(sentence) - m.end() > 20:
        start = m.end()
    return start, len(sentence)


def display_text(sentence: str, span: tuple[int, int]) -> str:
    """The span as item text: whitespace collapsed, first letter capitalised."""
    text = _SPACE.sub(" ", sentence[span[0] : span[1]]).strip()
    if span[0] > 0 and text[:1].islower():
        text = text[0].upper() + text[1:]
    return text
