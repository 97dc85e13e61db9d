"""Exports of the deduplicated events: JSONL, Parquet, CSV, PLOVER JSON in
POLECAT's field names, GDELT 2.0's 61-column event table with its 16-column
mentions table beside it, so tools written for GDELT read detente output
unchanged, and the 20-column table of ICEWS's public coded event data.

Every export takes an ``EventFilter`` (``store.filters``), the one the API's
event lists take, so an export holds exactly the events the API lists for the
same question.

JSONL, CSV, Parquet and PLOVER hold every event with its ``status`` (occurred,
ongoing, planned, proposed, negated, conditional, hypothetical). GDELT's layout
has no status column, and GDELT tools count every row as something that
happened, so the GDELT tables hold only events that took place (occurred or
ongoing) unless ``all_statuses`` asks for the rest too; so does ICEWS's table,
for the same reason.

Files are written whole or not at all, and only over a regular file
(``relations.output``); ``-`` writes to standard output.

Tone and geography follow GDELT's definitions (``detente.geo.tone``,
``detente.geo.gdelt``): AvgTone is the mean tone of the articles that mention
the event, MentionDocTone the article's; ActionGeo is where the text puts the
event (the mention that says so most directly), Actor1Geo and Actor2Geo the
state of an actor known by its state, at the state's label point. GDELT columns
detente does not measure are left as GDELT leaves unknowns: a place nobody
names is empty with geo type 0, ADM2 codes and ethnic, religion and secondary
type codes are empty."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import duckdb
import pyarrow.csv
import pyarrow.parquet

from detente.data import read_table
from detente.events.ontology import lookup
from detente.geo.gdelt import country_geo, location_geo
from detente.names import side_names
from detente.relations.output import STDOUT, OutputError, as_text, binary_outputs
from detente.store.counting import HAPPENED
from detente.store.exports import (
    EVERYTHING,
    count_events,
    event_rows,
    event_table,
    gdelt_events,
    gdelt_mentions,
    icews_events,
    plover_events,
)
from detente.store.filters import EventFilter

FORMATS = ("jsonl", "parquet", "csv", "plover", "gdelt", "icews")
# Formats without a status column, whose readers take every row for an event that took place.
NO_STATUS_FORMATS = ("gdelt", "icews")


def event_page(connection: duckdb.DuckDBPyConnection, where: EventFilter, limit: int,
               offset: int = 0, order: str = "publication") -> tuple[int, list[dict[str, Any]]]:
    """How many events match ``where``, and one page of them as JSONL export records,
    newest published first (``order="event_date"``: oldest event first)."""
    return count_events(connection, where), [
        json.loads(json.dumps(row, default=_json_default))
        for row in event_rows(connection, where, page=(limit, offset), order=order)]


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
    tone = row.get("avg_tone")
    return [
        row["event_id"], day.strftime("%Y%m%d") if day else None,
        day.strftime("%Y%m") if day else None, day.year if day else None,
        f"{fraction:.4f}" if fraction is not None else None,
        *_actor(row, "source"), *_actor(row, "target"),
        1 if row["sentence_index"] == 0 else 0, cameo, cameo[:3], row["root"], row["quad"],
        row["goldstein"], row["num_mentions"], row["num_sources"], row["num_articles"],
        round(tone, 2) if tone is not None else 0.0,
        *country_geo(row["source_country"]), *country_geo(row["target_country"]),
        *location_geo(row), _timestamp(row["pub_day"]), row["source_url"]]


def gdelt_mention_row(row: dict[str, Any]) -> list[Any]:
    """One event mention as a 16-field GDELT 2.0 mentions row (MentionType 1, web text)."""
    published = row["pub_date"]
    mention_time = published.replace("-", "") + "000000" if published and len(published) == 10 \
        else _timestamp(row["event_added"])
    return [row["event_id"], _timestamp(row["event_added"]), mention_time, 1,
            row["source_name"], row["url"] or row["path"] or row["doc"],
            row["sentence_index"] + 1, row["actor1_offset"], row["actor2_offset"],
            row["trigger_start"] if row["trigger_start"] is not None else -1, 1,
            round((row["confidence"] or 0) * 100), row["doc_len"] or 0,
            round(row["doc_tone"], 2) if row["doc_tone"] is not None else 0, None, None]


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


# -- ICEWS ---------------------------------------------------------------------------------

ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude")


@cache
def sector_names() -> dict[str, str]:
    """CAMEO's actor sector codes in words (``data/sectors.tsv``): GOV → Government."""
    return {row["code"]: row["name"] for row in read_table("sectors.tsv")}


