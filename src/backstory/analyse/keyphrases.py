"""Key phrases of a story and the named-entity-like spans of a text.

Key phrases are scikit-learn TF-IDF over sentences (1-3 grams), summed per phrase, with a boost
for phrases that are names; names come from a small capitalisation rule instead of a tagger
because a tagger model would need downloading and loading at run time, and news capitalises
its names consistently: a run of capitalised words (with "of", "for", "the" inside) that is not
merely the first word of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from backstory.analyse.sentences import split_spans

__all__ = ["keyphrases", "named_entities"]

#: Weight multiplier for a phrase that is also a name in the texts: names ("Bank of England",
#: "Rustem Umerov") identify a story better than the common words around them. Set by hand on
#: the example stories so that the main actors rank in the top five.
NAME_BOOST = 1.5

_CAP = r"(?:[A-Z][\w'’&.-]*[\w]|[A-Z])"
_NAME_RUN = re.compile(
    rf"(?<![\w'’-]){_CAP}(?:(?:\s+(?:of|for|the|and|de|du|van|von|al|bin|&|on))*\s+{_CAP})*"
)
_SENTENCE_OPENERS = frozenset(
    """the a an this that these those it its in on at for from to by with after before during
    since under as if when while although though because but and or so yet however meanwhile
    also then now today yesterday tomorrow last next there here he she they we i you his her
    their our my your what who why how where which some many most more several both each every
    all no not one two three four five six seven eight nine ten mr mrs ms dr sir despite
    following according earlier later still instead once even only just about over""".split()
)
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december i""".split()
)
#: Reporting verbs and calendar words: frequent in every news story, so they say nothing about
#: this one.
NEWS_STOP_WORDS = frozenset(
    """said says say told added according reported reports would could also year years week
    weeks month months day days time monday tuesday wednesday thursday friday saturday sunday
    mr mrs ms dr new just like including""".split()
)
_POSSESSIVE = re.compile(r"['’]s$")


def named_entities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of capitalised spans that look like names: "Rustem Umerov", "Bank of
    England", "CrowdStrike", "MPC". A single capitalised word opening a sentence counts only if
    it is an acronym, has inner capitals, or appears capitalised elsewhere in the text."""
    starts = {s for s, _ in split_spans(text)}
    candidates: list[tuple[int, int, str, bool]] = []
    for m in _NAME_RUN.finditer(text):
        s, e = m.span()
        tokens = [(s + w.start(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        at_start = s in starts or (s > 0 and text[s - 1] in "\"“‘'(" and s - 1 in starts)
        if at_start and tokens[0][1].lower() in _SENTENCE_OPENERS:
            # "The Bank of England", "In Miami": drop the opener (and joiners), keep the rest.
            tokens = tokens[1:]
            while tokens and tokens[0][1].lower() in ("of", "for", "the", "and", "&", "on"):
                tokens = tokens[1:]
            if not tokens:
                continue
            s = tokens[0][0]
            at_start = False
        span = text[s:e]
        trimmed = _POSSESSIVE.sub("", span).rstrip(".-'’")
        e = s + len(trimmed)
        if not trimmed or trimmed.lower() in _NOT_NAMES:
            continue
        candidates.append((s, e, trimmed, at_start))
    known = {t for _, _, t, at in candidates if not at}
    out: list[tuple[int, int, str]] = []
    for s, e, t, at_start in candidates:
        single = " " not in t
        if at_start and single:
            shaped = sum(c.isupper() for c in t) >= 2
            if not (shaped or t in known):
                continue
        out.append((s, e, t))
    return out


def keyphrases(texts: Sequence[str], top_k: int = 15) -> list[tuple[str, float]]:
    """The ``top_k`` phrases (1-3 words) that best characterise ``texts``, with scores; names
    boosted. Deterministic: ties broken alphabetically."""
    sentences = [text[s:e] for text in texts for s, e in split_spans(text)]
    sentences = [s for s in sentences if re.search(r"[A-Za-z]{2}", s)]
    if not sentences or top_k <= 0:
        return []
    # Imported here: scikit-learn takes about a second to import, and most callers of this
    # module (the checker, the clusterer) only need named_entities.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    vectorizer = TfidfVectorizer(
        ngram_range=(1, 3),
        stop_words=sorted(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS),
        lowercase=True,
        token_pattern=r"(?u)\b[A-Za-z][A-Za-z0-9'’-]+\b",
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform(sentences)
    except ValueError:  # only stop words
        return []
    scores = matrix.sum(axis=0).A1
    vocab = vectorizer.get_feature_names_out()
    analyse = vectorizer.build_analyzer()
    # A name's phrase as the vectorizer sees it ("bank england") -> how it is written.
    names: dict[str, str] = {}
    for text in texts:
        for _, _, name in named_entities(text):
            grams = analyse(name)
            if grams:
                names.setdefault(max(grams, key=len), name)
    ranked = []
    for phrase, score in zip(vocab, scores, strict=True):
        if phrase in names:
            ranked.append((names[phrase], float(score) * NAME_BOOST))
        else:
            ranked.append((str(phrase), float(score)))
    ranked.sort(key=lambda p: (-p[1], p[0]))
    out: list[tuple[str, float]] = []
    for phrase, score in ranked:
        # Skip a phrase contained in one already chosen ("policy" after "monetary policy").
        if any(re.search(rf"\b{re.escape(phrase)}\b", chosen, re.I) for chosen, _ in out):
            continue
        out.append((phrase, round(score, 6)))
        if len(out) == top_k:
            break
    return out
