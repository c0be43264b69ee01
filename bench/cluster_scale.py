"""Time the online clusterer on 10k and 100k synthetic articles; report peak memory.

Synthetic stories: each draws names and topic words from its own vocabulary plus shared
filler, spread over a year, so the clusterer does real candidate search and decay work.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from datetime import UTC, datetime, timedelta

from backstory.models import Article
from backstory.stories import Clusterer, score_clusters

FILLER = (
    "the a said on in of to and for with that was were has have government officials "
    "people week year month report statement according percent new after before"
).split()


def _word(prefix: str, number: int) -> str:
    """Letters only, since the clusterer's tokens are alphabetic."""
    letters = "".join(chr(ord("a") + int(d)) for d in str(number))
    return prefix + letters


def synthetic(n: int, seed: int = 7) -> tuple[list[Article], dict[str, str]]:
    rng = random.Random(seed)
    n_stories = max(1, n // 12)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    vocab = [
        (
            [_word("Name", s * 10 + k).title() for k in range(6)],
            [_word("topic", s * 100 + k) for k in range(25)],
            start + timedelta(days=rng.uniform(0, 330)),
        )
        for s in range(n_stories)
    ]
    articles, gold = [], {}
    for i in range(n):
        s = rng.randrange(n_stories)
        names, words, born = vocab[s]
        body = rng.choices(names, k=12) + rng.choices(words, k=60) + rng.choices(FILLER, k=80)
        rng.shuffle(body)
        when = born + timedelta(days=rng.uniform(0, 30))
        aid = f"syn{i}"
        articles.append(
            Article(id=aid, title=" ".join(body[:8]), text=" ".join(body), published=when)
        )
        gold[aid] = str(s)
    articles.sort(key=lambda a: (a.published, a.id))
    return articles, gold


def run(n: int) -> dict[str, float]:
    articles, gold = synthetic(n)
    clusterer = Clusterer()
    started = time.perf_counter()
    for batch in range(0, len(articles), 1000):
        clusterer.add_many(articles[batch : batch + 1000])
    seconds = time.perf_counter() - started
    predicted = {}
    for sid, ids in clusterer.stories().items():
        for aid in ids:
            predicted[aid] = sid
    scores = score_clusters(gold, predicted)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": n,
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1),
        "bcubed_f1": round(scores.bcubed_f1, 4),
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [run(n) for n in args.sizes]
    if args.json:
        print(json.dumps(rows))
        return
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>9} {'B3 F1':>6} {'peak MB':>8}")
    for r in rows:
        print(
            f"{r['articles']:>9} {r['seconds']:>8} {r['articles_per_s']:>9} "
            f"{r['bcubed_f1']:>6} {r['peak_rss_mb']:>8}"
        )


if __name__ == "__main__":
    main()
