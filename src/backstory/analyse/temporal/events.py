"""Event dating: which of a sentence's dates date the events it reports.

A sentence often mentions dates that are background ("the 2016 referendum", "since 2022",
"founded in 2011") next to the date of what it reports. Simple lexical cues separate them:
the word before the expression, whether it premodifies a noun, and a few background verbs.
Hand-written because this is a judgement about news prose, not a parsing task any library does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from backstory.analyse.temporal.lexicon import NOT_PAST_ED, PAST_FORMS, is_past_ed
from backstory.analyse.temporal.model import SentenceDating, Timex
from backstory.analyse.temporal.tagger import new_state, tag_with_state

_I = re.IGNORECASE

# Always background: the state holds since/throughout the date, or it dates an origin.
_ALWAYS_BACKGROUND_BEFORE = re.compile(
    r"(?:\bsince|\bfounded\s+in|\bestablished\s+in|\bborn\s+(?:in|on)|\bdating\s+(?:back\s+)?to|"
    r"\bdates\s+(?:back\s+)?to|\bcreated\s+in|\bformed\s+in|\bbuilt\s+in|\bset\s+up\s+in|"
    r"\bin\s+place\s+since|\bever\s+since|\bfirst\s+\w+\s+in|\bas\s+far\s+back\s+as|\bunlike\s+in|"
    r"\bcompared\s+with|\bcompared\s+to|\bthan\s+in|\bthan)\s+(?:the\s+|early\s+|late\s+|mid-?)?$",
    _I,
)
# A participle right before "in/on <date>" without an auxiliary: "the deal signed in 2015".
_REDUCED_RELATIVE = re.compile(
    r"\b(?P<prev>\w+)\s+(?P<part>[a-z]+ed|held|won|lost|made|struck|begun|written|agreed|signed)\s+(?:in|on|during)\s+(?:the\s+)?$",
    _I,
)
_AUXILIARY = frozenset(
    {
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "it",
        "they",
        "he",
        "she",
        "we",
        "who",
        "which",
        "that",
        "and",
        "officials",
        "police",
    }
)
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|this|that)|['’]s)\s+$", _I)
_NOUN_AFTER = re.compile(
    r"(?:['’]s)?\s+(?!(?:and|or|to|in|on|at|by|for|was|were|is|are|has|had|will|when|after|before|as|but|the|a|an|of|with|from|that|which|who)\b)[a-z][a-z-]+",
)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")

_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|is\s+(?:expected|set|due|scheduled|poised|going)\s+to|"
    r"are\s+(?:expected|set|due|scheduled|poised|going)\s+to|plans?\s+to|intends?\s+to|"
    r"aims?\s+to|is\s+to|are\s+to)\b|['’]ll\b",
    _I,
)
# A perfect of "be" reads as past ("has been closed"); other past cues are shared with the
# tagger (lexicon.PAST_FORMS, lexicon.is_past_ed).
_BEEN = re.compile(r"\b(?:has|have)\s+been\b", _I)
_WORDS = re.compile(r"[A-Za-z]+")


def sentence_tense(sentence: str) -> str:
    """'future' | 'past' | 'present' of a sentence's main verb group, by simple cues:
    a future marker (will, is expected to, plans to ...) wins, then any past form."""
    if _FUTURE.search(sentence):
        return "future"
    if _BEEN.search(sentence):
        return "past"
    for m in _WORDS.finditer(sentence):
        w = m[0].lower()
        if w in PAST_FORMS or is_past_ed(w):
            return "past"
    return "present"


# A relative pronoun opening the clause a date sits in ("the update that crashed computers
# in July", "the minister, who resigned in March,"): the date belongs to that clause's event,
# not to what the sentence reports. Not after a reporting or thinking verb ("said that the
# talks ended on Friday"), nor in "so that", "now that" and the like.
_CLAUSE_START = re.compile(r"[,;:()\u2014]|\s[\u2013-]\s")
_RELATIVE = re.compile(
    r"(?P<before>\b[\w'’]+\s+(?:[\w'’]+\s+)?(?:[\w'’]+\s+)?)?"
    r"\b(?P<pron>that|which|who|whom|whose)\b",
    _I,
)
_NOT_RELATIVE_BEFORE = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|announced|announces|confirmed|confirms|warned|"
    r"warns|added|adds|reported|reports|noted|notes|argued|argues|claimed|claims|insisted|"
    r"insists|believed?|believes|thinks?|thought|knows?|knew|hopes?|hoped|expects?|expected|"
    r"feared|fears|agreed|agrees|stated|states|suggested|suggests|showed|shows|found|finds|"
    r"ruled|rules|decided|means|meant|so|now|given|except|such|and|but|or|is|was|are|were)\s+"
    r"(?:[\w'’]+\s+){0,4}$",
    _I,
)


def _in_relative_clause(t: Timex, sentence: str) -> bool:
    lo = max(0, t.start - 120)
    window = sentence[lo : t.start]
    bounds = [m.end() for m in _CLAUSE_START.finditer(window)]
    clause = window[bounds[-1] :] if bounds else window
    starts_clause = bool(bounds) or lo == 0
    for m in _RELATIVE.finditer(clause):
        before = clause[: m.start("pron")]
        if m.start("pron") == len(clause) - len(clause.lstrip()) and starts_clause and bounds:
            relative = m["pron"].lower() != "that"  # ", which passed in March,"
        else:
            relative = bool(before.strip()) and not _NOT_RELATIVE_BEFORE.search(before)
        if relative:
            # "a taskforce, which is due to report in the autumn": what is scheduled is news
            return not _FUTURE.search(clause, m.end())
    return False


def _is_background_kind(t: Timex, sentence: str) -> str | None:
    """'always' | 'modifier' | None for one DATE/TIME expression."""
    before = sentence[max(0, t.start - 40) : t.start]
    if _ALWAYS_BACKGROUND_BEFORE.search(before):
        return "always"
    if _in_relative_clause(t, sentence):
        return "always"
    rr = _REDUCED_RELATIVE.search(before)
    if rr and rr["prev"].lower() not in _AUXILIARY and rr["part"].lower() not in NOT_PAST_ED:
        return "reduced"
    after = sentence[t.end : t.end + 30]
    if _DETERMINER_BEFORE.search(before) and _NOUN_AFTER.match(after) and t.value[:1].isdigit():
        # "the 2016 referendum", "Britain's 2016 vote": the date names a known event
        if len(t.value) <= 4:
            return "modifier"
    if _POSSESSIVE_AFTER.match(after) and len(t.value) == 4:
        return "modifier"  # "2016's referendum"
    return None


def _split_events(
    timexes: Sequence[Timex], sentence: str
) -> tuple[tuple[Timex, ...], tuple[Timex, ...]]:
    """Events are the least background-looking dates: plain ones, else dates in reduced
    relatives ("talks held on 3 March"), else premodifiers ("the 2016 vote"); dates after
    "since", "founded in" ... are always background."""
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and not t.invalid]
    kinds = [(t, _is_background_kind(t, sentence)) for t in dated]
    present = {k for _, k in kinds}
    event_kind = next((k for k in (None, "reduced", "modifier") if k in present), "none")
    events = tuple(t for t, k in kinds if k == event_kind)
    background = tuple(t for t, k in kinds if k != event_kind)
    return events, background


def date_sentences(sentences: Sequence[str], dct: datetime | date | None) -> list[SentenceDating]:
    """One :class:`SentenceDating` per sentence, in order; anaphora carries across sentences."""
    state = new_state(dct)
    out: list[SentenceDating] = []
    for sentence in sentences:
        text = sentence if isinstance(sentence, str) else ""
        timexes = tag_with_state(text, state)
        events, background = _split_events(timexes, text)
        out.append(
            SentenceDating(
                timexes=tuple(timexes),
                events=events,
                background=background,
                tense=sentence_tense(text),
            )
        )
    return out
