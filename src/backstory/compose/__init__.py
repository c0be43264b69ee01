"""Compose: turn analysed articles into a grounded explainer, section by section."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from backstory.compose.audience import AudienceProfile, load_audience
from backstory.compose.base import Composer, ComposeRequest
from backstory.compose.registry import available_composers, get_composer
from backstory.models import Explainer

__all__ = [
    "AudienceProfile",
    "ComposeRequest",
    "Composer",
    "available_composers",
    "compose",
    "explainer_id_for",
    "get_composer",
    "load_audience",
]


def compose(request: ComposeRequest, composer: str = "extractive", **options: Any) -> Explainer:
    """Write the explainer for ``request`` with the named composer (default: extractive)."""
    return get_composer(composer, **options).compose(request)


def explainer_id_for(article_ids: Iterable[str]) -> str:
    """A stable explainer id for a set of sources, used when there is no story id.

    Order-insensitive, so the same sources always give the same id.
    """
    key = "\n".join(sorted(set(article_ids)))
    return "x" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:15]
