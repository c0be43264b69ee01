"""The whole job, top to bottom: ingest -> store -> analyse -> compose -> check -> store.

The CLI and the web app call these functions; every behaviour lives here or in a stage, so
tests can drive it without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from backstory.errors import ComposeError, PageDatedBeforeSource, VersionConflict
from backstory.models import Article, DroppedSentence, Explainer, Item, Section, SourceRef

if TYPE_CHECKING:
    from backstory.analyse import ArticleAnalysis
    from backstory.check import Report
    from backstory.check.report import Finding
    from backstory.ingest import IngestOptions, SourceFailure
    from backstory.store import Store


class NoUsableSources(ComposeError):
    """Every source failed; carries the failures so the caller can report each one."""

    def __init__(self, failures: Sequence[SourceFailure]) -> None:
        super().__init__("none of the sources gave a usable article")
        self.failures = tuple(failures)


@dataclass(frozen=True)
class ExplainResult:
    explainer: Explainer
    articles: tuple[Article, ...]
    failures: tuple[SourceFailure, ...] = ()
    report: Report | None = None
    stored_version: int | None = None
    dropped_by_check: tuple[DroppedSentence, ...] = field(default=())
    warnings: tuple[str, ...] = ()
    #: True when the stored version already covered these sources, audience and composer, so
    #: nothing was composed and ``explainer`` is that stored version (``stored_version``).
    #: (A version composed and then found to repeat the stored one is not "unchanged": it was
    #: composed; ``stored_version`` still names the stored one kept.)
    unchanged: bool = False


#: How far ahead of this machine's clock a source's publication time may be and still be
#: believed. Clock skew between a feed's server and this machine is seconds to minutes; a
#: local time labelled as UTC is ahead by at most 14 hours (UTC+14, Kiribati); 15 covers both.
#: A source further ahead than this has a wrong date (a bad feed), not a skewed clock.
FUTURE_SKEW = timedelta(hours=15)


@dataclass(frozen=True)
class PageTime:
    """The page's date, the sources as the page uses them, and what was adjusted (one line
    each, naming the source)."""

    now: datetime
    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()


def _utc(value: datetime) -> datetime:
    """Comparable with any aware time: a naive one (from an API caller) is taken as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _source_name(article: Article) -> str:
    return article.origin or article.url or article.title


def english_sources(articles: Sequence[Article]) -> tuple[list[Article], tuple[str, ...]]:
    """The sources backstory can read (English; the analysis is English-only) and a warning
    for each one left out. Raises ComposeError when none is in English, naming the languages
    found, rather than compose an English page from text its rules cannot read."""
    from backstory.ingest.language import reads_english

    kept: list[Article] = []
    left: list[Article] = []
    for a in articles:
        (kept if reads_english(a.language) else left).append(a)
    if articles and not kept:
        languages = ", ".join(sorted({a.language or "?" for a in left}))
        raise ComposeError(
            f"no source is in English ({languages}); backstory reads English only",
            subject=_source_name(articles[0]) if len(articles) == 1 else None,
        )
    warnings = tuple(
        f"{_source_name(a)}: written in {a.language}, not English; left out of the explainer"
        for a in left
    )
    return kept, warnings


