"""Articles: exact round trip, re-ingest as a no-op, ordering."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from store_factories import make_article

from backstory.models import Article
from backstory.store import open_store


def test_round_trip_equals_the_model(store, db_path: Path) -> None:
    articles = [make_article(i) for i in range(3)]
    assert store.add_articles(articles) == ["a0000", "a0001", "a0002"]
    store.close()
    with open_store(str(db_path)) as reopened:
        for article in articles:
            got = reopened.get_article(article.id)
            assert got == article
            # Same instant, reported in UTC: 08:30+01:00 is 07:30Z.
            assert got is not None and got.published is not None
            assert got.published.utcoffset().total_seconds() == 0
        assert reopened.get_article("a0000").published == datetime(2023, 9, 1, 7, 30, tzinfo=UTC)
        assert reopened.get_article("a0001").summary_only is True


def test_unicode_and_undated_article_round_trip(store) -> None:
    article = Article(
        id="a-unicode",
        title="Zürich café talks — “progress”",
        text="Ministers met in Zürich on 3 March.\n\nNo deal was signed 🙂.",
        published=None,
    )
    store.add_articles([article])
    assert store.get_article("a-unicode") == article


def test_reingest_of_the_same_text_is_a_no_op(store) -> None:
    first = make_article(1)
    assert store.add_articles([first]) == ["a0001"]
    assert store.add_articles([first, make_article(2)]) == ["a0002"]
    assert store.get_article("a0001") == first
    assert store.count_articles() == 2


def test_an_edited_article_replaces_the_stored_text_but_is_not_new(store) -> None:
    """An outlet corrects its page: the stored text must be the one new versions cite, and
    search must find the corrected words, not the old ones."""
    first = make_article(1)
    store.add_articles([first])
    changed = make_article(1, text="Corrected: the vote was held on Thursday 4 July.")
    assert store.add_articles([changed, make_article(2)]) == ["a0002"]
    assert store.get_article("a0001") == changed
    assert store.count_articles() == 2
    assert any(hit.kind == "article" for hit in store.search("Corrected"))


def test_duplicates_within_one_batch_insert_once(store) -> None:
    a = make_article(5)
    assert store.add_articles([a, a, make_article(6), a]) == ["a0005", "a0006"]
    assert store.count_articles() == 2
    assert store.add_articles([]) == []


def test_articles_ordered_by_published_then_id(store) -> None:
    late = make_article(9)
    early = make_article(3)
    undated = Article(id="a0000-undated", title="Undated", text="Some text.")
    same_time = Article(
        id="a0003-twin", title="Twin", text="Other text.", published=early.published
    )
    store.add_articles([late, undated, same_time, early])
    assert [a.id for a in store.articles()] == ["a0003", "a0003-twin", "a0009", "a0000-undated"]
    assert [a.id for a in store.articles(["a0009", "a0003", "missing"])] == ["a0003", "a0009"]
    assert store.has_article("a0009") and not store.has_article("missing")
    assert store.get_article("missing") is None


def test_large_batch_crosses_the_insert_chunk_size(store) -> None:
    articles = [make_article(i) for i in range(450)]
    assert len(store.add_articles(articles)) == 450
    assert len(store.articles([a.id for a in articles])) == 450
    assert store.add_articles(articles) == []
