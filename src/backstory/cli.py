"""The ``backstory`` command line: one command per job, thin over the library.

Library code raises typed errors; only this module turns them into one-line messages and
exit codes (0 ok, 1 check found errors, 2 bad input or a source that failed).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from backstory.errors import BackstoryError

app = typer.Typer(
    help="Grounded news explainers: every statement traceable to a source passage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
schema_app = typer.Typer(help="Print published JSON Schemas.", no_args_is_help=True)
site_app = typer.Typer(help="Build the static site.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")
app.add_typer(site_app, name="site")

err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="BACKSTORY_DB", help="Database URL or SQLite path."),
]
NowOption = Annotated[
    str | None,
    typer.Option("--now", help="Reference time (ISO 8601) instead of the clock."),
]


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def report_failures(failures: Iterable[Any]) -> None:
    """One line per source that could not be read, naming it and the reason."""
    for failure in failures:
        err.print(f"[yellow]skipped[/yellow] {_esc(failure.source)}: {_esc(failure.reason)}")


def report_warnings(warnings: Iterable[str]) -> None:
    """One line per repair or doubt that did not stop the run (each names its source)."""
    for warning in warnings:
        err.print(f"[yellow]warning:[/yellow] {_esc(' '.join(warning.split()))}")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 2."""
    try:
        yield
    except BackstoryError as exc:
        report_failures(getattr(exc, "failures", ()))
        fail(_esc(str(exc)))


