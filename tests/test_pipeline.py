"""The pipeline's own rules: a page is never dated before its sources, and an explainer whose
sources have not changed is not composed again."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import backstory.compose
from backstory.errors import PageDatedBeforeSource
from backstory.ingest import ingest
from backstory.models import Article, article_id
from backstory.pipeline import (
    FUTURE_SKEW,
    explain_articles,
    explain_sources,
    explain_story,
    page_time,
)
from backstory.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CROWDSTRIKE = EXAMPLES / "crowdstrike-outage-2024"
NEWEST = CROWDSTRIKE / "2024-09-24-capitalwire-crowdstrike-congress-hearing.txt"
BST = timezone(timedelta(hours=1))
#: The newest CrowdStrike source's header says "Published: 2024-09-24T20:30:00+01:00".
NEWEST_PUBLISHED = datetime(2024, 9, 24, 20, 30, tzinfo=BST)
AFTER_ALL = datetime(2024, 9, 26, 12, tzinfo=UTC)
BODY = (
    "Thousands of passengers faced delays on Friday after a computer fault grounded flights "
    "at several airports. The airline said engineers had restored its check-in systems by the "
    "evening and that most flights would run as normal on Saturday."
)


def _article(published: datetime | None, key: str = "a") -> Article:
    return Article(
        id=article_id(f"https://wire.example/{key}"),
        title=f"Flights delayed {key}",
        text=BODY,
        outlet="Wire",
        url=f"https://wire.example/{key}",
        published=published,
        origin=f"{key}.txt",
    )


# --- 1. the page date ---------------------------------------------------------------------


def test_now_before_newest_source_fails_naming_it_and_stores_nothing(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "b.db"))
    try:
        with pytest.raises(PageDatedBeforeSource) as caught:
            explain_sources(
                [str(CROWDSTRIKE)], store=store, now=datetime(2024, 7, 26, 12, tzinfo=UTC)
            )
        assert store.count_articles() == 0
    finally:
        store.close()
    exc = caught.value
    assert exc.source == str(NEWEST)
    assert exc.published == NEWEST_PUBLISHED
    assert "\n" not in str(exc) and str(exc).startswith(f"{NEWEST}: published 2024-09-24T20:30")


def test_explain_articles_refuses_now_before_a_source() -> None:
    articles = ingest([str(CROWDSTRIKE)]).articles
    # one minute before the newest source is still too early
    with pytest.raises(PageDatedBeforeSource):
        explain_articles(articles, now=NEWEST_PUBLISHED - timedelta(minutes=1))
    explainer = explain_articles(articles, now=NEWEST_PUBLISHED)  # the same instant is fine
    assert explainer.published == NEWEST_PUBLISHED


def test_page_time_with_the_clock_follows_a_slightly_future_source() -> None:
    clock = datetime(2024, 7, 19, 12, tzinfo=UTC)
    ahead = clock + timedelta(minutes=40)  # a feed server's clock 40 minutes fast
    timed = page_time(
        [_article(clock - timedelta(days=1)), _article(ahead, "b")], None, clock=lambda: clock
    )
    assert timed.now == ahead
    assert [a.published for a in timed.articles] == [clock - timedelta(days=1), ahead]
    assert len(timed.warnings) == 1 and timed.warnings[0].startswith("b.txt: published ")


def test_page_time_with_the_clock_treats_a_far_future_date_as_wrong() -> None:
    clock = datetime(2024, 7, 19, 12, tzinfo=UTC)
    wrong = datetime(2034, 7, 19, 12, tzinfo=UTC)  # a bad feed date, ten years ahead
    timed = page_time([_article(clock), _article(wrong, "b")], None, clock=lambda: clock)
    assert timed.now == clock
    assert [a.published for a in timed.articles] == [clock, None]
    assert timed.warnings == (
        "b.txt: published 2034-07-19T12:00:00+00:00, more than 15 hours after this machine's "
        "clock; that date is taken as wrong and the source treated as undated",
    )
    # just inside the tolerance the date is believed
    edge = clock + FUTURE_SKEW
    assert page_time([_article(edge)], None, clock=lambda: clock).now == edge


def test_page_time_given_now_is_kept_and_nothing_changed() -> None:
    now = datetime(2024, 7, 20, tzinfo=UTC)
    articles = [_article(now - timedelta(hours=2)), _article(None, "b")]
    timed = page_time(articles, now)
    assert timed.now == now and timed.articles == tuple(articles) and timed.warnings == ()


def test_clock_run_with_a_future_dated_source_does_not_fail(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(CROWDSTRIKE, folder)
    soon = (datetime.now(UTC) + timedelta(hours=2)).replace(microsecond=0)
    (folder / "skewed.txt").write_text(
        "Title: CrowdStrike says nearly all affected Windows machines are running again\n"
        "Outlet: Harbour Post\nURL: https://harbourpost.example/crowdstrike-recovery\n"
        f"Published: {soon.isoformat()}\n\n"
        "CrowdStrike said on Monday that nearly all of the Windows computers knocked out by "
        "its faulty update were working again. The company said it was still helping a small "
        "number of customers whose machines needed to be repaired by hand.\n"
    )
    result = explain_sources([str(folder)], store=None)
    assert result.explainer.published >= soon  # never dated before any of its sources
    assert any("skewed.txt: published" in w for w in result.warnings)


# --- 3. unchanged sources are not composed again ------------------------------------------


@pytest.fixture
def compose_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = backstory.compose.compose

    def counted(request, composer="extractive", **options):
        calls.append(request.explainer_id)
        return real(request, composer, **options)

    monkeypatch.setattr(backstory.compose, "compose", counted)
    return calls


def test_same_sources_again_are_not_composed(tmp_path: Path, compose_calls: list[str]) -> None:
    store = open_store(str(tmp_path / "b.db"))
    try:
        first = explain_sources([str(CROWDSTRIKE)], store=store, now=AFTER_ALL)
        again = explain_sources([str(CROWDSTRIKE)], store=store, now=AFTER_ALL + timedelta(days=1))
    finally:
        store.close()
    assert len(compose_calls) == 1
    assert (first.unchanged, again.unchanged) == (False, True)
    assert again.stored_version == first.stored_version == 1
    assert again.explainer == first.explainer  # the stored version, as it was


def test_edited_source_text_is_composed_again(tmp_path: Path, compose_calls: list[str]) -> None:
    folder = tmp_path / "story"
    shutil.copytree(CROWDSTRIKE, folder)
    store = open_store(str(tmp_path / "b.db"))
    try:
        first = explain_sources([str(folder)], store=store, now=AFTER_ALL)
        # the same article (same URL, so the same id) with a corrected first sentence
        edited = folder / NEWEST.name
        text = edited.read_text()
        edited.write_text(text.replace("A senior CrowdStrike executive", "A CrowdStrike executive"))
        again = explain_sources([str(folder)], store=store, now=AFTER_ALL)
    finally:
        store.close()
    assert {s.id for s in again.explainer.sources} == {s.id for s in first.explainer.sources}
    assert len(compose_calls) == 2 and not again.unchanged
    assert again.stored_version == 2  # the cited first sentence changed


def test_composer_options_mean_compose_again(tmp_path: Path, compose_calls: list[str]) -> None:
    store = open_store(str(tmp_path / "b.db"))
    try:
        explain_sources([str(CROWDSTRIKE)], store=store, now=AFTER_ALL)
        again = explain_sources(
            [str(CROWDSTRIKE)],
            store=store,
            now=AFTER_ALL,
            composer_options={"record_time": False},
        )
    finally:
        store.close()
    # options are not recorded in a stored explainer, so they cannot be compared beforehand;
    # the result covers the same sources, so the stored version still stands
    assert len(compose_calls) == 2 and again.stored_version == 1


def test_explain_story_unchanged_is_not_composed(tmp_path: Path, compose_calls: list[str]) -> None:
    store = open_store(str(tmp_path / "b.db"))
    try:
        articles = ingest([str(CROWDSTRIKE)]).articles
        store.add_articles(list(articles))
        store.set_story([a.id for a in articles], "s-crowdstrike", "CrowdStrike outage")
        first = explain_story(store, "s-crowdstrike", now=AFTER_ALL)
        again = explain_story(store, "s-crowdstrike", now=AFTER_ALL + timedelta(days=2))
        with pytest.raises(PageDatedBeforeSource):
            explain_story(store, "s-crowdstrike", now=datetime(2024, 8, 1, tzinfo=UTC))
    finally:
        store.close()
    assert compose_calls == ["s-crowdstrike"]
    assert again.unchanged and again.stored_version == first.stored_version == 1
