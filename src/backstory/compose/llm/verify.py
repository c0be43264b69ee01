"""Verification of one model-written sentence against the passages it cites.

Hand-written because this is backstory's own rule, not a library's: a model sentence is kept
only if

1. it cites at least one passage and every cited id exists            (``unknown-passage``)
2. every date in it, normalised by the temporal engine (relative words against the page's
   date, the passages' against their own publication dates), covers a date of a cited
   passage or a cited passage's publication day: "August 2025" is supported by "7 August
   2025", but "7 August 2025" is not supported by "August 2025"    (``unsupported-date``)
3. every figure in it (``analyse.numbers``; "8.5 million" = "8,500,000", "4%" = "4 per cent")
   has the same value in a cited passage; a hedged figure ("about 20") may be off by
   ``APPROX_TOLERANCE``                                                (``unsupported-number``)
4. every proper name in it (``analyse.keyphrases.named_entities``) appears in a cited passage
   (whole, word by word, or as the initials of a name there) or is a cited outlet's name
                                                                      (``unsupported-name``)
5. the share of its content words found in the cited passages (ROUGE-1 recall over stemmed
   content words) is at least ``MIN_OVERLAP``                         (``low-overlap``)

The section as a whole must then pass ``backstory check`` (``check-error``; see base.py).

Calibration of ``MIN_OVERLAP``: :mod:`backstory.compose.llm.calibration` holds 48 hand-written
sentence/passage pairs (24 supported: faithful paraphrases, summaries, merges of two passages;
24 unsupported: invented claims, added causes or consequences, off-topic sentences, and changed
dates, numbers and names), written in our own words about the example stories. ``python
bench/llm_eval.py --calibrate`` sweeps the threshold; results at the chosen threshold are in
the constant's comment. Overlap alone cannot see a flipped claim ("raised" for "cut") that
reuses the passage's words; those pairs are in the set and counted as misses, on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from backstory.analyse.keyphrases import named_entities
from backstory.analyse.numbers import Quantity, extract_numbers
from backstory.analyse.temporal import Timex, duration_days, tag, value_interval
from backstory.compose.llm.prompt import GeneratedSentence, Passage

#: Minimum ROUGE-1 recall of a sentence's stemmed content words in its cited passages.
#: Calibrated on the 48 labelled pairs of calibration.py (``bench/llm_eval.py --calibrate``).
#: At 0.6 the whole verifier drops 20 of the 24 unsupported pairs (recall 0.83) and 2 of the
#: 24 supported ones (precision 0.91); the overlap test alone, on the 16 unsupported pairs whose
#: dates, numbers and names are right, flags 12 (recall 0.75, precision 0.86). Misses: two
#: flipped verbs ("raised" for "cut"), an added cause that reuses the passage's words, and one
#: invented detail at 0.62. False drops: two heavy paraphrases ("machines" for "computers",
#: "loan" for "mortgage"; 0.38 and 0.33). 0.3 would drop no supported pair but only 10 of 16;
#: 0.7 drops one more faithful paraphrase to catch one more invention. A wrongly dropped
#: sentence costs little (the extractive text stays), a wrongly kept one is an ungrounded
#: claim, so the threshold leans to recall.
MIN_OVERLAP = 0.6
#: Relative tolerance for a hedged figure ("about £20", "nearly 400"): 5% covers rounding a
#: figure to two significant digits, which is what "about" does in news prose.
APPROX_TOLERANCE = 0.05
#: Relative tolerance for a plain figure: only float noise ("8.5 million" vs "8,500,000").
EXACT_TOLERANCE = 1e-6

REASONS: tuple[str, ...] = (
    "unknown-passage",
    "unsupported-date",
    "unsupported-number",
    "unsupported-name",
    "low-overlap",
    "check-error",
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NUMERAL = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_STOP = ENGLISH_STOP_WORDS | frozenset(
    """said says say told added according reported reports would could also new just like
    including however meanwhile while monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    today yesterday tomorrow""".split()
)
_NAME_JOINERS = frozenset(
    {"of", "for", "the", "and", "de", "du", "van", "von", "al", "bin", "&", "on"}
)
_SUFFIXES = ("ies", "ing", "ed", "es", "s", "ly")


@dataclass(frozen=True)
class Verdict:
    """Whether a sentence is kept; ``reason`` is one of REASONS when it is not."""

    kept: bool
    reason: str | None = None
    detail: str = ""
    overlap: float = 0.0


# --- words ---------------------------------------------------------------------------------


def stem(word: str) -> str:
    """A crude stem: lowercase, possessive and one common suffix off, then the first 6 letters.

    Enough to match "cuts"/"cut", "rates"/"rate", "resigned"/"resign", "talks"/"talk";
    ROUGE itself uses Porter, which would add a dependency for little gain here."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w[:6]


def content_stems(text: str) -> set[str]:
    """Stems of the content words of ``text`` (stop words and numerals left out)."""
    return {stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1}


def overlap(sentence: str, passages: Iterable[str]) -> float:
    """ROUGE-1 recall of the sentence's content words in the passages (1.0 for no words)."""
    words = content_stems(sentence)
    if not words:
        return 0.0
    pool: set[str] = set()
    for p in passages:
        pool |= content_stems(p)
    return len(words & pool) / len(words)


