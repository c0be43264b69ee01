"""Faults (issue 9, item 4): real ``backstory`` processes killed with SIGKILL at seeded random
moments during ingest, explain and watch, then the same command run again; and a full disk and
a read-only database.

After every restart: every source's article is present, every stored explainer body parses and
validates as an Explainer, no (explainer, version) pair or article is stored twice, re-running
adds no version, and ``PRAGMA integrity_check`` says ok.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_helpers import EXAMPLES, assert_clean_failure, cli_command, cli_env, run_cli

from backstory.models import Explainer

#: Seed of the kill moments, so a failure can be replayed.
SEED = 20261125
#: Kills per command by default, and in the slow variant.
KILLS, KILLS_SLOW = 1, 6
N_ARTICLES = 300

TOPICS = [
    ("council", "The city council approved a revised budget after a long debate"),
    ("rail", "Train operators warned of delays while engineers repaired a signal fault"),
    ("weather", "Forecasters issued a yellow warning for heavy rain across the region"),
    ("health", "The hospital trust opened a new diagnostic centre for outpatients"),
    ("schools", "Head teachers said pupil numbers had fallen for a third year"),
    ("housing", "Planners granted permission for homes on a former industrial site"),
    ("energy", "The regulator confirmed a change to the household price cap"),
    ("sport", "The club appointed a new manager on a two-year contract"),
    ("courts", "Magistrates adjourned the case until the following month"),
    ("science", "Researchers published results from a long-running field trial"),
]
CITIES = [
    "Leeds",
    "Bristol",
    "Cardiff",
    "Glasgow",
    "Norwich",
    "Exeter",
    "Derby",
    "Hull",
    "Belfast",
    "Dundee",
    "Bath",
    "York",
    "Preston",
    "Swansea",
    "Carlisle",
]
VERBS = ["said", "confirmed", "announced", "told reporters", "wrote in a statement"]


def _articles(folder: Path, n: int = N_ARTICLES) -> list[Path]:
    """``n`` distinct short articles (different words, figures and dates, so none is a
    near-duplicate of another), written as text files with headers."""
    rng = random.Random(SEED)
    folder.mkdir()
    paths = []
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    for i in range(n):
        topic, lead = TOPICS[i % len(TOPICS)]
        city = CITIES[(i // len(TOPICS)) % len(CITIES)]
        day, month = 1 + i % 28, 1 + (i * 7) % 12
        sentences = [
            f"{lead} in {city} on {day} {months[month - 1]} 2024.",
            f"A spokesperson {rng.choice(VERBS)} that {rng.randint(2, 900)} people were affected "
            f"and that a further {rng.randint(2, 90)} cases were under review.",
            f"Local officials estimated the cost at £{rng.randint(1, 500)}.{rng.randint(0, 9)} "
            f"million, about {rng.randint(2, 60)}% more than planned in {2015 + i % 9}.",
            f"Item {i} of the {topic} desk: reference {rng.getrandbits(64):016x}.",
        ]
        rng.shuffle(sentences)
        path = folder / f"{i:04d}-{topic}-{city.lower()}.txt"
        path.write_text(
            f"Title: {city} {topic} update number {i}\nOutlet: The {city} Gazette\n"
            f"Published: 2024-{month:02d}-{day:02d}T09:00:00+00:00\n"
            f"URL: https://{city.lower()}gazette.example/{topic}/{i}\n\n"
            + " ".join(sentences)
            + "\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _kill_during(args: list[str], delay: float) -> int | None:
    """Start ``backstory ARGS`` and SIGKILL it after ``delay`` s; its exit code if it ended
    first, else None."""
    proc = subprocess.Popen(
        cli_command(*args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(),
        start_new_session=True,
    )
    try:
        return proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        return None


def _check_db(db: Path) -> dict[str, int]:
    """The database's invariants after a crash; returns row counts."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        dup = con.execute(
            "SELECT explainer_id, version, COUNT(*) FROM explainers "
            "GROUP BY explainer_id, version HAVING COUNT(*) > 1"
        ).fetchall()
        assert dup == []
        for eid, version, body in con.execute("SELECT explainer_id, version, body FROM explainers"):
            e = Explainer.model_validate(json.loads(body))  # never half-written
            assert (e.id, e.version) == (eid, version)
        versions = dict(
            con.execute("SELECT explainer_id, COUNT(*) FROM explainers GROUP BY explainer_id")
        )
        # versions of one explainer are 1..n with no gap
        for eid, n in versions.items():
            got = [
                v
                for (v,) in con.execute(
                    "SELECT version FROM explainers WHERE explainer_id = ? ORDER BY version", (eid,)
                )
            ]
            assert got == list(range(1, n + 1)), (eid, got)
        return {
            "articles": con.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            "explainers": sum(versions.values()),
            "stories": con.execute("SELECT COUNT(*) FROM stories").fetchone()[0],
        }
    finally:
        con.close()


