"""Proper names in a sentence, for the filler and grounding rules.

Uses the analyse stage's ``named_entities`` when it is available; otherwise a capitalised-run
pattern (enough to tell "Ofgem" or "Rachel Reeves" from ordinary words), because the checker
must run even while that module is absent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_CAP_RUN = re.compile(
    r"\b(?:[A-Z][a-zA-Z’'.-]*[a-zA-Z]|[A-Z]{2,})(?:\s+(?:of\s+the\s+|of\s+|de\s+|van\s+)?"
    r"(?:[A-Z][a-zA-Z’'.-]*[a-zA-Z]|[A-Z]{2,}))*"
)
#: Capitalised words that are not names (sentence openers, months, days, pronouns).
_NOT_NAMES = frozenset(
    """The A An And But Or If In On At To For From With By As Of It Its This That These Those
    There Here What When Where Why How Who Which While After Before Since During Over Under
    About Into Between Among Amid Not No Yes He She We They You I Our Their His Her
    Do Don't Don’t Checklist Key New Near Medium Signals Bottom Impact Numbers Definitions
    Timeline Risks FAQs Published Category Last Updated Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September
    October November December Mr Mrs Ms Dr Sir Lord Lady Following However Despite Also
    Further Furthermore Meanwhile Additionally Overall Previous Ongoing Increased Over
    Stay Consider Review Engage Monitor Statements Changes Updates Industries Upcoming
    Disputed Both Each Every Some Many Most All One Two Three Four Five Six Seven Eight Nine Ten
    """.split()
)


@lru_cache(maxsize=4096)
def names_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, name) of the proper names of one sentence."""
    return tuple(n for n in _names_in(text) if not _positional(text, n))


def _positional(text: str, name: tuple[int, int, str]) -> bool:
    """A single capitalised word that opens a sentence or follows a label's colon is capitalised
    by position ("Duration: ..."), not necessarily a name."""
    start, _, word = name
    if " " in word.strip() or word.isupper():
        return False
    before = text[:start].rstrip()
    return not before or before.endswith((":", ".", "!", "?", "•"))


def _names_in(text: str) -> list[tuple[int, int, str]]:
    finder: Callable[[str], list[tuple[int, int, str]]] | None
    try:
        from backstory.analyse.keyphrases import named_entities as finder
    except ImportError:
        finder = None
    if finder is not None:
        out = []
        for ent in finder(text):
            if isinstance(ent, tuple) and len(ent) == 3:
                out.append((int(ent[0]), int(ent[1]), str(ent[2])))
                continue
            start = getattr(ent, "start", None)
            end = getattr(ent, "end", None)
            name = getattr(ent, "text", None) or (
                text[start:end] if start is not None else str(ent)
            )
            if start is None:
                start = text.find(name)
                end = start + len(name)
            if start >= 0:
                out.append((start, end, name))
        return out
    out = []
    for m in _CAP_RUN.finditer(text):
        words = m.group(0).split()
        # Drop leading non-name words ("The", "However") that are capitalised by position.
        start = m.start()
        while words and words[0].strip("’'") in _NOT_NAMES:
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
            while start < len(text) and text[start].isspace():
                start += 1
        if not words:
            continue
        name = text[start : m.end()]
        if name.endswith(("’s", "'s")):
            name = name[:-2]
        out.append((start, start + len(name), name))
    return out


def name_key(name: str) -> str:
    """Comparable form of a name: "Russia's" = "Russia", "Ukrainian" ~ "Ukrain"."""
    key = name.lower().replace("’", "'").removesuffix("'s")
    for suffix in ("ians", "ian", "ans", "an", "ish", "ese", "i", "n", "a", "e"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            return key[: -len(suffix)]
    return key
