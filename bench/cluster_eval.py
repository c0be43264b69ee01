"""Score the story clusterer on a labelled mix: DIR/<true story>/<articles...>.

Articles of all stories are fed in publication-date order, as a feed would deliver them.
Prints B-cubed precision/recall/F1, the adjusted Rand index and articles per second; with
--detail, also each article's true story, the story it was put in and its best score, which
shows at a glance what split and what merged.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from backstory.ingest import IngestOptions, ingest
from backstory.models import Article
from backstory.stories import cluster, score_clusters


def _load(directory: Path) -> tuple[dict[str, str], list[Article]]:
    gold: dict[str, str] = {}
    articles: list[Article] = []
    for story_dir in sorted(p for p in directory.iterdir() if p.is_dir()):
        result = ingest([str(story_dir)], IngestOptions())
        for failure in result.failures:
            print(f"skipped {failure.source}: {failure.reason}", file=sys.stderr)
        for article in result.articles:
            if article.id not in gold:
                gold[article.id] = story_dir.name
                articles.append(article)
    return gold, articles


def evaluate(directory: Path) -> dict[str, float]:
    gold, articles = _load(directory)
    started = time.perf_counter()
    assignments = cluster(articles)
    seconds = time.perf_counter() - started
    predicted = {a.article_id: a.story_id for a in assignments}
    scores = score_clusters(gold, predicted)
    return {
        "articles": len(articles),
        "true_stories": len(set(gold.values())),
        "predicted_stories": len(set(predicted.values())),
        "bcubed_precision": round(scores.bcubed_precision, 4),
        "bcubed_recall": round(scores.bcubed_recall, 4),
        "bcubed_f1": round(scores.bcubed_f1, 4),
        "ari": round(scores.ari, 4),
        "articles_per_s": round(len(articles) / seconds, 1) if seconds else float("inf"),
    }


def detail(directory: Path) -> list[str]:
    """One line per article in feed order: date, true story, predicted story, new?, score."""
    gold, articles = _load(directory)
    by_id = {a.id: a for a in articles}
    assignments = cluster(articles)
    # Name each predicted story after the true story of its first article, so splits show
    # as two names for one true story and merges as one name over two.
    first: dict[str, str] = {}
    for a in assignments:
        first.setdefault(a.story_id, gold[a.article_id])
    lines = []
    for a in assignments:
        article = by_id[a.article_id]
        when = article.published.date().isoformat() if article.published else "?"
        mark = "new" if a.new_story else "   "
        lines.append(
            f"{when} {gold[a.article_id]:<30} -> {a.story_id} ({first[a.story_id]:<30}) "
            f"{mark} {a.score:.3f}  {article.title[:60]}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--detail", action="store_true", help="print each article's assignment")
    args = parser.parse_args()
    if not args.directory.is_dir():
        parser.error(f"{args.directory}: not a directory")
    if args.detail:
        print("\n".join(detail(args.directory)))
    result = evaluate(args.directory)
    if args.json:
        print(json.dumps(result))
        return
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
