"""Quantities in news prose: the figure as written, its value, unit and what it counts.

Hand-written because no offline library fits: quantulum3 and friends know units but not news
conventions ("£30m", "8.5 million Windows devices", "a 5-4 vote", "411 seats won by Labour"),
and they happily read dates, years, phone numbers and labels ("Article 50", "G7",
"Windows 11") as quantities, which is exactly what the explainer's numbers section and the
checker's "one figure stated two ways" rule must never do. Dates, times, phone and version
numbers are masked first; then a few precompiled patterns find the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = ["Quantity", "extract_numbers", "parse_number", "same_quantity", "trie_alternation"]


@dataclass(frozen=True)
class Quantity:
    """One figure of a text. ``text == source[start:end]``; the hedge word is not in the span."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    counts: str | None
    approx: bool
    hedge: str | None

    def shifted(self, by: int) -> Quantity:
        """The same figure with its offsets moved by ``by`` (sentence <-> text offsets);
        built directly, which costs less than ``dataclasses.replace``."""
        return Quantity(
            self.start + by,
            self.end + by,
            self.text,
            self.value,
            self.unit,
            self.counts,
            self.approx,
            self.hedge,
        )


# --- number words -------------------------------------------------------------------------

#: Number words up to ninety (the temporal lexicon builds its tables from this one).
NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_NUMBER_TOKEN = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)([a-z]*)")
_SPLIT_WORDS = re.compile(r"[\s-]+")


def parse_number(text: str) -> float | None:
    """Value of a number as written: "1,717", "8.5 million", "£1.2bn", "two and a half",
    "a dozen", "half a million", "twenty-five". None when it is not a number."""
    tokens = [t for t in _SPLIT_WORDS.split(text.strip().lower().lstrip("£$€¥₹")) if t]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for i, tok in enumerate(tokens):
        m = _NUMBER_TOKEN.fullmatch(tok)
        if m:
            if seen and current:
                return None  # "12 34": two numbers, not one
            current += float(m.group(1).replace(",", ""))
            seen = True
            suffix = m.group(2)
            if suffix:
                if suffix not in _SCALES or suffix == "hundred":
                    return None
                total += current * _SCALES[suffix]
                current = 0.0
            continue
        if tok in NUMBER_WORDS:
            current += NUMBER_WORDS[tok]
            seen = True
        elif tok == "a" or tok == "an":
            # "a dozen", "a hundred", "two and a half", "half a million"
            if i + 1 >= len(tokens):
                return None
        elif tok == "and":
            if not seen or i + 1 >= len(tokens):
                return None
        elif tok == "half":
            current += 0.5
            seen = True
        elif tok == "quarter":
            current += 0.25
            seen = True
        elif tok == "dozen":
            current = (current or 1) * 12
            seen = True
        elif tok == "hundred":
            current = (current or 1) * 100
            seen = True
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


