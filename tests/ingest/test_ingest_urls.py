"""URL safety checks and fetch() against a real HTTP server thread on 127.0.0.1 (no external
network: every refused URL is refused before any connection is attempted)."""

from __future__ import annotations

import gzip
import socket
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ingest_helpers import DATA, long_text, rss

from backstory.errors import IngestError
from backstory.ingest import IngestOptions, RetryLater, check_url, fetch, ingest, urls

PAGE = (DATA / "boe_rates.html").read_bytes()
ETAG = '"v1-boe"'
BOMB = gzip.compress(b"\0" * (40 * 1024 * 1024), compresslevel=9)  # 40 MB -> ~40 KB


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path
        if path == "/page":
            if self.headers.get("If-None-Match") == ETAG:
                self.send(304, ETag=ETAG)
            else:
                self.send(200, PAGE, Content_Type="text/html; charset=utf-8", ETag=ETAG)
        elif path == "/feed":
            feed = rss([{"title": "WWC", "link": "https://a.example/w", "content": long_text()}])
            self.send(200, feed, Content_Type="application/rss+xml")
        elif path == "/busy":
            self.send(429, b"slow down", Retry_After="120")
        elif path == "/down":
            self.send(503, b"", Retry_After="Wed, 21 Oct 2015 07:28:00 GMT")
        elif path == "/missing":
            self.send(404, b"not here")
        elif path == "/moved":
            self.send(301, Location="/page")
        elif path == "/to-metadata":
            self.send(302, Location="http://169.254.169.254/latest/meta-data/")
        elif path == "/to-private":
            self.send(302, Location="http://10.0.0.7/admin")
        elif path in ("/loop-a", "/loop-b"):
            self.send(302, Location="/loop-b" if path == "/loop-a" else "/loop-a")
        elif path.startswith("/chain/"):
            self.send(302, Location=f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/big":
            self.send(200, b"<p>" + b"x" * (2 * 1024 * 1024) + b"</p>", Content_Type="text/html")
        elif path == "/big-chunked":  # no Content-Length: the cap must hold while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"y" * 65536)
        elif path == "/bomb":
            self.send(200, BOMB, Content_Type="text/html", Content_Encoding="gzip")
        elif path == "/gzip-page":
            self.send(200, gzip.compress(PAGE), Content_Type="text/html", Content_Encoding="gzip")
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        else:
            self.send(404)


class QuietServer(ThreadingHTTPServer):
    """A test server whose clients hang up on purpose (time-outs, size limits): a reset
    connection is expected there, not a traceback for the test log."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = IngestOptions(allow_private=True, timeout=5.0)


@pytest.fixture
def public_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat 127.0.0.1 (only) as public, so that allow_private=False can be exercised against
    the local server: its redirects to private addresses must still be refused."""
    real = urls.forbidden_reason

    def reason(ip):  # type: ignore[no-untyped-def]
        return None if str(ip) == "127.0.0.1" else real(ip)

    monkeypatch.setattr(urls, "forbidden_reason", reason)


# --- check_url ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost:8000/admin", "local or reserved host name"),
        ("http://intranet/", "local or reserved host name"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[fd00:ec2::254]/", "metadata"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:a9fe:a9fe]/", "metadata"),  # 169.254.169.254, IPv4-mapped
        ("http://[64:ff9b::7f00:1]/", "loopback"),  # NAT64 form of 127.0.0.1
        ("http://[2002:7f00:1::]/", "loopback"),  # 6to4 form of 127.0.0.1
        ("http://2130706433/", "loopback"),  # decimal 127.0.0.1
        ("http://0x7f.0.0.1/", "loopback"),  # hex
        ("http://0177.0.0.1/", "loopback"),  # octal
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://100.64.0.1/", "non-public"),  # carrier-grade NAT
        ("http://240.0.0.1/", "reserved"),
        ("ftp://example.com/file.txt", "scheme 'ftp'"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("javascript:alert(1)", "scheme 'javascript'"),
        ("http://user:secret@example.com/", "credentials"),
        ("http://site.test/", "local or reserved host name"),
        ("http:///nohost", "no host"),
    ],
)
def test_check_url_refuses(url: str, why: str) -> None:
    with pytest.raises(IngestError) as info:
        check_url(url, allow_private=False)
    assert why in info.value.message
    assert info.value.message.startswith("refused URL")
    assert info.value.subject == url


def test_check_url_allows_public_literal_and_private_when_allowed() -> None:
    check_url("https://93.184.216.34/news", allow_private=False)
    check_url("http://[2606:4700::1111]/", allow_private=False)
    check_url("http://127.0.0.1:8080/", allow_private=True)
    with pytest.raises(IngestError, match="scheme"):
        check_url("ftp://127.0.0.1/", allow_private=True)


