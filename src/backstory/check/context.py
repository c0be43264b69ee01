"""What every rule reads: the page's sentences by section, their dates and figures, computed once.

Hand-written glue over the analyse stage (sentence splitter, temporal tagger, number
extractor), so that a page is tagged once however many rules look at it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from backstory.analyse.numbers import Quantity, extract_numbers
from backstory.analyse.sentences import split_spans
from backstory.analyse.temporal.model import SentenceDating, Timex
from backstory.analyse.temporal.tagger import tag
from backstory.analyse.temporal.values import value_interval
from backstory.check.page import Page, as_utc
from backstory.models import Article

if TYPE_CHECKING:
    from backstory.analyse import ArticleAnalysis

#: Sections that list sources or site chrome rather than the story: no fact rule applies.
_NON_STORY_SECTION = re.compile(
    r"^(sources?|references|further reading|related|latest news|more from|read more|share)\b", re.I
)

_KEY_STOP = frozenset(
    """the a an and or of in on at to for from with by as is are was were be been being this
    that these those it its their his her they them he she we our you your has have had will
    would could should may might can also than then there here which who whom what when where
    while after before since during over under about into onto between among amid amidst
    not no nor but if so such more most less least very much many some any each other new
    take takes taking took place held hold holds himself herself itself themselves myself
    ourselves yourself
    """.split()
)


#: The spec's required statement that a section has no evidence ("No source yet discusses the
#: impact on UK households"): it says plainly that nothing is known, which is the opposite of
#: padding, so it neither makes a section filler nor specific, and the audience's own names
#: in it need no source.
NO_EVIDENCE_NOTE = re.compile(
    r"^\W*(?:No source\b|None of the sources\b|"
    r"The sources (?:give|say|use|make|answer|report|mention|name|offer) no(?:thing)?\b|"
    r"Nothing has changed since\b|All the sources are from\b)",
    re.I,
)


@dataclass(frozen=True)
class Line:
    """One sentence (or heading, or list item) of the page, with absolute offsets."""

    text: str
    start: int
    end: int
    section: str
    kind: str
    block: int


@dataclass(frozen=True)
class Dated:
    """A temporal expression found on the page, with absolute offsets and its line."""

    timex: Timex
    line: Line
    start: int
    end: int

    @property
    def interval(self) -> tuple[date, date] | None:
        return value_interval(self.timex.value)

    @property
    def span(self) -> tuple[date, date]:
        """The interval of a date already known to have one (rules filter on ``interval``)."""
        interval = self.interval
        if interval is None:
            raise ValueError(f"{self.timex.value!r} names no interval")
        return interval


def key_words(text: str) -> set[str]:
    """Content words of a sentence, crudely stemmed, for linking statements about one event."""
    out = set()
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]+", text):
        w = word.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if w in _KEY_STOP or len(w) < 3:
            continue
        out.add(stem(w))
    return out


def stem(word: str) -> str:
    """Tiny suffix stripper: "invades"/"invasion"/"invaded" -> "inva", "talks" -> "talk"."""
    for suffix in ("ations", "ation", "sions", "sion", "ions", "ion", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass
class PageContext:
    """A page with its reference dates and lazily computed analyses.

    ``analyses`` are the analyse stage's readings of ``sources`` when the caller already has
    them (the pipeline does), so that the source index reuses their sentences, figures and
    dates rather than computing them again.
    """

    page: Page
    now: datetime
    sources: Sequence[Article] | None = None
    analyses: Sequence[ArticleAnalysis] | None = None
    _cache: dict[str, object] = field(default_factory=dict)

    @cached_property
    def reference(self) -> date | None:
        """The date the page speaks from: its latest own date (published or updated)."""
        dates = [d for d in (self.page.published, self.page.updated) if d is not None]
        # A stated date after the time of checking is itself an error (date-in-future) and
        # must not move the page's point of view into the future.
        dates = [d for d in dates if as_utc(d) <= as_utc(self.now)] or dates
        if not dates:
            return None
        return max(dates, key=as_utc).date()

    @cached_property
    def dct(self) -> date:
        """Anchor for relative expressions: the page's date, else the time of checking."""
        return self.reference or self.now.date()

    @cached_property
    def lines(self) -> list[Line]:
        out: list[Line] = []
        for index, block in enumerate(self.page.blocks):
            if _NON_STORY_SECTION.match(block.section):
                continue
            if block.kind == "heading":
                out.append(
                    Line(block.text, block.start, block.end, block.section, "heading", index)
                )
                continue
            for s, e in split_spans(block.text):
                out.append(
                    Line(
                        block.text[s:e],
                        block.start + s,
                        block.start + e,
                        block.section,
                        block.kind,
                        index,
                    )
                )
        return out

    @cached_property
    def body_lines(self) -> list[Line]:
        """Sentences and list items, headings left out."""
        return [line for line in self.lines if line.kind != "heading"]

    @cached_property
    def dated(self) -> list[Dated]:
        out: list[Dated] = []
        found = self._body_readings[1]
        for line in self.lines:
            # a body line's expressions were found for ``datings``: only resolve them again
            for t in tag(line.text, self.dct, expressions=found.get(id(line))):
                out.append(Dated(t, line, line.start + t.start, line.start + t.end))
        return out

    def dated_in(self, line: Line) -> list[Dated]:
        return [d for d in self.dated if d.line is line]

    @cached_property
    def datings(self) -> dict[int, SentenceDating]:
        """The temporal engine's reading of each body line (its events, background, tense),
        keyed by ``id(line)``."""
        return self._body_readings[0]

    @cached_property
    def _body_readings(self) -> tuple[dict[int, SentenceDating], dict[int, Any]]:
        """:attr:`datings`, and the tagger's expressions of each body line, by ``id(line)``:
        ``date_sentences`` of the lines, as the analyse stage reads an article (which keeps
        the expressions it found, so that :attr:`dated` does not look for them again)."""
        from backstory.analyse import _datings

        lines = self.body_lines
        # the analyse stage's reader takes anything with a ``text``, and a date as reference
        readings, found = _datings(tuple(lines), self.dct)  # type: ignore[arg-type]
        return (
            {id(line): d for line, d in zip(lines, readings, strict=True)},
            {id(line): e for line, e in zip(lines, found, strict=True)},
        )

    def event_intervals(self, line: Line) -> list[tuple[date, date]]:
        """Intervals of the dates that date the events of ``line`` (not background dates)."""
        dating = self.datings.get(id(line))
        if dating is None:
            return []
        out = []
        for t in dating.events:
            if t.type == "DATE" and not t.relative:
                iv = value_interval(t.value)
                if iv:
                    out.append(iv)
        return out

    @cached_property
    def quantities(self) -> list[tuple[Line, Quantity]]:
        out: list[tuple[Line, Quantity]] = []
        for line in self.body_lines:
            out.extend((line, q) for q in extract_numbers(line.text))
        return out

    @cached_property
    def dated_events(self) -> list[tuple[Dated, set[str]]]:
        """Explicit calendar dates (not relative, not durations) with the key words of their line.

        A dated line "October 2023: Miami talks take place" is how the page itself dates an
        event; rules about durations and relative time link statements to these by key words.
        """
        out = []
        for d in self.dated:
            if d.timex.type != "DATE" or d.timex.relative or d.interval is None:
                continue
            if d.line.kind == "heading":
                continue
            words = key_words(
                d.line.text[: d.start - d.line.start] + " " + d.line.text[d.end - d.line.start :]
            )
            out.append((d, words))
        return out
