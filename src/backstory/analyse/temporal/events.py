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
from backstory.analyse.temporal.tagger import _FOLDS_TO_ASCII, new_state, tag_with_state

_I = re.IGNORECASE

# Always background: the state holds since/throughout the date, or it dates an origin.
_ALWAYS_BACKGROUND_BEFORE = re.compile(
    r"(?:\bsince|\bfounded\s+in|\bestablished\s+in|\bborn\s+(?:in|on)|\bdating\s+(?:back\s+)?to|"
    r"\bdates\s+(?:back\s+)?to|\bcreated\s+in|\bformed\s+in|\bbuilt\s+in|\bset\s+up\s+in|"
    r"\bin\s+place\s+since|\bever\s+since|\bfirst\s+\w+\s+in|\bas\s+far\s+back\s+as|\bunlike\s+in|"
    r"\bcompared\s+with|\bcompared\s+to|\bthan\s+in|\bthan|"
    # "since the war began on October 7": the start of a state that still holds
    r"\bsince\s+(?:[\w'’]+\s+){1,3}(?:began|started|broke\s+out|erupted|opened|took\s+office|"
    r"came\s+to\s+power)\s+(?:on|in))\s+(?:the\s+|early\s+|late\s+|mid-?)?$",
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

# "plans to" is a verb, but "a plan to", "his plan to", "Russia's plans to" name a plan that
# may lie in the past ("foiled his plan to leave the embassy"): no future after a determiner.
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|is\s+(?:expected|set|due|scheduled|poised|going)\s+to|"
    r"are\s+(?:expected|set|due|scheduled|poised|going)\s+to|"
    r"(?<!\ba\s)(?<!\bthe\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bits\s)(?<!\bour\s)(?<!\btheir\s)"
    r"(?<!\bthis\s)(?<!['’]s\s)plans?\s+to|intends?\s+to|"
    r"aims?\s+to|is\s+to|are\s+to)\b|['’]ll\b",
    _I,
)
# A perfect of "be" reads as past ("has been closed"); other past cues are shared with the
# tagger (lexicon.PAST_FORMS, lexicon.is_past_ed).
_BEEN = re.compile(r"\b(?:has|have)\s+been\b", _I)
_WORDS = re.compile(r"[A-Za-z]+")


def _ascii_lower(text: str) -> str | None:
    """``text.lower()`` when a substring test on it is a case-insensitive test for an ASCII
    word in ``text``, else None. Cheap substring tests rule out a regex search that would
    try every position of the text."""
    return None if _FOLDS_TO_ASCII.search(text) else text.lower()


# Words one of which every match of :data:`_FUTURE` holds as a whole ASCII word (a ``\b``
# on each side of it rules out a letter next to it), save the "is/are [expected] to" branches.
_FUTURE_WORDS = frozenset("will won shall ll plan plans intend intends aim aims".split())
_FUTURE_TO_AFTER = frozenset("expected set due scheduled poised going".split())


def _may_be_future(words: list[str]) -> bool:
    """False only where :data:`_FUTURE` cannot match the text whose lowercase ASCII words
    (maximal letter runs, in order) are ``words``: a future word, or "is"/"are" followed by
    "to" or by "expected" ... and "to" (runs separated by whitespace are consecutive)."""
    if not _FUTURE_WORDS.isdisjoint(words):
        return True
    if "to" not in words or ("is" not in words and "are" not in words):
        return False
    n = len(words)
    for i, w in enumerate(words):
        if w == "is" or w == "are":
            nxt = words[i + 1] if i + 1 < n else ""
            if nxt == "to" or (nxt in _FUTURE_TO_AFTER and i + 2 < n and words[i + 2] == "to"):
                return True
    return False


# An "-ed" word is an adjective, not a past verb, after a determiner ("a blacked roof", "the
# most politically charged change"), after a present form of "be" or of a linking verb (the
# present passive "is covered", "can be punished", "getting hired", "becomes riled"), as the
# second half of a compound ("peer-reviewed", "NASA-inspired") and in "compared to/with".
# Adverbs of degree may stand between ("are all wrapped", "a more sculpted hood"). The same
# holds for irregular forms ("five-spoke wheels", "is held", "the left wing"). Found on
# real news pages, where such words made present-tense sentences past (issue 3).
_ADJECTIVE_OPENERS = frozenset(
    "a an the its their his her our your my this these those is are am be being get gets "
    "getting become becomes seem seems remain remains appear appears".split()
)
_DEGREE_WORDS = frozenset(
    "more most less least very so too all not also already still well only now never often "
    "sometimes always even".split()
)
# words in "-ly" that are nouns or adjectives, not adverbs of degree ("the family owned")
_LY_NOT_ADVERB = frozenset(
    "family ally rally supply assembly reply italy july daily weekly monthly yearly quarterly "
    "hourly nightly early holy elderly belly jelly bully lily sally kelly molly polly billy "
    "emily fly apply comply rely imply multiply".split()
)


