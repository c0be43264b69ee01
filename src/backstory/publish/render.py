"""Render an explainer as an HTML page, Markdown or JSON, and the site's other pages.

The view model (numbered passages, sections in spec order, figures, timeline dates) is
built here in Python so that the Jinja2 templates stay declarative; every template is
autoescaped and source text only ever reaches them as plain strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from backstory.errors import PublishError
from backstory.models import (
    CATEGORIES,
    SECTION_KEYS,
    Article,
    Citation,
    Explainer,
    Item,
    Section,
    SourceRef,
)
from backstory.publish.charts import bar_chart_svg, parse_figure, shared_unit_groups
from backstory.publish.links import Links, safe_url

SITE_NAME = "backstory"
SITE_TAGLINE = "News explained, every line traced to its source"

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
#: TIMEX3 values the HTML ``datetime`` attribute accepts as they are.
_HTML_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-W\d{2}$")


# ----------------------------------------------------------------------------- formatting


def format_datetime(value: datetime | None) -> str:
    """'22 December 2025, 05:00 UTC': unambiguous for UK and other readers."""
    if value is None:
        return "date unknown"
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}, {value:%H:%M} UTC"


def format_date(value: datetime | None) -> str:
    if value is None:
        return "date unknown"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def iso(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def timex_label(value: str | None) -> str:
    """A TIMEX3 date written at its own precision: day, month, week or year."""
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m and 1 <= int(m[2]) <= 12:
        return f"{int(m[3])} {_MONTHS[int(m[2]) - 1]} {m[1]}"
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and 1 <= int(m[2]) <= 12:
        return f"{_MONTHS[int(m[2]) - 1]} {m[1]}"
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        return f"Week {int(m[2])}, {m[1]}"
    return value


def html_datetime(value: str | None) -> str | None:
    """The TIMEX value when valid as an HTML ``datetime`` attribute, else None."""
    return value if value and _HTML_DATE.match(value) else None


# ----------------------------------------------------------------------------- view model


@dataclass(frozen=True)
class Passage:
    """A cited passage, numbered in order of first appearance on the page."""

    n: int
    source_id: str
    quote: str
    start: int
    end: int
    source: SourceRef | None
    url: str | None


@dataclass(frozen=True)
class ItemView:
    text: str
    label: str | None
    markers: tuple[tuple[int, str | None], ...]
    date: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class SectionView:
    key: str
    heading: str
    kind: str
    items: tuple[ItemView, ...]
    note: str | None
    subsections: tuple[SectionView, ...] = ()
    charts: tuple[Markup, ...] = ()


@dataclass(frozen=True)
class ChangeView:
    section: str
    change: str
    text: str
    previous: str | None


@dataclass(frozen=True)
class VersionView:
    version: int
    created: datetime | None
    current: bool


@dataclass
class _Numbering:
    """Gives each distinct passage one number; the first marker gets an id to return to."""

    by_key: dict[tuple[str, int, int], int] = field(default_factory=dict)
    passages: list[Citation] = field(default_factory=list)

    def number(self, citation: Citation) -> tuple[int, str | None]:
        """The passage's number, and the marker's id when it is the first marker for it."""
        key = (citation.source, citation.start, citation.end)
        if key in self.by_key:
            return self.by_key[key], None
        self.passages.append(citation)
        self.by_key[key] = len(self.passages)
        return self.by_key[key], f"ref-{self.by_key[key]}"


_KINDS = {"timeline": "timeline", "definitions": "dl", "faqs": "dl", "numbers": "numbers"}
_PROSE = {"bottom_line"}


def _section_order(sections: Iterable[Section]) -> list[Section]:
    rank = {key: i for i, key in enumerate(SECTION_KEYS)}
    return sorted(sections, key=lambda s: rank.get(s.key, len(rank)))


def _item_view(item: Item, numbering: _Numbering, anchor: str | None = None) -> ItemView:
    seen: set[int] = set()
    markers = []
    for citation in item.citations:
        n, marker_id = numbering.number(citation)
        if n not in seen:
            seen.add(n)
            markers.append((n, marker_id))
    label = item.label
    return ItemView(
        text=item.text,
        label=label,
        markers=tuple(markers),
        date=html_datetime(item.date),
        anchor=anchor,
    )


def _section_view(section: Section, numbering: _Numbering, parent: str = "") -> SectionView:
    kind = "prose" if section.key in _PROSE else _KINDS.get(section.key, "list")
    if parent:
        kind = _KINDS.get(parent, "list")
    items: list[ItemView] = []
    for i, item in enumerate(section.items, start=1):
        view = _item_view(item, numbering, anchor=f"t-{i}" if kind == "timeline" else None)
        if kind == "timeline" and not view.label:
            view = ItemView(
                view.text, timex_label(item.date) or None, view.markers, view.date, view.anchor
            )
        items.append(view)
    charts: list[Markup] = []
    if kind == "numbers":
        figures = []
        for item in section.items:
            fig = parse_figure(item.label or "")
            if fig is not None:
                figures.append((item.text.rstrip("."), fig))
            elif (fig := parse_figure(item.text)) is not None:
                figures.append((item.label or item.text.rstrip("."), fig))
        for i, group in enumerate(shared_unit_groups(figures), start=1):
            unit = group[0][1].unit
            title = f"{section.heading}: figures in {unit}"
            charts.append(bar_chart_svg(group, title, f"chart-{i}"))
    subs = tuple(_section_view(sub, numbering, parent=section.key) for sub in section.subsections)
    return SectionView(
        key=section.key,
        heading=section.heading,
        kind=kind,
        items=tuple(items),
        note=section.note,
        subsections=subs,
        charts=tuple(charts),
    )


@dataclass(frozen=True)
class ExplainerView:
    explainer: Explainer
    standfirst: tuple[ItemView, ...]
    sections: tuple[SectionView, ...]
    passages: tuple[Passage, ...]
    sources: tuple[SourceRef, ...]
    source_urls: dict[str, str | None]
    changes: tuple[ChangeView, ...]
    sources_added: tuple[SourceRef, ...]
    versions: tuple[VersionView, ...]
    category_known: bool


def _version_views(explainer: Explainer, versions: Sequence[Any] | None) -> tuple[VersionView, ...]:
    out = []
    for info in versions or ():
        number = _field(info, "version")
        if number is None:
            continue
        created = _field(info, "created") or _field(info, "updated")
        out.append(VersionView(int(number), created, int(number) == explainer.version))
    return tuple(sorted(out, key=lambda v: v.version, reverse=True))


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def explainer_view(explainer: Explainer, versions: Sequence[Any] | None = None) -> ExplainerView:
    """Number every cited passage in page order and lay the sections out in spec order."""
    numbering = _Numbering()
    standfirst = tuple(_item_view(item, numbering) for item in explainer.standfirst)
    sections = tuple(_section_view(s, numbering) for s in _section_order(explainer.sections))
    refs = {s.id: s for s in explainer.sources}
    passages = tuple(
        Passage(
            n=i,
            source_id=c.source,
            quote=c.quote,
            start=c.start,
            end=c.end,
            source=refs.get(c.source),
            url=safe_url(refs[c.source].url) if c.source in refs else None,
        )
        for i, c in enumerate(numbering.passages, start=1)
    )
    changes: tuple[ChangeView, ...] = ()
    added: tuple[SourceRef, ...] = ()
    if explainer.changes is not None:
        headings = {s.key: s.heading for s in explainer.sections}
        changes = tuple(
            ChangeView(headings.get(c.section, c.section), c.change, c.text, c.previous)
            for c in explainer.changes.items
        )
        added = tuple(refs[s] for s in explainer.changes.sources_added if s in refs)
    return ExplainerView(
        explainer=explainer,
        standfirst=standfirst,
        sections=sections,
        passages=passages,
        sources=explainer.sources,
        source_urls={s.id: safe_url(s.url) for s in explainer.sources},
        changes=changes,
        sources_added=added,
        versions=_version_views(explainer, versions),
        category_known=explainer.category in CATEGORIES,
    )


# ----------------------------------------------------------------------------- source page


@dataclass(frozen=True)
class Segment:
    """A run of source text; ``mark`` is True for a cited passage."""

    text: str
    mark: bool = False
    ids: tuple[str, ...] = ()


def source_paragraphs(text: str, spans: Iterable[tuple[int, int]]) -> list[list[Segment]]:
    """Split ``text`` into paragraphs with cited spans marked; each span gets id p-START-END.

    Overlapping spans are merged into one <mark>; every span id still exists on the page
    (the first on the mark, the rest on it too as extra anchors), so links never break.
    """
    clean = sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)})
    merged: list[tuple[int, int, list[str]]] = []
    for s, e in clean:
        if merged and s < merged[-1][1]:
            ms, me, ids = merged[-1]
            merged[-1] = (ms, max(me, e), [*ids, f"p-{s}-{e}"])
        else:
            merged.append((s, e, [f"p-{s}-{e}"]))
    paragraphs: list[list[Segment]] = []
    for m in re.finditer(r"[^\n]+", text):
        ps, pe = m.span()
        if not text[ps:pe].strip():
            continue
        segs: list[Segment] = []
        pos = ps
        for s, e, ids in merged:
            if e <= ps or s >= pe:
                continue
            cs, ce = max(s, ps), min(e, pe)
            if cs > pos:
                segs.append(Segment(text[pos:cs]))
            segs.append(Segment(text[cs:ce], mark=True, ids=tuple(ids) if cs == s else ()))
            pos = ce
        if pos < pe:
            segs.append(Segment(text[pos:pe]))
        paragraphs.append(segs)
    return paragraphs


# ----------------------------------------------------------------------------- environment


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared Jinja2 environment (autoescape on for every template, strict undefined)."""
    env = Environment(
        loader=PackageLoader("backstory.publish", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datetime"] = format_datetime
    env.filters["date"] = format_date
    env.filters["iso"] = iso
    env.filters["timex"] = timex_label
    env.filters["safe_url"] = safe_url
    env.globals.update(site_name=SITE_NAME, tagline=SITE_TAGLINE, categories=CATEGORIES)
    return env


@lru_cache(maxsize=4)
def static_text(name: str) -> str:
    """Text of a file under publish/static (the CSS inlined into standalone pages)."""
    return resources.files("backstory.publish").joinpath("static", name).read_text("utf-8")


def render_page(template: str, *, links: Links | None, **context: Any) -> str:
    """Render one site template; ``links=None`` means a standalone page (CSS inlined)."""
    try:
        tmpl = environment().get_template(template)
        context.setdefault("active", "")
        return tmpl.render(
            links=links,
            standalone=links is None,
            inline_css=Markup(static_text("style.css")) if links is None else "",
            **context,
        )
    except PublishError:
        raise
    except Exception as exc:  # a template bug must name the page, not leak a traceback
        raise PublishError(f"could not render page: {exc}", subject=template) from exc


# ----------------------------------------------------------------------------- public API


def render_html(
    explainer: Explainer,
    sources: Sequence[Article] = (),
    *,
    standalone: bool = True,
    versions: Sequence[Any] | None = None,
    links: Links | None = None,
    notice: str | None = None,
) -> str:
    """The explainer page. ``standalone`` inlines the CSS and links nothing on a site.

    ``sources`` (the cited articles) only add outlet details the SourceRefs lack; every
    passage is taken from the citation itself, so the page is complete without them.
    """
    if not standalone and links is None:
        links = Links()
    view = explainer_view(explainer, versions)
    return render_page(
        "explainer.html",
        links=None if standalone else links,
        view=view,
        e=explainer,
        articles={a.id: a for a in sources},
        title=explainer.headline,
        notice=notice or "",
    )


def _md_inline(text: str) -> str:
    """Flatten text to one Markdown line and keep it from turning into markup."""
    flat = " ".join(text.split())
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", flat)


def render_markdown(explainer: Explainer) -> str:
    """Every section in spec order, with a numbered footnote per cited passage."""
    view = explainer_view(explainer)
    e = explainer
    lines = [f"# {_md_inline(e.headline)}", ""]

    def item_line(item: ItemView) -> str:
        marks = "".join(f"[^{n}]" for n, _ in item.markers)
        label = f"**{_md_inline(item.label)}**: " if item.label else ""
        return f"{label}{_md_inline(item.text)}{marks}"

    if view.standfirst:
        lines += [" ".join(item_line(i) for i in view.standfirst), ""]
    lines += [
        f"*Published {format_datetime(e.published)} · {e.category.title()} · "
        f"Last updated {format_datetime(e.updated)} · Version {e.version}*",
        "",
    ]
    if view.changes or view.sources_added:
        lines += ["> **What changed since the last version**", ">"]
        for c in view.changes:
            lines.append(f"> - {c.change.title()} in {_md_inline(c.section)}: {_md_inline(c.text)}")
        for s in view.sources_added:
            lines.append(f"> - New source: {_md_inline(s.outlet)}, {_md_inline(s.title)}")
        lines.append("")

    def section(sv: SectionView, level: int) -> None:
        lines.extend([f"{'#' * level} {_md_inline(sv.heading)}", ""])
        if sv.note:
            lines.extend([f"*{_md_inline(sv.note)}*", ""])
        if sv.kind == "prose":
            lines.extend([item_line(i) for i in sv.items])
        else:
            lines.extend(f"- {item_line(i)}" for i in sv.items)
        if sv.items:
            lines.append("")
        for sub in sv.subsections:
            section(sub, level + 1)

    for sv in view.sections:
        section(sv, 2)
    lines += ["## Sources", ""]
    for i, s in enumerate(view.sources, start=1):
        url = view.source_urls.get(s.id)
        title = f"[{_md_inline(s.title)}]({url})" if url else _md_inline(s.title)
        lines.append(f"{i}. {_md_inline(s.outlet)}: {title}, {format_date(s.published)}")
    lines.append("")
    for p in view.passages:
        outlet = _md_inline(p.source.outlet) if p.source else p.source_id
        date = format_date(p.source.published) if p.source else "date unknown"
        link = f" <{p.url}>" if p.url else ""
        lines.append(f"[^{p.n}]: {outlet}, {date}: “{_md_inline(p.quote)}”{link}")
    return "\n".join(lines).rstrip() + "\n"


def render_json(explainer: Explainer) -> str:
    """The explainer as the published JSON Schema describes it."""
    return explainer.model_dump_json(indent=2)
