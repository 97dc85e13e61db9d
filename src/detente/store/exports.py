"""The reads behind ``detente export`` and the API's deduplicated events: the
events matching an ``EventFilter`` with the keys of their mentions (the exports
oldest first by event date, the API's list newest first by publication), GDELT's events
and mentions tables and ICEWS's event table (``detente.relations.export`` lays
them out)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import duckdb

from detente.store.counting import HAPPENED
from detente.store.events import MENTION_KEY, events_source, links_source
from detente.store.filters import EventFilter, filter_clause
from detente.store.schema import has_column

if TYPE_CHECKING:
    import pyarrow as pa

BATCH = 10_000
EVERYTHING = EventFilter()


def filtered_events(connection: duckdb.DuckDBPyConnection, where: EventFilter = EVERYTHING
                    ) -> tuple[str, dict[str, Any]]:
    """A FROM-clause item of the events matching ``where``, and its parameters."""
    events, parameters = events_source(connection)
    condition, filter_parameters = filter_clause(where)
    return (f"(SELECT * FROM {events} AS every_event WHERE {condition})",
            {**parameters, **filter_parameters})


# The orders of a list of events, by name: by event date, oldest first (the exports),
# or by first publication, newest first (the API's list).
EVENT_ORDERS = {
    "event_date": "e.event_day, e.event_id",
    "publication": "e.pub_day DESC NULLS LAST, e.event_id",
}


def events_query(connection: duckdb.DuckDBPyConnection, where: EventFilter = EVERYTHING,
                 flat_keys: bool = False, page: tuple[int, int] | None = None,
                 order: str = "event_date") -> tuple[str, dict[str, Any]]:
    """The events matching ``where`` in ``order`` (an ``EVENT_ORDERS`` name), each
    with the keys of its mentions (a list, or ';'-joined when ``flat_keys``);
    ``page`` (limit, offset) keeps a page."""
    events, event_parameters = filtered_events(connection, where)
    links, link_parameters = links_source(connection)
    keys = "array_to_string(l.mention_keys, ';')" if flat_keys else "l.mention_keys"
    query = f"""SELECT e.* EXCLUDE (event_day, pub_day), {keys} AS mention_keys
                FROM {events} AS e LEFT JOIN (
                    SELECT event_id, list(mention_key ORDER BY mention_key) AS mention_keys
                    FROM {links} GROUP BY event_id) AS l USING (event_id)
                ORDER BY {EVENT_ORDERS[order]}"""
    if page is not None:
        query += " LIMIT $page_limit OFFSET $page_offset"
        link_parameters = {**link_parameters, "page_limit": page[0], "page_offset": page[1]}
    return query, {**event_parameters, **link_parameters}


def count_events(connection: duckdb.DuckDBPyConnection, where: EventFilter) -> int:
    """How many events match ``where``."""
    events, parameters = filtered_events(connection, where)
    return connection.execute(f"SELECT count(*) FROM {events}", parameters).fetchall()[0][0]


def event_rows(connection: duckdb.DuckDBPyConnection, where: EventFilter = EVERYTHING,
               page: tuple[int, int] | None = None,
               order: str = "event_date") -> Iterator[dict[str, Any]]:
    """The events matching ``where`` (``events_query``), read a batch at a time."""
    query, parameters = events_query(connection, where, page=page, order=order)
    return rows(connection, query, parameters)


def event_table(connection: duckdb.DuckDBPyConnection, where: EventFilter = EVERYTHING,
                flat_keys: bool = False) -> pa.Table:
    """The events matching ``where`` (``events_query``) as one Arrow table."""
    query, parameters = events_query(connection, where, flat_keys=flat_keys)
    return connection.sql(query, params=parameters).to_arrow_table()


def rows(connection: duckdb.DuckDBPyConnection, query: str,
         parameters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    cursor = connection.execute(query, parameters)
    columns = [column[0] for column in cursor.description]
    while batch := cursor.fetchmany(BATCH):
        for row in batch:
            yield dict(zip(columns, row, strict=True))


def events_left_out(connection: duckdb.DuckDBPyConnection, where: EventFilter = EVERYTHING,
                    statuses: Sequence[str] = HAPPENED) -> dict[str, int]:
    """How many events matching ``where`` have a status outside ``statuses``, by
    status (what a GDELT export leaves out by default)."""
    events, parameters = filtered_events(connection, where)
    return dict(connection.execute(
        f"SELECT coalesce(status, 'unknown') AS status, count(*) FROM {events} "
        f"WHERE NOT list_contains($statuses, status) OR status IS NULL "
        f"GROUP BY ALL ORDER BY 2 DESC, 1",
        {**parameters, "statuses": list(statuses)}).fetchall())


MENTIONS_QUERY = """
SELECT DISTINCT ON (l.event_id, m.doc_id, m.sentence_index, m.trigger_start)
    l.event_id, e.event_day, e.pub_day AS event_added, m.pub_date, a.url, a.path, m.doc,
    m.sentence_index, m.trigger_start, m.confidence, length(a.text) AS doc_len,
    {tone} AS doc_tone,
    CASE WHEN strpos(m.sentence, m.source_text) > 0 AND strpos(a.text, m.sentence) > 0
         THEN strpos(a.text, m.sentence) + strpos(m.sentence, m.source_text) - 2 ELSE -1
    END AS actor1_offset,
    CASE WHEN strpos(m.sentence, m.target_text) > 0 AND strpos(a.text, m.sentence) > 0
         THEN strpos(a.text, m.sentence) + strpos(m.sentence, m.target_text) - 2 ELSE -1
    END AS actor2_offset,
    coalesce(nullif(regexp_extract(a.url, '^[A-Za-z]+://(?:www\\.)?([^/:?#]+)', 1), ''),
             nullif(regexp_replace(a.path, '[/\\\\][^/\\\\]*$', ''), a.path), m.doc)
        AS source_name
