"""Initial schema: articles, stories, explainer versions, feeds, full-text search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

#: SQLite FTS5: stemmed (porter) so "tariffs" finds "tariff"; accents folded. ``ref`` holds
#: the row's id; the triggers keep the index in the same transaction as every write, so
#: any writer (two watchers, a crashed one) leaves it consistent.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE article_fts USING fts5("
    "ref UNINDEXED, title, body, tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE explainer_fts USING fts5("
    "ref UNINDEXED, title, body, tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_fts(ref, title, body) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "DELETE FROM article_fts WHERE ref = old.id; END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
    "DELETE FROM article_fts WHERE ref = old.id; "
    "INSERT INTO article_fts(ref, title, body) VALUES (new.id, new.title, new.text); END",
    # Only the latest version of an explainer is searchable.
    "CREATE TRIGGER explainers_fts_ai AFTER INSERT ON explainers BEGIN "
    "DELETE FROM explainer_fts WHERE ref = new.explainer_id; "
    "INSERT INTO explainer_fts(ref, title, body) "
    "VALUES (new.explainer_id, new.headline, new.search_text); END",
]

#: PostgreSQL: expression GIN indexes; backstory.store.search uses the same expressions.
POSTGRES_FTS = [
    "CREATE INDEX ix_articles_tsv ON articles USING gin "
    "(to_tsvector('english'::regconfig, title || ' ' || text))",
    "CREATE INDEX ix_explainers_tsv ON explainers USING gin "
    "(to_tsvector('english'::regconfig, headline || ' ' || search_text))",
]


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("created", TS, nullable=False),
        sa.Column("updated", TS, nullable=False),
        sa.Column("merged_into", sa.String(64), sa.ForeignKey("stories.id"), nullable=True),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=False),
        sa.Column("published", TS, nullable=True),
        sa.Column("updated", TS, nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("summary_only", sa.Boolean(), nullable=False),
        sa.Column("ingested_at", TS, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id"), nullable=True),
    )
    op.create_index("ix_articles_canonical_url", "articles", ["canonical_url"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id"), primary_key=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("added", TS, nullable=False),
    )
    op.create_index("ix_story_articles_article_id", "story_articles", ["article_id"])
    op.create_table(
        "explainers",
        sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("explainer_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.String(64), nullable=True),
        sa.Column("created", TS, nullable=False),
        sa.Column("published", TS, nullable=False),
        sa.Column("updated", TS, nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("audience", sa.String(32), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("n_items", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("diff", sa.Text(), nullable=True),
        sa.UniqueConstraint("explainer_id", "version", name="uq_explainers_id_version"),
    )
    op.create_index("ix_explainers_explainer_id", "explainers", ["explainer_id"])
    op.create_index("ix_explainers_story_id", "explainers", ["story_id"])
    op.create_index("ix_explainers_category", "explainers", ["category"])
    op.create_index("ix_explainers_updated", "explainers", ["updated"])
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_polled", TS, nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_poll_at", TS, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_FTS, "postgresql": POSTGRES_FTS}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in (
            "articles_fts_ai",
            "articles_fts_ad",
            "articles_fts_au",
            "explainers_fts_ai",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS article_fts")
        op.execute("DROP TABLE IF EXISTS explainer_fts")
    for table in ("feeds", "explainers", "story_articles", "articles", "stories"):
        op.drop_table(table)
