"""With sources: every date, number and name on the page found in a source; dates that a
source gives differently; citations that are not verbatim.

Hand-written matching over the analyse stage's readings of both sides: dates compare as
TIMEX3 intervals ("24 February 2022" = "Feb. 24, 2022"; a page's "February 2022" is supported
by a source's "24 February 2022"), figures by value and unit within their written precision,
names by a normalised key. A date is *contradicted* when a source sentence about the same
event (sharing its key words) dates it differently; the closest source passage (rapidfuzz) is
the evidence for anything unsupported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz, process

from backstory.analyse import ArticleAnalysis, dating_reference
from backstory.analyse.numbers import Quantity, extract_numbers
from backstory.analyse.sentences import split_spans
from backstory.analyse.temporal.model import Timex
from backstory.analyse.temporal.tagger import tag
from backstory.analyse.temporal.values import value_interval
from backstory.check.context import NO_EVIDENCE_NOTE, Line, PageContext, key_words, stem
from backstory.check.names import name_key, names_in
from backstory.check.page import Page
from backstory.check.report import Finding, finding
from backstory.check.rules.glossary import supported_names
from backstory.check.rules.links import shared_words
from backstory.check.rules.quantities import _step
from backstory.models import Article, Explainer

#: Key words a source sentence must share with a page line to be about the same event (the
#: same threshold as linking statements within the page).
MIN_EVENT_WORDS = 3
#: A shared proper name ("Miami", "Russia") says more about which event is meant than a
#: shared common word, so it counts this much.
NAME_WEIGHT = 2
_CAPITALISED = re.compile(r"\b[A-Z][a-z][A-Za-z’'-]+")
#: Minimum rapidfuzz token-set score for a passage to be offered as the closest evidence.
MIN_EVIDENCE_SCORE = 30

_META_LINE = re.compile(r"^\s*(published|last updated|updated|category)\b", re.I)


@dataclass(frozen=True)
class SourceSentence:
    article: Article
    text: str
    numbers: tuple[Quantity, ...]
    #: the sentence's timexes when the analyse stage's reading of it can be used as it is;
    #: None: :attr:`dates` tags it against ``dct`` on first use
    timexes: Sequence[Timex] | None = field(default=None, compare=False, repr=False)
    dct: date | None = field(default=None, compare=False, repr=False)
    #: the tagger's expressions of ``text`` (see ``ArticleAnalysis.expressions``), if kept
    expressions: Any = field(default=None, compare=False, repr=False)
    #: when it is still to be tagged, the intervals the analyse stage gave its dates against
    #: the publication time (with anaphora): most come out the same against the date, and
    #: those that do not ("the 10th of that month") are what the sentence says in its article
    likely: tuple[tuple[date, date], ...] = field(default=(), compare=False, repr=False)

    @cached_property
    def dates(self) -> tuple[tuple[str, tuple[date, date]], ...]:
        """(text, interval) of its calendar dates and times. Computed on first use: tagging
        a sentence again is most of the index's cost, and a page's dates are nearly always
        found among a few sentences' (see :meth:`SourceIndex.gives_date_within`)."""
        if self.timexes is not None:
            return _dates_of(self.timexes)
        return _dates_of(tag(self.text, self.dct, expressions=self.expressions))

    @cached_property
    def words(self) -> frozenset[str]:
        """Key words, computed on first use: only sentences with dates are ever compared."""
        return frozenset(key_words(self.text))

    def cite(self) -> str:
        when = self.article.published.date().isoformat() if self.article.published else "undated"
        who = self.article.outlet or self.article.title
        return f"{who} ({when}): {self.text}"