# --- masks: things that look like numbers but are not quantities -----------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_MASKS = [
    # day-month(-year): "4 July 2024", "4-5 July", "4th of July"
    re.compile(rf"\b{_DAYNUM}(?:\s*[-–]\s*{_DAYNUM})?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"),
    # month-day(-year) and month-year: "July 4, 2024", "February 2022"
    re.compile(rf"\b{_MONTH}\s+(?:{_DAYNUM}(?:\s*[-–]\s*{_DAYNUM})?(?:,?\s+\d{{4}})?|\d{{4}})\b"),
    # numeric dates: 2024-07-04, 04/07/2024, 4.7.2024
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"),
    # times: 10:30, 3pm, 3.30pm, 9 a.m., 1400 GMT
    re.compile(
        r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d{2}(?::\d{2})?\b"
        r"|\b\d{4}\s*(?:GMT|BST|UTC|CET|EST|EDT|PST)\b"
    ),
    # phone numbers: 020 7946 0000, +44 20 7946 0000, 0800 123 456
    re.compile(r"(?<![\w£$€])(?:\+\d{1,3}[\s-]?)?\(?0?\d{2,5}\)?[\s-]\d{3,4}[\s-]?\d{3,4}\b"),
    # version numbers and dotted codes: 11.2.1, v2, v2.3
    re.compile(r"\b\d+(?:\.\d+){2,}\b|\bv\d+(?:\.\d+)*\b", re.I),
    # "N years/months ago" is a date, resolved by the temporal engine
    re.compile(
        r"\b(?:\d+(?:\.\d+)?|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
        r"|twelve|a few|several|(?:a\s+)?couple\s+of)(?:\s+and\s+a\s+half)?)\s+"
        r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\s+ago\b",
        re.I,
    ),
]
_AGO_MASK = _MASKS[-1]
#: What a match of each mask always holds, as patterns that open with a plain character set,
#: which the regex engine skips through far faster than it tries a mask at every character;
#: a mask is run only where one of its cues is found. A month name opens with one of these
#: twelve letter triples; "am", "pm", "a.m." and "p.m." all hold "[ap].?m"; ``re.I`` makes the
#: "v" of "v2" match "v" and "V" and nothing else. (The test suite holds that a mask never
#: matches where its cues are missing.)
_MONTH_CUE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_MASK_CUES: dict[re.Pattern[str], tuple[re.Pattern[str], ...]] = {
    _MASKS[0]: (_MONTH_CUE,),
    _MASKS[1]: (_MONTH_CUE,),
    _MASKS[2]: (re.compile(r"\d[-/.]\d"),),
    _MASKS[3]: (re.compile(r"\d(?::\d|\s*(?:[ap]\.?m|GMT|BST|UTC|CET|EST|EDT|PST))"),),
    _MASKS[4]: (re.compile(r"\d\)?[\s-]\d\d\d"),),
    _MASKS[5]: (re.compile(r"\d\.\d+\.\d"), re.compile(r"[vV]\d")),
}
_DIGIT = re.compile(r"\d")
# A bare year: four digits 1800-2099, optionally a span "2024-25". Masked unless the number
# carries currency, a percent sign or a scale word (checked at match time).
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")

# A number right after one of these capitalised words is a label, not a quantity.
_LABEL_WORDS_OK = frozenset(
    """the a an some about around nearly almost over under more less fewer up only just all
    another those these its their his her our of in on at by for from to with and but or
    total overall roughly approximately at least exactly some by nearly a further fully""".split()
)

# --- the figure pattern ----------------------------------------------------------------------

_HEDGES = (
    "more than|fewer than|less than|greater than|at least|at most|up to|as many as|as much as"
    "|as few as|close to|just over|just under|well over|well under|in excess of|an estimated"
    "|estimated|about|around|nearly|almost|roughly|approximately|approx\\.|some|over|under"
    "|circa|c\\.|upwards of|almost|nigh on"
)
_WORDNUM = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)"
)
_WORDS = (
    rf"(?:a\s+dozen|half\s+a|{_WORDNUM}(?:[-\s]{_WORDNUM})?(?:\s+hundred)?"
    rf"(?:\s+and\s+a\s+(?:half|quarter))?)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_CURRENCY = {
    "£": "GBP",
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "¥": "JPY",
    "₹": "INR",
}
_CURRENCY_WORDS = {
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pence": "pence",
    "p": "pence",
    "yen": "JPY",
}
_SCALE_RE = r"(?:million|billion|trillion|thousand|hundred|bn|mn|trn|tn|m|k)"
_FIGURE = re.compile(
    rf"(?:(?P<hedge>\b(?:{_HEDGES}))\s+)?"
    rf"(?P<fig>(?P<cur>US\$|A\$|C\$|HK\$|[£$€¥₹])?\s?"
    rf"(?P<num>(?<![\w.,/-]){_DIGITS}|\b{_WORDS})"
    rf"(?:\s?(?P<scale>(?<=\d){_SCALE_RE}\b|\s?(?:million|billion|trillion|thousand)\b))?"
    rf"(?:\s?(?P<pct>%|per\s?cent\b|percent\b)|\s(?P<pp>percentage[\s-]points?|basis\s+points?)\b"
    rf"|(?P<cword>(?<=\d)p\b|\s(?:pounds|dollars|euros|pence|yen|sterling)\b))?)",
    re.I,
)
#: A temperature right after a figure: "2°C", "1.5 °C", "40.3C" (the British press style).
_DEGREES = re.compile(r"\s?[°º]\s?(?P<scale>[CF])\b|(?<=\d)(?P<scale2>C)\b")
# "5-4 vote", "2-1 win": a tally, one quantity.
_TALLY = re.compile(
    r"(?<![\w.,-])(?P<a>\d{1,3})\s?[-–]\s?(?P<b>\d{1,3})(?![\w.,-])\s+"
    r"(?P<noun>(?:majority\s+)?(?:vote|votes|ruling|decision|verdict|win|victory|defeat|loss|draw"
    r"|split|majority))\b",
    re.I,
)
# "28-point plan", "three-day talks", "62-year-old": a figure fused into a compound.
_COMPOUND = re.compile(
    rf"(?P<fig>(?<![\w.,-])(?:{_DIGITS}|{_WORDNUM}))-(?P<unit>[a-z]+)(?P<old>-old)?"
    r"(?:\s+(?P<noun>[a-z][\w-]*))?",
    re.I,
)
_COMPOUND_UNITS = frozenset(
    """point day week month year hour minute second mile metre meter kilometre seat member
    nation country page storey story game match man strong person team state party billion
    million percent""".split()
)
#: "-dollar", "-pound", "-euro" after a scaled figure ("23-million-dollar").
_SCALED_MONEY = re.compile(r"-(dollars?|pounds?|euros?)\b", re.I)
_MONEY_WORDS = {"dollar": "USD", "pound": "GBP", "euro": "EUR"}
# "10-20 people", "4-5%": a range, kept as one approximate quantity (value = lower bound).
_RANGE = re.compile(
    rf"(?<![\w.,/-])(?P<cur>[£$€])?(?P<a>{_DIGITS})(?P<s1>\s?(?:m|bn|k|million|billion))?"
    rf"\s?[-–]\s?(?P=cur)?(?P<b>{_DIGITS})(?![\w.,/-]|\s?[-–])",
    re.I,
)


