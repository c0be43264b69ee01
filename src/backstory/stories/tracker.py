"""Keep stored stories up to date as articles arrive.

The clusterer is rebuilt from the stored assignments (never re-deciding them, so story ids
stay stable), then fed the articles that have no story yet in publication order. Articles are
stored before they are clustered, so a crash between the two loses nothing: the next run finds
them unassigned and clusters them then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from backstory.models import Article
from backstory.stories.cluster import Clusterer, _when

if TYPE_CHECKING:
    from backstory.store import Store


def rebuild(store: Store) -> tuple[Clusterer, set[str]]:
    """A clusterer holding every stored story, and the ids of articles already assigned."""
    clusterer = Clusterer()
    assigned: set[str] = set()
    seeded: list[tuple[Article, str]] = []
    for story in store.stories():
        for article in store.articles(story_id=story.id):
            seeded.append((article, story.id))
            assigned.add(article.id)
    for article, story_id in sorted(seeded, key=lambda pair: (_when(pair[0]), pair[0].id)):
        clusterer.seed(article, story_id)
    return clusterer, assigned


def update_stories(store: Store, articles: Sequence[Article] | None = None) -> dict[str, list[str]]:
    """Assign unassigned articles (default: all stored ones) to stories; persist the result.

    Returns story id -> ids of articles newly added to it (the stories that changed).
    """
    clusterer, assigned = rebuild(store)
    pool = store.articles() if articles is None else list(articles)
    pending = sorted((a for a in pool if a.id not in assigned), key=lambda a: (_when(a), a.id))
    changed: dict[str, list[str]] = defaultdict(list)
    for assignment in clusterer.add_many(pending):
        for absorbed in assignment.merged:
            store.merge_stories(assignment.story_id, absorbed)
            changed[assignment.story_id].extend(changed.pop(absorbed, []))
        changed[assignment.story_id].append(assignment.article_id)
    by_id = {a.id: a for a in pending}
    for story_id, ids in changed.items():
        headline = _headline(clusterer, story_id, by_id, store)
        store.set_story(ids, story_id, headline)
    return dict(changed)


def _headline(clusterer: Clusterer, story_id: str, fresh: dict[str, Article], store: Store) -> str:
    """The title of the story's most recent article: what a reader would recognise."""
    ids = clusterer.stories().get(story_id, [])
    candidates = [fresh[i] for i in ids if i in fresh] or [
        a for a in (store.get_article(i) for i in ids[-3:]) if a is not None
    ]
    if not candidates:
        return story_id
    return max(candidates, key=lambda a: (_when(a), a.id)).title