def country_name(iso3: str | None) -> str | None:
    """A state's name in words (``North Korea``), None for no state or an unknown code."""
    return side_names().get(iso3) if iso3 else None


def actor_sectors(code: str | None) -> list[str]:
    """The sectors of a CAMEO actor code in words: the three-letter parts after a
    state's code (USAGOVMIL → Government, Military), or the kind of an organisation
    (IGOUNSC → International Government Organization); none for a bare state."""
    if not code:
        return []
    names = sector_names()
    if code[:3] in names:  # IGO…, NGO…, MNC…: the organisation's kind, then its own code
        return [names[code[:3]]]
    parts = [code[start:start + 3] for start in range(3, len(code), 3)]
    return [names[part] for part in parts if part in names]


def icews_side(row: dict[str, Any], prefix: str) -> list[Any]:
    """Name, sectors and country of one side as ICEWS writes them: the dictionary's
    name (a person's, an organisation's), else "Government (North Korea)" for a
    state's sector, the state's name for the state, else the side's words."""
    code, country = row[f"{prefix}_code"], country_name(row[f"{prefix}_country"])
    sectors = actor_sectors(code)
    name = row[f"{prefix}_name"] or side_names().get(code or "")  # IGOIAEA, not PRKGOV
    if not name and country:
        name = f"{sectors[0]} ({country})" if sectors else country
    return [name or row[f"{prefix}_text"], ",".join(sectors), country]


def icews_place(row: dict[str, Any]) -> list[Any]:
    """City, District, Province, Country, Latitude, Longitude of the event's place:
    a city's name as City, a region's as Province, the state's name as Country;
    District is never known, nor the Province of a city."""
    name, precision = row["location_name"], row["location_precision"]
    if name is None:
        return [None] * 6
    lat, lon = row["location_lat"], row["location_lon"]
    return [name if precision == "city" else None, None,
            name if precision == "region" else None, country_name(row["location_country"]),
            round(lat, 4) if lat is not None else None,
            round(lon, 4) if lon is not None else None]


def icews_row(row: dict[str, Any]) -> list[Any]:
    """One detente event as a row of ICEWS's 20-column event table."""
    day: date | None = row["event_day"]
    cameo = row["cameo"]
    try:
        event_text: str | None = lookup(cameo).name
    except KeyError:
        event_text = None
    return [row["event_id"], day.isoformat() if day else None, *icews_side(row, "source"),
            event_text, cameo, row["goldstein"], *icews_side(row, "target"), row["doc_id"],
            row["sentence_index"] + 1 if row["sentence_index"] is not None else None,
            row["publisher"], *icews_place(row)]


# -- PLOVER / POLECAT -------------------------------------------------------------------

