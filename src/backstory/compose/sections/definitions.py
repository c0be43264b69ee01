"""Definitions and jargon buster: meanings the sources give, then the audience glossary.

Source definitions (acronym expansions, appositives, copular and bracketed glosses) come from
the analyser; the item text is the definition as the source wrote it. A glossary entry is shown
only for a term the sources use, citing the sentence that uses it.
"""

from __future__ import annotations

import re

from backstory.analyse.terms import Term
from backstory.compose.context import Context
from backstory.compose.sections.common import section
from backstory.models import Item, Section

#: Definitions shown, sources' and glossary's together.
MAX_DEFINITIONS = 8
#: Of those, at most this many from the glossary, so the sources' own meanings come first.
MAX_GLOSSARY = 4


#: Kinds of source definition, most useful to a reader first.
_KIND_ORDER = {"acronym": 0, "copular": 1, "parenthetical": 2, "appositive": 3}
#: Role nouns: an appositive built on one describes a person ("X, a senior analyst at ..."),
#: which is who someone is, not jargon.
_PERSON_ROLE = re.compile(
    r"\b(?:fellow|analyst|minister|secretary|head|president|businessman|businesswoman|"
    r"spokes(?:man|woman|person)|envoy|negotiator|advis[eo]r|chief|executive|director|"
    r"economist|professor|leader|chancellor|governor|member|partner|official|correspondent|"
    r"editor|founder|chair(?:man|woman)?|lawyer|judge|commander|ambassador|researcher|"
    r"student|mother|father|son|daughter|wife|husband|resident|owner|manager|deputy|MP|"
    r"lecturer|teacher|doctor|scientist|expert|campaigner|politician|activist)s?\b",
    re.IGNORECASE,
)
#: "First Last" with no organisation word: a person's name, not a term.
_PERSON_NAME = re.compile(
    r"(?!.*\b(?:Bank|Office|Committee|Forum|Party|Council|Agency|Company|Group|Institute|"
    r"Service|Authority|Board|Court|Union|Fund|Ministry|Department|Commission|Association)\b)"
    r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}"
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:from|in|at|to|for|of|with|by|on|into|over|under|near|across)\s+$", re.IGNORECASE
)


def _usable(term: Term, sentence_text: str, sentence_start: int) -> bool:
    """Filter out appositives that are people's roles or mis-read clause boundaries."""
    if term.kind != "appositive":
        return True
    if _PERSON_ROLE.search(term.definition) or _PERSON_NAME.fullmatch(term.term):
        return False
    before = sentence_text[: max(term.start - sentence_start, 0)]
    return not _PREPOSITION_BEFORE.search(before)


def _glossary_uses(ctx: Context, skip: set[str]) -> dict[str, list[int]]:
    """Glossary term -> the eligible sentences using it, in one scan of the sources.

    Terms with capitals (acronyms, names) match case-sensitively, other terms ignore case.
    """
    terms = {t for t in ctx.audience.glossary if t.casefold() not in skip}
    if not terms:
        return {}
    alternatives = [
        (f"(?-i:{re.escape(t)})" if any(c.isupper() for c in t) else re.escape(t))
        for t in sorted(terms, key=len, reverse=True)
    ]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
    by_key = {t.casefold(): t for t in terms}
    uses: dict[str, list[int]] = {}
    for s in ctx.sents:
        if not s.eligible:
            continue
        for m in pattern.finditer(s.text):
            term = by_key.get(m.group(0).casefold())
            if term is not None and (not uses.get(term) or uses[term][-1] != s.gid):
                uses.setdefault(term, []).append(s.gid)
    return dict(sorted(uses.items()))


def build(ctx: Context) -> Section:
    items: list[Item] = []
    seen: set[str] = set()
    candidates = []
    for doc, analysis in enumerate(ctx.analyses):
        for term in analysis.terms:
            gid = ctx.gid_at(doc, term.start)
            if gid is None:
                continue
            s = ctx.sents[gid]
            if not _usable(term, s.text, s.sentence.start):
                continue
            kind = _KIND_ORDER.get(term.kind, 4)
            candidates.append((kind, -ctx.fact(gid).score, gid, term))
    candidates.sort(key=lambda t: (t[0], t[1], t[2], t[3].term))
    text_of = {}
    for _, _, gid, term in candidates:
        key = term.term.casefold()
        if key in seen or len(items) >= MAX_DEFINITIONS:
            continue
        sentence = ctx.sents[gid]
        definition = " ".join(term.definition.split())
        if (
            not definition
            or definition.casefold() not in " ".join(sentence.text.split()).casefold()
        ):
            continue  # the definition must be readable in the cited sentence
        seen.add(key)
        text = definition[0].upper() + definition[1:]
        citation = ctx.citation(gid)
        items.append(
            Item(
                text=text,
                citations=(citation,),
                label=term.term,
                score=round(ctx.fact(gid).score, 6),
            )
        )
        text_of[key] = text
    glossary_items: list[tuple[int, Item]] = []
    for glossary_term, users in _glossary_uses(ctx, seen).items():
        best = max(users, key=lambda g: (float(ctx.ranking.centrality[g]), -g))
        docs = {ctx.sents[g].doc for g in users}
        definition = ctx.audience.glossary[glossary_term]
        glossary_items.append(
            (
                -len(docs),
                Item(text=definition, citations=(ctx.citation(best),), label=glossary_term),
            )
        )
    glossary_items.sort(key=lambda t: (t[0], t[1].label or ""))
    room = min(MAX_GLOSSARY, MAX_DEFINITIONS - len(items))
    items += [item for _, item in glossary_items[: max(room, 0)]]
    return section(ctx, "definitions", items, note="The sources use no terms that need explaining.")
