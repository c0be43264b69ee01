"""Shared fixtures of the checker tests: the seed page, the hand-written pages and sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backstory.models import Article

DATA = Path(__file__).resolve().parent.parent / "data" / "check"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "welshwave-miami-talks.txt"


def load_sources(name: str) -> list[Article]:
    return [Article(**a) for a in json.loads((DATA / "sources" / name).read_text(encoding="utf-8"))]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("the seed page is not beside this checkout")
    return SEED


@pytest.fixture(scope="session")
def miami_sources() -> list[Article]:
    return load_sources("miami.json")
