"""Bounded load test of ``backstory serve`` on loopback, with and without a concurrent ingest.

Builds a store from examples/ (``backstory explain examples/<story>`` for each story), starts
``backstory serve`` on 127.0.0.1, and hits three routes for a fixed time each: the home page,
an explainer page and ``/api/explainers/{id}``. Then the same again while ``backstory ingest``
keeps writing new articles into the same SQLite file. Prints requests/s, p50/p99 latency and
errors per route.

The load tool is wrk when installed (``apt-get install wrk``); otherwise a small asyncio +
httpx generator with the same bounded concurrency and duration. Loopback only; every run
stops by itself.

    python bench/load.py                        # 10 s per route, 16 connections
    python bench/load.py --seconds 5 --connections 8 --json load.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOW = "2025-10-01T12:00:00+00:00"


@dataclass(frozen=True)
class Result:
    route: str
    phase: str
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    tool: str


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backstory.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


def build_store(db: Path) -> None:
    for story in sorted(p for p in EXAMPLES.iterdir() if p.is_dir() and p.name != "feeds"):
        done = cli(
            "explain", str(story), "--db", str(db), "-f", "json", "-o", os.devnull, "--now", NOW
        )
        if done.returncode != 0:
            raise SystemExit(f"explain {story.name} failed: {done.stderr.strip()[-300:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "backstory.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--db",
            str(db),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit("backstory serve exited at start")
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("backstory serve did not answer within 60 s")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(m[1]) * _UNITS[m[2]] if m else float("nan")


def run_wrk(url: str, seconds: int, connections: int) -> tuple[int, float, float, float, int]:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--latency",
            "--timeout",
            "5s",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out)[1])  # type: ignore[index]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out)[1])  # type: ignore[index]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out)[1])  # type: ignore[index]
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m[1])
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in m.groups())
    return requests, rps, p50, p99, errors


def run_python(url: str, seconds: int, connections: int) -> tuple[int, float, float, float, int]:
    import httpx

    latencies: list[float] = []
    errors = 0

    async def worker(client: httpx.AsyncClient, stop: float) -> None:
        nonlocal errors
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                r = await client.get(url)
                if r.status_code >= 400:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)

    async def main() -> float:
        limits = httpx.Limits(max_connections=connections)
        async with httpx.AsyncClient(limits=limits, timeout=5) as client:
            started = time.monotonic()
            stop = started + seconds
            await asyncio.gather(*(worker(client, stop) for _ in range(connections)))
            return time.monotonic() - started

    elapsed = asyncio.run(main())
    latencies.sort()
    n = len(latencies)
    pick = (lambda q: latencies[min(n - 1, int(q * n))]) if n else (lambda q: float("nan"))
    return n, n / elapsed, pick(0.50), pick(0.99), errors


def write_articles(folder: Path, n: int, seed: int) -> None:
    """``n`` distinct small articles for the concurrent ingest (figures and places vary)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    places = ["Leeds", "Bristol", "Cardiff", "Glasgow", "Norwich", "Exeter", "Derby", "Hull"]
    for i in range(n):
        place = rng.choice(places)
        (folder / f"{seed}-{i}.txt").write_text(
            f"Title: {place} council update {seed}-{i}\nOutlet: The {place} Gazette\n"
            f"Published: 2025-09-{1 + i % 28:02d}T09:00:00+00:00\n\n"
            f"The council in {place} approved {rng.randint(2, 900)} new homes on "
            f"{1 + i % 28} September 2025, at a cost of £{rng.randint(1, 400)} million. "
            f"Officials said {rng.randint(2, 60)}% of them would be affordable. "
            f"Reference {rng.getrandbits(64):016x}.\n",
            encoding="utf-8",
        )


class IngestLoop:
    """Runs ``backstory ingest`` on fresh folders back to back until stopped."""

    def __init__(self, db: Path, scratch: Path) -> None:
        self.db, self.scratch = db, scratch
        self.runs = self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        batch = 0
        while not self._stop.is_set():
            folder = self.scratch / f"batch-{batch}"
            write_articles(folder, 200, batch)
            done = cli("ingest", str(folder), "--db", str(self.db), timeout=120)
            self.runs += 1
            self.failures += done.returncode != 0
            batch += 1

    def __enter__(self) -> IngestLoop:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=150)


def measure(
    base: str, routes: dict[str, str], phase: str, seconds: int, connections: int, tool: str
) -> list[Result]:
    runner = run_wrk if tool == "wrk" else run_python
    results = []
    for name, path in routes.items():
        requests, rps, p50, p99, errors = runner(base + path, seconds, connections)
        results.append(
            Result(name, phase, requests, round(rps, 1), round(p50, 2), round(p99, 2), errors, tool)
        )
        print(
            f"  {phase:>14} {name:<22} {rps:8.1f} req/s  p50 {p50:7.2f} ms  "
            f"p99 {p99:7.2f} ms  errors {errors}",
            flush=True,
        )
    return results


def table(results: list[Result], connections: int, seconds: int) -> str:
    lines = [
        "| route | phase | requests | req/s | p50 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.route} | {r.phase} | {r.requests} | {r.rps:.1f} | {r.p50_ms:.2f} | "
            f"{r.p99_ms:.2f} | {r.errors} |"
        )
    tool = results[0].tool if results else "?"
    lines.append(f"\n{tool}, {connections} connections, {seconds} s per route, 127.0.0.1.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="duration per route (1-60)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    seconds = max(1, min(args.seconds, 60))
    connections = max(1, min(args.connections, 256))
    tool = args.tool
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "python"

    with tempfile.TemporaryDirectory(prefix="backstory-load-") as tmp:
        db = Path(tmp) / "load.db"
        print("building the store from examples/ ...", flush=True)
        build_store(db)
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            import httpx

            listing = httpx.get(base + "/api/explainers", timeout=10).json()["explainers"]
            eid = listing[0]["id"]
            routes = {
                "/": "/",
                "/explainers/{id}": f"/explainers/{eid}",
                "/api/explainers/{id}": f"/api/explainers/{eid}",
            }
            print(f"serving {len(listing)} explainers at {base}; load with {tool}", flush=True)
            results = measure(base, routes, "idle", seconds, connections, tool)
            with IngestLoop(db, Path(tmp) / "ingest") as loop:
                time.sleep(2)  # let the first ingest get past its imports
                results += measure(base, routes, "during ingest", seconds, connections, tool)
            print(
                f"  concurrent ingest: {loop.runs} runs of 200 articles, {loop.failures} failed",
                flush=True,
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print()
    print(table(results, connections, seconds))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "results": [asdict(r) for r in results],
                    "ingest_runs": loop.runs,
                    "ingest_failures": loop.failures,
                    "connections": connections,
                    "seconds": seconds,
                },
                indent=2,
            )
        )
    return 0 if loop.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
