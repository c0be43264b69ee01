"""Findings of the checker and the report that groups them, as text or JSON.

Finding codes are a stable contract (scripts and the composer's gate match on them):

========================== ========= ====================================================
code                       severity  meaning
========================== ========= ====================================================
updated-before-published   error     "Last updated" is earlier than "Published"
date-in-future             error     published/updated is after the time of checking
impossible-date            error     a date that does not exist ("31 June 2024")
weekday-mismatch           error     a weekday named with a date it does not fall on
duration-mismatch          error     a stated duration/age disagrees with dates on the page
relative-time-mismatch     error     "recent", "this week", "yesterday" ... about an event
                                     the page itself dates too far from the page date
past-tense-future-event    error     an event dated after the page date told as past
timeline-order             error     timeline entries not in date order
quantity-conflict          error     one quantity given two different values on the page
arithmetic-percent         error     "from A to B, a rise of X%" where X is not (B-A)/A
arithmetic-shares          error     shares of one whole that sum to more than 100%
filler-section             warning   a section with no specific fact of this story
unsupported-date           warning   a date no source gives (with sources)
unsupported-number         warning   a number no source gives (with sources)
unsupported-name           warning   a proper name no source mentions (with sources)
date-contradicts-source    error     a source dates the same event differently
citation-not-verbatim      error     a citation's quote is not in its source at its offsets
========================== ========= ====================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]

#: Every finding code with its default severity and one-line meaning (see module docstring).
CODES: dict[str, tuple[Severity, str]] = {
    "updated-before-published": ("error", "last updated before published"),
    "date-in-future": ("error", "page date after the time of checking"),
    "impossible-date": ("error", "date that does not exist"),
    "weekday-mismatch": ("error", "weekday does not match its date"),
    "duration-mismatch": ("error", "duration or age disagrees with dates on the page"),
    "relative-time-mismatch": ("error", "relative time word disagrees with the event's date"),
    "past-tense-future-event": ("error", "event after the page date told in the past tense"),
    "timeline-order": ("error", "timeline entries out of date order"),
    "quantity-conflict": ("error", "one quantity stated with two values"),
    "arithmetic-percent": ("error", "percentage change does not match the figures"),
    "arithmetic-shares": ("error", "shares of one whole do not add up"),
    "filler-section": ("warning", "section with no specific fact of this story"),
    "unsupported-date": ("warning", "date not found in any source"),
    "unsupported-number": ("warning", "number not found in any source"),
    "unsupported-name": ("warning", "name not found in any source"),
    "date-contradicts-source": ("error", "a source dates this event differently"),
    "citation-not-verbatim": ("error", "citation quote not verbatim in its source"),
}

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One problem on the page; ``quote`` is the page's own words it concerns."""

    code: str
    severity: Severity
    message: str
    quote: str
    section: str
    evidence: str | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """All findings on one page, in page order."""

    page: str
    findings: tuple[Finding, ...]
    seconds: float

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def summary(self) -> dict[str, Any]:
        by_code: dict[str, int] = {}
        for f in self.findings:
            by_code[f.code] = by_code.get(f.code, 0) + 1
        return {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "info": sum(1 for f in self.findings if f.severity == "info"),
            "by_code": by_code,
            "seconds": round(self.seconds, 4),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "findings": [f.to_json() for f in self.findings],
            "summary": self.summary(),
        }

    def exit_code(self) -> int:
        """1 when any error was found, else 0 (bad input is the caller's 2)."""
        return 1 if self.errors else 0

    def render_text(self) -> str:
        """Readable report: findings grouped by section, each quoting the page."""
        lines = [f"Check of {self.page}"]
        if not self.findings:
            lines.append("No problems found.")
        groups: dict[str, list[Finding]] = {}
        for f in self.findings:
            groups.setdefault(f.section, []).append(f)
        for section, findings in groups.items():
            lines.append("")
            lines.append(f"== {section or '(top of page)'} ==")
            for f in findings:
                lines.append(f"  [{f.severity}] {f.code}: {f.message}")
                lines.append(f'      page: "{_shorten(f.quote)}"')
                if f.evidence:
                    lines.append(f"      evidence: {_shorten(f.evidence, 240)}")
        s = self.summary()
        lines.append("")
        lines.append(f"{s['errors']} error(s), {s['warnings']} warning(s), {s['info']} note(s)")
        return "\n".join(lines)


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def finding(
    code: str,
    message: str,
    *,
    text: str,
    start: int,
    end: int,
    section: str,
    evidence: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding quoting ``text[start:end]`` (the page text), with the code's severity."""
    return Finding(
        code=code,
        severity=severity or CODES[code][0],
        message=message,
        quote=text[start:end],
        section=section,
        evidence=evidence,
        start=start,
        end=end,
    )


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings in page order, duplicates (same code and span) dropped."""
    seen: set[tuple[str, int | None, int | None, str]] = set()
    out = []
    for f in sorted(
        findings,
        key=lambda f: (f.start if f.start is not None else -1, _SEVERITY_ORDER[f.severity]),
    ):
        key = (f.code, f.start, f.end, f.quote)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return tuple(out)
