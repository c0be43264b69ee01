"""Fixtures for store tests: real SQLite files under tmp_path, models built by hand."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_factories import make_article, make_explainer

from backstory.models import Article, Explainer
from backstory.store import Store, open_store


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres: needs a PostgreSQL server (BACKSTORY_TEST_PG_URL)"
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "backstory.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(str(db_path)) as s:
        yield s


@pytest.fixture
def article_factory() -> Callable[..., Article]:
    return make_article


@pytest.fixture
def explainer_factory() -> Callable[..., Explainer]:
    return make_explainer
