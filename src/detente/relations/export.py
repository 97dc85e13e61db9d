"""Exports of the deduplicated events: JSONL, Parquet, CSV, PLOVER JSON in
POLECAT's field names, and GDELT 2.0's 61-column event table with its 16-column
mentions table beside it, so tools written for GDELT read detente output unchanged.

Every export takes an ``EventFilter`` (``store.filters``), the one the API's
event lists take, so an export holds exactly the events the API lists for the
same question.

JSONL, CSV, Parquet and PLOVER hold every event with its ``status`` (occurred,
ongoing, planned, proposed, negated, conditional, hypothetical). GDELT's layout
has no status column, and GDELT tools count every row as something that
happened, so the GDELT tables hold only events that took place (occurred or
ongoing) unless ``all_statuses`` asks for the rest too.

Files are written whole or not at all, and only over a regular file
(``relations.output``); ``-`` writes to standard output.

GDELT columns detente does not measure are left as GDELT leaves unknowns: tone
(AvgTone, MentionDocTone) is 0, geography is empty with geo type 0, and ethnic,
religion and secondary type codes are empty."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import duckdb
import pyarrow.csv
import pyarrow.parquet

from detente.relations.output import STDOUT, OutputError, as_text, binary_outputs
from detente.store.counting import HAPPENED
from detente.store.events import MENTION_KEY, events_source, links_source
from detente.store.filters import EventFilter, filter_clause

FORMATS = ("jsonl", "parquet", "csv", "plover", "gdelt")
BATCH = 10_000
EVERYTHING = EventFilter()


def filtered_events(connection: duckdb.DuckDBPyConnection, where: EventFilter = EVERYTHING
                    ) -> tuple[str, dict[str, Any]]:
    """A FROM-clause item of the events matching ``where``, and its parameters."""
    events, parameters = events_source(connection)
    condition, filter_parameters = filter_clause(where)
    return (f"(SELECT * FROM {events} AS every_event WHERE {condition})",
            {**parameters, **filter_parameters})


def events_query(connection: duckdb.DuckDBPyConnection, where: EventFilter = EVERYTHING,
                 flat_keys: bool = False, page: tuple[int, int] | None = None
                 ) -> tuple[str, dict[str, Any]]:
    """The events matching ``where``, oldest first, each with the keys of its mentions
    (a list, or ';'-joined when ``flat_keys``); ``page`` (limit, offset) keeps a page."""
    events, event_parameters = filtered_events(connection, where)
    links, link_parameters = links_source(connection)
    keys = "array_to_string(l.mention_keys, ';')" if flat_keys else "l.mention_keys"
    query = f"""SELECT e.* EXCLUDE (event_day, pub_day), {keys} AS mention_keys
                FROM {events} AS e LEFT JOIN (
                    SELECT event_id, list(mention_key ORDER BY mention_key) AS mention_keys
                    FROM {links} GROUP BY event_id) AS l USING (event_id)
                ORDER BY e.event_day, e.event_id"""
    if page is not None:
        query += " LIMIT $page_limit OFFSET $page_offset"
        link_parameters = {**link_parameters, "page_limit": page[0], "page_offset": page[1]}
    return query, {**event_parameters, **link_parameters}


def event_page(connection: duckdb.DuckDBPyConnection, where: EventFilter, limit: int,
               offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """How many events match ``where``, and one page of them as JSONL export records."""
    events, parameters = filtered_events(connection, where)
    total = connection.execute(f"SELECT count(*) FROM {events}", parameters).fetchall()[0][0]
    query, parameters = events_query(connection, where, page=(limit, offset))
    return total, [json.loads(json.dumps(row, default=_json_default))
                   for row in rows(connection, query, parameters)]


def rows(connection: duckdb.DuckDBPyConnection, query: str,
         parameters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    cursor = connection.execute(query, parameters)
    columns = [column[0] for column in cursor.description]
    while batch := cursor.fetchmany(BATCH):
        for row in batch:
            yield dict(zip(columns, row, strict=True))


# -- GDELT 2.0 layouts --------------------------------------------------------------------

ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                 "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
               "FeatureID")
GDELT_EVENT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in ACTOR_COLUMNS), *(f"Actor2{name}" for name in ACTOR_COLUMNS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{name}" for who in ("Actor1", "Actor2", "Action") for name in GEO_COLUMNS),
    "DATEADDED", "SOURCEURL")
GDELT_MENTION_COLUMNS = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras")


def _clean(value: Any) -> str:
    """A field as GDELT writes it: empty for unknown, no tabs or line breaks inside."""
    if value is None:
        return ""
    return " ".join(str(value).split("\t")).replace("\n", " ").replace("\r", " ")


def _actor(row: dict[str, Any], prefix: str) -> list[Any]:
    code = row[f"{prefix}_code"]
    known_group = code[3:] if code and code.startswith("IGO") else None
    name = row[f"{prefix}_name"] or row[f"{prefix}_text"]
    return [code, name.upper() if name else None, row[f"{prefix}_country"], known_group,
            None, None, None, row[f"{prefix}_sector"], None, None]


def _timestamp(day: date | None) -> str:
    return day.strftime("%Y%m%d000000") if day else ""


def gdelt_event_row(row: dict[str, Any]) -> list[Any]:
    """One detente event as a 61-field GDELT 2.0 event row. ``Day`` is the event's own
    date (its first day at month or year precision), else its publication date;
    ``DATEADDED`` is the earliest publication day."""
    day: date = row["event_day"]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365 if day else None
    cameo = row["cameo"]
    geo = [0, None, None, None, None, None, None, None]
    return [
        row["event_id"], day.strftime("%Y%m%d") if day else None,
        day.strftime("%Y%m") if day else None, day.year if day else None,
        f"{fraction:.4f}" if fraction is not None else None,
        *_actor(row, "source"), *_actor(row, "target"),
        1 if row["sentence_index"] == 0 else 0, cameo, cameo[:3], row["root"], row["quad"],
        row["goldstein"], row["num_mentions"], row["num_sources"], row["num_articles"], 0.0,
        *geo, *geo, *geo, _timestamp(row["pub_day"]), row["source_url"]]


MENTIONS_QUERY = """
SELECT DISTINCT ON (l.event_id, m.doc_id, m.sentence_index, m.trigger_start)
    l.event_id, e.event_day, e.pub_day AS event_added, m.pub_date, a.url, a.path, m.doc,
    m.sentence_index, m.trigger_start, m.confidence, length(a.text) AS doc_len,
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