def _crash_then_restart(
    args: list[str], db: Path, kills: int, seed: int, clean_seconds: float
) -> int:
    """Kill ``args`` ``kills`` times at seeded random moments within a clean run's duration
    (the later half, where the work happens after ~2 s of imports), checking the database
    after each kill. Returns how many kills landed while the command was still running."""
    rng = random.Random(seed)
    landed = 0
    for _ in range(kills):
        delay = rng.uniform(0.5 * clean_seconds, 0.97 * clean_seconds)
        landed += _kill_during(args, delay) is None
        if db.exists():
            _check_db(db)
    # On a loaded machine a run can finish before its kill; start over, aiming earlier, so
    # that at least one kill lands mid-run.
    retry = 0.5 * clean_seconds
    while not landed and retry > 0.2:
        for leftover in db.parent.glob(db.name + "*"):
            leftover.unlink()
        landed += _kill_during(args, retry) is None
        if db.exists():
            _check_db(db)
        retry *= 0.6
    return landed


def _clean_seconds(args: list[str], db: Path) -> float:
    """How long ``args`` takes on a scratch database (where to aim the kills)."""
    scratch = db.with_name("scratch-" + db.name)
    swapped = [str(scratch) if a == str(db) else a for a in args]
    run = run_cli(*swapped, timeout=120)
    assert run.code == 0, run.stderr
    return run.seconds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "articles"
    _articles(folder)
    return folder


def _ingest_survives(tmp_path: Path, corpus: Path, kills: int) -> None:
    db = tmp_path / "ingest.db"
    args = ["ingest", str(corpus), "--db", str(db)]
    landed = _crash_then_restart(args, db, kills, SEED, _clean_seconds(args, db))
    assert landed >= 1, "no kill landed mid-run"
    run = run_cli(*args, timeout=120)
    assert run.code == 0, run.stderr
    counts = _check_db(db)
    assert counts["articles"] == N_ARTICLES  # every source's article, once
    again = run_cli(*args, timeout=120)
    assert again.code == 0 and "0 new" in again.stderr
    assert _check_db(db)["articles"] == N_ARTICLES


def test_control_all_articles_are_distinct(tmp_path: Path, corpus: Path) -> None:
    """Without faults the corpus gives exactly N_ARTICLES stored articles (none deduplicated),
    so the fault tests' count is a real check."""
    db = tmp_path / "clean.db"
    run = run_cli("ingest", str(corpus), "--db", str(db), timeout=120)
    assert run.code == 0, run.stderr
    assert f"{N_ARTICLES} articles read, {N_ARTICLES} new, 0 updated, 0 duplicates" in run.stderr
    assert _check_db(db)["articles"] == N_ARTICLES


def test_kill_during_ingest_then_restart(tmp_path: Path, corpus: Path) -> None:
    _ingest_survives(tmp_path, corpus, KILLS)


@pytest.mark.slow
def test_kill_during_ingest_many_times(tmp_path: Path, corpus: Path) -> None:
    _ingest_survives(tmp_path, corpus, KILLS_SLOW)


def _explain_survives(tmp_path: Path, kills: int) -> None:
    db = tmp_path / "explain.db"
    story = EXAMPLES / "bank-of-england-august-2025"
    args = [
        "explain",
        str(story),
        "--db",
        str(db),
        "-f",
        "json",
        "-o",
        str(tmp_path / "e.json"),
        "--now",
        "2025-09-25T12:00:00+00:00",
    ]
    landed = _crash_then_restart(args, db, kills, SEED + 1, _clean_seconds(args, db))
    assert landed >= 1, "no kill landed mid-run"
    run = run_cli(*args, timeout=120)
    assert run.code == 0, run.stderr
    counts = _check_db(db)
    assert counts["articles"] == len(list(story.iterdir()))
    assert counts["explainers"] == 1
    out = Explainer.model_validate_json((tmp_path / "e.json").read_text())
    # same sources again: the stored version is reused, not duplicated
    again = run_cli(*args, timeout=120)
    assert again.code == 0 and f"stored as {out.id} v1" in again.stderr
    assert _check_db(db)["explainers"] == 1


