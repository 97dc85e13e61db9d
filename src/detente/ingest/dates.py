"""Publication dates from the words of a page: datelines, date lines and ISO stamps.

Only whole, unambiguous dates count; a month and day with no year (a dateline's
"March 3") is a publication date only with the year of a date known elsewhere
(the page's metadata or date line, the URL or file path): a year is never guessed."""

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


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(
    r"^\s*" + _WEEKDAY + r"(?:(?P<month>" + _MONTH_NAMES + r")\.?\s+(?P<day>[0-3]?\d)"
    r"|(?P<day2>[0-3]?\d)\s+(?P<month2>" + _MONTH_NAMES + r")\.?)(?:st|nd|rd|th)?\s*$",
    re.IGNORECASE)


def dateline_month_day(paragraph: str) -> tuple[int, int] | None:
    """The month and day of a wire dateline that gives no year ("WASHINGTON,
    March 3 (Reuters) -" -> (3, 3)); None when there is no such dateline."""
    match = DATELINE.match(paragraph)
    if not match or not match.group("date"):
        return None
    found = _MONTH_DAY.match(match.group("date"))
    if not found:
        return None
    month = MONTHS[(found.group("month") or found.group("month2")).lower()]
    day = int(found.group("day") or found.group("day2"))
    try:
        date(2000, month, day)  # a leap year: February 29 is a day
    except ValueError:
        return None
    return month, day


# A dateline on a line of its own above the story: "KATHMANDU, JULY 9",
# "GENEVA, March 3, 2021".
DATELINE_LINE = re.compile(r"^(?P<place>[A-Z][A-Z .'\-]{1,40}),\s*(?P<date>[^()]{3,40})$")


def dateline_line(line: str) -> str | None:
    """The place of a dateline standing on its own line ("KATHMANDU, JULY 9" ->
    "KATHMANDU"); None for any other line."""
    match = DATELINE_LINE.match(line.strip())
    if not match:
        return None
    when = match.group("date").strip()
    return match.group("place").strip() if _MONTH_DAY.match(when) or parse_date(when) else None


def resolve_month_day(month: int, day: int, known: DatePoint) -> DatePoint:
    """A month and day dated by a date known to some precision: the year that puts
    it nearest the known date (a dateline of December 31 on a page of January 2
    is of the year before); nothing when no year is known, for a year is never
    guessed."""
    if not known:
        return DatePoint()
    year = known.year
    assert year is not None
    if known.precision == "year" or known.month is None:
        candidates = [year]
        anchor = None
    else:
        candidates = [year - 1, year, year + 1]
        anchor = (date.fromisoformat(known.value) if known.precision == "day" and known.value
                  else date(year, known.month, 15))
    best: date | None = None
    for candidate in candidates:
        try:
            found = date(candidate, month, day)
        except ValueError:  # February 29 of a common year
            continue
        if best is None or (anchor and abs(found - anchor) < abs(best - anchor)):
            best = found
    return DatePoint(best.isoformat(), "day", "dateline") if best else DatePoint()


_PATH_DAY = re.compile(r"(?<![0-9A-Za-z])(?P<year>1[89]\d\d|20\d\d)[/_\-.](?P<month>0[1-9]|1[0-2])"
                       r"[/_\-.](?P<day>0[1-9]|[12]\d|3[01])(?!\d)")
# a whole path segment written as one number: "…/20240206/houthis-attack…"
_PATH_COMPACT_DAY = re.compile(r"(?:^|/)(?P<year>19\d\d|20\d\d)(?P<month>0[1-9]|1[0-2])"
                               r"(?P<day>0[1-9]|[12]\d|3[01])(?:/|$)")
_PATH_MONTH = re.compile(r"(?:^|/)(?P<year>1[89]\d\d|20\d\d)/(?P<month>0[1-9]|1[0-2])(?:/|$)")
_PATH_YEAR = re.compile(r"(?:^|/)(?P<year>1[89]\d\d|20\d\d)(?:/|$)")


def date_in_path(path: str | None) -> DatePoint:
    """The date a URL or file path is filed under ("…/2000/03/04/story",
    "2000-03-04-story.txt", ".../2000/03/", ".../2000/"), to the precision given;
    basis "path". Gives a yearless dateline its year; see ``filed_date``."""
    if not path:
        return DatePoint()
    for match in [*_PATH_DAY.finditer(path), *_PATH_COMPACT_DAY.finditer(path)]:
        try:
            found = date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
        return DatePoint(found.isoformat(), "day", "path")
    if month := _PATH_MONTH.search(path):
        return DatePoint(f"{month['year']}-{month['month']}", "month", "path")
    if year := _PATH_YEAR.search(path):
        return DatePoint(year["year"], "year", "path")
    return DatePoint()


def filed_date(*paths: str | None) -> DatePoint:
    """The day or month a page's URL or file path files it under (the first that
    says), for a page that dates itself nowhere else; a year alone ("/2000/") is
    too loose a clue to date a page by."""
    for path in paths:
        found = date_in_path(path)
        if found.precision in {"day", "month"}:
            return found
    return DatePoint()
