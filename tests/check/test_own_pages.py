"""Our own pages draw no warnings for what the spec asks of them: the "no source discusses ..."
notes of sections without evidence, one grounded point under a sub-heading, and names from the
audience glossary, while padding and borrowed names on other pages are still found."""

from __future__ import annotations

from datetime import UTC, datetime

from backstory.check import check_page, read_page
from backstory.check.rules.glossary import supported_names
from backstory.models import Article

NOW = datetime(2024, 7, 25, 12, 0, tzinfo=UTC)

HEAD = (
    "Hospital computers fail across England\n\n"
    "Published: 2024-07-25 12:00:00 | Category: health\n\n"
    "What's happening now\n\n"
    "  • GP surgeries in Leeds and Bristol went back to paper records on 19 July 2024 after "
    "the supplier's booking system failed.\n\n"
    "Key takeaways\n\n"
    "  • The supplier, Medisoft, said 1,200 surgeries had lost access to patient records.\n\n"
)


def _page(body: str):  # type: ignore[no-untyped-def]
    return read_page("page.txt", data=(HEAD + body).encode())


def _filler(body: str) -> list[str]:
    report = check_page(_page(body), now=NOW)
    return [f.section for f in report.findings if f.code == "filler-section"]


def test_no_evidence_notes_are_not_filler() -> None:
    body = (
        "Impact for the UK\n\n"
        "No source yet discusses the impact on UK businesses or jobs. "
        "No source yet discusses policy or regulation in the UK.\n\n"
        "How to think about the next steps\n\n"
        "No source names anything expected in the near term. "
        "No source names anything expected in the medium term.\n\n"
        "Practical guidance\n\n"
        "The sources give no practical advice. The sources give no checklist of steps.\n"
    )
    assert _filler(body) == []


def test_one_grounded_point_naming_the_story_is_not_filler() -> None:
    body = (
        "What's new\n\n  • Medisoft said the outage at surgeries in Leeds was over.\n\n"
        "Background\n\n  • Medisoft has supplied surgeries in Leeds and Bristol since 2015.\n\n"
        "Signals to watch\n\n"
        "  • Medisoft has said it will compensate the surgeries in Leeds, which argue that "
        "the contract caps nothing.\n"
    )
    assert "Signals to watch" not in _filler(body)


def test_padding_is_still_filler_one_sentence_or_two() -> None:
    body = (
        "Impact for the UK\n\n"
        "Events of this kind have wide implications for households across the country, and "
        "people should keep an eye on developments as the situation evolves.\n\n"
        "Practical guidance\n\n"
        "No source gives any advice. Readers should stay informed about developments and "
        "their wider implications for them and their families in the months ahead.\n"
    )
    assert {"Impact for the UK", "Practical guidance"} <= set(_filler(body))


def _source(text: str) -> Article:
    return Article(
        id="s1",
        title="Surgeries hit by outage",
        text=text,
        outlet="Test Outlet",
        published=datetime(2024, 7, 20, 9, 0, tzinfo=UTC),
    )


def _unsupported_names(body: str, source_text: str) -> list[str]:
    report = check_page(_page(body), sources=[_source(source_text)], now=NOW)
    return [f.quote for f in report.findings if f.code == "unsupported-name"]


SOURCE = (
    "GP surgeries in Leeds and Bristol went back to paper records on 19 July 2024 after the "
    "booking system failed. The supplier, Medisoft, said 1,200 surgeries had lost access to "
    "patient records. NHS England said patients should attend appointments as normal."
)


def test_glossary_expansion_of_a_term_the_sources_use_is_supported() -> None:
    body = (
        "Definitions and jargon buster\n\n"
        "  • NHS: National Health Service, the publicly funded health system of the UK.\n"
    )
    assert "National Health Service" not in _unsupported_names(body, SOURCE)


def test_glossary_name_of_a_term_the_sources_never_use_is_still_unsupported() -> None:
    body = (
        "Definitions and jargon buster\n\n"
        "  • Medisoft is a member of the North Atlantic Treaty Organization supply network.\n"
    )
    assert "North Atlantic Treaty Organization" in _unsupported_names(body, SOURCE)


def test_supported_names_need_the_term_as_a_whole_word() -> None:
    glossary = {"UN": "United Nations, the international organisation of states."}
    assert supported_names("the un said", glossary) != frozenset()
    assert supported_names("an unusual outage", glossary) == frozenset()