# --- dates ---------------------------------------------------------------------------------


def _day(moment: datetime | date | None) -> date | None:
    if moment is None:
        return None
    return moment.date() if isinstance(moment, datetime) else moment


def _interval(t: Timex) -> tuple[date, date] | None:
    value = t.value.split("T", 1)[0] if "T" in t.value and t.value[:4].isdigit() else t.value
    return value_interval(value)


def unsupported_dates(
    sentence: str, now: datetime | date, passages: Sequence[Passage]
) -> list[str]:
    """The date expressions of ``sentence`` that no cited passage supports."""
    mine = tag(sentence, _day(now))
    if not mine:
        return []
    intervals: list[tuple[date, date]] = []
    durations: list[float] = []
    for p in passages:
        dct = _day(p.published)
        if dct is not None:
            intervals.append((dct, dct))
        for t in tag(p.text, dct):
            if t.type == "DURATION":
                days = duration_days(t.value)
                if days is not None:
                    durations.append(days)
            elif (iv := _interval(t)) is not None:
                intervals.append(iv)
    bad: list[str] = []
    for t in mine:
        if t.type == "DURATION":
            days = duration_days(t.value)
            if days is not None and not any(abs(days - d) <= 0.02 * d for d in durations):
                bad.append(t.text)
            continue
        iv = _interval(t)
        if iv is None:  # "recently", "XXXX-12-25": names no period; the checker judges those
            continue
        if not any(iv[0] <= lo and hi <= iv[1] for lo, hi in intervals):
            bad.append(t.text)
    return bad


# --- numbers -------------------------------------------------------------------------------


def _values(text: str) -> list[float]:
    values = [q.value for q in extract_numbers(text)]
    for m in _NUMERAL.finditer(text):
        try:
            values.append(float(m.group(0).replace(",", "")))
        except ValueError:
            continue
    return values


def _matches(q: Quantity, values: Iterable[float]) -> bool:
    tol = APPROX_TOLERANCE if q.approx else EXACT_TOLERANCE
    for v in values:
        scale = max(abs(v), abs(q.value))
        if scale == 0 or abs(v - q.value) <= tol * scale:
            return True
    return False


def unsupported_numbers(sentence: str, passages: Sequence[Passage]) -> list[str]:
    """The figures of ``sentence`` whose value no cited passage gives."""
    values: list[float] = []
    for p in passages:
        values.extend(_values(p.text))
    return [q.text for q in extract_numbers(sentence) if not _matches(q, values)]


# --- names ---------------------------------------------------------------------------------


def _tokens(name: str) -> list[str]:
    return [
        w.lower()
        for w in re.findall(r"[\w&'’.-]+", name)
        if w.lower() not in _NAME_JOINERS and w.strip(".")
    ]


def _initials(name: str) -> str:
    return "".join(w[0] for w in _tokens(name)).upper()


def unsupported_names(
    sentence: str, passages: Sequence[Passage], outlets: Iterable[str] = ()
) -> list[str]:
    """The proper names of ``sentence`` that no cited passage (or cited outlet) mentions."""
    texts = [p.text for p in passages] + [o for o in outlets if o]
    joined = "\n".join(texts).lower().replace("’", "'")
    words = {w.strip(".'") for w in re.findall(r"[\w&'.-]+", joined)}
    words |= {w[:-2] for w in words if w.endswith("'s")}
    initials = {_initials(n) for t in texts for _, _, n in named_entities(t)}
    bad: list[str] = []
    for _, _, name in named_entities(sentence):
        plain = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE).replace("’", "'")
        if plain.lower() in joined:
            continue
        toks = [re.sub(r"'s$", "", t).strip(".'") for t in _tokens(plain)]
        if toks and all(t in words for t in toks):
            continue
        if plain.isupper() and len(plain) >= 2 and plain.replace(".", "") in initials:
            continue
        bad.append(name)
    return bad


# --- the verdict ---------------------------------------------------------------------------


def verify_sentence(
    sentence: GeneratedSentence,
    passages: Mapping[int, Passage],
    now: datetime | date,
    min_overlap: float = MIN_OVERLAP,
) -> Verdict:
    """Keep or drop one generated sentence; the first failing test gives the reason."""
    unknown = [i for i in sentence.passages if i not in passages]
    if not sentence.passages or unknown:
        detail = f"passage ids {unknown} do not exist" if unknown else "cites no passage"
        return Verdict(False, "unknown-passage", detail)
    cited = [passages[i] for i in dict.fromkeys(sentence.passages)]
    if bad := unsupported_dates(sentence.text, now, cited):
        return Verdict(False, "unsupported-date", ", ".join(bad))
    if bad := unsupported_numbers(sentence.text, cited):
        return Verdict(False, "unsupported-number", ", ".join(bad))
    if bad := unsupported_names(sentence.text, cited, {p.outlet for p in cited}):
        return Verdict(False, "unsupported-name", ", ".join(bad))
    share = overlap(sentence.text, [p.text for p in cited])
    if share < min_overlap:
        return Verdict(False, "low-overlap", f"{share:.2f} < {min_overlap}", share)
    return Verdict(True, None, "", share)
