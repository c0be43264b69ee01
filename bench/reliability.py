"""Fuzz every parser at high counts and print a table: inputs tried per parser, crashes.

Runs the generators and invariant checks of tests/reliability/reliability_generators.py
(hypothesis), but records every failing input instead of stopping at the first, so the table
says how many distinct crashes each parser has. With ``--atheris`` and atheris installed, a
coverage-guided libFuzzer run per text parser follows (bytes decoded as UTF-8 with
replacement), each in its own subprocess because atheris.Fuzz() exits the process.

    python bench/reliability.py                 # 2000 inputs per parser (HTML: 300)
    python bench/reliability.py --count 200     # quicker
    python bench/reliability.py --atheris 20000 # plus 20000 atheris runs per parser
    python bench/reliability.py --json out.json # also write the table as JSON

Crashes are grouped by exception type and the parser's frame they came from; the first
input of each group is printed (repr, cut to 300 characters) so it can become a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
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


ATHERIS_HARNESS = r"""
import sys, atheris
sys.path.insert(0, {gen!r})
with atheris.instrument_imports():
    import backstory.ingest, backstory.analyse.temporal, backstory.analyse.numbers
    import backstory.check
from datetime import date
import reliability_generators as g
CHECKS = {{
    "ingest.parse_html": lambda s: g.check_html(s),
    "ingest.parse_feed": lambda s: g.check_feed(s.encode("utf-8", "surrogatepass")),
    "ingest.parse_text": g.check_text,
    "ingest.parse_records": g.check_records,
    "analyse.temporal.tag": lambda s: g.check_temporal((s, date(2025, 12, 22))),
    "analyse.numbers.extract_numbers": g.check_numbers,
    "analyse.quotes.extract_quotes": g.check_quotes,
    "check.read_page": lambda s: g.check_page(("page.txt", s.encode("utf-8", "surrogatepass"))),
}}
check = CHECKS[sys.argv[1]]
seen = {{}}
count = [0]
def one(data):
    count[0] += 1
    text = data.decode("utf-8", "replace")
    try:
        check(text)
    except Exception as exc:
        seen.setdefault(type(exc).__name__ + ": " + str(exc)[:100], repr(text[:300]))
import json
# libFuzzer leaves with _exit(), so atexit never runs: the tally is written as it goes.
total = int(sys.argv[2])
def one_and_tally(data):
    one(data)
    if count[0] % 250 == 0 or count[0] >= total:
        with open(sys.argv[3], "w") as f:
            json.dump({{"tried": count[0], "crashes": seen}}, f)
atheris.Setup([sys.argv[0], "-runs=" + sys.argv[2], "-max_len=4096"], one_and_tally)
atheris.Fuzz()
"""


def run_atheris(runs: int) -> list[Tally]:
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("  atheris not installed: skipped", flush=True)
        return []
    from reliability_generators import TARGETS

    harness = ATHERIS_HARNESS.format(gen=str(ROOT / "tests" / "reliability"))
    tallies = []
    for target in TARGETS:
        n = max(50, int(runs * HTML_SHARE)) if target.name == "ingest.parse_html" else runs
        started = time.perf_counter()
        out = Path(tempfile.mkdtemp()) / "tally.json"
        proc = subprocess.run(
            [sys.executable, "-c", harness, target.name, str(n), str(out)],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
        )
        tally = Tally(f"{target.name} (atheris)", seconds=time.perf_counter() - started)
        if not out.exists():
            tally.crashes["harness failed"] = proc.stderr[-500:]
        else:
            data = json.loads(out.read_text())
            tally.tried, tally.crashes = data["tried"], data["crashes"]
        tallies.append(tally)
        print(f"  {tally.name}: {tally.tried} inputs, {len(tally.crashes)} crashes", flush=True)
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
    parser.add_argument("--atheris", type=int, default=0, help="atheris runs per parser (0: off)")
    parser.add_argument("--json", type=Path, help="write the tallies here as JSON")
    args = parser.parse_args()

    print(f"hypothesis, {args.count} inputs per parser:", flush=True)
    tallies = run_hypothesis(args.count)
    if args.atheris:
        print(f"atheris, {args.atheris} runs per parser:", flush=True)
        tallies += run_atheris(args.atheris)
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