def trie_alternation(words: Iterable[str]) -> str:
    """``words`` as one regex alternation shaped as a trie ("f(?:i(?:ft(?:een|y)|ve)|o...)"):
    the engine then reads each letter once instead of trying every word in turn. It matches
    the same strings; only which of two words sharing a prefix is tried first differs, which
    its callers do not depend on (they ask whether, and where, a match starts). Shared with
    the temporal tagger's trigger words."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alternation(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + alternation(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        return "(?:" + "|".join(alts) + (")?" if "" in node else ")")

    return alternation(trie)


_NUMBER_WORD_LIST = _WORDNUM[3:-1].split("|")
# "Is there a number word?" (the same question as rf"\b(?:{_WORDNUM}|dozen|half)\b" with re.I,
# asked faster); asked only of a sentence without a digit, which _DIGIT finds far faster.
_NUMBER_WORD = re.compile(rf"\b{trie_alternation([*_NUMBER_WORD_LIST, 'dozen', 'half'])}\b", re.I)
# Where a figure's number can start: a digit, or a number word where _WORDS can begin. Every
# match of _FIGURE has its number at such a place, which lets the costly pattern run only in
# short windows before the numbers of a sentence (see _figures).
_NUM_START = re.compile(rf"\d|\b(?:a\s+dozen|half\s+a|{trie_alternation(_NUMBER_WORD_LIST)})", re.I)
#: Longest hedge _FIGURE accepts ("approximately"); a hedge never holds a number start.
_HEDGE_MAX = max(len(h.replace("\\", "")) for h in _HEDGES.split("|"))
#: Longest currency sign plus the optional space before the number ("HK$ 5").
_CURRENCY_MAX = max(len(c) for c in _CURRENCY) + 1
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’&-]*)")
_NP_STOP = frozenset(
    """is are was were be been being has have had do does did will would could should may might
    can must shall said says say told according than that which who whom whose what when where
    while as and or but nor so yet if because since after before during until of in on at to for
    from by with without about against between into through over under above below up down out
    off per each every this these those there here it its their his her our your my we they he
    she you i them him us not no also only just more most less least very too already still
    even ago a an the old late early long high wide deep tall away apart behind ahead higher
    lower later earlier overall respectively last next first year-on-year compared cheaper dearer
    bigger smaller larger greater richer poorer fewer died fell rose won lost left came went took
    made hit ran grew got saw became began met held paid sold spent told fled hurt""".split()
)
_NP_PARTICIPLE = re.compile(r"[a-z]{3,}ed$")
_SUBJECT_OWNER = re.compile(
    r"((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+"
    r"(won|took|takes|held|holds|secured|lost|gained|has|had|have)\s+$"
)
_PRONOUNS = frozenset("it they he she we this that there who which what".split())
_OWNER_PARTICIPLE = {
    "took": "taken",
    "takes": "taken",
    "holds": "held",
    "has": "held",
    "had": "held",
    "have": "held",
}
_OWNER_TAIL = re.compile(
    r"\s+(?:(?:were|was|are|is|have\s+been|had\s+been)\s+)?"
    r"(won|held|taken|lost|gained|owned|run|controlled|used|sold|employed|affected|claimed"
    r"|received|secured|cast|killed|injured)\s+by\s+"
    r"(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,3})"
)
_OF_TAIL = re.compile(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:(?:\d[\d,.]*)\s+)?")
_BACK_NP = re.compile(
    r"((?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*)\s+"
    r"(?:(?:could|may|might|will|would|can|should)\s+)?"
    r"(?:(?:was|is|were|are|stood|stands|has\s+been|had\s+been|rose|fell|climbed|dropped|"
    r"jumped|slipped|increased|decreased|grew|shrank|reached|hit|reach|rise|fall|stand|total"
    r"|totalled|totaled|exceed|exceeded|top|topped)\s+(?:\w+\s+)?(?:at|to|by|of)?"
    r"|(?:cut|raised|lowered|reduced|held|kept|left|set)\s+(?:\w+\s+)?(?:at|to|by)|of)\s*$"
)
# "cut Bank Rate to 4.25%": the thing set is the object of the verb.
_BACK_OBJECT = re.compile(
    r"\b(?:cut|raised|lowered|reduced|held|kept|left|set|increased|put|lifted)\s+"
    r"((?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*)\s+(?:at|to|by)\s*$"
)
#: The words a match of _BACK_NP ends on or shortly before: its verbs ("been" for "has been"
#: and "had been") and "of"; and the verbs a match of _BACK_OBJECT opens with.
_BACK_NP_WORDS = frozenset(
    """was is were are stood stands been rose fell climbed dropped jumped slipped increased
    decreased grew shrank reached hit reach rise fall stand total totalled totaled exceed
    exceeded top topped cut raised lowered reduced held kept left set of""".split()
)
_BACK_OBJECT_VERBS = tuple(
    "cut raised lowered reduced held kept left set increased put lifted".split()
)
_UNIT_ALIASES = {
    "per cent": "%",
    "percent": "%",
    "percentage point": "percentage points",
    "percentage points": "percentage points",
    "percentage-point": "percentage points",
    "percentage-points": "percentage points",
    "basis point": "basis points",
    "basis points": "basis points",
}
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades".split()
)


def _mask(text: str, has_digit: bool = True) -> bytearray:
    """One byte per character: 1 where a date, time, phone or version number lies."""
    mask = bytearray(len(text))
    for rx in _MASKS:
        if not _mask_applies(rx, text, has_digit):
            continue
        for m in rx.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def _blocked(mask: bytearray, start: int, end: int) -> bool:
    return 1 in mask[start:end]


def _noun_phrase(text: str, pos: int) -> tuple[list[str], int]:
    """Up to four words after ``pos`` that look like a noun phrase; and where it ends."""
    words: list[str] = []
    end = pos
    while len(words) < 4:
        m = _WORD.match(text, end)
        if not m or m.group(1).lower() in _NP_STOP:
            break
        # A phrase continues only across single spaces, never across punctuation.
        if words and m.group(0)[: m.start(1) - m.start(0)] != " ":
            break
        if words and _NP_PARTICIPLE.match(m.group(1)):
            break  # "flights cancelled", "people injured": the verb after the noun
        words.append(m.group(1))
        end = m.end()
    return words, end


def _singular(word: str) -> str:
    w = word.lower()
    if w in ("people", "persons"):
        return "person"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _counts_from_context(text: str, start: int, end: int) -> str | None:
    """What a bare figure (a percentage, an amount) counts, from "of ..." after it, or from
    the noun phrase it is predicated of before it ("Inflation rose to 3.8%")."""
    m = _OF_TAIL.match(text, end)
    if m:
        words, _ = _noun_phrase(text, m.end())
        if words:
            return " ".join(words)
    back = (
        _BACK_OBJECT.search(text, max(0, start - 80), start)
        or _BACK_NP.search(text, max(0, start - 80), start)
        if _may_look_back(text[max(0, start - 80) : start])
        else None
    )
    if back:
        words = back.group(1).split()
        # Trim function words at the edges only: "Shares in CrowdStrike" keeps its "in".
        while words and words[0].lower() in _NP_STOP:
            words = words[1:]
        while words and words[-1].lower() in _NP_STOP:
            words = words[:-1]
        if words:
            return " ".join(words)
    return None


def _may_look_back(window: str) -> bool:
    """False when neither _BACK_OBJECT nor _BACK_NP can match at the end of ``window``, found
    from its last few words instead of trying the patterns (they backtrack through every
    word of the window). A _BACK_NP match ends with its verb (a whole word: spaces on both
    sides) or "of", then at most a word and a preposition; a _BACK_OBJECT match ends with its
    verb (spaces after it), then one to three words and a preposition."""
    words = window.split()
    for word in words[-3:]:
        if word in _BACK_NP_WORDS:
            return True
    for word in words[-5:]:
        if word.endswith(_BACK_OBJECT_VERBS):
            return True
    return False


def _is_label(text: str, start: int) -> bool:
    """True for "Article 50", "Windows 11", "Boeing 737": a capitalised word, not a sentence
    opener such as "About" or "The", right before the number."""
    m = re.search(r"([A-Za-z][\w'’-]*)\s$", text[max(0, start - 30) : start])
    if not m:
        return False
    word = m.group(1)
    return word[0].isupper() and word.lower() not in _LABEL_WORDS_OK


def _figures(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_FIGURE.finditer(text)``, found by searching only from shortly before
    each number start instead of trying the long pattern at every character.

    Why this finds the same matches: a match is [hedge, spaces] [currency] [space] number.
    Hedges, spaces and currency signs hold no number start (no digit, no number word begins
    inside a hedge), so a match that begins before the first number start at or after the
    search position has its number exactly there, and begins at most _CURRENCY_MAX chars,
    then a run of spaces, then _HEDGE_MAX chars before it. Positions before that bound cannot
    begin a match, so searching from the bound gives the leftmost match as finditer does;
    with no number start left, no match is left. Lookbehinds see text before the search
    position, so they read the same."""
    pos = 0
    n = len(text)
    while pos < n:
        start = _NUM_START.search(text, pos)
        if start is None:
            return
        # The char just before the currency and its space: inside the spaces after a hedge
        # (then walk back to the hedge's last char), or at most a hedge's length past its start.
        k = start.start() - _CURRENCY_MAX - 1
        while k > 0 and text[k].isspace():
            k -= 1
        m = _FIGURE.search(text, max(pos, k - _HEDGE_MAX))
        if m is None:
            return
        yield m
        pos = m.end()  # a match is never empty: it always holds its number