def gdelt_mention_row(row: dict[str, Any]) -> list[Any]:
    """One event mention as a 16-field GDELT 2.0 mentions row (MentionType 1, web text)."""
    published = row["pub_date"]
    mention_time = published.replace("-", "") + "000000" if published and len(published) == 10 \
        else _timestamp(row["event_added"])
    return [row["event_id"], _timestamp(row["event_added"]), mention_time, 1,
            row["source_name"], row["url"] or row["path"] or row["doc"],
            row["sentence_index"] + 1, row["actor1_offset"], row["actor2_offset"],
            row["trigger_start"] if row["trigger_start"] is not None else -1, 1,
            round((row["confidence"] or 0) * 100), row["doc_len"] or 0, 0, None, None]


def mentions_path(path: Path) -> Path:
    """Where the GDELT mentions table goes beside the events file:
    ``x.export.CSV`` → ``x.mentions.CSV``, ``events.tsv`` → ``events.mentions.tsv``."""
    if ".export." in path.name:
        return path.with_name(path.name.replace(".export.", ".mentions."))
    return path.with_name(f"{path.stem}.mentions{path.suffix}")


def _write_tsv(handle: TextIO, records: Iterator[list[Any]]) -> int:
    """GDELT's tab-separated rows, no quoting (fields have no tabs or line breaks); how many."""
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                        escapechar=None, quotechar=None)
    written = 0
    for record in records:
        writer.writerow([_clean(value) for value in record])
        written += 1
    return written


# -- PLOVER / POLECAT -------------------------------------------------------------------

