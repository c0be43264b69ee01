"""Figures for "Numbers that matter": parse a figure and draw a small inline SVG bar chart.

Hand-written because the page must ship no JavaScript charting library and no CDN: a
horizontal bar chart of a handful of figures is a few rectangles, and inline SVG with a
<title> and aria-label is accessible and works with scripts off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Words after a number that scale it (as news copy writes them).
_SCALES: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
#: Words that follow a number without saying what it counts ("5 of 9", "3 in 10").
_NOT_UNITS = frozenset("of in on to and or the a an at by for per from than more less".split())
_CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY"}

_FIGURE = re.compile(
    r"(?P<cur>[£$€¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s?(?P<scale>k|mn|m|bn|tn|thousand|million|billion|trillion)?\b"
    r"\s?(?P<unit>%|per ?cent|percentage points?|[a-zA-Z][a-zA-Z-]{1,20})?",
)

#: Chart geometry in SVG user units; the chart scales to its container via viewBox.
CHART_WIDTH = 600
BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 210
VALUE_WIDTH = 90


@dataclass(frozen=True)
class Figure:
    """A number with the unit that makes it comparable to others."""

    value: float
    unit: str
    display: str


def parse_figure(text: str) -> Figure | None:
    """The first figure in ``text`` (e.g. "£1.2bn", "4%", "3,000 jobs"), or None."""
    for match in _FIGURE.finditer(text):
        number = float(match["num"].replace(",", ""))
        scale = _SCALES.get((match["scale"] or "").lower(), 1.0)
        cur = match["cur"]
        raw_unit = (match["unit"] or "").lower()
        if raw_unit in {"%", "per cent", "percent"}:
            unit = "%"
        elif raw_unit.startswith("percentage point"):
            unit = "pp"
        elif cur:
            unit = _CURRENCIES[cur]
        elif raw_unit and raw_unit not in _NOT_UNITS:
            unit = raw_unit.rstrip("s")
        else:
            unit = ""
        if not unit and 1900 <= number <= 2100 and scale == 1.0:
            continue  # a bare year is not a figure worth charting
        display = match.group(0).strip()
        return Figure(value=number * scale, unit=unit, display=display)
    return None


def shared_unit_groups(figures: list[tuple[str, Figure]]) -> list[list[tuple[str, Figure]]]:
    """Groups of two or more figures that share a unit (only these can be compared)."""
    by_unit: dict[str, list[tuple[str, Figure]]] = {}
    for name, fig in figures:
        if fig.unit:
            by_unit.setdefault(fig.unit, []).append((name, fig))
    return [group for group in by_unit.values() if len(group) >= 2]


def _shorten(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart_svg(group: list[tuple[str, Figure]], title: str, chart_id: str) -> Markup:
    """A horizontal bar chart of figures sharing a unit, as accessible inline SVG."""
    top = max((fig.value for _, fig in group), default=0.0) or 1.0
    bar_space = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(group) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    summary = "; ".join(f"{name}: {fig.display}" for name, fig in group)
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(summary)}</desc>',
    ]
    for i, (name, fig) in enumerate(group):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        width = max(2.0, bar_space * max(fig.value, 0.0) / top)
        mid = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text x="0" y="{mid:.0f}" class="chart-label" fill="#1a1a1a" '
            f'font-size="14">{escape(_shorten(name))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="#1d5e8c" rx="2"></rect>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{mid:.0f}" fill="#1a1a1a" '
            f'font-size="14" font-weight="bold">{escape(fig.display)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