def test_check_url_checks_every_resolved_address(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert host == "news.rebind.net"
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.8", port)),
        ]

    monkeypatch.setattr(urls.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(IngestError, match=r"news\.rebind\.net \(10\.0\.0\.8\) is a private"):
        check_url("https://news.rebind.net/story", allow_private=False)


def test_dns_rebinding_refused_at_connect_time(
    monkeypatch: pytest.MonkeyPatch, server: str
) -> None:
    """The name resolves to a public address when checked, then to loopback when dialled."""
    port = int(server.rsplit(":", 1)[1])
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])

    def fake_getaddrinfo(host, p, *args, **kwargs):  # type: ignore[no-untyped-def]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), p))]

    monkeypatch.setattr(urls.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(IngestError, match="loopback"):
        fetch(f"http://rebind.attacker.net:{port}/page", IngestOptions(timeout=3))


# --- fetch against the local server -----------------------------------------------------------


def test_fetch_page_and_conditional_get(server: str) -> None:
    first = fetch(f"{server}/page", LOCAL)
    assert first.status == 200 and not first.not_modified
    assert first.content == PAGE
    assert first.headers["etag"] == ETAG
    again = fetch(f"{server}/page", LOCAL, headers={"If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.not_modified and again.content == b""


def test_fetch_follows_redirect(server: str) -> None:
    result = fetch(f"{server}/moved", LOCAL)
    assert result.url == f"{server}/moved" and result.final_url == f"{server}/page"
    assert result.content == PAGE


def test_fetch_gzip_page_decompressed(server: str) -> None:
    assert fetch(f"{server}/gzip-page", LOCAL).content == PAGE


def test_429_carries_retry_after(server: str) -> None:
    with pytest.raises(RetryLater) as info:
        fetch(f"{server}/busy", LOCAL)
    assert info.value.retry_after == 120.0
    assert info.value.message == "HTTP 429, retry after 120s"
    assert isinstance(info.value, IngestError)


def test_503_with_past_http_date_means_retry_now(server: str) -> None:
    with pytest.raises(RetryLater) as info:
        fetch(f"{server}/down", LOCAL)
    assert info.value.retry_after == 0.0


def test_404_is_an_error(server: str) -> None:
    with pytest.raises(IngestError, match="HTTP 404"):
        fetch(f"{server}/missing", LOCAL)


@pytest.mark.parametrize(
    ("path", "why"), [("/to-metadata", "metadata"), ("/to-private", "private")]
)
def test_redirect_to_private_address_refused(
    server: str, public_loopback: None, path: str, why: str
) -> None:
    options = IngestOptions(allow_private=False, timeout=5.0)
    assert fetch(f"{server}/page", options).status == 200  # the server itself passes
    with pytest.raises(IngestError) as info:
        fetch(f"{server}{path}", options)
    assert info.value.subject == f"{server}{path}"
    assert "redirected to http://" in info.value.message and why in info.value.message


def test_redirect_loop_and_too_many_redirects(server: str) -> None:
    with pytest.raises(IngestError, match="redirect loop"):
        fetch(f"{server}/loop-a", LOCAL)
    with pytest.raises(IngestError, match="too many redirects"):
        fetch(f"{server}/chain/0", LOCAL)


def test_oversize_body_refused(server: str) -> None:
    options = IngestOptions(allow_private=True, max_bytes=1024 * 1024)
    with pytest.raises(IngestError, match="larger than the 1048576 byte limit"):
        fetch(f"{server}/big", options)
    with pytest.raises(IngestError, match="larger than"):
        fetch(f"{server}/big-chunked", options)


def test_gzip_bomb_refused_by_decompressed_size(server: str) -> None:
    assert len(BOMB) < 1024 * 1024  # small on the wire
    options = IngestOptions(allow_private=True, max_bytes=1024 * 1024)
    with pytest.raises(IngestError, match="once decompressed"):
        fetch(f"{server}/bomb", options)


def test_slow_loris_hits_the_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError, match="timed out"):
        fetch(f"{server}/slow", IngestOptions(allow_private=True, timeout=1.0))
    assert time.monotonic() - started < 3.0


def test_ingest_urls_page_and_feed(server: str) -> None:
    result = ingest([f"{server}/page", f"{server}/feed", f"{server}/missing"], LOCAL)
    page, entry = result.articles
    assert page.outlet == "The Harbour Ledger" and page.origin == f"{server}/page"
    assert page.url == f"{server}/page"
    assert entry.text.startswith("Spain won the Women's World Cup") and not entry.summary_only
    assert [(f.source, f.reason) for f in result.failures] == [
        (f"{server}/missing", "HTTP 404 Not Found")
    ]


def test_refused_url_source_reported_by_ingest() -> None:
    result = ingest(["http://127.0.0.1:9/", "http://169.254.169.254/latest/meta-data/"])
    assert result.articles == ()
    assert [f.reason.split(":")[0] for f in result.failures] == ["refused URL", "refused URL"]


def test_feed_file_links_fetched_from_server(server: str, tmp_path: Path) -> None:
    path = tmp_path / "ledger.rss"
    path.write_bytes(rss([{"title": "Rates", "link": f"{server}/page", "description": "Up."}]))
    result = ingest([str(path)], LOCAL)
    [a] = result.articles
    assert not a.summary_only and a.outlet == "The Harbour Ledger"
