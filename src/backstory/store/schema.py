"""The relational schema (SQLAlchemy 2 typed declarative).

Alembic migrations in ``migrations/versions`` create exactly these tables; a test compares
the migrated database with this metadata so the two cannot drift. Full-text search objects
(FTS5 tables and triggers on SQLite, GIN indexes on PostgreSQL) live only in migrations
because they are dialect-specific.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as UTC.

    SQLite has no time-zone type: SQLAlchemy writes the wall-clock fields and drops the
    offset, so values are converted to UTC before writing and marked UTC after reading.
    Naive datetimes are taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class StoryTable(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    headline: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    updated: Mapped[datetime] = mapped_column(UTCDateTime)
    merged_into: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("stories.id"), nullable=True
    )


class ArticleTable(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    canonical_url: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    title: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    updated: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text)
    summary_only: Mapped[bool] = mapped_column(Boolean)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    story_id: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("stories.id"), nullable=True, index=True
    )


class StoryArticleTable(Base):
    """Every story an article has ever belonged to: merges move articles, history stays."""

    __tablename__ = "story_articles"

    story_id: Mapped[str] = mapped_column(String(64), ForeignKey("stories.id"), primary_key=True)
    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id"), primary_key=True, index=True
    )
    added: Mapped[datetime] = mapped_column(UTCDateTime)


class ExplainerTable(Base):
    """One row per explainer version; the full model is kept as its JSON."""

    __tablename__ = "explainers"
    __table_args__ = (
        UniqueConstraint("explainer_id", "version", name="uq_explainers_id_version"),
        Index("ix_explainers_updated", "updated"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    explainer_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    story_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    published: Mapped[datetime] = mapped_column(UTCDateTime)
    updated: Mapped[datetime] = mapped_column(UTCDateTime)
    category: Mapped[str] = mapped_column(String(32), index=True)
    audience: Mapped[str] = mapped_column(String(32))
    headline: Mapped[str] = mapped_column(Text)
    n_items: Mapped[int] = mapped_column(Integer)
    n_sources: Mapped[int] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    diff: Mapped[str | None] = mapped_column(Text, nullable=True)


class FeedTable(Base):
    __tablename__ = "feeds"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_polled: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    failures: Mapped[int] = mapped_column(Integer)
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
