"""Publication dates from the words of a page: datelines, date lines and ISO stamps.

Only whole, unambiguous dates count; a month and day with no year is not a
publication date (we would have to guess the year)."""

from __future__ import annotations

import re
from datetime import date

from detente.model import DatePoint

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"

DATE_PATTERNS = [
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.IGNORECASE),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.IGNORECASE),
    re.compile(r"\b" + _YEAR + r"-(?P<month_num>[01]\d)-(?P<day>[0-3]\d)\b"),
]

# "SEOUL, June 15, 2000 (Reuters) -" / "WASHINGTON (AP) —": a place in capitals,
# then optionally a date and an agency in brackets, then a dash.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][a-zA-Z .]{1,30})?)"
    r"(?:,\s*(?P<date>[^()—–\-]{3,40}?))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*[—–\-]{1,2}\s+"
)


def parse_date(text: str) -> DatePoint:
    """The first full calendar date written in ``text`` (day precision), if any."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            point = _to_point(match)
            if point:
                return point
    return DatePoint()


def _to_point(match: re.Match[str]) -> DatePoint:
    groups = match.groupdict()
    month = int(groups["month_num"]) if groups.get("month_num") else MONTHS[groups["month"].lower()]
    try:
        found = date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return DatePoint()
    return DatePoint(found.isoformat(), "day", "text")


def is_date_line(line: str) -> bool:
    """A line that is essentially a date stamp ("Monday, 23 October, 2000, 16:22 GMT")."""
    if len(line.split()) > 12:
        return False
    point = parse_date(line)
    if not point:
        return False
    rest = line
    for pattern in DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    leftovers = re.sub(r"[\d:,.|/()\-–—]|\b(?:GMT|UTC|BST|UK|EST|EDT|am|pm|Updated|Published)\b",
                       " ", rest, flags=re.IGNORECASE)
    return len(leftovers.split()) <= 2


def split_dateline(paragraph: str) -> tuple[str | None, DatePoint, str]:
    """Split a leading wire dateline off a paragraph.

    Returns ``(place, date, rest)``; ``place`` is None when the paragraph has no
    dateline, and then ``rest`` is the paragraph unchanged.
    """
    match = DATELINE.match(paragraph)
    if not match or not (match.group("date") or match.group("agency")):
        return None, DatePoint(), paragraph
    when = parse_date(match.group("date") or "")
    if when:
        when = DatePoint(when.value, when.precision, "dateline")
    return match.group("place").strip(), when, paragraph[match.end():]
