"""Everything the section builders share, computed once per request.

The sentences of all sources are flattened into one list (a sentence's index there is its
``gid``), dated with the temporal engine against their own article's publication date, ranked
once, and merged into cross-outlet facts. Section builders only read this context.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property

from backstory.analyse.numbers import trie_alternation
from backstory.compose.audience import AudienceProfile
from backstory.compose.base import ComposeRequest
from backstory.compose.embeddings import Encoder, normalised
from backstory.compose.rank import DANGLING, Fact, Ranking, rank
from backstory.compose.text import core_span, display_text
from backstory.errors import ComposeError
from backstory.models import Article, Citation, Item, Section, Sentence

#: Sources published within this many days of the newest one count as "new" coverage
#: (the spec's "New today/this week"; three days covers a news cycle and a weekend).
NEW_WINDOW_DAYS = 3
#: A page dated more than this many days after its newest source is composed late: its
#: "now" is the sources' time, not the page's (a week: past it, "the latest developments"
#: are no longer this week's news).
LATE_PAGE_DAYS = 7
#: Sections (other than the timeline, numbers and FAQs, which index the others) that may
#: state one fact: a reader should not meet the same sentence in four places.
MAX_REPEATS = 2
#: Sentences shorter than this (in words) are fragments: captions, bylines, headings.
MIN_WORDS = 6
#: Sentences longer than this are run-ons or extraction accidents (lists glued together).
MAX_WORDS = 70

#: Site furniture: a sentence opening with one of these, or naming cookies or a newsletter.
#: (Two patterns, the first tried only at the start: as one "^(?:...)|cookie|newsletter",
#: the engine would try the opening at every character.)
_BOILERPLATE_OPENING = re.compile(
    r"sign up|subscribe|read more|related:|advertisement|share this|click here|follow us|"
    r"copyright|all rights reserved|©|image:|photo:|watch:|listen:",
    re.IGNORECASE,
)
_BOILERPLATE_ANYWHERE = re.compile(r"cookie|newsletter", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^\s*(?:[-•*–]\s|\d+[.)]\s)")


def utc_naive(dt: datetime) -> datetime:
    """Aware datetimes to naive UTC, so sources with and without zones compare."""
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


@dataclass(frozen=True)
class Sent:
    """One sentence of one source, with its place in the request."""

    gid: int
    doc: int
    article: Article
    sentence: Sentence
    published: datetime  # the article's publication time, naive UTC (request time if unknown)
    dating: object | None  # SentenceDating from the temporal engine
    eligible: bool
    #: the tagger's expressions of the sentence (ArticleAnalysis.expressions), when the
    #: analysis kept them: dating it again against the page's date then skips finding them
    expressions: object | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.sentence.text


class Context:
    """Shared, read-only inputs of the section builders for one request."""

    def __init__(self, request: ComposeRequest, encoder: Encoder | None = None) -> None:
        if not request.analyses:
            raise ComposeError("no sources to compose from", subject=request.explainer_id)
        self.request = request
        self.audience: AudienceProfile = request.audience
        self.now = utc_naive(request.now)
        self.analyses = request.analyses
        self.articles: tuple[Article, ...] = tuple(a.article for a in request.analyses)
        published = [utc_naive(a.published) if a.published else self.now for a in self.articles]
        self.published: tuple[datetime, ...] = tuple(published)
        self.newest = max(published)
        cutoff = self.newest - timedelta(days=NEW_WINDOW_DAYS)
        self.recent_docs = frozenset(i for i, p in enumerate(published) if p >= cutoff)
        self.sents: list[Sent] = []
        self._gid: dict[tuple[int, int], int] = {}
        for doc, analysis in enumerate(request.analyses):
            datings = _date_sentences(analysis, published[doc])
            kept = getattr(analysis, "expressions", ())
            if len(kept) != len(analysis.sentences):
                kept = ()
            for pos, sentence in enumerate(analysis.sentences):
                gid = len(self.sents)
                self._gid[(doc, sentence.index)] = gid
                self.sents.append(
                    Sent(
                        gid=gid,
                        doc=doc,
                        article=analysis.article,
                        sentence=sentence,
                        published=published[doc],
                        dating=datings[pos] if pos < len(datings) else None,
                        eligible=_eligible(sentence.text),
                        expressions=kept[pos] if kept else None,
                    )
                )
        if not self.sents:
            raise ComposeError("the sources have no sentences", subject=request.explainer_id)
        levels = [staleness(s, self.now) for s in self.sents]
        #: needs a date label to read right on the page (or misleads even with one)
        self.stale: tuple[bool, ...] = tuple(level != FRESH for level in levels)
        #: misleads on the page even under a date label: never used
        self.misleading: tuple[bool, ...] = tuple(level == MISLEADING for level in levels)
        #: can be shown outside the timeline: not misleading, not opening with a pronoun that
        #: needs the sentence before, and either fresh or datable by a label
        self.standalone: tuple[bool, ...] = tuple(
            not self.misleading[s.gid]
            and not DANGLING.match(s.text)
            and (not self.stale[s.gid] or self.event_label(s.gid) is not None)
            for s in self.sents
        )
        #: a list item ("- Check your tariff") rather than a sentence of prose
        self.bullet: tuple[bool, ...] = tuple(bool(_BULLET.match(s.text)) for s in self.sents)
        #: how many items so far state each fact (by id), to keep sections from repeating
        self.shown: Counter[int] = Counter()
        texts = [s.text for s in self.sents]
        self.ranking: Ranking = rank(
            texts,
            [s.doc for s in self.sents],
            [s.sentence.index for s in self.sents],
            [s.eligible for s in self.sents],
            normalised(encoder(texts), len(texts)) if encoder is not None and texts else None,
        )

    # --- lookups -------------------------------------------------------------------------

    def gid(self, doc: int, sentence_index: int) -> int | None:
        return self._gid.get((doc, sentence_index))

    def gid_at(self, doc: int, offset: int) -> int | None:
        """The sentence of document ``doc`` that contains character ``offset``."""
        for s in self._doc_sents[doc]:
            if s.sentence.start <= offset < s.sentence.end:
                return s.gid
        return None

    @cached_property
    def _doc_sents(self) -> dict[int, list[Sent]]:
        out: dict[int, list[Sent]] = {}
        for s in self.sents:
            out.setdefault(s.doc, []).append(s)
        return out

    def fact_ids(self, section: Section) -> set[int]:
        """Ids of the facts a built section's items (sub-sections included) state."""
        out: set[int] = set()
        stack = [section]
        while stack:
            sec = stack.pop()
            stack.extend(sec.subsections)
            for item in sec.items:
                for c in item.citations:
                    gid = self.gid_of_citation(c)
                    if gid is not None:
                        out.add(self.fact(gid).id)
        return out

    def gid_of_citation(self, citation: Citation) -> int | None:
        """The sentence a citation quotes, when it quotes a whole sentence."""
        return self._gid_by_span.get((citation.source, citation.start))

    @cached_property
    def _gid_by_span(self) -> dict[tuple[str, int], int]:
        return {(s.article.id, s.sentence.start): s.gid for s in self.sents}

    @cached_property
    def _doc_of_source(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.articles)}

    def similarity(self, a: int, b: int) -> float:
        """TF-IDF cosine of two sentences."""
        m = self.ranking.matrix
        return float((m[a] @ m[b].T).toarray()[0, 0])

    def fact(self, gid: int) -> Fact:
        return self.ranking.fact_for(gid)

    def facts(self, gids: Iterable[int]) -> list[Fact]:
        """The distinct eligible facts of ``gids``, best first."""
        seen: dict[int, Fact] = {}
        for g in gids:
            if not self.sents[g].eligible:
                continue
            f = self.fact(g)
            seen.setdefault(f.id, f)
        return sorted(seen.values(), key=lambda f: (-f.score, f.id))

    def wording(self, fact: Fact) -> int:
        """The sentence to state ``fact`` with: its best wording that reads the same on a page
        dated ``now`` (no "yesterday" from a week-old source), else its best wording."""
        for ok in (
            lambda g: self.standalone[g] and not self.stale[g],
            lambda g: self.standalone[g],
            lambda g: not self.stale[g],
        ):
            found = next((g for g in fact.members if ok(g)), None)
            if found is not None:
                return found
        return fact.members[0]

    def event_label(self, gid: int) -> tuple[str, str] | None:
        """(label, TIMEX value) of the event date a sentence reports, to print beside a sentence
        whose relative dates ("on Thursday") would otherwise be read against the page's date."""
        from backstory.compose.sections.common import date_label

        for t in getattr(self.sents[gid].dating, "events", ()):
            value = t.value.split("T")[0]
            label = date_label(value, t.mod)
            if label:
                return label, value
        return None

    @cached_property
    def fresh_facts(self) -> list[Fact]:
        """Eligible facts with a wording that reads right on its own on a page dated ``now``
        (no shifted relative dates, no opening pronoun); the sections without a date label use
        only these."""
        return [f for f in self.eligible_facts if any(self.standalone[g] for g in f.members)]

    def mark_shown(self, section: Section) -> None:
        """Count the facts a finished section states (see :meth:`unshown`)."""
        for fact_id in self.fact_ids(section):
            self.shown[fact_id] += 1

    def unshown(self, facts: list[Fact], limit: int = MAX_REPEATS) -> list[Fact]:
        """``facts`` that fewer than ``limit`` sections have shown so far."""
        return [f for f in facts if self.shown[f.id] < limit]

    def is_recent(self, fact: Fact) -> bool:
        """Reported only by sources of the newest news cycle."""
        return all(d in self.recent_docs for d in fact.docs)

    # --- items ---------------------------------------------------------------------------

    def citation(self, gid: int) -> Citation:
        s = self.sents[gid]
        return Citation(
            source=s.article.id, quote=s.sentence.text, start=s.sentence.start, end=s.sentence.end
        )

    def citations(self, fact: Fact, first: int | None = None) -> tuple[Citation, ...]:
        """One citation per outlet stating ``fact`` (its best wording there), ``first`` first."""
        per_doc: dict[int, int] = {}
        for g in fact.members:
            per_doc.setdefault(self.sents[g].doc, g)
        gids = sorted(per_doc.values(), key=lambda g: (self.sents[g].published, g))
        if first is not None:
            gids = [first] + [
                g for g in gids if g != first and self.sents[g].doc != self.sents[first].doc
            ]
        return tuple(self.citation(g) for g in gids)

    def item(
        self,
        fact: Fact,
        *,
        gid: int | None = None,
        label: str | None = None,
        date: str | None = None,
        text: str | None = None,
        trim: bool = True,
    ) -> Item:
        """An item stating ``fact`` in the words of sentence ``gid`` (its best wording)."""
        g = self.wording(fact) if gid is None else gid
        if label is None and date is None and self.stale[g]:
            label, date = self.event_label(g) or (None, None)
        if text is None:
            sentence = self.sents[g].text
            text = display_text(sentence, core_span(sentence) if trim else (0, len(sentence)))
        return Item(
            text=text,
            citations=self.citations(fact, first=g),
            label=label,
            date=date,
            score=round(fact.score, 6),
        )

    def recent_weight(self, fact: Fact) -> float:
        """1 for facts from the newest source, falling off by half per NEW_WINDOW_DAYS older."""
        newest_doc = max(self.published[d] for d in fact.docs)
        age_days = max(0.0, (self.newest - newest_doc).total_seconds() / 86400)
        return 0.5 ** (age_days / NEW_WINDOW_DAYS)

    @cached_property
    def eligible_facts(self) -> list[Fact]:
        return [f for f in self.ranking.facts if self.sents[f.members[0]].eligible]

    def today(self) -> date:
        return self.now.date()

    def late(self) -> bool:
        """Whether the page is dated more than LATE_PAGE_DAYS after its newest source."""
        return (self.now - self.newest).days > LATE_PAGE_DAYS


