"""Sentence cues the composer sorts by: hedged, disputed, advice, forward-looking, scheduled.

Hand-written lexicons and patterns, because each section must only hold what the sources
actually say (advice a source gives, a dispute a source reports), the cues are few and
well-known in news style, and the composer calls them on every sentence of every source, so
they must be precompiled regexes with no model behind them. The word lists are named constants
so that a reviewer can see, and tests can pin, exactly what counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "audience_score",
    "is_disputed",
    "is_forward_looking",
    "is_guidance",
    "is_hedged",
    "is_scheduled_event",
]

#: Modal and evidential words that make a statement uncertain or second-hand.
HEDGE_PATTERNS: tuple[str, ...] = (
    r"may",
    r"might",
    r"could",
    r"reportedly",
    r"allegedly",
    r"alleged",
    r"purportedly",
    r"apparently",
    r"unconfirmed",
    r"unverified",
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:independently\s+)?(?:confirmed|verified)",
    r"(?:it\s+is|it's|it\s+was|it\s+remains)\s+(?:still\s+)?(?:unclear|not\s+clear|uncertain)",
    r"remains?\s+(?:unclear|uncertain)",
    r"unclear\s+(?:whether|if|how|when|why|what)",
    # not "is expected to": a forecast or a schedule, which the next steps show, not a caveat
    r"(?:is|are|were|was)\s+(?:thought|believed|understood|said|reported|feared)\s+to",
    r"according\s+to\s+(?:unnamed|anonymous)",
    r"(?:unnamed|anonymous)\s+(?:sources?|officials?)",
    r"sources?\s+(?:said|say|told|claim)",
    r"(?:claims?|claimed|claiming)\s+(?:to|that)",
    r"(?:unverified|unsubstantiated|unproven)\s+claims?",
    r"suggests?|suggested",
    r"possibly|perhaps|likely|unlikely|probably",
    # not "estimate": "according to Microsoft's estimate" is a sourced figure, not a caveat
    r"disputed|denied|denies",
)
#: Words of denial and contradiction between parties.
DISPUTE_PATTERNS: tuple[str, ...] = (
    r"den(?:y|ies|ied|ying)",
    r"reject(?:s|ed|ing)?",
    r"dispute[sd]?|disputing",
    r"contradict(?:s|ed|ing)?",
    r"disagree[sd]?|disagreeing|disagreement",
    r"refut(?:e|es|ed|ing)",
    r"deni(?:al|als)",
    r"challeng(?:e|es|ed|ing)\s+(?:the|this|that|those|these)\s+(?:claim|figure|account|report)",
    r"(?:false|untrue|inaccurate|misleading|baseless|not\s+true)",
    r"(?:called|dismissed)\s+(?:it|the\s+\w+|them|this|that|those|these)?\s*(?:as\s+)?"
    r"(?:false|nonsense|fake|untrue|baseless|a\s+lie)",
    r"dismiss(?:es|ed|ing)?",
    r"at\s+odds\s+with",
)
# "However, Moscow said ..." / "But the Kremlin insisted ...": a counter-claim.
_COUNTER = re.compile(
    r"^(?:However|But)\b[^.]{0,80}?\b(?:said|says|insisted|argued|countered|maintained)\b"
)

#: Who advice is given to: the public or a group of it. "Passengers are advised to ..." is
#: guidance for readers; "the chief executive has been asked to testify" and "Kyiv urged its
#: allies to send air defences" are news about a request, not advice.
ADVICE_AUDIENCE: tuple[str, ...] = (
    r"people",
    r"customers?",
    r"passengers?",
    r"travell?ers?",
    r"residents?",
    r"households?",
    r"consumers?",
    r"users?",
    r"drivers?",
    r"motorists?",
    r"commuters?",
    r"parents?",
    r"families",
    r"patients?",
    r"businesses",
    r"firms",
    r"companies",
    r"organi[sz]ations?",
    r"employers?",
    r"workers",
    r"staff",
    r"anyone",
    r"everyone",
    r"those",
    r"you",
    r"borrowers?",
    r"homeowners?",
    r"tenants?",
    r"landlords?",
    r"savers?",
    r"investors?",
    r"shoppers?",
    r"visitors?",
    r"voters?",
    r"pensioners?",
    r"taxpayers?",
    r"claimants?",
    r"applicants?",
    r"students?",
    r"schools",
    r"clients?",
    r"administrators?",
    r"account\s+holders?",
    r"mortgage\s+holders?",
    r"(?:members\s+of\s+)?the\s+public",
)
_AUDIENCE_ALT = r"(?:" + "|".join(ADVICE_AUDIENCE) + r")"
_AUDIENCE = re.compile(rf"\b{_AUDIENCE_ALT}\b", re.IGNORECASE)
#: Words before a passive advice verb searched for who is advised ("Smaller businesses
#: affected by the outage were told to ...").
ADVISEE_WINDOW_WORDS = 10
_ADVICE_VERB = (
    r"(?:advis(?:e|es|ed)|urg(?:e|es|ed)|encourag(?:e|es|ed)|recommend(?:s|ed)?|"
    r"remind(?:s|ed)?|ask(?:s|ed)?|tell(?:s)?|told)"
)
#: "warned customers to expect delays" is a forecast; only "warned ... against/not to" advises.
_WARN_VERB = r"(?:warn(?:s|ed)?)"
#: An advice verb and the words up to "to"/"not to"/"against": "urged customers to",
#: "were advised not to", "warned against"; who is advised is checked in code.
_ADVICE_DO = re.compile(
    rf"\b(?P<passive>(?:are|is|were|was|been|being)\s+(?:being\s+)?)?{_ADVICE_VERB}\s+"
    r"(?P<obj>(?:\w+\s+){0,4}?)to\s+(?!not\b|avoid\b)",
    re.IGNORECASE,
)
_ADVICE_DONT = re.compile(
    rf"\b(?P<passive>(?:are|is|were|was|been|being)\s+(?:being\s+)?)?"
    rf"(?:{_ADVICE_VERB}|{_WARN_VERB})\s+"
    r"(?P<obj>(?:\w+\s+){0,4}?)(?:not\s+to|to\s+avoid|against)\b",
    re.IGNORECASE,
)

#: Advice addressed to readers, in the source's words, that needs no advisee check: "do".
GUIDANCE_DO_PATTERNS: tuple[str, ...] = (
    r"recommend(?:s|ed)?\s+\w+ing",
    r"recommend(?:s|ed)?\s+that\s+(?:\w+\s+){0,2}?" + _AUDIENCE_ALT + r"\b",
    _AUDIENCE_ALT + r"\s+"
    r"(?:\w+\s+){0,3}?(?:should|must|need\s+to|ought\s+to)\s+(?!not\b|avoid\b|never\b)",
    r"(?:the\s+)?(?:advice|guidance|recommendation)\s+is\s+to\s+(?!not\b|avoid\b)",
    r"(?:it\s+is|it's)\s+(?:advisable|recommended|important|essential|wise)\s+to\s+",
)
#: Advice against something: "don't".
GUIDANCE_DONT_PATTERNS: tuple[str, ...] = (
    _AUDIENCE_ALT + r"\s+(?:\w+\s+){0,3}?"
    r"(?:(?:should|must|need\s+to)\s+(?:not|never|avoid)\b|shouldn't|mustn't)",
    r"(?:advice|guidance)\s+is\s+(?:to\s+avoid|not\s+to)",
    r"(?:do\s+not|don't|never|avoid)\s+\w+",
)
# Imperatives are only advice inside a quotation (an official speaking to the public); in
# the narrative they are a headline style, not guidance.
_QUOTED_IMPERATIVE_DO = re.compile(
    r"[\"“‘]\s*(?:Please\s+)?(?:Check|Make\s+sure|Ensure|Contact|Call|Stay|Keep|Follow|"
    r"Report|Update|Visit|Seek|Allow|Plan|Register|Apply|Book|Use)\b"
)
_QUOTED_IMPERATIVE_DONT = re.compile(
    r"[\"“‘]\s*(?:Please\s+)?(?:Do\s+not|Don't|Don’t|Never|Avoid)\b"
)

#: Future tense, expectation and plans.
FORWARD_PATTERNS: tuple[str, ...] = (
    r"will",
    r"won't|won’t",
    r"shall",
    r"(?:is|are|was|were)\s+(?:expected|due|set|scheduled|planned|poised|likely|unlikely|"
    r"going|about)\s+to",
    r"(?:plans?|planning|intends?|intending|aims?|aiming)\s+to",
    r"(?:is|are)\s+scheduled",
    r"(?:next|coming)\s+(?:week|month|year|weekend|spring|summer|autumn|winter|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|few\s+(?:days|weeks|months))",
    r"later\s+(?:this|in\s+the)\s+(?:week|month|year)",
    r"in\s+the\s+coming\s+(?:days|weeks|months|years)",
    r"from\s+(?:next|the\s+start\s+of)",
    # "would have"/"would've" is a past that did not happen ("I would've added brand value"),
    # not what comes next
    r"would(?!\s+(?:not\s+)?have\b|[’']ve\b|n[’']t\s+have\b)",
    r"forecasts?|forecast\s+to|projected\s+to|predicted\s+to",
    r"deadline",
)
#: A dated or pending event a reader can watch for.
SCHEDULED_PATTERNS: tuple[str, ...] = (
    r"will\s+(?:meet|announce|decide|vote|publish|report|rule|sit|convene|hold|travel|visit|"
    r"set\s+out|deliver|present|hear|respond|begin|start|open|close|resume|return)\b",
    r"(?:is|are)\s+(?:due|scheduled|set|expected)\s+to\s+(?:meet|announce|decide|vote|publish|"
    r"report|rule|be\s+published|be\s+announced|hold|deliver|present|resume|begin|start|"
    r"take\s+place|open|close)",
    r"next\s+(?:decision|meeting|announcement|hearing|vote|round|election|review|budget|"
    r"statement|update|session)",
    r"vote\s+on\b",
    r"deadline",
    r"(?:hearing|inquiry|summit|talks|meeting|election|referendum|ruling|verdict)\s+"
    r"(?:is|are|will\s+be)\s+(?:due|scheduled|set|expected|planned)",
    r"(?:takes?|will\s+take)\s+effect",
    r"comes?\s+into\s+(?:force|effect)",
    r"(?:on|by|from|before|until)\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b(?=[^.]*\bwill\b)",
)


def _compile(
    patterns: Iterable[str], flags: int = re.IGNORECASE, *, whole_words: bool = False
) -> re.Pattern[str]:
    tail = r"\b" if whole_words else ""
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")" + tail, flags)


# whole words only: "claim" is not in "claiming", nor "may" in "mayor"
_HEDGED = _compile(HEDGE_PATTERNS, whole_words=True)
_DISPUTED = _compile(DISPUTE_PATTERNS, whole_words=True)
_DO = _compile(GUIDANCE_DO_PATTERNS)
_DONT = _compile(GUIDANCE_DONT_PATTERNS)
_FORWARD = _compile(FORWARD_PATTERNS)
_SCHEDULED = _compile(SCHEDULED_PATTERNS)
# "May" the month is not the modal verb; "could" and "may" are hedges only as modals.
_MONTH_MAY = re.compile(
    r"\b(?i:in|on|by|since|until|of|from|early|late|mid-?|last|next|this)\s+May\b|\bMay\s+\d|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+May\b"
)
#: What may stand before an imperative: the start of the sentence or quotation, or a clause
#: break ("“Stay calm. Do not call 999 unless ...”").
_IMPERATIVE_START = re.compile(r"(?:^|[\"“‘:;]\s*|[.!?]\s+)(?:Please\s+)?$")
_DONT_NARRATIVE = re.compile(r"\b(?:do\s+not|don't|never|avoid)\s+\w+", re.I)


def is_hedged(sentence: str) -> bool:
    """The statement is uncertain, second-hand or contested ("may", "reportedly", "it is
    unclear", "is believed to", "claims", "denied")."""
    for m in _HEDGED.finditer(sentence):
        if m.group(0) == "May" and (
            m.start() == 0 or _MONTH_MAY.search(sentence, max(0, m.start() - 8), m.end() + 3)
        ):
            continue  # the month, or a sentence-initial capital: "May 2025 saw ..."
        return True
    return False


def is_disputed(sentence: str) -> bool:
    """Someone denies, rejects or contradicts a claim, or a "However, X said" counter-claim."""
    return bool(_DISPUTED.search(sentence) or _COUNTER.search(sentence.lstrip()))


def _to_public(sentence: str, m: re.Match[str]) -> bool:
    """Whether an advice verb's match addresses the public: its object ("urged customers
    to"), else the subject before a passive ("passengers are advised to"), else no one named
    ("warned against all travel")."""
    obj = m.group("obj").strip()
    if obj:
        return bool(_AUDIENCE.search(obj))
    if m.group("passive"):
        before = sentence[: m.start()].split()[-ADVISEE_WINDOW_WORDS:]
        return bool(_AUDIENCE.search(" ".join(before)))
    return True


#: Lower-case substrings at least one of which each advice pattern needs, so that a sentence
#: with none of them (most sentences) skips that pattern: the patterns are long alternations
#: and the composer asks about every sentence of every source.
_QUOTE_MARKS = ('"', "“", "‘")
_ADVICE_VERB_STEMS = ("advis", "urg", "encourag", "recommend", "remind", "ask", "tell", "told")
_DO_NEEDS = (
    "recommend",
    "should",
    "must",
    "need",
    "ought",
    "advice",
    "guidance",
    "advisable",
    "important",
    "essential",
    "wise",
)
_DONT_NEEDS = ("should", "must", "need", "advice", "guidance", "n't", "not", "never", "avoid")


def _has(lowered: str, needles: tuple[str, ...]) -> bool:
    for n in needles:  # a plain loop: a generator costs more than the tests
        if n in lowered:
            return True
    return False


def is_guidance(sentence: str) -> str | None:
    """ "do" or "dont" when the sentence gives advice to the public in the source's words;
    None otherwise. "Don't" wins when both are present ("urged to check ... and not to call")."""
    lowered = sentence.lower()
    quoted = _has(sentence, _QUOTE_MARKS)
    verb = _has(lowered, _ADVICE_VERB_STEMS)
    warn = verb or "warn" in lowered
    dont = bool(quoted and _QUOTED_IMPERATIVE_DONT.search(sentence)) or (
        warn and any(_to_public(sentence, m) for m in _ADVICE_DONT.finditer(sentence))
    )
    if not dont and _has(lowered, _DONT_NEEDS):
        for m in _DONT.finditer(sentence):
            # A bare "do not"/"never" in narrative ("Officials do not know ...") is no advice:
            # it needs an advice verb or a quotation around it.
            if _DONT_NARRATIVE.fullmatch(m.group(0)) and not (
                _in_quote(sentence, m.start()) and _IMPERATIVE_START.search(sentence[: m.start()])
            ):
                continue  # "We do not see any roadblocks," he said: a statement, not advice
            dont = True
            break
    if dont:
        return "dont"
    if _has(lowered, _DO_NEEDS) and _DO.search(sentence):
        return "do"
    if quoted and _QUOTED_IMPERATIVE_DO.search(sentence):
        return "do"
    if verb and any(_to_public(sentence, m) for m in _ADVICE_DO.finditer(sentence)):
        return "do"
    return None


def _in_quote(sentence: str, pos: int) -> bool:
    before = sentence[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def is_forward_looking(sentence: str) -> bool:
    """The sentence is about what will or may happen: future tense, plans, expectations,
    "next week", conditional "would"."""
    return bool(_FORWARD.search(sentence))


def is_scheduled_event(sentence: str) -> bool:
    """The sentence names a pending, scheduled event: a meeting, vote, decision, deadline."""
    return bool(_SCHEDULED.search(sentence))


def audience_score(sentence: str, profile_terms: Iterable[str]) -> int:
    """How many of the audience profile's terms the sentence mentions (case-insensitive,
    whole words; each term counted once)."""
    lowered = sentence.lower()
    score = 0
    for term in profile_terms:
        t = term.strip().lower()
        if not t or t not in lowered:
            continue  # cheap substring test before the word-boundary regex
        if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", lowered):
            score += 1
    return score
