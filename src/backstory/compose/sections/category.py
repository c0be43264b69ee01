"""Category of the story from a keyword lexicon per category (offline, no model).

Title words count three times as much as body words; the category with the most weighted hits
wins, "world" when nothing matches.
"""

from __future__ import annotations

import re

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
_WORD_CATEGORIES: dict[str, list[str]] = {}
for _cat, _words in LEXICON.items():
    for _w in _words:
        _WORD_CATEGORIES.setdefault(_w, []).append(_cat)
#: One alternation of every lexicon word, so each text is scanned once.
_PATTERN = re.compile(
    "|".join(
        (r"\b" + re.escape(w) + r"\b") if w[0].isalnum() else re.escape(w)
        for w in sorted(_WORD_CATEGORIES, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
#: Weight of a word in a title relative to one in the body.
TITLE_WEIGHT = 3.0


def categorise(ctx: Context) -> str:
    scores = {cat: 0.0 for cat in LEXICON}
    for a in ctx.articles:
        for weight, text in ((TITLE_WEIGHT, a.title), (1.0, a.text)):
            for word in _PATTERN.findall(text):
                for cat in _WORD_CATEGORIES[word.lower()]:
                    scores[cat] += weight
    best = max(LEXICON, key=lambda c: (scores[c], c == "world"))
    return best if scores[best] > 0 else "world"
