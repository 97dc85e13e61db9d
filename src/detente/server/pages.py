"""The analyst's pages, rendered on the server with Jinja2: overview, dyad,
actor, article (evidence highlighted), search and the actor finder. Every chart
point and event links to the sentences behind it, so the pages work with the
keyboard alone and without JavaScript; ``static/app.js`` only swaps the evidence
panel in place and lists the actor finder's names as they are typed."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import AfterValidator

from detente.charts import network_svg, timeline_svg
from detente.model import STATUSES
from detente.server import analysis
from detente.server.api import actor_search_json
from detente.server.database import Database
from detente.server.evidence import Span, evidence_spans, excerpt, paragraphs
from detente.server.labels import QUADS, UNKNOWN, event_name, side_name
from detente.server.params import (
    CODE_PATTERN,
    DOC_ID_PATTERN,
    MAX_QUERY_CHARS,
    PAGE_SIZE,
    Offset,
    Sort,
    blank_or,
    database,
    event_filter,
    event_id,
)
from detente.server.schemas import DATE_PATTERN, DAY_PATTERN, real_date
from detente.settings import settings
from detente.store import dashboard
from detente.store.counting import DEFAULT_RULE
from detente.store.filters import EventFilter

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
# A stored URL becomes a link only when it is plainly a web address: no javascript:,
# data: or scheme-relative address, nor one a browser would read otherwise (browsers
# drop tabs and line breaks inside a URL, and spaces around it).
WEB_ADDRESS = re.compile(r"https?://[^\x00-\x20\x7f/?#]+(?:[/?#][^\x00-\x20\x7f]*)?",
                         re.IGNORECASE)


def is_web_address(url: str | None) -> bool:
    return url is not None and WEB_ADDRESS.fullmatch(url) is not None


templates.env.globals.update(side_name=side_name, event_name=event_name, QUADS=QUADS,
                             STATUSES=STATUSES, UNKNOWN=UNKNOWN, event_id=event_id,
                             COUNTING=DEFAULT_RULE.describe(), is_web_address=is_web_address,
                             MAX_QUERY_CHARS=MAX_QUERY_CHARS)
router = APIRouter(include_in_schema=False)
Db = Annotated[Database, Depends(database)]
Freq = Literal[analysis.FREQUENCIES]  # type: ignore[valid-type]  # the tuple's values
Period = Annotated[str | None, Query(pattern=DATE_PATTERN), AfterValidator(real_date)]
SERVER = settings().server  # how long the pages' lists are ([server])


def render(request: Request, template: str, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    with request.app.state.db.cursor() as cursor:
        context.setdefault("counts", dashboard.counts(cursor))
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> Response:
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status_code, "message": message},
                                      status_code=status_code)


def checked(value: str, pattern: str, what: str) -> str:
    """A path part of the expected shape (codes upper-cased), else 404."""
    if not re.fullmatch(pattern, value):
        raise HTTPException(404, f"no such {what}")
    return value.upper() if pattern == CODE_PATTERN else value


def pager(request: Request, total: int, offset: int, size: int = PAGE_SIZE) -> dict[str, Any]:
    """Links to the previous and next page of a list, keeping the other parameters."""
    def at(position: int) -> str:
        return str(request.url.include_query_params(offset=position))
    return {"total": total, "first": offset + 1 if total else 0,
            "last": min(offset + size, total),
            "previous": at(max(offset - size, 0)) if offset > 0 else None,
            "next": at(offset + size) if offset + size < total else None}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, db: Db) -> Response:
    with db.cursor() as cursor:
        dyads = dashboard.dyads(cursor, SERVER.overview_dyads)
        _, recent = dashboard.events(cursor, EventFilter(), SERVER.overview_events)
        articles = dashboard.articles(cursor, SERVER.overview_articles)
    graph = analysis.network(db)
    busiest = {node["side"]: node["events"] for node in graph["nodes"][:SERVER.network_nodes]}
    picture = network_svg(busiest, [
        (edge["side_a"], edge["side_b"], edge["events"], edge["goldstein_mean"])
        for edge in graph["edges"]], link=lambda code: f"/actor/{code}", describe=side_name)
    return render(request, "overview.html", dyads=dyads, recent=recent, articles=articles,
                  network=picture, network_nodes=len(busiest), balance=graph["balance"])


def timeline(db: Database, request: Request, side_a: str, side_b: str | None, freq: str,
             period: str | None, where: EventFilter) -> dict[str, Any]:
    """The chart of a series and, for a chosen period, the event mentions behind it."""
    rows = analysis.series(db, side_a, side_b, freq=freq)
    chosen: list[dict[str, Any]] = []
    total = 0
    if period:
        with db.cursor() as cursor:
            total, chosen = dashboard.events(cursor, replace(where, start=period, end=period),
                                           SERVER.evidence_rows)
    here = request.url.path
    chart = timeline_svg(rows, unit=freq, link=lambda bar: f"{here}?freq={freq}&period={bar}"
                         "#evidence-panel", swap="#evidence-panel", selected=period)
    return {"timeline": chart, "freq": freq, "period": period,
            "frequencies": analysis.FREQUENCIES, "period_events": chosen,
            "period_total": total, "here": request.url.path}


@router.get("/dyad/{side_a}/{side_b}", response_class=HTMLResponse)
def dyad(request: Request, db: Db, side_a: str, side_b: str, offset: Offset = 0,
         freq: Freq = "year", period: Period = None) -> Response:
    a, b = checked(side_a, CODE_PATTERN, "side"), checked(side_b, CODE_PATTERN, "side")
    where = EventFilter(dyad=(a, b))
    with db.cursor() as cursor:
        total, rows = dashboard.events(cursor, where, PAGE_SIZE, offset)
    if not total:
        raise HTTPException(404, f"no events between {a} and {b}")
    return render(request, "dyad.html", a=a, b=b, events=rows,
                  pager=pager(request, total, offset),
                  ledger=analysis.ledger_entries(db, a, b),
                  world_map=analysis.world_map(db, a, b),
                  **timeline(db, request, a, b, freq, period, where))


@router.get("/actor/{side}", response_class=HTMLResponse)
def actor(request: Request, db: Db, side: str, offset: Offset = 0, freq: Freq = "year",
          period: Period = None) -> Response:
    code = checked(side, CODE_PATTERN, "side")
    where = EventFilter(country=code)
    with db.cursor() as cursor:
        total, rows = dashboard.events(cursor, where, PAGE_SIZE, offset)
        partners = dashboard.dyads(cursor, SERVER.actor_partners, side=code)
    if not total:
        raise HTTPException(404, f"no events with {code} on either side")
    return render(request, "actor.html", code=code, partners=partners, events=rows,
                  pager=pager(request, total, offset),
                  ledger=analysis.ledger_entries(db, code),
                  world_map=analysis.world_map(db, code),
                  **timeline(db, request, code, None, freq, period, where))


@router.get("/article/{doc_id}", response_class=HTMLResponse)
def article(request: Request, db: Db, doc_id: str,
            event: Annotated[int | None, Query(ge=0)] = None,
            mark: Annotated[str | None, Query(pattern=r"^[0-9]{1,9}-[0-9]{1,9}$")] = None,
            ) -> Response:
    """An article with one event's sentence, trigger and sides highlighted (or a
    sentence range ``mark``ed, as the ledger links do; or else every trigger)."""
    doc_id = checked(doc_id, DOC_ID_PATTERN, "article")
    with db.cursor() as cursor:
        try:
            found, mentions, rows = dashboard.article_with_events(cursor, doc_id)
        except LookupError as missing:
            raise HTTPException(404, str(missing)) from None
    text = found["text"]
    chosen = next((row for row in rows if row["ordinal"] == event), None)
    if chosen is not None:
        spans = evidence_spans(text, chosen, mentions)
    elif mark is not None:
        start, end = sorted(min(int(part), len(text)) for part in mark.split("-"))
        spans = [Span("sentence", start, end, text[start:end])]
    else:  # nothing chosen: every trigger word marked
        spans = [span for row in rows for span in evidence_spans(text, row, mentions)
                 if span.role == "trigger"]
    sentence = spans[0] if spans and spans[0].role == "sentence" else None
    return render(request, "article.html", article=found, events=rows, chosen=chosen,
                  spans=spans, paragraphs=paragraphs(text, spans),
                  sentence=excerpt(text, spans, sentence) if sentence else None)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> Response:
    """The API's endpoints and parameters, read from its own OpenAPI schema."""
    return render(request, "docs.html", schema=request.app.openapi())


