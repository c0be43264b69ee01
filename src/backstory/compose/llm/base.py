"""What the model composers share: extractive first, then model prose for some sections, kept
only where verification and ``backstory check`` pass.

Flow per request: the extractive composer writes the whole explainer (the fallback, and the
ranking that picks the passages); the model gets numbered passages and writes the chosen
sections as JSON; each sentence is verified (verify.py); verified sentences replace the
section's items, citing their passages' exact spans; the page is checked, and any sentence a
new check finding points at is dropped (``check-error``). A section left with no sentence, and
every section when the call fails or times out, keeps its extractive text. ``Provenance`` says
which sections the model wrote, with which model, what was dropped and why, and the tokens and
seconds spent (tokens are 0 for a reply served from the cache: they cost nothing).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backstory.compose.base import ComposeRequest
from backstory.compose.context import Context, utc_naive
from backstory.compose.extractive import ExtractiveComposer
from backstory.compose.llm.cache import ReplyCache, cache_key, default_cache_dir
from backstory.compose.llm.prompt import (
    DEFAULT_SECTIONS,
    MAX_PASSAGES,
    WRITABLE_SECTIONS,
    GeneratedSentence,
    Passage,
    answer_schema,
    build_messages,
    choose_passages,
    parse_answer,
)
from backstory.compose.llm.verify import MIN_OVERLAP, verify_sentence
from backstory.errors import ComposeError
from backstory.models import Citation, DroppedSentence, Explainer, Item, Provenance

#: Finding severities/codes that make a model sentence fail the page check. Warnings other than
#: the unsupported-* ones (e.g. filler-section) concern whole sections, not sentences.
_CHECK_CODES_WARN = frozenset({"unsupported-date", "unsupported-number", "unsupported-name"})
#: Rounds of "check, drop the sentences findings point at, check again".
_CHECK_ROUNDS = 3
#: Sampling: low temperature, since the task is restating passages, not creative writing.
DEFAULT_TEMPERATURE = 0.2
#: Answer budget: 4 sections x up to 5 sentences x ~40 tokens, plus JSON punctuation.
DEFAULT_MAX_TOKENS = 900


@dataclass(frozen=True)
class Completion:
    """A model reply and what it cost."""

    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False


class CallFailed(Exception):
    """The model call failed in a way that should fall back to the extractive sections."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def chat_completion(data: Any) -> Completion:
    """The reply and token counts of an OpenAI-style chat completion (the shape both the
    HTTP servers and llama-cpp-python return)."""
    try:
        content = data["choices"][0]["message"]["content"] or ""
    except (LookupError, TypeError) as exc:
        raise CallFailed("bad-reply: no message in the response") from exc
    usage = data.get("usage") or {}
    return Completion(
        content=content,
        prompt_tokens=int(usage.get("prompt_tokens") or 0),
        completion_tokens=int(usage.get("completion_tokens") or 0),
    )


