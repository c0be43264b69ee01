"""Names a bundled audience glossary supports: "National Health Service" on a page that
explains "NHS", a term its sources use.

The spec allows a name that "no source or glossary supports" to be neither: our own
definitions section expands acronyms from the audience glossary, and the expansion's words
("North Atlantic Treaty Organization") are in no source. A glossary entry supports the names of
its definition only when the sources use its term, so a page cannot borrow a name from an
entry unrelated to its story.

The grounding rule (``grounding.py``) keeps these names in its source index, beside the
names the sources hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from backstory.check.names import name_key, names_in


@lru_cache(maxsize=1)
def _glossaries() -> tuple[tuple[str, str], ...]:
    """(term, definition) of every packaged audience's glossary, read once."""
    from backstory.compose.audience import load_audience, packaged_audiences

    entries: dict[str, str] = {}
    for key in packaged_audiences():
        for term, meaning in load_audience(key).glossary.items():
            entries.setdefault(term, meaning)
    return tuple(entries.items())


def supported_names(sources_text: str, glossary: Mapping[str, str] | None = None) -> frozenset[str]:
    """Name keys (``check.names.name_key``) of the definitions of the glossary terms that
    ``sources_text`` (case-folded) uses as whole words; the packaged glossaries by default."""
    entries = glossary.items() if glossary is not None else _glossaries()
    out: set[str] = set()
    for term, meaning in entries:
        folded = term.casefold()
        if folded not in sources_text:
            continue  # the cheap test first: most terms are in no source
        term_re = re.escape(folded)
        # literal first, boundaries checked after it: the regex engine then skips ahead to
        # each occurrence instead of trying every position (25x faster on 0.5 MB of text)
        if re.search(rf"{term_re}(?<!\w{term_re})(?!\w)", sources_text):
            out.update(name_key(n) for _, _, n in names_in(meaning))
    return frozenset(out)
