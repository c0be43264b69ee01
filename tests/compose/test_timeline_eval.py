"""The timeline benchmark runs on the small Timeline17-format set and stays above its floor."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "tests" / "data" / "timeline17"

#: Floors a little below what bench/timeline_eval.py measured on tests/data/timeline17
#: (date F1 0.721, AR-1 0.246, AR-2 0.099 when written): a drop below them is a regression.
FLOORS = {"date_f1": 0.65, "ar1_f1": 0.21, "ar2_f1": 0.08}


def _bench():
    spec = importlib.util.spec_from_file_location(
        "timeline_eval", ROOT / "bench" / "timeline_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["timeline_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not DATASET.is_dir(), reason="tests/data/timeline17 not present")
def test_timeline_eval_above_floor() -> None:
    result = _bench().evaluate(DATASET)
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (key, result[key])


def test_timeline_eval_metrics_on_hand_checked_cases() -> None:
    bench = _bench()
    gold = {date(2024, 7, 19): ["Windows computers crashed worldwide."]}
    # identical timeline: every score is 1
    assert bench.date_f1(gold, gold) == 1.0
    assert bench.align_rouge(gold, gold, 1) == pytest.approx(1.0)
    # the right words one day late: ROUGE counts are halved by the 1/(1+days) weight
    late = {date(2024, 7, 20): ["Windows computers crashed worldwide."]}
    assert bench.date_f1(late, gold) == 0.0
    assert bench.align_rouge(late, gold, 1) == pytest.approx(0.5)
    # nothing in common
    other = {date(2024, 7, 19): ["Football results tonight."]}
    assert bench.align_rouge(other, gold, 1) == 0.0


def test_read_gold_tilse_format(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "2024-07-19\nFirst sentence.\nSecond sentence.\n--------------------------------\n"
        "2024-07-20\nThird sentence.\n--------------------------------\n",
        encoding="utf-8",
    )
    gold = _bench().read_gold(path)
    assert gold == {
        date(2024, 7, 19): ["First sentence.", "Second sentence."],
        date(2024, 7, 20): ["Third sentence."],
    }
