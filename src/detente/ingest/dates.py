"""Publication dates from the words of a page: date lines and ISO stamps, the date
of a wire dateline (read by ``detente.datelines``) given its year, and dates in URLs.

Only whole, unambiguous dates count; a month and day with no year (a dateline's
"March 3") is a publication date only with the year of a date known elsewhere
(the page's metadata or date line, the URL or file path): a year is never guessed."""

from __future__ import annotations

import re
from datetime import date

from detente.dates import first_day, time_words
from detente.model import DatePoint

MONTHS = time_words().months  # month names and abbreviations: their numbers
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"

DATE_PATTERNS = [
    re.compile(WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.IGNORECASE),
    re.compile(WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.IGNORECASE),
    re.compile(r"\b" + _YEAR + r"-(?P<month_num>[01]\d)-(?P<day>[0-3]\d)\b"),
]

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
        anchor = (first_day(known.value) if known.precision == "day" and known.value
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
# a whole path segment written as one number: "…/20240206/houthis-attack…", or one
# that opens with the day and goes on with a story number ("…/20230316_33/",
# "…/20240705-196926/", "…/en/202412034485")
_PATH_COMPACT_DAY = re.compile(r"(?:^|/)(?P<year>19\d\d|20\d\d)(?P<month>0[1-9]|1[0-2])"
                               r"(?P<day>0[1-9]|[12]\d|3[01])(?:[_\-]\d+|\d{2,6})?(?:/|$)")
# the day written with a month name or one digit ("…/16-Jun-2020/…", "…/2018/7/17/…"),
# or with the year last, day and month in either order where only one order is a
# date ("…/article/21/12/2022/…", "…/12/21/2022/…"; "…/05/06/2022/" says neither)
_PATH_YEAR_LAST = re.compile(r"(?:^|/)(?P<first>\d{1,2})/(?P<second>\d{1,2})"
                             r"/(?P<year>19\d\d|20\d\d)(?:/|$)")
_PATH_NAMED_MONTH = re.compile(r"(?:^|/)(?P<day>0?[1-9]|[12]\d|3[01])-(?P<month>[A-Za-z]{3})"
                               r"-(?P<year>19\d\d|20\d\d)(?:/|$)")
_PATH_SHORT_DAY = re.compile(r"(?:^|/)(?P<year>19\d\d|20\d\d)/(?P<month>[1-9]|1[0-2])"
                             r"/(?P<day>[1-9]|[12]\d|3[01])(?:/|$)")
_PATH_MONTH = re.compile(r"(?:^|/)(?P<year>1[89]\d\d|20\d\d)/(?P<month>0[1-9]|1[0-2])(?:/|$)")
_PATH_YEAR = re.compile(r"(?:^|/)(?P<year>1[89]\d\d|20\d\d)(?:/|$)")


def _month_and_day(match: re.Match[str]) -> tuple[int, int]:
    """A path date's month and day (0, 0 where they cannot be told apart)."""
    if "first" not in match.groupdict():
        month = match["month"]
        number = MONTHS.get(month.lower(), 0) if month.isalpha() else int(month)
        return number, int(match["day"])
    first, second = int(match["first"]), int(match["second"])
    if first > 12 or first == second:
        return second, first
    return (first, second) if second > 12 else (0, 0)


def date_in_path(path: str | None) -> DatePoint:
    """The date a URL or file path is filed under ("…/2000/03/04/story",
    "2000-03-04-story.txt", ".../2000/03/", ".../2000/"), to the precision given;
    basis "path". Gives a yearless dateline its year; see ``filed_date``."""
    if not path:
        return DatePoint()
    for match in [*_PATH_DAY.finditer(path), *_PATH_COMPACT_DAY.finditer(path),
                  *_PATH_NAMED_MONTH.finditer(path), *_PATH_SHORT_DAY.finditer(path),
                  *_PATH_YEAR_LAST.finditer(path)]:
        try:
            found = date(int(match["year"]), *_month_and_day(match))
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
