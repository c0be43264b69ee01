"""Every bad input gives IngestError with a one-line reason naming the input."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstory.errors import IngestError
from backstory.ingest import IngestOptions, ingest, parse_html, parse_text, read_path


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing.txt", "no such file or directory"),
        ("binary.txt", "undecodable bytes"),
        ("empty.txt", "empty file"),
        ("not_article.html", "no article text found"),
        ("malformed.rss", "malformed feed"),
        ("xxe.rss", "declares XML entities"),
        ("billion_laughs.rss", "declares XML entities"),
        ("table.xyz", "unsupported format '.xyz'"),
    ],
)
def test_bad_file(data: Path, name: str, reason: str) -> None:
    path = data / name
    with pytest.raises(IngestError) as info:
        read_path(path)
    assert info.value.subject == str(path)
    assert reason in info.value.message
    assert str(info.value).startswith(str(path) + ": ")
    assert "\n" not in str(info.value)


def test_bad_sources_reported_and_others_kept(data: Path) -> None:
    names = ["binary.txt", "boe_hold.txt", "not_article.html", "table.xyz", "ftp://x.example/a"]
    result = ingest([str(data / n) if "://" not in n else n for n in names])
    assert [a.outlet for a in result.articles] == ["Northgate Courier"]
    assert [f.source.rsplit("/", 1)[-1] for f in result.failures] == [
        "binary.txt",
        "not_article.html",
        "table.xyz",
        "a",
    ]
    assert "scheme 'ftp'" in result.failures[-1].reason
    assert all("\n" not in f.reason and "Traceback" not in f.reason for f in result.failures)


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Title: Big\n\n" + "word " * 3000)
    with pytest.raises(IngestError, match="larger than the 1000 byte limit"):
        read_path(path, IngestOptions(max_bytes=1000))


def test_no_extension(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("hello")
    with pytest.raises(IngestError, match=r"unsupported format '\(no extension\)'"):
        read_path(path)


def test_header_only_text_has_no_article_text() -> None:
    with pytest.raises(IngestError, match="no article text found"):
        parse_text("Title: Only a title\nOutlet: Nowhere\n", "x.txt")


def test_malformed_json_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"title": "x", "text": ')
    (tmp_path / "b.jsonl").write_text('{"title": "ok", "text": "fine"}\nnot json\n')
    (tmp_path / "c.json").write_text("[" * 100_000)
    (tmp_path / "d.json").write_text("42")
    result = ingest([str(tmp_path)])
    reasons = {Path(f.source).name: f.reason for f in result.failures}
    assert reasons["a.json"].startswith("malformed JSON (document")
    assert reasons["b.jsonl"].startswith("malformed JSON (line 2")
    assert reasons["c.json"].startswith("malformed JSON")
    assert reasons["d.json"] == "JSON is neither an article object nor a list of them"
    assert result.articles == ()


def test_latin1_text_file_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes(
        "Title: Café society\n\nThe café in Zürich reopened on Monday.".encode("cp1252")
    )
    [a] = read_path(path)
    assert a.title == "Café society" and "café in Zürich" in a.text


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Title: Ünïcode\n\nBody text here.".encode("utf-16"))
    [a] = read_path(path)
    assert a.title == "Ünïcode" and a.text == "Body text here."


def test_invisible_and_bidi_characters_stripped_from_title() -> None:
    a = parse_text(
        "Title: Bank\u200b rate\u202e rises\u2066 again\ufeff\n\nThe rate\u200b rose.\r\nAgain.",
        "x.txt",
    )
    assert a.title == "Bank rate rises again"
    assert a.text == "The rate rose.\nAgain."


def test_script_payload_is_text_not_markup() -> None:
    """Titles keep what the source says; escaping is the publisher's job. Extraction must not
    smuggle script bodies into the article text."""
    body = "<p>" + "The minister said the plan would be published next week. " * 6 + "</p>"
    page = (
        "<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Plan</title></head><body>"
        f"<article><script>stealCookies()</script>{body}"
        "<iframe src='https://evil.example'></iframe></article></body></html>"
    )
    a = parse_html(page, url=None, origin="x.html")
    assert "stealCookies" not in a.text and "iframe" not in a.text
    assert a.title == "<script>alert(1)</script> Plan"


def test_deeply_nested_html_is_handled(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 5000 + "Deep text. " * 40 + "</div>" * 5000 + "</body></html>"
    try:
        a = parse_html(page, url=None, origin="deep.html")
    except IngestError as exc:  # a clear refusal is fine; anything else is not
        assert exc.subject == "deep.html"
    else:
        assert "Deep text." in a.text


def test_mixed_encoding_keeps_utf8_and_replaces_stray_byte(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    good = "Title: Zürich café\n\nThe café in Zürich reopened – finally.".encode()
    path.write_bytes(good + b" Stray \x92 quote.")
    [a] = read_path(path)
    assert a.title == "Zürich café"
    assert a.text == "The café in Zürich reopened – finally. Stray \ufffd quote."


@pytest.mark.slow
def test_large_page_under_cap_handled_in_bounded_time(tmp_path: Path) -> None:
    import time

    paragraph = "<p>" + "The committee met again on Tuesday to discuss the budget. " * 8 + "</p>"
    page = "<html><body><article>" + paragraph * 4000 + "</article></body></html>"
    assert 1_500_000 < len(page) < 10 * 1024 * 1024
    path = tmp_path / "large.html"
    path.write_text(page)
    started = time.monotonic()
    try:
        read_path(path)
    except IngestError:
        pass
    assert time.monotonic() - started < 20
