"""The data passed between stages: sources in, grounded explainers out.

Every model is an immutable pydantic v2 model so that the JSON Schema published by
``backstory schema explainer`` is the same contract the code is checked against.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: Section keys of the explainer body, in the order of ``shared/explainer-format.md``.
#: ``headline``, ``standfirst`` and ``meta`` are top-level fields of :class:`Explainer`;
#: ``sources`` is its ``sources`` list.
SECTION_KEYS: tuple[str, ...] = (
    "now",
    "takeaways",
    "timeline",
    "new_vs_known",
    "impact",
    "numbers",
    "definitions",
    "next_steps",
    "guidance",
    "risks",
    "bottom_line",
    "faqs",
)

#: Sub-part keys of the sections that have them, in order.
SUBSECTION_KEYS: dict[str, tuple[str, ...]] = {
    "new_vs_known": ("new", "known"),
    "impact": ("consumers", "business", "policy"),
    "next_steps": ("near_term", "medium_term", "signals"),
    "guidance": ("do", "dont", "checklist"),
}

CATEGORIES: tuple[str, ...] = (
    "world",
    "uk",
    "politics",
    "business",
    "technology",
    "science",
    "health",
    "sport",
    "culture",
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def article_id(key: str) -> str:
    """Stable short id of an article from its canonical URL (or text when it has none)."""
    return "a" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:15]


class Article(_Frozen):
    """One news article after extraction: the text every citation's offsets point into."""

    id: str
    title: str
    text: str
    outlet: str = ""
    url: str | None = None
    canonical_url: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str = "en"
    origin: str = Field("", description="Where it was read from: a path, URL or feed URL.")
    summary_only: bool = Field(
        False, description="True when only a feed blurb was available, not the full article."
    )

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("article text is empty")
        return value


class Sentence(_Frozen):
    """A sentence of an article with its character offsets in ``Article.text``."""

    source: str
    index: int
    start: int
    end: int
    text: str


class Citation(_Frozen):
    """A verbatim passage of a source: ``article.text[start:end] == quote``."""

    source: str = Field(description="Id of the source article (see Explainer.sources).")
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _span_matches_quote(self) -> Citation:
        if self.end - self.start != len(self.quote):
            raise ValueError("citation span length does not match its quote")
        return self


class Item(_Frozen):
    """One statement of a section, grounded in at least one citation."""

    text: str
    citations: tuple[Citation, ...] = Field(min_length=1)
    label: str | None = Field(
        None,
        description="Lead of the item: a date on the timeline, a term in definitions, "
        "a question in FAQs, a figure in numbers.",
    )
    date: str | None = Field(
        None, description="TIMEX3 value of the date the item is about (timeline, next steps)."
    )
    score: float | None = Field(None, description="Ranking score, for ordering and debugging.")


class Section(_Frozen):
    """A section of the explainer; ``note`` says plainly when no source gives evidence."""

    key: str
    heading: str
    items: tuple[Item, ...] = ()
    subsections: tuple[Section, ...] = ()
    note: str | None = None


class SourceRef(_Frozen):
    """A source as listed on the explainer."""

    id: str
    title: str
    outlet: str
    url: str | None = None
    published: datetime | None = None
    updated: datetime | None = None

    @classmethod
    def of(cls, article: Article) -> SourceRef:
        return cls(
            id=article.id,
            title=article.title,
            outlet=article.outlet,
            url=article.url,
            published=article.published,
            updated=article.updated,
        )


class DroppedSentence(_Frozen):
    section: str
    text: str
    reason: str


class Provenance(_Frozen):
    """Who wrote what: the composer, any model, and what verification dropped."""

    composer: str = "extractive"
    model: str | None = None
    model_sections: tuple[str, ...] = ()
    dropped: tuple[DroppedSentence, ...] = ()
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0


class ItemChange(_Frozen):
    section: str
    change: Literal["added", "removed", "changed"]
    text: str
    previous: str | None = None


class VersionDiff(_Frozen):
    """What changed since the previous version of the same story's explainer."""

    previous_version: int
    items: tuple[ItemChange, ...] = ()
    sources_added: tuple[str, ...] = ()


class Explainer(_Frozen):
    """A grounded explainer of one story, as one stored version."""

    id: str = Field(description="Id of the explainer; stable across versions of a story.")
    story_id: str | None = None
    version: int = Field(1, ge=1)
    created: datetime = Field(description="When this version was generated.")
    published: datetime = Field(description="When the first version was generated.")
    updated: datetime = Field(description="When this (the latest) version was generated.")
    audience: str = "uk"
    category: str = "world"
    headline: str
    standfirst: tuple[Item, ...] = ()
    sections: tuple[Section, ...]
    sources: tuple[SourceRef, ...]
    provenance: Provenance = Provenance()
    changes: VersionDiff | None = None

    @model_validator(mode="after")
    def _updated_not_before_published(self) -> Explainer:
        if self.updated < self.published:
            raise ValueError("'updated' precedes 'published'")
        return self

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def items(self) -> list[Item]:
        """Every item, sub-sections included, standfirst first."""
        out = list(self.standfirst)

        def walk(section: Section) -> None:
            out.extend(section.items)
            for sub in section.subsections:
                walk(sub)

        for s in self.sections:
            walk(s)
        return out


def explainer_schema() -> dict[str, object]:
    """JSON Schema of :class:`Explainer` (what ``backstory schema explainer`` prints)."""
    schema = Explainer.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://backstory.invalid/schema/explainer.json"
    return schema
