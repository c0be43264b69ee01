"""FAQs: questions a reader would ask, each answered by an item already grounded elsewhere.

The question is the item's label and is built only from words the sources or the audience
profile supply (a defined term, an event noun from a dated sentence, a figure's counted noun);
the answer is the item's text and citations, unchanged.
"""

from __future__ import annotations

import re

from backstory.compose.context import Context
from backstory.compose.sections.common import precision_rank, section
from backstory.models import Item, Section

#: Questions shown: one or two per kind.
MAX_FAQS = 8
_TIME_UNITS = frozenset(
    {
        "years",
        "year",
        "months",
        "month",
        "weeks",
        "week",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "minute",
    }
)
_MONEY_UNITS = frozenset({"GBP", "USD", "EUR", "JPY", "CNY", "INR"})
#: Nouns that name events, so "When did the <noun> happen?" is a sensible question.
_EVENT_NOUNS = (
    "invasion|talks|negotiations|election|vote|referendum|attack|attacks|strike|strikes|summit|"
    "meeting|ceasefire|deal|agreement|announcement|launch|merger|takeover|resignation|protest|"
    "protests|trial|ruling|verdict|budget|collapse|explosion|fire|shooting|arrest|visit|"
    "conference|withdrawal|eruption|earthquake|flood|floods|storm|hurricane|outage|crash|"
    "lockdown|outbreak|rally|shutdown|decision|inquiry|report|leak|offensive|raid|election"
)
_EVENT = re.compile(
    r"(?P<pre>(?:(?:[A-Z][\w-]*(?:\s+of\s+[A-Z][\w-]*)?(?:['’]s)?|[a-z]+-[a-z]+|[a-z]+['’]s)\s+){0,2})"
    rf"(?P<noun>\b(?:{_EVENT_NOUNS})\b)"
)


_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.IGNORECASE)


def _is_noun(text: str, m: re.Match[str]) -> bool:
    """A noun, not a verb: "the vote", "Russia's invasion", "Thursday's decision" (not "to
    vote")."""
    return bool(m.group("pre").strip() or _DETERMINER.search(text[: m.start()]))


_LEADING = frozenset(
    {"the", "a", "an", "on", "in", "at", "after", "before", "since", "when", "last", "this"}
)


def _phrase(m: re.Match[str]) -> str:
    """The question's wording of an event match: "the outage", "Russia's invasion"."""
    words = m.group("pre").strip().split()
    # Sentence-initial capitals ("The", "On") are not part of a name.
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    phrase = " ".join(words + [m.group("noun")])
    if words and re.search(r"['’]s$", words[0]):
        return phrase
    return "the " + phrase


def _answer(item: Item, question: str) -> Item:
    return Item(text=item.text, citations=item.citations, label=question, score=item.score)


def _reads_alone(ctx: Context, item: Item) -> bool:
    """The answer needs no date label and no sentence before it: its relative dates hold on
    the page and it does not open with a pronoun."""
    gid = ctx.gid_of_citation(item.citations[0])
    return gid is None or (not ctx.stale[gid] and ctx.standalone[gid])


def _first(ctx: Context, section_: Section | None, used: set[str]) -> Item | None:
    """The first item of a section (or its sub-sections) that reads right without its label,
    since the question replaces the label, and that answers no other question yet."""
    if section_ is None:
        return None
    for part in (section_, *section_.subsections):
        for item in part.items:
            if item.text not in used and _reads_alone(ctx, item):
                return item
    return None


