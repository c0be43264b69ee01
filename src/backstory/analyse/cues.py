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
    r"(?:is|are|were|was)\s+(?:thought|believed|understood|said|reported|feared|expected)\s+to",
    r"according\s+to\s+(?:unnamed|anonymous)",
    r"(?:unnamed|anonymous)\s+(?:sources?|officials?)",
    r"sources?\s+(?:said|say|told|claim)",
    r"claims?|claimed",
    r"suggests?|suggested",
    r"possibly|perhaps|likely|unlikely|probably",
    r"estimated?|estimates",
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

#: Advice addressed to readers, in the source's words: "do".
GUIDANCE_DO_PATTERNS: tuple[str, ...] = (
    r"(?:are|is|were|was)\s+(?:being\s+)?(?:advised|urged|encouraged|asked|told|reminded|"
    r"recommended)\s+to\s+(?!not\b|avoid\b)",
    r"(?:advises|advised|urges|urged|encourages|encouraged|recommends|recommended|reminds|"
    r"reminded|asks|asked)\s+(?:\w+\s+){0,4}?to\s+(?!not\b|avoid\b)",
    r"recommend(?:s|ed)?\s+(?:that|\w+ing)",
    r"(?:people|customers|passengers|travellers|residents|households|consumers|users|"
    r"drivers|parents|patients|businesses|firms|employers|anyone|those|you|borrowers|"
    r"homeowners|savers|account\s+holders|members\s+of\s+the\s+public)\s+"
    r"(?:\w+\s+){0,3}?(?:should|must|need\s+to|ought\s+to)\s+(?!not\b|avoid\b|never\b)",
    r"(?:the\s+)?(?:advice|guidance|recommendation)\s+is\s+to\s+(?!not\b|avoid\b)",
    r"(?:it\s+is|it's)\s+(?:advisable|recommended|important|essential|wise)\s+to\s+",
)
#: Advice against something: "don't".
GUIDANCE_DONT_PATTERNS: tuple[str, ...] = (
    r"(?:advis(?:e|es|ed)|urg(?:e|es|ed)|encourag(?:e|es|ed)|ask(?:s|ed)?|tell(?:s)?|told|"
    r"remind(?:s|ed)?|warn(?:s|ed)?)\s+(?:\w+\s+){0,4}?(?:not\s+to|"
    r"to\s+avoid|against)",
    r"warn(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?against",
    r"(?:should|must|need\s+to)\s+(?:not|never|avoid)\b",
    r"shouldn't|mustn't",
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
    r"would",
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


def _compile(patterns: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")", flags)


_HEDGED = _compile(HEDGE_PATTERNS)
_DISPUTED = _compile(DISPUTE_PATTERNS)
_DO = _compile(GUIDANCE_DO_PATTERNS)
_DONT = _compile(GUIDANCE_DONT_PATTERNS)
_FORWARD = _compile(FORWARD_PATTERNS)
_SCHEDULED = _compile(SCHEDULED_PATTERNS)
# "May" the month is not the modal verb; "could" and "may" are hedges only as modals.
_MONTH_MAY = re.compile(
    r"\b(?i:in|on|by|since|until|of|from|early|late|mid-?|last|next|this)\s+May\b|\bMay\s+\d"
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


def is_guidance(sentence: str) -> str | None:
    """ "do" or "dont" when the sentence gives advice to the public in the source's words;
    None otherwise. "Don't" wins when both are present ("urged to check ... and not to call")."""
    dont = bool(_QUOTED_IMPERATIVE_DONT.search(sentence))
    if not dont:
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
    if _DO.search(sentence) or _QUOTED_IMPERATIVE_DO.search(sentence):
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
