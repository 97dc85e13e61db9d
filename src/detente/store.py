"""The DuckDB store: schema, writes and the queries the interfaces need.

The only module that speaks SQL. Each article is written in one transaction
together with its actor mentions and event mentions, keyed by the article's
content hash, so a re-run stores nothing twice and an interrupted run leaves
only whole articles behind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from detente.model import EVENT_COLUMNS, Actor, Article, EventMention, event_record

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
    confidence DOUBLE
);
CREATE TABLE IF NOT EXISTS failures (
    path VARCHAR,
    message VARCHAR,
    failed_at TIMESTAMP DEFAULT current_timestamp
);
"""

# A dyad side: a state's code, or the IGO's own code for organisations.
SIDE = "coalesce({prefix}_country, {prefix}_code)"


class StoreError(RuntimeError):
    """The database cannot be opened or written (read-only, locked, disk full)."""


class Store:
    """A DuckDB file holding articles, actor mentions and event mentions."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.connection = duckdb.connect(self.path, read_only=read_only)
            if not read_only:
                self.connection.execute(SCHEMA)
        except (duckdb.Error, OSError) as error:
            raise StoreError(f"{self.path}: cannot open database ({error})") from None

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes -------------------------------------------------------------------

    def has_article(self, doc_id: str) -> bool:
        row = self.connection.execute(
            "SELECT 1 FROM articles WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def add_article(self, article: Article, mentions: Iterable[Actor],
                    events: Iterable[EventMention]) -> bool:
        """Store one coded article atomically; False if it was already stored."""
        if self.has_article(article.doc_id):
            return False
        cursor = self.connection
        try:
            cursor.execute("BEGIN TRANSACTION")
            cursor.execute(
                "INSERT INTO articles (doc_id, doc, path, url, title, pub_date, "
                "pub_date_precision, pub_date_basis, source_format, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article.doc_id, article.doc, article.path, article.url, article.title,
                 article.pub_date.value, article.pub_date.precision, article.pub_date.basis,
                 article.source_format, article.text])
            mention_rows = [[article.doc_id, m.start, m.end, m.text, m.code, m.country,
                             m.sector, m.name] for m in mentions]
            if mention_rows:
                cursor.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                   mention_rows)
            event_rows = [[event.to_row()[column] for column in EVENT_COLUMNS]
                          for event in events]
            if event_rows:
                placeholders = ", ".join("?" * len(EVENT_COLUMNS))
                cursor.executemany(
                    f"INSERT INTO event_mentions ({', '.join(EVENT_COLUMNS)}) "
                    f"VALUES ({placeholders})", event_rows)
            cursor.execute("COMMIT")
        except duckdb.Error as error:
            cursor.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot store {article.doc} ({error})") from None
        return True

    def add_failure(self, path: str, message: str) -> None:
        self.connection.execute("INSERT INTO failures (path, message) VALUES (?, ?)",
                                [path, message])

    # -- reads --------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = ("articles", "mentions", "event_mentions", "failures")
        return {table: self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in tables}

    def event_records(self, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored event mentions as JSONL event records, in text order."""
        query = f"SELECT {', '.join(EVENT_COLUMNS)} FROM event_mentions"
        parameters: list[Any] = []
        if doc_id is not None:
            query += " WHERE doc_id = ?"
            parameters.append(doc_id)
        query += " ORDER BY doc, sentence_index, trigger_start"
        for row in self.connection.execute(query, parameters).fetchall():
            yield event_record(dict(zip(EVENT_COLUMNS, row, strict=True)))

    def dyad_counts(self, limit: int = 20) -> list[tuple[str, str, int, float, int, int]]:
        """Most active dyads: (side a, side b, events, mean Goldstein, cooperative,
        conflictual), counting both directions together."""
        a, b = SIDE.format(prefix="source"), SIDE.format(prefix="target")
        return self.connection.execute(
            f"""SELECT least({a}, {b}) AS side_a, greatest({a}, {b}) AS side_b,
                       count(*) AS events, round(avg(goldstein), 2),
                       count(*) FILTER (WHERE quad <= 2), count(*) FILTER (WHERE quad >= 3)
                FROM event_mentions GROUP BY 1, 2 ORDER BY events DESC, side_a, side_b
                LIMIT ?""", [limit]).fetchall()

    def failure_rows(self) -> list[tuple[str, str]]:
        return self.connection.execute(
            "SELECT path, message FROM failures ORDER BY failed_at").fetchall()
