"""The language an article is written in, from its text.

Pages declare a language in their markup, but the declaration is the site template's: real
pages in Chinese declare ``en``, and text files declare nothing. backstory reads English only,
so the text decides. py3langid (the identifier trafilatura itself uses) does the work; it
costs ~0.6 s to load and 1-4 ms an article, so a text whose words are plainly English (8% or
more of them among the commonest English function words: English news prose runs at
0.14-0.35, other languages at 0-0.03 on the 115 pages and files measured) is taken as English
without it.
"""

from __future__ import annotations

import re

#: The commonest English function words; their share of a text's words tells English apart
#: ("a", "in" and "on" are left out: they are words of French, German or Italian too).
_ENGLISH_WORDS = frozenset(
    """the of and to is that for was with as by at it from be are has have had not but this
    his her their they he she an or were which will said""".split()
)
#: Share of words among _ENGLISH_WORDS from which a text is plainly English.
ENGLISH_SHARE = 0.08
#: Words sampled from the start of the text, and characters given to the identifier.
SAMPLE_WORDS = 300
SAMPLE_CHARS = 3000
#: Below this many words neither test is reliable: the declared language stands.
MIN_WORDS = 20

_WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str) -> bool | None:
    """Whether ``text`` is plainly English by its function words; None when too short."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())[:SAMPLE_WORDS]
    if len(words) < MIN_WORDS:
        return None
    return sum(w in _ENGLISH_WORDS for w in words) >= ENGLISH_SHARE * len(words)


def text_language(text: str, declared: str | None) -> str | None:
    """The language code of ``text``: English when it plainly is, else what py3langid says,
    else (too short to tell) ``declared``."""
    english = looks_english(text)
    if english is None:
        return declared
    if english:
        return "en"
    import py3langid  # loads its model on first use: only texts that are not plainly English

    code, _ = py3langid.classify(text[:SAMPLE_CHARS])
    return str(code)


def reads_english(language: str | None) -> bool:
    """Whether the analysis (English only) can read an article whose language is
    ``language``; an undeclared one is taken as English, as ingest does."""
    return language in (None, "en")
