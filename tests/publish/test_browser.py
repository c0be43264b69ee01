"""The site in headless Chromium (Playwright): navigate, open a citation, follow the timeline.

Skipped when Debian's chromium is not installed (``apt-get install -y chromium``).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backstory.models import Citation, Item, Section, SourceRef

from .conftest import make_explainer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
EID = "boe-rate-cut-august-2025"
XSS = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _hostile(store, articles) -> None:
    """A stored explainer whose every source field carries a script payload."""
    from backstory.models import Article

    text = f"A source said {XSS} in its text. The end."
    evil = Article(
        id="aevil0000000001", title=XSS, text=text, outlet=XSS, url="javascript:alert(3)"
    )
    store.add_articles([evil])
    start = text.index(XSS)
    c = Citation(source=evil.id, quote=XSS, start=start, end=start + len(XSS))
    base = make_explainer(articles, version=1)
    store.save_explainer(
        base.model_copy(
            update={
                "id": "hostile-sources",
                "story_id": None,
                "headline": "Hostile " + XSS,
                "standfirst": (Item(text=XSS, citations=(c,)),),
                "sections": (
                    Section(
                        key="now",
                        heading="What's happening now",
                        items=(Item(text=XSS, citations=(c,), label=XSS),),
                    ),
                ),
                "sources": (
                    SourceRef(id=evil.id, title=XSS, outlet=XSS, url="javascript:alert(3)"),
                ),
            }
        )
    )


@pytest.fixture
def server(store, articles) -> Iterator[str]:
    import uvicorn

    from backstory.publish import create_app

    _hostile(store, articles)
    port = _free_port()
    config = uvicorn.Config(
        create_app(store=store), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.problems = []  # console errors, page errors and dialogs seen on the way
        pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
        pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
        pg.on("response", lambda r: r.status >= 400 and pg.problems.append(f"{r.status}: {r.url}"))

        def on_dialog(d):
            pg.problems.append(f"dialog: {d.message}")
            d.dismiss()

        pg.on("dialog", on_dialog)
        yield pg
        browser.close()


def test_reader_journey(page, server):
    from playwright.sync_api import expect

    OUTPUT.mkdir(exist_ok=True)
    page.goto(server + "/")
    expect(page.locator("h1")).to_have_text("Latest explainers")
    page.screenshot(path=str(OUTPUT / "home.png"))

    # home -> explainer
    page.get_by_role("link", name="Why the Bank of England cut rates to 4%").first.click()
    page.wait_for_url(f"**/explainers/{EID}")
    expect(page.locator("h1")).to_have_text(
        "Why the Bank of England cut rates to 4%, and what it means for you"
    )
    page.screenshot(path=str(OUTPUT / "explainer.png"))

    # a citation marker opens its passage over the page, with the verbatim quote
    marker = page.locator("#takeaways sup.cite-ref a").first
    href = marker.get_attribute("href")
    marker.scroll_into_view_if_needed()
    scroll_before = page.evaluate("window.scrollY")
    marker.click()
    passage = page.locator(href)
    expect(passage).to_be_visible()
    expect(passage).to_be_in_viewport()
    expect(passage.locator("blockquote")).to_contain_text(
        "The Bank of England cut interest rates to 4% on Thursday"
    )
    expect(passage).to_contain_text("The Ledger")
    assert page.evaluate("window.scrollY") == scroll_before  # the reader did not leave the text
    page.screenshot(path=str(OUTPUT / "citation.png"))

    # Escape (the optional script) closes it and returns to the marker
    page.keyboard.press("Escape")
    assert page.evaluate("location.hash") == "#ref-1"

    # the table of contents leads to the timeline; a timeline date is its own anchor
    page.locator("nav.toc a[href='#timeline']").click()
    expect(page.locator("#timeline ol.timeline")).to_be_in_viewport()
    page.locator("#timeline a.tl-date").nth(2).click()
    assert page.evaluate("location.hash") == "#t-3"
    expect(page.locator("#t-3")).to_contain_text("7 August 2025")
    expect(page.locator("#numbers svg[role=img]")).to_have_count(1)

    # "Read in context" opens the source with the passage highlighted
    page.goto(server + f"/explainers/{EID}#cite-4")
    page.locator("#cite-4 a", has_text="Read in context").click()
    expect(page.locator("mark:target")).to_have_text(
        "The Monetary Policy Committee split five votes to four."
    )

    # no-JS still works: the popover is pure CSS
    assert page.problems == []


def test_hostile_sources_do_not_run_script(page, server):
    from playwright.sync_api import expect

    page.goto(server + "/explainers/hostile-sources")
    expect(page.locator("h1")).to_contain_text("<img src=x")
    page.locator("sup.cite-ref a").first.click()
    expect(page.locator("#cite-1 blockquote")).to_contain_text("<script>window.__xss=2</script>")
    page.goto(server + "/sources/aevil0000000001")
    page.goto(server + "/")
    page.goto(server + "/search?q=hostile")
    assert page.evaluate("window.__xss") is None
    assert page.locator("img").count() == 0
    assert [p for p in page.problems if p.startswith(("dialog", "pageerror"))] == []


def test_static_search_page_filters_with_script(store, tmp_path):
    """The built site's search works from its JSON index over plain HTTP."""
    import functools
    import http.server

    from playwright.sync_api import expect, sync_playwright

    from backstory.publish import build_site

    out = tmp_path / "site"
    build_site(store, out)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler_log = handler.func.log_message
    handler.func.log_message = lambda *a, **k: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            pg = browser.new_page()
            errors: list[str] = []
            pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
            pg.goto(f"http://127.0.0.1:{httpd.server_address[1]}/search.html?q=tracker")
            expect(pg.locator("#search-status")).to_contain_text("result")
            expect(pg.locator("#search-results li")).not_to_have_count(0)
            pg.locator("#search-results a").first.click()
            expect(pg.locator("h1")).to_be_visible()
            browser.close()
        assert errors == []
    finally:
        handler.func.log_message = handler_log
        httpd.shutdown()
