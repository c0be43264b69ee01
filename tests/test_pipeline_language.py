"""Sources not in English are left out of the explainer, with a warning naming each one."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backstory.errors import ComposeError
from backstory.pipeline import explain_sources

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bank-of-england-august-2025"
NOW = datetime(2025, 9, 21, 12, tzinfo=UTC)
FRENCH = """Title: La Banque d'Angleterre baisse ses taux
Published: 2025-08-07T13:00:00+01:00

La Banque d'Angleterre a réduit jeudi son taux directeur à 4 %, une décision prise de justesse
par le comité de politique monétaire, qui a dû voter deux fois pour trouver une majorité.

Les marchés s'attendaient à cette baisse, mais le gouverneur a prévenu que les prochaines
réductions seraient plus lentes, car l'inflation reste au-dessus de l'objectif de la banque.
"""


def test_a_french_source_is_left_out_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(EXAMPLE, folder)
    (folder / "2025-08-07-le-courrier-taux.txt").write_text(FRENCH, encoding="utf-8")
    result = explain_sources([str(folder)], store=None, now=NOW)
    french = [a for a in result.articles if a.language == "fr"]
    assert french == []
    assert {s.title for s in result.explainer.sources}.isdisjoint(
        {"La Banque d'Angleterre baisse ses taux"}
    )
    assert [w for w in result.warnings if "not English" in w] == [
        f"{folder / '2025-08-07-le-courrier-taux.txt'}: written in fr, not English; "
        "left out of the explainer"
    ]
    assert len(result.explainer.sources) == len(list(EXAMPLE.iterdir()))


def test_only_foreign_sources_is_one_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "taux.txt"
    source.write_text(FRENCH, encoding="utf-8")
    with pytest.raises(ComposeError, match=r"no source is in English \(fr\)") as failed:
        explain_sources([str(source)], store=None, now=NOW)
    assert str(source) in str(failed.value)
