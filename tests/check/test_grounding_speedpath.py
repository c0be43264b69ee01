"""The source index reuses the analyse stage's readings (figures, dates, and the tagger's
expressions for the sentences it dates again); it must read exactly what reading the sources
from scratch reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from backstory.analyse import analyse_article
from backstory.check.rules.grounding import SourceIndex
from backstory.models import Article

from .conftest import DATA, load_sources

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _example_articles() -> list[Article]:
    out = []
    for name in sorted(p.name for p in (DATA / "sources").glob("*.json")):
        out.extend(load_sources(name))
    for i, path in enumerate(sorted(EXAMPLES.glob("*/*.txt"))):
        body = path.read_text(encoding="utf-8").partition("\n\n")[2].strip()
        # publication times in the evening UTC and with a zone, so that the analysis's
        # reference (naive UTC) and the index's date can differ
        out.append(
            Article(
                id=f"ex{i}",
                title=path.stem,
                text=body,
                published=datetime(2025, 3, 1 + i, 23, 30, tzinfo=UTC),
            )
        )
    return out


def _readings(index: SourceIndex) -> list[tuple[str, object, object]]:
    return [(s.text, s.dates, s.numbers) for s in index.sentences]


def test_index_from_analyses_is_index_from_scratch() -> None:
    articles = _example_articles()
    analyses = [analyse_article(a) for a in articles]
    scratch = SourceIndex.build(articles)
    reused = SourceIndex.build(articles, analyses)
    no_expressions = SourceIndex.build(articles, [replace(a, expressions=()) for a in analyses])
    assert _readings(reused) == _readings(scratch)
    assert _readings(no_expressions) == _readings(scratch)
    assert sum(len(s.dates) for s in scratch.sentences) > 50  # the texts are dated
