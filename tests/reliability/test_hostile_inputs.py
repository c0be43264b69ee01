"""Hostile inputs end to end (issue 9, item 2), beyond what tests/ingest already covers:
the hostile corpus in tests/data/hostile/, 50 MB files and a gzip bomb with the real CLI's
peak memory measured, private addresses refused by ``backstory explain``, slow-loris servers
and redirect loops through the CLI, and hostile characters kept verbatim all the way into a
stored explainer's citations.

Every subprocess runs under a deadline (reliability_helpers.run_cli kills it and fails the
test), so nothing here can hang.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from reliability_helpers import (
    HOSTILE,
    HostileHandler,
    assert_clean_failure,
    hostile_server,
    run_cli,
)

from backstory.errors import IngestError
from backstory.ingest import IngestOptions, parse_text, read_path

NO_LINKS = IngestOptions(fetch_feed_links=False)
#: Peak memory allowed above an ordinary one-article ingest. A 50 MB file must be refused
#: from its size alone (it is never read), so its run should cost what a small file costs;
#: 64 MB leaves room for allocator noise and is far below the file's size.
MAX_EXTRA_RSS_MB = 64
#: Characters that must never reach a title: bidi overrides/isolates, zero-width, NUL, ESC.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\x00\x1b]")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- the hostile corpus -----------------------------------------------------------------------


def test_rtl_and_zero_width_characters() -> None:
    [a] = read_path(HOSTILE / "rtl_zero_width.txt")
    assert a.title == "Cease -fire talks resume in Doha"
    assert a.outlet == "Harbour Ledger"
    assert not INVISIBLE.search(a.title + a.outlet)
    # right-to-left letters are content and stay; a right-to-left *override* is not content
    assert "\u05e9\u05dc\u05d5\u05dd" in a.text and "\u0633\u0644\u0627\u0645" in a.text
    assert "\u202e" not in a.text and "\u202c" not in a.text
    assert "ceasefire in Gaza" in a.text


def test_script_style_iframe_payloads_do_not_become_text() -> None:
    [a] = read_path(HOSTILE / "script_payload.html")
    for payload in (
        "alert('body')",
        "alert(3)",
        "alert(4)",
        "alert(5)",
        "alert(7)",
        "alert(8)",
        "document.cookie",
        "169.254.169.254",
        "background:url",
        "evil.swf",
    ):
        assert payload not in a.text, payload
    # text that *talks about* markup is content and is kept, as text
    assert "<script>alert('escaped text')</script> was printed on one protest sign" in a.text
    assert "577 seats" in a.text
    assert a.url is None  # no canonical link given


def test_script_body_inside_heading_not_in_title() -> None:
    [a] = read_path(HOSTILE / "script_payload.html")
    assert "alert" not in a.title


@pytest.mark.parametrize("name", ["quadratic_blowup.rss", "parameter_entity.rss"])
def test_entity_expansion_and_parameter_entities_refused(name: str) -> None:
    with pytest.raises(IngestError, match="declares XML entities"):
        read_path(HOSTILE / name, NO_LINKS)


def test_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    with hostile_server() as server:
        port = server.rsplit(":", 1)[1]
        feed = tmp_path / "ext.rss"
        text = (HOSTILE / "external_dtd.rss").read_text().replace("PORT", port)
        feed.write_text(text)
        try:
            articles = read_path(feed, NO_LINKS)
        except IngestError as exc:  # refusing the DTD outright is also fine
            assert "DTD" in exc.message
        else:
            assert [a.title for a in articles] == ["Rates held"]
        pe = tmp_path / "pe.rss"
        pe.write_text((HOSTILE / "parameter_entity.rss").read_text().replace("PORT", port))
        with pytest.raises(IngestError):
            read_path(pe, NO_LINKS)
        assert HostileHandler.hits == []  # no DTD or entity was requested


def test_xinclude_does_not_read_local_files() -> None:
    [a] = read_path(HOSTILE / "xinclude.atom", NO_LINKS)
    assert "root:" not in a.text and "/bin/" not in a.text
    assert "411 seats" in a.text


def test_mixed_encodings_decode_without_junk() -> None:
    [a] = read_path(HOSTILE / "mixed_encoding.html")
    assert "Zürich" in a.text and "cafés" in a.text
    assert not CONTROLS.search(a.text + a.title)


def test_invalid_utf8_decodes_without_controls() -> None:
    [a] = read_path(HOSTILE / "invalid_utf8.txt")
    assert "cash rate at 4.35% on 6 August 2024" in a.text
    assert not CONTROLS.search(a.text + a.title)


def test_control_characters_and_script_urls_in_records() -> None:
    first, second = read_path(HOSTILE / "controls.jsonl")
    assert not CONTROLS.search(first.title + first.text)
    assert first.url == "https://x.example/gdp"
    assert second.url is None  # javascript: is not a source URL
    assert second.published is None  # "not a date" is dropped, not guessed


@pytest.mark.parametrize(
    "header", ["published: 2024-02-30", "published: 0000-00-00", "updated: 2023-13-01"]
)
def test_impossible_front_matter_date_is_ingest_error_or_ignored(header: str) -> None:
    text = f"---\ntitle: Rates held\n{header}\n---\n\nThe Bank of England held rates at 5.25%."
    try:
        a = parse_text(text, "rates.md")
    except IngestError:
        return
    assert a.published is None and a.updated is None


def test_impossible_front_matter_date_via_cli_is_dropped_not_shifted(tmp_path: Path) -> None:
    """An impossible date is not guessed into a real one: the article is kept undated."""
    path = tmp_path / "rates.md"
    path.write_text("---\ntitle: Rates\npublished: 2024-02-30\n---\n\nThe Bank held rates.\n")
    run = run_cli("ingest", str(path), "--db", str(tmp_path / "x.db"))
    assert run.code == 0 and "Traceback" not in run.stderr, run.stderr
    from backstory.store import open_store

    with open_store(str(tmp_path / "x.db")) as store:
        [article] = store.articles()
    assert article.title == "Rates" and article.published is None


# --- huge and deep files, with the CLI's peak memory measured -----------------------------------


def _write_50mb(path: Path, kind: str) -> None:
    heads = {
        "html": "<html><body><article>",
        "txt": "Title: Endless\n\n",
        "json": '[{"title": "Endless", "text": "',
        "rss": "<rss version='2.0'><channel><title>Big</title><item><description>",
    }
    chunk = "The committee met again on Tuesday to discuss the budget. " * 100
    if kind == "html":
        chunk = f"<p>{chunk}</p>"
    block = (chunk * (1024 * 1024 // len(chunk) + 1)).encode()
    with path.open("wb") as f:
        f.write(heads[kind].encode())
        for _ in range(50):
            f.write(block)


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory: pytest.TempPathFactory) -> float:
    tmp = tmp_path_factory.mktemp("baseline")
    run = run_cli("ingest", str(HOSTILE / "rtl_zero_width.txt"), "--db", str(tmp / "b.db"))
    assert run.code == 0, run.stderr
    return run.max_rss_mb


def test_50mb_files_refused_in_bounded_memory(tmp_path: Path, baseline_rss: float) -> None:
    """One CLI run over four 50 MB files (HTML, text, JSON, RSS): each refused by its size,
    named on its own line, and the process never holds a file in memory."""
    paths = []
    for kind in ("html", "txt", "json", "rss"):
        path = tmp_path / f"big.{kind}"
        _write_50mb(path, kind)
        assert path.stat().st_size >= 50 * 1024 * 1024
        paths.append(path)
    run = run_cli("ingest", *map(str, paths), "--db", str(tmp_path / "x.db"), timeout=60)
    for path in paths:
        assert_clean_failure(run, str(path), "larger than the 10485760 byte limit", max_lines=5)
    assert run.max_rss_mb < baseline_rss + MAX_EXTRA_RSS_MB, (run.max_rss_mb, baseline_rss)


@pytest.mark.slow
def test_deeply_nested_html_under_the_cap(tmp_path: Path, baseline_rss: float) -> None:
    """200,000 nested <div>s (2 MB): a refusal or an article, in bounded time and memory."""
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * 200_000 + "Deep text here. " * 100 + "</div>" * 200_000
    )
    run = run_cli("ingest", str(path), "--db", str(tmp_path / "x.db"), timeout=90)
    assert "Traceback" not in run.stderr
    assert run.code in (0, 2)
    assert run.max_rss_mb < baseline_rss + 512, run.max_rss_mb


# --- network hostiles through the CLI -------------------------------------------------------------


PRIVATE_URLS = [
    ("http://127.0.0.1:9/", "loopback"),
    ("http://localhost:8000/admin", "local or reserved host name"),
    ("http://127.1/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://10.0.0.7/admin", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "metadata"),
    ("http://metadata.google.internal/computeMetadata/v1/", "local or reserved host name"),
    ("http://[fe80::1]/", "link-local"),
]


def test_explain_refuses_private_urls_end_to_end(tmp_path: Path) -> None:
    """One ``backstory explain`` over every private URL (one process keeps this fast):
    exit 2, one line per URL naming it and why, nothing on stdout, nothing stored."""
    urls = [u for u, _ in PRIVATE_URLS]
    db = tmp_path / "x.db"
    run = run_cli("explain", *urls, "--db", str(db), "-f", "json", timeout=60)
    assert run.code == 2 and run.stdout == "", run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr_lines()
    for url, why in PRIVATE_URLS:
        [line] = [x for x in lines if url in x]
        assert "refused URL" in line and why in line, line
    assert len(lines) == len(urls) + 1  # plus the final "none of the sources" error


def test_explain_single_private_url_is_one_line(tmp_path: Path) -> None:
    url = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
    run = run_cli("explain", url, "--no-store", timeout=60)
    assert_clean_failure(run, url, "refused URL", "metadata")


def test_explain_gzip_bomb_refused_in_bounded_memory(tmp_path: Path, baseline_rss: float) -> None:
    with hostile_server() as server:
        url = f"{server}/bomb"
        run = run_cli("explain", url, "--allow-private", "--no-store", timeout=60)
    assert_clean_failure(run, url, "once decompressed")
    assert run.max_rss_mb < baseline_rss + MAX_EXTRA_RSS_MB, run.max_rss_mb


def test_explain_redirect_loop(tmp_path: Path) -> None:
    with hostile_server() as server:
        url = f"{server}/loop-a"
        run = run_cli("explain", url, "--allow-private", "--no-store", timeout=60)
    assert_clean_failure(run, url, "redirect loop")


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [
        "/slow-body",
        "/slow-headers",
        "/silent",
    ],
)
def test_slow_loris_servers_hit_the_deadline(path: str) -> None:
    """The default 10 s deadline covers the whole response, not each read."""
    with hostile_server() as server:
        url = f"{server}{path}"
        run = run_cli("explain", url, "--allow-private", "--no-store", timeout=30)
    assert_clean_failure(run, url, "timed out")
    assert run.seconds < 25, run.seconds


# --- hostile characters survive verbatim into citations ------------------------------------------


def test_hostile_sources_cited_verbatim(tmp_path: Path) -> None:
    """Explain a story whose sources carry bidi, zero-width, markup and mis-encodings; every
    citation of the stored explainer must quote its stored source exactly."""
    from backstory.models import Explainer
    from backstory.store import open_store

    folder = tmp_path / "story"
    folder.mkdir()
    for name in (
        "rtl_zero_width.txt",
        "script_payload.html",
        "mixed_encoding.html",
        "invalid_utf8.txt",
        "controls.jsonl",
    ):
        (folder / name).write_bytes((HOSTILE / name).read_bytes())
    db = tmp_path / "x.db"
    out = tmp_path / "e.json"
    run = run_cli(
        "explain",
        str(folder),
        "--db",
        str(db),
        "-f",
        "json",
        "-o",
        str(out),
        "--now",
        "2024-08-20T12:00:00+00:00",
        timeout=120,
    )
    assert run.code == 0, run.stderr
    explainer = Explainer.model_validate(json.loads(out.read_text()))
    store = open_store(str(db))
    try:
        cited = 0
        for item in explainer.items():
            for c in item.citations:
                article = store.get_article(c.source)
                assert article is not None
                assert article.text[c.start : c.end] == c.quote
                cited += 1
        assert cited > 0
    finally:
        store.close()