FROM {links} AS l
JOIN event_mentions AS m ON l.doc_id = m.doc_id AND l.sentence_index = m.sentence_index
    AND l.trigger_start IS NOT DISTINCT FROM m.trigger_start AND l.mention_key = {key}
JOIN {events} AS e ON e.event_id = l.event_id
LEFT JOIN articles AS a ON a.doc_id = m.doc_id
ORDER BY l.event_id, m.doc_id, m.sentence_index, m.trigger_start"""


def _gdelt_events(connection: duckdb.DuckDBPyConnection, where: EventFilter,
                  statuses: Sequence[str] | None) -> tuple[str, dict[str, Any]]:
    """The events of a GDELT (or ICEWS) export: those matching ``where`` with both
    sides coded whose status is in ``statuses`` (any status when None)."""
    events, event_parameters = filtered_events(connection, where)
    # GDELT and ICEWS rows are between coded actors: an event a store kept with a side known
    # only by its words (a partial pipeline, an older version) is left out
    events = (f"(SELECT * FROM {events} AS coded "
              f"WHERE source_code IS NOT NULL AND target_code IS NOT NULL)")
    if statuses is not None:
        events = (f"(SELECT * FROM {events} AS kept WHERE list_contains($statuses, status))")
        event_parameters = {**event_parameters, "statuses": list(statuses)}
    return events, event_parameters


def gdelt_events(connection: duckdb.DuckDBPyConnection, where: EventFilter,
                 statuses: Sequence[str] | None) -> Iterator[dict[str, Any]]:
    """The events of a GDELT export (``_gdelt_events``), oldest first."""
    events, parameters = _gdelt_events(connection, where, statuses)
    return rows(connection, f"SELECT * FROM {events} AS e ORDER BY event_day, event_id",
                parameters)


def gdelt_mentions(connection: duckdb.DuckDBPyConnection, where: EventFilter,
                   statuses: Sequence[str] | None) -> Iterator[dict[str, Any]]:
    """The mentions of the events of a GDELT export, each with its article."""
    events, event_parameters = _gdelt_events(connection, where, statuses)
    links, link_parameters = links_source(connection)
    tone = "a.tone" if has_column(connection, "articles", "tone") else "CAST(NULL AS DOUBLE)"
    query = MENTIONS_QUERY.format(links=links, events=events, key=MENTION_KEY, tone=tone)
    return rows(connection, query, {**event_parameters, **link_parameters})


def icews_events(connection: duckdb.DuckDBPyConnection, where: EventFilter,
                 statuses: Sequence[str] | None) -> Iterator[dict[str, Any]]:
    """The events of an ICEWS export (the rows of a GDELT export), oldest first, each
    with its story's ``publisher`` (``with_story``)."""
    return with_story(connection, *_gdelt_events(connection, where, statuses))


def plover_events(connection: duckdb.DuckDBPyConnection,
                  where: EventFilter) -> Iterator[dict[str, Any]]:
    """The events of a PLOVER export: those matching ``where``, oldest first, each with
    its story's ``story_url`` and ``publisher`` (``with_story``)."""
    return with_story(connection, *filtered_events(connection, where))


def with_story(connection: duckdb.DuckDBPyConnection, events: str,
               parameters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``events`` oldest first, each with what is known of its story, the article of
    its representative mention (``doc_id``, whose sentence is the event's): its
    ``story_url`` (URL, else file) and ``publisher`` (its site, else its web host;
    NULL for a file with neither)."""
    site = "a.site" if has_column(connection, "articles", "site") else "CAST(NULL AS VARCHAR)"
    return rows(connection, f"""
        SELECT e.*, coalesce(nullif(trim({site}), ''), nullif(regexp_extract(
                   a.url, '^[A-Za-z]+://(?:www\\.)?([^/:?#]+)', 1), '')) AS publisher,
               coalesce(a.url, a.path, a.doc) AS story_url
        FROM {events} AS e LEFT JOIN articles AS a ON a.doc_id = e.doc_id
        ORDER BY e.event_day, e.event_id""", parameters)