def _eligible(text: str) -> bool:
    # Every test is a plain condition, so their order changes nothing but the cost: the
    # cheap string tests run first, the scans of the whole sentence last.
    end = text.rstrip()
    if end.rstrip("\"'”’)]").endswith("?"):  # questions, quoted or not, state nothing
        return False
    if end.endswith((":", ",", ";", "-")):
        return False
    if not _quotes_balanced(text):  # one sentence of a longer quotation, cut from the rest
        return False
    if not _TERMINAL.search(text) and not _BULLET.match(text):
        return False  # a subheading ("Meta Yet to Explain Outage") or a cut fragment
    words = len(_WORD.findall(text))
    if words < MIN_WORDS or words > MAX_WORDS:
        return False
    return not (_BOILERPLATE_OPENING.match(text) or _BOILERPLATE_ANYWHERE.search(text))


#: How a finished sentence ends: terminal punctuation, perhaps inside quotes or brackets.
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def _quotes_balanced(text: str) -> bool:
    if text.count("“") != text.count("”"):
        return False
    return text.count('"') % 2 == 0


#: Relative words a reader takes from the page's own date, so that in a sentence quoted from an
#: older source they mislead even under a date label (the checker's relative-time words).
#: (As a trie, see ``trie_alternation``: it matches the same words, and since only whether it
#: matches is asked, which of two words sharing a prefix is tried first does not matter; it is
#: asked of every sentence of a story, and a trie reads each letter once.)
_DEICTIC = re.compile(
    r"\b"
    + trie_alternation(
        "today|tonight|yesterday|this morning|last night|tomorrow|this week|last week|"
        "next week|this month|last month|next month|this year|last year".split("|")
    )
    + r"\b",
    re.IGNORECASE,
)
_RECENT = re.compile(r"\b(?:recent|recently|latest)\b", re.IGNORECASE)
_ANCHORED_SPAN = re.compile(r"\b(?:past|last|recent|coming|next)\b", re.IGNORECASE)
#: Age in days after which "recent"/"latest" in a source no longer holds on the page (a
#: quarter of the checker's six-month limit, since a source's "latest" dates fast).
RECENT_MAX_AGE_DAYS = 45
#: Age after which "the past two years" or "over the coming months" no longer spans the same
#: period read from the page's date.
ANCHORED_SPAN_MAX_AGE_DAYS = 7

