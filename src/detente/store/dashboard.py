"""The reads of the dashboard and the JSON API (``detente.server``): event
mentions with their ids, articles with their actor mentions and events, the
busiest dyads, and how much the store holds. SQL with bound parameters only;
each function takes the cursor of one request."""

from __future__ import annotations

from typing import Any

import duckdb

from detente.model import EVENT_COLUMNS
from detente.store.counting import DEFAULT_RULE, CountRule, dyad_totals
from detente.store.events import event_mentions_source, events_source, plausible_dates
from detente.store.filters import EVENT_DATE, EventFilter, filter_clause
from detente.store.schema import SIDE, has_column

SOURCE_SIDE = SIDE.format(prefix="source")
TARGET_SIDE = SIDE.format(prefix="target")
# An event's place among its article's events, in text order: its id is doc_id:ordinal.
ORDINAL = ("row_number() OVER (PARTITION BY doc_id ORDER BY sentence_index, trigger_start, "
           "span_start, source_code, target_code, cameo, status) - 1")
# The event mentions as the filters read them (``store.filters``): with their sides.
# A date after the article's publication is dropped unless the event has not happened.
def numbered_events(cursor: duckdb.DuckDBPyConnection) -> str:
    """The event mentions with their ordinal and sides (``event_mentions_source``:
    an older store read-only has no location columns of its own)."""
    return (f"SELECT * {plausible_dates()}, {ORDINAL} AS ordinal, "
            f"{SOURCE_SIDE} AS source_side, {TARGET_SIDE} AS target_side "
            f"FROM {event_mentions_source(cursor)}")


READ_COLUMNS = (*EVENT_COLUMNS, "ordinal", "source_side", "target_side")


# Orders a caller may ask for, by name: never spliced in from the request itself.
# Every list of events is by publication date, newest first, unless asked otherwise
# (a misdated event cannot jump to the top of the list the way it can by event date).
ORDERS = {
    "publication": "pub_date DESC NULLS LAST, doc, sentence_index, ordinal",
    "event_date": f"{EVENT_DATE} NULLS LAST, doc, sentence_index, ordinal",  # oldest first
    "text": "doc, sentence_index, ordinal",
}
ORDERS.update(recent=ORDERS["publication"], date=ORDERS["event_date"])  # earlier names
DEFAULT_ORDER = "publication"


def _rows(cursor: duckdb.DuckDBPyConnection, query: str, parameters: list[Any],
          columns: tuple[str, ...]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row, strict=True))
            for row in cursor.execute(query, parameters).fetchall()]


def _named_rows(cursor: duckdb.DuckDBPyConnection, query: str, parameters: dict[str, Any],
                columns: tuple[str, ...]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row, strict=True))
            for row in cursor.execute(query, parameters).fetchall()]


def events(cursor: duckdb.DuckDBPyConnection, event_filter: EventFilter, limit: int,
           offset: int = 0, order: str = DEFAULT_ORDER) -> tuple[int, list[dict[str, Any]]]:
    """One page of event-mention rows matching the filter in ``order`` (an ``ORDERS``
    name), and how many match."""
    condition, parameters = filter_clause(event_filter)
    matching = f"FROM ({numbered_events(cursor)}) WHERE {condition}"
    total = cursor.execute(f"SELECT count(*) {matching}", parameters).fetchall()[0][0]
    query = (f"SELECT {', '.join(READ_COLUMNS)} {matching} "
             f"ORDER BY {ORDERS[order]} LIMIT $limit OFFSET $offset")
    return total, _named_rows(cursor, query, {**parameters, "limit": limit, "offset": offset},
                              READ_COLUMNS)


def event(cursor: duckdb.DuckDBPyConnection, doc_id: str,
          ordinal: int) -> dict[str, Any] | None:
    """The event mention with id ``doc_id:ordinal``, or None."""
    rows = _rows(cursor, f"SELECT {', '.join(READ_COLUMNS)} FROM ({numbered_events(cursor)}) "
                 "WHERE doc_id = ? AND ordinal = ?", [doc_id, ordinal], READ_COLUMNS)
    return rows[0] if rows else None


def article_events(cursor: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    """Every event mention of one article, in text order."""
    return _rows(cursor, f"SELECT {', '.join(READ_COLUMNS)} FROM ({numbered_events(cursor)}) "
                 f"WHERE doc_id = ? ORDER BY {ORDERS['text']}", [doc_id], READ_COLUMNS)


ARTICLE_FIELDS = ("doc_id", "doc", "url", "title", "pub_date", "pub_date_precision",
                   "source_format", "text")
MENTION_FIELDS = ("start_char", "end_char", "text", "code")


def article(cursor: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """An article's stored fields (the file path on the coder's disk left out)."""
    tone = "tone" if has_column(cursor, "articles", "tone") else "NULL"  # an older store
    fields = (*ARTICLE_FIELDS, "tone")
    rows = _rows(cursor, f"SELECT {', '.join(ARTICLE_FIELDS)}, {tone} FROM articles "
                 "WHERE doc_id = ?", [doc_id], fields)
    return rows[0] if rows else None


def article_with_events(cursor: duckdb.DuckDBPyConnection, doc_id: str
                        ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """An article, its actor mentions and its events, for the article endpoint and
    page; ``LookupError`` naming the id when there is no such article."""
    found = article(cursor, doc_id)
    if found is None:
        raise LookupError(f"no article {doc_id}")
    return found, mentions(cursor, doc_id), article_events(cursor, doc_id)


def mentions(cursor: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    """The actor mentions found in an article, in text order."""
    return _rows(cursor, f"SELECT {', '.join(MENTION_FIELDS)} FROM mentions "
                 "WHERE doc_id = ? ORDER BY start_char", [doc_id], MENTION_FIELDS)


def articles(cursor: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """The newest articles with their event counts."""
    columns = ("doc_id", "doc", "title", "pub_date", "events")
    return _rows(cursor, """
        SELECT a.doc_id, a.doc, a.title, a.pub_date, count(e.doc_id)
        FROM articles a LEFT JOIN event_mentions e USING (doc_id)
        GROUP BY ALL ORDER BY a.pub_date DESC NULLS LAST, a.doc LIMIT ?""", [limit], columns)


DYAD_COLUMNS = ("side_a", "side_b", "events", "goldstein_mean", "cooperative",
                "conflictual", "first", "last")


def dyads(cursor: duckdb.DuckDBPyConnection, limit: int, side: str | None = None,
          rule: CountRule = DEFAULT_RULE) -> list[dict[str, Any]]:
    """The busiest dyads by ``rule``'s count, both directions together; only those of
    ``side`` when given (that side then comes first)."""
    return [{column: getattr(total, column) for column in DYAD_COLUMNS}
            for total in dyad_totals(cursor, rule, side=side, limit=limit)]


def counts(cursor: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How much the store holds."""
    row = cursor.execute(f"""
        SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_mentions),
               (SELECT count(DISTINCT side) FROM (
                    SELECT {SOURCE_SIDE} AS side FROM event_mentions
                    UNION ALL SELECT {TARGET_SIDE} FROM event_mentions)),
               (SELECT count(*) FROM failures)""").fetchall()[0]
    return dict(zip(("articles", "event_mentions", "sides", "failures"), row, strict=True))


def holdings(cursor: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """How many articles, event mentions and events the store holds (the report's header)."""
    articles, mentions = cursor.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_mentions)"
    ).fetchall()[0]
    source, parameters = events_source(cursor)
    events = cursor.execute(f"SELECT count(*) FROM {source}", parameters).fetchall()[0][0]
    return articles, mentions, events
