"""Helpers shared by the ingest tests: the fixture folder and feed builders."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def long_text() -> str:
    """A full article of about 200 words (the Women's World Cup final, 20 August 2023)."""
    return (DATA / "wwc_final_long.txt").read_text(encoding="utf-8")


def rss(items: list[dict[str, str]], title: str = "Southbank Sports Desk") -> bytes:
    parts = []
    for item in items:
        fields = "".join(
            f"<{k}>{escape(v)}</{k}>"
            if k != "content"
            else f"<content:encoded>{escape(v)}</content:encoded>"
            for k, v in item.items()
        )
        parts.append(f"<item>{fields}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>https://southbank.example/</link>"
        f"<language>en-gb</language>{''.join(parts)}</channel></rss>"
    ).encode()
