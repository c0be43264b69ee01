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


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 2."""
    try:
        yield
    except BackstoryError as exc:
        report_failures(getattr(exc, "failures", ()))
        fail(_esc(str(exc)))


def parse_now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
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
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, md or json.")] = "html",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
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
    from backstory.ingest import IngestOptions, expand_sources
    from backstory.pipeline import explain_sources, explain_story

    if fmt not in FORMATS:
        fail(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if not sources and not story:
        fail("give SOURCES to explain, or --story ID")
    reference = parse_now(now)
    with user_errors(), _open_store(db, no_store) as store:
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
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/yellow] {_esc(warning)}")
        text = _render(result.explainer, result.articles, fmt)
    write_output(text, output)
    summary = (
        f"{len(result.articles)} sources, {sum(1 for _ in result.explainer.items())} cited items"
    )
    if result.stored_version is not None:
        summary += f", stored as {result.explainer.id} v{result.stored_version}"
    err.print(summary, highlight=False)
    if result.failures:
        raise typer.Exit(2)


def _esc(text: str) -> str:
    return text.replace("[", r"\[")


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
        new = store.add_articles(list(result.articles))  # type: ignore[attr-defined]
    report_failures(result.failures)
    err.print(
        f"{len(result.articles)} articles read, {len(new)} new, "
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
