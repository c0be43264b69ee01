"""Composer lookup through the ``backstory.composers`` entry-point group.

The built-in extractive composer is registered in pyproject.toml like any plug-in; it is also
known here directly so that a source checkout that was not re-installed still finds it.

The entry points are read once per process: reading them scans every installed
distribution's metadata (6-7 ms, as long as composing a small story), and a composer is looked
up for every story. A plug-in installed before the process started is seen; one installed
while it runs is seen by the next process.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from backstory.compose.base import Composer
from backstory.errors import ComposeError

GROUP = "backstory.composers"
_BUILTIN = {"extractive": "backstory.compose.extractive:ExtractiveComposer"}


def _targets() -> dict[str, str]:
    """Name -> "module:attribute" of every composer; a fresh dict each call."""
    found = dict(_BUILTIN)
    found.update(_installed())
    return found


@cache
def _installed() -> tuple[tuple[str, str], ...]:
    """(name, target) of the group's entry points, in the order installed metadata lists them
    (a later one with the same name wins, as before)."""
    return tuple((ep.name, ep.value) for ep in entry_points(group=GROUP))


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
