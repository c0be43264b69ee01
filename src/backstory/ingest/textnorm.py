"""Decoding bytes, normalising text and parsing dates, the same way for every source format.

Hand-written glue: the decoding order (BOM, declared charset, UTF-8, detection) and the text
rules (paragraphs separated by one blank line, no invisible or bidi-override characters) are
backstory's own contract, because citations store character offsets into the text produced
here. Charset detection itself is trafilatura's (charset_normalizer underneath).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from dateutil import parser as dateutil_parser
from trafilatura.utils import detect_encoding

from backstory.errors import IngestError
from backstory.timezones import ZONE_OFFSETS

#: Decoded text whose share of replacement/control characters is above this is treated as
#: binary or mis-encoded: real text in any encoding has almost none (0.05 leaves room for a
#: stray bad byte or two in a long article while catching images and random bytes).
UNDECODABLE_RATIO = 0.05

#: Largest share of accented letters in text that reads as Western European windows-1252;
#: French runs at about 4%, Icelandic at about 15%, Cyrillic read as windows-1252 at ~100%.
WESTERN_ACCENTED_RATIO = 0.3

#: Dates outside this range are taken as parsing garbage ("0001-01-01", "9999-12-31").
MIN_YEAR, MAX_YEAR = 1900, 2100

#: Where a repair is reported: one line naming the source (see IngestResult.warnings).
Warn = Callable[[str], None]


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Zero-width characters that carry no text and break quoting and search.
_ZERO_WIDTH = "\u200b\u2060\ufeff\u00ad"
# Bidi embedding/override/isolate controls: "Trojan Source" style reordering of what is shown.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Also removed from titles, where joiners and marks have no business.
_TITLE_ONLY = "\u200c\u200d\u200e\u200f\u061c"
_BODY_DROP = re.compile(f"[{_ZERO_WIDTH}{_BIDI}\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_TITLE_DROP = re.compile(f"[{_ZERO_WIDTH}{_BIDI}{_TITLE_ONLY}\x00-\x1f\x7f\x80-\x9f]")
_BAD_CHARS = re.compile("[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HSPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I
)


def _usable_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def sniff_html_charset(data: bytes) -> str | None:
    """Charset declared by a ``<meta>`` tag in the first 4 KB of an HTML page, if any."""
    match = _CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (mixed encodings, a pasted windows-1252 quote): keep the
    valid UTF-8 and replace only the bad bytes, rather than misreading the whole file."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127) - bad
    return text if good > bad else None


def _western_legacy(data: bytes) -> str | None:
    """Text as windows-1252 when it reads as Western European text in it.

    Charset detectors are unreliable on short texts and often pick a Baltic or Central
    European code page for plain French or German. windows-1252 is the web's default legacy
    encoding (WHATWG), and text in it has few accented letters among plain ones, whereas
    Cyrillic or Greek bytes read as windows-1252 give words made almost wholly of accented
    letters: that shape tells the two apart.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 127)
    if letters and accented <= WESTERN_ACCENTED_RATIO * len(letters):
        return text
    return None


def decode_bytes(
    data: bytes,
    *,
    declared: str | None = None,
    subject: str | None = None,
    warn: Warn | None = None,
) -> str:
    """Bytes to text: BOM, then the declared charset, then UTF-8, then detection.

    Raises IngestError("undecodable ...") when the best decoding is mostly replacement or
    control characters (binary files, or text in an encoding nothing recognises). Repairs
    are reported through ``warn``: an unknown declared charset, bad bytes replaced, and text
    that is not UTF-8 read in a guessed encoding (any of which can garble quoted text).
    """
    text: str | None = None
    repair: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            repair = f"invalid {codec} bytes replaced with U+FFFD"
            break
    if text is None:
        candidates: list[str] = []
        if (usable := _usable_codec(declared)) is not None:
            candidates.append(usable)
        elif declared and warn is not None:
            warn(f"{subject}: declared charset {quoted(declared)} is unknown; ignored")
        candidates.append("utf-8")
        for name in candidates:
            try:
                text = data.decode(name)
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if text is None:
        text = _mostly_utf8(data)
        repair = "invalid UTF-8 bytes replaced with U+FFFD" if text is not None else None
    if text is None and b"\x00" not in data[:4096]:
        text = _western_legacy(data)
        repair = "not valid UTF-8; read as windows-1252 (a guess)" if text is not None else None
    if text is None and b"\x00" not in data[:4096]:
        try:
            guesses = detect_encoding(data)
        except Exception:  # noqa: BLE001 - a detector bug must not become a crash
            guesses = []
        for guess in guesses:
            try:
                text = data.decode(guess)
                repair = f"not valid UTF-8; read as {guess} (detected, a guess)"
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if text is None:
        text = data.decode("utf-8", errors="replace")
        repair = "invalid UTF-8 bytes replaced with U+FFFD"
    if text and len(_BAD_CHARS.findall(text)) > UNDECODABLE_RATIO * len(text):
        raise IngestError("undecodable bytes (binary file or unknown text encoding)", subject)
    if repair is not None and warn is not None:
        if "U+FFFD" not in repair or "\ufffd" in text:
            warn(f"{subject}: {repair}")
    return text


