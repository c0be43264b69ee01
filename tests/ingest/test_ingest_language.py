"""The language of an article is read from its text, not taken from the page template."""

from __future__ import annotations

import pytest

from backstory.ingest.html import parse_html
from backstory.ingest.language import looks_english, text_language

ENGLISH = (
    "The Bank of England held interest rates at 5.25% on Thursday, and the governor said "
    "that it was too early to talk about cuts while inflation in services stayed high."
)
FRENCH = (
    "Le gouvernement a présenté jeudi son projet de budget pour l'année prochaine, avec des "
    "économies sur les dépenses publiques et une hausse des impôts sur les grandes entreprises."
)
GERMAN = (
    "Die Bundesregierung hat am Mittwoch den Haushalt für das kommende Jahr beschlossen, "
    "der weniger Ausgaben für Verkehr und mehr Geld für die Verteidigung vorsieht."
)
SPANISH = (
    "El gobierno aprobó el martes una subida del salario mínimo, que llegará a los trabajadores "
    "a partir de enero según el acuerdo firmado con los sindicatos en Madrid."
)


@pytest.mark.parametrize(("text", "english"), [(ENGLISH, True), (FRENCH, False), (GERMAN, False)])
def test_function_words_tell_english_apart(text: str, english: bool) -> None:
    assert looks_english(text * 2) is english


def test_too_short_to_tell_keeps_the_declared_language() -> None:
    assert looks_english("Storm warning") is None
    assert text_language("Storm warning", "cy") == "cy"


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es")])
def test_other_languages_are_identified(text: str, code: str) -> None:
    assert text_language(text * 2, "en") == code


def test_page_declaring_english_in_another_language_is_read_as_that_language() -> None:
    page = (
        '<html lang="en"><head><title>Budget</title></head><body><article>'
        f"<p>{SPANISH}</p><p>Los empresarios dijeron que la subida llega en un mal momento para "
        "las pequeñas empresas, que ya pagan más por la energía que hace dos años.</p>"
        "</article></body></html>"
    )
    heard: list[str] = []
    a = parse_html(page, url=None, origin="salario.html", warn=heard.append)
    assert a.language == "es"
    assert heard == ["salario.html: declared language 'en' but the text reads as es"]
