"""Helpers of the reliability tests: run the real CLI in a subprocess with a deadline and
measure its peak memory, and a loopback HTTP server with hostile behaviours."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float

    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "backstory.cli", *args]


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BACKSTORY_DB"}
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", **extra})
    return env


def run_cli(*args: str, timeout: float = 60.0, cwd: Path | None = None, **env: str) -> Run:
    """Run ``backstory ARGS``; kill it at ``timeout`` (the test then fails, never hangs).

    Peak memory comes from wait4()'s rusage of this one child (ru_maxrss is in KiB on Linux),
    so other children of the test process do not blur it.
    """
    started = time.monotonic()
    proc = subprocess.Popen(
        cli_command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=cli_env(**env),
        start_new_session=True,
    )
    timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
    timer.start()
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [
        threading.Thread(target=lambda: out_chunks.append(proc.stdout.read())),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err_chunks.append(proc.stderr.read())),  # type: ignore[union-attr]
    ]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    timer.cancel()
    for r in readers:
        r.join()
    seconds = time.monotonic() - started
    assert seconds < timeout, f"backstory {' '.join(args)} hung (killed after {timeout}s)"
    return Run(
        code=proc.returncode,
        stdout=b"".join(out_chunks).decode("utf-8", "replace"),
        stderr=b"".join(err_chunks).decode("utf-8", "replace"),
        seconds=seconds,
        max_rss_mb=usage.ru_maxrss / 1024,
    )


def assert_clean_failure(run: Run, *needles: str, max_lines: int = 4) -> None:
    """Exit 2, no traceback, and one stderr line that says every needle (the input, why)."""
    assert run.code == 2, (run.code, run.stderr[-2000:])
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr[-3000:]
    lines = run.stderr_lines()
    assert lines and len(lines) <= max_lines, lines
    assert any(all(n in line for n in needles) for line in lines), (needles, lines)


# --- a hostile HTTP server on loopback ------------------------------------------------------

BOMB = gzip.compress(b"\0" * (100 * 1024 * 1024), compresslevel=9)  # 100 MB -> ~100 KB


class HostileHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: list[str] = []  # noqa: RUF012 - shared on purpose: tests read what was requested

    def log_message(self, *args: object) -> None:
        pass

    def _headers(self, status: int, length: int | None = None, **headers: str) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.hits.append(self.path)
        path = self.path
        try:
            if path == "/bomb":
                self._headers(200, len(BOMB), Content_Type="text/html", Content_Encoding="gzip")
                self.wfile.write(BOMB)
            elif path in ("/loop-a", "/loop-b"):
                target = "/loop-b" if path == "/loop-a" else "/loop-a"
                self._headers(302, 0, Location=target)
            elif path == "/slow-body":  # headers at once, then a byte every half second
                self._headers(200, None, Content_Type="text/html", Connection="close")
                for _ in range(600):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.5)
            elif path == "/slow-headers":  # the status line, then headers a byte at a time
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for ch in b"X-Slow: " + b"a" * 600:
                    self.wfile.write(bytes([ch]))
                    self.wfile.flush()
                    time.sleep(0.5)
            elif path == "/silent":  # accept, then say nothing at all
                time.sleep(300)
            else:
                self._headers(404, 0)
        except OSError:
            pass


class QuietServer(ThreadingHTTPServer):
    """A test server whose clients hang up on purpose (time-outs, size limits): a reset
    connection is expected there, not a traceback for the test log."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def hostile_server() -> Iterator[str]:
    HostileHandler.hits = []
    httpd = QuietServer(("127.0.0.1", 0), HostileHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
