"""The JSON API under ``/api``: events, evidence, articles, dyads and coding
posted text. Every endpoint reads through one time-limited cursor."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import AfterValidator
from starlette.concurrency import run_in_threadpool

from detente.actors.search import readings, search_actors
from detente.ingest.html import NoArticleError
from detente.model import event_record
from detente.relations.export import event_page
from detente.server import analysis
from detente.server.coding import CodingBusy, CodingFailed
from detente.server.database import Database
from detente.server.evidence import evidence_spans
from detente.server.labels import event_name, side_name
from detente.server.params import (
    CODE_PATTERN,
    DOC_ID_PATTERN,
    EVENT_ID_PATTERN,
    MAX_QUERY_CHARS,
    PAGE_SIZE,
    Limit,
    Offset,
    Sort,
    count_rule,
    database,
    event_filter,
    event_id,
    split_event_id,
)
from detente.server.schemas import (
    DATE_PATTERN,
    DAY_PATTERN,
    ActorSearchOut,
    ArticleOut,
    CountsOut,
    DeduplicatedPage,
    DyadOut,
    EventPage,
    EvidenceOut,
    ExtractIn,
    ExtractOut,
    JsonObject,
    Problem,
    SeriesPoint,
    real_date,
)
from detente.settings import settings
from detente.store import StoreError, dashboard
from detente.store.counting import CountRule
from detente.store.filters import EventFilter
from detente.store.series import SeriesError

if TYPE_CHECKING:
    from detente.pipeline import CodedArticle

router = APIRouter(prefix="/api", tags=["api"], responses={
    503: {"model": Problem, "description": "a query ran past the time limit"}})
Db = Annotated[Database, Depends(database)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}
Side = Annotated[str, Path(pattern=CODE_PATTERN, description="state or organisation: PRK")]
Freq = Literal["day", "week", "month", "year"]
Rule = Annotated[CountRule, Depends(count_rule)]
COUNTING_HEADER = "Counting"  # the counting rule of a dyad figure, in one line
SERVER = settings().server  # default and largest list lengths ([server])
Day = Annotated[str | None, Query(pattern=DATE_PATTERN, description="1994, 1994-06, …"),
                AfterValidator(real_date)]


def cached_json(db: Database, key: Hashable, compute: Callable[[], Any]) -> Response:
    """A JSON answer encoded once and kept (series and networks are asked for again
    and again; a read-only store does not change under them)."""
    body = db.cache.get(("json", key), lambda: json.dumps(
        compute(), ensure_ascii=False, separators=(",", ":")).encode())
    return Response(body, media_type="application/json")


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event-mention row as the API shows it."""
    return {**event_record(row), "id": event_id(row), "event_name": event_name(row["cameo"]),
            "trigger": row["trigger"], "trigger_span": [row["trigger_start"], row["trigger_end"]]}


def evidence_json(row: dict[str, Any], text: str,
                  mentions: list[dict[str, Any]]) -> dict[str, Any]:
    spans = [span.__dict__ for span in evidence_spans(text, row, mentions)]
    return {**event_json(row), "spans": spans}


@router.get("/summary", response_model=CountsOut)
def summary(db: Db) -> dict[str, int]:
    """How many articles, event mentions, sides and failed inputs the store holds."""
    with db.cursor() as cursor:
        return dashboard.counts(cursor)


@router.get("/events", response_model=EventPage)
def events(db: Db, where: Annotated[EventFilter, Depends(event_filter)],
           limit: Limit = PAGE_SIZE, offset: Offset = 0, sort: Sort = "publication",
           order: Annotated[Literal["date", "recent", "text"] | None, Query(
               deprecated=True, description="the earlier name of sort: date is "
                                            "event_date, recent is publication; text is "
                                            "article by article in text order")] = None,
           ) -> dict[str, Any]:
    """Event mentions matching every given filter, a page at a time, newest published
    first (``sort=event_date``: oldest event first)."""
    with db.cursor() as cursor:
        total, rows = dashboard.events(cursor, where, limit, offset, order or sort)
    return {"total": total, "limit": limit, "offset": offset,
            "items": [event_json(row) for row in rows]}


