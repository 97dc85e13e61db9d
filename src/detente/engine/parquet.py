"""Coded articles as partitioned Parquet: the Dask engine's output and the store's
way to take in work done elsewhere.

A folder holds four tables with the store's columns, one file per batch:
``articles/part-<key>.parquet`` (plus each article's paragraphs, so its content
hash survives the round trip), ``mentions/…``, ``event_mentions/…`` and
``mission_steps/…`` (absent from folders written before missions were). The
articles file is written last and every file appears by an atomic rename, so an
articles file marks a complete batch even if a worker was killed mid-write.
DuckDB can query the folder as it is (``read_parquet('dir/event_mentions/*')``);
``import_folder`` stores what a store does not hold yet."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from detente.model import (
    ACTOR_FIELDS,
    Actor,
    Article,
    DatePoint,
    DiplomaticStep,
    EventMention,
    Location,
    MissionStep,
)
from detente.pipeline import CodedArticle, StoredArticle, store_batch
from detente.store import Store, arrow_schema, article_row, mention_row

TABLES = ("mission_steps", "event_mentions", "mentions", "articles")  # articles last


def _schema(table: str) -> pa.Schema:
    schema = arrow_schema(table)
    if table == "articles":  # the paragraphs too, so each content hash survives the trip
        schema = schema.append(pa.field("paragraphs", pa.list_(pa.string())))
    return schema


def batch_key(articles: list[Article]) -> str:
    """A batch's file name: the same articles always land in the same files, so a
    batch run twice overwrites its own output instead of adding to it."""
    digest = hashlib.sha256("\n".join(article.doc_id for article in articles).encode())
    return digest.hexdigest()[:24]


def write_batch(folder: Path, key: str, coded: list[CodedArticle]) -> None:
    """Write one batch's four files (articles last, each by atomic rename)."""
    rows: dict[str, list[dict[str, Any]]] = {
        "mission_steps": [step.to_row() for c in coded for step in c.steps],
        "event_mentions": [event.to_row() for c in coded for event in c.events],
        "mentions": [mention_row(c.article.doc_id, m) for c in coded for m in c.mentions],
        "articles": [article_row(c.article) | {"paragraphs": c.article.paragraphs}
                     for c in coded],
    }
    for table in TABLES:
        path = folder / table / f"part-{key}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        pq.write_table(pa.Table.from_pylist(rows[table], schema=_schema(table)), partial)
        os.replace(partial, path)


def read_batch(folder: Path, key: str) -> list[CodedArticle]:
    """The coded articles of one batch, rebuilt from its files."""
    def rows(table: str) -> list[dict[str, Any]]:
        path = folder / table / f"part-{key}.parquet"
        if table == "mission_steps" and not path.exists():  # written before missions were
            return []
        return pq.read_table(path).to_pylist()

    mentions: dict[str, list[Actor]] = defaultdict(list)
    for row in rows("mentions"):
        mentions[row["doc_id"]].append(Actor(
            row["text"], row["code"], row["country"], row["sector"], row["name"],
            row["start_char"], row["end_char"]))
    events: dict[str, list[EventMention]] = defaultdict(list)
    for row in rows("event_mentions"):
        events[row["doc_id"]].append(_event(row))
    steps: dict[str, list[MissionStep]] = defaultdict(list)
    for row in rows("mission_steps"):
        steps[row["doc_id"]].append(MissionStep.from_row(row))
    coded = []
    for row in rows("articles"):
        article = Article(
            doc=row["doc"], paragraphs=row["paragraphs"], title=row["title"],
            pub_date=DatePoint(row["pub_date"], row["pub_date_precision"],
                               row["pub_date_basis"]),
            path=row["path"], url=row["url"], source_format=row["source_format"],
            site=row.get("site"), tone=row.get("tone"))
        if article.doc_id != row["doc_id"]:
            raise ValueError(f"{folder}: part-{key}: {row['doc']} does not match its "
                             "content hash")
        coded.append(CodedArticle(article, events[row["doc_id"]], mentions[row["doc_id"]],
                                  steps[row["doc_id"]]))
    return coded


def _event(row: dict[str, Any]) -> EventMention:
    """An event mention from its flat columns (the inverse of ``EventMention.to_row``)."""
    def side(prefix: str) -> Actor:
        return Actor(**{key: row[f"{prefix}_{key}"] for key in ACTOR_FIELDS})

    return EventMention(
        doc=row["doc"], doc_id=row["doc_id"], source=side("source"), target=side("target"),
        cameo=row["cameo"], goldstein=row["goldstein"], quad=row["quad"], plover=row["plover"],
        plover_mode=row["plover_mode"], status=row["status"], sentence=row["sentence"],
        sentence_index=row["sentence_index"], span=(row["span_start"], row["span_end"]),
        trigger=row["trigger"], trigger_span=(row["trigger_start"], row["trigger_end"]),
        confidence=row["confidence"], pub_date=DatePoint(row["pub_date"]),
        event_date=DatePoint(row["event_date"], row["date_precision"], row["date_basis"]),
        step=DiplomaticStep.from_row(row),
        location=Location.from_row(row))


def batch_keys(folder: Path) -> list[str]:
    """Keys of the complete batches in a folder (those whose articles file exists)."""
    return sorted(path.name.removeprefix("part-").removesuffix(".parquet")
                  for path in (folder / "articles").glob("part-*.parquet"))


def import_folder(folder: Path, store: Store) -> Iterator[StoredArticle]:
    """Store every article of a Parquet folder that the store does not hold yet;
    importing the same folder twice stores nothing twice (articles key by content)."""
    for key in batch_keys(folder):
        for result in store_batch(store, read_batch(folder, key)):
            assert isinstance(result, StoredArticle)  # Parquet holds coded articles only
            yield result