def parse_sections(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """Sections from an option: "now,takeaways", a list, or None for the default set."""
    if value is None:
        return DEFAULT_SECTIONS
    items = value.split(",") if isinstance(value, str) else list(value)
    keys = tuple(dict.fromkeys(k.strip() for k in items if k and k.strip()))
    bad = [k for k in keys if k not in WRITABLE_SECTIONS]
    if bad or not keys:
        raise ComposeError(
            f"sections a model can write: {', '.join(sorted(WRITABLE_SECTIONS))}",
            subject=",".join(bad) or "sections",
        )
    return keys


class ModelComposer:
    """Base of the model composers; subclasses implement :meth:`model_name` and :meth:`_call`."""

    name = "model"

    def __init__(
        self,
        sections: str | Iterable[str] | None = None,
        cache_dir: str | Path | None = None,
        use_cache: bool = True,
        min_overlap: float = MIN_OVERLAP,
        max_passages: int = MAX_PASSAGES,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        temperature: float = DEFAULT_TEMPERATURE,
        one_call: bool = False,
    ) -> None:
        self.sections = parse_sections(sections)
        directory = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
        self.cache = ReplyCache(directory if use_cache else None)
        self.min_overlap = float(min_overlap)
        self.max_passages = int(max_passages)
        self.max_tokens = int(max_tokens)
        self.temperature = float(temperature)
        # One call per section by default: a small model follows a one-section task far
        # better, a timeout costs one section, and llama.cpp reuses the shared prompt prefix.
        self.one_call = bool(one_call)
        # The text a failed section keeps, ranked the way the extractive composer ranks (its
        # embedding model, if one is configured, is loaded once here, not per story).
        self.extractive = ExtractiveComposer()

    # --- for subclasses ----------------------------------------------------------------------

    def model_name(self) -> str:
        raise NotImplementedError

    def _call(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        """One chat completion; raise CallFailed to fall back, ComposeError to stop."""
        raise NotImplementedError

    # --- the flow ----------------------------------------------------------------------------

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        """:meth:`_call` through the disk cache."""
        model = self.model_name()
        key = cache_key(
            model,
            {
                "messages": messages,
                "schema": schema,
                "temperature": self.temperature,
                "max_tokens": self.max_tokens,
                "composer": self.name,
            },
        )
        hit = self.cache.get(key)
        if hit is not None and isinstance(hit.get("content"), str):
            return Completion(hit["content"], 0, 0, cached=True)
        reply = self._call(messages, schema)
        self.cache.put(
            key,
            {
                "content": reply.content,
                "prompt_tokens": reply.prompt_tokens,
                "completion_tokens": reply.completion_tokens,
            },
        )
        return reply

    def compose(self, request: ComposeRequest) -> Explainer:
        started = time.perf_counter()
        extractive = self.extractive.compose(request)
        ctx = Context(request, self.extractive.encoder)
        passages = choose_passages(ctx, extractive, self.sections, self.max_passages)
        by_id = {p.id: p for p in passages}
        model = self.model_name()
        now = utc_naive(request.now)
        groups = [self.sections] if self.one_call else [(k,) for k in self.sections]
        dropped: list[DroppedSentence] = []
        kept: dict[str, list[GeneratedSentence]] = {}
        tokens = [0, 0]
        for group in groups:
            messages = build_messages(passages, group, extractive.headline, request.now)
            schema = answer_schema(group, max(len(passages), 1))
            try:
                reply = self.complete(messages, schema)
            except CallFailed as exc:  # this group keeps its extractive sections
                dropped.extend(
                    DroppedSentence(section=k, text="", reason=exc.reason) for k in group
                )
                continue
            tokens[0] += reply.prompt_tokens
            tokens[1] += reply.completion_tokens
            try:
                answer = parse_answer(reply.content, group)
            except ValueError as exc:  # the reply was not the JSON asked for
                dropped.extend(
                    DroppedSentence(section=k, text="", reason=f"bad-reply: {exc}") for k in group
                )
                continue
            for key in group:
                for sentence in answer.get(key, ()):
                    verdict = verify_sentence(sentence, by_id, now, self.min_overlap)
                    if verdict.kept:
                        kept.setdefault(key, []).append(sentence)
                        continue
                    reason = str(verdict.reason)
                    if verdict.detail:
                        reason += f": {verdict.detail}"
                    dropped.append(DroppedSentence(section=key, text=sentence.text, reason=reason))
        articles = list(ctx.articles)
        candidate = _assemble(extractive, kept, by_id)
        candidate, check_dropped = _gate(candidate, extractive, kept, by_id, articles, request)
        dropped.extend(check_dropped)
        written = tuple(k for k in self.sections if kept.get(k))
        return candidate.model_copy(
            update={
                "provenance": Provenance(
                    composer=self.name,
                    model=model,
                    model_sections=written,
                    dropped=tuple(dropped),
                    prompt_tokens=tokens[0],
                    completion_tokens=tokens[1],
                    seconds=round(time.perf_counter() - started, 3),
                )
            }
        )


# --- assembling and checking ---------------------------------------------------------------


def _item(sentence: GeneratedSentence, passages: Mapping[int, Passage]) -> Item:
    citations: list[Citation] = []
    for i in dict.fromkeys(sentence.passages):
        citations.append(passages[i].citation)
    return Item(text=sentence.text, citations=tuple(citations), label=None, date=None, score=None)


def _assemble(
    extractive: Explainer,
    kept: Mapping[str, Sequence[GeneratedSentence]],
    passages: Mapping[int, Passage],
) -> Explainer:
    """The extractive explainer with each section that has kept sentences replaced by them."""
    update: dict[str, Any] = {}
    if kept.get("standfirst"):
        update["standfirst"] = tuple(_item(s, passages) for s in kept["standfirst"])
    sections = []
    for section in extractive.sections:
        if kept.get(section.key):
            items = tuple(_item(s, passages) for s in kept[section.key])
            section = section.model_copy(update={"items": items, "subsections": (), "note": None})
        sections.append(section)
    update["sections"] = tuple(sections)
    return extractive.model_copy(update=update)


def _finding_keys(report: Any) -> set[tuple[str, str]]:
    return {(f.code, f.quote) for f in report.findings}


def _counts(finding: Any) -> bool:
    return finding.severity == "error" or finding.code in _CHECK_CODES_WARN


def _gate(
    candidate: Explainer,
    extractive: Explainer,
    kept: dict[str, list[GeneratedSentence]],
    passages: Mapping[int, Passage],
    articles: list[Any],
    request: ComposeRequest,
) -> tuple[Explainer, list[DroppedSentence]]:
    """Drop model sentences that new ``backstory check`` findings point at, until none do."""
    from backstory.check import check_explainer

    dropped: list[DroppedSentence] = []
    if not any(kept.values()):
        return candidate, dropped
    baseline = _finding_keys(
        check_explainer(extractive, articles, request.now, analyses=request.analyses)
    )
    for _ in range(_CHECK_ROUNDS):
        report = check_explainer(candidate, articles, request.now, analyses=request.analyses)
        new = [f for f in report.findings if _counts(f) and (f.code, f.quote) not in baseline]
        if not new:
            break
        hit = False
        for key in list(kept):
            survivors = []
            for sentence in kept[key]:
                blame = next((f for f in new if f.quote and f.quote in sentence.text), None)
                if blame is None:
                    survivors.append(sentence)
                    continue
                hit = True
                dropped.append(
                    DroppedSentence(
                        section=key, text=sentence.text, reason=f"check-error: {blame.code}"
                    )
                )
            kept[key] = survivors
        if not hit:
            break  # findings about extractive text or the page as a whole: not ours to drop
        candidate = _assemble(extractive, kept, passages)
    return candidate, dropped
