"""Site search over explainers (latest versions) and source articles.

The user's query is never passed to the full-text engine as syntax: on SQLite it is cut
into word tokens and each is quoted as an FTS5 string (so ``NEAR(``, ``*``, ``"``, ``AND``
are just words); on PostgreSQL it goes through ``plainto_tsquery``, which reads any
text. Hand-written because neither engine offers "treat this as plain words" directly.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from backstory.store.records import SearchHit

#: Longest query honoured, in tokens; more words add nothing to ranking but cost time.
MAX_TOKENS = 16
#: Words of context around the match in a snippet (FTS5 snippet() maximum is 64).
SNIPPET_WORDS = 24
_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str | None:
    """An FTS5 MATCH expression requiring every word of ``query``; None when it has none."""
    tokens = _TOKEN.findall(query)[:MAX_TOKENS]
    if not tokens:
        return None
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


def search(session: Session, query: str, limit: int) -> list[SearchHit]:
    if limit <= 0 or not query.strip():
        return []
    if session.get_bind().dialect.name == "postgresql":
        return _search_postgres(session, query, limit)
    return _search_sqlite(session, query, limit)


_SQLITE_SQL = text(
    f"""
    SELECT kind, ref, title, snip, score FROM (
      SELECT 'explainer' AS kind, ref, title,
             snippet(explainer_fts, 2, '', '', ' … ', {SNIPPET_WORDS}) AS snip,
             bm25(explainer_fts, 0.0, 5.0, 1.0) AS score
        FROM explainer_fts WHERE explainer_fts MATCH :q
      UNION ALL
      SELECT 'article', ref, title,
             snippet(article_fts, 2, '', '', ' … ', {SNIPPET_WORDS}),
             bm25(article_fts, 0.0, 5.0, 1.0)
        FROM article_fts WHERE article_fts MATCH :q
    ) ORDER BY score, kind DESC, ref LIMIT :limit
    """
)


def _search_sqlite(session: Session, query: str, limit: int) -> list[SearchHit]:
    match = fts5_query(query)
    if match is None:
        return []
    rows = session.execute(_SQLITE_SQL, {"q": match, "limit": limit}).all()
    # bm25() is lower-is-better and negative; report higher-is-better.
    return [SearchHit(r[0], r[1], r[2], r[3], -float(r[4])) for r in rows]


_PG_SQL = text(
    """
    WITH q AS (SELECT plainto_tsquery('english', :q) AS tsq)
    SELECT kind, ref, title, snip, score FROM (
      SELECT 'explainer' AS kind, e.explainer_id AS ref, e.headline AS title,
             ts_headline('english', e.search_text, q.tsq,
                         'StartSel="",StopSel="",MaxWords=30,MinWords=10') AS snip,
             ts_rank(to_tsvector('english'::regconfig, e.headline || ' ' || e.search_text),
                     q.tsq) AS score
        FROM explainers e, q
       WHERE to_tsvector('english'::regconfig, e.headline || ' ' || e.search_text) @@ q.tsq
         AND e.version = (SELECT max(version) FROM explainers x
                           WHERE x.explainer_id = e.explainer_id)
      UNION ALL
      SELECT 'article', a.id, a.title,
             ts_headline('english', a.text, q.tsq,
                         'StartSel="",StopSel="",MaxWords=30,MinWords=10'),
             ts_rank(to_tsvector('english'::regconfig, a.title || ' ' || a.text), q.tsq)
        FROM articles a, q
       WHERE to_tsvector('english'::regconfig, a.title || ' ' || a.text) @@ q.tsq
    ) hits ORDER BY score DESC, kind DESC, ref LIMIT :limit
    """
)


def _search_postgres(session: Session, query: str, limit: int) -> list[SearchHit]:
    words = " ".join(_TOKEN.findall(query)[:MAX_TOKENS])
    if not words:
        return []
    rows = session.execute(_PG_SQL, {"q": words, "limit": limit}).all()
    return [SearchHit(r[0], r[1], r[2], r[3], float(r[4])) for r in rows]
