"""Site and API security (issue 9, item 3), beyond tests/publish: hostile sources go through
the *real* pipeline (ingest -> compose -> check -> store, via the CLI) and the resulting pages,
live and static, are opened in headless Chromium; headers on every kind of response; token
handling; chunked bodies over the limit; more traversal spellings.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_helpers import ROOT, run_cli

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "s3cret-token-for-tests"
MARK = "__pwned"
# Each payload, if it ever ran, would set window.__pwned or open a dialog.
PAYLOADS = [
    f"<script>window.{MARK}=1</script>",
    f'<img src=x onerror="window.{MARK}=2;alert(2)">',
    f'"><svg onload="window.{MARK}=3">',
    f'\'><iframe src="javascript:window.parent.{MARK}=4"></iframe>',
    f"</title><script>window.{MARK}=5</script>",
    f"</script><script>window.{MARK}=6</script>",
    f"{{{{7*7}}}} ${{window.{MARK}=7}}",
]


def _record(i: int, payload: str) -> dict[str, str]:
    """A JSON source record whose every field carries ``payload`` (own words, real event:
    the UK general election of 4 July 2024)."""
    return {
        "title": f"Labour wins election {payload}",
        "outlet": f"Gazette {i} {payload}",
        "url": f"https://gazette{i}.example/politics/{i}?q=%22%3E%3Cscript%3E{payload[:10]}",
        "published": f"2024-07-0{5 + i % 3}T08:00:00+00:00",
        "text": (
            f"Labour won the general election held on 4 July 2024 with 411 seats, ending 14 "
            f"years of Conservative government. Keir Starmer said {payload} the country had "
            f"voted for change, speaking outside Downing Street on 5 July 2024.\n\n"
            f"The Conservatives fell to 121 seats, their worst result. Turnout was about 60%, "
            f"one of the lowest since 1885, officials said {payload}.\n\n"
            f"\u201cWe will rebuild Britain {payload} brick by brick,\u201d Mr Starmer said."
        ),
    }


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile-site")
    src = tmp / "sources"
    src.mkdir()
    for i, payload in enumerate(PAYLOADS):
        (src / f"record-{i}.json").write_text(json.dumps(_record(i, payload)))
    (src / "script_payload.html").write_bytes(
        (ROOT / "tests" / "data" / "hostile" / "script_payload.html").read_bytes()
    )
    db = tmp / "site.db"
    run = run_cli(
        "explain",
        str(src),
        "--db",
        str(db),
        "-f",
        "json",
        "-o",
        str(tmp / "e.json"),
        "--now",
        "2024-07-10T12:00:00+00:00",
        timeout=120,
    )
    assert run.code == 0, run.stderr
    explainer = json.loads((tmp / "e.json").read_text())
    quotes = [c["quote"] for item in _items(explainer) for c in item["citations"]]
    assert any("<" in q for q in quotes), "no cited quote carries a payload: weak test"
    return db


def _items(explainer: dict) -> list[dict]:
    out = list(explainer.get("standfirst", []))

    def walk(section: dict) -> None:
        out.extend(section.get("items", []))
        for sub in section.get("subsections", []):
            walk(sub)

    for section in explainer["sections"]:
        walk(section)
    return out


@pytest.fixture(scope="module")
def store(hostile_db: Path) -> Iterator[object]:
    from backstory.store import open_store

    s = open_store(str(hostile_db))
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: object) -> object:
    from fastapi.testclient import TestClient

    from backstory.publish import create_app

    return TestClient(create_app(store=store, api_token=TOKEN), raise_server_exceptions=False)


def _ids(store: object) -> tuple[str, list[str]]:
    [e] = store.explainers()  # type: ignore[attr-defined]
    return e.id, [s.id for s in e.sources]


# --- headers on every kind of response ---------------------------------------------------------


def _assert_headers(r: object) -> None:
    h = r.headers  # type: ignore[attr-defined]
    csp = h.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "object-src 'none'" in csp, csp
    assert (
        "frame-ancestors 'none'" in csp
        and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    )
    assert h.get("x-content-type-options") == "nosniff"
    assert h.get("x-frame-options") == "DENY"
    assert h.get("referrer-policy")


def test_security_headers_on_every_kind_of_response(client: object, store: object) -> None:
    eid, sources = _ids(store)
    paths = [
        "/",
        f"/explainers/{eid}",
        f"/explainers/{eid}/versions",
        f"/sources/{sources[0]}",
        "/search?q=%3Cscript%3E",
        "/about",
        "/static/style.css",
        "/feed.xml",
        "/atom.xml",
        f"/api/explainers/{eid}",
        "/api/explainers",
        "/api/stories",
        "/no/such/page",
        "/api/explainers/nope",
        "/search?q=" + "x" * 500,
    ]
    for path in paths:
        r = client.get(path)  # type: ignore[attr-defined]
        assert r.status_code in (200, 404, 422), (path, r.status_code)
        _assert_headers(r)
    r = client.post("/api/explain", json={})  # type: ignore[attr-defined]
    assert r.status_code in (401, 422)  # the body is validated before the token is checked
    _assert_headers(r)


def test_search_reflects_query_escaped(client: object) -> None:
    r = client.get("/search", params={"q": PAYLOADS[1]})  # type: ignore[attr-defined]
    assert r.status_code == 200
    assert "<img src=x onerror" not in r.text
    assert "&lt;img src=x onerror" in r.text or "&lt;img" in r.text


# --- the write API ---------------------------------------------------------------------------


def test_token_compared_in_constant_time() -> None:
    source = (ROOT / "src" / "backstory" / "publish" / "app.py").read_text()
    assert "hmac.compare_digest(" in source
    # and no plain comparison of the token anywhere near it
    assert not re.search(r"(==|!=)\s*token\b|\btoken\s*(==|!=)", source)


@pytest.mark.parametrize(
    "auth",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        f"Bearer {TOKEN[:-1]}",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN.upper()}",
        f"Token {TOKEN}",
        f"Basic {TOKEN}",
        f"Bearer\t{TOKEN[:5]}",
        "Bearer \u00e9\u00e9\u00e9",
    ],
)
def test_write_api_refuses_missing_or_wrong_token(client: object, auth: str | None) -> None:
    body = {"sources": [{"title": "t", "text": "The Bank held rates at 5.25% on 1 May 2024."}]}
    headers = {} if auth is None else {"Authorization": auth.encode()}
    r = client.post("/api/explain", json=body, headers=headers)  # type: ignore[attr-defined]
    assert r.status_code == 401, (auth, r.status_code, r.text)
    assert "error" in r.json()


def test_chunked_body_over_limit_is_413(store: object) -> None:
    """No Content-Length: the limit must hold while the body streams in."""
    from fastapi.testclient import TestClient

    from backstory.publish import create_app

    c = TestClient(
        create_app(store=store, api_token=TOKEN, max_body=64 * 1024), raise_server_exceptions=False
    )

    def chunks() -> Iterator[bytes]:
        yield b'{"sources": [{"title": "x", "text": "'
        for _ in range(200):
            yield b"a" * 1024
        yield b'"}]}'

    r = c.post(
        "/api/explain",
        content=chunks(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert r.status_code == 413, r.text
    r = c.post(
        "/api/explain",
        content=b"{}",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Length": "-1"},
    )
    assert r.status_code in (400, 413)


@pytest.mark.parametrize(
    "path",
    [
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static/..%5c..%5capp.py",
        "/static/%252e%252e%252fapp.py",
        "/static/style.css%00.py",
        "/static/.%2e/app.py",
        "/sources/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/sources/..%252f..%252fetc%252fpasswd",
        "/api/sources/%2e%2e",
        "/api/explainers/..%2f..%2fpyproject.toml",
        "/explainers/%2e%2e%2fapi%2fstories",
        "/explainers/..\\..\\pyproject.toml",
        "//etc/passwd",
        "/static//etc/passwd",
    ],
)
def test_no_path_traversal_more_spellings(client: object, path: str) -> None:
    r = client.get(path)  # type: ignore[attr-defined]
    assert r.status_code in (404, 400, 422), (path, r.status_code)
    assert "root:" not in r.text and "[project]" not in r.text and "import " not in r.text


# --- stored XSS in a real browser -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live(store: object) -> Iterator[str]:
    import uvicorn

    from backstory.publish import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(store=store), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def static_site(
    store: object, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, list[str]]]:
    """The built site over plain HTTP, and every HTML page it wrote."""
    from backstory.publish import build_site

    out = tmp_path_factory.mktemp("static")
    written = build_site(store, out)
    pages = sorted("/" + str(Path(p).relative_to(out)) for p in written if str(p).endswith(".html"))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.RequestHandlerClass.log_message = lambda *a: None  # type: ignore[method-assign]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", pages
    httpd.shutdown()
    httpd.server_close()


def _visit_all(base: str, paths: list[str]) -> tuple[list[str], dict[str, int]]:
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    injected: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()

            def on_dialog(d: object) -> None:
                problems.append(f"dialog: {d.message}")  # type: ignore[attr-defined]
                d.dismiss()  # type: ignore[attr-defined]

            page.on("dialog", on_dialog)
            for path in paths:
                response = page.goto(base + path, wait_until="load", timeout=15_000)
                assert response is not None and response.status == 200, path
                page.wait_for_timeout(150)  # let any onerror/onload fire
                if page.evaluate(f"window.{MARK}") is not None:
                    problems.append(f"{path}: window.{MARK} set")
                n = page.evaluate(
                    "document.querySelectorAll('img[onerror], svg[onload], iframe, "
                    "script:not([src]), [onclick], [onload]').length"
                )
                injected[path] = n
                for link in page.evaluate(
                    "[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
                ):
                    if link.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                        problems.append(f"{path}: dangerous link {link[:60]}")
        finally:
            browser.close()
    return problems, injected


needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
)


@pytest.mark.browser
@needs_chromium
def test_no_stored_xss_live_app(live: str, store: object) -> None:
    eid, sources = _ids(store)
    paths = [
        "/",
        f"/explainers/{eid}",
        f"/explainers/{eid}/versions",
        "/search?q=Labour",
        "/search?q=" + PAYLOADS[0],
    ] + [f"/sources/{s}" for s in sources]
    problems, injected = _visit_all(live, paths)
    assert problems == []
    assert all(n == 0 for n in injected.values()), injected


@pytest.mark.browser
@needs_chromium
def test_no_stored_xss_static_site(static_site: tuple[str, list[str]], store: object) -> None:
    base, pages = static_site
    eid, sources = _ids(store)
    assert any(eid in p for p in pages) and all(any(s in p for p in pages) for s in sources)
    problems, injected = _visit_all(base, pages)
    assert problems == []
    assert all(n == 0 for n in injected.values()), injected
