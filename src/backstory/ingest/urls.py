"""Safe HTTP fetching of untrusted URLs: SSRF checks, bounded size and time, conditional GET.

Hand-written around httpx because no library bundles the policy backstory needs:

* every URL, and every redirect hop, is checked before it is requested (:func:`check_url`);
* the check is repeated at connect time on the address actually dialled (a custom httpcore
  network backend), so a DNS name that resolves to a public address for the check and a
  private one for the connection (DNS rebinding) is still refused;
* the body is streamed and decompressed by hand with a cap on the *decompressed* size, so a
  gzip bomb stops at ``max_bytes`` instead of filling memory;
* the whole exchange has a deadline as well as per-read timeouts, so a slow-loris server
  that trickles one byte at a time cannot hold a worker for ever.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from backstory.errors import IngestError
from backstory.ingest.options import DEFAULT_OPTIONS, IngestOptions

#: Redirects followed before giving up (browsers allow ~20; news sites need 1-3).
MAX_REDIRECTS = 5
#: Connecting takes at most this long, whatever the overall timeout (a dead host should not
#: cost the full timeout of every source).
MAX_CONNECT_TIMEOUT = 5.0
#: Decompressed bytes produced per step when inflating, to bound memory per chunk.
INFLATE_STEP = 64 * 1024

#: Cloud metadata endpoints, refused even if a network classes them as public.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
#: Host names that never resolve to the public web (RFC 6761/6762 and common metadata names).
RESERVED_HOST_SUFFIXES = (
    "localhost",
    ".localhost",
    ".local",
    ".internal",
    ".invalid",
    ".test",
    ".example",
    ".home.arpa",
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class RetryLater(IngestError):
    """The server asked us to come back later (HTTP 429 or 503).

    ``retry_after`` is the wait in seconds it asked for, or None when it did not say.
    """

    def __init__(self, message: str, subject: str | None = None, retry_after: float | None = None):
        super().__init__(message, subject)
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchResult:
    """A fetched response. ``headers`` have lower-case names; ``content`` is decompressed."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    not_modified: bool


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64, compatible)."""
    out = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip.teredo is not None:
        out.extend(ip.teredo)
    packed = ip.packed
    if ip in _NAT64 or (packed[:12] == bytes(12) and packed[12:] != bytes(4)):
        out.append(ipaddress.IPv4Address(packed[12:]))
    return out


def forbidden_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be fetched from the open web (None when it is public)."""
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    own = next(
        (
            label
            for label, flag in (
                ("a loopback", ip.is_loopback),
                ("a link-local", ip.is_link_local),
                ("an unspecified", ip.is_unspecified),
                ("a multicast", ip.is_multicast),
                ("a reserved", ip.is_reserved),
                ("a private", ip.is_private),
                ("a non-public", not ip.is_global),
            )
            if flag
        ),
        None,
    )
    if own in ("a loopback", "a link-local", "an unspecified", "a multicast"):
        return f"{own} address"
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in _embedded_ipv4(ip):
            reason = forbidden_reason(inner)
            if reason:
                return reason
    return f"{own} address" if own else None


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host name denotes by itself: dotted, IPv6, or the decimal/octal/hex forms
    (``2130706433``, ``0177.0.0.1``, ``0x7f.1``) that the C resolver also accepts."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if all(c in "0123456789abcdefxABCDEFX." for c in host) and any(c.isdigit() for c in host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise IngestError(f"cannot resolve host '{host}'", host) from exc
    out = []
    for info in infos:
        try:
            out.append(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]))
        except ValueError:
            continue
    if not out:
        raise IngestError(f"cannot resolve host '{host}'", host)
    return out


def _refuse_addresses(
    host: str, addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address], subject: str
) -> None:
    for ip in addresses:
        reason = forbidden_reason(ip)
        if reason:
            shown = host if str(ip) == host.strip("[]") else f"{host} ({ip})"
            raise IngestError(
                f"refused URL: {shown} is {reason} (use --allow-private to allow it)", subject
            )


