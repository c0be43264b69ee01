"""Numbered source passages, the chat prompt built from them, and the JSON the model must answer.

The passages are whole source sentences (exact spans, so a kept model sentence can cite them
verbatim), chosen by the extractive composer's ranking: first the sentences the extractive
composer itself cited in the sections the model rewrites, then the story's best-ranked facts,
so the model sees what the default composer judged central and nothing else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backstory.compose.context import Context
from backstory.models import Article, Citation, Explainer

#: Sections the model writes unless told otherwise: the prose-like summary parts. The rest
#: (timeline, numbers, definitions ...) are structured lists the extractive composer does better.
DEFAULT_SECTIONS: tuple[str, ...] = ("standfirst", "now", "takeaways", "bottom_line")
#: Sections a model may be asked to write (the standfirst is a top-level field of Explainer).
WRITABLE_SECTIONS: frozenset[str] = frozenset(
    {"standfirst", "now", "takeaways", "bottom_line", "risks", "impact", "next_steps"}
)
#: Passages shown to the model. 16 sentences is about 700 prompt tokens: small enough for a
#: 4k context with room for the answer, large enough to cover 3-5 takeaways and the newest news.
MAX_PASSAGES = 16
#: Sentences the model is asked for per section (the spec's sizes: now 1-3, takeaways 3-5 ...).
SECTION_SIZES: dict[str, tuple[int, int]] = {
    "standfirst": (1, 2),
    "now": (1, 3),
    "takeaways": (3, 5),
    "bottom_line": (1, 2),
    "risks": (1, 3),
    "impact": (1, 3),
    "next_steps": (1, 3),
}
_GUIDE: dict[str, str] = {
    "standfirst": "a one or two sentence summary of the whole story",
    "now": "the latest developments, from the newest passages",
    "takeaways": "the most important, distinct points of the story",
    "bottom_line": "one short concluding paragraph on what it all means",
    "risks": "what is uncertain, disputed or could go wrong",
    "impact": "who is affected and how",
    "next_steps": "what happens next, with dates the passages give",
}


@dataclass(frozen=True)
class Passage:
    """One numbered source sentence shown to the model."""

    id: int
    citation: Citation
    outlet: str
    published: datetime | None

    @property
    def text(self) -> str:
        return self.citation.quote


@dataclass(frozen=True)
class GeneratedSentence:
    """One sentence of the model's answer with the passage ids it says it rests on."""

    section: str
    text: str
    passages: tuple[int, ...]


def choose_passages(
    ctx: Context, extractive: Explainer, sections: Sequence[str], limit: int = MAX_PASSAGES
) -> tuple[Passage, ...]:
    """Up to ``limit`` passages: the extractive composer's citations in ``sections`` first,
    then the best-ranked eligible facts (each by its best wording), in ranking order."""
    by_source = {a.id: a for a in ctx.articles}
    chosen: list[Citation] = []
    seen: set[tuple[str, int, int]] = set()

    def add(citation: Citation) -> None:
        key = (citation.source, citation.start, citation.end)
        if key not in seen and len(chosen) < limit:
            seen.add(key)
            chosen.append(citation)

    for key in sections:
        items = extractive.standfirst if key == "standfirst" else _section_items(extractive, key)
        for item in items:
            add(item.citations[0])
    for fact in ctx.eligible_facts:
        if len(chosen) >= limit:
            break
        add(ctx.citation(fact.members[0]))
    return tuple(
        Passage(
            id=i + 1,
            citation=c,
            outlet=by_source[c.source].outlet if c.source in by_source else "",
            published=by_source[c.source].published if c.source in by_source else None,
        )
        for i, c in enumerate(chosen)
    )


def _section_items(explainer: Explainer, key: str) -> Iterable[Any]:
    section = explainer.section(key)
    if section is None:
        return ()
    out = list(section.items)
    for sub in section.subsections:
        out.extend(sub.items)
    return out


def _when(moment: datetime | None) -> str:
    return f"{moment.day} {moment:%B %Y}" if moment else "undated"


