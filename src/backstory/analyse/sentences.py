"""Sentence splitting with exact character offsets into the article text.

Hand-written on purpose: citations must point at exact offsets of the extracted text, and the
usual splitters either need downloaded data (NLTK punkt), lose offsets, or are slow (pysbd).
News prose is regular enough that a boundary rule plus an abbreviation list does well, at
several hundred thousand sentences per second.
"""

from __future__ import annotations

import re

from backstory.models import Article, Sentence

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sir st mt no nos vs v etc inc ltd plc co corp jr sr gen col lt sgt
    capt gov rep sen rev hon jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu
    fri sat sun approx est fig al e.g i.e u.s u.k u.n a.m p.m ph.d""".split()
)

# A boundary candidate: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence (capital, digit, opening quote or bracket); or,
# with no space, a curly opening quote and a capital ('the news.“From now on ...', a typo
# real pages have: only an opening quote can follow a full stop that way).
_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’)\]]*)(\s+(?=["'“‘(\[]?[A-Z0-9£$€])|(?=[“‘][A-Z]))""")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-•*]\s)")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")


def _last_word(chunk: str) -> str | None:
    """What ``re.search(r"(\\S+)$", chunk)`` captures, read from the end of ``chunk`` rather
    than tried at each of its characters: the run of non-space characters that ends it, or
    that ends it before a final newline (where ``$`` matches too); None when a space ends it.
    (``str.isspace`` and ``str.split`` know the same spaces as the regex's ``\\s``.)"""
    if chunk.endswith("\n"):
        chunk = chunk[:-1]
    if not chunk or chunk[-1].isspace():
        return None
    return chunk.rsplit(None, 1)[-1]


def _is_abbreviation(chunk: str) -> bool:
    last = _last_word(chunk)
    if last is None:
        return False
    word = last.lstrip("\"'“‘([").rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return True
    # Initials such as "J." in "J. K. Rowling", or "U.S." written with dots.
    return len(word) == 1 and word.isalpha() or bool(_DOTTED.fullmatch(word))


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    para_start = 0
    paragraph_ends = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    para_bounds: list[tuple[int, int]] = []
    for end in paragraph_ends:
        para_bounds.append((para_start, end))
        nxt = _PARAGRAPH.match(text, end)
        para_start = nxt.end() if nxt else end
    for p_start, p_end in para_bounds:
        start = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            cut = m.start(3)
            if m.group(1) == "." and not m.group(2) and _is_abbreviation(text[start : m.start(1)]):
                continue
            spans.append((start, cut))
            start = m.end(3)
        spans.append((start, p_end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_sentences(article: Article) -> list[Sentence]:
    """The sentences of an article; ``article.text[s.start:s.end] == s.text``."""
    return [
        Sentence(source=article.id, index=i, start=s, end=e, text=article.text[s:e])
        for i, (s, e) in enumerate(split_spans(article.text))
    ]
