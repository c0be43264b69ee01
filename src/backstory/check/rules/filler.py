"""Filler: a section with no specific fact of this story (no name, figure or date of its own).

Hand-written heuristic. The story's pervasive names (those of the title, the audience's own
region, and names spread over many sections) do not make a section specific: "the conflict
has implications for UK households" fits any story about Ukraine. A figure, a calendar date
or a name that belongs to this section does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from backstory.check.context import NO_EVIDENCE_NOTE, Line, PageContext
from backstory.check.names import name_key, names_in
from backstory.check.report import Finding, finding

#: A name found in at least this share of the page's content sections is the story's backdrop
#: (Ukraine and Russia on the seed page are in 11 and 9 of 20), not a specific fact.
PERVASIVE_SECTION_SHARE = 0.3
#: Sections shorter than this many words are labels or one-liners, not filler prose.
MIN_FILLER_WORDS = 12
#: Region and audience names that fit any UK explainer.
_AUDIENCE_NAMES = frozenset(
    name_key(n)
    for n in """UK Britain British England English Scotland Wales Europe European EU US USA
    America American West Western Government Parliament""".split()
)
_QUESTION_SECTION = re.compile(r"^(faqs?|questions)\b", re.I)
#: A section of one sentence is filler only when it names nothing at all: "Delta will seek
#: damages from CrowdStrike" under "Signals to watch" is a point about this story even though
#: both names run through the page; the padded sections of the seed page and of the
#: hand-written bad pages run to two sentences or more, or name nothing.
SINGLE_SENTENCE = 1


# A figure the number extractor may not classify ("Team GB's 65 medals"): digits that are not a
# four-digit year.
_BARE_FIGURE = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)*%?")


def _specific_figure(ctx: PageContext, line: Line) -> bool:
    if any(at is line and (q.unit or re.search(r"\d", q.text)) for at, q in ctx.quantities):
        return True
    return bool(_BARE_FIGURE.search(line.text))


def _specific_date(ctx: PageContext, line: Line) -> bool:
    return any(
        not d.timex.relative and d.timex.type == "DATE" and re.search(r"\d", d.timex.value)
        for d in ctx.dated_in(line)
    )


def _specific(ctx: PageContext, lines: list[Line], pervasive: set[str]) -> bool:
    """Whether a section's lines hold a fact of this story: a figure, a calendar date, a name
    of its own, or (a one-sentence section) any name beyond the audience's."""
    if len(lines) == SINGLE_SENTENCE and any(
        name_key(n) not in _AUDIENCE_NAMES for _, _, n in names_in(lines[0].text)
    ):
        return True
    return any(
        _specific_figure(ctx, line)
        or _specific_date(ctx, line)
        or any(name_key(n) not in pervasive for _, _, n in names_in(line.text))
        for line in lines
    )


def check(ctx: PageContext) -> Iterator[Finding]:
    by_section: dict[str, list[Line]] = {}
    for line in ctx.body_lines:
        if line.section and not NO_EVIDENCE_NOTE.match(line.text):
            by_section.setdefault(line.section, []).append(line)
    if len(by_section) < 3:
        return
    spread: dict[str, set[str]] = {}
    for section, lines in by_section.items():
        for line in lines:
            for _, _, name in names_in(line.text):
                spread.setdefault(name_key(name), set()).add(section)
    pervasive = {
        k for k, secs in spread.items() if len(secs) >= PERVASIVE_SECTION_SHARE * len(by_section)
    }
    pervasive |= {name_key(n) for _, _, n in names_in(ctx.page.title)} | _AUDIENCE_NAMES
    for section, lines in by_section.items():
        if _QUESTION_SECTION.match(section):
            continue
        if sum(len(line.text.split()) for line in lines) < MIN_FILLER_WORDS:
            continue
        if _specific(ctx, lines, pervasive):
            continue
        first, last = lines[0], lines[-1]
        yield finding(
            "filler-section",
            f"section '{section}' has no name, figure or date specific to this story",
            text=ctx.page.text,
            start=first.start,
            end=first.end,
            section=section,
            evidence=f"{len(lines)} sentence(s), {last.end - first.start} characters",
        )
