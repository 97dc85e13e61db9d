"""The server's connection to the store, each query under a time limit (the
queries themselves are ``detente.store.dashboard`` and the other read modules of
``detente.store``).

Requests in flight share one connection to the DuckDB file, each with its own
cursor (DuckDB connections are not shared between threads) and a deadline: a
watcher thread interrupts the query when it runs past the limit, so one slow
search cannot hold the server; the connection is let go for a writer in another
process.

What the reads found is kept for as long as the store stays as it was (its
*generation*): results of the costlier reads (``cache``) and whole answers to
GET requests (``responses``, see ``server.responses``). A write by this server,
or a commit by another process seen in the file, begins a new generation and
empties both."""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from fastapi import HTTPException

from detente.dbfile import LOCK_WAIT_SECONDS, WriterGate, connect_waiting
from detente.settings import settings
from detente.store import Store, StoreError
from detente.store.schema import MIGRATIONS, SCHEMA

SERVER = settings().server  # the limits a user may change ([server])
WRITER_WAIT_S = SERVER.writer_wait_seconds  # the longest a request waits for another's write
# How often to look for a waiting writer and for queries past their time: a query
# runs past query_seconds by at most this.
WATCH_SECONDS = 0.1


class QueryTimeout(RuntimeError):
    """A query ran past the server's per-query time limit and was interrupted."""


