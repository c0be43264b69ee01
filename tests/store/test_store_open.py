"""Opening databases: locations, migrations, and every failure as a clear StoreError."""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event
from store_factories import make_article

from backstory.errors import StoreError
from backstory.store import open_store, resolve_url
from backstory.store.engine import head_revision
from backstory.store.schema import Base

#: uid/gid of the unprivileged user the permission tests switch to when run as root.
NOBODY = 65534


def _user_tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_migrations_idempotent_and_data_survives(db_path: Path) -> None:
    with open_store(str(db_path)) as s:
        s.add_articles([make_article(1)])
    with open_store(str(db_path)) as s:
        assert s.get_article("a0001") == make_article(1)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "stories", "explainers", "feeds", "article_fts"} <= _user_tables(db_path)


def test_migrated_schema_matches_the_orm_metadata(db_path: Path) -> None:
    open_store(str(db_path)).close()
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": lambda name, type_, parents: (
                    not (name and ("_fts" in name or name == "alembic_version"))
                ),
            },
        )
        assert compare_metadata(ctx, Base.metadata) == []
    engine.dispose()


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BACKSTORY_DB", raising=False)
    assert resolve_url(None).database == str(tmp_path / "backstory.db")
    assert resolve_url("rel/x.db").database == str(tmp_path / "rel" / "x.db")
    monkeypatch.setenv("BACKSTORY_DB", "env.db")
    assert resolve_url(None).database == str(tmp_path / "env.db")
    assert resolve_url("other.db").database == str(tmp_path / "other.db")
    pg = resolve_url("postgresql://u:secret@db.example/news")
    assert pg.drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="unsupported database"):
        resolve_url("mysql://localhost/x")


def test_default_file_in_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BACKSTORY_DB", raising=False)
    with open_store() as s:
        s.add_articles([make_article(1)])
    assert (tmp_path / "backstory.db").is_file()


def test_memory_database(tmp_path: Path) -> None:
    with open_store("sqlite://") as s:
        s.add_articles([make_article(2)])
        assert s.get_article("a0002") == make_article(2)
        assert [h.id for h in s.search("committee")] == ["a0002"]


def test_not_a_database_file(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("These are my notes, not a database. " * 200)
    with pytest.raises(StoreError, match="not a database file") as err:
        open_store(str(bogus))
    assert str(bogus) in str(err.value)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))


def test_read_only_database_via_uri(db_path: Path) -> None:
    with open_store(str(db_path)) as s:
        s.add_articles([make_article(1)])
    ro = f"sqlite:///file:{db_path}?mode=ro&uri=true"
    with pytest.raises(StoreError, match="read-only"):
        open_store(ro)
    # Asked for read-only access, it opens and reads; a write still fails cleanly.
    with open_store(ro, readonly=True) as s:
        assert s.get_article("a0001") == make_article(1)
        with pytest.raises(StoreError, match="read-only"):
            s.add_articles([make_article(2)])


def _unprivileged(fn: Callable[[], str]) -> str:
    """Run ``fn`` where file permissions apply: as root, in a child that becomes nobody."""
    if os.geteuid() != 0:
        return fn()
    ctx = mp.get_context("fork")
    out: mp.Queue = ctx.Queue()

    def child() -> None:
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        try:
            out.put(fn())
        except BaseException as exc:  # report anything, the assertion is in the parent
            out.put(f"unexpected {type(exc).__name__}: {exc}")

    proc = ctx.Process(target=child)
    proc.start()
    result = out.get(timeout=60)
    proc.join(10)
    return result


def _open_error(target: str) -> str:
    try:
        open_store(target).close()
    except StoreError as exc:
        return str(exc)
    return "opened"


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged child can reach (pytest's tmp_path is private to root)."""
    with tempfile.TemporaryDirectory(dir="/tmp") as name:
        path = Path(name)
        path.chmod(0o755)
        yield path
        for p in path.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)


def test_read_only_database_via_permissions(shared_dir: Path) -> None:
    folder = shared_dir / "ro"
    folder.mkdir()
    db = folder / "backstory.db"
    with open_store(str(db)) as s:
        s.add_articles([make_article(1)])
    for p in folder.iterdir():
        p.chmod(0o444)
    folder.chmod(0o555)
    message = _unprivileged(lambda: _open_error(str(db)))
    assert "read-only" in message and str(db) in message


def test_unwritable_location(shared_dir: Path) -> None:
    locked = shared_dir / "locked"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    message = _unprivileged(lambda: _open_error(str(locked / "x.db")))
    assert "folder is not writable" in message


def test_unwritable_location_under_a_file(tmp_path: Path) -> None:
    # Works as root too: a regular file cannot hold a folder.
    (tmp_path / "plain").write_text("x")
    with pytest.raises(StoreError, match="cannot create the database folder"):
        open_store(str(tmp_path / "plain" / "sub" / "x.db"))


def test_disk_full_is_reported(db_path: Path) -> None:
    open_store(str(db_path)).close()

    def cap_size(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Emulates a full disk: the file may not grow beyond its current size + 4 pages.
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 4}")

    event.listen(Engine, "connect", cap_size)
    try:
        with open_store(str(db_path)) as s:
            big = [make_article(i, text="Inflation figures. " * 20_000) for i in range(3)]
            with pytest.raises(StoreError, match="database or disk is full"):
                s.add_articles(big)
            assert s.count_articles() == 0  # the failed batch left nothing
            assert s.integrity_check()
    finally:
        event.remove(Engine, "connect", cap_size)


def test_a_new_database_appears_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Creating the schema fails half-way (as a killed process would stop): no database file
    is left at the path, so the next open starts clean instead of finding a file without
    tables; the temporary copy is gone too."""
    from backstory.store import engine

    def broken(read: Engine, write: Engine) -> None:
        with write.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE half_made (x INTEGER)")
        raise RuntimeError("killed while creating the schema")

    path = tmp_path / "new.db"
    monkeypatch.setattr(engine, "migrate", broken)
    with pytest.raises((RuntimeError, StoreError)):
        open_store(str(path))
    assert not path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.undo()
    store = open_store(str(path))
    try:
        store.add_articles([make_article(1)])
        assert len(store.articles()) == 1
    finally:
        store.close()