def test_kill_during_explain_then_restart(tmp_path: Path) -> None:
    _explain_survives(tmp_path, KILLS)


@pytest.mark.slow
def test_kill_during_explain_many_times(tmp_path: Path) -> None:
    _explain_survives(tmp_path, KILLS_SLOW)


def _watch_survives(tmp_path: Path, kills: int) -> None:
    db = tmp_path / "watch.db"
    feeds = [
        str(EXAMPLES / "feeds" / "crowdstrike.rss"),
        str(EXAMPLES / "feeds" / "bank-of-england.atom"),
    ]
    args = ["watch", *feeds, "--once", "--db", str(db)]
    clean_db = tmp_path / "clean.db"
    clean = run_cli("watch", *feeds, "--once", "--db", str(clean_db), timeout=120)
    assert clean.code == 0, clean.stderr
    expected = _check_db(clean_db)
    landed = _crash_then_restart(args, db, kills, SEED + 2, clean.seconds)
    assert landed >= 1, "no kill landed mid-run"
    run = run_cli(*args, timeout=120)
    assert run.code == 0, run.stderr
    counts = _check_db(db)
    assert counts["articles"] == expected["articles"]
    # a kill may land between storing articles and storing their explainer; the restart must
    # still leave each story with at least one explainer version and nothing doubled
    assert counts["stories"] == expected["stories"]
    assert counts["explainers"] >= expected["stories"]


def test_kill_during_watch_then_restart(tmp_path: Path) -> None:
    _watch_survives(tmp_path, KILLS)


@pytest.mark.slow
def test_kill_during_watch_many_times(tmp_path: Path) -> None:
    _watch_survives(tmp_path, KILLS_SLOW)


# --- full disk, read-only database ----------------------------------------------------------


def _mount_tmpfs(where: Path, options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_full_disk_gives_one_line_error(tmp_path: Path, corpus: Path) -> None:
    disk = tmp_path / "tiny"
    if not _mount_tmpfs(disk, "size=64k"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount permission)")
    try:
        db = disk / "full.db"
        run = run_cli("ingest", str(corpus), "--db", str(db), timeout=120)
        assert_clean_failure(run, str(db))
        assert any(
            "full" in line.lower() or "space" in line.lower() for line in run.stderr_lines()
        ), run.stderr
    finally:
        _umount(disk)


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    """A database with one story's articles on a filesystem remounted read-only (root ignores
    file modes, so chmod would prove nothing)."""
    disk = tmp_path / "ro"
    if not _mount_tmpfs(disk, "size=8m"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount permission)")
    try:
        db = disk / "ro.db"
        first = run_cli("ingest", str(EXAMPLES / "uk-election-2024"), "--db", str(db))
        assert first.code == 0, first.stderr
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only")
        with pytest.raises(OSError):
            (disk / "probe").write_text("x")  # really read-only, even for root
        yield db
    finally:
        _umount(disk)


def test_read_only_database_write_gives_one_line_error(read_only_db: Path, corpus: Path) -> None:
    run = run_cli("ingest", str(corpus), "--db", str(read_only_db), timeout=60)
    assert_clean_failure(run, str(read_only_db))
    assert "read-only" in run.stderr or "cannot open" in run.stderr, run.stderr


def test_read_only_database_can_still_be_read(read_only_db: Path) -> None:
    listing = run_cli("stories", "--db", str(read_only_db), timeout=60)
    assert listing.code == 0, listing.stderr


def test_read_only_sqlite_uri_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    first = run_cli("ingest", str(EXAMPLES / "uk-election-2024"), "--db", str(db))
    assert first.code == 0, first.stderr
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    run = run_cli("ingest", str(EXAMPLES / "crowdstrike-outage-2024"), "--db", url, timeout=60)
    assert run.code == 2 and "Traceback" not in run.stderr, run.stderr
    assert len(run.stderr_lines()) <= 2 and "read" in run.stderr.lower(), run.stderr
    assert _check_db(db)["articles"] == len(list((EXAMPLES / "uk-election-2024").iterdir()))
