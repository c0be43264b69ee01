"""Definitions that sources give in passing: acronyms, appositives, copular and bracketed glosses.

Hand-written because the definitions section must quote where each meaning comes from, and news
prose defines terms in a few fixed shapes: "the Monetary Policy Committee (MPC)", "CrowdStrike,
a US cybersecurity company, ...", "Bank Rate is the interest rate ...". Acronyms are matched to
their long forms with the Schwartz-Hearst algorithm (Schwartz and Hearst, 2003), the standard
simple method; the other shapes are precompiled patterns with filters against clauses, pronouns
and names posing as definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Term", "extract_terms", "acronym_matches"]


@dataclass(frozen=True)
class Term:
    """A term and its meaning; ``text[start:end]`` is the passage holding both."""

    term: str
    definition: str
    kind: str  # "acronym" | "appositive" | "copular" | "parenthetical"
    start: int
    end: int


#: Longest definition kept, in words: longer ones are clauses or whole sentences, not glosses.
MAX_DEFINITION_WORDS = 25
#: Longest acronym read: longer bracketed capitals are names or shouting, not abbreviations.
MAX_ACRONYM_LEN = 10

_NAME = r"[A-Z][\w'’.&-]*(?:\s+(?:of|the|for|and|de|du|van|von|al|bin|&)?\s*[A-Z][\w'’.&-]*)*"
_ACR_AFTER = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.-]{1,12})\s*\)")
_ACR_BEFORE = re.compile(r"\b([A-Z][A-Za-z0-9&]{1,9})\s+\(\s*([^()]{3,120}?)\s*\)")
_APPOSITIVE = re.compile(
    rf"(?P<term>\b{_NAME})\s*(?P<sep>,|\s[–—]|\s-)\s+"
    rf"(?P<def>(?:a|an|the|[A-Z][\w'’.-]*['’]s)\s[^,;:()\"“”–—]{{2,200}}?)"
    r"\s*(?P<end>,|;|\.(?=\s|$)|\s[–—]|\s-\s|$)"
)
_APPOSITIVE_BEFORE = re.compile(
    rf"(?P<def>\b(?:the|a|an)\s(?:[\w'’-]+\s){{0,6}}?[\w'’-]+),\s+(?P<term>{_NAME}),"
)
_OPENING_PHRASE = r"[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}"
_COPULAR = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?:The\s+)?(?P<term>{_NAME}|{_OPENING_PHRASE}|[\"“‘'][^\"”’']{{2,40}}[\"”’'])"
    r"(?:\s+\([^()]{1,30}\))?\s+"
    r"(?P<verb>is|are|refers\s+to|means|stands\s+for|describes)\s+"
    r"(?P<def>(?:a|an|the|when|how|what)\s[^;]{2,300}?)(?=[.;!?](?:\s|$)|$)"
)
_PARENTHETICAL = re.compile(
    rf"(?P<term>(?:^|(?<=[.!?]\s)){_OPENING_PHRASE}|\b{_NAME}|[\"“‘'][^\"”’']{{2,40}}[\"”’'])\s+"
    r"\((?P<def>(?:the|a|an|known\s+as|also\s+called|or)\s[^()]{3,200}?)\)"
)

# Every shape needs a bracket, a comma, a long dash, a spaced hyphen or a copula; the first
# three are looked for as characters (far cheaper than a pattern), the others with this.
_OTHER_CUE = re.compile(r"\s-\s|\b(?:is|are|means|refers|stands|describes)\b")
# What each pattern cannot match without (checked before running it; the test suite holds
# that a pattern never matches where its cue is missing).
_COPULA_CUE = re.compile(r"\s(?:is|are|refers|means|stands|describes)\s")
# _APPOSITIVE's separator and the opening of its definition (", a ", " – the ", ", Labour's "),
# as the pattern spells them: most sentences have a comma, far fewer an appositive's opening.
_APPOSITIVE_CUE = re.compile(r"(?:,|\s[–—]|\s-)\s+(?:a|an|the|[A-Z][\w'’.-]*['’]s)\s")
# _APPOSITIVE_BEFORE's ", Name," part: a name (no comma in _NAME) between two commas. Cheap to
# look for (the engine skips to each comma), and missing from most sentences that have a comma.
_NAME_BETWEEN_COMMAS = re.compile(r",\s+[A-Z][^,]*,")
_PRONOUNS = frozenset(
    """i you he she it we they this that these those there here who which what one someone
    everyone nobody anyone something everything nothing his her its their our my your""".split()
)
# Capitalised words that open sentences or clauses and are never the defined term.
_NOT_TERMS = frozenset(
    """however meanwhile but and so yet also then now today yesterday tomorrow last next this
    that these those there it he she they we in on at for from to by with after before during
    since under as if when while although though because a an the mr mrs ms dr sir monday
    tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december earlier later instead still""".split()
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|said|says|will|would|did|does|do|can|could|should|"
    r"may|might|must|told|announced)\b"
)
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|whom|where|when)\b")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_INTRO_PREPOSITION = re.compile(
    r"(?:^|[.!?]\s+)(?:In|On|At|From|For|By|With|After|Before|During|Since|Under|Across)\s+$"
)
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "a", "an", "&", "at"})


def acronym_matches(short: str, long: str) -> bool:
    """Schwartz-Hearst: every letter or digit of ``short`` occurs in ``long`` in order, right
    to left, and its first letter starts a word of ``long``. Case-insensitive, so "Nato" and
    "TfL" match as well as "MPC"."""
    s = [c for c in short.lower() if c.isalnum()]
    lf = long.lower()
    if len(s) < 2 or not lf:
        return False
    si = len(s) - 1
    li = len(lf) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        si -= 1
        li -= 1
    return True


def _best_long_form(short: str, before: str) -> str | None:
    """The shortest run of words ending ``before`` whose initials spell ``short``."""
    words = before.split()
    letters = sum(c.isalnum() for c in short)
    limit = min(len(words), letters + 5, letters * 2)
    for n in range(1, limit + 1):
        candidate = words[-n:]
        if candidate[0].lower() in _SMALL_WORDS:
            continue
        long = " ".join(candidate)
        if acronym_matches(short, long) and long[0].lower() == short[0].lower():
            # Loose initials check: most content words should lend a letter to the acronym.
            content = [w for w in candidate if w.lower() not in _SMALL_WORDS]
            initials = sum(1 for w in content if w[0].lower() in short.lower())
            if initials * 2 >= len(content):
                return long
    return None


def _too_long(definition: str) -> bool:
    return len(definition.split()) > MAX_DEFINITION_WORDS


def _clean_term(term: str) -> str:
    return _LEADING_ARTICLE.sub("", term.strip(" \"“”‘’'"))


def _is_term(term: str) -> bool:
    first = term.split()[0].lower().strip(".")
    return bool(term) and first not in _NOT_TERMS and term.lower() not in _PRONOUNS


def _is_clause(definition: str) -> bool:
    """A finite verb before any relative pronoun: "a man was arrested" is a clause, not a gloss;
    "a company that was founded in 2011" is a gloss."""
    verb = _VERBISH.search(definition)
    if not verb:
        return False
    rel = _RELATIVE.search(definition)
    return rel is None or rel.start() > verb.start()


def _just_a_name(definition: str) -> bool:
    words = _LEADING_ARTICLE.sub("", definition).split()
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def _may_define(text: str) -> bool:
    """Whether ``text`` holds a bracket, a comma, a long dash, a spaced hyphen or a copula,
    one of which every definition shape needs."""
    return "(" in text or "," in text or "–" in text or "—" in text or bool(_OTHER_CUE.search(text))


def extract_terms(text: str) -> list[Term]:
    """Terms defined in ``text``, in order, one per (term, kind); offsets into ``text``."""
    if not _may_define(text):
        return []  # no bracket, comma, dash or copula: nothing can be defined here
    found: list[Term] = []
    bracket = "(" in text
    comma = "," in text
    dash = comma or "-" in text or "–" in text or "—" in text

    for m in _ACR_AFTER.finditer(text) if bracket else ():
        short = m.group(1).rstrip(".")
        if len(short) > MAX_ACRONYM_LEN or sum(c.isupper() for c in short) < 1:
            continue
        before = text[max(0, m.start() - 160) : m.start()]
        before = re.split(r"[.;:!?()\[\]\"“”,]", before)[-1]
        long = _best_long_form(short, before)
        if long and long.lower() != short.lower():
            start = m.start() - len(before) + before.rfind(long)
            if text[start : start + len(long)] == long:
                found.append(Term(short, long, "acronym", start, m.end()))

    for m in _ACR_BEFORE.finditer(text) if bracket else ():
        short, long = m.group(1), m.group(2)
        if sum(c.isupper() for c in short) < 2 or len(long.split()) < 2:
            continue
        long_clean = _LEADING_ARTICLE.sub("", long)
        if acronym_matches(short, long_clean) and long_clean[0].lower() == short[0].lower():
            found.append(Term(short, long_clean, "acronym", m.start(), m.end()))

    for m in _APPOSITIVE.finditer(text) if dash and _APPOSITIVE_CUE.search(text) else ():
        term, definition = _clean_term(m.group("term")), m.group("def").strip()
        if not _is_term(term) or _too_long(definition) or _is_clause(definition):
            continue
        if _just_a_name(definition) or _INTRO_PREPOSITION.search(text, 0, m.start("term")):
            continue
        found.append(Term(term, definition, "appositive", m.start("term"), m.end("def")))

    for m in _APPOSITIVE_BEFORE.finditer(text) if _NAME_BETWEEN_COMMAS.search(text) else ():
        term, definition = _clean_term(m.group("term")), m.group("def").strip()
        if not _is_term(term) or _is_clause(definition) or _just_a_name(definition):
            continue
        found.append(Term(term, definition, "appositive", m.start("def"), m.end("term")))

    for m in _COPULAR.finditer(text) if _COPULA_CUE.search(text) else ():
        term, definition = _clean_term(m.group("term")), m.group("def").strip()
        if _LEADING_ARTICLE.match(m.group("term")) and term[:1].islower():
            continue  # "The vote is a blow": a common noun phrase, not a term
        if _too_long(definition) and "," in definition:
            definition = definition[: definition.index(",")]
        if not _is_term(term) or _too_long(definition) or _just_a_name(definition):
            continue
        end = m.start("def") + len(definition)
        found.append(Term(term, definition, "copular", m.start("term"), end))

    for m in _PARENTHETICAL.finditer(text) if bracket else ():
        term = _clean_term(m.group("term"))
        if _LEADING_ARTICLE.match(m.group("term")) and term[:1].islower():
            continue
        definition = re.sub(r"^(?:known\s+as|also\s+called|or)\s+", "", m.group("def").strip())
        if not _is_term(term) or _too_long(definition) or _is_clause(definition):
            continue
        found.append(Term(term, definition, "parenthetical", m.start("term"), m.end()))

    seen: set[tuple[str, str]] = set()
    out: list[Term] = []
    for t in sorted(found, key=lambda t: (t.start, t.end)):
        key = (t.term.lower(), t.kind)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out
