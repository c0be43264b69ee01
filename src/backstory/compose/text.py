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


# --- content words -------------------------------------------------------------------------

#: Function words and reporting verbs: they say nothing about which fact a sentence states.
_STOP = frozenset(
    """a an the and or but nor of in on at to for from with by as into onto over under about
    after before since during between among than then there here this that these those it its
    is are was were be been being has have had do does did will would could should may might
    can must shall not no yes so such also very more most less least much many some any each
    other all both own same which who whom whose what when where while why how he she they them
    his her their we our you your i me my us said says say told tell according added adding
    just still now only even already yet however because if though although up down out off
    new one""".split()
)
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def stem(word: str) -> str:
    """A crude stem, enough to match "cancelled"/"cancelling", "flights"/"flight"."""
    w = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix) and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]  # "cancell" -> "cancel", "stopp" -> "stop"
    return w


def content_words(text: str, names: bool = True) -> frozenset[str]:
    """The stems of a sentence's content words (no function words, no figures); without the
    capitalised names after its first word when ``names`` is false, since two statements by or
    about one person share the name and little else."""
    out = set()
    for i, m in enumerate(_CONTENT_WORD.finditer(text)):
        word = m.group(0)
        if word.lower() in _STOP or len(word) < 2:
            continue
        if not names and i > 0 and word[0].isupper():
            continue
        out.add(stem(word))
    return frozenset(out)
