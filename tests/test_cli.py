"""The command line as a new user runs it: explain the bundled examples, bad input, schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backstory.cli import app
from backstory.ingest import ingest
from backstory.models import SECTION_KEYS, SUBSECTION_KEYS, Explainer

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
STORIES = {
    "uk-election-2024": "2024-07-25T12:00:00+00:00",
    "crowdstrike-outage-2024": "2024-09-25T12:00:00+00:00",
    "ukraine-peace-talks-2025": "2025-12-23T12:00:00+00:00",
    "bank-of-england-august-2025": "2025-09-21T12:00:00+00:00",
}
runner = CliRunner()


def _explain_json(story: str, tmp_path: Path) -> Explainer:
    out = tmp_path / f"{story}.json"
    result = runner.invoke(
        app,
        [
            "explain",
            str(EXAMPLES / story),
            "-f",
            "json",
            "-o",
            str(out),
            "--now",
            STORIES[story],
            "--db",
            str(tmp_path / "b.db"),
        ],
    )
    assert result.exit_code == 0, result.output
    return Explainer.model_validate_json(out.read_text())


@pytest.mark.parametrize("story", sorted(STORIES))
def test_cli_explain_example_has_every_section_and_verbatim_citations(
    story: str, tmp_path: Path
) -> None:
    explainer = _explain_json(story, tmp_path)
    assert tuple(s.key for s in explainer.sections) == SECTION_KEYS
    for section in explainer.sections:
        assert section.items or section.subsections or section.note, section.key
        if section.key in SUBSECTION_KEYS:
            assert tuple(s.key for s in section.subsections) == SUBSECTION_KEYS[section.key]
        for sub in section.subsections:
            assert sub.items or sub.note, (section.key, sub.key)
    texts = {a.id: a.text for a in ingest([str(EXAMPLES / story)]).articles}
    assert {s.id for s in explainer.sources} == set(texts)
    items = explainer.items()
    assert len(items) >= 20
    for item in items:
        assert item.citations
        for c in item.citations:
            assert texts[c.source][c.start : c.end] == c.quote
    assert explainer.updated >= explainer.published
    # Every source is listed with its outlet, title and date, as the spec's Sources section.
    assert all(s.outlet and s.title and s.published for s in explainer.sources)


def test_cli_explain_writes_html_and_markdown(tmp_path: Path) -> None:
    story = "crowdstrike-outage-2024"
    html_out, md_out = tmp_path / "e.html", tmp_path / "e.md"
    for fmt, out in (("html", html_out), ("md", md_out)):
        result = runner.invoke(
            app,
            [
                "explain",
                str(EXAMPLES / story),
                "-f",
                fmt,
                "-o",
                str(out),
                "--now",
                STORIES[story],
                "--no-store",
            ],
        )
        assert result.exit_code == 0, result.output
    html = html_out.read_text()
    for heading in (
        "What&#39;s happening now",
        "Key takeaways",
        "Timeline: how we got here",
        "Numbers that matter",
        "FAQs",
        "Sources",
    ):
        assert heading in html or heading.replace("&#39;", "'") in html
    assert "<script" not in html.lower()  # the standalone page needs no script
    md = md_out.read_text()
    assert md.index("Key takeaways") < md.index("Timeline") < md.index("Bottom line")


def test_cli_explain_same_sources_twice_stores_one_version(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    story = "bank-of-england-august-2025"
    args = [
        "explain",
        str(EXAMPLES / story),
        "-f",
        "json",
        "-o",
        str(tmp_path / "x.json"),
        "--now",
        STORIES[story],
        "--db",
        db,
    ]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == second.exit_code == 0
    explainer_id = json.loads((tmp_path / "x.json").read_text())["id"]
    listed = runner.invoke(app, ["versions", explainer_id, "--db", db])
    assert listed.exit_code == 0
    assert listed.output.count("\nv") + listed.output.startswith("v") == 1


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d / "missing.html", "no such file"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "junk.html", bytes(range(256)) * 40), ""),
        (
            lambda d: _write(d / "nav.html", b"<html><body><nav>Home | News</nav></body></html>"),
            "no article text",
        ),
        (lambda d: _write(d / "feed.rss", b"<rss><channel><item><title>x</item></rss"), ""),
        (lambda d: _write(d / "notes.xyz", b"hello"), "unsupported format"),
    ],
    ids=["missing", "empty", "binary", "non-article", "malformed-feed", "unknown-format"],
)
def test_cli_bad_source_is_one_line_exit_2_and_others_still_explained(
    tmp_path: Path, make, expected: str
) -> None:
    bad = make(tmp_path)
    out = tmp_path / "out.json"
    result = runner.invoke(
        app,
        [
            "explain",
            str(bad),
            str(EXAMPLES / "crowdstrike-outage-2024"),
            "-f",
            "json",
            "-o",
            str(out),
            "--now",
            STORIES["crowdstrike-outage-2024"],
            "--no-store",
        ],
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and bad.name in skipped[0] and expected in skipped[0].lower()
    assert Explainer.model_validate_json(out.read_text()).sources  # the good sources went on


def test_cli_strict_stops_at_first_bad_source(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "explain",
            str(tmp_path / "missing.txt"),
            str(EXAMPLES / "uk-election-2024"),
            "--strict",
            "--no-store",
            "-o",
            str(tmp_path / "o.html"),
        ],
    )
    assert result.exit_code == 2
    assert "missing.txt" in result.output
    assert not (tmp_path / "o.html").exists()


def test_cli_refused_url_is_reported(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["explain", "http://127.0.0.1:9/article", "--no-store", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "127.0.0.1" in result.output and "Traceback" not in result.output


def test_cli_bad_options_are_one_line_errors(tmp_path: Path) -> None:
    bad_now = runner.invoke(app, ["explain", str(EXAMPLES / "uk-election-2024"), "--now", "soon"])
    assert bad_now.exit_code == 2 and "--now" in bad_now.output
    bad_format = runner.invoke(app, ["explain", "x", "--format", "pdf"])
    assert bad_format.exit_code == 2 and "--format" in bad_format.output
    bad_audience = runner.invoke(
        app,
        [
            "explain",
            str(EXAMPLES / "uk-election-2024"),
            "--audience",
            "martian",
            "--no-store",
            "-o",
            str(tmp_path / "o.html"),
        ],
    )
    assert bad_audience.exit_code == 2 and "martian" in bad_audience.output


def test_cli_schema_explainer_is_the_models_schema() -> None:
    result = runner.invoke(app, ["schema", "explainer"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Explainer"
    assert {"sections", "sources", "version", "created"} <= set(schema["properties"])


def test_cli_console_script_runs_as_installed(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("backstory")
    proc = subprocess.run(
        [
            str(exe),
            "explain",
            str(EXAMPLES / "ukraine-peace-talks-2025"),
            "--now",
            STORIES["ukraine-peace-talks-2025"],
            "-o",
            str(tmp_path / "u.html"),
            "--no-store",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "cited items" in proc.stderr
    assert (tmp_path / "u.html").stat().st_size > 10_000


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_cli_explain_warns_when_sources_are_several_stories(tmp_path: Path) -> None:
    mixed = runner.invoke(
        app,
        [
            "explain",
            str(EXAMPLES / "uk-election-2024"),
            str(EXAMPLES / "crowdstrike-outage-2024"),
            "--no-store",
            "-o",
            str(tmp_path / "m.html"),
        ],
    )
    assert mixed.exit_code == 0
    assert "different stories" in mixed.output
    single = runner.invoke(
        app,
        [
            "explain",
            str(EXAMPLES / "crowdstrike-outage-2024"),
            "--no-store",
            "-o",
            str(tmp_path / "s.html"),
        ],
    )
    assert single.exit_code == 0 and "different stories" not in single.output


def test_cli_watch_once_then_stories_explain_story_and_versions(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    feeds = [str(EXAMPLES / "feeds/crowdstrike.rss"), str(EXAMPLES / "feeds/bank-of-england.atom")]
    watched = runner.invoke(app, ["watch", *feeds, "--once", "--db", db])
    assert watched.exit_code == 0, watched.output
    assert "6 new articles, 2 stories changed" in watched.output
    listed = runner.invoke(app, ["stories", "--db", db])
    assert listed.exit_code == 0
    story_ids = [
        line.split()[0] for line in listed.output.splitlines() if line.strip().startswith("s")
    ]
    assert len(story_ids) == 2
    out = tmp_path / "story.json"
    explained = runner.invoke(
        app, ["explain", "--story", story_ids[0], "--db", db, "-f", "json", "-o", str(out)]
    )
    assert explained.exit_code == 0, explained.output
    explainer = Explainer.model_validate_json(out.read_text())
    assert explainer.story_id == story_ids[0] and len(explainer.sources) == 3
    versions = runner.invoke(app, ["versions", story_ids[0], "--db", db])
    assert versions.exit_code == 0 and versions.output.startswith("v1")
    missing = runner.invoke(app, ["explain", "--story", "snope", "--db", db])
    assert missing.exit_code == 2 and "snope" in missing.output


# --- the page date, the output format, unchanged versions, ingest warnings ---------------


def test_cli_now_before_newest_source_is_one_line_exit_2_nothing_written(tmp_path: Path) -> None:
    """The seed fault: a page dated 26 July 2024 whose sources run to 24 September 2024."""
    out, db = tmp_path / "cs.md", tmp_path / "b.db"
    result = runner.invoke(
        app,
        [
            "explain",
            str(EXAMPLES / "crowdstrike-outage-2024"),
            "--now",
            "2024-07-26T12:00:00+00:00",
            "-f",
            "md",
            "-o",
            str(out),
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line == (
        "error: --now 2024-07-26T12:00:00+00:00 is before "
        f"{EXAMPLES / 'crowdstrike-outage-2024'}/2024-09-24-capitalwire-crowdstrike-congress-"
        "hearing.txt, published 2024-09-24T20:30:00+01:00: a page cannot be dated before its "
        "sources (give a later --now, or leave that source out)"
    )
    assert not out.exists()
    stories = runner.invoke(app, ["stories", "--db", str(db)])
    assert stories.exit_code == 0 and "crowdstrike" not in stories.output.lower()
    from backstory.store import open_store

    store = open_store(str(db))
    try:
        assert store.count_articles() == 0
    finally:
        store.close()


@pytest.mark.parametrize(
    ("name", "starts"),
    [("out.md", "# "), ("out.markdown", "# "), ("out.json", "{"), ("out.HTM", "<!doctype html>")],
)
def test_cli_format_follows_output_extension(tmp_path: Path, name: str, starts: str) -> None:
    out = tmp_path / name
    result = runner.invoke(
        app,
        [
            "explain",
            str(EXAMPLES / "crowdstrike-outage-2024"),
            "--now",
            STORIES["crowdstrike-outage-2024"],
            "-o",
            str(out),
            "--no-store",
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.lstrip().startswith(starts), text[:80]
    if name.endswith(".json"):
        assert Explainer.model_validate_json(text).sources


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["-f", "html", "-o", "{tmp}/x.md"],
            "error: --format html contradicts --output {tmp}/x.md (a .md file is md); "
            "drop --format or rename the file",
        ),
        (
            ["-f", "md", "-o", "{tmp}/x.json"],
            "error: --format md contradicts --output {tmp}/x.json (a .json file is json); "
            "drop --format or rename the file",
        ),
        (
            ["-o", "{tmp}/x.txt"],
            "error: --output {tmp}/x.txt: cannot tell the format from '.txt' (use .html, .md "
            "or .json, or give --format html|md|json)",
        ),
    ],
)
def test_cli_format_contradicting_extension_is_one_line_exit_2(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(
        app, ["explain", str(EXAMPLES / "crowdstrike-outage-2024"), "--no-store", *args]
    )
    assert result.exit_code == 2
    assert result.output.strip() == expected.replace("{tmp}", str(tmp_path))
    assert not any(tmp_path.iterdir())  # nothing written


def test_cli_explicit_format_with_unknown_extension_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "page.txt"
    result = runner.invoke(
        app,
        [
            "explain",
            str(EXAMPLES / "crowdstrike-outage-2024"),
            "--now",
            STORIES["crowdstrike-outage-2024"],
            "-f",
            "md",
            "-o",
            str(out),
            "--no-store",
        ],
    )
    assert result.exit_code == 0 and out.read_text().startswith("# ")


def test_cli_unchanged_sources_say_so_and_rewrite_the_stored_version(tmp_path: Path) -> None:
    db, out = str(tmp_path / "v.db"), tmp_path / "x.json"
    story = "crowdstrike-outage-2024"
    args = ["explain", str(EXAMPLES / story), "-o", str(out), "--db", db]
    first = runner.invoke(app, [*args, "--now", STORIES[story]])
    assert first.exit_code == 0 and "stored as" in first.output
    written = out.read_text()
    out.unlink()
    # a day later: nothing new, so no compose and the stored version 1 is written again
    second = runner.invoke(app, [*args, "--now", "2024-09-26T12:00:00+00:00"])
    assert second.exit_code == 0, second.output
    explainer_id = json.loads(written)["id"]
    assert second.output.strip().splitlines()[-1] == (
        f"7 sources, {len(Explainer.model_validate_json(written).items())} cited items, "
        f"stored as {explainer_id} v1 (unchanged since version 1: same sources, audience and "
        "composer; not composed again)"
    )
    assert out.read_text() == written


def test_cli_prints_ingest_warnings_without_failing(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(EXAMPLES / "crowdstrike-outage-2024", folder)
    bad_date = folder / "2024-09-25-notes.md"
    bad_date.write_text(
        "---\ntitle: CrowdStrike shares recover after apology\npublished: 2024-02-30\n---\n\n"
        "Shares in CrowdStrike rose after the company apologised to US lawmakers for the July "
        "outage. Analysts said investors had been reassured by the changes it had made to the "
        "way it releases updates to its Falcon software.\n"
    )
    expected = f"warning: {bad_date}: published date '2024-02-30' is not a valid date; ignored"
    explained = runner.invoke(
        app,
        [
            "explain",
            str(folder),
            "--now",
            STORIES["crowdstrike-outage-2024"],
            "-o",
            str(tmp_path / "o.html"),
            "--no-store",
        ],
    )
    assert explained.exit_code == 0, explained.output
    assert expected in explained.output.splitlines()
    ingested = runner.invoke(app, ["ingest", str(bad_date), "--db", str(tmp_path / "i.db")])
    assert ingested.exit_code == 0
    assert expected in ingested.output.splitlines()


def test_cli_ingest_of_an_edited_file_updates_the_stored_text(tmp_path: Path) -> None:
    """Re-ingesting a corrected source: counted as updated, not new, and stored corrected."""
    from backstory.store import open_store

    page = tmp_path / "rates.md"
    page.write_text(
        "---\ntitle: Rates held\nurl: https://news.example/rates\n"
        "published: 2025-08-07T12:00:00+01:00\n---\n\n"
        "The Bank of England cut its main rate to 4% on Thursday.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "e.db")
    first = runner.invoke(app, ["ingest", str(page), "--db", db])
    assert "1 articles read, 1 new, 0 updated" in first.output
    page.write_text(page.read_text(encoding="utf-8").replace("4%", "4.00%"), encoding="utf-8")
    second = runner.invoke(app, ["ingest", str(page), "--db", db])
    assert second.exit_code == 0, second.output
    assert "1 articles read, 0 new, 1 updated" in second.output
    with open_store(db) as store:
        (stored,) = store.articles()
        assert "4.00%" in stored.text


def test_cli_bad_embedding_model_folder_is_one_line_exit_2(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BACKSTORY_EMBEDDINGS", str(tmp_path / "no-model"))
    result = runner.invoke(
        app,
        [
            "explain",
            str(EXAMPLES / "uk-election-2024"),
            "--no-store",
            "-o",
            str(tmp_path / "x.html"),
        ],
    )
    assert result.exit_code == 2
    assert "no-model: embedding model folder not found" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.html").exists()