FRESH, STALE, MISLEADING = 0, 1, 2


def staleness(s: Sent, now: datetime) -> int:
    """How a sentence reads on a page dated ``now`` rather than on its source's date.

    FRESH: the same. STALE: a relative date ("on Thursday", "4 July") resolves differently, so
    it needs a date label beside it. MISLEADING: a deictic word ("last month", "yesterday",
    "recent", "the past two years") is wrong even with a label; such sentences are not used.
    """
    age = (now.date() - s.published.date()).days
    if age == 0:
        return FRESH
    timexes = getattr(s.dating, "timexes", ())
    level = FRESH
    relative = {t.start: t for t in timexes if getattr(t, "relative", False)}
    if relative:
        from backstory.analyse.temporal import tag

        found = s.expressions
        again = {
            t.start: t.value
            for t in tag(s.text, now, expressions=found)  # type: ignore[arg-type]
            if t.start in relative
        }
        for start, t in relative.items():
            if again.get(start) != t.value:
                if _DEICTIC.search(t.text) or getattr(t, "weekday", None) is not None:
                    return MISLEADING
                level = STALE
    if abs(age) > ANCHORED_SPAN_MAX_AGE_DAYS and any(
        t.type == "DURATION" and _ANCHORED_SPAN.search(t.text) for t in timexes
    ):
        return MISLEADING
    if abs(age) > RECENT_MAX_AGE_DAYS and _RECENT.search(s.text):
        return MISLEADING
    if _DEICTIC.search(s.text) and level == FRESH and abs(age) > 0:
        # a deictic word the tagger did not resolve ("this year's budget"): play safe
        return STALE
    return level


def _date_sentences(analysis: object, published: datetime) -> Sequence[object]:
    """SentenceDating per sentence of ``analysis`` against its article's publication date."""
    from backstory.analyse.temporal import date_sentences

    sentences = analysis.sentences  # type: ignore[attr-defined]
    cached = getattr(analysis, "datings", None)
    if cached is not None and len(cached) == len(sentences):
        return cached
    return date_sentences([s.text for s in sentences], published)
