"""The store's tables: the schema of a new database, the columns an older one
gains when opened for writing (``MIGRATIONS``), and each table's row layout
(``TABLE_COLUMNS``, ``arrow_schema``) as the writers and the Parquet engine use it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import duckdb

from detente.model import (
    EVENT_COLUMNS,
    LOCATION_COLUMNS,
    MISSION_STEP_COLUMNS,
    STEP_COLUMNS,
    Actor,
    Article,
)

if TYPE_CHECKING:
    import pyarrow as pa

ARTICLE_COLUMNS = ("doc_id", "doc", "path", "url", "title", "pub_date", "pub_date_precision",
                   "pub_date_basis", "source_format", "text", "site", "tone")
MENTION_COLUMNS = ("doc_id", "start_char", "end_char", "text", "code", "country", "sector",
                   "name")

# Each table whose rows detente lays out (the writers, the Parquet engine): its columns
# are written once, here or in ``detente.model``, and its CREATE TABLE is made from them.
TABLE_COLUMNS = {"articles": ARTICLE_COLUMNS, "mentions": MENTION_COLUMNS,
                 "event_mentions": (*EVENT_COLUMNS, *STEP_COLUMNS),
                 "mission_steps": MISSION_STEP_COLUMNS}
INTEGER_COLUMNS = {"start_char", "end_char", "sentence_index", "span_start", "span_end",
                   "trigger_start", "trigger_end", "quad", "location_start", "location_end"}
FLOAT_COLUMNS = {"goldstein", "confidence", "location_lat", "location_lon", "tone"}
# What a column must hold beyond its type.
CONSTRAINTS = {
    "articles": {"doc_id": "PRIMARY KEY", "doc": "NOT NULL", "text": "NOT NULL"},
    "mentions": {"doc_id": "NOT NULL"},
    "event_mentions": {"doc_id": "NOT NULL", "cameo": "NOT NULL", "root": "NOT NULL"},
    "mission_steps": {"doc_id": "NOT NULL", "step": "NOT NULL"},
}
# Columns the database fills itself, after a table's first columns.
FILLED_COLUMNS = {"articles": ("ingested_at TIMESTAMP DEFAULT current_timestamp",)}
# Columns added since the first schema, in the order a new database has them: a
# database made before them gains them on opening (``MIGRATIONS``), at the end of
# its table.
ADDED_COLUMNS = {"articles": ("site", "tone"), "article_copies": ("site",),
                 "event_mentions": (*LOCATION_COLUMNS, *STEP_COLUMNS)}


def sql_type(column: str) -> str:
    """A stored column's SQL type (``arrow_schema`` gives the same kinds)."""
    if column in INTEGER_COLUMNS:
        return "INTEGER"
    return "DOUBLE" if column in FLOAT_COLUMNS else "VARCHAR"


def create_table(table: str) -> str:
    """The CREATE TABLE of a table of ``TABLE_COLUMNS``, less its added columns."""
    constraints = CONSTRAINTS.get(table, {})
    added = ADDED_COLUMNS.get(table, ())
    columns = [f"{column} {sql_type(column)} {constraints.get(column, '')}".rstrip()
               for column in TABLE_COLUMNS[table] if column not in added]
    columns += FILLED_COLUMNS.get(table, ())
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    " + ",\n    ".join(columns) + "\n);\n"


SCHEMA = "".join(map(create_table, ("articles", "mentions", "event_mentions"))) + """
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

# The columns added since the first schema, and the diplomatic missions the coder
# found (``detente.events.missions``, one row a (sender, host) step): a table made
# here so that an older database gains it.
MIGRATIONS = "".join(
    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {sql_type(column)};\n"
    for table, columns in ADDED_COLUMNS.items() for column in columns
) + create_table("mission_steps")

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
