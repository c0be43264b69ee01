"""Turn what a user types after ``--db`` (or sets in ``BACKSTORY_DB``) into a SQLAlchemy URL.

Accepted: nothing (``./backstory.db``), a plain file path, ``sqlite:///...`` URLs (including
``sqlite:///file:...?mode=ro&uri=true`` for read-only access), ``sqlite://`` for an in-memory
database, and ``postgresql://`` URLs, which are pointed at the psycopg 3 driver.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from backstory.errors import StoreError

#: Environment variable naming the database when ``--db`` is not given.
ENV_VAR = "BACKSTORY_DB"
#: File created in the current directory when neither ``--db`` nor the variable is set.
DEFAULT_FILE = "backstory.db"


def resolve_url(url_or_path: str | None = None) -> URL:
    """The SQLAlchemy URL of the database to open (argument, then env, then default file)."""
    raw = url_or_path if url_or_path else os.environ.get(ENV_VAR) or DEFAULT_FILE
    raw = raw.strip()
    if "://" not in raw:
        return make_url("sqlite:///" + str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {exc}", subject=raw) from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url
    if backend == "postgres":
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        db = url.database or ""
        if db and db != ":memory:" and not db.startswith("file:"):
            url = url.set(database=str(Path(db).expanduser().resolve()))
        return url
    raise StoreError(
        f"unsupported database {backend!r}: use a SQLite path or a postgresql:// URL",
        subject=raw,
    )


def sqlite_file(url: URL) -> Path | None:
    """Path of the SQLite file behind ``url``, or None (memory database, other backends)."""
    if url.get_backend_name() != "sqlite":
        return None
    db = url.database or ""
    if not db or db == ":memory:":
        return None
    if db.startswith("file:"):
        db = db[len("file:") :].split("?", 1)[0]
        if not db or db == ":memory:":
            return None
    return Path(db)


def display(url: URL) -> str:
    """The URL as shown in messages: password hidden."""
    return url.render_as_string(hide_password=True)
