"""Request parameters shared by the API and the pages: validated here, once, so a
value reaching SQL is always a bound parameter of a known shape."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import HTTPException, Query, Request
from pydantic import AfterValidator

from detente.model import STATUSES
from detente.server.database import Database
from detente.server.schemas import DATE_PATTERN, real_date
from detente.settings import settings
from detente.store.counting import CountRule
from detente.store.filters import EventFilter

MAX_PAGE_SIZE = settings().server.max_page_size  # [server] max_page_size
MAX_OFFSET = settings().server.max_offset  # [server] max_offset
PAGE_SIZE = settings().server.page_size  # [server] page_size: a page without a limit
MAX_QUERY_CHARS = settings().server.max_query_chars  # [server] max_query_chars: a search text
CODE_PATTERN = r"^[A-Za-z0-9]{2,24}$"
DYAD_PATTERN = r"^[A-Za-z0-9]{2,24}-[A-Za-z0-9]{2,24}$"
DOC_ID_PATTERN = r"^[0-9a-f]{1,64}$"
EVENT_ID_PATTERN = r"^[0-9a-f]{1,64}:[0-9]{1,9}$"
STATUS_PATTERN = "^(" + "|".join(STATUSES) + ")$"

Code = Annotated[str, Query(pattern=CODE_PATTERN)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
# How a list of events is sorted: by publication date, newest first (the default
# everywhere), or by event date, oldest first.
Sort = Annotated[Literal["publication", "event_date"], Query(
    description="publication: newest published first (default); event_date: oldest "
                "event first (its own date, else its publication)")]


def database(request: Request) -> Database:
    return request.app.state.db


def blank_or(pattern: str) -> str:
    """``pattern`` or nothing: a form's empty field means 'any'."""
    return f"^(?:{pattern.strip('^$')})?$"


def upper_codes(values: list[str] | None) -> list[str] | None:
    """Codes of a repeatable parameter, each of ``CODE_PATTERN``'s shape, upper-cased;
    blanks (a form's empty field) dropped."""
    codes = [value.strip().upper() for value in values or [] if value.strip()]
    for code in codes:
        if not re.fullmatch(CODE_PATTERN, code):
            raise ValueError(f"{code!r} is not a code like USAGOV or PRK")
    return codes


def event_filter(
    actor: Annotated[list[str] | None, Query(
        description="actor code (USAGOV) or state or organisation (PRK) on either side; "
                    "repeat for any of several"), AfterValidator(upper_codes)] = None,
    country: Annotated[str | None, Query(
        pattern=blank_or(CODE_PATTERN),
        description="state or organisation on either side: PRK")] = None,
    dyad: Annotated[str | None, Query(pattern=blank_or(DYAD_PATTERN),
                                      description="both sides, either direction: PRK-USA")] = None,
    code: Annotated[str | None, Query(pattern=r"^[0-9]{0,4}$",
                                      description="CAMEO code or prefix: 04, 042")] = None,
    root: Annotated[str | None, Query(pattern=r"^([0-9]{2})?$",
                                      description="CAMEO root code: 04")] = None,
    quad: Annotated[str | None, Query(pattern=r"^[1-4]?$", description="1 verbal cooperation, "
                                      "2 material cooperation, 3 verbal conflict, "
                                      "4 material conflict")] = None,
    status: Annotated[str | None, Query(pattern=blank_or(STATUS_PATTERN))] = None,
    start: Annotated[str | None, Query(pattern=blank_or(DATE_PATTERN),
                                       description="event date from: 1994, 1994-06"),
                     AfterValidator(real_date)] = None,
    end: Annotated[str | None, Query(pattern=blank_or(DATE_PATTERN),
                                     description="event date up to, inclusive"),
                   AfterValidator(real_date)] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS,
                                   description="words in the evidence sentence")] = None,
    min_confidence: Annotated[float | None, Query(
        ge=0, le=1, description="the coder's confidence, at least (0 … 1)")] = None,
) -> EventFilter:
    """The events filter from query parameters (empty ones ignored; codes upper-cased)."""
    return EventFilter(actors=tuple(actor or ()),
                       country=country.upper() if country else None,
                       dyad=_pair(dyad),
                       code=code or None, root=root or None, quad=int(quad) if quad else None,
                       status=status or None, start=start or None, end=end or None,
                       text=q.strip() if q and q.strip() else None,
                       min_confidence=min_confidence)


def count_rule(
    count: Annotated[Literal["events", "mentions"], Query(
        description="events (reports of one event counted once) or mentions")] = "events",
    all_statuses: Annotated[bool, Query(
        description="count plans, refusals and conjectures too, not only events that "
                    "took place")] = False,
    basis: Annotated[Literal["event", "publication"], Query(
        description="date events by their own date (else publication), or publication")
    ] = "event",
) -> CountRule:
    """The counting rule of a dyad figure from query parameters (``store.counting``)."""
    return CountRule(count, all_statuses, basis)


def split_event_id(event_id: str) -> tuple[str, int]:
    """``doc_id:ordinal`` → its parts; 404 for anything else."""
    doc_id, _, ordinal = event_id.partition(":")
    if not ordinal.isdigit():
        raise HTTPException(404, f"no event {event_id!r}")
    return doc_id, int(ordinal)


def event_id(row: dict) -> str:
    return f"{row['doc_id']}:{row['ordinal']}"


def _pair(dyad: str | None) -> tuple[str, str] | None:
    """"PRK-USA" as its two codes, upper-cased (the pattern checked there is one dash)."""
    if not dyad:
        return None
    first, _, second = dyad.upper().partition("-")
    return first, second
