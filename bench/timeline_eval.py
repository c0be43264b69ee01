"""Timeline summarisation benchmark on Timeline17/Crisis-format datasets.

Usage: python bench/timeline_eval.py DATASET_DIR [--json]

DATASET_DIR holds one folder per topic, each with ``InputDocs/<YYYY-MM-DD>/*`` article texts
(published on that day) and ``timelines/*.txt`` gold timelines in the tilse format: a date line,
its summary sentences, then a line of dashes. For each topic and gold timeline the composer's
timeline is built with as many dates as the gold and as many sentences per date as the gold's
average (as news-tls does), restricted to the gold's first..last date, and scored with
date F1 and alignment-based ROUGE-1/ROUGE-2 F1 ("align+ m:1" of Martschat and Markert 2017,
the "AR" metric news-tls reports), averaged over topics and gold timelines.

ROUGE n-grams come from rouge-score's tokenizer with Porter stemming and English stop words
removed (scikit-learn's list; the original ROUGE-1.5.5 uses a similar SMART list).
Ranking uses sentence embeddings when ``BACKSTORY_EMBEDDINGS`` names a model, as the composer
does (e.g. ``BACKSTORY_EMBEDDINGS=wordllama``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from nltk.stem import porter
from rouge_score import tokenize
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from backstory.analyse import analyse_article
from backstory.compose import ComposeRequest, load_audience
from backstory.compose.context import Context
from backstory.compose.embeddings import Encoder, encoder_from_env
from backstory.compose.sections.timeline import timeline_for_eval
from backstory.models import Article, article_id

_DATE_DIR = re.compile(r"\d{4}-\d{2}-\d{2}")
_DASHES = re.compile(r"^-{5,}\s*$")
_STEMMER = porter.PorterStemmer()

Timeline = dict[date, list[str]]


def read_gold(path: Path) -> Timeline:
    """A tilse-format timeline file: date line, sentences, dashes."""
    timeline: Timeline = {}
    current: date | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line:
            continue
        if _DASHES.match(line):
            current = None
            continue
        if current is None and _DATE_DIR.fullmatch(line[:10]) and len(line) <= 19:
            current = date.fromisoformat(line[:10])
            timeline.setdefault(current, [])
            continue
        if current is not None:
            timeline[current].append(line)
    return {d: s for d, s in timeline.items() if s}


def read_topic_articles(topic: Path) -> list[Article]:
    articles = []
    for day_dir in sorted((topic / "InputDocs").iterdir()):
        if not (day_dir.is_dir() and _DATE_DIR.fullmatch(day_dir.name)):
            continue
        published = datetime.fromisoformat(day_dir.name).replace(hour=12, tzinfo=UTC)
        for f in sorted(p for p in day_dir.iterdir() if p.is_file()):
            text = f.read_text(encoding="utf-8", errors="replace").strip()
            if not text:
                continue
            key = f"{topic.name}/{day_dir.name}/{f.name}"
            articles.append(
                Article(
                    id=article_id(key),
                    title=text.splitlines()[0][:120],
                    text=text,
                    outlet=f.name,
                    published=published,
                    origin=str(f),
                )
            )
    return articles


def _tokens(text: str) -> list[str]:
    return [t for t in tokenize.tokenize(text, _STEMMER) if t not in ENGLISH_STOP_WORDS]


@dataclass(frozen=True)
class _Summary:
    tokens: list[str]

    def ngrams(self, n: int) -> Counter[tuple[str, ...]]:
        return Counter(tuple(self.tokens[i : i + n]) for i in range(len(self.tokens) - n + 1))


def _summaries(tl: Timeline) -> dict[date, _Summary]:
    return {d: _Summary([t for s in sents for t in _tokens(s)]) for d, sents in tl.items()}


def _rouge_approx(pred: _Summary, ref: _Summary) -> float:
    """tilse's ROUGE-1 F1 approximation used in the alignment costs."""
    p, r = Counter(pred.tokens), Counter(ref.tokens)
    match = sum(min(c, r[t]) for t, c in p.items())
    prec = match / sum(p.values()) if p else 0.0
    rec = match / sum(r.values()) if r else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _cost(a: date, b: date, pred: _Summary, ref: _Summary) -> float:
    date_factor = 1 - 1 / (abs(a.toordinal() - b.toordinal()) + 1)
    return date_factor * (1 - _rouge_approx(pred, ref))