def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse a URL that is not plain http(s) on the public internet.

    Refused: other schemes, credentials in the URL, and (unless ``allow_private``) hosts that
    are or resolve to a private, loopback, link-local, multicast, reserved, unspecified or
    metadata address, with IPv4-mapped/embedded IPv6 and numeric IPv4 forms seen through.
    Every address a name resolves to is checked, not just the first.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise IngestError(f"refused URL: malformed ({exc})", url) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError(f"refused URL: scheme '{scheme or '(none)'}' is not http or https", url)
    if parts.username is not None or parts.password is not None:
        raise IngestError("refused URL: credentials in URLs are not allowed", url)
    if not host:
        raise IngestError("refused URL: no host", url)
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise IngestError("refused URL: contains whitespace or control characters", url)
    if allow_private:
        return
    host = host.rstrip(".").lower()
    literal = _literal_ip(host)
    if literal is not None:
        _refuse_addresses(host, [literal], url)
        return
    if host == "localhost" or host.endswith(RESERVED_HOST_SUFFIXES) or "." not in host:
        raise IngestError(f"refused URL: '{host}' is a local or reserved host name", url)
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise IngestError(f"refused URL: invalid host name '{host}'", url) from exc
    _refuse_addresses(host, _resolve(ascii_host, port), url)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by one overall deadline.

    httpx's timeouts are per operation, so a server trickling its headers a byte at a time
    (slow loris) would hold a fetch open for ever; here each operation gets at most the time
    left until the deadline.
    """

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("overall deadline reached")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, self._left(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to vetted addresses: the check is made on the address actually dialled;
    every connection ends by the fetch's overall deadline."""

    def __init__(self, allow_private: bool, deadline: float | None = None) -> None:
        self.allow_private = allow_private
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        stream = self._connect(host, port, timeout, local_address, socket_options)
        return stream if self.deadline is None else _DeadlineStream(stream, self.deadline)

    def _connect(
        self,
        host: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Any,
    ) -> httpcore.NetworkStream:
        if self.allow_private:
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        literal = _literal_ip(host)
        addresses = [literal] if literal is not None else _resolve(host, port)
        _refuse_addresses(host, addresses, host)
        error: Exception | None = None
        for ip in addresses:
            try:
                return super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"cannot connect to {host}")


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool, deadline: float | None = None) -> None:
        super().__init__(trust_env=False, retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=4,
            network_backend=_GuardedBackend(allow_private, deadline),
        )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _inflate(chunks: Iterator[bytes], encoding: str, limit: int, url: str) -> Iterator[bytes]:
    """Decompress a gzip/deflate stream, never producing more than ``limit`` + 1 bytes."""
    if encoding in ("", "identity"):
        yield from chunks
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise IngestError(f"unsupported content encoding '{encoding}'", url)
    inflater = zlib.decompressobj(47 if encoding != "deflate" else 15)  # 47: gzip or zlib
    produced = 0
    try:
        for chunk in chunks:
            data = chunk
            while data:
                step = min(INFLATE_STEP, limit + 1 - produced)
                out = inflater.decompress(data, step)
                produced += len(out)
                yield out
                if produced > limit:
                    return
                data = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise IngestError(f"corrupt {encoding} response body", url) from exc


def _read_body(
    response: httpx.Response, options: IngestOptions, deadline: float, url: str
) -> bytes:
    length = response.headers.get("content-length", "").strip()
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if length.isdigit() and int(length) > options.max_bytes:
        raise IngestError(f"response larger than the {options.max_bytes} byte limit", url)

    def raw() -> Iterator[bytes]:
        received = 0
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > options.max_bytes:
                raise IngestError(f"response larger than the {options.max_bytes} byte limit", url)
            if time.monotonic() > deadline:
                raise IngestError(f"timed out after {options.timeout:g}s", url)
            yield chunk

    body = bytearray()
    for piece in _inflate(raw(), encoding, options.max_bytes, url):
        body += piece
        if len(body) > options.max_bytes:
            raise IngestError(
                f"response larger than the {options.max_bytes} byte limit once decompressed", url
            )
        if time.monotonic() > deadline:
            raise IngestError(f"timed out after {options.timeout:g}s", url)
    return bytes(body)


def fetch(
    url: str, options: IngestOptions = DEFAULT_OPTIONS, *, headers: Mapping[str, str] | None = None
) -> FetchResult:
    """GET a URL safely (see the module docstring). 304 gives ``not_modified=True``; 429 and
    503 raise :class:`RetryLater`; other errors raise IngestError naming the URL."""
    deadline = time.monotonic() + options.timeout
    timeout = httpx.Timeout(options.timeout, connect=min(options.timeout, MAX_CONNECT_TIMEOUT))
    request_headers = {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
        "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
        **dict(headers or {}),
    }
    seen: set[str] = set()
    current = url
    try:
        with httpx.Client(
            transport=_GuardedTransport(options.allow_private, deadline),
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
        ) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                try:
                    check_url(current, allow_private=options.allow_private)
                except IngestError as exc:
                    if current == url:
                        raise
                    raise IngestError(f"redirected to {current}: {exc.message}", url) from exc
                seen.add(current)
                with client.stream("GET", current, headers=request_headers) as response:
                    status = response.status_code
                    location = response.headers.get("location")
                    if status in (301, 302, 303, 307, 308) and location:
                        nxt = urljoin(current, location.strip())
                        if nxt in seen:
                            raise IngestError(f"redirect loop at {nxt}", url)
                        current = nxt
                        continue
                    result_headers = {k.lower(): v for k, v in response.headers.items()}
                    if status == 304:
                        return FetchResult(url, current, status, result_headers, b"", True)
                    if status in (429, 503):
                        wait = _retry_after(response.headers.get("retry-after"))
                        said = f", retry after {wait:g}s" if wait is not None else ""
                        raise RetryLater(f"HTTP {status}{said}", url, retry_after=wait)
                    if status >= 400:
                        raise IngestError(f"HTTP {status} {response.reason_phrase}".strip(), url)
                    content = _read_body(response, options, deadline, url)
                    return FetchResult(url, current, status, result_headers, content, False)
            raise IngestError(f"too many redirects (more than {MAX_REDIRECTS})", url)
    except IngestError as exc:
        if exc.subject != url:
            raise IngestError(exc.message, url) from exc
        raise
    except httpx.TimeoutException as exc:
        raise IngestError(f"timed out after {options.timeout:g}s", url) from exc
    except (httpx.HTTPError, httpcore.NetworkError, OSError) as exc:
        raise IngestError(f"fetch failed ({type(exc).__name__})", url) from exc
