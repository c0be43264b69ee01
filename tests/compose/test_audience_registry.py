"""Audience profiles and the composer registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_article, request_for

from backstory.compose import available_composers, compose, get_composer, load_audience
from backstory.compose.audience import TermMatcher
from backstory.errors import ComposeError


def test_load_audience_packaged_uk() -> None:
    uk = load_audience("uk")
    assert uk.key == "uk" and uk.name == "the UK"
    assert uk.heading("impact") == "Impact for the UK"
    assert uk.heading("near_term") == "Near term (0–4 weeks)"
    assert "Bank of England" in uk.glossary
    assert set(uk.subparts) == {"consumers", "business", "policy"}


def test_load_audience_second_profile_us() -> None:
    us = load_audience("us")
    assert us.heading("impact") == "Impact for the US"
    assert "Federal Reserve" in us.glossary


def test_load_audience_from_file(tmp_path: Path) -> None:
    (tmp_path / "ie-glossary.yaml").write_text("Dáil: The lower house of the Irish parliament.\n")
    path = tmp_path / "ie.yaml"
    path.write_text(
        "key: ie\nname: Ireland\nregion_terms: [Ireland, Dublin]\ndemonyms: [Irish]\n"
        "currency: [euro, '€']\nsubparts:\n  consumers: [households, prices]\n"
        "headings:\n  impact: Impact for Irish readers\nglossary: ie-glossary.yaml\n",
        encoding="utf-8",
    )
    ie = load_audience(str(path))
    assert ie.key == "ie"
    assert ie.heading("impact") == "Impact for Irish readers"
    assert ie.heading("timeline") == "Timeline: how we got here"  # spec default
    assert ie.glossary == {"Dáil": "The lower house of the Irish parliament."}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("key: x\n", "needs 'key' and 'name'"),
        ("- a\n- b\n", "must be a YAML mapping"),
        ("key: x\nname: X\nsubparts:\n  weather: [rain]\n", "unknown subparts weather"),
        ("key: x\nname: X\nglossary: missing.yaml\n", "glossary file 'missing.yaml' not found"),
        ("key: [unclosed\n", "not valid YAML"),
    ],
)
def test_load_audience_bad_file_names_it(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ComposeError) as err:
        load_audience(str(path))
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_load_audience_unknown_name() -> None:
    with pytest.raises(ComposeError) as err:
        load_audience("atlantis")
    assert "atlantis" in str(err.value) and "uk" in str(err.value)


def test_term_matcher_case_rules() -> None:
    m = TermMatcher(("UK", "Bank of England", "pounds", "£"))
    assert m.count("The UK and the Bank of England") == 2
    assert m.count("the uk domain and us") == 0  # capitalised terms are case-sensitive
    assert m.count("Prices in POUNDS and £5") == 2  # lower-case terms ignore case
    assert m.count("the Bank of Japan") == 0


def test_registry_lists_and_builds_extractive() -> None:
    assert "extractive" in available_composers()
    assert get_composer("extractive").name == "extractive"


def test_registry_unknown_composer_lists_available() -> None:
    with pytest.raises(ComposeError) as err:
        get_composer("nonesuch")
    assert "nonesuch" in str(err.value) and "extractive" in str(err.value)


def test_registry_reads_entry_points_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    from backstory.compose import registry

    calls: list[str] = []
    plugin = EntryPoint("plugin", "backstory.compose.extractive:ExtractiveComposer", "g")

    def fake_entry_points(*, group: str) -> list[EntryPoint]:
        calls.append(group)
        return [plugin]

    monkeypatch.setattr(registry, "entry_points", fake_entry_points)
    registry._installed.cache_clear()
    try:
        assert available_composers() == ["extractive", "plugin"]
        assert get_composer("plugin").name == "extractive"
        assert available_composers() == ["extractive", "plugin"]
        assert calls == [registry.GROUP]  # read once, then remembered
    finally:
        registry._installed.cache_clear()  # the next test reads the real ones again


def test_us_audience_changes_impact_section() -> None:
    text = (
        "American households face higher grocery prices after the new tariffs, economists said. "
        "British households are unlikely to see prices change, the Bank of England said."
    )
    arts = [make_article(text, "2025-04-03T09:00:00+00:00", outlet="Wire")]
    us = compose(request_for(arts, "2025-04-03T12:00:00+00:00", audience="us"))
    uk = compose(request_for(arts, "2025-04-03T12:00:00+00:00", audience="uk"))
    us_items = [i.text for s in us.section("impact").subsections for i in s.items]
    uk_items = [i.text for s in uk.section("impact").subsections for i in s.items]
    assert us.section("impact").heading == "Impact for the US"
    assert any("American households" in t for t in us_items)
    assert not any("American households" in t for t in uk_items)
    assert any("British households" in t for t in uk_items)
    assert us.audience == "us"


def test_compose_without_sources_is_an_error() -> None:
    from datetime import UTC, datetime

    from backstory.compose import ComposeRequest

    request = ComposeRequest(
        analyses=(), audience=load_audience("uk"), now=datetime.now(UTC), explainer_id="xempty"
    )
    with pytest.raises(ComposeError, match="no sources"):
        compose(request)
