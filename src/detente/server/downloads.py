"""CSV downloads of what the dashboard shows: the event mentions of a search or a
dyad page (every matching row, in the page's order, not one page of them) and
a dyad's chart series. The same filters (``store.filters``) and series
(``relations.series``) serve the pages, the API and ``detente export``."""

from __future__ import annotations

import csv
import io
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from detente.relations.series import COLUMNS
from detente.server import analysis
from detente.server.database import Database
from detente.server.labels import event_name
from detente.server.params import CODE_PATTERN, Sort, database, event_filter
from detente.settings import settings
from detente.store import dashboard
from detente.store.filters import EventFilter

router = APIRouter(include_in_schema=False)
Db = Annotated[Database, Depends(database)]
MAX_ROWS = settings().server.download_rows  # beyond this, `detente export` is the tool
# The columns of a downloaded list: what its table shows, each part in a column of its own.
EVENT_COLUMNS = ("id", "event_date", "pub_date", "source_side", "source_code", "source_text",
                 "cameo", "event_name", "target_side", "target_code", "target_text", "status",
                 "quad", "goldstein", "confidence", "sentence", "doc", "doc_id")


def csv_response(columns: tuple[str, ...], rows: list[dict[str, Any]], name: str) -> Response:
    """``rows`` as an RFC 4180 CSV attachment named ``name``."""
    text = io.StringIO()
    writer = csv.DictWriter(text, columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return Response(text.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/events.csv")
def events_csv(db: Db, where: Annotated[EventFilter, Depends(event_filter)],
               sort: Sort = "publication") -> Response:
    """Every event mention the search (or dyad page) with these filters lists, in
    its order."""
    with db.cursor() as cursor:
        total, rows = dashboard.events(cursor, where, MAX_ROWS + 1, order=sort)
    if total > MAX_ROWS:
        raise HTTPException(413, f"{total:,} event mentions: more than {MAX_ROWS:,}; narrow "
                                 f"the filters, or use `detente export`")
    return csv_response(EVENT_COLUMNS, [
        {**row, "id": f"{row['doc_id']}:{row['ordinal']}", "event_name": event_name(row["cameo"])}
        for row in rows], "events.csv")


@router.get("/dyad/{side_a}/{side_b}/series.csv")
def series_csv(db: Db, side_a: str, side_b: str,
               freq: Literal[analysis.FREQUENCIES] = "year",  # type: ignore[valid-type]
               ) -> Response:
    """The dyad page's chart as a table: a row a period, zeros included."""
    sides = [side.upper() for side in (side_a, side_b)]
    if not all(re.fullmatch(CODE_PATTERN, side) for side in sides):
        raise HTTPException(404, "no such side")
    rows = analysis.series(db, sides[0], sides[1], freq=freq)
    return csv_response(COLUMNS, rows, f"{sides[0]}-{sides[1]}-{freq}.csv")
