"""The near-duplicate index in the database: each stored article's MinHash
signature (``article_signatures``) and its LSH band buckets (``article_bands``),
so that a new article's copies among millions of stored ones are found with one
query and memory does not grow with the store (``detente.ingest.neardup`` holds
the hashing itself)."""

from __future__ import annotations

from typing import Any

import duckdb

from detente.ingest.neardup import THRESHOLD, band_buckets, from_bytes, similarity, to_bytes

BANDS_BUILT = "article_bands built"  # a store_meta key: every signature has its band rows
BACKFILL_ROWS = 10_000  # signatures read at a time when an older database gains its bands


def stored_matches(connection: duckdb.DuckDBPyConnection, sig: Any) -> list[tuple[str, float]]:
    """The stored articles that the text of signature ``sig`` nearly repeats, with the
    estimated similarity, the most similar first."""
    buckets = band_buckets(sig)
    rows = connection.execute(
        "SELECT s.doc_id, any_value(s.signature) FROM article_bands b "
        "JOIN article_signatures s USING (doc_id) "
        f"WHERE b.bucket IN ({', '.join('?' * len(buckets))}) "
        "GROUP BY s.doc_id ORDER BY s.doc_id", buckets).fetchall()
    scored = [(doc_id, similarity(sig, from_bytes(blob))) for doc_id, blob in rows]
    return sorted([pair for pair in scored if pair[1] >= THRESHOLD],
                  key=lambda pair: -pair[1])


def bands_built(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether every stored signature has its band rows (noted once in ``store_meta``)."""
    return connection.execute(
        "SELECT 1 FROM store_meta WHERE key = ?", [BANDS_BUILT]).fetchone() is not None


def backfill_bands(connection: duckdb.DuckDBPyConnection) -> None:
    """Give an older database (signatures, no band rows) its band index, a chunk of
    signatures at a time, and note it done; inside the caller's transaction."""
    cursor = connection.cursor()
    cursor.execute("SELECT doc_id, signature FROM article_signatures WHERE doc_id NOT IN "
                   "(SELECT doc_id FROM article_bands)")
    while chunk := cursor.fetchmany(BACKFILL_ROWS):
        insert_bands(connection, [(doc_id, from_bytes(blob)) for doc_id, blob in chunk])
    cursor.close()
    connection.execute("INSERT INTO store_meta VALUES (?, 'yes')", [BANDS_BUILT])


def insert_signatures(connection: duckdb.DuckDBPyConnection,
                      signed: list[tuple[str, Any]]) -> None:
    """Store new articles' signatures, as (doc id, signature), with their band rows."""
    connection.executemany("INSERT INTO article_signatures VALUES (?, ?)",
                           [[doc_id, to_bytes(sig)] for doc_id, sig in signed])
    insert_bands(connection, signed)


def insert_bands(connection: duckdb.DuckDBPyConnection, signed: list[tuple[str, Any]]) -> None:
    import pyarrow as pa

    buckets, ids = [], []
    for doc_id, sig in signed:
        for bucket in band_buckets(sig):
            buckets.append(bucket)
            ids.append(doc_id)
    if buckets:
        connection.register("new_bands", pa.table(
            {"bucket": pa.array(buckets, pa.int64()), "doc_id": pa.array(ids, pa.string())}))
        connection.execute("INSERT INTO article_bands SELECT bucket, doc_id FROM new_bands")
        connection.unregister("new_bands")
