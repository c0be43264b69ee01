"""Property tests (issue 9, item 1): every parser takes arbitrary hostile input and either
returns results that keep their invariants (offsets inside the text, spans verbatim, dates
valid) or raises its stage's own error as one line naming the input. Nothing else.

The generators and checks live in reliability_generators.py so bench/reliability.py can run
them at higher counts. Example counts here are modest to keep the folder fast; the ``slow``
variant runs each parser ten times longer.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from reliability_generators import TARGETS, Target, check_temporal, timex_value_ok

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
    derandomize=True,  # the default run is reproducible; the slow one and the bench explore
)
SLOW = settings(FAST, max_examples=400, derandomize=False)
#: HTML extraction (trafilatura) costs ~0.25 s per example; fewer keep the folder under 60 s.
EXAMPLES = {"ingest.parse_html": 15}


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_parser_total_and_keeps_invariants(target: Target) -> None:
    @settings(FAST, max_examples=EXAMPLES.get(target.name, FAST.max_examples))
    @given(target.strategy)
    def run(value: object) -> None:
        target.check(value)

    run()


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_parser_total_and_keeps_invariants_long(target: Target) -> None:
    @SLOW
    @given(target.strategy)
    def run(value: object) -> None:
        target.check(value)

    run()


# --- the invariant checker itself must catch real bugs ----------------------------------------


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("DATE", "2024-02-29"),
        ("DATE", "2020-W53"),  # 2020 has 53 ISO weeks
        ("DATE", "199"),
        ("DATE", "XXXX-12-25"),
        ("DATE", "2025-WI"),
        ("TIME", "2025-12-22T08:30"),
        ("TIME", "2025-12-22TMO"),
        ("DURATION", "P4Y"),
        ("DURATION", "PT78M"),
        ("DURATION", "PXY"),
        ("SET", "P1W"),
        ("SET", "XXXX-WXX-1"),
        ("DATE", "PRESENT_REF"),
        ("DATE", ""),
    ],
)
def test_valid_timex_values_pass(kind: str, value: str) -> None:
    assert timex_value_ok(kind, value) is None


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("DATE", "2023-02-29"),  # not a leap year
        ("DATE", "2024-13"),
        ("DATE", "2021-W53"),  # 2021 has 52 ISO weeks
        ("DATE", "24-07-04"),
        ("DURATION", "P1e+06Y"),  # float formatting leaking into a value
        ("DURATION", "2024"),
        ("TIME", "2024-07-04T25:00"),
        ("DATE", "-001-01-01"),
    ],
)
def test_invalid_timex_values_caught(kind: str, value: str) -> None:
    assert timex_value_ok(kind, value) is not None


def test_temporal_check_catches_misplaced_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tagger that returned a span not equal to its text must fail the check."""
    from backstory.analyse import temporal
    from backstory.analyse.temporal.model import Timex

    def broken(text: str, dct: object) -> list[Timex]:
        return [Timex(start=0, end=3, text="xyz", type="DATE", value="2024")]

    monkeypatch.setattr(temporal, "tag", broken)
    with pytest.raises(AssertionError):
        check_temporal(("on 4 July 2024", None))
