"""What a composer receives and what it must provide: the plug-in contract for composers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from backstory.compose.audience import AudienceProfile
from backstory.models import Explainer

if TYPE_CHECKING:  # the analyse stage is imported lazily so compose stays cheap to import
    from backstory.analyse import ArticleAnalysis


@dataclass(frozen=True)
class ComposeRequest:
    """Everything a composer needs: analysed sources, who it is for, and the clock."""

    analyses: tuple[ArticleAnalysis, ...]
    audience: AudienceProfile
    now: datetime
    explainer_id: str
    story_id: str | None = None
    previous: Explainer | None = None


@runtime_checkable
class Composer(Protocol):
    """Writes an explainer from a request; registered under ``backstory.composers``."""

    name: str

    def compose(self, request: ComposeRequest) -> Explainer: ...