@router.get("/deduplicated-events", response_model=DeduplicatedPage)
def deduplicated_events(db: Db, where: Annotated[EventFilter, Depends(event_filter)],
                        limit: Limit = PAGE_SIZE, offset: Offset = 0,
                        sort: Sort = "publication") -> dict[str, Any]:
    """Deduplicated events (the mentions of one event counted once, as ``detente
    export`` writes them) matching every given filter, a page at a time, first
    published newest first (``sort=event_date``: oldest event first): the filters
    of ``/api/events`` and ``detente export`` alike."""
    with db.cursor() as cursor:
        total, rows = event_page(cursor, where, limit, offset, sort)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/events/{event_id}", response_model=EvidenceOut, responses=NOT_FOUND)
def event(db: Db, event_id: Annotated[str, Path(pattern=EVENT_ID_PATTERN)]) -> dict[str, Any]:
    """One event mention with the ranges of its sentence, trigger and sides."""
    doc_id, ordinal = split_event_id(event_id)
    with db.cursor() as cursor:
        row = dashboard.event(cursor, doc_id, ordinal)
        if row is None:
            raise HTTPException(404, f"no event {event_id}")
        found = dashboard.article(cursor, doc_id)
        mentions = dashboard.mentions(cursor, doc_id)
    return evidence_json(row, found["text"] if found else "", mentions)


@router.get("/articles/{doc_id}", response_model=ArticleOut, responses=NOT_FOUND)
def article(db: Db, doc_id: Annotated[str, Path(pattern=DOC_ID_PATTERN)]) -> dict[str, Any]:
    """An article's clean text and its events, each with its evidence ranges."""
    with db.cursor() as cursor:
        try:
            found, mentions, rows = dashboard.article_with_events(cursor, doc_id)
        except LookupError as missing:
            raise HTTPException(404, str(missing)) from None
    return {**found, "events": [evidence_json(row, found["text"], mentions) for row in rows]}


@router.get("/dyads", response_model=list[DyadOut])
def dyads(db: Db, response: Response, rule: Rule, limit: Limit = SERVER.api_dyads,
          side: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None) -> list[dict]:
    """The busiest dyads (both directions together); only ``side``'s when given. By
    default a count is of events (reports of one event counted once) between two
    different states or organisations that took place; the ``Counting`` header says
    the rule in one line."""
    with db.cursor() as cursor:
        rows = dashboard.dyads(cursor, limit, side.upper() if side else None, rule)
    response.headers[COUNTING_HEADER] = rule.describe()
    return [{**row, "name_a": side_name(row["side_a"]), "name_b": side_name(row["side_b"])}
            for row in rows]


@router.get("/dyads/{side_a}/{side_b}/series", response_model=list[SeriesPoint])
def dyad_series(db: Db, side_a: Side, side_b: Side, rule: Rule, freq: Freq = "month",
                start: Day = None, end: Day = None, directed: bool = False) -> Response:
    """Events between two sides per period, by quad class, with Goldstein mean and sum,
    a point for every period from the first to the last, zeros included. Counted as
    ``/api/dyads`` counts (the ``Counting`` header). ``directed`` keeps only events
    with ``side_a`` as source."""
    return series(db, side_a.upper(), side_b.upper(), freq=freq, start=start, end=end,
                  directed=directed, rule=rule)


@router.get("/actors/{side}/series", response_model=list[SeriesPoint])
def actor_series(db: Db, side: Side, rule: Rule, freq: Freq = "month", start: Day = None,
                 end: Day = None, directed: bool = False) -> Response:
    """A side's events with everyone per period (``directed``: only those it started)."""
    return series(db, side.upper(), None, freq=freq, start=start, end=end,
                  directed=directed, rule=rule)


@router.get("/actors/search", response_model=ActorSearchOut)
def actor_search(
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS,
                            description="a name in any case: kim dae-jung, UNITED NATIONS, prk")],
    on: Annotated[str | None, Query(alias="date", pattern=DAY_PATTERN,
                                    description="what each name stood for on this day"),
                  AfterValidator(real_date)] = None,
    limit: Annotated[int, Query(ge=1, le=SERVER.max_search_results,
                                description="most suggestions")] = SERVER.search_results,
) -> dict[str, Any]:
    """Names in the actor dictionary: the name as written, else in any case and
    without accents (or a state's code), else names that begin with it or are
    close to it, offered as suggestions; each with what it stands for."""
    return actor_search_json(q, on, limit)


