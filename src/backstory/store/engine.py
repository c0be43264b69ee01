"""Engines, SQLite connection settings, migrations on open, and database errors as StoreError.

SQLite needs three things the driver does not do by itself: WAL journaling plus a busy
timeout so a reader and a writer (or two watchers) do not fail on each other; foreign keys
switched on per connection; and write transactions that take the write lock at BEGIN
(``BEGIN IMMEDIATE``). Without the last, two processes that both read then write deadlock
and one fails at once with "database is locked" whatever the busy timeout.
"""

from __future__ import annotations

import errno
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from backstory.errors import StoreError
from backstory.store.location import display, sqlite_file

#: Milliseconds a SQLite connection waits for another writer's lock before failing.
#: Ten seconds covers a watcher writing a large batch while another one waits.
BUSY_TIMEOUT_MS = 10_000
#: Execution option marking a connection whose transactions will write.
WRITE_OPTION = "backstory_write"
#: Pause between attempts to switch a new database to WAL while another process holds it.
WAL_RETRY_S = 0.02
_PACKAGE_DIR = Path(__file__).resolve().parent


def make_engines(url: URL, *, frozen: bool = False) -> tuple[Engine, Engine]:
    """(read engine, write engine) for ``url``; they share one connection pool.

    ``frozen``: a SQLite file on read-only media, opened immutable (no journal, no locks).
    """
    if url.get_backend_name() == "sqlite":
        engine = _frozen_sqlite_engine(url) if frozen else _sqlite_engine(url)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine, engine.execution_options(**{WRITE_OPTION: True})


def on_read_only_media(url: URL) -> bool:
    """True for a SQLite file that exists where nothing can be written (read-only mount or
    folder): SQLite cannot even read a WAL database there without ``immutable=1``."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return False
    return not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK)


def _frozen_sqlite_engine(url: URL) -> Engine:
    path = sqlite_file(url)
    assert path is not None
    uri = f"file:{quote(str(path))}?mode=ro&immutable=1"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.isolation_level = None
        return conn

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _sqlite_engine(url: URL) -> Engine:
    memory = sqlite_file(url) is None
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
    if memory:
        # One shared connection, or every connection would see its own empty database.
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy (below), not the driver, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            if not memory:
                _switch_to_wal(cursor)
                # With WAL, NORMAL keeps the database consistent after a crash; only the
                # last commits before a power cut can be lost (not an application kill).
                cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """Put the database in WAL mode without ever waiting while holding a lock.

    The switch needs an exclusive lock. A connection that waits for it (busy timeout)
    keeps its shared lock meanwhile, so while another process commits the first write
    of a brand-new file (still in rollback-journal mode) each waits for the other until
    the timeout fails one of them. Instead: try without waiting, and on "locked" let go
    and retry shortly, by which time the other process has usually made it WAL already.
    """
    cursor.execute("PRAGMA busy_timeout = 0")
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if "readonly" in message or "read-only" in message:
                return  # a read-only file keeps its journal mode; reads still work
            if "locked" not in message and "busy" not in message:
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)


def _alembic_config() -> Config:
    cfg = Config(str(_PACKAGE_DIR / "alembic.ini"))
    cfg.set_main_option("script_location", str(_PACKAGE_DIR / "migrations"))
    return cfg


def head_revision() -> str | None:
    """The newest migration shipped with this version of backstory."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(read: Engine, write: Engine) -> None:
    """Bring the database to the newest schema; cheap and lock-free when it is there already.

    Upgrades run in one write transaction (SQLite DDL is transactional; on PostgreSQL an
    advisory lock serialises concurrent openers), so two processes opening a new database
    at once do not both try to create the tables.
    """
    head = head_revision()
    if current_revision(read) == head:
        return
    cfg = _alembic_config()
    with write.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def check_writable(write: Engine) -> None:
    """Fail at open, not at the first write, when a SQLite database cannot be written."""
    if write.dialect.name != "sqlite":
        return
    with write.begin() as conn:
        # A no-op write: rewrites user_version with its own value inside the transaction.
        version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
        conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def create_sqlite_file(url: URL) -> None:
    """Make a new SQLite database whole or not at all: its schema is created in a temporary
    file beside it, which is then linked into place. A process killed while creating the
    database leaves no database (perhaps a stray ``*.new`` file), never one without its
    tables; when two processes create it at once, the first link wins and the other's copy
    is thrown away."""
    path = sqlite_file(url)
    if path is None or path.exists() or "mode=ro" in str(url):
        return
    name = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.new")
    # os.open rather than mkstemp: the file gets the usual permissions (umask), not 0600
    os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    try:
        read, write = make_engines(url.set(database=name))
        try:
            migrate(read, write)
        finally:
            read.dispose()  # the last connection closed: SQLite folds its WAL into the file
        try:
            os.link(name, path)
        except FileExistsError:
            pass
    finally:
        for leftover in (name, name + "-wal", name + "-shm"):
            Path(leftover).unlink(missing_ok=True)


def prepare_location(url: URL) -> None:
    """Create the SQLite file's folder; say clearly when the location is unusable."""
    path = sqlite_file(url)
    if path is None or "mode=ro" in str(url):
        return
    subject = str(path)
    if path.is_dir():
        raise StoreError("is a directory, not a database file", subject=subject)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the database folder: {exc.strerror}", subject) from None
    if not path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError("cannot create the database here: folder is not writable", subject)


def message_for(exc: BaseException) -> str:
    """A one-line, user-facing reason for a database failure."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    raw = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = raw.lower()
    if isinstance(orig, OSError) and orig.errno == errno.ENOSPC:
        return "database or disk is full"
    if "database or disk is full" in low or "disk i/o error" in low and "full" in low:
        return "database or disk is full"
    if "readonly" in low or "read-only" in low or "read only" in low:
        return "database is read-only (no permission to write it or its folder)"
    if "file is not a database" in low or "file is encrypted" in low:
        return "not a database file"
    if "unable to open database file" in low:
        return "cannot open the database file (missing folder or no permission)"
    if "database is locked" in low or "database is busy" in low:
        return f"database is locked by another writer (waited {BUSY_TIMEOUT_MS // 1000} s)"
    if "malformed" in low:
        return "database file is corrupt (malformed)"
    if "connection" in low and ("refused" in low or "failed" in low):
        return f"cannot connect to the database server: {raw}"
    if "no such table" in low or "no such column" in low:
        return f"database schema is not what this backstory expects: {raw}"
    return f"database error: {raw}"


@contextmanager
def translate_errors(url: URL, what: str | None = None) -> Iterator[None]:
    """Turn driver and SQLAlchemy failures into StoreError naming the database."""
    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        message = message_for(exc)
        if what:
            message = f"{what}: {message}"
        raise StoreError(message, subject=display(url)) from exc
