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


def test_parses_tempeval3_markup_and_skips_empty_timex(tmp_path: Path) -> None:
    """EVENT/SIGNAL tags only delimit; empty or self-closing TIMEX3s have no extent to score;
    links after TEXT are ignored."""
    tml = tmp_path / "x.tml"
    tml.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" '
        'functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>\n<TEXT>'
        'He <EVENT eid="e1" class="OCCURRENCE">left</EVENT> <SIGNAL sid="s1">on</SIGNAL> '
        '<TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3>'
        '<TIMEX3 tid="t2" type="DURATION" value="P1D" beginPoint="t1" endPoint="t0"/>'
        '<TIMEX3 tid="t3" type="DATE" value="2013"></TIMEX3> &amp; '
        '<TIMEX3 tid="t4" type="DATE" value="PRESENT_REF" anchorTimeID="t0">now</TIMEX3>.'
        '</TEXT>\n<MAKEINSTANCE eiid="ei1" eventID="e1"/><TLINK lid="l1" relType="BEFORE" '
        'eventInstanceID="ei1" relatedToTime="t0"/></TimeML>',
        encoding="utf-8",
    )
    doc = _bench().parse_tml(tml)
    assert doc.text == "He left on Thursday & now."
    assert [(g.text, g.value) for g in doc.gold] == [
        ("Thursday", "2013-03-21"),
        ("now", "PRESENT_REF"),
    ]
    assert str(doc.dct) == "2013-03-22"


def test_parses_timebank_file_without_text_element(tmp_path: Path) -> None:
    tml = tmp_path / "y.tml"
    tml.write_text(
        '<TimeML>\n <TIMEX3 tid="t9" type="DATE" value="1989-11-02" '
        'functionInDocument="CREATION_TIME">11/02/89</TIMEX3>\n Shares fell '
        '<TIMEX3 tid="t1" type="DATE" value="1989-11-01">yesterday</TIMEX3>.\n'
        '<MAKEINSTANCE eventID="e1" eiid="ei1"/>\n</TimeML>',
        encoding="utf-8",
    )
    doc = _bench().parse_tml(tml)
    assert "11/02/89" not in doc.text and "MAKEINSTANCE" not in doc.text
    assert [g.text for g in doc.gold] == ["yesterday"]
    assert str(doc.dct) == "1989-11-02"


def test_error_listing_shows_context(tmp_path: Path) -> None:
    """--errors --context N: one line per disagreement, then the text around it."""
    tml = tmp_path / "x.tml"
    tml.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" '
        'functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>\n<TEXT>'
        'Talks ended <TIMEX3 tid="t1" type="DATE" value="2013-03-20">on a Wednesday</TIMEX3>.'
        "</TEXT></TimeML>",
        encoding="utf-8",
    )
    lines = _bench().errors([tml], context=6)
    # the tagger tags only "Wednesday" (2013-03-20, the Wednesday before Friday the 22nd):
    # an extent disagreement, shown with 6 characters either side of the gold extent
    assert lines == [
        "x.tml: gold 'on a Wednesday' DATE 2013-03-20 | sys 'Wednesday' DATE 2013-03-20",
        "    ended [[on a Wednesday]].",
    ]