def normalise_text(text: str) -> str:
    """Body text as stored: NFC, ``\\n`` newlines, no invisible characters, tidy spacing,
    paragraphs separated by exactly one blank line, no leading/trailing blank lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BODY_DROP.sub("", text.replace("\u2028", "\n").replace("\u2029", "\n\n"))
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def lines_to_paragraphs(text: str) -> str:
    """Text with one paragraph per line (trafilatura's output) to blank-line paragraphs."""
    return "\n\n".join(line for line in normalise_text(text).split("\n") if line.strip())


def clean_title(title: str | None) -> str:
    """A title on one line, with no zero-width, bidi-control or control characters."""
    if not title:
        return ""
    title = unicodedata.normalize("NFC", _TITLE_DROP.sub(" ", title))
    return " ".join(title.split())


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def words(text: str) -> list[str]:
    """Lower-cased words, for hashing and shingling (punctuation and spacing ignored)."""
    return [w.casefold() for w in _WORD.findall(unicodedata.normalize("NFKC", text))]


class _UnknownZone(ValueError):
    """A zone abbreviation that is not in ZONE_OFFSETS (the time is then read as UTC)."""


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's ``tzinfos`` hook: an explicit offset wins, then a known abbreviation."""
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    if not name:
        return None
    hours = ZONE_OFFSETS.get(name.upper())
    if hours is None:
        raise _UnknownZone(name)
    return timezone(timedelta(hours=hours))


def _parse_date(value: Any) -> tuple[datetime | None, str | None]:
    """(the date, or None; what was wrong with the value, or None when nothing was)."""
    if value is None or value == "":
        return None, None
    problem = None
    try:
        if isinstance(value, datetime):
            result = value
        elif isinstance(value, date):
            result = datetime.combine(value, time(0, 0))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            result = datetime.fromtimestamp(float(value), tz=UTC)
        elif isinstance(value, str):
            raw = value.strip()
            if not raw:
                return None, None
            if len(raw) > 100:
                return None, "is too long to be a date"
            try:
                result = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            except ValueError:
                try:
                    result = dateutil_parser.parse(raw, tzinfos=_zone)
                except _UnknownZone as exc:
                    result = dateutil_parser.parse(raw, ignoretz=True)
                    problem = f"has a time zone '{exc}' that is not understood; read as UTC"
        else:
            return None, "is not a date"
        if result.tzinfo is None or result.tzinfo.utcoffset(result) is None:
            result = result.replace(tzinfo=UTC)
        result.utcoffset()  # dateutil can build offsets that only fail when used
    except (ValueError, OverflowError, TypeError, OSError, ArithmeticError, LookupError):
        return None, "is not a valid date"
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        return None, f"is outside the years {MIN_YEAR}-{MAX_YEAR}"
    return result, problem


def parse_date(value: Any) -> datetime | None:
    """A timezone-aware datetime from an ISO string, RFC 822 string, date or datetime.

    Naive values are taken as UTC; anything unparseable or absurd gives None, never an error.
    """
    return _parse_date(value)[0]


def read_date(value: Any, what: str, origin: str, warn: Warn | None) -> datetime | None:
    """:func:`parse_date`, reporting through ``warn`` a value that was given but dropped or
    repaired ("published date '2024-02-30' is not a real date; ignored"): such a date would
    otherwise vanish silently and the article be kept undated."""
    result, problem = _parse_date(value)
    if problem is not None and warn is not None:
        shown = value if isinstance(value, str) else repr(value)
        outcome = "" if result is not None else "; ignored"
        warn(f"{origin}: {what} {quoted(shown)} {problem}{outcome}")
    return result


def quoted(text: str, limit: int = 60) -> str:
    """A value as shown in a one-line warning: on one line, cut short, quoted."""
    text = " ".join(str(text).split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def read_language(value: str | None, origin: str, warn: Warn | None) -> str | None:
    """:func:`language_code`, reporting a stated value that is not a language code (the
    article is then taken as English, which picks the wrong sentence and date rules)."""
    code = language_code(value)
    if code is None and value and value.strip() and warn is not None:
        warn(f"{origin}: language {quoted(value)} is not a language code; read as en")
    return code


def language_code(value: str | None) -> str | None:
    """Primary language subtag in lower case ("en-GB" -> "en"), or None if it is not one."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None
