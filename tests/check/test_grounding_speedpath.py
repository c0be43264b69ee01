"""The source index reuses the analyse stage's readings (figures, dates, and the tagger's
expressions for the sentences it dates again); it must read exactly what reading the sources
from scratch reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from backstory.analyse import analyse_article
from backstory.check.names import name_key, names_in
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


def test_lazy_index_answers_as_the_full_one() -> None:
    """The index tags sentences again only when asked, and asks the likeliest first; whether a
    date is given, and which names the sources hold, must come out as from every sentence."""
    articles = _example_articles()
    analyses = [analyse_article(a) for a in articles]
    index = SourceIndex.build(articles, analyses)
    assert any(s.timexes is None for s in index.sentences)  # some are left to tag on use
    # every interval any source gives, and some no source gives, asked of a fresh index each
    given = sorted({iv for s in SourceIndex.build(articles).sentences for _, iv in s.dates})
    assert len(given) > 30
    shifted = [(a.replace(year=a.year + 40), b.replace(year=b.year + 40)) for a, b in given[:20]]
    for interval in given[::3] + shifted:
        lazy = SourceIndex.build(articles, analyses)
        expected = any(
            s_iv[0] >= interval[0] and s_iv[1] <= interval[1]
            for s in lazy.sentences
            for _, s_iv in s.dates
        )
        fresh = SourceIndex.build(articles, analyses)
        assert fresh.gives_date_within(interval) is expected, interval
    assert not SourceIndex.build(articles, analyses).gives_date_within(shifted[0])
    # names: the lazily computed set is the one an eager pass over sentences and titles gives
    eager = {
        name_key(n)
        for text in [s.text for s in index.sentences] + [a.title for a in articles]
        for _, _, n in names_in(text)
    }
    assert index.names == frozenset(eager)
    assert {"bank of england", "crowdstrik"} <= eager  # name_key drops a final "e"
