"""The whole job, top to bottom: ingest -> store -> analyse -> compose -> check -> store.

The CLI and the web app call these functions; every behaviour lives here or in a stage, so
tests can drive it without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from backstory.errors import ComposeError, VersionConflict
from backstory.models import Article, DroppedSentence, Explainer, Item, Section

if TYPE_CHECKING:
    from backstory.analyse import ArticleAnalysis
    from backstory.check import Report
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
    """
    from backstory.analyse import analyse_article
    from backstory.compose import ComposeRequest, compose, explainer_id_for, load_audience

    if not articles:
        raise ComposeError("no usable source articles")
    now = now or datetime.now(UTC)
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
    bad_quotes = {f.quote for f in report.findings if f.severity == "error"}
    if not bad_quotes:
        return explainer
    dropped: list[DroppedSentence] = []

    def keep(item: Item, section: str) -> bool:
        hit = next((q for q in bad_quotes if q and (q in item.text or item.text in q)), None)
        if hit is None:
            return True
        reasons = [f.code for f in report.findings if f.quote == hit and f.severity == "error"]
        dropped.append(DroppedSentence(section=section, text=item.text, reason=",".join(reasons)))
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
    """Ingest sources (files, folders, URLs, feeds), store them, and explain them as one story."""
    from backstory.ingest import IngestOptions, ingest

    result = ingest(sources, options or IngestOptions(), on_progress=on_progress)
    articles = list(result.articles)
    if store is not None:
        store.add_articles(articles)
    if not articles:
        raise NoUsableSources(result.failures)
    from backstory.compose import explainer_id_for

    explainer_id = explainer_id_for([a.id for a in articles])
    previous = store.latest_explainer(explainer_id) if store is not None else None
    explainer = explain_articles(
        articles,
        audience=audience,
        now=now,
        composer=composer,
        composer_options=composer_options,
        previous=previous,
        explainer_id=explainer_id,
    )
    stored = None
    if store is not None:
        explainer = _store_version(store, explainer, previous)
        stored = explainer.version
    return ExplainResult(
        explainer=explainer,
        articles=tuple(articles),
        failures=result.failures,
        stored_version=stored,
        warnings=_mixed_story_warning(articles),
    )


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


def _same_content(a: Explainer, b: Explainer) -> bool:
    """True when nothing new came in since the previous version, so no new version is due."""
    return {s.id for s in a.sources} == {s.id for s in b.sources} and (
        a.provenance.composer == b.provenance.composer and a.audience == b.audience
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
    """Re-explain a stored story; a new version is stored only when its sources changed."""
    articles = store.articles(story_id=story_id)
    if not articles:
        raise ComposeError("no such story, or it has no articles", subject=story_id)
    previous = store.latest_explainer(story_id)
    explainer = explain_articles(
        articles,
        audience=audience,
        now=now,
        composer=composer,
        composer_options=composer_options,
        previous=previous,
        story_id=story_id,
        explainer_id=story_id,
    )
    explainer = _store_version(store, explainer, previous)
    return ExplainResult(explainer, tuple(articles), stored_version=explainer.version)


def _store_version(store: Store, explainer: Explainer, previous: Explainer | None) -> Explainer:
    """Store ``explainer`` as a new version unless nothing new came in; the stored one."""
    if previous is not None and _same_content(previous, explainer):
        return previous
    try:
        return store.save_explainer(explainer).explainer
    except VersionConflict:
        # Another writer (a second watcher) got there first; its version stands if it covers
        # the same sources.
        latest = store.latest_explainer(explainer.id)
        if latest is None or not _same_content(latest, explainer):
            raise
        return latest
