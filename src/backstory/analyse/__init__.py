"""analyse stage: sentences, figures, definitions, quotations and dates of one article.

Everything here is precompiled regexes and small lexicons, no models, so one article is
analysed in about a millisecond and a 20-article story fits the pipeline's 1 s budget.
All offsets in :class:`ArticleAnalysis` are into ``article.text``. Each reading is made once
here and reused by the composer and the checker rather than redone by each.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from backstory.analyse.numbers import Quantity, extract_numbers
from backstory.analyse.quotes import Quote, extract_quotes
from backstory.analyse.sentences import split_sentences
from backstory.analyse.terms import Term, extract_terms
from backstory.errors import AnalyseError
from backstory.models import Article, Sentence

if TYPE_CHECKING:
    from backstory.analyse.temporal.model import SentenceDating
    from backstory.analyse.temporal.tagger import _Expressions

__all__ = [
    "ArticleAnalysis",
    "Quantity",
    "Quote",
    "Term",
    "analyse_article",
    "dating_reference",
]


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the later stages read off one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    #: (sentence index, quantity); offsets relative to the article text.
    numbers: tuple[tuple[int, Quantity], ...]
    terms: tuple[Term, ...]
    quotes: tuple[Quote, ...]
    #: The temporal engine's dating of each sentence (one per sentence, anaphora carried
    #: across them) against :func:`dating_reference` of the article; empty when the article
    #: is undated, since its reference is then the request's time, which only the composer knows.
    datings: tuple[SentenceDating, ...] = ()
    #: The temporal expressions the tagger found in each sentence before resolving them
    #: (opaque to other stages; one per sentence, or empty with ``datings``). The composer and
    #: the checker date sentences again against other reference times; passing these to
    #: ``tag(..., expressions=...)`` spares them finding the expressions a second time.
    #: Left out of equality and repr: it is a working aid, derived from ``sentences``.
    expressions: tuple[_Expressions, ...] = field(default=(), compare=False, repr=False)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence holding character ``offset`` of the article, if any."""
        starts = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None


def dating_reference(article: Article) -> datetime | None:
    """The document creation time sentences are dated against: the publication time as naive
    UTC (so sources with and without zones compare), or None when the article is undated."""
    published = article.published
    if published is None:
        return None
    return published.astimezone(UTC).replace(tzinfo=None) if published.tzinfo else published


def analyse_article(article: Article) -> ArticleAnalysis:
    """Split ``article`` into sentences and extract its figures, definitions, quotes and the
    dates of its sentences."""
    if not isinstance(article, Article):
        raise AnalyseError(f"expected an Article, got {type(article).__name__}")
    try:
        sentences = tuple(split_sentences(article))
        numbers: list[tuple[int, Quantity]] = []
        terms: list[Term] = []
        seen_terms: set[tuple[str, str]] = set()
        for sent in sentences:
            # Per sentence, so that "what it counts" and definitions never reach across one.
            # (Shifted to article offsets with the fields spelt out: ``dataclasses.replace``
            # costs several times more, on every figure of a story.)
            at = sent.start
            for q in extract_numbers(sent.text):
                numbers.append(
                    (
                        sent.index,
                        q.shifted(at),
                    )
                )
            for t in extract_terms(sent.text):
                if (t.term.lower(), t.kind) in seen_terms:
                    continue  # the first definition of a term is the one to cite
                seen_terms.add((t.term.lower(), t.kind))
                terms.append(Term(t.term, t.definition, t.kind, t.start + at, t.end + at))
        # Quotes can run over several sentences, so they are read from the whole text.
        quotes = tuple(extract_quotes(article.text))
        datings, expressions = _datings(sentences, dating_reference(article))
    except RecursionError as exc:  # pathological input; never expected on prose
        raise AnalyseError(f"could not analyse text: {exc}", subject=article.id) from exc
    return ArticleAnalysis(
        article=article,
        sentences=sentences,
        numbers=tuple(numbers),
        terms=tuple(terms),
        quotes=quotes,
        datings=datings,
        expressions=expressions,
    )


def _datings(
    sentences: tuple[Sentence, ...], reference: datetime | None
) -> tuple[tuple[SentenceDating, ...], tuple[_Expressions, ...]]:
    """What ``date_sentences`` gives for the sentences (the test suite holds the two equal),
    plus the expressions found in each sentence, kept for dating it again later."""
    if reference is None or not sentences:
        return (), ()
    # Imported on first use: the tagger compiles many patterns when it is imported.
    from backstory.analyse.temporal.events import _split_events, sentence_tense
    from backstory.analyse.temporal.model import SentenceDating
    from backstory.analyse.temporal.tagger import (
        _NO_EXPRESSIONS,
        _expressions,
        new_state,
        tag_with_state,
    )

    state = new_state(reference)
    datings: list[SentenceDating] = []
    found: list[_Expressions] = []
    for sentence in sentences:
        text = sentence.text
        expressions = _expressions(text) if text else _NO_EXPRESSIONS
        if expressions.chosen:
            timexes = tuple(tag_with_state(text, state, expressions))
            events, background = _split_events(timexes, text)
        else:  # most sentences: no expression, so nothing to resolve or split
            timexes = events = background = ()
        datings.append(
            SentenceDating(
                timexes=timexes,
                events=events,
                background=background,
                tense=sentence_tense(text),
            )
        )
        found.append(expressions)
    return tuple(datings), tuple(found)
