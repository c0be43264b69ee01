"""Composer lookup through the ``backstory.composers`` entry-point group.

The built-in extractive composer is registered in pyproject.toml like any plug-in; it is also
known here directly so that a source checkout that was not re-installed still finds it.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from backstory.compose.base import Composer
from backstory.errors import ComposeError

GROUP = "backstory.composers"
_BUILTIN = {"extractive": "backstory.compose.extractive:ExtractiveComposer"}


def _targets() -> dict[str, str]:
    found = dict(_BUILTIN)
    for ep in entry_points(group=GROUP):
        found[ep.name] = ep.value
    return found


def available_composers() -> list[str]:
    """Names of every installed composer, sorted."""
    return sorted(_targets())


def get_composer(name: str, **options: Any) -> Composer:
    """An instance of the composer called ``name``; unknown names list the available ones."""
    targets = _targets()
    target = targets.get(name)
    if target is None:
        raise ComposeError(
            f"unknown composer (available: {', '.join(sorted(targets))})", subject=name
        )
    module_name, _, attr = target.partition(":")
    try:
        factory = getattr(import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ComposeError(f"composer cannot be loaded ({exc})", subject=name) from exc
    try:
        return factory(**options)
    except TypeError as exc:
        raise ComposeError(f"bad composer options ({exc})", subject=name) from exc
