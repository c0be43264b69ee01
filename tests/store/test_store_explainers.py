"""Explainer versions: save, load, list, and the version-conflict guard."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from store_factories import make_article, make_explainer

from backstory.errors import StoreError


@pytest.fixture
def arts(store):
    articles = [make_article(i) for i in range(3)]
    store.add_articles(articles)
    return articles


def test_save_and_load_versions(store, arts) -> None:
    v1 = make_explainer("x-boe", 1, arts[:2])
    stored = store.save_explainer(v1)
    assert (stored.explainer_id, stored.version) == ("x-boe", 1)
    v2 = make_explainer("x-boe", 2, arts, extra_item="It ended fourteen consecutive rises.")
    store.save_explainer(v2)

    assert store.latest_explainer("x-boe") == v2
    assert store.explainer_version("x-boe", 1) == v1
    assert store.explainer_version("x-boe", 3) is None
    assert store.latest_explainer("nope") is None
    assert store.latest_for_story("s-boe") == v2

    infos = store.versions("x-boe")
    assert [(i.version, i.n_items, i.n_sources) for i in infos] == [(1, 1, 2), (2, 2, 3)]
    assert infos[0].diff is None and infos[0].summary == "first version"
    assert infos[1].diff == v2.changes
    assert infos[1].summary == "1 added; 1 new source"
    assert infos[1].created == datetime(2023, 9, 22, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("bad_version", [1, 3])
def test_version_conflict(store, arts, bad_version: int) -> None:
    store.save_explainer(make_explainer("x-boe", 1, arts))
    with pytest.raises(StoreError, match="version conflict"):
        store.save_explainer(make_explainer("x-boe", bad_version, arts, headline="Other"))
    # The failed write left nothing behind.
    assert [i.version for i in store.versions("x-boe")] == [1]
    assert store.latest_explainer("x-boe").headline != "Other"


def test_first_version_must_be_one(store, arts) -> None:
    with pytest.raises(StoreError, match="version conflict.*next is 1"):
        store.save_explainer(make_explainer("x-new", 2, arts))


def test_explainers_lists_latest_of_each_newest_first(store, arts) -> None:
    store.save_explainer(make_explainer("x-a", 1, arts, category="business"))
    store.save_explainer(
        make_explainer(
            "x-b", 1, arts, category="politics", created=datetime(2023, 10, 1, tzinfo=UTC)
        )
    )
    store.save_explainer(make_explainer("x-a", 2, arts, category="business"))  # 22 Sep
    listed = store.explainers()
    assert [(e.id, e.version) for e in listed] == [("x-b", 1), ("x-a", 2)]
    assert [e.id for e in store.explainers(category="business")] == ["x-a"]
    assert store.explainers(category="sport") == []
    assert len(store.explainers(limit=1)) == 1
