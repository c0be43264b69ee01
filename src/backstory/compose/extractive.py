"""The default composer: every section from the sources' own sentences, no model, no network.

Deterministic: the same request gives the same explainer, byte for byte.
"""

from __future__ import annotations

import time

from backstory.compose.base import ComposeRequest
from backstory.compose.consistency import drop_conflicting_figures
from backstory.compose.context import Context
from backstory.compose.diff import diff
from backstory.compose.embeddings import Encoder, encoder_from_env, load_encoder
from backstory.compose.sections import (
    category,
    definitions,
    faqs,
    guidance,
    impact,
    new_vs_known,
    next_steps,
    numbers,
    risks,
    summary,
    timeline,
)
from backstory.errors import ComposeError
from backstory.models import SECTION_KEYS, Explainer, Provenance, Section, SourceRef


class ExtractiveComposer:
    """Ranks the sources' sentences and picks them per section by the spec's rules."""

    name = "extractive"

    def __init__(
        self,
        record_time: bool = False,
        embeddings: str | None = None,
        encoder: Encoder | None = None,
    ) -> None:
        # Off by default: a wall-clock time in the output would break byte-for-byte determinism.
        self.record_time = record_time
        #: sentence embeddings for ranking: an encoder given, else the model folder named by
        #: ``embeddings`` or $BACKSTORY_EMBEDDINGS, else none (TF-IDF alone)
        self.encoder = encoder or (load_encoder(embeddings) if embeddings else encoder_from_env())

    def compose(self, request: ComposeRequest) -> Explainer:
        started = time.perf_counter()
        previous = request.previous
        if previous is not None and request.now < previous.published:
            raise ComposeError(
                "'now' precedes the previous version's publication time",
                subject=request.explainer_id,
            )
        # 1. Flatten, date and rank every sentence once.
        ctx = Context(request, self.encoder)
        # 2. Build each section in page order, so later ones avoid repeating earlier ones;
        #    the numbers' conflicts feed the risks.
        built: dict[str, Section] = {}

        def add(key: str, built_section: Section) -> None:
            built[key] = built_section
            ctx.mark_shown(built_section)

        add("now", summary.now(ctx))
        add("takeaways", summary.takeaways(ctx, exclude=ctx.fact_ids(built["now"])))
        add("timeline", timeline.build(ctx))
        add("new_vs_known", new_vs_known.build(ctx))
        add("impact", impact.build(ctx))
        numbers_section, conflicts = numbers.build(ctx)
        add("numbers", numbers_section)
        add("definitions", definitions.build(ctx))
        add("next_steps", next_steps.build(ctx))
        add("guidance", guidance.build(ctx))
        add("risks", risks.build(ctx, conflicts, exclude=ctx.fact_ids(built["next_steps"])))
        add("bottom_line", summary.bottom_line(ctx))
        built["faqs"] = faqs.build(ctx, built)
        # 3. One figure, one value: drop statements contradicting a figure given earlier.
        sections = drop_conflicting_figures(ctx, tuple(built[key] for key in SECTION_KEYS))
        # 4. Headline, standfirst, category and sources.
        head = summary.headline(ctx)
        sources = tuple(SourceRef.of(a) for a in ctx.articles)
        # 5. Version bookkeeping against the previous explainer of the story.
        changes = diff(previous, sections, [a.id for a in ctx.articles]) if previous else None
        return Explainer(
            id=request.explainer_id,
            story_id=request.story_id,
            version=previous.version + 1 if previous else 1,
            created=request.now,
            published=previous.published if previous else request.now,
            updated=request.now,
            audience=request.audience.key,
            category=category.categorise(ctx),
            headline=head,
            standfirst=summary.standfirst(ctx, head),
            sections=sections,
            sources=sources,
            provenance=Provenance(
                composer=self.name,
                seconds=round(time.perf_counter() - started, 4) if self.record_time else 0.0,
            ),
            changes=changes,
        )
