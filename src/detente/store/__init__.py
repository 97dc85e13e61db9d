"""The store: every SQL statement of detente, over one DuckDB file.

The layers above call named functions and never write SQL themselves:

- ``schema``: the tables, the columns an older database gains (migrations), row layouts
- ``writes``: ``Store``, which opens the file and writes coded articles, copies, failures
- ``neardup``: the near-duplicate band index in the database
- ``events``: grouping event mentions into events (the ``events``/``event_links`` tables)
- ``counting``, ``filters``: the counting rule and the event filter every read shares
- ``series``, ``exports``, ``ledger``, ``geography``, ``dashboard``: the reads of
  ``detente.relations`` and ``detente.server``, by subject

Opening the file itself (checks, the writer gate) is ``detente.dbfile``."""

from detente.dbfile import StoreError, StoreLocked
from detente.store.schema import (
    SCHEMA,
    SIDE,
    TABLE_COLUMNS,
    arrow_schema,
    article_row,
    mention_row,
)
from detente.store.writes import CodedRows, Store

__all__ = ["SCHEMA", "SIDE", "TABLE_COLUMNS", "CodedRows", "Store", "StoreError", "StoreLocked",
           "arrow_schema", "article_row", "mention_row"]
