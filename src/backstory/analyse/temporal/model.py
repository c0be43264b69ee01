"""The records the temporal engine hands out: one tagged expression, one dated sentence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Timex:
    """One temporal expression with its TIMEX3 type and normalised value.

    ``anchor`` is the reference the value was computed from, for relative expressions only:
    the DCT ("2025-12-22") for deictic ones ("last week", "four years ago") and the last
    mentioned date's value for anaphoric ones ("the next day"). ``offset`` is the signed
    duration applied for offset expressions ("four years ago" -> "-P4Y", "two days later" ->
    "+P2D"), so a checker can redo the arithmetic with the hedge in ``mod`` as tolerance.
    Explicit dates ("4 July 2024") have ``relative=False`` and no anchor.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    weekday: int | None = None
    weekday_ok: bool | None = None
    invalid: str | None = None
    relative: bool = False
    offset: str | None = None


@dataclass(frozen=True)
class SentenceDating:
    """The temporal reading of one sentence (offsets relative to the sentence)."""

    timexes: tuple[Timex, ...]
    events: tuple[Timex, ...]
    background: tuple[Timex, ...]
    tense: str