def build(ctx: Context, sections: dict[str, Section]) -> Section:
    faqs: list[Item] = []
    used: set[str] = set()  # one answer, one question: a repeated answer reads as padding

    def ask(item: Item, question: str) -> None:
        faqs.append(_answer(item, question))
        used.add(item.text)

    definitions = sections.get("definitions")
    if definitions is not None:
        for item in definitions.items[:2]:
            term = item.label or ""
            question = f"What is {term}?" if term[:1].isupper() else f"What does “{term}” mean?"
            ask(item, question)
    timeline = sections.get("timeline")
    if timeline is not None and timeline.items:
        # most sources first; among equals the most precise date makes the clearest answer
        by_salience = sorted(
            timeline.items, key=lambda i: (-(i.score or 0), precision_rank(i.date or ""))
        )
        # an answer that writes the date out ("on 19 July") beats one that needs the page's
        # date to read it ("on Friday"), however central
        found: tuple[Item, str] | None = None
        for item in by_salience:
            if item.text in used or not _reads_alone(ctx, item):
                continue  # "on Thursday" answers nothing once the date label is gone
            dated = _dated_event(ctx, item)
            if dated is None:
                continue
            event, explicit = dated
            if explicit:
                found = (item, event)
                break
            found = found or (item, event)
        if found is not None:
            ask(found[0], f"When did {found[1]} happen?")
        elif by_salience[0].text not in used:
            item = by_salience[0]
            prep = "on" if item.date and len(item.date) == 10 else "in"
            ask(item, f"What happened {prep} {item.label}?")
    next_item = _first(ctx, sections.get("next_steps"), used)
    if next_item is not None:
        ask(next_item, "What happens next?")
    impact_item = _first(ctx, sections.get("impact"), used)
    if impact_item is not None:
        ask(impact_item, f"What does it mean for {ctx.audience.name}?")
    numbers = sections.get("numbers")
    if numbers is not None:
        for item in numbers.items:
            if item.text in used or not _reads_alone(ctx, item):
                continue
            how_many = _how_many(ctx, item)
            if how_many:
                ask(item, how_many)
                break
    now_item = _first(ctx, sections.get("now"), used)
    if now_item is not None and len(faqs) < 4:
        ask(now_item, "What was the latest news?" if ctx.late() else "What is happening now?")
    return section(ctx, "faqs", faqs[:MAX_FAQS], note="The sources answer no common questions yet.")


#: Words that make an event noun an anchor for another event's date, not the dated event:
#: "still cancelling flights on Wednesday, five days after the outage".
_ANCHOR_BEFORE = re.compile(
    r"\b(?:after|before|since|following|until|ahead\s+of|because\s+of)\s+(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
#: What may stand between an event noun and its own date: "invasion in", "invasion of
#: Ukraine on".
_OWN_DATE = re.compile(r"\s+(?:(?:of|in|by)\s+[A-Z][\w'’-]*\s+)?(?:in|on|at|of)\s+")
#: Characters between an event noun and its date: further apart, the date is another
#: clause's ("the summit with security companies, including CrowdStrike, on 10 September" is
#: 45).
MAX_EVENT_DATE_GAP = 60


def _dated_event(ctx: Context, item: Item) -> tuple[str, bool] | None:
    """The event phrase the timeline item's date belongs to in its first cited sentence, and
    whether that date is written out rather than relative; None when no event noun there
    owns the date."""
    gid = ctx.gid_of_citation(item.citations[0])
    if gid is None:
        return None
    text = item.citations[0].quote
    dating = ctx.sents[gid].dating
    for t in getattr(dating, "events", ()) + getattr(dating, "background", ()):
        if t.value.split("T")[0] != item.date:
            continue
        matches = [m for m in _EVENT.finditer(text) if _is_noun(text, m)]
        for m in sorted(matches, key=lambda m: abs(m.start("noun") - t.start)):
            gap = t.start - m.end() if m.end() <= t.start else m.start() - t.end
            if gap > MAX_EVENT_DATE_GAP:
                continue
            # "after the outage" dates something else, unless the date is the noun's own
            # ("After Russia's invasion in February 2022, ...")
            own = m.end() <= t.start and _OWN_DATE.fullmatch(text[m.end() : t.start])
            if not own and _ANCHOR_BEFORE.search(text[: m.start("noun")]):
                continue
            return _phrase(m), not t.relative
    return None


#: Plurals without an -s that a figure can count.
_PLURALS = frozenset("people children men women police staff cattle personnel".split())


def _countable(noun: str) -> bool:
    """Whether "How many <noun>?" reads as English: the noun phrase ends in a plural
    ("How many seats?", "How many cases of measles?"), not in a mass noun or a singular
    ("How many warming in excess?")."""
    head = noun.split()[-1].lower()
    return head in _PLURALS or (head.endswith("s") and not head.endswith(("ss", "us", "is", "ics")))


def _how_many(ctx: Context, item: Item) -> str | None:
    """A how-many/how-much question for a numbers item, from its figure's unit and counts."""
    for analysis in ctx.analyses:
        if analysis.article.id != item.citations[0].source:
            continue
        for _, q in analysis.numbers:
            if q.text != item.label or not (
                item.citations[0].start <= q.start < item.citations[0].end
            ):
                continue
            if q.unit in _MONEY_UNITS:
                return "How much money is involved?"
            if q.unit in ("%", "percentage points", "basis points"):
                return None
            noun = q.counts or q.unit
            if q.unit in _TIME_UNITS:
                return None
            if noun and re.fullmatch(r"[A-Za-z][\w '’-]{1,40}", noun) and _countable(noun):
                return f"How many {noun}?"
    return None