def actor_search_json(query: str, on: str | None,
                      limit: int = SERVER.search_results) -> dict[str, Any]:
    """What ``/api/actors/search`` answers (the actors page shows the same)."""
    day = date.fromisoformat(on) if on else None
    hits = search_actors(query, limit=limit)
    found = any(hit.found for hit in hits)
    return {"query": query, "date": on, "found": found,
            "results": [{"alias": hit.alias, "match": hit.match, "score": hit.score,
                         "readings": [{**reading.__dict__,
                                       "valid_from": _iso(reading.valid_from),
                                       "valid_to": _iso(reading.valid_to)}
                                      for reading in readings(hit.alias, day)]}
                        for hit in hits],
            "did_you_mean": [] if found else [hit.alias for hit in hits]}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def invalid(where: tuple[str, ...], error: Exception) -> RequestValidationError:
    """A parameter the library refused, reported as FastAPI reports a bad parameter."""
    message = str(error)
    name = where[-1]
    if message.startswith(f"{name}: "):
        message = message[len(name) + 2:]
    return RequestValidationError([{"loc": where, "msg": message, "type": "value_error"}])


def series(db: Database, side_a: str, side_b: str | None, **options: Any) -> Response:
    try:
        answer = cached_json(db, ("series", side_a, side_b, *sorted(options.items())),
                             lambda: analysis.series(db, side_a, side_b, **options))
    except SeriesError as error:
        name = str(error).split(":", 1)[0]
        raise invalid(("query", name if name in options else "freq"), error) from None
    answer.headers[COUNTING_HEADER] = options["rule"].describe()
    return answer


@router.get("/ledger/{country}", response_model=list[JsonObject])
def ledger(db: Db, country: Side,
           other: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None) -> list[dict]:
    """The diplomatic ledger of a state: relations established, broken, restored,
    embassies and offices opened or closed, each with its evidence sentence."""
    return analysis.ledger_entries(db, country.upper(), other.upper() if other else None)


@router.get("/network", response_model=JsonObject)
def network(db: Db, rule: Rule, start: Day = None, end: Day = None,
            min_events: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    """The signed relation graph of a window: sides with their centrality and
    community, edges with their event counts (counted as ``/api/dyads`` counts) and
    Goldstein weight, and how balanced its triads are."""
    try:
        answer = cached_json(db, ("network", start, end, min_events, rule),
                             lambda: analysis.network(db, start, end, min_events, rule))
    except SeriesError as error:
        name = str(error).split(":", 1)[0]
        raise invalid(("query", name if name in ("start", "end") else "start"), error) from None
    answer.headers[COUNTING_HEADER] = rule.describe()
    return answer


EXTRACT_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"model": Problem, "description": "the server is read-only: it codes nothing"},
    413: {"model": Problem, "description": "the body is over the size limit"},
    503: {"model": Problem, "description": "too many texts waiting to be coded (see "
          "Retry-After), or coding ran past its time limit"}}


@router.post("/extract", response_model=ExtractOut, responses=EXTRACT_RESPONSES)
async def extract(db: Db, request: Request, posted: ExtractIn) -> dict[str, Any]:
    """Code the events in posted text (on a server started with ``--writable``; a
    read-only server codes nothing); nothing is kept unless ``store`` is true. Texts
    are coded one at a time in a worker process; when a few are already waiting the
    answer is 503 with Retry-After."""
    if not db.writable:
        raise HTTPException(403, "this server is read-only and codes no posted text: "
                                 "start it with --writable")
    try:
        coded = await request.app.state.coder.code(posted.text, posted.pub_date)
    except NoArticleError as error:
        raise invalid(("body", "text"), error) from None
    except CodingBusy as busy:
        raise HTTPException(503, str(busy),
                            headers={"Retry-After": str(busy.retry_after_s)}) from None
    except CodingFailed as failed:
        raise HTTPException(503, str(failed)) from None
    stored = posted.store and await run_in_threadpool(store_coded, db, coded)
    return {"doc_id": coded.article.doc_id, "stored": stored,
            "events": [event.to_record() for event in coded.events]}


def store_coded(db: Database, coded: CodedArticle) -> bool:
    """Keep a coded article; False when it was stored before. Like the end of
    `detente extract`, regroups the mentions into events, so that the article
    shows at once in dyads, series, the network, exports and `detente dyad`, not
    only among the event mentions."""
    assert db.store is not None  # a writable server holds a store (checked above)
    with db.write_lock:
        try:
            stored = db.store.add_article(coded.article, coded.mentions, coded.events,
                                          coded.steps)
            if stored:
                db.store.refresh_events()
        except StoreError as error:
            raise HTTPException(500, str(error)) from None
        finally:
            db.changed()
    return stored