class Database:
    """The store as the server sees it: read-only unless opened ``writable``.

    Requests in flight share one connection. The server gives the file up to a
    writer in another process (``detente extract``, see ``detente.dbfile``):
    while a writer waits at the writer gate, new requests wait for it (up to
    ``WRITER_WAIT_S``) and the connection is closed as soon as the requests in
    flight end; the next request opens the file again and sees what was
    committed. A writable server also closes its connection whenever no request
    or write is in flight. The caches are emptied when the file changed
    (``generation``)."""

    def __init__(self, path: str | Path, writable: bool = False,
                 timeout_s: float = SERVER.query_seconds,
                 cache_entries: int = SERVER.cache_entries,
                 response_bytes: int = SERVER.cache_bytes) -> None:
        self.path = str(path)
        self.timeout_s = timeout_s
        self.cache = ResultCache(cache_entries)
        self.responses = ResultCache(cache_entries, max_bytes=response_bytes)
        self._version_lock = threading.Lock()  # the file's version and the caches' clearing
        if not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such database (build one with `detente demo`)")
        # Only a writable server holds a Store; its connection serves writes alone.
        self.store = Store(self.path, wait_s=WRITER_WAIT_S) if writable else None
        if self.store is None:  # a damaged database is refused before the server starts
            connect_waiting(self.path, True, LOCK_WAIT_SECONDS, SCHEMA + MIGRATIONS).close()
        self.gate = self.store.gate if self.store else WriterGate(self.path)
        self.write_lock = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._users = 0  # requests in flight on the connection
        self._turn = threading.Condition()
        self._version = self._file_version()
        self._stopping = threading.Event()
        # The cursors in use and when each is to be interrupted, by the watcher (a
        # timer thread each would cost a request milliseconds on a busy machine).
        self._deadlines: dict[int, tuple[float, duckdb.DuckDBPyConnection]] = {}
        self._deadlines_lock = threading.Lock()
        self._tickets = itertools.count()
        self._watcher = threading.Thread(target=self._step_aside, daemon=True,
                                         name="detente-db-watcher")
        self._watcher.start()
        if self.store is not None:
            self.store.release()

    @property
    def writable(self) -> bool:
        return self.store is not None

    def generation(self) -> int:
        """The store's generation, once the file has been checked for a commit by
        another process: one can have come only while this server had the file
        closed, and is not looked for while a writer still holds the gate (until
        it lets go, what was kept shows the store as it was before). Cheap and
        never blocking: called on the event loop for every GET."""
        if self._connection is None and not self.gate.writer_active():
            with self._version_lock:
                if self._connection is None:
                    self._note_version()
        return self.responses.generation

    def changed(self) -> None:
        """The store changed: forget every kept result (a new generation begins)."""
        self.cache.clear()
        self.responses.clear()

    def _note_version(self) -> None:
        """Begin a new generation if the file changed since last noted (called with
        ``_version_lock`` held)."""
        if (version := self._file_version()) != self._version:
            self.changed()
            self._version = version

    def close(self) -> None:
        self._stopping.set()
        self._watcher.join()
        with self._turn:
            self._close()
        if self.store is not None:
            self.store.close()
        self.gate.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request, interrupted after ``timeout_s``."""
        cursor = self._enter().cursor()
        with self._deadlines_lock:
            self._deadlines[ticket := next(self._tickets)] = (
                time.monotonic() + self.timeout_s, cursor)
        try:
            yield cursor
        except duckdb.InterruptException:
            raise QueryTimeout(f"query took longer than {self.timeout_s:g} s") from None
        except duckdb.Error as error:  # damaged since it was opened, or under repair
            reason = " ".join(str(error).split())
            raise HTTPException(503, f"the database cannot be read ({reason})") from None
        finally:
            with self._deadlines_lock:
                del self._deadlines[ticket]
            cursor.close()
            self._leave()

    def _enter(self) -> duckdb.DuckDBPyConnection:
        """The shared connection for one more request; opened if closed, after any
        writer at the gate has finished."""
        with self._turn:
            while self._connection is not None and self.gate.writer_active():
                if self._users == 0:
                    self._close()
                    break
                self._turn.wait(WATCH_SECONDS)  # the requests in flight end first
            if self._connection is None:
                self.gate.wait_for_writer(WRITER_WAIT_S)  # other requests queue behind
                try:
                    self._connection = (self.store.connection if self.store
                                        else connect_waiting(self.path, True, WRITER_WAIT_S))
                except StoreError as error:
                    raise HTTPException(503, f"{error}; try again") from None
                with self._version_lock:
                    self._note_version()  # another process may have written to it
            self._users += 1
            return self._connection

    def _leave(self) -> None:
        with self._turn:
            self._users -= 1
            if self._users == 0 and self._let_go():
                self._close()
            self._turn.notify_all()

    def _let_go(self) -> bool:
        """Whether to close the idle connection: a writer waits at the gate (a
        writable server holds the gate itself while connected, so it cannot tell,
        and lets go whenever nothing is in flight)."""
        return self.store is not None or self.gate.writer_active()

    def _close(self) -> None:
        """Close the connection (called with ``_turn`` held, no request in flight)."""
        if self._connection is None or not self.write_lock.acquire(blocking=False):
            return  # a write is under way: the watcher comes back
        try:
            if self.store is not None:
                self.store.release()
            else:
                self._connection.close()
            with self._version_lock:  # noted before the closed file can be looked at
                self._version = self._file_version()
                self._connection = None
        finally:
            self.write_lock.release()

    def _step_aside(self) -> None:
        """Close an idle connection when a writer waits (and, writable, when the
        server's own write is done), and interrupt queries past their time limit,
        checked every ``WATCH_SECONDS``."""
        while not self._stopping.wait(WATCH_SECONDS):
            self._interrupt_late()
            with self._turn:
                if self.store is not None and self.store.holds_connection:
                    self._connection = self._connection or self.store.connection
                if self._users == 0 and self._connection is not None and self._let_go():
                    self._close()

    def _interrupt_late(self) -> None:
        """Interrupt the queries of cursors in use past their time limit."""
        now = time.monotonic()
        with self._deadlines_lock:
            late = [cursor for due, cursor in self._deadlines.values() if due <= now]
        for cursor in late:
            cursor.interrupt()

    def _file_version(self) -> tuple[int, int, int] | None:
        """What changes when a process writes: the file's and its WAL's size and time
        (None when the file is gone or cannot be looked at)."""
        try:
            main = os.stat(self.path)
        except OSError:
            return None
        try:
            wal = os.stat(f"{self.path}.wal").st_mtime_ns
        except OSError:
            wal = 0
        return main.st_mtime_ns, main.st_size, wal


class ResultCache:
    """Results kept for one generation of the store, most recently used kept first,
    at most ``entries`` of them (and, given ``max_bytes``, of that many bytes in all,
    by ``size_of``; a larger result is not kept).

    ``clear`` begins a new generation: what was kept is forgotten, and a result
    computed by a read that began before it (which may have seen the store as it
    was) is not kept. A result asked for by many requests at once is computed by
    the first alone; the others wait for it rather than compute it again."""

    def __init__(self, entries: int, max_bytes: int | None = None,
                 size_of: Callable[[Any], int] = len) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.size_of = size_of
        self.generation = 0
        self.bytes = 0
        self._results: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def lookup(self, key: Hashable) -> tuple[bool, Any]:
        """(True, the result) when one is kept for ``key``, else (False, None)."""
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return True, self._results[key][0]
            return False, None

    def keep(self, key: Hashable, result: Any, generation: int) -> bool:
        """Keep ``result``, computed by a read that began in ``generation``, unless the
        store has changed since; whether it was kept."""
        size = self.size_of(result) if self.max_bytes is not None else 0
        with self._lock:
            if (generation != self.generation or not self.entries
                    or (self.max_bytes is not None and size > self.max_bytes)):
                return False
            if key in self._results:
                self.bytes -= self._results.pop(key)[1]
            self._results[key] = (result, size)
            self.bytes += size
            while len(self._results) > self.entries or (
                    self.max_bytes is not None and self.bytes > self.max_bytes):
                self.bytes -= self._results.popitem(last=False)[1][1]
            return True

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        found, result = self.lookup(key)
        if found:
            return result
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:  # other requests for the same key wait here, then find it kept
            found, result = self.lookup(key)
            if found:
                return result
            generation = self.generation
            try:
                result = compute()
                self.keep(key, result, generation)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return result

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            self._results.clear()
            self.bytes = 0
