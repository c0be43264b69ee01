"""Audience profiles: who an explainer is written for, read from a YAML file.

A profile names the region, its people, institutions and currency (used to find sentences about
that audience for the impact section), the words that put a sentence in each impact sub-part,
the section headings, and a glossary. ``uk`` ships in the package; any other audience is a file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from backstory.errors import ComposeError

#: Default headings, from ``shared/explainer-format.md``; a profile's ``headings`` override them.
DEFAULT_HEADINGS: Mapping[str, str] = MappingProxyType(
    {
        "now": "What's happening now",
        "takeaways": "Key takeaways",
        "timeline": "Timeline: how we got here",
        "new_vs_known": "What's new vs what's known",
        "new": "New today/this week",
        "known": "What was already established",
        "impact": "Impact for {name}",
        "consumers": "Consumers and households",
        "business": "Businesses and jobs",
        "policy": "Policy and regulation",
        "numbers": "Numbers that matter",
        "definitions": "Definitions and jargon buster",
        "next_steps": "How to think about the next steps",
        "near_term": "Near term (0–4 weeks)",
        "medium_term": "Medium term (1–6 months)",
        "signals": "Signals to watch",
        "guidance": "Practical guidance",
        "do": "Do",
        "dont": "Don't",
        "checklist": "Checklist",
        "risks": "Risks, caveats, and uncertainties",
        "bottom_line": "Bottom line",
        "faqs": "FAQs",
    }
)

_SUBPART_KEYS = ("consumers", "business", "policy")
_PACKAGE = "backstory.audiences"


@dataclass(frozen=True)
class AudienceProfile:
    """Who the explainer is for; every field is plain data read from the profile file."""

    key: str
    name: str
    region_terms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    currency: tuple[str, ...] = ()
    subparts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    headings: Mapping[str, str] = field(default_factory=dict)
    glossary: Mapping[str, str] = field(default_factory=dict)

    def heading(self, key: str) -> str:
        """The heading of a section or sub-section key, the profile's or the spec default."""
        text = self.headings.get(key) or DEFAULT_HEADINGS.get(key, key.replace("_", " ").title())
        return text.replace("{name}", self.name)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every word that marks a sentence as being about this audience."""
        return self.region_terms + self.demonyms + self.institutions + self.currency

    @cached_property
    def audience_pattern(self) -> re.Pattern[str] | None:
        return _word_pattern(self.terms)

    @cached_property
    def subpart_patterns(self) -> dict[str, re.Pattern[str] | None]:
        return {k: _word_pattern(v) for k, v in self.subparts.items()}

    @cached_property
    def audience_matcher(self) -> TermMatcher:
        return TermMatcher(self.terms)

    @cached_property
    def subpart_matchers(self) -> dict[str, TermMatcher]:
        return {k: TermMatcher(v) for k, v in self.subparts.items()}

    def __hash__(self) -> int:  # mappings are not hashable; the key identifies a profile
        return hash(self.key)


_TOKEN = re.compile(r"\w+(?:[’'.]\w+)*|[£$€¥]")


class TermMatcher:
    """Counts a profile's words in a text by token look-up, which is many times faster than one
    big alternation regex over every sentence of every source.

    Capitalised words ("UK", "Britain") match case-sensitively, lower-case ones ignore case;
    multi-word entries match as token sequences.
    """

    def __init__(self, words: tuple[str, ...]) -> None:
        self._first: dict[str, list[tuple[str, ...]]] = {}
        self._folded: dict[str, list[tuple[str, ...]]] = {}
        for w in words:
            tokens = tuple(_TOKEN.findall(w))
            if not tokens:
                continue
            if w[0].isupper():
                self._first.setdefault(tokens[0], []).append(tokens)
            else:
                folded = tuple(t.lower() for t in tokens)
                self._folded.setdefault(folded[0], []).append(folded)

    def count(self, text: str) -> int:
        tokens = _TOKEN.findall(text)
        lowered = [t.lower() for t in tokens]
        hits = 0
        for i, (tok, low) in enumerate(zip(tokens, lowered, strict=True)):
            for seq in self._first.get(tok, ()):
                if tuple(tokens[i : i + len(seq)]) == seq:
                    hits += 1
                    break
            else:
                for seq in self._folded.get(low, ()):
                    if tuple(lowered[i : i + len(seq)]) == seq:
                        hits += 1
                        break
        return hits


def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching any of ``words`` as whole words (or symbols such as "£").

    Capitalised words ("UK", "MPs", "Britain") match case-sensitively so that "us" the pronoun
    or "uk" in a web address never count; lower-case words ("pounds") ignore case.
    """
    alternatives = []
    for w in sorted({w for w in words if w}, key=len, reverse=True):
        esc = re.escape(w)
        if w[0].isalnum():
            esc = r"\b" + esc
        if w[-1].isalnum():
            esc = esc + r"\b"
        alternatives.append(f"(?-i:{esc})" if w[0].isupper() else esc)
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _strings(value: Any, where: str, subject: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ComposeError(f"'{where}' must be a list of words", subject=subject)
    return tuple(str(v) for v in value)


def _read_yaml(text: str, subject: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ComposeError(f"not valid YAML ({exc.__class__.__name__})", subject=subject) from exc


def _load_glossary(value: Any, base: Path | None, subject: str) -> dict[str, str]:
    """A glossary given inline (a mapping) or as a file name beside the profile."""
    if value is None:
        return {}
    if isinstance(value, str):
        if base is not None:
            path = base / value
            if not path.is_file():
                raise ComposeError(f"glossary file {value!r} not found", subject=subject)
            text = path.read_text(encoding="utf-8")
        else:
            try:
                text = resources.files(_PACKAGE).joinpath(value).read_text(encoding="utf-8")
            except (FileNotFoundError, OSError) as exc:
                raise ComposeError(f"glossary file {value!r} not found", subject=subject) from exc
        value = _read_yaml(text, f"{subject}: {value}") or {}
    if not isinstance(value, Mapping):
        raise ComposeError("'glossary' must map terms to definitions", subject=subject)
    return {str(k): str(v).strip() for k, v in value.items() if str(v).strip()}


def profile_from_mapping(data: Any, subject: str, base: Path | None = None) -> AudienceProfile:
    """Build a profile from parsed YAML, raising :class:`ComposeError` naming ``subject``."""
    if not isinstance(data, Mapping):
        raise ComposeError("an audience profile must be a YAML mapping", subject=subject)
    key = str(data.get("key") or "").strip()
    name = str(data.get("name") or "").strip()
    if not key or not name:
        raise ComposeError("an audience profile needs 'key' and 'name'", subject=subject)
    raw_sub = data.get("subparts") or {}
    if not isinstance(raw_sub, Mapping):
        raise ComposeError(
            "'subparts' must map consumers/business/policy to words", subject=subject
        )
    unknown = sorted(set(raw_sub) - set(_SUBPART_KEYS))
    if unknown:
        raise ComposeError(
            f"unknown subparts {', '.join(map(str, unknown))} (use {', '.join(_SUBPART_KEYS)})",
            subject=subject,
        )
    subparts = {k: _strings(raw_sub.get(k), f"subparts.{k}", subject) for k in _SUBPART_KEYS}
    raw_head = data.get("headings") or {}
    if not isinstance(raw_head, Mapping):
        raise ComposeError("'headings' must map section keys to headings", subject=subject)
    return AudienceProfile(
        key=key,
        name=name,
        region_terms=_strings(data.get("region_terms"), "region_terms", subject),
        demonyms=_strings(data.get("demonyms"), "demonyms", subject),
        institutions=_strings(data.get("institutions"), "institutions", subject),
        currency=_strings(data.get("currency"), "currency", subject),
        subparts=MappingProxyType(subparts),
        headings=MappingProxyType({str(k): str(v) for k, v in raw_head.items()}),
        glossary=MappingProxyType(_load_glossary(data.get("glossary"), base, subject)),
    )


def packaged_audiences() -> list[str]:
    """Keys of the profiles shipped in the package (files ``audiences/<key>.yaml``)."""
    names = []
    for entry in resources.files(_PACKAGE).iterdir():
        name = entry.name
        if name.endswith(".yaml") and "glossary" not in name:
            names.append(name[: -len(".yaml")])
    return sorted(names)


def load_audience(name_or_path: str) -> AudienceProfile:
    """``"uk"`` -> the packaged profile; a path to a YAML file -> that profile.

    Raises :class:`ComposeError` naming the input when it is neither. A profile is parsed once
    per file version (path and modification time), since every explain call loads one and the
    YAML parse costs more than analysing an article; a glossary file beside a profile is read
    with it, so edit the profile too (or restart) for a glossary edit to show.
    """
    text = name_or_path.strip()
    path = Path(text).expanduser()
    looks_like_path = text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text
    if looks_like_path or path.is_file():
        if not path.is_file():
            raise ComposeError("audience profile file not found", subject=name_or_path)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError as exc:
            raise ComposeError(
                f"cannot read audience profile ({exc})", subject=name_or_path
            ) from exc
        return _profile_file(str(path.resolve()), stamp, name_or_path)
    key = text.lower()
    if key in packaged_audiences():
        return _packaged_profile(key, _packaged_stamp(key))
    raise ComposeError(
        f"unknown audience (packaged: {', '.join(packaged_audiences())}; or give a YAML file)",
        subject=name_or_path,
    )


def _packaged_stamp(key: str) -> int:
    """Modification time of a packaged profile, or 0 where the package is not on disk."""
    try:
        return os.stat(str(resources.files(_PACKAGE).joinpath(f"{key}.yaml"))).st_mtime_ns
    except OSError:
        return 0


#: Profiles kept parsed: one per audience and file version; a handful in practice.
_PROFILE_CACHE_SIZE = 32


@lru_cache(maxsize=_PROFILE_CACHE_SIZE)
def _profile_file(resolved: str, stamp: int, subject: str) -> AudienceProfile:
    """The profile in file ``resolved`` as of modification time ``stamp`` (part of the cache
    key only); errors name ``subject``, the path as the user gave it."""
    del stamp
    path = Path(resolved)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ComposeError(f"cannot read audience profile ({exc})", subject=subject) from exc
    return profile_from_mapping(_read_yaml(content, subject), subject, path.parent)


@lru_cache(maxsize=_PROFILE_CACHE_SIZE)
def _packaged_profile(key: str, stamp: int) -> AudienceProfile:
    """The packaged profile ``key`` as of modification time ``stamp`` (cache key only)."""
    del stamp
    content = resources.files(_PACKAGE).joinpath(f"{key}.yaml").read_text(encoding="utf-8")
    return profile_from_mapping(_read_yaml(content, key), key)
