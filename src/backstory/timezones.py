"""Time-zone abbreviations news pages and feeds write after times, shared by ingest (dates in
headers and feeds) and the checker (a page's own "Published" line).

A hand-written table because zoneinfo loads zone names ("Europe/London"), not the
abbreviations pages write ("BST"), and dateutil maps only UTC/GMT by itself; kept here, apart
from both stages, so that neither imports the other.
"""

from __future__ import annotations

#: UTC offsets (hours) of the zone abbreviations English-language news feeds and pages write
#: after RFC 822 times. Without them dateutil reads "18:00 BST" as 18:00 UTC, an hour off, or
#: as the *machine's* local zone when its name matches. Ambiguous ones (CST: US Central or
#: China; IST: India, Ireland or Israel) are left out and reported instead.
ZONE_OFFSETS: dict[str, float] = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 1,
    "WET": 0,
    "WEST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "EST": -5,
    "EDT": -4,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "JST": 9,
    "AEST": 10,
    "AEDT": 11,
}
