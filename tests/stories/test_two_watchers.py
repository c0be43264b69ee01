"""Two watchers on one SQLite database at once: nothing lost, nothing doubled, no corruption."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backstory.models import Explainer
from backstory.store import open_store

ROOT = Path(__file__).resolve().parents[2]
FEEDS = [
    str(ROOT / "examples/feeds/crowdstrike.rss"),
    str(ROOT / "examples/feeds/bank-of-england.atom"),
]


def _watch(db: Path) -> subprocess.Popen[str]:
    exe = Path(sys.executable).with_name("backstory")
    return subprocess.Popen(
        [str(exe), "watch", *FEEDS, "--once", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_two_watchers_on_one_database_do_not_corrupt_it(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    for _ in range(2):  # twice: a fresh database, then one the first pair already filled
        first, second = _watch(db), _watch(db)
        outs = [p.communicate(timeout=240) for p in (first, second)]
        for proc, (_, err) in zip((first, second), outs, strict=True):
            assert proc.returncode == 0, err
            assert "Traceback" not in err
    with open_store(str(db)) as store:
        assert store.integrity_check()
        articles = store.articles()
        assert len(articles) == 6 and len({a.id for a in articles}) == 6
        stories = store.stories()
        assert len(stories) == 2
        for story in stories:
            versions = store.versions(story.id)
            assert [v.version for v in versions] == [1]  # both watchers, no duplicate
            latest = store.latest_explainer(story.id)
            assert isinstance(latest, Explainer) and len(latest.sources) == 3