def page_time(
    articles: Sequence[Article],
    now: datetime | None,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> PageTime:
    """The time a page about ``articles`` is dated, which is never before a source's.

    ``now`` given: it is the page time, and a source published after it is an error
    (:class:`PageDatedBeforeSource`, naming the newest such source): a page dated before its
    own sources is the mistake backstory exists to catch, and only the caller knows which of
    the two times is wrong.

    ``now`` not given: the page is dated by ``clock``, and a source dated after the clock is
    not the user's fault (clock skew, or a feed with a wrong date), so it does not fail:

    - up to :data:`FUTURE_SKEW` ahead, the date is believed and the page is dated at that
      source's publication time instead, so it still follows every source;
    - further ahead, the date is taken as wrong: this page treats that source as undated
      (the composers then date it by the page), rather than date the page in the future and
      resolve every "yesterday" against a day that has not come.

    Either adjustment is reported in ``warnings``. Stored articles are never changed.
    """
    if now is not None:
        late = [a for a in articles if a.published is not None and _utc(a.published) > _utc(now)]
        if late:
            newest = max(late, key=lambda a: _utc(a.published or now))
            assert newest.published is not None
            raise PageDatedBeforeSource(_source_name(newest), newest.published, now)
        return PageTime(now, tuple(articles))
    current = clock()
    page = current
    kept: list[Article] = []
    warnings: list[str] = []
    for article in articles:
        published = _utc(article.published) if article.published is not None else None
        if published is None or published <= current:
            kept.append(article)
        elif published - current <= FUTURE_SKEW:
            page = max(page, published)
            kept.append(article)
            warnings.append(
                f"{_source_name(article)}: published {published.isoformat()}, after this "
                f"machine's clock ({current.isoformat(timespec='seconds')}); the page is dated "
                "at that time instead (clock skew or a time-zone slip)"
            )
        else:
            update: dict[str, Any] = {"published": None}
            if article.updated is not None and _utc(article.updated) > current:
                update["updated"] = None
            kept.append(article.model_copy(update=update))
            warnings.append(
                f"{_source_name(article)}: published {published.isoformat()}, more than "
                f"{FUTURE_SKEW.total_seconds() / 3600:g} hours after this machine's clock; "
                "that date is taken as wrong and the source treated as undated"
            )
    return PageTime(page, tuple(kept), tuple(warnings))


def explain_articles(
    articles: Sequence[Article],
    *,
    audience: str = "uk",
    now: datetime | None = None,
    composer: str = "extractive",
    composer_options: dict[str, Any] | None = None,
    previous: Explainer | None = None,
    story_id: str | None = None,
    explainer_id: str | None = None,
) -> Explainer:
    """Compose and check an explainer from articles already ingested.

    Items the checker finds an error in are a composer bug; rather than publish them they are
    removed and recorded in the explainer's provenance, so what is returned always passes.
    The page is dated by :func:`page_time`: ``now`` before a source's publication time raises
    :class:`PageDatedBeforeSource`.
    """
    if not articles:
        raise ComposeError("no usable source articles")
    timed = page_time(articles, now)
    return _compose_checked(
        timed.articles,
        audience=audience,
        now=timed.now,
        composer=composer,
        composer_options=composer_options,
        previous=previous,
        story_id=story_id,
        explainer_id=explainer_id,
    )


def _compose_checked(
    articles: Sequence[Article],
    *,
    audience: str,
    now: datetime,
    composer: str,
    composer_options: dict[str, Any] | None,
    previous: Explainer | None,
    story_id: str | None,
    explainer_id: str | None,
) -> Explainer:
    from backstory.analyse import analyse_article
    from backstory.compose import ComposeRequest, compose, explainer_id_for, load_audience

    # 1. analyse every source
    analyses = tuple(analyse_article(a) for a in articles)
    # 2. compose with the chosen composer
    request = ComposeRequest(
        analyses=analyses,
        audience=load_audience(audience),
        now=now,
        explainer_id=explainer_id or story_id or explainer_id_for([a.id for a in articles]),
        story_id=story_id,
        previous=previous,
    )
    explainer = compose(request, composer, **(composer_options or {}))
    # 3. check it against its sources before anyone sees it (reusing the analyses of step 1)
    return _enforce_check(explainer, articles, now, analyses)


def _flagged_line(page_text: str, finding: Finding) -> str | None:
    """The line of the rendered page that ``finding`` points into, when it has a position."""
    if finding.start is None:
        return None
    start = page_text.rfind("\n", 0, finding.start) + 1
    end = page_text.find("\n", finding.end if finding.end is not None else finding.start)
    return page_text[start : end if end >= 0 else len(page_text)]


def _enforce_check(
    explainer: Explainer,
    articles: Sequence[Article],
    now: datetime,
    analyses: Sequence[ArticleAnalysis] | None = None,
) -> Explainer:
    try:
        from backstory.check import check_explainer
    except ImportError:  # pragma: no cover - the checker ships with the package
        return explainer
    report = check_explainer(explainer, articles, now=now, analyses=analyses)
    errors = report.errors
    if not errors:
        return explainer
    from backstory.check.page import page_from_explainer

    page_text = page_from_explainer(explainer).text
    blamed = [(_flagged_line(page_text, f), f) for f in errors]
    dropped: list[DroppedSentence] = []

    def keep(item: Item, section: str) -> bool:
        """An item goes when an error lies on the page line that shows it (a short flagged
        span such as '2024' must not take every item that contains it)."""
        text = item.text.strip()
        codes = [
            f.code
            for line, f in blamed
            if (text in line if line is not None else bool(f.quote) and f.quote in text)
        ]
        if not codes:
            return True
        reason = ",".join(dict.fromkeys(codes))
        dropped.append(DroppedSentence(section=section, text=item.text, reason=reason))
        return False

    def prune(section: Section) -> Section:
        items = tuple(i for i in section.items if keep(i, section.key))
        subs = tuple(prune(s) for s in section.subsections)
        note = section.note
        if not items and not any(s.items for s in subs) and note is None:
            note = "No statement here passed the checks against the sources."
        return section.model_copy(update={"items": items, "subsections": subs, "note": note})

    sections = tuple(prune(s) for s in explainer.sections)
    provenance = explainer.provenance.model_copy(
        update={"dropped": explainer.provenance.dropped + tuple(dropped)}
    )
    return explainer.model_copy(update={"sections": sections, "provenance": provenance})


def explain_sources(
    sources: Sequence[str],
    *,
    store: Store | None,
    options: IngestOptions | None = None,
    audience: str = "uk",
    now: datetime | None = None,
    composer: str = "extractive",
    composer_options: dict[str, Any] | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> ExplainResult:
    """Ingest sources (files, folders, URLs, feeds), store them, and explain them as one story.

    Nothing is stored when ``now`` is before a source (:class:`PageDatedBeforeSource`). When
    the stored latest version already covers the same sources (same content), audience and
    composer, it is returned as it is (``unchanged``) without composing again.
    """
    from backstory.ingest import IngestOptions, ingest

    result = ingest(sources, options or IngestOptions(), on_progress=on_progress)
    articles = list(result.articles)
    if not articles:
        raise NoUsableSources(result.failures)
    readable, foreign = english_sources(articles)
    # Before anything is stored: a page that would predate its sources is refused outright.
    timed = page_time(readable, now)
    if store is not None:
        store.add_articles(articles)
    from backstory.compose import explainer_id_for

    explainer_id = explainer_id_for([a.id for a in readable])
    previous = store.latest_explainer(explainer_id) if store is not None else None
    warnings = result.warnings + foreign + timed.warnings + _mixed_story_warning(readable)
    explained = _explain_timed(
        store,
        timed,
        previous,
        audience=audience,
        composer=composer,
        composer_options=composer_options,
        story_id=None,
        explainer_id=explainer_id,
    )
    return replace(explained, failures=result.failures, warnings=warnings)


def _explain_timed(
    store: Store | None,
    timed: PageTime,
    previous: Explainer | None,
    *,
    audience: str,
    composer: str,
    composer_options: dict[str, Any] | None,
    story_id: str | None,
    explainer_id: str,
) -> ExplainResult:
    """The stored ``previous`` version when composing again would only repeat it (checked
    before composing, the expensive part); else a new explainer, checked, and stored as a new
    version when ``store`` is given and something changed."""
    if previous is not None and _unchanged(
        previous, timed.articles, audience, composer, composer_options
    ):
        return ExplainResult(
            previous,
            timed.articles,
            stored_version=previous.version,
            warnings=timed.warnings,
            unchanged=True,
        )
    explainer = _compose_checked(
        timed.articles,
        audience=audience,
        now=timed.now,
        composer=composer,
        composer_options=composer_options,
        previous=previous,
        story_id=story_id,
        explainer_id=explainer_id,
    )
    stored = None
    if store is not None:
        explainer = _store_version(store, explainer, previous, timed.articles)
        stored = explainer.version
    return ExplainResult(explainer, timed.articles, stored_version=stored, warnings=timed.warnings)


def _mixed_story_warning(articles: Sequence[Article]) -> tuple[str, ...]:
    """Say so when the sources given as one story look like several (one explainer would
    then mix unrelated events); the story clusterer is the judge."""
    from backstory.stories import cluster

    groups: dict[str, list[str]] = {}
    titles = {a.id: a.title for a in articles}
    for assignment in cluster(articles):
        groups.setdefault(assignment.story_id, []).append(titles[assignment.article_id])
    sizes = sorted((len(v) for v in groups.values()), reverse=True)
    # A lone straggler beside one clear story is usually an early or odd report of it (the
    # clusterer's time decay splits off articles weeks apart); two stories, or no main one
    # at all, are not.
    if len(sizes) < 2 or (sizes[1] < 2 and sizes[0] * 2 >= len(articles)):
        return ()
    stray = [t for ids in groups.values() if len(ids) < sizes[0] for t in ids][:3]
    return (
        f"the sources look like {len(groups)} different stories "
        f"(sizes {', '.join(map(str, sizes))}); unrelated ones include: "
        + "; ".join(repr(t[:60]) for t in stray),
    )


def _same_sources(explainer: Explainer, articles: Sequence[Article]) -> bool:
    """True when ``articles`` are the sources ``explainer`` was made from, unchanged: the same
    ids and listed details, and every passage it cites still verbatim at its offsets (an edit
    to a stored article's text moves or changes them)."""
    refs = {s.id: s for s in explainer.sources}
    by_id = {a.id: a for a in articles}
    if set(refs) != set(by_id) or len(refs) != len(explainer.sources):
        return False
    if any(SourceRef.of(a) != refs[a.id] for a in articles):
        return False
    return all(
        c.source in by_id and by_id[c.source].text[c.start : c.end] == c.quote
        for item in explainer.items()
        for c in item.citations
    )


def _unchanged(
    previous: Explainer,
    articles: Sequence[Article],
    audience: str,
    composer: str,
    composer_options: dict[str, Any] | None,
) -> bool:
    """Whether composing again would only repeat ``previous``: checked *before* composing,
    since composing is the expensive part. Composer options are not recorded in a stored
    explainer, so any options given mean "compose again" (:func:`_store_version` then keeps
    the stored version if the result covers the same sources)."""
    from backstory.compose import load_audience

    if composer_options or previous.provenance.composer != composer:
        return False
    if previous.audience != load_audience(audience).key:
        return False
    return _same_sources(previous, articles)


def _same_content(a: Explainer, b: Explainer, articles: Sequence[Article] = ()) -> bool:
    """True when nothing new came in since the previous version ``a``, so no new version is
    due: same sources with the same details (and, given the articles, the same cited text),
    audience, composer and model."""
    same_refs = {s.id: s for s in a.sources} == {s.id: s for s in b.sources}
    return (
        same_refs
        and a.provenance.composer == b.provenance.composer
        and a.provenance.model == b.provenance.model
        and a.audience == b.audience
        and (not articles or _same_sources(a, articles))
    )


def explain_story(
    store: Store,
    story_id: str,
    *,
    audience: str = "uk",
    now: datetime | None = None,
    composer: str = "extractive",
    composer_options: dict[str, Any] | None = None,
) -> ExplainResult:
    """Re-explain a stored story; a new version is stored only when its sources changed, and
    nothing is composed when the latest version already covers them (``unchanged``)."""
    articles = store.articles(story_id=story_id)
    if not articles:
        raise ComposeError("no such story, or it has no articles", subject=story_id)
    readable, foreign = english_sources(articles)
    timed = page_time(readable, now)
    explained = _explain_timed(
        store,
        timed,
        store.latest_explainer(story_id),
        audience=audience,
        composer=composer,
        composer_options=composer_options,
        story_id=story_id,
        explainer_id=story_id,
    )
    return replace(explained, warnings=foreign + explained.warnings)


def _store_version(
    store: Store,
    explainer: Explainer,
    previous: Explainer | None,
    articles: Sequence[Article] = (),
) -> Explainer:
    """Store ``explainer`` as a new version unless nothing new came in; the stored one."""
    if previous is not None and _same_content(previous, explainer, articles):
        return previous
    try:
        return store.save_explainer(explainer).explainer
    except VersionConflict:
        # Another writer (a second watcher) got there first; its version stands if it covers
        # the same sources.
        latest = store.latest_explainer(explainer.id)
        if latest is None or not _same_content(latest, explainer, articles):
            raise
        return latest