@dataclass(frozen=True)
class SourceIndex:
    sentences: tuple[SourceSentence, ...]
    #: every source's text and title, joined and case-folded
    text: str
    #: the sources' titles, whose names count as the sentences' do
    titles: tuple[str, ...] = ()
    #: name keys supported otherwise (an audience glossary's expansion of a term the sources
    #: use; see ``rules/glossary.py``)
    supported: frozenset[str] = frozenset()

    @cached_property
    def names(self) -> frozenset[str]:
        """Name keys (``check.names.name_key``) of the names in the sources' sentences and
        titles. Computed on first use: a page's names are nearly always found in
        :attr:`text` first, and finding every name of a 200-source story costs more than
        the rest of the index."""
        keys: set[str] = set()
        for text in [s.text for s in self.sentences] + list(self.titles):
            keys.update(name_key(n) for _, _, n in names_in(text))
        return frozenset(keys)

    def has_name(self, key: str) -> bool:
        """Whether a name with key ``key`` is in a source or supported by a glossary."""
        return key in self.supported or key in self.names

    def gives_date_within(self, interval: tuple[date, date]) -> bool:
        """Whether a source sentence gives a date within ``interval``:
        ``any(_within(iv, interval) for s in sentences for _, iv in s.dates)``, asked of the
        likeliest sentences first so that most sentences are never tagged again: those the
        analyse stage dated to exactly ``interval``, then those already dated, then all;
        failing that, whether the analyse stage's reading of a sentence in its article
        (:attr:`SourceSentence.likely`) gives one."""
        for s in self._by_likely.get(interval, ()):
            if any(_within(iv, interval) for _, iv in s.dates):
                return True
        if any(_within(iv, interval) for iv in self._known_intervals):
            return True
        if any(_within(iv, interval) for s in self.sentences for _, iv in s.dates):
            return True
        # A date that only the sentence's place in its article gives ("the 10th of that
        # month", "two years later"): the analyse stage's reading, with the dates before it.
        return interval in self._by_likely or any(_within(iv, interval) for iv in self._by_likely)

    @cached_property
    def _by_likely(self) -> dict[tuple[date, date], list[SourceSentence]]:
        """Sentences still to be tagged, by each interval the analyse stage dated them to."""
        out: dict[tuple[date, date], list[SourceSentence]] = {}
        for s in self.sentences:
            for interval in s.likely:
                out.setdefault(interval, []).append(s)
        return out

    @cached_property
    def _known_intervals(self) -> list[tuple[date, date]]:
        return [iv for s in self.sentences if s.timexes is not None for _, iv in s.dates]

    @staticmethod
    def build(
        sources: Sequence[Article], analyses: Sequence[ArticleAnalysis] | None = None
    ) -> SourceIndex:
        """Index the sentences of ``sources``; ``analyses`` of them, when given, supply the
        sentences, figures and (where they provably agree) dates instead of recomputing them."""
        by_id = {a.article.id: a for a in analyses or ()}
        out: list[SourceSentence] = []
        for article in sources:
            dct = article.published.date() if article.published else None
            analysis = by_id.get(article.id)
            if analysis is not None and analysis.article.text == article.text:
                out.extend(_reuse(analysis, article, dct))
            else:
                out.extend(_read(article, dct))
        joined = "\n".join(a.text + "\n" + a.title for a in sources).casefold()
        return SourceIndex(
            tuple(out), joined, tuple(a.title for a in sources), supported_names(joined)
        )

    def closest(self, text: str) -> str | None:
        if not self.sentences:
            return None
        choices = [s.text for s in self.sentences]
        best = process.extractOne(text, choices, scorer=fuzz.token_set_ratio)
        if best is None or best[1] < MIN_EVIDENCE_SCORE:
            return None
        return self.sentences[best[2]].cite()


def _dates_of(timexes: Iterable[Timex]) -> tuple[tuple[str, tuple[date, date]], ...]:
    """(text, interval) of the calendar dates and times among ``timexes``."""
    out = []
    for t in timexes:
        interval = value_interval(t.value) if t.type in ("DATE", "TIME") else None
        if interval:
            out.append((t.text, interval))
    return tuple(out)


