"""Impact for the audience: sentences that name the audience's region, people, institutions or
currency, sorted into consumers, business and policy by the profile's words for each."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from backstory.compose.context import Context
from backstory.compose.sections.common import section
from backstory.models import Item, Section

#: Items per sub-part.
MAX_PER_PART = 3
SUBPARTS = ("consumers", "business", "policy")
_WHAT = {
    "consumers": "households",
    "business": "businesses or jobs",
    "policy": "policy or regulation",
}


def note_for(ctx: Context, key: str) -> str:
    name = ctx.audience.name
    if key == "policy":
        return f"No source yet discusses policy or regulation in {name}."
    return f"No source yet discusses the impact on {_demonym(ctx)} {_WHAT[key]}."


def _demonym(ctx: Context) -> str:
    # "the UK" -> "UK households": the profile name without its article reads as an adjective
    name = ctx.audience.name
    return name[4:] if name.lower().startswith("the ") else name


_FIRST_WORD = re.compile(r"\w+")


def mention_filter(terms: Sequence[str]) -> Callable[[str], bool] | None:
    """A quick test that is False only for a text in which none of ``terms`` can match as the
    audience matcher matches them (so the matcher need not be run on it), or None when no
    such test is known for these terms.

    Every match holds the term's first token, which holds the term's first run of word
    characters (or, for "£", the sign itself): as written for a capitalised term, which
    matches case-sensitively; lower-cased, in the lower-cased text, for the others (a token
    lower-cased alone reads as it does inside the lower-cased text except for a Greek capital
    sigma, whose lower case depends on what follows, so a term with a sigma gets no test).
    """
    exact: set[str] = set()
    folded: set[str] = set()
    for term in terms:
        if not term.strip():
            continue
        first = _FIRST_WORD.search(term)
        key = first.group(0) if first else term.strip()[0]
        if term[0].isupper():
            exact.add(key)
        elif "σ" in key.lower() or "ς" in key.lower():
            return None
        else:
            folded.add(key.lower())
    exact_keys, folded_keys = tuple(sorted(exact)), tuple(sorted(folded))

    def may_mention(text: str) -> bool:
        for key in exact_keys:  # a plain loop: cheaper than any() over a generator
            if key in text:
                return True
        lowered = text.lower()
        for key in folded_keys:
            if key in lowered:
                return True
        return False

    return may_mention


def build(ctx: Context) -> Section:
    audience = ctx.audience.audience_matcher
    matchers = ctx.audience.subpart_matchers
    about_audience: dict[int, bool] = {}
    may_mention = mention_filter(ctx.audience.terms)

    def about(g: int) -> bool:
        if g not in about_audience:
            text = ctx.sents[g].text
            about_audience[g] = (may_mention is None or may_mention(text)) and (
                audience.count(text) > 0
            )
        return about_audience[g]

    parts: dict[str, list[Item]] = {k: [] for k in SUBPARTS}
    for fact in ctx.unshown(ctx.fresh_facts, limit=3):
        gid = next(
            (g for g in fact.members if ctx.standalone[g] and about(g)),
            None,
        )
        if gid is None:
            continue
        text = ctx.sents[gid].text
        hits = {k: m.count(text) if (m := matchers.get(k)) else 0 for k in SUBPARTS}
        best = max(SUBPARTS, key=lambda k: (hits[k], -SUBPARTS.index(k)))
        if hits[best] == 0 or len(parts[best]) >= MAX_PER_PART:
            continue
        parts[best].append(ctx.item(fact, gid=gid))
    subsections = [section(ctx, k, parts[k], note_for(ctx, k)) for k in SUBPARTS]
    return section(
        ctx,
        "impact",
        subsections=subsections,
        note=f"No source yet discusses what this story means for {ctx.audience.name}.",
    )
