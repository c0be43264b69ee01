"""TIMEX3 value arithmetic: formatting resolved dates at their granularity, shifting them,
and turning values back into day intervals and durations into days.

Hand-written because TIMEX3 values (ISO weeks, seasons, quarters, decades, "P1DE") are not
ISO 8601 dates that dateutil or datetime parse.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

# Granularities a resolved point can have, coarsest last.
DAY, WEEK, WEEKEND, MONTH, QUARTER, HALF, SEASON, YEAR, DECADE, CENTURY = (
    "D",
    "W",
    "WE",
    "M",
    "Q",
    "H",
    "S",
    "Y",
    "DE",
    "CE",
)

SEASONS = ("SP", "SU", "FA", "WI")
# Meteorological seasons: the first month of each; winter runs into the next year.
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# Days per duration unit; mean Gregorian lengths so "P4Y" is 1461 days.
_UNIT_DAYS = {
    "Y": 365.25,
    "M": 30.436875,
    "W": 7.0,
    "D": 1.0,
    "DE": 3652.5,
    "CE": 36525.0,
    "Q": 91.310625,
    "WE": 2.0,
}
_TIME_UNIT_DAYS = {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}


def season_of(d: date) -> tuple[int, str]:
    """(season year, season code) of a day; January and February belong to last year's winter."""
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


def season_start(year: int, code: str) -> date:
    return date(year, SEASON_START_MONTH[code], 1)


def add_months(d: date, n: int) -> date:
    """``d`` shifted by ``n`` months, the day clamped to the target month's length."""
    idx = d.year * 12 + (d.month - 1) + n
    y, m = divmod(idx, 12)
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: date, n: float, unit: str) -> date:
    """``d`` moved by ``n`` units (Y, M, W, D, DE, CE, Q); may raise ValueError/OverflowError."""
    if unit == "D":
        return d + timedelta(days=round(n))
    if unit in ("W", "WE"):
        return d + timedelta(days=round(7 * n))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200, "H": 6}.get(unit)
    if months is None:
        raise ValueError(f"unknown unit {unit}")
    return add_months(d, round(n * months))


def fmt(d: date, gran: str) -> str:
    """TIMEX3 value of the period of granularity ``gran`` that contains ``d``."""
    if gran == DAY:
        return d.isoformat()
    if gran in (WEEK, WEEKEND):
        iso = d.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if gran == WEEKEND else "")
    if gran == MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    if gran == QUARTER:
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == HALF:
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == SEASON:
        y, code = season_of(d)
        return f"{y:04d}-{code}"
    if gran == YEAR:
        return f"{d.year:04d}"
    if gran == DECADE:
        return f"{d.year // 10:03d}"
    if gran == CENTURY:
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown granularity {gran}")


_V_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_V_MONTH = re.compile(r"(\d{4})-(\d{2})")
_V_YEAR = re.compile(r"(\d{4})")
_V_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_V_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_V_HALF = re.compile(r"(\d{4})-H([12])")
_V_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_V_DECADE = re.compile(r"(\d{3})")
_V_CENTURY = re.compile(r"(\d{2})")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def value_interval(value: str) -> tuple[date, date] | None:
    """Inclusive first and last day a DATE/TIME value covers; None when it names no interval.

    "2022-02" -> (2022-02-01, 2022-02-28); "2025-W51" -> its Monday..Sunday; "2025-WI" ->
    (2025-12-01, 2026-02-28); "199" -> the 1990s; "PRESENT_REF", "XXXX-12-25" -> None.
    """
    if not value:
        return None
    try:
        if m := _V_DAY.fullmatch(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _V_MONTH.fullmatch(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := _V_YEAR.fullmatch(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := _V_WEEK.fullmatch(value):
            y, w = int(m[1]), int(m[2])
            if m[3]:
                return date.fromisocalendar(y, w, 6), date.fromisocalendar(y, w, 7)
            return date.fromisocalendar(y, w, 1), date.fromisocalendar(y, w, 7)
        if m := _V_QUARTER.fullmatch(value):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _V_HALF.fullmatch(value):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := _V_SEASON.fullmatch(value):
            y, code = int(m[1]), m[2]
            first = season_start(y, code)
            return first, add_months(first, 3) - timedelta(days=1)
        if m := _V_DECADE.fullmatch(value):
            y = int(m[1]) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
        if m := _V_CENTURY.fullmatch(value):
            y = int(m[1]) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    except (ValueError, OverflowError):
        return None
    return None


_DUR = re.compile(
    r"P(?P<date>(?:(?:\d+(?:\.\d+)?)(?:DE|CE|WE|Y|M|W|D|Q))*)(?:T(?P<time>(?:(?:\d+(?:\.\d+)?)[HMS])+))?"
)
_DUR_PART = re.compile(r"(\d+(?:\.\d+)?)(DE|CE|WE|Y|M|W|D|Q|H|S)")


def duration_days(value: str) -> float | None:
    """Length in days of a TIMEX3 duration ("P4Y" -> 1461.0, "PT78M" -> 0.054...).

    None for vague ("PXY") or malformed values.
    """
    m = _DUR.fullmatch(value or "")
    if not m or (not m["date"] and not m["time"]):
        return None
    total = 0.0
    for num, unit in _DUR_PART.findall(m["date"] or ""):
        total += float(num) * _UNIT_DAYS[unit]
    for num, unit in _DUR_PART.findall(m["time"] or ""):
        total += float(num) * _TIME_UNIT_DAYS[unit]
    return total


def num_str(n: float) -> str:
    """A duration number as TIMEX3 writes it: 4 -> "4", 2.5 -> "2.5"."""
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: (4, "Y") -> "P4Y", (78, "TM") -> "PT78M", (None, "Y") -> "PXY"."""
    count = "X" if n is None else num_str(n)
    if unit in ("TH", "TM") and n is not None and n != int(n) and (n * 60) == int(n * 60):
        # "5 1/2 hours" -> PT5H30M: clock units split into whole smaller units
        whole, frac = int(n), round((n - int(n)) * 60)
        small = "M" if unit == "TH" else "S"
        return f"PT{whole}{unit[1:]}{frac}{small}" if whole else f"PT{frac}{small}"
    if unit == "Y" and n is not None and n != int(n) and (n * 12) == int(n * 12):
        # "2 1/2 years" -> P2Y6M, as TimeBank writes it (and as hours split above)
        whole, months = int(n), round((n - int(n)) * 12)
        return f"P{whole}Y{months}M" if whole else f"P{months}M"
    if unit in ("DE", "CE") and n is not None and n != int(n):
        # "half a century" -> P50Y, "a decade and a half" -> P15Y: no fractional unit count
        years = n * (10 if unit == "DE" else 100)
        if years == int(years):
            return f"P{int(years)}Y"
    if unit.startswith("T"):
        return f"PT{count}{unit[1:]}"
    return f"P{count}{unit}"
