"""Exports of the deduplicated events: JSONL, Parquet, CSV, and GDELT 2.0's
61-column event table with its 16-column mentions table beside it, so tools
written for GDELT read detente output unchanged.

JSONL, CSV and Parquet hold every event with its ``status`` column (occurred,
ongoing, planned, proposed, negated, conditional, hypothetical). GDELT's layout has
no status column, and GDELT tools count every row as something that happened, so
the GDELT tables hold only events that took place (occurred or ongoing) unless
``all_statuses`` asks for the rest too.

Every file is written to a temporary name in the target folder and renamed into
place once complete: an interrupted export leaves no half-written file. An
existing file is refused unless ``force`` is given. A new file gets the mode any
new file gets (0666 less the umask, so 0644 under umask 022); one overwritten
keeps its mode.

GDELT columns detente does not measure are left as GDELT leaves unknowns: tone
(AvgTone, MentionDocTone) is 0, geography is empty with geo type 0, and ethnic,
religion and secondary type codes are empty."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import duckdb
import pyarrow.csv
import pyarrow.parquet

from detente.relations.events import MENTION_KEY, events_source, links_source
from detente.relations.series import HAPPENED

FORMATS = ("jsonl", "parquet", "csv", "gdelt")
BATCH = 10_000


class ExportError(RuntimeError):
    """The export cannot be written (file exists, unknown format, folder missing)."""


def events_query(connection: duckdb.DuckDBPyConnection,
                 flat_keys: bool = False) -> tuple[str, dict[str, Any]]:
    """Every event with the keys of its mentions (a list, or ';'-joined when ``flat_keys``)."""
    events, event_parameters = events_source(connection)
    links, link_parameters = links_source(connection)
    keys = "array_to_string(l.mention_keys, ';')" if flat_keys else "l.mention_keys"
    query = f"""SELECT e.* EXCLUDE (event_day, pub_day), {keys} AS mention_keys
                FROM {events} AS e LEFT JOIN (
                    SELECT event_id, list(mention_key ORDER BY mention_key) AS mention_keys
                    FROM {links} GROUP BY event_id) AS l USING (event_id)
                ORDER BY e.event_day, e.event_id"""
    return query, {**event_parameters, **link_parameters}


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


def _write_tsv(handle: TextIO, records: Iterator[list[Any]]) -> None:
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                        escapechar=None, quotechar=None)
    for record in records:
        writer.writerow([_clean(value) for value in record])


# -- writing ------------------------------------------------------------------------------

def umask() -> int:
    """The process's file-creation mask (read without changing it where Linux allows)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(target: Path) -> int:
    """The permission bits ``target`` should end with: its own when it exists (an
    overwrite keeps them), else what ``open`` gives a new file, 0666 less the umask.
    (``mkstemp`` makes its files 0600, private whatever the umask.)"""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~umask()


@contextlib.contextmanager
def atomic_paths(targets: Sequence[Path], force: bool) -> Iterator[list[Path]]:
    """Temporary paths beside ``targets``, renamed onto them when the block succeeds and
    removed when it fails or is interrupted. Each file ends with the mode of
    ``file_mode``, set before the rename."""
    for target in targets:
        if target.exists() and not force:
            raise ExportError(f"{target}: file exists (use --force to overwrite)")
        if not target.parent.is_dir():
            raise ExportError(f"{target}: folder {target.parent} does not exist")
    temporary = []
    try:
        for target in targets:
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                            dir=target.parent)
            os.close(handle)
            temporary.append(Path(name))
        yield temporary
        for part, target in zip(temporary, targets, strict=True):
            os.chmod(part, file_mode(target))
            os.replace(part, target)
    finally:
        for part in temporary:
            part.unlink(missing_ok=True)


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def export_events(connection: duckdb.DuckDBPyConnection, path: str | Path, fmt: str,
                  force: bool = False, all_statuses: bool = False) -> list[Path]:
    """Write the events to ``path`` as ``fmt`` (jsonl, parquet, csv or gdelt); the paths
    written. ``gdelt`` also writes the mentions table (see ``mentions_path``).

    jsonl, parquet and csv hold every event, each with its status. gdelt holds only
    events that took place (status occurred or ongoing), as its readers assume, unless
    ``all_statuses``: then plans, refusals and conjectures are rows too, told apart
    by nothing in the file."""
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    target = Path(path)
    targets = [target, mentions_path(target)] if fmt == "gdelt" else [target]
    writers: dict[str, Callable[[duckdb.DuckDBPyConnection, list[Path]], None]] = {
        "jsonl": _write_jsonl, "parquet": _write_parquet, "csv": _write_csv,
        "gdelt": lambda connection, parts: _write_gdelt(
            connection, parts, None if all_statuses else HAPPENED)}
    with atomic_paths(targets, force) as parts:
        writers[fmt](connection, parts)
    return targets


def events_left_out(connection: duckdb.DuckDBPyConnection,
                    statuses: Sequence[str] = HAPPENED) -> dict[str, int]:
    """How many events have a status outside ``statuses``, by status (what a GDELT
    export leaves out by default)."""
    events, parameters = events_source(connection)
    return dict(connection.execute(
        f"SELECT coalesce(status, 'unknown') AS status, count(*) FROM {events} "
        f"WHERE NOT list_contains($statuses, status) OR status IS NULL "
        f"GROUP BY ALL ORDER BY 2 DESC, 1",
        {**parameters, "statuses": list(statuses)}).fetchall())


def _write_jsonl(connection: duckdb.DuckDBPyConnection, parts: list[Path]) -> None:
    query, parameters = events_query(connection)
    with parts[0].open("w", encoding="utf-8") as handle:
        for row in rows(connection, query, parameters):
            handle.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")


def _write_parquet(connection: duckdb.DuckDBPyConnection, parts: list[Path]) -> None:
    query, parameters = events_query(connection)
    pyarrow.parquet.write_table(connection.sql(query, params=parameters).to_arrow_table(),
                                parts[0])


def _write_csv(connection: duckdb.DuckDBPyConnection, parts: list[Path]) -> None:
    query, parameters = events_query(connection, flat_keys=True)
    pyarrow.csv.write_csv(connection.sql(query, params=parameters).to_arrow_table(), parts[0])


def _write_gdelt(connection: duckdb.DuckDBPyConnection, parts: list[Path],
                 statuses: Sequence[str] | None) -> None:
    """The event table and the mentions table, of the events with both sides coded
    whose status is in ``statuses`` (any status when None)."""
    events, event_parameters = events_source(connection)
    links, link_parameters = links_source(connection)
    # GDELT rows are between coded actors: an event a store kept with a side known
    # only by its words (a partial pipeline, an older version) is left out
    events = (f"(SELECT * FROM {events} AS coded "
              f"WHERE source_code IS NOT NULL AND target_code IS NOT NULL)")
    if statuses is not None:
        events = (f"(SELECT * FROM {events} AS kept WHERE list_contains($statuses, status))")
        event_parameters = {**event_parameters, "statuses": list(statuses)}
    with parts[0].open("w", encoding="utf-8", newline="") as handle:
        _write_tsv(handle, (gdelt_event_row(row) for row in rows(
            connection, f"SELECT * FROM {events} AS e ORDER BY event_day, event_id",
            event_parameters)))
    query = MENTIONS_QUERY.format(links=links, events=events, key=MENTION_KEY)
    with parts[1].open("w", encoding="utf-8", newline="") as handle:
        _write_tsv(handle, (gdelt_mention_row(row) for row in rows(
            connection, query, {**event_parameters, **link_parameters})))