def build_messages(
    passages: Sequence[Passage], sections: Sequence[str], headline: str, now: datetime
) -> list[dict[str, str]]:
    """The chat messages: rules in the system message, passages and the task in the user's.

    The passages come before the task, so the calls for the sections of one story share a
    prompt prefix that llama.cpp (in-process and server) evaluates only once."""
    system = (
        "You write parts of a news explainer. Use ONLY facts stated in the numbered passages. "
        "Every sentence must list the ids of the passages it rests on. Copy every date, number "
        "and name exactly as a cited passage gives it; write dates in full (e.g. 7 August 2025), "
        "never 'yesterday' or 'on Thursday'. Do not add facts, opinions or advice. "
        "Answer with JSON only."
    )
    lines = [f"Story: {headline}", f"Today is {_when(now)}.", "", "Passages:"]
    for p in passages:
        lines.append(f"[{p.id}] ({p.outlet or 'source'}, {_when(p.published)}) {p.text}")
    if len(sections) == 1:
        # One section per call (the default): a short task a small model can follow.
        key = sections[0]
        lo, hi = SECTION_SIZES.get(key, (1, 3))
        lines += [
            "",
            f"Task: write {lo} to {hi} sentences for the part of the explainer called "
            f'"{key}": {_GUIDE.get(key, key)}.',
            "Each sentence restates one or two passages closely, keeping their words where you "
            "can, and lists the ids of those passages.",
            'Answer as JSON: an object whose list "sentences" holds objects with "text" (your '
            'sentence) and "passages" (the ids it rests on).',
        ]
    else:
        lines += ["", "Write these sections:"]
        for key in sections:
            lo, hi = SECTION_SIZES.get(key, (1, 3))
            lines.append(f'- "{key}": {lo}-{hi} sentences: {_GUIDE.get(key, key)}.')
        lines += [
            "",
            "Each sentence restates one or two passages closely, keeping their words where you "
            "can, and lists the ids of those passages.",
            'Answer as JSON: an object "sections" mapping each section name to a list of '
            'objects with "text" (your sentence) and "passages" (the ids it rests on).',
        ]
    return [{"role": "system", "content": system}, {"role": "user", "content": "\n".join(lines)}]


def answer_schema(sections: Sequence[str], max_passage: int) -> dict[str, Any]:
    """JSON Schema of the answer, for servers' json_schema mode and llama.cpp's grammar."""
    sentence = {
        "type": "object",
        "properties": {
            "text": {"type": "string", "minLength": 1, "maxLength": 400},
            "passages": {
                "type": "array",
                "items": {"type": "integer", "minimum": 1, "maximum": max_passage},
                "minItems": 1,
                "maxItems": 4,
            },
        },
        "required": ["text", "passages"],
        "additionalProperties": False,
    }

    def sentences(key: str) -> dict[str, Any]:
        return {
            "type": "array",
            "items": sentence,
            "minItems": 1,
            "maxItems": SECTION_SIZES.get(key, (1, 3))[1],
        }

    if len(sections) == 1:
        return {
            "type": "object",
            "properties": {"sentences": sentences(sections[0])},
            "required": ["sentences"],
            "additionalProperties": False,
        }
    return {
        "type": "object",
        "properties": {
            "sections": {
                "type": "object",
                "properties": {key: sentences(key) for key in sections},
                "required": list(sections),
                "additionalProperties": False,
            }
        },
        "required": ["sections"],
        "additionalProperties": False,
    }


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def _loads(content: str) -> Any:
    """JSON from a model reply: as is, inside a code fence, or the outermost {...} span."""
    try:
        return json.loads(content, strict=False)
    except json.JSONDecodeError:
        pass
    m = _FENCE.search(content)
    if m:
        try:
            return json.loads(m.group(1), strict=False)
        except json.JSONDecodeError:
            pass
    first, last = content.find("{"), content.rfind("}")
    if 0 <= first < last:
        try:
            return json.loads(content[first : last + 1], strict=False)
        except json.JSONDecodeError:
            pass
    raise ValueError("reply is not JSON")


def parse_answer(content: str, sections: Sequence[str]) -> dict[str, list[GeneratedSentence]]:
    """The sentences per requested section; unknown sections and malformed entries are skipped
    (a missing section simply falls back to the extractive one). Raises ValueError on non-JSON."""
    data = _loads(content)
    if not isinstance(data, Mapping):
        raise ValueError("reply is not a JSON object")
    if len(sections) == 1 and "sentences" in data:
        body: Any = {sections[0]: data["sentences"]}
    else:
        body = data.get("sections", data)
    if not isinstance(body, Mapping):
        raise ValueError("'sections' is not an object")
    out: dict[str, list[GeneratedSentence]] = {}
    for key in sections:
        entries = body.get(key)
        if isinstance(entries, (str, Mapping)):
            entries = [entries]
        if not isinstance(entries, list):
            continue
        got: list[GeneratedSentence] = []
        for entry in entries:
            ids: tuple[int, ...] = ()
            if isinstance(entry, str):
                text: Any = entry
            elif isinstance(entry, Mapping):
                text = entry.get("text", "")
                raw = entry.get("passages", ())
                raw = raw if isinstance(raw, list) else [raw]
                ids = tuple(i for i in (_as_id(x) for x in raw) if i is not None)
            else:
                continue
            if isinstance(text, str) and text.strip():
                got.append(GeneratedSentence(key, " ".join(text.split()), ids))
        out[key] = got
    return out


def _as_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*\[?(\d+)\]?\s*", value)
        return int(m.group(1)) if m else None
    return None


def passage_articles(
    passages: Sequence[Passage], articles: Sequence[Article]
) -> dict[int, Article]:
    """Passage id -> the article it was taken from."""
    by_id = {a.id: a for a in articles}
    return {p.id: by_id[p.citation.source] for p in passages if p.citation.source in by_id}
