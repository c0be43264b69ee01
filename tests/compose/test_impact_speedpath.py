"""The impact section skips the audience matcher on sentences its quick test rules out; the
quick test must never rule out a sentence the matcher would count."""

from __future__ import annotations

from pathlib import Path

from backstory.analyse.sentences import split_spans
from backstory.compose.audience import TermMatcher, load_audience, packaged_audiences
from backstory.compose.sections.impact import mention_filter

ROOT = Path(__file__).resolve().parents[2]

#: Hand-written lines around the edges of the matching: case, punctuation inside tokens,
#: multi-word names, currency signs and near misses.
EDGES = [
    "Prices in the U.K. rose again, the ONS said.",
    "uk households were hit hardest.",
    "The Bank of England held rates; the bank of england's critics did not.",
    "It cost £4bn, or 4bn pounds STERLING, over two years.",
    "Britons and British firms, Welsh farmers and the Scottish government reacted.",
    "Unrelated: the Fed held US rates at 4.5% in Washington.",
    "NHS-backed trials began in Cardiff and Belfast.",
    "A Northern Irish minister and a northern irish farmer met.",
]


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*/*.txt"))]
    return [t[s:e] for t in texts for s, e in split_spans(t)] + EDGES


def test_quick_test_never_rules_out_a_match() -> None:
    sentences = _sentences()
    assert len(sentences) > 200
    for key in packaged_audiences():
        profile = load_audience(key)
        may_mention = mention_filter(profile.terms)
        assert may_mention is not None
        matcher = profile.audience_matcher
        matched = [s for s in sentences if matcher.count(s) > 0]
        assert len(matched) > 10  # the profile's words do occur
        for s in sentences:
            if matcher.count(s) > 0:
                assert may_mention(s), (key, s)
        # and the test does rule sentences out, or it would be no use
        assert sum(not may_mention(s) for s in sentences) > len(sentences) // 3


def test_quick_test_on_made_up_terms() -> None:
    terms = ("U.K.", "pounds", "£", "Bank of England", "cost of living")
    may_mention = mention_filter(terms)
    assert may_mention is not None
    matcher = TermMatcher(terms)
    for text in EDGES + ["The COST OF LIVING rose.", "A uk story.", "u.k. rates"]:
        assert not matcher.count(text) or may_mention(text), text
    assert may_mention("Costs of living") and not may_mention("Nothing here at all.")
    # a lower-case Greek term has no test: a capital sigma lower-cases by what follows it
    assert mention_filter(("οδός",)) is None
