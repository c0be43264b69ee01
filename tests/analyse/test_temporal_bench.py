"""Quality floor: the bench's TempEval-3 scoring over the hand-annotated dev set.

The floors sit a little below what the tagger reaches (see bench/RESULTS.md), so a rule change
that breaks a class of expressions fails here. Speed is measured by the bench, not asserted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT / "tests" / "data" / "timeml"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "temporal_eval", ROOT / "bench" / "temporal_eval.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("temporal_eval", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_dev_set_has_enough_documents() -> None:
    assert len(list(DEV_SET.glob("*.tml"))) >= 40


def test_dev_set_parses_with_offsets() -> None:
    bench = _bench()
    for path in DEV_SET.glob("*.tml"):
        doc = bench.parse_tml(path)
        assert doc.dct is not None, path.name
        for g in doc.gold:
            assert doc.text[g.start : g.end] == g.text


def test_quality_floor() -> None:
    result = _bench().evaluate([DEV_SET], with_dateparser=False, min_seconds=0.0)
    assert result["relaxed_f1"] >= 0.95
    assert result["strict_f1"] >= 0.93
    assert result["type_f1"] >= 0.95
    assert result["value_f1"] >= 0.93


def test_scoring_counts_matches_by_hand() -> None:
    bench = _bench()
    gold = [
        bench.Span(0, 9, "DATE", "2025-W51", "last week"),
        bench.Span(20, 26, "DATE", "2025-12-21", "Sunday"),
    ]
    system = [
        bench.Span(0, 9, "DATE", "2025-W50", "last week"),
        bench.Span(17, 26, "DATE", "2025-12-21", "on Sunday"),
        bench.Span(30, 34, "DURATION", "P1Y", "year"),
    ]
    doc = bench.Doc("x", None, "", tuple(gold))
    r = bench.score([doc], [system])
    # 2 relaxed matches out of 3 system / 2 gold; 1 strict; 1 correct value
    assert r["relaxed_p"] == 2 / 3 and r["relaxed_r"] == 1.0
    assert r["strict_p"] == 1 / 3 and r["strict_r"] == 1 / 2
    assert abs(r["value_f1"] - 2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2)) < 1e-9
