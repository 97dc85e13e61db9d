"""Opening the DuckDB file: checked, without extensions, one writer at a time.

DuckDB lets one process open a file for writing, and then no other process may
open it at all, not even to read. So that ``detente extract`` can store news
while ``detente serve`` shows it, neither holds the file for long: a writer opens
it for a batch and closes it after the commit, and the server steps aside while
a writer waits. They meet at the *writer gate*, an advisory lock on the file
``<database>.lock`` beside the database: a writer holds it exclusively from
before it opens the database until it has closed it (so writers take turns, a
batch at a time); a reader only looks at it, and lets a writer that holds it
finish before it opens the database again. The kernel drops the lock of a
process that dies, so a killed writer blocks no one. (See README, "Ingest and
dashboard at once".)"""

from __future__ import annotations

import fcntl
import os
import re
import time
from functools import cache
from pathlib import Path

import duckdb

LOCK_WAIT_SECONDS = 10.0  # how long to wait for the file: another writer's batch, a slow read
RETRY_SECONDS = 0.02
# No extension is ever installed or loaded at run time: a file DuckDB would read
# through one (a SQLite database) is refused, and nothing is downloaded. Set on
# each connection once open (not as connect-time config, which every connection
# to the file in the process would then have to repeat).
NO_EXTENSIONS = ("SET autoinstall_known_extensions = false; "
                 "SET autoload_known_extensions = false")
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(RuntimeError):
    """The database cannot be opened or written (read-only, locked, damaged, disk
    full); one line."""


class StoreLocked(StoreError):
    """Another process holds the database file (DuckDB's own lock)."""


# "ALTER TABLE t ADD COLUMN IF NOT EXISTS c": a column older stores may lack.
ADDED_COLUMN = re.compile(r"ALTER TABLE (\w+) ADD COLUMN IF NOT EXISTS (\w+)", re.IGNORECASE)


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def connect(path: str, read_only: bool = False,
            schema: str | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file at ``path``, checked: not another kind of
    database, not cut short, and (given the ``schema`` it should have) with every
    column of the tables of it that it holds. Raises a one-line ``StoreError``."""
    try:
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                raise StoreError(f"{path}: a SQLite database, not a DuckDB one")
    except FileNotFoundError:
        pass  # a new database
    except IsADirectoryError:
        raise StoreError(f"{path}: cannot open database (a folder, not a file)") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot open database ({error.strerror or error})") from None
    try:
        connection = duckdb.connect(path, read_only=read_only)
        connection.execute(NO_EXTENSIONS)
    except duckdb.Error as error:
        # held by another process, or (in this one) open with another mode
        held = any(words in str(error).lower() for words in ("lock", "different configuration"))
        kind = StoreLocked if held else StoreError
        raise kind(f"{path}: cannot open database ({one_line(error)})") from None
    if schema is not None:
        try:
            _check(connection, path, read_only, schema)
        except BaseException:
            connection.close()
            raise
    return connection


def connect_waiting(path: str, read_only: bool, wait_s: float,
                    schema: str | None = None) -> duckdb.DuckDBPyConnection:
    """``connect``, trying again for up to ``wait_s`` while another process holds
    the file (a reader finishing its request, a writer outside the gate)."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return connect(path, read_only, schema)
        except StoreLocked:
            if time.monotonic() >= deadline:
                raise
            time.sleep(RETRY_SECONDS)


def _check(connection: duckdb.DuckDBPyConnection, path: str, read_only: bool,
           schema: str) -> None:
    """Refuse a file shorter than its blocks (a copy or download cut short), and
    one whose detente tables lack columns (damaged by hand or by another tool)."""
    try:
        size = connection.execute(  # blocks in use (free ones may be cut off)
            "SELECT block_size, used_blocks FROM pragma_database_size()").fetchone()
        block_size, blocks = size if size is not None else (0, 0)
        tables = {(table, column) for table, column in connection.execute(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE database_name = current_database()").fetchall()}
    except duckdb.Error as error:
        raise StoreError(f"{path}: cannot read database ({one_line(error)})") from None
    # (with a WAL beside it, blocks replayed from the WAL are not in the file yet)
    if not Path(f"{path}.wal").exists() and Path(path).stat().st_size < block_size * blocks:
        raise StoreError(f"{path}: damaged database: the file is shorter than the "
                         f"{blocks} blocks in use (truncated?)")
    names = {table for table, _ in tables}
    if read_only and "articles" not in names:
        raise StoreError(f"{path}: not a detente database (no articles table)")
    # a column a migration adds is missing from an older store opened read-only
    added_later = {(table.lower(), column.lower())
                   for table, column in ADDED_COLUMN.findall(schema)}
    missing = sorted(f"{table}.{column}" for table, column in _columns(schema)
                     if table in names and (table, column) not in tables
                     and (table, column) not in added_later)
    if missing:
        raise StoreError(f"{path}: damaged database: no column {', '.join(missing[:3])}"
                         f"{' …' if len(missing) > 3 else ''}")


@cache
def _columns(schema: str) -> frozenset[tuple[str, str]]:
    """The (table, column) pairs of a schema, read from a database made with it."""
    with duckdb.connect(":memory:") as memory:
        memory.execute(schema)
        return frozenset(memory.execute(
            "SELECT table_name, column_name FROM duckdb_columns()").fetchall())


class WriterGate:
    """The advisory lock at ``<database>.lock`` (see the module's docstring). A
    folder where it cannot be made (read-only) has no gate: DuckDB's own lock
    still keeps a second process out."""

    def __init__(self, database: str) -> None:
        self.path = f"{database}.lock"
        self._held: int | None = None  # the descriptor holding it exclusively
        self._look: int | None = None  # a descriptor to look at it with

    @property
    def held(self) -> bool:
        return self._held is not None

    def acquire(self, wait_s: float) -> None:
        """Hold the gate, waiting up to ``wait_s`` for another writer's batch."""
        if self._held is not None:
            return
        try:
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return  # no gate here
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._held = handle
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(handle)
                    raise StoreLocked(f"{self.path[:-5]}: cannot open database (another "
                                      f"process kept writing to it for {wait_s:g} s)") from None
                time.sleep(RETRY_SECONDS)

    def release(self) -> None:
        if self._held is not None:
            os.close(self._held)  # closing the descriptor drops the lock
            self._held = None

    def writer_active(self) -> bool:
        """Whether another process's writer holds the gate (this one's does not count)."""
        if self._held is not None:
            return False
        if self._look is None:
            try:
                self._look = os.open(self.path, os.O_RDONLY)
            except OSError:
                return False  # no gate yet: no writer has come
        try:
            fcntl.flock(self._look, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(self._look, fcntl.LOCK_UN)
        return False

    def wait_for_writer(self, wait_s: float) -> None:
        """Let a writer that holds the gate finish, for up to ``wait_s``."""
        deadline = time.monotonic() + wait_s
        while self.writer_active() and time.monotonic() < deadline:
            time.sleep(RETRY_SECONDS)

    def close(self) -> None:
        self.release()
        if self._look is not None:
            os.close(self._look)
            self._look = None
