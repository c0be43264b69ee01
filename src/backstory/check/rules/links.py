"""Which dated event on the page a statement is about, by the key words they share.

Hand-written: the page dates an event once ("October 2023: Miami talks take place") and
speaks of it elsewhere without a date ("the recent talks in Miami"); a statement is linked to
the dated line that shares the most content words with it, and only when that choice is
clear, because a wrong link would be a false alarm.
"""

from __future__ import annotations

from backstory.check.context import Dated, Line, PageContext, key_words

#: Content words a statement must share with a dated line to be linked to it (one shared word,
#: such as "Ukraine", links almost anything on a page about Ukraine).
MIN_SHARED_WORDS = 2
#: A word on at least this share of the page's lines ("Ukraine" on a page about Ukraine) is the
#: story's backdrop and counts this much towards a link instead of 1.
COMMON_WORD_SHARE = 0.25
COMMON_WORD_WEIGHT = 0.5
#: On a short page every word is on many lines; below this many lines no word is "common".
MIN_LINES_FOR_COMMON = 20
#: Two words are one ("Ukraine"/"Ukrainian", "invades"/"invasion" after stemming) when they
#: open with the same four or more letters, this share of the shorter word at least; at half,
#: "present" and "presidency" were one word.
RELATED_PREFIX_SHARE = 0.6
#: Words about time itself, which say nothing about which event is meant.
TIME_WORDS = frozenset(
    """year month week day ago nearly almost about around over recent recently latest
    today yesterday tomorrow last next this past earlier later ongo current since""".split()
)


def _related(a: str, b: str) -> bool:
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= RELATED_PREFIX_SHARE * min(len(a), len(b))


def shared_words(a: set[str], b: set[str]) -> set[str]:
    """Words of ``b`` that some word of ``a`` matches (so "Ukraine"/"Ukrainian" count once)."""
    return {
        v
        for v in b
        if v not in TIME_WORDS and any(_related(w, v) for w in a if w not in TIME_WORDS)
    }


def _weights(ctx: PageContext) -> dict[str, float]:
    cached = ctx._cache.get("link_weights")
    if cached is None:
        counts: dict[str, int] = {}
        for line in ctx.body_lines:
            for w in key_words(line.text):
                counts[w] = counts.get(w, 0) + 1
        n = max(len(ctx.body_lines), 1)
        common = COMMON_WORD_SHARE * n if n >= MIN_LINES_FOR_COMMON else float("inf")
        cached = {w: (COMMON_WORD_WEIGHT if c >= common else 1.0) for w, c in counts.items()}
        ctx._cache["link_weights"] = cached
    return cached  # type: ignore[return-value]


def linked_event(
    ctx: PageContext, line: Line, exclude: tuple[int, int] | None = None
) -> tuple[Dated, set[str]] | None:
    """The dated event (on another line) that ``line`` speaks about, when one clearly is."""
    words = key_words(
        line.text if exclude is None else line.text[: exclude[0]] + " " + line.text[exclude[1] :]
    )
    weights = _weights(ctx)
    scored: list[tuple[float, Dated, set[str]]] = []
    for d, event_words in ctx.dated_events:
        if d.line is line:
            continue
        shared = shared_words(words, event_words)
        score = sum(weights.get(w, 1.0) for w in shared)
        if score >= MIN_SHARED_WORDS:
            scored.append((score, d, shared))
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    best_score, best, shared = scored[0]
    rivals = [
        d for score, d, _ in scored[1:] if score == best_score and d.interval != best.interval
    ]
    if rivals:
        return None
    return best, shared