def _mask_applies(rx: re.Pattern[str], text: str, has_digit: bool) -> bool:
    """False when mask ``rx`` cannot match: every mask but the "ago" one needs a digit, and
    one of its cues (:data:`_MASK_CUES`) where it has them."""
    if rx is _AGO_MASK:
        return "ago" in text.lower()
    if not has_digit:
        return False
    for cue in _MASK_CUES.get(rx, ()):
        if cue.search(text):
            return True
    return rx not in _MASK_CUES


def extract_numbers(text: str) -> list[Quantity]:
    """Every quantity of ``text`` in order of position; offsets are into ``text``."""
    has_digit = _DIGIT.search(text) is not None
    if not has_digit and not _NUMBER_WORD.search(text):
        return []  # most sentences: no digit and no number word
    has_dash = "-" in text or "–" in text
    mask = _mask(text, has_digit)
    unit: str | None
    counts: str | None
    out: list[Quantity] = []

    def add(q: Quantity) -> None:
        out.append(q)
        mask[q.start : q.end] = b"\x01" * (q.end - q.start)

    # _TALLY and _RANGE need a digit and a dash, _COMPOUND a hyphen: skip them otherwise.
    for m in _TALLY.finditer(text) if has_digit and has_dash else ():
        if _blocked(mask, m.start(), m.end()):
            continue
        noun = m.group("noun").lower()
        unit = "votes" if "vote" in noun or noun in ("ruling", "decision", "verdict") else "score"
        add(
            Quantity(
                m.start("a"),
                m.end("b"),
                text[m.start("a") : m.end("b")],
                float(m.group("a")),
                unit,
                noun,
                False,
                None,
            )
        )

    for m in _COMPOUND.finditer(text) if "-" in text else ():
        unit_word = m.group("unit").lower()
        if unit_word not in _COMPOUND_UNITS or _blocked(mask, m.start(), m.end()):
            continue
        value = parse_number(m.group("fig"))
        if value is None:
            continue
        unit = unit_word if unit_word.endswith("s") else unit_word + "s"
        money = _SCALED_MONEY.match(text, m.end("unit")) if unit_word in _SCALES else None
        if money:
            # "a 23-million-dollar deal": a sum of money, not 23 "millions"
            value *= _SCALES[unit_word]
            end = m.end("unit") + money.end(1) - money.start()
            unit = _MONEY_WORDS[money.group(1).lower().rstrip("s")]
            add(Quantity(m.start(), end, text[m.start() : end], value, unit, None, False, None))
            continue
        if m.group("old"):
            counts = "age"
            end = m.end("old")
        elif m.group("noun") and m.group("noun").lower() not in _NP_STOP:
            words, _ = _noun_phrase(text, m.end("unit"))
            counts = f"{unit} of the {' '.join(words[:3])}"
            end = m.end("unit")
        else:
            counts = unit
            end = m.end("unit")
        add(Quantity(m.start(), end, text[m.start() : end], value, unit, counts, False, None))

    for m in _RANGE.finditer(text) if has_digit and has_dash else ():
        if _blocked(mask, m.start(), m.end()) or _is_label(text, m.start()):
            continue
        a = m.group("a")
        if _YEAR.match(a) and not m.group("cur"):
            continue
        end = m.end()
        unit = _CURRENCY.get(m.group("cur") or "")
        pct_m = re.match(r"\s?(%|per\s?cent\b|percent\b)", text[end:])
        counts = None
        if pct_m:
            end += pct_m.end()
            unit = "%"
        scale_m = re.match(r"\s?(million|billion|bn|m|k)\b", text[end:], re.I)
        if scale_m and not unit == "%":
            end += scale_m.end()
        words, np_end = _noun_phrase(text, end)
        if words and not unit:
            unit = words[-1].lower()
            counts = " ".join(words)
            if len(words) == 1:
                end = np_end  # "10-20 people": the unit is part of the figure
        value = parse_number(a + (m.group("s1") or (scale_m.group(1) if scale_m else "")))
        if value is None:
            continue
        if counts is None:
            counts = _counts_from_context(text, m.start(), end)
        add(Quantity(m.start(), end, text[m.start() : end], value, unit, counts, True, None))

    for m in _figures(text):
        fs, fe = m.span("fig")
        fs = m.start("cur") if m.group("cur") else m.start("num")
        if fs == fe or _blocked(mask, fs, fe):
            continue
        num = m.group("num")
        cur, scale, pct, pp, cword = (m.group(k) for k in ("cur", "scale", "pct", "pp", "cword"))
        is_word = not num[0].isdigit()
        deg = None if (cur or scale or pct or pp or cword or is_word) else _DEGREES.match(text, fe)
        if deg and deg.group("scale2") and _is_label(text, m.start("num")):
            deg = None  # "Channel 4C" is a name, not a temperature
        if deg:
            fe = deg.end()
        # The number must not run on into letters ("5G", "4th", "1990s", "10km" is handled
        # as a unit below) or be glued to a hyphen ("Covid-19" is excluded by the lookbehind).
        after = text[fe : fe + 1]
        if after.isalnum() or (after == "-" and not is_word):
            continue
        if not (cur or scale or pct or pp or cword or deg):
            if _YEAR.match(num) or _is_label(text, m.start("num")):
                continue
        value = parse_number(num + (" " + scale if scale else ""))
        if value is None:
            continue
        if cword and cword.strip().lower() in ("pence", "p") and not m.group("cur"):
            unit = "pence"
        elif cword:
            unit = _CURRENCY_WORDS[cword.strip().lower()]
        elif cur:
            unit = _CURRENCY[cur.upper()]
        elif pct:
            unit = "%"
        elif pp:
            unit = _UNIT_ALIASES.get(re.sub(r"\s+", " ", pp.lower()), pp.lower())
        elif deg:
            unit = "°" + (deg.group("scale") or deg.group("scale2")).upper()
        else:
            unit = None
        counts = None
        words, np_end = _noun_phrase(text, fe)
        if unit is None:
            if not words:
                if is_word:
                    continue  # "one of them", "two said": a word number needs its noun
                m_of = _OF_TAIL.match(text, fe)
                if m_of:
                    words, _ = _noun_phrase(text, m_of.end())
                    if words:
                        unit = words[-1].lower()
                        counts = " ".join(words)
            else:
                if is_word and value == 1 and not scale:
                    continue  # "one man": too common to be a figure that matters
                if words[-1].lower() in _TIME_UNITS and len(words) > 1:
                    words = words[:1]
                unit = words[0].lower() if words[0].lower() in _TIME_UNITS else words[-1].lower()
                counts = " ".join(words)
                owner = _OWNER_TAIL.match(text, np_end)
                pre = m.start("hedge") if m.group("hedge") else fs
                subject = _SUBJECT_OWNER.search(text, max(0, pre - 60), pre)
                if owner:
                    counts += f" {owner.group(1)} by {owner.group(2)}"
                elif subject and subject.group(1).lower() not in _PRONOUNS:
                    verb = subject.group(2)
                    owner_name = re.sub(r"^[Tt]he\s+", "", subject.group(1))
                    counts += f" {_OWNER_PARTICIPLE.get(verb, verb)} by {owner_name}"
                if words[0].lower() == unit and text[fe] == " ":
                    fe += 1 + len(words[0])  # "411 seats": the unit is part of the figure
        elif words and unit not in ("%", "percentage points", "basis points"):
            counts = " ".join(words)
        if counts is None:
            counts = _counts_from_context(text, fs, fe)
        hedge = m.group("hedge")
        add(
            Quantity(
                fs,
                fe,
                text[fs:fe],
                value,
                unit,
                counts,
                hedge is not None,
                hedge.lower() if hedge else None,
            )
        )

    out.sort(key=lambda q: q.start)
    return out