def _side(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {"name": row[f"{prefix}_name"] or row[f"{prefix}_text"], "code": row[f"{prefix}_code"],
            "country": row[f"{prefix}_country"], "sector": row[f"{prefix}_sector"],
            "raw": row[f"{prefix}_text"]}


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One detente event in the field names of POLECAT, the PLOVER-coded event data:
    event type and mode, contexts, actor and recipient, event and publication
    dates, and the source sentence; detente's own fields after them."""
    actor, recipient = _side(row, "source"), _side(row, "target")
    return {
        "event_id": str(row["event_id"]), "event_date": row["event_date"] or row["pub_date"],
        "event_date_precision": row["date_precision"] or "publication",
        "event_type": (row["plover"] or "").upper() or None, "event_mode": row["plover_mode"],
        "contexts": [], "quad_code": row["quad"],
        "actor_name": actor["name"], "actor_country": actor["country"],
        "primary_actor_sector": actor["sector"], "actor_name_raw": actor["raw"],
        "recipient_name": recipient["name"], "recipient_country": recipient["country"],
        "primary_recipient_sector": recipient["sector"], "recipient_name_raw": recipient["raw"],
        "publication_date": row["pub_date"], "source": row["source_url"],
        "story_id": row["first_doc_id"], "event_text": row["sentence"],
        "status": row["status"], "cameo": row["cameo"], "goldstein": row["goldstein"],
        "num_mentions": row["num_mentions"], "num_sources": row["num_sources"],
        "num_articles": row["num_articles"], "confidence": row["confidence"],
    }


# -- writing ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    """One table an export wrote: where (``-`` for standard output) and its rows."""

    path: str
    rows: int


Writer = Callable[[duckdb.DuckDBPyConnection, list[BinaryIO], EventFilter], list[int]]


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def export_events(connection: duckdb.DuckDBPyConnection, path: str | Path, fmt: str,
                  force: bool = False, all_statuses: bool = False,
                  where: EventFilter = EVERYTHING) -> list[Written]:
    """Write the events matching ``where`` to ``path`` (``-``: standard output) as
    ``fmt`` (jsonl, parquet, csv, plover or gdelt); the tables written, with their
    rows. ``gdelt`` also writes the mentions table (see ``mentions_path``).

    jsonl, parquet, csv and plover hold every event, each with its status. gdelt
    holds only events that took place (status occurred or ongoing), as its readers
    assume, unless ``all_statuses``: then plans, refusals and conjectures are rows
    too, told apart by nothing in the file."""
    if fmt not in FORMATS:
        raise OutputError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    target = str(path)
    if fmt == "gdelt" and target == STDOUT:
        raise OutputError("gdelt writes two tables (events and mentions): give a file name, "
                          "not -")
    targets = [target, str(mentions_path(Path(target)))] if fmt == "gdelt" else [target]
    writers: dict[str, Writer] = {
        "jsonl": _write_jsonl, "parquet": _write_parquet, "csv": _write_csv,
        "plover": _write_plover,
        "gdelt": lambda connection, streams, where: _write_gdelt(
            connection, streams, where, None if all_statuses else HAPPENED)}
    with binary_outputs(targets, force) as streams:
        counts = writers[fmt](connection, streams, where)
    return [Written(name, count) for name, count in zip(targets, counts, strict=True)]


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


def _write_records(connection: duckdb.DuckDBPyConnection, stream: BinaryIO, where: EventFilter,
                   record: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """One JSON object a line, ``record`` of each event; how many."""
    query, parameters = events_query(connection, where)
    written = 0
    with as_text(stream) as handle:
        for row in rows(connection, query, parameters):
            handle.write(json.dumps(record(row), ensure_ascii=False, default=_json_default)
                         + "\n")
            written += 1
    return written


def _write_jsonl(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                 where: EventFilter) -> list[int]:
    return [_write_records(connection, streams[0], where, lambda row: row)]


def _write_plover(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                  where: EventFilter) -> list[int]:
    return [_write_records(connection, streams[0], where, plover_record)]


def _write_parquet(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                   where: EventFilter) -> list[int]:
    query, parameters = events_query(connection, where)
    table = connection.sql(query, params=parameters).to_arrow_table()
    sink = pyarrow.BufferOutputStream()  # whole, so standard output need not seek
    pyarrow.parquet.write_table(table, sink)
    streams[0].write(sink.getvalue().to_pybytes())
    return [table.num_rows]


def _write_csv(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
               where: EventFilter) -> list[int]:
    """RFC 4180 CSV: a field holding a comma, quote or line break is quoted, so a CSV
    reader finds one record per event (``wc -l`` may count more lines)."""
    query, parameters = events_query(connection, where, flat_keys=True)
    table = connection.sql(query, params=parameters).to_arrow_table()
    pyarrow.csv.write_csv(table, streams[0])
    return [table.num_rows]


def _write_gdelt(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                 where: EventFilter, statuses: Sequence[str] | None) -> list[int]:
    """The event table and the mentions table, of the events matching ``where`` with
    both sides coded whose status is in ``statuses`` (any status when None)."""
    events, event_parameters = filtered_events(connection, where)
    links, link_parameters = links_source(connection)
    # GDELT rows are between coded actors: an event a store kept with a side known
    # only by its words (a partial pipeline, an older version) is left out
    events = (f"(SELECT * FROM {events} AS coded "
              f"WHERE source_code IS NOT NULL AND target_code IS NOT NULL)")
    if statuses is not None:
        events = (f"(SELECT * FROM {events} AS kept WHERE list_contains($statuses, status))")
        event_parameters = {**event_parameters, "statuses": list(statuses)}
    with as_text(streams[0]) as handle:
        event_rows = _write_tsv(handle, (gdelt_event_row(row) for row in rows(
            connection, f"SELECT * FROM {events} AS e ORDER BY event_day, event_id",
            event_parameters)))
    query = MENTIONS_QUERY.format(links=links, events=events, key=MENTION_KEY)
    with as_text(streams[1]) as handle:
        mention_rows = _write_tsv(handle, (gdelt_mention_row(row) for row in rows(
            connection, query, {**event_parameters, **link_parameters})))
    return [event_rows, mention_rows]