def _side(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {"name": row[f"{prefix}_name"] or row[f"{prefix}_text"], "code": row[f"{prefix}_code"],
            "country": row[f"{prefix}_country"], "sector": row[f"{prefix}_sector"],
            "raw": row[f"{prefix}_text"]}


def plover_contexts(cameo: str | None) -> list[str]:
    """PLOVER's contexts of a CAMEO code (``economic``, ``legal``), as the crosswalk
    gives them; none for a code it gives none or an unknown code."""
    try:
        return list(lookup(cameo).plover_contexts) if cameo else []
    except KeyError:
        return []


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One detente event in the field names of POLECAT, the PLOVER-coded event data:
    event type, mode and contexts, quad code, actor and recipient, event and
    publication dates and source; detente's own fields after them (the date's
    precision, the story and its sentence, status, CAMEO code and counts). The
    story (``story_id``, ``source``, ``event_text``) is one mention's: the event's
    representative mention, its article and its sentence (``store.exports.with_story``).

    No authoritative list of POLECAT's fields was available offline: the names are
    POLECAT's published column headers ("Event ID", "Event Type", "Actor Name Raw",
    …) as remembered, lowercased with underscores, unverified; the values of
    ``event_type``, ``event_mode`` and ``contexts`` follow the CAMEO-to-PLOVER
    table of PLOVER's manual, draft 0.8 (2021). See the README's data dictionary."""
    actor, recipient = _side(row, "source"), _side(row, "target")
    return {
        "event_id": str(row["event_id"]), "event_date": row["event_date"] or row["pub_date"],
        "event_type": (row["plover"] or "").upper() or None, "event_mode": row["plover_mode"],
        "contexts": plover_contexts(row["cameo"]), "quad_code": row["quad"],
        "actor_name": actor["name"], "actor_country": actor["country"],
        "primary_actor_sector": actor["sector"], "actor_name_raw": actor["raw"],
        "recipient_name": recipient["name"], "recipient_country": recipient["country"],
        "primary_recipient_sector": recipient["sector"], "recipient_name_raw": recipient["raw"],
        "source": row["story_url"], "publication_date": row["pub_date"],
        # detente's own
        "event_date_precision": row["date_precision"] or "publication",
        "story_id": row["doc_id"], "event_text": row["sentence"],
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
    ``fmt`` (jsonl, parquet, csv, plover, gdelt or icews); the tables written, with
    their rows. ``gdelt`` also writes the mentions table (see ``mentions_path``).

    jsonl, parquet, csv and plover hold every event, each with its status. gdelt
    and icews hold only events that took place (status occurred or ongoing), as
    their readers assume, unless ``all_statuses``: then plans, refusals and
    conjectures are rows too, told apart by nothing in the file."""
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
            connection, streams, where, None if all_statuses else HAPPENED),
        "icews": lambda connection, streams, where: _write_icews(
            connection, streams, where, None if all_statuses else HAPPENED)}
    with binary_outputs(targets, force) as streams:
        counts = writers[fmt](connection, streams, where)
    return [Written(name, count) for name, count in zip(targets, counts, strict=True)]


def _write_records(stream: BinaryIO, events: Iterator[dict[str, Any]],
                   record: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """One JSON object a line, ``record`` of each of ``events``; how many."""
    written = 0
    with as_text(stream) as handle:
        for row in events:
            handle.write(json.dumps(record(row), ensure_ascii=False, default=_json_default)
                         + "\n")
            written += 1
    return written


def _write_jsonl(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                 where: EventFilter) -> list[int]:
    return [_write_records(streams[0], event_rows(connection, where),
                           lambda row: row)]


def _write_plover(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                  where: EventFilter) -> list[int]:
    return [_write_records(streams[0], plover_events(connection, where),
                           plover_record)]


def _write_parquet(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                   where: EventFilter) -> list[int]:
    table = event_table(connection, where)
    sink = pyarrow.BufferOutputStream()  # whole, so standard output need not seek
    pyarrow.parquet.write_table(table, sink)
    streams[0].write(sink.getvalue().to_pybytes())
    return [table.num_rows]


def _write_csv(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
               where: EventFilter) -> list[int]:
    """RFC 4180 CSV: a field holding a comma, quote or line break is quoted, so a CSV
    reader finds one record per event (``wc -l`` may count more lines)."""
    table = event_table(connection, where, flat_keys=True)
    pyarrow.csv.write_csv(table, streams[0])
    return [table.num_rows]


def _write_gdelt(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                 where: EventFilter, statuses: Sequence[str] | None) -> list[int]:
    """The event table and the mentions table, of the events matching ``where`` with
    both sides coded whose status is in ``statuses`` (any status when None)."""
    with as_text(streams[0]) as handle:
        event_count = _write_tsv(handle, (gdelt_event_row(row) for row in gdelt_events(
            connection, where, statuses)))
    with as_text(streams[1]) as handle:
        mention_count = _write_tsv(handle, (gdelt_mention_row(row) for row in gdelt_mentions(
            connection, where, statuses)))
    return [event_count, mention_count]


def _write_icews(connection: duckdb.DuckDBPyConnection, streams: list[BinaryIO],
                 where: EventFilter, statuses: Sequence[str] | None) -> list[int]:
    """ICEWS's event table with its header line, tab-separated: the events matching
    ``where`` with both sides coded whose status is in ``statuses`` (any when None).
    A field is quoted only when it holds a double quote, so pandas and R read it
    back whole; tabs and line breaks inside fields are spaces."""
    with as_text(streams[0]) as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(ICEWS_COLUMNS)
        written = 0
        for row in icews_events(connection, where, statuses):
            writer.writerow([_clean(value) for value in icews_row(row)])
            written += 1
    return [written]