def parse_now(value: str | None) -> datetime | None:
    """The --now time, or None for "the clock" (the pipeline then decides what to do with a
    source dated after the clock, rather than fail; see backstory.pipeline.page_time)."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        fail(f"--now: not an ISO 8601 date or time: {value!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar on stderr; yields a callback to advance it by one source."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task(label, total=total, current="")

        def advance(source: str) -> None:
            progress.update(task, advance=1, current=Path(source).name[:40])

        yield advance


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    err.print(f"wrote {output}", highlight=False)


FORMATS = ("html", "md", "json")
#: The format each output file extension implies, for -o without -f.
OUTPUT_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
}


def output_format(fmt: str | None, output: Path | None, default: str = "html") -> str:
    """The format to write: -f, else the one -o's extension names, else ``default`` (stdout
    or a file without an extension). -f contradicting the extension, or an extension that
    names no format and no -f, is a one-line error: the file would say one format and hold
    another."""
    if fmt is not None and fmt not in FORMATS:
        fail(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    suffix = output.suffix.lower() if output is not None else ""
    implied = OUTPUT_EXTENSIONS.get(suffix)
    if fmt is None:
        if implied is not None:
            return implied
        if suffix:
            fail(
                f"--output {output}: cannot tell the format from {suffix!r} "
                f"(use .html, .md or .json, or give --format {'|'.join(FORMATS)})"
            )
        return default
    if implied is not None and implied != fmt:
        fail(
            f"--format {fmt} contradicts --output {output} (a {suffix} file is {implied}); "
            "drop --format or rename the file"
        )
    return fmt


@app.command()
def explain(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, URLs or feeds to explain as one story."),
    ] = None,
    story: Annotated[
        str | None, typer.Option("--story", help="Explain a stored story by its id.")
    ] = None,
    audience: Annotated[
        str, typer.Option("--audience", help="Audience profile: a name (uk) or a YAML file.")
    ] = "uk",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, md or json (default: from the --output extension, else html).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (.html, .md or .json)."),
    ] = None,
    now: NowOption = None,
    db: DbOption = None,
    composer: Annotated[
        str, typer.Option("--composer", help="extractive (default, offline), openai, llama-cpp.")
    ] = "extractive",
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad source.")] = False,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Do not write to the database.")
    ] = False,
) -> None:
    """Ingest SOURCES and write a grounded explainer (HTML, Markdown or JSON)."""
    # The page is dated --now (refused when before a source's publication time), else by the
    # clock (see pipeline.page_time). When the stored latest version already covers the same
    # sources, audience and composer, nothing is composed: that version is written again.
    from backstory.ingest import IngestOptions, expand_sources
    from backstory.pipeline import explain_sources, explain_story

    fmt = output_format(fmt, output)
    if not sources and not story:
        fail("give SOURCES to explain, or --story ID")
    reference = parse_now(now)
    with user_errors(), _page_date_errors(now), _open_store(db, no_store) as store:
        if story:
            if store is None:
                fail("--story needs the database (drop --no-store)")
            result = explain_story(
                store, story, audience=audience, now=reference, composer=composer
            )
        else:
            assert sources is not None
            files = expand_sources(sources)
            with progress_bar(len(files), "Reading sources") as advance:
                result = explain_sources(
                    files,
                    store=store,
                    options=IngestOptions(allow_private=allow_private, strict=strict),
                    audience=audience,
                    now=reference,
                    composer=composer,
                    on_progress=advance,
                )
        report_failures(result.failures)
        report_warnings(result.warnings)
        text = _render(result.explainer, result.articles, fmt)
    write_output(text, output)
    summary = (
        f"{len(result.articles)} sources, {sum(1 for _ in result.explainer.items())} cited items"
    )
    if result.stored_version is not None:
        summary += f", stored as {result.explainer.id} v{result.stored_version}"
    if result.unchanged:
        summary += (
            f" (unchanged since version {result.stored_version}: same sources, audience and "
            "composer; not composed again)"
        )
    err.print(summary, highlight=False)
    if result.failures:
        raise typer.Exit(2)


def _esc(text: str) -> str:
    return text.replace("[", r"\[")


@contextmanager
def _page_date_errors(now: str | None) -> Iterator[None]:
    """A page dated before its newest source, worded for the command line: --now is the
    option to change."""
    from backstory.errors import PageDatedBeforeSource

    try:
        yield
    except PageDatedBeforeSource as exc:
        fail(
            _esc(
                f"--now {now} is before {exc.source}, published {exc.published.isoformat()}: "
                "a page cannot be dated before its sources (give a later --now, or leave "
                "that source out)"
            )
        )


def _render(explainer: object, articles: object, fmt: str) -> str:
    from backstory import publish

    if fmt == "json":
        return publish.render_json(explainer)  # type: ignore[arg-type]
    if fmt == "md":
        return publish.render_markdown(explainer)  # type: ignore[arg-type]
    return publish.render_html(explainer, articles)  # type: ignore[arg-type]


@contextmanager
def _open_store(db: str | None, disabled: bool = False, *, readonly: bool = False) -> Iterator[Any]:
    if disabled:
        yield None
        return
    from backstory.store import open_store

    store = open_store(db, readonly=readonly)
    try:
        yield store
    finally:
        store.close()


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs or feeds.")],
    db: DbOption = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad source.")] = False,
) -> None:
    """Read sources into the database without explaining them."""
    from backstory.ingest import IngestOptions, expand_sources
    from backstory.ingest import ingest as run_ingest

    with user_errors(), _open_store(db) as store:
        files = expand_sources(sources)
        with progress_bar(len(files), "Reading sources") as advance:
            result = run_ingest(
                files, IngestOptions(allow_private=allow_private, strict=strict), advance
            )
        stored = store.put_articles(list(result.articles))  # type: ignore[attr-defined]
    report_failures(result.failures)
    report_warnings(result.warnings)
    err.print(
        f"{len(result.articles)} articles read, {len(stored.new)} new, "
        f"{len(stored.edited)} updated, "
        f"{len(result.duplicates)} duplicates dropped, {len(result.failures)} failed",
        highlight=False,
    )
    if result.failures:
        raise typer.Exit(2)


@app.command()
def check(
    page: Annotated[str, typer.Argument(help="An explainer page: HTML, text or backstory JSON.")],
    sources: Annotated[
        list[str] | None,
        typer.Option("--sources", "-s", help="Source files/folders/URLs to check against."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    now: NowOption = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")
    ] = False,
) -> None:
    """Audit an explainer page for temporal, numeric and grounding errors (exit 1 on errors)."""
    from backstory.check import check_page, read_page
    from backstory.ingest import IngestOptions
    from backstory.ingest import ingest as run_ingest

    if fmt not in ("text", "json"):
        fail(f"--format: expected text or json, got {fmt!r}")
    reference = parse_now(now) if now else None
    with user_errors():
        parsed = read_page(page)
        articles = None
        if sources:
            result = run_ingest(sources, IngestOptions(allow_private=allow_private))
            report_failures(result.failures)
            report_warnings(result.warnings)
            articles = list(result.articles)
            if not articles:
                fail("none of the --sources gave a usable article")
        report = check_page(parsed, sources=articles, now=reference)
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(report.render_text() + "\n")
    raise typer.Exit(report.exit_code())


@app.command()
def stories(db: DbOption = None) -> None:
    """List stored stories: id, headline, sources, last update."""
    from rich.table import Table

    with user_errors(), _open_store(db, readonly=True) as store:
        rows = store.stories()  # type: ignore[attr-defined]
    table = Table("id", "headline", "sources", "last update", box=None)
    for row in rows:
        table.add_row(
            row.id, row.headline, str(row.n_sources), row.updated.isoformat(" ", "minutes")
        )
    Console(highlight=False, width=160).print(table)


@app.command()
def versions(
    explainer_id: Annotated[str, typer.Argument(help="Story or explainer id.")],
    db: DbOption = None,
) -> None:
    """List the stored versions of an explainer and what each changed."""
    with user_errors(), _open_store(db, readonly=True) as store:
        rows = store.versions(explainer_id)  # type: ignore[attr-defined]
    if not rows:
        fail(f"{explainer_id}: no stored explainer with this id")
    for row in rows:
        sys.stdout.write(
            f"v{row.version}  {row.created.isoformat(' ', 'seconds')}  "
            f"{row.n_items} items, {row.n_sources} sources  {row.summary}\n"
        )


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="Feed URLs (or feed files) to follow.")],
    interval: Annotated[
        float, typer.Option("--interval", min=1.0, help="Seconds between polls.")
    ] = 900.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    db: DbOption = None,
    audience: Annotated[str, typer.Option("--audience")] = "uk",
    composer: Annotated[str, typer.Option("--composer")] = "extractive",
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")
    ] = False,
) -> None:
    """Follow feeds: store new articles, update stories, store new explainer versions."""
    from backstory.stories.watch import RoundReport, WatchOptions
    from backstory.stories.watch import watch as run_watch

    options = WatchOptions(
        interval=interval, allow_private=allow_private, audience=audience, composer=composer
    )
    failed = False

    def report(r: RoundReport) -> None:
        nonlocal failed
        for poll in r.polls:
            if poll.error:
                failed = True
                err.print(f"[yellow]feed failed[/yellow] {_esc(poll.error)}")
        line = f"{r.new_articles} new articles, {len(r.changed_stories)} stories changed"
        if r.versions:
            line += ", versions: " + ", ".join(f"{s} v{v}" for s, v in r.versions)
        err.print(line, highlight=False)
        for story_id, why in r.skipped:
            err.print(f"[yellow]story not explained[/yellow] {_esc(story_id)}: {_esc(why)}")

    with user_errors(), _open_store(db) as store:
        try:
            run_watch(store, feeds, options, once=once, on_round=report)  # type: ignore[arg-type]
        except KeyboardInterrupt:
            err.print("stopped")
    if once and failed:
        raise typer.Exit(2)


@site_app.command("build")
def site_build(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write.")] = Path("site"),
    db: DbOption = None,
) -> None:
    """Write the static site (home, categories, explainers, sources, feeds, search)."""
    from backstory.publish import build_site

    with user_errors(), _open_store(db, readonly=True) as store:
        written = build_site(store, output)  # type: ignore[arg-type]
    err.print(f"wrote {len(written)} files to {output}", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    db: DbOption = None,
) -> None:
    """Run the web app and JSON API over the database."""
    import uvicorn

    from backstory.publish import create_app

    with user_errors():
        application = create_app(db)
    uvicorn.run(application, host=host, port=port, log_level="info")


@schema_app.command("explainer")
def schema_explainer() -> None:
    """Print the JSON Schema of the explainer JSON."""
    from backstory.models import explainer_schema

    sys.stdout.write(json.dumps(explainer_schema(), indent=2) + "\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
