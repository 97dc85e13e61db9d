"""Wire datelines: the place (and often the date and agency) that opens a news
story, "SEOUL, June 13 (Reuters) - …", "TIRANA, Albania (AP) — …", "Jakarta: …".

Three readers take them, each as strictly as its use needs; all are here:

- ingest splits a dateline that gives a date or an agency off the first paragraph
  and takes its date as the publication date (``split_dateline``), or its month
  and day when it gives no year (``dateline_month_day``); a dateline on a line of
  its own above the story gives its place (``dateline_line``); the place is kept
  on the article (``Article.dateline``);
- the actor resolver reads where the article was filed from a paragraph that
  opens with a city in capitals (or a name before a dash): ``filed_from``, the
  city and the region after its comma ("ALBUQUERQUE, N.M.");
- event places fall back on a looser opening place before a colon or dash,
  capitalised or not ("Riyadh, 11 March 2023 (TDI): …"): ``opening_place``.

Inside a parse, a dateline the parser took for a subject is told by its marks
(``detente.events.arguments.DATELINE_MARKS``).
"""

from __future__ import annotations

import re
from datetime import date

from detente.ingest.dates import MONTHS, WEEKDAY, parse_date
from detente.model import DatePoint

# "SEOUL, June 15, 2000 (Reuters) -" / "WASHINGTON (AP) —": a place in capitals,
# then optionally a date and an agency in brackets, then a dash (a horizontal bar,
# "GROTON ―", is one too).
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][a-zA-Z .]{1,30})?)"
    r"(?:,\s*(?P<date>[^()—–―\-]{3,40}?))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*[—–―\-]{1,2}\s+"
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(
    r"^\s*" + WEEKDAY + r"(?:(?P<month>" + _MONTH_NAMES + r")\.?\s+(?P<day>[0-3]?\d)"
    r"|(?P<day2>[0-3]?\d)\s+(?P<month2>" + _MONTH_NAMES + r")\.?)(?:st|nd|rd|th)?\s*$",
    re.IGNORECASE)

# A wire dateline opening a paragraph, as the resolver reads it: "SEOUL, June 13
# (Reuters) —", "TIRANA, Albania (AP)", "Cebu City--".
FILED_FROM = re.compile(r"\s*(?:([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*)(?:,| \(| [-—–]|--)"
                        r"|([A-Z][a-z.'-]+(?: [A-Z][a-z.'-]+)*)(?:--| [—–] ))")
# The region a dateline's city is in, after its comma: "TIRANA, Albania (AP)",
# "ALBUQUERQUE, N.M. —", "MOSCOW, Idaho --" (not a date: "SEOUL, June 13 (Reuters)").
FILED_REGION = re.compile(r"\s*([A-Z][A-Za-z.']*(?: [A-Z][A-Za-z.']*)*)\s*(?:\(|[-—–]|,|$)")

# A place opening an article before a colon or dash: "Jakarta: ...", "Hanoi (VNA) - ...",
# "Riyadh, 11 March 2023 (TDI): ...", "NAYPYITAW [Myanmar], Nov 23, 2017: ...", the
# first of two ("TBILISI/BAKU — ...", "Bangkok/Phnom Penh: ..."), or a place in
# capitals in brackets after the date ("December 16, 2023 (PORT SUDAN) – ...").
_NAME = r"[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,2}"
_FULL_DATE = (r"(?i:(?:" + _MONTH_NAMES + r")\.? [0-3]?\d(?:st|nd|rd|th)?,? \d{4}"
              r"|[0-3]?\d (?:" + _MONTH_NAMES + r")\.?,? \d{4})")
OPENING_PLACE = re.compile(
    r"\s*(?:" + _FULL_DATE + r"\s*\((?P<bracketed>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2})\)"
    r"|(?P<place>" + _NAME + r")(?:/" + _NAME + r")?(?:\s*\[[^\]\n]{1,30}\])?"
    r"(?:,[^:\n]{0,40}?)?(?:\s*\([^)\n]{1,30}\))?)\s*(?::|[—–―]|--| - )")


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


def filed_from(paragraph: str) -> tuple[str, str | None] | None:
    """The city (as written) and region (None when none is named) of a dateline
    opening ``paragraph``, as the resolver reads it; None without one."""
    found = FILED_FROM.match(paragraph)
    if not found:
        return None
    region = (FILED_REGION.match(paragraph, found.end())
              if found.group(1) and paragraph[found.end() - 1] == "," else None)
    return found.group(1) or found.group(2), region.group(1) if region else None


def opening_place(paragraph: str) -> str | None:
    """The place named before a colon or dash at the start of ``paragraph``, if any."""
    found = OPENING_PLACE.match(paragraph)
    return (found.group("place") or found.group("bracketed")) if found else None


def opening_place_end(paragraph: str) -> int:
    """Where such an opening place and its colon or dash end (0: none)."""
    found = OPENING_PLACE.match(paragraph)
    return found.end() if found else 0
