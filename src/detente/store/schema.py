"""The store's tables: the schema of a new database, the columns an older one
gains when opened for writing (``MIGRATIONS``), and each table's row layout
(``TABLE_COLUMNS``, ``arrow_schema``) as the writers and the Parquet engine use it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import duckdb

from detente.model import EVENT_COLUMNS, MISSION_STEP_COLUMNS, STEP_COLUMNS, Actor, Article

if TYPE_CHECKING:
    import pyarrow as pa

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    doc_id VARCHAR PRIMARY KEY,
    doc VARCHAR NOT NULL,
    path VARCHAR,
    url VARCHAR,
    title VARCHAR,
    pub_date VARCHAR,
    pub_date_precision VARCHAR,
    pub_date_basis VARCHAR,
    source_format VARCHAR,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    name VARCHAR
);
CREATE TABLE IF NOT EXISTS event_mentions (
    doc_id VARCHAR NOT NULL,
    doc VARCHAR,
    sentence_index INTEGER,
    sentence VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    trigger VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    source_text VARCHAR, source_code VARCHAR, source_country VARCHAR,
    source_sector VARCHAR, source_name VARCHAR,
    target_text VARCHAR, target_code VARCHAR, target_country VARCHAR,
    target_sector VARCHAR, target_name VARCHAR,
    cameo VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    quad INTEGER,
    goldstein DOUBLE,
    plover VARCHAR,
    plover_mode VARCHAR,
    status VARCHAR,
    event_date VARCHAR,
    date_precision VARCHAR,
    date_basis VARCHAR,
    pub_date VARCHAR,
    confidence DOUBLE,
    location_name VARCHAR,
    location_country VARCHAR,
    location_region VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_precision VARCHAR,
    location_basis VARCHAR,
    location_feature VARCHAR,
    location_start INTEGER,
    location_end INTEGER
);
CREATE TABLE IF NOT EXISTS article_signatures (
    doc_id VARCHAR PRIMARY KEY,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS article_copies (
    doc_id VARCHAR NOT NULL,
    copy_id VARCHAR NOT NULL,
    doc VARCHAR,
    path VARCHAR,
    url VARCHAR,
    title VARCHAR,
    pub_date VARCHAR,
    similarity DOUBLE,
    found_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS failures (
    path VARCHAR,
    message VARCHAR,
    failed_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS article_bands (
    bucket BIGINT NOT NULL,
    doc_id VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS article_bands_bucket ON article_bands (bucket);
CREATE TABLE IF NOT EXISTS store_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
"""

# The diplomatic missions the coder found (``detente.events.missions``), one row a
# (sender, host) step; made by ``MIGRATIONS`` so that an older database gains it.
MISSION_STEPS = """
CREATE TABLE IF NOT EXISTS mission_steps (
    doc_id VARCHAR NOT NULL,
    doc VARCHAR,
    sentence_index INTEGER,
    sentence VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    trigger VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    step VARCHAR NOT NULL,
    sender VARCHAR,
    host VARCHAR,
    step_power VARCHAR,
    step_evidence VARCHAR,
    status VARCHAR,
    event_date VARCHAR,
    date_precision VARCHAR,
    date_basis VARCHAR,
    pub_date VARCHAR
);
"""

# Columns added since the first schema: a database made before them gains them on
# opening (at the end of the table, the same place as in a new database).
MIGRATIONS = """
ALTER TABLE articles ADD COLUMN IF NOT EXISTS site VARCHAR;
ALTER TABLE article_copies ADD COLUMN IF NOT EXISTS site VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS step VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS step_power VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS step_evidence VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone DOUBLE;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_name VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_country VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_region VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_lat DOUBLE;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_lon DOUBLE;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_precision VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_basis VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_feature VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_start INTEGER;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS location_end INTEGER;
""" + MISSION_STEPS

ARTICLE_COLUMNS = ("doc_id", "doc", "path", "url", "title", "pub_date", "pub_date_precision",
                   "pub_date_basis", "source_format", "text", "site", "tone")
MENTION_COLUMNS = ("doc_id", "start_char", "end_char", "text", "code", "country", "sector",
                   "name")

TABLE_COLUMNS = {"articles": ARTICLE_COLUMNS, "mentions": MENTION_COLUMNS,
                 "event_mentions": (*EVENT_COLUMNS, *STEP_COLUMNS),
                 "mission_steps": MISSION_STEP_COLUMNS}
INTEGER_COLUMNS = {"start_char", "end_char", "sentence_index", "span_start", "span_end",
                   "trigger_start", "trigger_end", "quad", "location_start", "location_end"}
FLOAT_COLUMNS = {"goldstein", "confidence", "location_lat", "location_lon", "tone"}

# A dyad side: a state's code, or the IGO's own code for organisations.
SIDE = "coalesce({prefix}_country, {prefix}_code)"


def article_row(article: Article) -> dict[str, Any]:
    """An article as the columns of the ``articles`` table (``ARTICLE_COLUMNS``)."""
    return {"doc_id": article.doc_id, "doc": article.doc, "path": article.path,
            "url": article.url, "title": article.title, "pub_date": article.pub_date.value,
            "pub_date_precision": article.pub_date.precision,
            "pub_date_basis": article.pub_date.basis, "source_format": article.source_format,
            "text": article.text, "site": article.site, "tone": article.tone}


def mention_row(doc_id: str, mention: Actor) -> dict[str, Any]:
    """An actor mention as the columns of the ``mentions`` table (``MENTION_COLUMNS``)."""
    return {"doc_id": doc_id, "start_char": mention.start, "end_char": mention.end,
            "text": mention.text, "code": mention.code, "country": mention.country,
            "sector": mention.sector, "name": mention.name}


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table's rows (``TABLE_COLUMNS``): how rows are written,
    here and as Parquet. pyarrow loads only when something is written."""
    import pyarrow as pa

    def kind(column: str) -> pa.DataType:
        if column in INTEGER_COLUMNS:
            return pa.int64()
        return pa.float64() if column in FLOAT_COLUMNS else pa.string()
    return pa.schema([(column, kind(column)) for column in TABLE_COLUMNS[table]])


def has_table(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = connection.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = ? AND table_schema = 'main'", [name]).fetchall()[0]
    return bool(row and row[0])


def has_column(connection: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    row = connection.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? "
        "AND column_name = ? AND table_schema = 'main'", [table, column]).fetchall()[0]
    return bool(row and row[0])
