"""The same store code on PostgreSQL (needs a server: set BACKSTORY_TEST_PG_URL).

Start one on Debian/Ubuntu (as root):
    apt-get install -y postgresql && pg_ctlcluster 15 main start
    su postgres -c "psql -c \\"CREATE ROLE backstory LOGIN PASSWORD 'backstory'\\""
    su postgres -c "createdb -O backstory backstory_test"
    export BACKSTORY_TEST_PG_URL=postgresql://backstory:backstory@localhost/backstory_test
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from store_factories import make_article, make_explainer

from backstory.errors import StoreError
from backstory.store import FeedState, Store, open_store

PG_URL = os.environ.get("BACKSTORY_TEST_PG_URL")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="BACKSTORY_TEST_PG_URL not set"),
]

TABLES = "feeds, explainers, story_articles, articles, stories, alembic_version"


@pytest.fixture
def pg() -> Iterator[Store]:
    from sqlalchemy import create_engine, text

    assert PG_URL
    url = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE IF EXISTS {TABLES} CASCADE"))
    engine.dispose()
    store = open_store(PG_URL)
    yield store
    store.close()


def test_round_trip_on_postgres(pg: Store) -> None:
    arts = [make_article(i) for i in range(3)]
    assert pg.add_articles(arts) == ["a0000", "a0001", "a0002"]
    assert pg.add_articles(arts) == []
    assert [pg.get_article(a.id) for a in arts] == arts
    edited = make_article(1, text="Corrected: the Bank held rates at 5.25%.")
    assert pg.put_articles([edited]).edited == ("a0001",)
    assert pg.get_article("a0001") == edited
    assert pg.add_articles([arts[1]]) == []  # the first text again: an edit back, not new
    assert pg.get_article("a0001") == arts[1]
    assert [a.id for a in pg.articles()] == ["a0000", "a0001", "a0002"]

    pg.set_story(["a0000", "a0001"], "s1", "Rates")
    pg.set_story(["a0002"], "s2", "Pause")
    pg.merge_stories("s1", "s2")
    assert [(r.id, r.n_sources) for r in pg.stories()] == [("s1", 3)]
    assert pg.story_history("s2") == ["a0002"]

    v1 = make_explainer("x-boe", 1, arts[:2])
    v2 = make_explainer("x-boe", 2, arts, extra_item="It ended fourteen consecutive rises.")
    pg.save_explainer(v1)
    pg.save_explainer(v2)
    with pytest.raises(StoreError, match="version conflict"):
        pg.save_explainer(v2)
    assert pg.latest_explainer("x-boe") == v2
    assert pg.explainer_version("x-boe", 1) == v1
    assert [v.version for v in pg.versions("x-boe")] == [1, 2]
    assert [e.id for e in pg.explainers(category="business")] == ["x-boe"]

    hits = pg.search("inflation eased")
    assert [(h.kind, h.id) for h in hits] == [("article", "a0001")]
    assert ("explainer", "x-boe") in [(h.kind, h.id) for h in pg.search("rises")]
    for hostile in ['"', "NEAR(", "*", "' OR 1=1 --", "(((", "a & b | !c"]:
        assert isinstance(pg.search(hostile), list)

    state = FeedState(url="https://news.example/rss", etag='"x"', failures=2)
    pg.save_feed_state(state)
    assert pg.feed_state(state.url) == state
    assert pg.integrity_check()


def test_reopen_is_idempotent_on_postgres(pg: Store) -> None:
    pg.add_articles([make_article(7)])
    with open_store(PG_URL) as again:
        assert again.get_article("a0007") == make_article(7)
