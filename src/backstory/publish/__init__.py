"""Publish explainers: HTML/Markdown/JSON pages, a static site, feeds and a web app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backstory.publish.render import render_html, render_json, render_markdown

if TYPE_CHECKING:
    from pathlib import Path

    from fastapi import FastAPI

__all__ = ["build_site", "create_app", "render_html", "render_json", "render_markdown"]


def build_site(store: Any, out_dir: Path, **kwargs: Any) -> list[Path]:
    """Write the static site (see :func:`backstory.publish.site.build_site`)."""
    from backstory.publish.site import build_site as _build

    return _build(store, out_dir, **kwargs)


def create_app(store_url: str | None = None, **kwargs: Any) -> FastAPI:
    """The web app (see :func:`backstory.publish.app.create_app`); imported lazily."""
    from backstory.publish.app import create_app as _create

    return _create(store_url, **kwargs)
