from datetime import UTC, datetime, timedelta

from backstory.models import Article
from backstory.stories import Clusterer, cluster, story_id_for

START = datetime(2024, 7, 1, 9, tzinfo=UTC)

# Short articles written for this test: three unrelated stories, three reports each.
TEXTS = {
    "flood": [
        "Heavy rain flooded parts of Valencia overnight, and emergency services in Valencia "
        "rescued drivers trapped on motorways. Spain's weather agency AEMET issued a red warning.",
        "The death toll from the Valencia floods rose as AEMET warned of more rain. Emergency "
        "services said the flooding in Valencia was the worst in decades for Spain.",
        "Volunteers cleared mud from Valencia streets after the floods, while AEMET lifted its "
        "red warning. Spain's government promised aid to flooded towns around Valencia.",
    ],
    "rates": [
        "The Bank of England cut interest rates to 5% as inflation eased, said governor Andrew "
        "Bailey. Mortgage lenders are expected to trim fixed-rate deals.",
        "Andrew Bailey said the Bank of England would cut interest rates gradually. Mortgage "
        "borrowers welcomed the cut, though savers will earn less.",
        "Lenders lowered mortgage rates after the Bank of England's cut. Andrew Bailey warned "
        "inflation could rise again later this year.",
    ],
    "match": [
        "England beat the Netherlands 2-1 in Dortmund to reach the Euro 2024 final. Ollie "
        "Watkins scored the winner in the last minute against the Netherlands.",
        "Ollie Watkins was the hero in Dortmund as England reached the final. Gareth Southgate "
        "praised his England players after the win over the Netherlands.",
        "Spain will face England in the Euro 2024 final in Berlin. Gareth Southgate said England "
        "were ready after beating the Netherlands in Dortmund.",
    ],
}


def _articles() -> tuple[list[Article], dict[str, str]]:
    articles, gold = [], {}
    for day, (topic, texts) in enumerate(TEXTS.items()):
        for n, text in enumerate(texts):
            aid = f"{topic}{n}"
            articles.append(
                Article(
                    id=aid,
                    title=text.split(".")[0],
                    text=text,
                    published=START + timedelta(days=day + 2 * n),
                )
            )
            gold[aid] = topic
    return articles, gold


def test_cluster_separates_unrelated_stories_and_groups_reports_of_one() -> None:
    articles, gold = _articles()
    by_story: dict[str, set[str]] = {}
    for assignment in cluster(articles):
        by_story.setdefault(assignment.story_id, set()).add(gold[assignment.article_id])
    assert len(by_story) == 3
    assert all(len(topics) == 1 for topics in by_story.values())


def test_cluster_is_deterministic_and_ids_come_from_first_article() -> None:
    articles, _ = _articles()
    first = [(a.article_id, a.story_id) for a in cluster(articles)]
    second = [(a.article_id, a.story_id) for a in cluster(list(reversed(articles)))]
    assert first == second
    ordered = sorted(articles, key=lambda a: a.published)
    assert first[0] == (ordered[0].id, story_id_for(ordered[0].id))


def test_cluster_time_decay_keeps_a_stale_story_from_absorbing_a_new_event() -> None:
    old = Article(id="old", title="Valencia floods", text=TEXTS["flood"][0], published=START)
    much_later = Article(
        id="new",
        title="Valencia floods again",
        text=TEXTS["flood"][1],
        published=START + timedelta(days=400),
    )
    soon = Article(
        id="soon",
        title="Valencia floods",
        text=TEXTS["flood"][2],
        published=START + timedelta(days=2),
    )
    assert cluster([old, soon])[1].new_story is False
    assert cluster([old, much_later])[1].new_story is True


def test_cluster_seed_restores_stories_without_redeciding() -> None:
    articles, gold = _articles()
    clusterer = Clusterer()
    for article in articles[:6]:
        clusterer.seed(article, "story-" + gold[article.id])
    joined = clusterer.add(articles[6])  # a third story's first report: a new story
    assert joined.new_story
    follow_up = clusterer.add(articles[7])
    assert follow_up.story_id == joined.story_id
    rates = Article(
        id="late-rates", title="Rates", text=TEXTS["rates"][2], published=START + timedelta(days=6)
    )
    assert clusterer.add(rates).story_id == "story-rates"


def test_cluster_merges_two_stories_that_converge_and_keeps_both_histories() -> None:
    # Two stored stories that are in fact one (e.g. split before the clusterer saw a link):
    # an article that fits both above the join threshold merges them into the older one.
    clusterer = Clusterer()
    clusterer.seed(
        Article(id="a1", title="Valencia floods", text=TEXTS["flood"][0], published=START),
        "story-x",
    )
    clusterer.seed(
        Article(
            id="a2",
            title="Valencia floods",
            text=TEXTS["flood"][0] + " Rescue teams searched.",
            published=START + timedelta(hours=3),
        ),
        "story-y",
    )
    bridge = clusterer.add(
        Article(
            id="a3",
            title="Valencia floods",
            text=TEXTS["flood"][1],
            published=START + timedelta(days=1),
        )
    )
    assert bridge.story_id == "story-x" and bridge.merged == ("story-y",)
    assert clusterer.stories() == {"story-x": ["a1", "a2", "a3"]}
    assert clusterer.story_of("story-y") == "story-x"
    # Unrelated stories never merge.
    other = clusterer.add(
        Article(id="r1", title="Rates", text=TEXTS["rates"][0], published=START + timedelta(days=1))
    )
    assert other.new_story and other.merged == ()


def test_tracker_merge_is_stored_with_both_histories(tmp_path) -> None:
    from backstory.store import open_store
    from backstory.stories.tracker import update_stories

    with open_store(str(tmp_path / "m.db")) as store:
        a1 = Article(id="a1", title="Valencia floods", text=TEXTS["flood"][0], published=START)
        a2 = Article(
            id="a2",
            title="Valencia floods again",
            text=TEXTS["flood"][0] + " Rescue teams searched.",
            published=START + timedelta(hours=3),
        )
        store.add_articles([a1, a2])
        store.set_story(["a1"], "story-x", "Valencia floods")
        store.set_story(["a2"], "story-y", "Valencia floods again")
        a3 = Article(
            id="a3",
            title="Valencia floods",
            text=TEXTS["flood"][1],
            published=START + timedelta(days=1),
        )
        store.add_articles([a3])
        changed = update_stories(store)
        assert set(changed) == {"story-x"}
        assert {a.id for a in store.articles(story_id="story-x")} == {"a1", "a2", "a3"}
        assert [s.id for s in store.stories()] == ["story-x"]
        assert store.current_story("story-y") == "story-x"
        assert store.story_history("story-y") == ["a2"]  # the absorbed story's history stays
        assert set(store.story_history("story-x")) == {"a1", "a2", "a3"}
