"""Store stage: articles, stories, explainer versions and feed state in SQLite or PostgreSQL.

``open_store()`` opens (and migrates) the database; :class:`Store` is the only way the
rest of backstory touches it.
"""

from backstory.store.location import DEFAULT_FILE, ENV_VAR, resolve_url
from backstory.store.records import (
    FeedState,
    SearchHit,
    StoredArticles,
    StoredVersion,
    StoryRow,
    VersionInfo,
)
from backstory.store.store import Store, open_store

__all__ = [
    "DEFAULT_FILE",
    "ENV_VAR",
    "FeedState",
    "SearchHit",
    "Store",
    "StoredArticles",
    "StoredVersion",
    "StoryRow",
    "VersionInfo",
    "open_store",
    "resolve_url",
]