def _read(article: Article, dct: date | None) -> list[SourceSentence]:
    """Each sentence of a source text with its figures, computed here (its dates on use)."""
    text = article.text
    out = []
    for s, e in split_spans(text):
        sentence = text[s:e]
        out.append(SourceSentence(article, sentence, tuple(extract_numbers(sentence)), dct=dct))
    return out


def _reuse(analysis: ArticleAnalysis, article: Article, dct: date | None) -> list[SourceSentence]:
    """What :func:`_read` gives, taken from the analyse stage's readings of the article.

    Its sentences are the same split of the same text, and its figures were extracted per
    sentence (shifted here back to sentence offsets). Its dates were read with anaphora
    carried across sentences against the publication time in UTC, while this index tags each
    sentence alone against the publication date; the two agree on a sentence whose dates and
    times are all explicit (none resolved from a reference), so only the other sentences are
    tagged again (when first asked for their dates).
    """
    sentences = analysis.sentences
    reference = dating_reference(analysis.article)
    datings = analysis.datings
    same_dct = reference is not None and reference.date() == dct
    if not same_dct or len(datings) != len(sentences):
        datings = ()
    # The expressions the tagger found in each sentence do not depend on the reference time,
    # so tagging a sentence again against the date only resolves them again.
    found = analysis.expressions if len(analysis.expressions) == len(sentences) else ()
    numbers: dict[int, list[Quantity]] = {}
    for index, q in analysis.numbers:
        numbers.setdefault(index, []).append(q)
    out = []
    for pos, sentence in enumerate(sentences):
        start = sentence.start
        # (the fields spelt out: ``dataclasses.replace`` costs several times more)
        figures = tuple(q.shifted(-start) for q in numbers.get(sentence.index, ()))
        timexes: Sequence[Timex] | None = datings[pos].timexes if datings else None
        if timexes is None or any(t.relative for t in timexes if t.type in ("DATE", "TIME")):
            source = SourceSentence(
                article,
                sentence.text,
                figures,
                dct=dct,
                expressions=found[pos] if found else None,
                likely=tuple(iv for _, iv in _dates_of(timexes)) if timexes else (),
            )
        else:
            source = SourceSentence(article, sentence.text, figures, timexes=timexes)
        out.append(source)
    return out


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _within(inner: tuple[date, date], outer: tuple[date, date]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _index(ctx: PageContext) -> SourceIndex:
    cached = ctx._cache.get("source_index")
    if cached is None:
        cached = SourceIndex.build(ctx.sources or (), ctx.analyses)
        ctx._cache["source_index"] = cached
    return cached  # type: ignore[return-value]


def _story_lines(ctx: PageContext) -> list[Line]:
    return [line for line in ctx.body_lines if not _META_LINE.match(line.text)]


def _dates(ctx: PageContext, index: SourceIndex) -> Iterator[Finding]:
    story = {id(line) for line in _story_lines(ctx)}
    for d in ctx.dated:
        if (
            id(d.line) not in story
            or d.timex.relative
            or d.timex.type != "DATE"
            or d.interval is None
        ):
            continue
        page_iv = d.interval
        if index.gives_date_within(page_iv):
            continue  # a source gives this date, if perhaps for a sentence worded otherwise
        rel = d.start - d.line.start, d.end - d.line.start
        words = key_words(d.line.text[: rel[0]] + " " + d.line.text[rel[1] :])
        caps = {
            stem(w.lower().replace("’", "'").removesuffix("'s"))
            for w in _CAPITALISED.findall(d.line.text)
        }
        about: list[tuple[int, SourceSentence]] = []
        for s in index.sentences:
            if not s.dates:
                continue
            shared = shared_words(words, set(s.words))
            score = sum(NAME_WEIGHT if w in caps else 1 for w in shared)
            if score >= MIN_EVENT_WORDS:
                about.append((score, s))
        if any(_overlap(iv, page_iv) for _, s in about for _, iv in s.dates):
            continue
        if any(_overlap(iv, page_iv) for _, s in about for iv in s.likely):
            continue  # "the 10th of that month": the date the sentence has in its article
        if about:
            about.sort(key=lambda x: -x[0])
            best = about[0][1]
            yield finding(
                "date-contradicts-source",
                f"the page dates this {d.timex.text}; the source gives "
                + ", ".join(text for text, _ in best.dates),
                text=ctx.page.text,
                start=d.start,
                end=d.end,
                section=d.line.section,
                evidence=best.cite(),
            )
            continue
        yield finding(
            "unsupported-date",
            f"no source gives the date '{d.timex.text}'",
            text=ctx.page.text,
            start=d.start,
            end=d.end,
            section=d.line.section,
            evidence=index.closest(d.line.text),
        )


def _numbers(ctx: PageContext, index: SourceIndex) -> Iterator[Finding]:
    story = {id(line) for line in _story_lines(ctx)}
    source_numbers = [q for s in index.sentences for q in s.numbers]
    for line, q in ctx.quantities:
        if id(line) not in story:
            continue
        slack = _step(q)
        if any(
            abs(q.value - sq.value) <= max(slack, _step(sq)) + 1e-9
            and (q.unit is None or sq.unit is None or sq.unit == q.unit)
            for sq in source_numbers
        ):
            continue
        yield finding(
            "unsupported-number",
            f"no source gives the figure '{q.text}'",
            text=ctx.page.text,
            start=line.start + q.start,
            end=line.start + q.end,
            section=line.section,
            evidence=index.closest(line.text),
        )


def _names(ctx: PageContext, index: SourceIndex) -> Iterator[Finding]:
    seen: set[str] = set()
    for line in _story_lines(ctx):
        if NO_EVIDENCE_NOTE.match(line.text):
            continue  # "No source yet discusses what this means for the UK": names no fact
        for s, e, name in names_in(line.text):
            key = name_key(name)
            if key in seen:
                continue
            seen.add(key)
            # the substring test first: it nearly always settles it, and ``index.names`` is
            # then never computed
            if name.casefold() in index.text or index.has_name(key):
                continue
            parts = [p for p in re.split(r"\s+(?:and|of|the)\s+|[\s-]+", name) if p]
            if len(parts) > 1 and all(
                p.casefold() in index.text or index.has_name(name_key(p)) for p in parts
            ):
                continue
            yield finding(
                "unsupported-name",
                f"no source mentions '{name}'",
                text=ctx.page.text,
                start=line.start + s,
                end=line.start + e,
                section=line.section,
                evidence=index.closest(line.text),
            )


def check(ctx: PageContext) -> Iterator[Finding]:
    """Grounding findings; nothing when the page was checked without sources."""
    if ctx.sources is None:
        return
    index = _index(ctx)
    yield from _dates(ctx, index)
    yield from _numbers(ctx, index)
    yield from _names(ctx, index)


def check_citations(
    explainer: Explainer, sources: Sequence[Article], page: Page
) -> Iterator[Finding]:
    """Every citation of the explainer is its source's text at the stated offsets."""
    by_id = {a.id: a for a in sources}
    cursor = 0
    blocks = [b for b in page.blocks if b.kind in ("item", "paragraph")]
    for item in explainer.items():
        block = next((b for b in blocks if b.start >= cursor and item.text in b.text), None)
        if block is not None:
            cursor = block.start
            start = block.start + block.text.index(item.text)
            end, section = start + len(item.text), block.section
        else:
            start = end = 0
            section = ""
        for citation in item.citations:
            article = by_id.get(citation.source)
            if article is None:
                problem = f"cites source '{citation.source}', which is not among the sources"
            elif article.text[citation.start : citation.end] == citation.quote:
                continue
            elif citation.quote in article.text:
                problem = "the quote is in the source but not at the cited offsets"
            else:
                problem = "the quote is not in the source"
            yield finding(
                "citation-not-verbatim",
                problem,
                text=page.text,
                start=start,
                end=end,
                section=section,
                evidence=f"quote: {citation.quote}",
            )
