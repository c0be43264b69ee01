"""Two processes writing one SQLite database at once: nothing lost, nothing duplicated."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from store_factories import make_article, make_explainer

from backstory.errors import StoreError
from backstory.store import open_store


def _add_one_by_one(db: str, start: int, n: int, barrier: mp.synchronize.Barrier) -> None:
    store = open_store(db)
    barrier.wait()
    for i in range(start, start + n):
        # Each call is its own transaction, so the two writers interleave.
        assert store.add_articles([make_article(i)]) == [f"a{i:04d}"]
    store.close()


def _save_versions(db: str, rounds: int, barrier: mp.synchronize.Barrier, out: mp.Queue) -> None:
    store = open_store(db)
    arts = store.articles()
    barrier.wait()
    saved = conflicts = 0
    for _ in range(rounds):
        latest = store.latest_explainer("x-race")
        nxt = (latest.version if latest else 0) + 1
        try:
            store.save_explainer(make_explainer("x-race", nxt, arts))
            saved += 1
        except StoreError as exc:
            assert "version conflict" in str(exc)
            conflicts += 1
    store.close()
    out.put((saved, conflicts))


def test_two_processes_adding_articles(db_path: Path) -> None:
    db = str(db_path)
    open_store(db).close()  # create it, as `backstory watch` would on first start
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(2)
    procs = [
        ctx.Process(target=_add_one_by_one, args=(db, 0, 50, barrier)),
        ctx.Process(target=_add_one_by_one, args=(db, 50, 50, barrier)),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    with open_store(db) as store:
        assert sorted(a.id for a in store.articles()) == [f"a{i:04d}" for i in range(100)]
        assert store.integrity_check()


def test_two_processes_opening_a_new_database_at_once(tmp_path: Path) -> None:
    # Both run the migrations path on a database that does not exist yet.
    db = str(tmp_path / "fresh.db")
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_add_one_by_one, args=(db, k * 10, 10, barrier)) for k in (0, 1)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    with open_store(db) as store:
        assert store.count_articles() == 20


def test_racing_explainer_versions_never_duplicate(db_path: Path) -> None:
    db = str(db_path)
    with open_store(db) as store:
        store.add_articles([make_article(i) for i in range(3)])
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(2)
    out: mp.Queue = ctx.Queue()
    procs = [ctx.Process(target=_save_versions, args=(db, 30, barrier, out)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    total_saved = sum(saved for saved, _ in results)
    with open_store(db) as store:
        versions = [v.version for v in store.versions("x-race")]
        assert versions == list(range(1, total_saved + 1))
        assert store.integrity_check()
