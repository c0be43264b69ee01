"""analyse stage: sentences, figures, definitions and quotations of one article.

Everything here is precompiled regexes and small lexicons, no models, so one article is
analysed in about a millisecond and a 20-article story fits the pipeline's 1 s budget.
All offsets in :class:`ArticleAnalysis` are into ``article.text``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from backstory.analyse.numbers import Quantity, extract_numbers
from backstory.analyse.quotes import Quote, extract_quotes
from backstory.analyse.sentences import split_sentences
from backstory.analyse.terms import Term, extract_terms
from backstory.errors import AnalyseError
from backstory.models import Article, Sentence

__all__ = ["ArticleAnalysis", "Quantity", "Quote", "Term", "analyse_article"]


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the later stages read off one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    #: (sentence index, quantity); offsets relative to the article text.
    numbers: tuple[tuple[int, Quantity], ...]
    terms: tuple[Term, ...]
    quotes: tuple[Quote, ...]
    #: Temporal datings of sentences, filled in by the temporal engine (analyse/temporal.py)
    #: once it lands; empty until then.
    datings: tuple[object, ...] = ()

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence holding character ``offset`` of the article, if any."""
        starts = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None


def analyse_article(article: Article) -> ArticleAnalysis:
    """Split ``article`` into sentences and extract its figures, definitions and quotes."""
    if not isinstance(article, Article):
        raise AnalyseError(f"expected an Article, got {type(article).__name__}")
    try:
        sentences = tuple(split_sentences(article))
        numbers: list[tuple[int, Quantity]] = []
        terms: list[Term] = []
        seen_terms: set[tuple[str, str]] = set()
        for sent in sentences:
            # Per sentence, so that "what it counts" and definitions never reach across one.
            for q in extract_numbers(sent.text):
                numbers.append(
                    (sent.index, replace(q, start=q.start + sent.start, end=q.end + sent.start))
                )
            for t in extract_terms(sent.text):
                if (t.term.lower(), t.kind) in seen_terms:
                    continue  # the first definition of a term is the one to cite
                seen_terms.add((t.term.lower(), t.kind))
                terms.append(replace(t, start=t.start + sent.start, end=t.end + sent.start))
        # Quotes can run over several sentences, so they are read from the whole text.
        quotes = tuple(extract_quotes(article.text))
    except RecursionError as exc:  # pathological input; never expected on prose
        raise AnalyseError(f"could not analyse text: {exc}", subject=article.id) from exc
    return ArticleAnalysis(
        article=article,
        sentences=sentences,
        numbers=tuple(numbers),
        terms=tuple(terms),
        quotes=quotes,
    )
