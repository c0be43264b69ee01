"""What changed between two versions of one story's explainer, item by item per section."""

from __future__ import annotations

from collections.abc import Iterator

from backstory.models import Explainer, Item, ItemChange, Section, VersionDiff


def _walk(sections: tuple[Section, ...], prefix: str = "") -> Iterator[tuple[str, Item]]:
    for s in sections:
        path = f"{prefix}{s.key}"
        for item in s.items:
            yield path, item
        yield from _walk(s.subsections, path + ".")


def _key(item: Item) -> str:
    return " ".join(item.text.split()).casefold()


def diff(previous: Explainer, sections: tuple[Section, ...], source_ids: list[str]) -> VersionDiff:
    """Items added, removed or changed (same label, new text) per section since ``previous``."""
    old: dict[str, list[Item]] = {}
    new: dict[str, list[Item]] = {}
    for path, item in _walk(previous.sections):
        old.setdefault(path, []).append(item)
    for path, item in _walk(sections):
        new.setdefault(path, []).append(item)
    changes: list[ItemChange] = []
    for path in [*new, *(p for p in old if p not in new)]:
        before, after = old.get(path, []), new.get(path, [])
        before_keys = {_key(i) for i in before}
        after_keys = {_key(i) for i in after}
        removed = [i for i in before if _key(i) not in after_keys]
        removed_by_label = {i.label: i for i in removed if i.label}
        for item in after:
            if _key(item) in before_keys:
                continue
            was = removed_by_label.pop(item.label, None) if item.label else None
            if was is not None:
                changes.append(
                    ItemChange(section=path, change="changed", text=item.text, previous=was.text)
                )
            else:
                changes.append(ItemChange(section=path, change="added", text=item.text))
        still_removed = {id(i) for i in removed_by_label.values()} | {
            id(i) for i in removed if not i.label
        }
        for item in removed:
            if id(item) in still_removed:
                changes.append(ItemChange(section=path, change="removed", text=item.text))
    old_sources = {s.id for s in previous.sources}
    return VersionDiff(
        previous_version=previous.version,
        items=tuple(changes),
        sources_added=tuple(s for s in source_ids if s not in old_sources),
    )