def align_rouge(pred_tl: Timeline, gold_tl: Timeline, n: int) -> float:
    """Alignment-based ROUGE-n F1, many-to-one alignment on date and content costs."""
    pred, gold = _summaries(pred_tl), _summaries(gold_tl)
    if not pred or not gold:
        return 0.0
    pnum = pden = rnum = rden = 0.0
    for pd, ps in pred.items():  # precision: each predicted date to its cheapest gold date
        gd = min(gold, key=lambda g: (_cost(pd, g, ps, gold[g]), g))
        pn, gn = ps.ngrams(n), gold[gd].ngrams(n)
        pnum += sum(min(c, gn[t]) for t, c in pn.items()) / (
            abs(pd.toordinal() - gd.toordinal()) + 1
        )
        pden += sum(pn.values())
    for gd, gs in gold.items():  # recall: each gold date to its cheapest predicted date
        pd = min(pred, key=lambda p: (_cost(p, gd, pred[p], gs), p))
        pn, gn = pred[pd].ngrams(n), gs.ngrams(n)
        rnum += sum(min(c, pn[t]) for t, c in gn.items()) / (
            abs(pd.toordinal() - gd.toordinal()) + 1
        )
        rden += sum(gn.values())
    prec = pnum / pden if pden else 0.0
    rec = rnum / rden if rden else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def date_f1(pred: Timeline, gold: Timeline) -> float:
    hits = len(set(pred) & set(gold))
    if not hits:
        return 0.0
    prec, rec = hits / len(pred), hits / len(gold)
    return 2 * prec * rec / (prec + rec)


def predict(context: Context, gold: Timeline) -> Timeline:
    """The composer's timeline sized and bounded like ``gold``."""
    n_dates = len(gold)
    per_date = max(1, round(sum(len(s) for s in gold.values()) / n_dates))
    pairs = timeline_for_eval(context, n_dates, per_date, start=min(gold), end=max(gold))
    return {d: sents for d, sents in pairs if sents}


def _context(articles: list[Article], encoder: Encoder | None = None) -> Context:
    newest = max(a.published for a in articles if a.published)
    request = ComposeRequest(
        analyses=tuple(analyse_article(a) for a in articles),
        audience=load_audience("uk"),
        now=newest + timedelta(days=1),
        explainer_id="bench",
    )
    return Context(request, encoder=encoder)


def evaluate(dataset: Path) -> dict[str, object]:
    """Scores averaged over every (topic, gold timeline) pair of ``dataset``."""
    started = time.perf_counter()
    encoder = encoder_from_env()
    rows = []
    for topic in sorted(p for p in dataset.iterdir() if (p / "InputDocs").is_dir()):
        articles = read_topic_articles(topic)
        if not articles:
            continue
        context = _context(articles, encoder)
        for gold_path in sorted((topic / "timelines").glob("*.txt")):
            gold = read_gold(gold_path)
            if not gold:
                continue
            pred = predict(context, gold)
            rows.append(
                {
                    "topic": topic.name,
                    "timeline": gold_path.name,
                    "date_f1": date_f1(pred, gold),
                    "ar1_f1": align_rouge(pred, gold, 1),
                    "ar2_f1": align_rouge(pred, gold, 2),
                }
            )
    if not rows:
        raise SystemExit(f"{dataset}: no topics with InputDocs/ and timelines/ found")
    mean = {k: sum(r[k] for r in rows) / len(rows) for k in ("date_f1", "ar1_f1", "ar2_f1")}
    return {
        **{k: round(v, 4) for k, v in mean.items()},
        "seconds": round(time.perf_counter() - started, 3),
        "timelines": len(rows),
        "per_timeline": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not args.dataset.is_dir():
        print(f"{args.dataset}: not a directory", file=sys.stderr)
        return 2
    result = evaluate(args.dataset)
    if args.json:
        print(json.dumps({k: result[k] for k in ("date_f1", "ar1_f1", "ar2_f1", "seconds")}))
        return 0
    print(f"{'topic':<24} {'timeline':<16} {'date F1':>8} {'AR-1 F1':>8} {'AR-2 F1':>8}")
    for r in result["per_timeline"]:  # type: ignore[union-attr]
        print(
            f"{r['topic']:<24} {r['timeline']:<16} {r['date_f1']:>8.3f} {r['ar1_f1']:>8.3f} "
            f"{r['ar2_f1']:>8.3f}"
        )
    print(
        f"{'mean':<41} {result['date_f1']:>8.3f} {result['ar1_f1']:>8.3f} "
        f"{result['ar2_f1']:>8.3f}   ({result['seconds']} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
