"""Stories: assignment, listing, merges that keep both histories."""

from __future__ import annotations

import pytest
from store_factories import make_article

from backstory.errors import StoreError


@pytest.fixture
def arts(store):
    articles = [make_article(i) for i in range(6)]
    store.add_articles(articles)
    return articles


def test_set_story_assigns_and_lists(store, arts) -> None:
    store.set_story(["a0000", "a0001", "a0002"], "s1", "Rates on hold")
    store.set_story(["a0003"], "s2", "Energy cap")
    store.set_story(["a0004"], "s2", "Energy price cap falls")  # upsert: new headline
    rows = {r.id: r for r in store.stories()}
    assert rows["s1"].n_sources == 3 and rows["s1"].headline == "Rates on hold"
    assert rows["s2"].n_sources == 2 and rows["s2"].headline == "Energy price cap falls"
    assert rows["s2"].updated >= rows["s2"].created
    # Most recently updated first.
    assert [r.id for r in store.stories()] == ["s2", "s1"]
    assert [a.id for a in store.articles(story_id="s2")] == ["a0003", "a0004"]


def test_set_story_rejects_unknown_articles_atomically(store, arts) -> None:
    with pytest.raises(StoreError, match="not stored"):
        store.set_story(["a0000", "zzz"], "s1", "Rates")
    assert store.stories() == []
    assert store.article_story("a0000") is None


def test_merge_moves_articles_and_keeps_history(store, arts) -> None:
    store.set_story(["a0000", "a0001"], "keep", "Rates")
    store.set_story(["a0002", "a0003"], "gone", "Rate pause")
    store.merge_stories("keep", "gone")

    assert [r.id for r in store.stories()] == ["keep"]
    merged = {r.id: r for r in store.stories(include_merged=True)}
    assert merged["gone"].merged_into == "keep" and merged["gone"].n_sources == 0
    assert merged["keep"].n_sources == 4
    assert [a.id for a in store.articles(story_id="keep")] == ["a0000", "a0001", "a0002", "a0003"]
    # History: the absorbed story still knows what it held.
    assert sorted(store.story_history("gone")) == ["a0002", "a0003"]
    assert sorted(store.story_history("keep")) == ["a0000", "a0001", "a0002", "a0003"]

    # Replaying the merge is a no-op; a late write to the absorbed story lands in "keep".
    store.merge_stories("keep", "gone")
    store.set_story(["a0004"], "gone", "Stale headline")
    assert store.article_story("a0004") == "keep"
    assert store.story("keep").headline == "Rates"
    assert store.story("gone").merged_into == "keep"
    assert store.current_story("gone") == "keep" and store.current_story("keep") == "keep"
    assert store.current_story("never") is None


def test_merge_errors(store, arts) -> None:
    store.set_story(["a0000"], "s1", "One")
    store.set_story(["a0001"], "s2", "Two")
    with pytest.raises(StoreError, match="no such story"):
        store.merge_stories("s1", "missing")
    with pytest.raises(StoreError, match="into itself"):
        store.merge_stories("s1", "s1")
    store.merge_stories("s1", "s2")
    with pytest.raises(StoreError, match="into itself"):
        store.merge_stories("s2", "s1")  # s2 now resolves to s1
