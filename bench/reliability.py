"""Fuzz every parser at high counts and print a table: inputs tried per parser, crashes.

Runs the generators and invariant checks of tests/reliability/reliability_generators.py
(hypothesis), but records every failing input instead of stopping at the first, so the table
says how many distinct crashes each parser has. Hypothesis only: atheris 3.0 installed, but
on this Python 3.11 its instrumentation reported no coverage of backstory's modules (cov: 2),
so it was no better than random bytes and was left out.

    python bench/reliability.py                 # 2000 inputs per parser (HTML: 300)
    python bench/reliability.py --count 200     # quicker
    python bench/reliability.py --json out.json # also write the table as JSON

Crashes are grouped by exception type and the parser's frame they came from; the first
input of each group is printed (repr, cut to 300 characters) so it can become a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

#: HTML extraction is ~100x slower per input than the others; it gets this share of --count.
HTML_SHARE = 0.15


@dataclass
class Tally:
    name: str
    tried: int = 0
    seconds: float = 0.0
    crashes: dict[str, Any] = field(default_factory=dict)  # signature -> first input


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    inner = next(
        (f for f in reversed(frames) if "/backstory/" in f.filename),
        frames[-1] if frames else None,
    )
    where = f"{Path(inner.filename).name}:{inner.lineno}" if inner else "?"
    head = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__} at {where}: {head}"


def _fuzzer(target: Any, tally: Tally, n: int, given: Any, settings: Any, health: Any) -> Any:
    """A hypothesis test over ``target`` that tallies crashes instead of raising them."""

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(health))
    @given(target.strategy)
    def run(value: Any) -> None:
        tally.tried += 1
        try:
            target.check(value)
        except Exception as exc:  # noqa: BLE001 - a crash is what is being counted
            tally.crashes.setdefault(_signature(exc), value)

    return run


def run_hypothesis(count: int) -> list[Tally]:
    from hypothesis import HealthCheck, given, settings
    from reliability_generators import TARGETS

    tallies = []
    for target in TARGETS:
        n = max(20, int(count * HTML_SHARE)) if target.name == "ingest.parse_html" else count
        tally = Tally(target.name)
        run = _fuzzer(target, tally, n, given, settings, HealthCheck)
        started = time.perf_counter()
        run()
        tally.seconds = time.perf_counter() - started
        tallies.append(tally)
        print(f"  {target.name}: {tally.tried} inputs, {len(tally.crashes)} crashes", flush=True)
    return tallies


def table(tallies: list[Tally]) -> str:
    lines = [
        "| parser | inputs tried | crashes | seconds |",
        "|---|---:|---:|---:|",
    ]
    for t in tallies:
        lines.append(f"| {t.name} | {t.tried} | {len(t.crashes)} | {t.seconds:.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="hypothesis inputs per parser")
    parser.add_argument("--json", type=Path, help="write the tallies here as JSON")
    args = parser.parse_args()

    print(f"hypothesis, {args.count} inputs per parser:", flush=True)
    tallies = run_hypothesis(args.count)
    print()
    print(table(tallies))
    for t in tallies:
        for sig, value in t.crashes.items():
            print(f"\nCRASH {t.name}: {sig}\n  input: {repr(value)[:300]}")
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "parser": t.name,
                        "tried": t.tried,
                        "crashes": {k: repr(v)[:300] for k, v in t.crashes.items()},
                        "seconds": round(t.seconds, 1),
                    }
                    for t in tallies
                ],
                indent=2,
            )
        )
    return 1 if any(t.crashes for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
