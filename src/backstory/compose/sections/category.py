"""Category of the story from a keyword lexicon per category (offline, no model).

Title words count three times as much as body words; the category with the most weighted hits
wins, "world" when nothing matches.
"""

from __future__ import annotations

import re
from collections import Counter

from backstory.compose.context import Context

#: Hand-written lexicon: words that mark a story as belonging to each category.
LEXICON: dict[str, tuple[str, ...]] = {
    "world": (
        "war",
        "invasion",
        "troops",
        "ceasefire",
        "peace",
        "talks",
        "envoy",
        "president",
        "foreign",
        "nato",
        "united nations",
        "sanctions",
        "border",
        "refugees",
        "military",
        "missile",
        "drone",
        "kremlin",
        "ukraine",
        "russia",
        "china",
        "gaza",
        "israel",
        "diplomat",
        "diplomatic",
        "embassy",
        "summit",
    ),
    "uk": (
        "nhs",
        "westminster",
        "downing street",
        "council",
        "scotland",
        "wales",
        "northern ireland",
        "england",
        "met office",
        "police",
        "ofgem",
        "home office",
        "british",
        "britain",
        "uk",
    ),
    "politics": (
        "election",
        "minister",
        "parliament",
        "mps",
        "vote",
        "party",
        "labour",
        "conservative",
        "campaign",
        "policy",
        "government",
        "legislation",
        "senate",
        "congress",
        "by-election",
        "polls",
        "manifesto",
        "cabinet",
    ),
    "business": (
        "market",
        "markets",
        "shares",
        "profit",
        "profits",
        "company",
        "companies",
        "inflation",
        "interest rate",
        "bank of england",
        "economy",
        "economic",
        "gdp",
        "prices",
        "investors",
        "trade",
        "tariffs",
        "earnings",
        "revenue",
        "jobs",
        "£",
        "$",
        "retail",
        "sales",
    ),
    "technology": (
        "software",
        "technology",
        "tech",
        "ai",
        "artificial intelligence",
        "computer",
        "computers",
        "cyber",
        "cyberattack",
        "outage",
        "windows",
        "microsoft",
        "apple",
        "google",
        "app",
        "data",
        "internet",
        "chip",
        "chips",
        "hackers",
        "update",
    ),
    "science": (
        "scientists",
        "research",
        "study",
        "space",
        "nasa",
        "climate",
        "species",
        "telescope",
        "physics",
        "researchers",
        "discovery",
        "rocket",
        "launch",
        "orbit",
    ),
    "health": (
        "health",
        "hospital",
        "hospitals",
        "patients",
        "doctors",
        "nurses",
        "vaccine",
        "virus",
        "disease",
        "cancer",
        "covid",
        "nhs",
        "medical",
        "drug",
        "outbreak",
    ),
    "sport": (
        "match",
        "goal",
        "league",
        "cup",
        "football",
        "cricket",
        "tennis",
        "olympics",
        "championship",
        "tournament",
        "coach",
        "win",
        "defeat",
        "season",
        "fixture",
    ),
    "culture": (
        "film",
        "music",
        "album",
        "festival",
        "museum",
        "art",
        "theatre",
        "book",
        "author",
        "award",
        "awards",
        "tv",
        "series",
        "exhibition",
        "actor",
    ),
}
_TOKEN = re.compile(r"\w+(?:-\w+)*|[£$]")
#: Lexicon entries: one-word entries by word, longer ones ("bank of england") by token tuple.
_SINGLE: dict[str, list[str]] = {}
_PAIRS: dict[tuple[str, ...], list[str]] = {}
for _cat, _words in LEXICON.items():
    for _w in _words:
        _key = tuple(_w.split())
        if len(_key) == 1:
            _SINGLE.setdefault(_key[0], []).append(_cat)
        else:
            _PAIRS.setdefault(_key, []).append(_cat)


_PHRASE_LENGTHS = sorted({len(k) for k in _PAIRS})
_PHRASE_FIRST = frozenset(k[0] for k in _PAIRS)


def _add_counts(text: str, weight: float, scores: dict[str, float]) -> None:
    """Add ``weight`` per lexicon word in ``text``: one tokenisation, a token count, then
    dictionary look-ups (a phrase is looked up only where one of its first words stands).
    The weights are whole numbers, so counting first and multiplying adds up the same."""
    # lower-casing first is the same for ASCII; elsewhere it may split a token ("İ")
    if text.isascii():
        tokens = _TOKEN.findall(text.lower())
    else:
        tokens = [t.lower() for t in _TOKEN.findall(text)]
    counts = Counter(tokens)
    for tok in counts.keys() & _SINGLE.keys():
        for cat in _SINGLE[tok]:
            scores[cat] += weight * counts[tok]
    if counts.keys() & _PHRASE_FIRST:
        for i in [i for i, t in enumerate(tokens) if t in _PHRASE_FIRST]:
            for n in _PHRASE_LENGTHS:
                for cat in _PAIRS.get(tuple(tokens[i : i + n]), ()):
                    scores[cat] += weight


#: Weight of a word in a title relative to one in the body.
TITLE_WEIGHT = 3.0


def categorise(ctx: Context) -> str:
    scores = {cat: 0.0 for cat in LEXICON}
    for a in ctx.articles:
        _add_counts(a.title, TITLE_WEIGHT, scores)
        _add_counts(a.text, 1.0, scores)
    best = max(LEXICON, key=lambda c: (scores[c], c == "world"))
    return best if scores[best] > 0 else "world"
