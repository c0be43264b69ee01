"""Documentation that is tested: the README names every command, and the code is lint-clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from backstory.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names: list[str] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names += [f"{name} {sub}" for sub in subcommands]
        else:
            names.append(name)
    return sorted(names)


def test_docs_readme_names_every_cli_command() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [c for c in _commands() if f"backstory {c}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_docs_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```bash", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    assert "backstory explain examples/" in block[0] and "pip install" in block[0]
    assert block[1] == "bash .ci/run"


@pytest.mark.slow
def test_docs_code_is_ruff_clean_and_mypy_clean() -> None:
    bin_dir = Path(sys.executable).parent
    ruff = shutil.which("ruff", path=str(bin_dir)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    for args in (
        ["check", "src", "tests", "bench"],
        ["format", "--check", "src", "tests", "bench"],
    ):
        run = subprocess.run([ruff, *args], cwd=ROOT, capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "src"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout[-3000:]
