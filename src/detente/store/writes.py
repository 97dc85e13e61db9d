"""Writing the store: ``Store`` opens the DuckDB file (``detente.dbfile``), brings
its schema up to date (``store.schema``) and writes coded articles a batch at a
time, each batch in one transaction together with its actor mentions and event
mentions, keyed by the articles' content hashes, so a re-run stores nothing twice
and an interrupted run leaves only whole articles behind. It also finds the
copies of stored articles (``store.neardup``) and rebuilds the events
(``store.events``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb

from detente.dbfile import LOCK_WAIT_SECONDS, StoreError, WriterGate, connect_waiting
from detente.ingest.neardup import NearDuplicateIndex, signature
from detente.model import Actor, Article, EventMention, MissionStep, event_record
from detente.store.events import events_fresh, refresh_events
from detente.store.neardup import backfill_bands, bands_built, insert_signatures, stored_matches
from detente.store.schema import (
    MIGRATIONS,
    SCHEMA,
    TABLE_COLUMNS,
    arrow_schema,
    article_row,
    mention_row,
)

MAX_PENDING = 4096  # unstored articles of a run kept for copy detection (far above in flight)

# A coded article as the store takes it: the article, its actor mentions, its events
# and (when coded since missions were) its mission steps.
CodedRows = (tuple[Article, list[Actor], list[EventMention]]
             | tuple[Article, list[Actor], list[EventMention], list[MissionStep]])


def _with_steps(item: CodedRows
                ) -> tuple[Article, list[Actor], list[EventMention], list[MissionStep]]:
    if len(item) == 4:
        return item
    article, mentions, events = item
    return article, mentions, events, []


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


class Store:
    """A DuckDB file holding articles, actor mentions and event mentions.

    Copies of a stored article (the same text, or a near-duplicate: a wire story
    reprinted under another headline) are not stored again: ``article_copies``
    keeps each copy's path, URL and title against the article it repeats, so
    the sources of an event can be counted."""

    def __init__(self, path: str | Path, read_only: bool = False,
                 wait_s: float = LOCK_WAIT_SECONDS) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.wait_s = wait_s
        self.gate = WriterGate(self.path)
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._made = False  # the schema is checked and brought up to date
        # Articles of this run not stored yet (in a batch being coded): their copies
        # later in the run must find them, and a batch that fails must not leave them.
        self._pending = NearDuplicateIndex()
        self._pending_labels: dict[str, str] = {}  # doc id -> its file (or name)
        self.connection  # noqa: B018  (opened now: an unusable database is refused at once)

    @property
    def holds_connection(self) -> bool:
        return self._connection is not None

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection; opened again when needed after ``release``."""
        if self._connection is None:
            self._connection = self._open()
            if not self._made:
                self._make()
        return self._connection

    def _open(self) -> duckdb.DuckDBPyConnection:
        """Connect, one writer at a time: a writer holds the writer gate from before
        it opens the file until it has closed it; a reader lets a writer finish.
        The file is checked the first time (``detente.dbfile.connect``)."""
        if self.read_only:
            self.gate.wait_for_writer(self.wait_s)
        else:
            self.gate.acquire(self.wait_s)
        try:
            return connect_waiting(self.path, self.read_only, self.wait_s,
                                   None if self._made else SCHEMA + MIGRATIONS)
        except BaseException:
            self.gate.release()
            raise

    def _make(self) -> None:
        """Bring a writable database up to the schema, once per store."""
        try:
            if not self.read_only:
                self.connection.execute(SCHEMA)
                self.connection.execute(MIGRATIONS)
                self._build_bands()
        except (duckdb.Error, OSError, StoreError) as error:
            with suppress(StoreError):
                self.release()
            if isinstance(error, StoreError):
                raise
            raise StoreError(f"{self.path}: cannot open database ({_one_line(error)})") \
                from None
        self._made = True

    def release(self) -> None:
        """Close the connection and open the gate, so that another process (the
        dashboard, another writer) can use the file until this store next needs
        it; a failure (the last write finding the disk full) is a one-line
        ``StoreError``: committed batches are in the file or its WAL."""
        connection, self._connection = self._connection, None
        try:
            if connection is not None:
                connection.close()
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: cannot close database ({_one_line(error)})") \
                from None
        finally:
            self.gate.release()

    def close(self) -> None:
        """Close the database (see ``release``)."""
        try:
            self.release()
        finally:
            self.gate.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes -------------------------------------------------------------------

    def near_duplicate(self, article: Article) -> tuple[str, float] | None:
        """The article (stored, or accepted earlier in this run) that ``article``
        nearly repeats, with the estimated similarity; None for a new story, which
        is then remembered so that its own copies are found.

        Stored articles are looked up in the ``article_bands`` table (one query),
        so memory does not grow with the store; only the articles of this run not
        stored yet are held here."""
        text_signature = signature(article.text)
        found = (stored_matches(self.connection, text_signature)
                 + self._pending.matches(text_signature))
        if found:
            return max(found, key=lambda pair: pair[1])
        self._remember(article, text_signature)
        return None

    def _remember(self, article: Article, sig: Any) -> None:
        self._pending.add(article.doc_id, sig)
        self._pending_labels[article.doc_id] = article.path or article.doc
        while len(self._pending_labels) > MAX_PENDING:  # the oldest is long settled
            self._forget(next(iter(self._pending_labels)))

    def _forget(self, doc_id: str) -> None:
        self._pending.remove(doc_id)
        self._pending_labels.pop(doc_id, None)

    def _build_bands(self) -> None:
        """Give an older database its near-duplicate band index, once."""
        if not bands_built(self.connection):
            with self._transaction("cannot build the near-duplicate index"):
                backfill_bands(self.connection)

    def add_copy(self, doc_id: str, copy: Article, similarity: float) -> bool:
        """Record ``copy`` as another printing of stored article ``doc_id``; False
        when it is that article's own file, or a copy already recorded (re-runs)."""
        with self._transaction(f"cannot record {copy.doc} as a copy"):
            inserted = self.connection.execute(
                """INSERT INTO article_copies (doc_id, copy_id, doc, path, url, title,
                                               pub_date, similarity, site)
                   SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
                   WHERE NOT EXISTS (SELECT 1 FROM articles WHERE doc_id = ?
                                     AND path IS NOT DISTINCT FROM ?
                                     AND url IS NOT DISTINCT FROM ?)
                     AND NOT EXISTS (SELECT 1 FROM article_copies WHERE doc_id = ?
                                     AND copy_id = ? AND path IS NOT DISTINCT FROM ?
                                     AND url IS NOT DISTINCT FROM ?)
                   RETURNING 1""",
                [doc_id, copy.doc_id, copy.doc, copy.path, copy.url, copy.title,
                 copy.pub_date.value, round(similarity, 3), copy.site, doc_id, copy.path,
                 copy.url, doc_id, copy.doc_id, copy.path, copy.url]).fetchall()
        return bool(inserted)

    def add_article(self, article: Article, mentions: Iterable[Actor],
                    events: Iterable[EventMention], steps: Iterable[MissionStep] = ()) -> bool:
        """Store one coded article atomically; False if it was already stored."""
        return bool(self.add_articles([(article, list(mentions), list(events), list(steps))]))

    def add_articles(self, coded: Iterable[CodedRows],
                     failures: Iterable[tuple[str, str]] = ()) -> set[str]:
        """Store coded articles, and failed inputs as (path, message), in one
        transaction; the doc ids this call stored (articles already in the store,
        or twice in ``coded``, are stored once).

        All or nothing: a run killed at any moment leaves whole articles or none,
        and a failed write (disk full, read-only file) rolls back before raising
        ``StoreError``. Rows go in as Arrow tables, one statement per table,
        because row-by-row inserts cost as much as coding the articles.

        An article of this run that ends up not stored (its batch failed to
        write, or it is the one article of a failed input) leaves the near-
        duplicate index, and copies recorded against it are dropped with it."""
        import pyarrow as pa

        full = [_with_steps(item) for item in coded]
        stored = self.stored_ids([article.doc_id for article, _, _, _ in full])
        fresh: dict[str, tuple[Article, list[Actor], list[EventMention], list[MissionStep]]] = {}
        for item in full:
            doc_id = item[0].doc_id
            if doc_id not in fresh and doc_id not in stored:
                fresh[doc_id] = item
        failures = list(failures)
        tables = {
            "articles": [article_row(article) for article, _, _, _ in fresh.values()],
            "mentions": [mention_row(article.doc_id, m)
                         for article, mentions, _, _ in fresh.values() for m in mentions],
            "event_mentions": [event.to_row() for _, _, events, _ in fresh.values()
                               for event in events],
            "mission_steps": [step.to_row() for _, _, _, steps in fresh.values()
                              for step in steps],
        }
        signed = [(doc_id, self._signature_of(article))
                  for doc_id, (article, _, _, _) in fresh.items()]
        failed = self._pending_failed(path for path, _ in failures)
        docs = [article.doc for article, _, _, _ in fresh.values()]
        what = (docs[0] if len(docs) == 1 else "failed inputs" if not docs
                else f"{len(docs)} articles ({docs[0]} and {len(docs) - 1} more)")
        try:
            with self._transaction(f"cannot store {what}"):
                for table, rows in tables.items():
                    if rows:
                        self.connection.register(
                            "new_rows", pa.Table.from_pylist(rows, schema=arrow_schema(table)))
                        columns = ", ".join(TABLE_COLUMNS[table])
                        self.connection.execute(
                            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM new_rows")
                        self.connection.unregister("new_rows")
                if signed:
                    insert_signatures(self.connection, signed)
                if failed:
                    self.connection.execute(
                        "DELETE FROM article_copies WHERE list_contains(?, doc_id) AND doc_id "
                        "NOT IN (SELECT doc_id FROM articles)", [failed])
                for path, message in failures:
                    self._add_failure(path, message)
        finally:  # stored (now found on disk) or not stored: no longer pending
            for doc_id in [*fresh, *failed]:
                self._forget(doc_id)
        return set(fresh)

    def _signature_of(self, article: Article) -> Any:
        """The article's MinHash signature: the one ``near_duplicate`` computed, or new."""
        known = self._pending.signature_of(article.doc_id)
        return known if known is not None else signature(article.text)

    def _pending_failed(self, paths: Iterable[str]) -> list[str]:
        """The pending articles that these failed inputs were: those whose file (or
        name) is the failure's and no other pending article's (a failed line of a
        JSONL file cannot be told from the file's other lines, so is kept)."""
        by_label: dict[str, list[str]] = {}
        wanted = set(paths)
        for doc_id, label in self._pending_labels.items():
            if label in wanted:
                by_label.setdefault(label, []).append(doc_id)
        return [ids[0] for ids in by_label.values() if len(ids) == 1]

    # -- the deduplicated events ----------------------------------------------------

    def events_stale(self) -> bool:
        """Is the ``events`` table missing, or built from other mentions than the
        store now holds (a run stopped before or while rebuilding it)?"""
        try:
            return not events_fresh(self.connection)
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: cannot read the events table "
                             f"({_one_line(error)})") from None

    def refresh_events(self) -> int:
        """Rebuild ``events`` and ``event_links`` (all or nothing); the number of
        events. A failure (disk full) is a one-line ``StoreError``."""
        try:
            return refresh_events(self.connection)
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: cannot rebuild the events table "
                             f"({_one_line(error)})") from None

    def add_failure(self, path: str, message: str) -> None:
        """Record an input that could not be coded (once: a resumed or repeated run
        does not list the same failure twice)."""
        with self._transaction(f"cannot record the failure of {path}"):
            self._add_failure(path, message)

    def _add_failure(self, path: str, message: str) -> None:
        self.connection.execute(
            "INSERT INTO failures (path, message) SELECT ?, ? WHERE NOT EXISTS "
            "(SELECT 1 FROM failures WHERE path = ? AND message = ?)",
            [path, message, path, message])

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """All or nothing; any database error becomes a one-line ``StoreError``."""
        try:
            self.connection.execute("BEGIN TRANSACTION")
            yield
            self.connection.execute("COMMIT")
        except duckdb.Error as error:
            with suppress(duckdb.Error):  # a failed BEGIN or a lost connection
                self.connection.execute("ROLLBACK")
            raise StoreError(f"{self.path}: {what} ({_one_line(error)})") from None

    # -- reads --------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = ("articles", "article_copies", "mentions", "event_mentions", "failures")
        return {table: self.connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
                for table in tables}

    def event_records(self, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored event mentions as JSONL event records, in text order."""
        columns = TABLE_COLUMNS["event_mentions"]
        query = f"SELECT {', '.join(columns)} FROM event_mentions"
        parameters: list[Any] = []
        if doc_id is not None:
            query += " WHERE doc_id = ?"
            parameters.append(doc_id)
        query += " ORDER BY doc, sentence_index, trigger_start"
        for row in self.connection.execute(query, parameters).fetchall():
            yield event_record(dict(zip(columns, row, strict=True)))

    def failure_rows(self) -> list[tuple[str, str]]:
        return self.connection.execute(
            "SELECT path, message FROM failures ORDER BY failed_at").fetchall()

    def is_stored_printing(self, article: Article) -> bool:
        """Whether ``article`` is the stored article of its id itself (the same
        name, file and URL), not another printing of its text."""
        return bool(self.connection.execute(
            "SELECT 1 FROM articles WHERE doc_id = ? AND doc = ? AND path IS NOT DISTINCT "
            "FROM ? AND url IS NOT DISTINCT FROM ?",
            [article.doc_id, article.doc, article.path, article.url]).fetchall())

    def stored_ids(self, doc_ids: list[str]) -> set[str]:
        """Those of ``doc_ids`` already stored, in one query."""
        if not doc_ids:
            return set()
        marks = ", ".join("?" * len(doc_ids))
        rows = self.connection.execute(
            f"SELECT doc_id FROM articles WHERE doc_id IN ({marks})", list(doc_ids)).fetchall()
        return {doc_id for (doc_id,) in rows}
