"""The Store: every read and write backstory does against its database.

Each public write is one transaction (SQLite: ``BEGIN IMMEDIATE``), so a process killed at
any moment leaves either all or none of a call's rows; re-adding an article is a no-op
(``INSERT ... ON CONFLICT DO NOTHING``), so a restarted watcher can replay its last batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, Select, func, select, text, update
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backstory.errors import StoreError, VersionConflict
from backstory.models import Article, Explainer, VersionDiff
from backstory.store import search as search_mod
from backstory.store.engine import (
    check_writable,
    create_sqlite_file,
    current_revision,
    head_revision,
    make_engines,
    migrate,
    on_read_only_media,
    prepare_location,
    translate_errors,
)
from backstory.store.location import display, resolve_url
from backstory.store.records import (
    FeedState,
    SearchHit,
    StoredArticles,
    StoredVersion,
    StoryRow,
    VersionInfo,
    diff_summary,
)
from backstory.store.schema import (
    ArticleTable,
    ExplainerTable,
    FeedTable,
    StoryArticleTable,
    StoryTable,
)

#: Rows per multi-row INSERT / ids per IN (...): 200 rows x 14 columns stays far below
#: SQLite's 32766 and PostgreSQL's 65535 bound-parameter limits.
BATCH = 200


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(seq: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def content_hash(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8", "surrogatepass")).hexdigest()


#: Columns an edited article keeps from its first storing.
_KEPT_ON_UPDATE = frozenset({"id", "ingested_at"})


def _article_values(article: Article, now: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "updated": article.updated,
        "language": article.language,
        "text": article.text,
        "origin": article.origin,
        "summary_only": article.summary_only,
        "ingested_at": now,
        "content_hash": content_hash(article.text),
    }


def _to_article(row: ArticleTable) -> Article:
    return Article(
        id=row.id,
        title=row.title,
        text=row.text,
        outlet=row.outlet,
        url=row.url,
        canonical_url=row.canonical_url,
        published=row.published,
        updated=row.updated,
        language=row.language,
        origin=row.origin,
        summary_only=row.summary_only,
    )


def _article_order(article: Article) -> tuple[bool, datetime, str]:
    """Published first-to-last, undated articles last, then by id (stable)."""
    return (
        article.published is None,
        article.published or datetime.min.replace(tzinfo=UTC),
        article.id,
    )


def _search_text(explainer: Explainer) -> str:
    parts = [explainer.headline]
    for item in explainer.items():
        if item.label:
            parts.append(item.label)
        parts.append(item.text)
    return "\n".join(parts)


def _version_info(row: ExplainerTable) -> VersionInfo:
    diff = VersionDiff.model_validate_json(row.diff) if row.diff else None
    return VersionInfo(
        explainer_id=row.explainer_id,
        version=row.version,
        created=row.created,
        n_items=row.n_items,
        n_sources=row.n_sources,
        diff=diff,
        summary=diff_summary(diff),
    )


class Store:
    """A backstory database (SQLite file or PostgreSQL); open it with :func:`open_store`."""

    def __init__(self, url: URL, read: Engine, write: Engine) -> None:
        self._url = url
        self._read_engine = read
        self._write_engine = write
        self.url: str = display(url)
        self.backend: str = read.dialect.name

    # -- plumbing ---------------------------------------------------------------------

    @contextmanager
    def _read(self, what: str | None = None) -> Iterator[Session]:
        with translate_errors(self._url, what), Session(self._read_engine) as session:
            with session.begin():
                yield session

    @contextmanager
    def _write(self, what: str | None = None) -> Iterator[Session]:
        with translate_errors(self._url, what), Session(self._write_engine) as session:
            with session.begin():
                yield session

    def _insert(self, table: Any) -> Any:
        dialect = pg_dialect if self.backend == "postgresql" else sqlite_dialect
        return dialect.insert(table)

    def close(self) -> None:
        self._read_engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- articles ---------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        """Store articles; ids of those newly inserted (see :meth:`put_articles`)."""
        return list(self.put_articles(articles).new)

    def put_articles(self, articles: Sequence[Article]) -> StoredArticles:
        """Store articles: which were new and which replaced an edited stored copy.

        An already stored article whose text has changed since (an outlet edited its page)
        gets the new text and metadata, so that the passages a new explainer version cites are
        the ones stored; its story and ingest time stay. An unchanged one is left alone.
        """
        unique: dict[str, Article] = {}
        for article in articles:
            unique.setdefault(article.id, article)
        if not unique:
            return StoredArticles()
        now = _now()
        rows = [_article_values(a, now) for a in unique.values()]
        table = ArticleTable.__table__
        inserted: set[str] = set()
        edited: set[str] = set()
        with self._write("adding articles") as session:
            for chunk in _chunks(rows):
                query = select(table.c.id, table.c.content_hash).where(
                    table.c.id.in_([r["id"] for r in chunk])
                )
                stored = {aid: digest for aid, digest in session.execute(query)}
                fresh = [r for r in chunk if r["id"] not in stored]
                if fresh:
                    stmt = (
                        self._insert(table)
                        .values(fresh)
                        .on_conflict_do_nothing(index_elements=["id"])
                        .returning(table.c.id)
                    )
                    inserted.update(session.execute(stmt).scalars())
                for r in chunk:
                    if r["id"] in stored and stored[r["id"]] != r["content_hash"]:
                        changes = {k: v for k, v in r.items() if k not in _KEPT_ON_UPDATE}
                        session.execute(
                            update(ArticleTable).where(ArticleTable.id == r["id"]).values(**changes)
                        )
                        edited.add(r["id"])
        return StoredArticles(
            new=tuple(a for a in unique if a in inserted),
            edited=tuple(a for a in unique if a in edited),
        )

    def has_article(self, id: str) -> bool:
        with self._read() as session:
            return session.scalar(select(ArticleTable.id).where(ArticleTable.id == id)) is not None

    def get_article(self, id: str) -> Article | None:
        with self._read() as session:
            row = session.get(ArticleTable, id)
            return _to_article(row) if row is not None else None

    def articles(
        self, ids: Sequence[str] | None = None, *, story_id: str | None = None
    ) -> list[Article]:
        """Stored articles (all, these ids, and/or a story's), by publication date then id."""
        base = select(ArticleTable)
        if story_id is not None:
            base = base.where(ArticleTable.story_id == story_id)
        with self._read() as session:
            if ids is None:
                out = [_to_article(r) for r in session.scalars(base)]
            else:
                out = []
                for chunk in _chunks(list(dict.fromkeys(ids))):
                    stmt = base.where(ArticleTable.id.in_(chunk))
                    out.extend(_to_article(r) for r in session.scalars(stmt))
        return sorted(out, key=_article_order)

    def count_articles(self) -> int:
        with self._read() as session:
            return int(session.scalar(select(func.count()).select_from(ArticleTable)) or 0)

    def article_story(self, id: str) -> str | None:
        """The story an article currently belongs to."""
        with self._read() as session:
            return session.scalar(select(ArticleTable.story_id).where(ArticleTable.id == id))

    # -- stories ----------------------------------------------------------------------

    @staticmethod
    def _resolve_story(session: Session, story_id: str) -> str:
        """Follow ``merged_into`` links to the story that absorbed ``story_id``."""
        seen = {story_id}
        current = story_id
        while True:
            nxt = session.scalar(select(StoryTable.merged_into).where(StoryTable.id == current))
            if nxt is None:
                return current
            if nxt in seen:
                raise StoreError("story merge links form a cycle", subject=story_id)
            seen.add(nxt)
            current = nxt

    def set_story(self, article_ids: Sequence[str], story_id: str, headline: str) -> None:
        """Create or update a story and make it the current story of these articles.

        A story that was merged away redirects to the one that absorbed it (its headline
        is then left alone), so a late writer cannot resurrect a merged story.
        """
        ids = list(dict.fromkeys(article_ids))
        now = _now()
        with self._write("saving story") as session:
            target = self._resolve_story(session, story_id)
            row = session.get(StoryTable, target)
            if row is None:
                session.add(StoryTable(id=target, headline=headline, created=now, updated=now))
                session.flush()
            else:
                if target == story_id:
                    row.headline = headline
                row.updated = now
            found: set[str] = set()
            for chunk in _chunks(ids):
                found.update(
                    session.scalars(select(ArticleTable.id).where(ArticleTable.id.in_(chunk)))
                )
            missing = [i for i in ids if i not in found]
            if missing:
                raise StoreError(
                    f"{len(missing)} article(s) are not stored, e.g. {missing[0]}",
                    subject=story_id,
                )
            self._assign(session, ids, target, now)

    def _assign(self, session: Session, ids: Sequence[str], story_id: str, now: datetime) -> None:
        history = StoryArticleTable.__table__
        for chunk in _chunks(list(ids)):
            session.execute(
                update(ArticleTable).where(ArticleTable.id.in_(chunk)).values(story_id=story_id)
            )
            session.execute(
                self._insert(history)
                .values([{"story_id": story_id, "article_id": a, "added": now} for a in chunk])
                .on_conflict_do_nothing(index_elements=["story_id", "article_id"])
            )

    def merge_stories(self, keep: str, absorbed: str) -> None:
        """Fold ``absorbed`` into ``keep``: its articles move, its row and history remain."""
        now = _now()
        with self._write("merging stories") as session:
            for sid in (keep, absorbed):
                if session.get(StoryTable, sid) is None:
                    raise StoreError("no such story", subject=sid)
            target = self._resolve_story(session, keep)
            victim = session.get(StoryTable, absorbed)
            assert victim is not None
            if victim.merged_into is not None:
                if self._resolve_story(session, absorbed) == target:
                    return  # already merged: replaying a merge is a no-op
                raise StoreError(f"already merged into {victim.merged_into}", subject=absorbed)
            if target == absorbed:
                raise StoreError(f"cannot merge a story into itself ({keep})", subject=absorbed)
            moving = list(
                session.scalars(select(ArticleTable.id).where(ArticleTable.story_id == absorbed))
            )
            self._assign(session, moving, target, now)
            # Stories merged into the absorbed one now point straight at the keeper.
            session.execute(
                update(StoryTable)
                .where(StoryTable.merged_into == absorbed)
                .values(merged_into=target)
            )
            victim.merged_into = target
            victim.updated = now
            keeper = session.get(StoryTable, target)
            assert keeper is not None
            keeper.updated = now

    def _story_rows(self, stmt: Select[Any]) -> list[StoryRow]:
        counts = (
            select(ArticleTable.story_id, func.count().label("n"))
            .where(ArticleTable.story_id.is_not(None))
            .group_by(ArticleTable.story_id)
            .subquery()
        )
        stmt = stmt.add_columns(func.coalesce(counts.c.n, 0)).outerjoin(
            counts, counts.c.story_id == StoryTable.id
        )
        with self._read() as session:
            return [
                StoryRow(s.id, s.headline, int(n), s.created, s.updated, s.merged_into)
                for s, n in session.execute(stmt)
            ]

    def current_story(self, story_id: str) -> str | None:
        """The live story behind ``story_id`` (itself, or the one it was merged into)."""
        with self._read() as session:
            if session.get(StoryTable, story_id) is None:
                return None
            return self._resolve_story(session, story_id)

    def stories_of(self, article_ids: Sequence[str]) -> set[str]:
        """The live stories these articles belong to (unassigned ones add nothing)."""
        with self._read() as session:
            found: set[str] = set()
            for chunk in _chunks(list(dict.fromkeys(article_ids))):
                stmt = select(ArticleTable.story_id).where(
                    ArticleTable.id.in_(chunk), ArticleTable.story_id.is_not(None)
                )
                found.update(session.scalars(stmt))
            return {self._resolve_story(session, s) for s in found}

    def stories(self, *, include_merged: bool = False) -> list[StoryRow]:
        """Stories, most recently updated first; merged-away ones only when asked."""
        stmt = select(StoryTable).order_by(StoryTable.updated.desc(), StoryTable.id)
        if not include_merged:
            stmt = stmt.where(StoryTable.merged_into.is_(None))
        return self._story_rows(stmt)

    def story(self, story_id: str) -> StoryRow | None:
        rows = self._story_rows(select(StoryTable).where(StoryTable.id == story_id))
        return rows[0] if rows else None

    def story_history(self, story_id: str) -> list[str]:
        """Ids of every article that ever belonged to the story, in the order they joined."""
        with self._read() as session:
            stmt = (
                select(StoryArticleTable.article_id)
                .where(StoryArticleTable.story_id == story_id)
                .order_by(StoryArticleTable.added, StoryArticleTable.article_id)
            )
            return list(session.scalars(stmt))

    # -- explainers -------------------------------------------------------------------

    def save_explainer(self, explainer: Explainer) -> StoredVersion:
        """Store a new version; it must be exactly the latest stored version + 1.

        Two writers that composed from the same latest version both ask for the same
        number; the second gets StoreError("version conflict ...") instead of a duplicate.
        """
        with self._write("saving explainer") as session:
            latest = session.scalar(
                select(func.max(ExplainerTable.version)).where(
                    ExplainerTable.explainer_id == explainer.id
                )
            )
            expected = (latest or 0) + 1
            if explainer.version != expected:
                raise VersionConflict(
                    f"version conflict: got version {explainer.version}, the next is {expected}",
                    subject=explainer.id,
                )
            session.add(
                ExplainerTable(
                    explainer_id=explainer.id,
                    version=explainer.version,
                    story_id=explainer.story_id,
                    created=explainer.created,
                    published=explainer.published,
                    updated=explainer.updated,
                    category=explainer.category,
                    audience=explainer.audience,
                    headline=explainer.headline,
                    n_items=len(explainer.items()),
                    n_sources=len(explainer.sources),
                    search_text=_search_text(explainer),
                    body=explainer.model_dump_json(),
                    diff=explainer.changes.model_dump_json() if explainer.changes else None,
                )
            )
            try:
                session.flush()
            except IntegrityError:
                raise VersionConflict(
                    f"version conflict: version {explainer.version} was written meanwhile",
                    subject=explainer.id,
                ) from None
        return StoredVersion(explainer.id, explainer.version, explainer.created, explainer)

    def _one_explainer(self, stmt: Select[Any]) -> Explainer | None:
        with self._read() as session:
            body = session.scalar(stmt.limit(1))
        return Explainer.model_validate_json(body) if body is not None else None

    def latest_explainer(self, explainer_id: str) -> Explainer | None:
        return self._one_explainer(
            select(ExplainerTable.body)
            .where(ExplainerTable.explainer_id == explainer_id)
            .order_by(ExplainerTable.version.desc())
        )

    def explainer_version(self, explainer_id: str, version: int) -> Explainer | None:
        return self._one_explainer(
            select(ExplainerTable.body).where(
                ExplainerTable.explainer_id == explainer_id, ExplainerTable.version == version
            )
        )

    def latest_for_story(self, story_id: str) -> Explainer | None:
        """Newest explainer version written for a story (by ``Explainer.story_id``)."""
        return self._one_explainer(
            select(ExplainerTable.body)
            .where(ExplainerTable.story_id == story_id)
            .order_by(ExplainerTable.updated.desc(), ExplainerTable.version.desc())
        )

    def versions(self, explainer_id: str) -> list[VersionInfo]:
        """Every stored version of an explainer, oldest first."""
        with self._read() as session:
            rows = session.scalars(
                select(ExplainerTable)
                .where(ExplainerTable.explainer_id == explainer_id)
                .order_by(ExplainerTable.version)
            )
            return [_version_info(r) for r in rows]

    def explainers(self, *, category: str | None = None, limit: int = 50) -> list[Explainer]:
        """The latest version of each explainer, most recently updated first."""
        latest = (
            select(
                ExplainerTable.explainer_id.label("eid"),
                func.max(ExplainerTable.version).label("v"),
            )
            .group_by(ExplainerTable.explainer_id)
            .subquery()
        )
        stmt = select(ExplainerTable.body).join(
            latest,
            (ExplainerTable.explainer_id == latest.c.eid) & (ExplainerTable.version == latest.c.v),
        )
        if category is not None:
            stmt = stmt.where(ExplainerTable.category == category)
        stmt = stmt.order_by(ExplainerTable.updated.desc(), ExplainerTable.explainer_id)
        with self._read() as session:
            bodies = list(session.scalars(stmt.limit(max(limit, 0))))
        return [Explainer.model_validate_json(b) for b in bodies]

    # -- search -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Explainers (latest versions) and articles containing every word of ``query``."""
        with self._read("searching") as session:
            return search_mod.search(session, query, limit)

    # -- feeds ------------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState | None:
        with self._read() as session:
            row = session.get(FeedTable, url)
            if row is None:
                return None
            return FeedState(
                url=row.url,
                etag=row.etag,
                last_modified=row.last_modified,
                last_polled=row.last_polled,
                failures=row.failures,
                next_poll_at=row.next_poll_at,
                last_error=row.last_error,
            )

    def save_feed_state(self, state: FeedState) -> None:
        values = {
            "url": state.url,
            "etag": state.etag,
            "last_modified": state.last_modified,
            "last_polled": state.last_polled,
            "failures": state.failures,
            "next_poll_at": state.next_poll_at,
            "last_error": state.last_error,
        }
        stmt = self._insert(FeedTable.__table__).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["url"], set_={k: v for k, v in values.items() if k != "url"}
        )
        with self._write("saving feed state") as session:
            session.execute(stmt)

    # -- maintenance ------------------------------------------------------------------

    def integrity_check(self) -> bool:
        """True when the database is sound (SQLite: integrity and foreign-key checks)."""
        with self._read("checking integrity") as session:
            if self.backend != "sqlite":
                return session.execute(text("SELECT 1")).scalar_one() == 1
            result = [r[0] for r in session.execute(text("PRAGMA integrity_check"))]
            fk_problems = session.execute(text("PRAGMA foreign_key_check")).all()
            return result == ["ok"] and not fk_problems


def open_store(url_or_path: str | None = None, *, readonly: bool = False) -> Store:
    """Open (creating and migrating as needed) the database named by the argument,
    ``BACKSTORY_DB``, or ``./backstory.db``.

    Unless ``readonly``, a SQLite database that cannot be written is refused here with a
    StoreError rather than at the first write.
    """
    url = resolve_url(url_or_path)
    frozen = readonly and on_read_only_media(url)
    if not frozen:
        prepare_location(url)
        with translate_errors(url, "cannot create database"):
            create_sqlite_file(url)
    try:
        read, write = make_engines(url, frozen=frozen)
    except ImportError as exc:
        raise StoreError(
            f"missing database driver ({exc.name}); "
            "for PostgreSQL: pip install 'backstory[postgres]'",
            subject=display(url),
        ) from None
    try:
        with translate_errors(url, "cannot open database"):
            if frozen:
                if current_revision(read) != head_revision():
                    raise StoreError(
                        "database on read-only media needs a schema upgrade; "
                        "open it once where it can be written",
                        subject=display(url),
                    )
            else:
                migrate(read, write)
            if not readonly:
                check_writable(write)
    except BaseException:
        read.dispose()
        raise
    return Store(url, read, write)