def _is_adjective_ed(
    sentence: str, spans: Sequence[tuple[int, int]], words: Sequence[str], i: int
) -> bool:
    """Whether ``words[i]`` (a past form) is used as an adjective or a present passive, or
    is an acronym; ``words`` are the sentence's lowercase letter runs and ``spans`` their
    offsets. The words between the opener and it are separated by spaces only ("look,”
    said" is not)."""
    start, end = spans[i]
    if start and sentence[start - 1] == "-":
        return True
    if sentence[start:end].isupper() and end - start > 1 and not sentence.isupper():
        return True  # an acronym in ordinary text: "LED headlights" (an autos page)
    if words[i] == "compared" and i + 1 < len(words) and words[i + 1] in ("to", "with"):
        return True
    j = i - 1
    while j >= 0 and sentence[spans[j][1] : spans[j + 1][0]].isspace():
        w = words[j]
        if w in _ADJECTIVE_OPENERS:
            return True
        if not (
            w in _DEGREE_WORDS or (len(w) > 4 and w.endswith("ly") and w not in _LY_NOT_ADVERB)
        ):
            return False
        j -= 1
    return False


def _is_past_word(w: str) -> bool:
    return w in PAST_FORMS or is_past_ed(w)


def _has_past_form(sentence: str) -> bool:
    """Whether a past form ("signed", "met") that is not used as an adjective or a
    participle of the present passive ("a blacked roof", "five-spoke wheels", "is held") is
    in ``sentence``."""
    matches = list(_WORDS.finditer(sentence))
    words = [m[0].lower() for m in matches]
    spans = [m.span() for m in matches]
    return any(
        _is_past_word(w) and not _is_adjective_ed(sentence, spans, words, i)
        for i, w in enumerate(words)
    )


def sentence_tense(sentence: str) -> str:
    """'future' | 'past' | 'present' of a sentence's main verb group, by simple cues:
    a future marker (will, is expected to, plans to ...) wins, then any past form that is
    not used as an adjective. A future inside a quotation counts too ("'We will appeal,' he
    said"): the checker reads a past tense as licence to flag dates after the page date."""
    low = _ascii_lower(sentence)
    if low is None:  # a character that folds to ASCII: the plain pass
        if _FUTURE.search(sentence):
            return "future"
        if _BEEN.search(sentence):
            return "past"
        return "past" if _has_past_form(sentence) else "present"
    words = _WORDS.findall(low)
    if _may_be_future(words) and _FUTURE.search(sentence):
        return "future"
    if "been" in words and _BEEN.search(sentence):
        return "past"
    # only the past-looking words (a regular one ends in -ed) are read in context; the letter
    # runs of ``low`` are those of ``sentence`` lowercased, at the same offsets
    past = [
        i
        for i, w in enumerate(words)
        if w in PAST_FORMS or (w[-2:] == "ed" and is_past_ed(w))  # is_past_ed ends in -ed
    ]
    if past:
        spans = [m.span() for m in _WORDS.finditer(low)]
        if not all(_is_adjective_ed(sentence, spans, words, i) for i in past):
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
    low = _ascii_lower(clause)
    if low is not None and "that" not in low and "wh" not in low:
        return False  # no relative pronoun for _RELATIVE to find
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


# Cheap tests that rule out a search (on the lowercase text before an expression): every
# match of _ALWAYS_BACKGROUND_BEFORE holds one of these words (each branch opens with one);
# every match of _REDUCED_RELATIVE ends, trailing whitespace stripped, with one of these.
_ALWAYS_BACKGROUND_WORDS = (
    "since", "founded", "established", "born", "dating", "dates", "created", "formed",
    "built", "set", "first", "far", "unlike", "compared", "than"
)  # fmt: skip
_REDUCED_RELATIVE_TAILS = ("in", "on", "during", "the")


def _may_be_always_background(low: str) -> bool:
    return any(w in low for w in _ALWAYS_BACKGROUND_WORDS)


def _is_background_kind(t: Timex, sentence: str) -> str | None:
    """'always' | 'modifier' | None for one DATE/TIME expression."""
    before = sentence[max(0, t.start - 40) : t.start]
    low = _ascii_lower(before)
    # None: a character that folds to ASCII, so every pattern is tried
    tail = low.rstrip() if low is not None else None
    if (low is None or _may_be_always_background(low)) and (
        _ALWAYS_BACKGROUND_BEFORE.search(before)
    ):
        return "always"
    if _in_relative_clause(t, sentence):
        return "always"
    if tail is None or tail.endswith(_REDUCED_RELATIVE_TAILS):
        rr = _REDUCED_RELATIVE.search(before)
        if rr and rr["prev"].lower() not in _AUXILIARY and rr["part"].lower() not in NOT_PAST_ED:
            return "reduced"
    after = sentence[t.end : t.end + 30]
    if (
        t.value[:1].isdigit()
        and _DETERMINER_BEFORE.search(before)
        and _NOUN_AFTER.match(after)
        and len(t.value) <= 4
    ):
        # "the 2016 referendum", "Britain's 2016 vote": the date names a known event
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
    if not timexes:
        return (), ()
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