@router.get("/actors", response_class=HTMLResponse)
def find_actor(request: Request, db: Db,
               q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
               on: Annotated[str | None, Query(alias="date", pattern=blank_or(DAY_PATTERN)),
                             AfterValidator(real_date)] = None) -> Response:
    """Names in the actor dictionary as a person types them (any case, misspelt:
    near names are offered), each with what it stands for, linked to its events."""
    query = (q or "").strip()
    found = actor_search_json(query, on or None) if query else None
    sides = sorted({reading["country"] or reading["code"]
                    for hit in (found["results"] if found else [])
                    for reading in hit["readings"] if reading["code"]})
    with db.cursor() as cursor:
        with_events = {side for side in sides
                       if dashboard.events(cursor, EventFilter(country=side), 1)[0]}
    return render(request, "actors.html", query=query, date=on or "", found=found,
                  with_events=with_events)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, db: Db, where: Annotated[EventFilter, Depends(event_filter)],
           offset: Offset = 0, sort: Sort = "publication") -> Response:
    """Event mentions matching the filters, newest published first or by event date;
    the download link keeps the filters and the order."""
    with db.cursor() as cursor:
        total, rows = dashboard.events(cursor, where, PAGE_SIZE, offset, sort)
    download = request.url.remove_query_params("offset").query
    return render(request, "search.html", where=where, events=rows, query=request.query_params,
                  sort=sort, pager=pager(request, total, offset),
                  download=f"/events.csv?{download}")