# --- comparing figures -----------------------------------------------------------------------

#: Two figures of one unit and thing counted are the same figure only if their values are
#: within this ratio: 411 vs 412 seats is one figure stated two ways, 411 vs 121 seats with no
#: owner given is far more often two parties' seats. Chosen by hand on the seed page and on
#: election, budget and outage coverage; a 25% gap is wider than any misstatement seen there.
SAME_VALUE_MAX_RATIO = 1.25
#: Token overlap (Jaccard) above which two "counts" phrases describe the same thing when neither
#: contains the other; "seats won by Labour" vs "seats won by the Conservatives" is 0.5.
SAME_COUNTS_MIN_JACCARD = 0.6
_GENERIC_UNITS = frozenset({"%", "percentage points", "basis points", "GBP", "USD", "EUR"})
_COUNT_STOP = frozenset({"the", "a", "an", "of", "by", "in", "for", "to", "and", "its", "their"})


def _count_tokens(counts: str | None) -> frozenset[str]:
    if not counts:
        return frozenset()
    return frozenset(
        _singular(w) for w in re.findall(r"[\w'’-]+", counts.lower()) if w not in _COUNT_STOP
    )


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """True when ``a`` and ``b`` look like one figure (the same thing counted, in the same unit,
    with close values), possibly stated two ways ("411 seats" here, "412 seats" there)."""
    ua = _singular(a.unit) if a.unit else None
    ub = _singular(b.unit) if b.unit else None
    if ua != ub or ua is None:
        return False
    lo, hi = sorted((abs(a.value), abs(b.value)))
    if lo == 0:
        if hi != 0:
            return False
    elif hi / lo > SAME_VALUE_MAX_RATIO:
        return False
    ta, tb = _count_tokens(a.counts), _count_tokens(b.counts)
    if not ta or not tb:
        # A bare percentage or amount says nothing about what it measures.
        return not ta and not tb and a.unit not in _GENERIC_UNITS and a.value == b.value
    if ta <= tb or tb <= ta:
        return True
    return len(ta & tb) / len(ta | tb) >= SAME_COUNTS_MIN_JACCARD
