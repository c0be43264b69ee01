"""Search: explainers by their text, articles by title, hostile queries are just words."""

from __future__ import annotations

import pytest
from store_factories import make_article, make_explainer

from backstory.models import Article


@pytest.fixture
def filled(store):
    arts = [make_article(i) for i in range(3)]
    arts.append(
        Article(
            id="a-energy",
            title="Ofgem lowers the energy price cap",
            text="The regulator cut the cap to 1,923 pounds a year from 1 October 2023.",
        )
    )
    store.add_articles(arts)
    store.save_explainer(make_explainer("x-boe", 1, arts[:2]))
    return store


def test_finds_explainer_by_a_word_of_its_text(filled) -> None:
    # "rises" is in the explainer's headline and item (and in article a0000's text).
    hits = filled.search("rises")
    assert ("explainer", "x-boe") in [(h.kind, h.id) for h in hits]
    explainer_hit = next(h for h in hits if h.kind == "explainer")
    assert explainer_hit.title == "Why the Bank of England paused its rate rises"
    assert "5.25%" in explainer_hit.snippet


def test_finds_article_by_title_word_with_stemming(filled) -> None:
    hits = filled.search("Ofgem lowered")  # "lowered" ~ "lowers" via the porter stemmer
    assert [(h.kind, h.id) for h in hits] == [("article", "a-energy")]
    assert hits[0].title == "Ofgem lowers the energy price cap"
    assert "1,923" in hits[0].snippet


def test_every_word_is_required(filled) -> None:
    assert filled.search("Ofgem inflation") == []
    assert {h.id for h in filled.search("inflation")} == {"a0001"}


def test_only_latest_explainer_version_is_indexed(filled) -> None:
    arts = filled.articles()
    filled.save_explainer(make_explainer("x-boe", 2, arts, headline="Interest rates: the pause"))
    explainer_hits = [h for h in filled.search("pause") if h.kind == "explainer"]
    assert [(h.id, h.title) for h in explainer_hits] == [("x-boe", "Interest rates: the pause")]
    assert [h for h in filled.search("paused") if h.title.startswith("Why the Bank")] == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced quote',
        "NEAR(",
        "NEAR(Ofgem cap, 2)",
        "*",
        "Ofgem*",
        "cap AND OR NOT",
        "title:Ofgem",
        "^Ofgem",
        "-- ; DROP TABLE articles; --",
        "' OR 1=1 --",
        "(((",
        "",
        "   ",
        "\x00",
        "ü" * 500,
    ],
)
def test_hostile_queries_do_not_fail(filled, query: str) -> None:
    hits = filled.search(query)
    assert isinstance(hits, list)
    assert filled.count_articles() == 4  # nothing was dropped


def test_operators_are_plain_words(filled) -> None:
    # "NEAR(Ofgem cap, 2)" means the words near, ofgem, cap, 2: article a-energy has
    # ofgem and cap but not "near", so nothing matches.
    assert filled.search("NEAR(Ofgem cap, 2)") == []
    assert [h.id for h in filled.search("Ofgem*")] == ["a-energy"]
    # A column filter is not honoured: "title" is just another required word.
    assert filled.search("title:Ofgem") == []
