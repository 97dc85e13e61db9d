"""Coding text posted to the server: in a worker process, one text at a time,
behind a short waiting line.

Coding is CPU-bound and takes seconds for a long article, so it runs in a process
of its own (``server.coding_worker``), never on the server's event loop or in the
threads that answer reads: reads stay quick while it works. At most ``waiting``
texts wait behind the one being coded; more are refused at once (``CodingBusy``,
answered 503 with Retry-After), so a flood of posts costs bounded memory and
time. A text that runs past ``timeout_s`` is stopped by ending the process; when
the server begins to shut down, ``stop`` ends it and every post still in hand is
answered 503 at once, so shutting down never waits for coding. The process
starts on the first post (spaCy is slow to load and most visitors only read)."""

from __future__ import annotations

import asyncio
import math
import pickle
import sys
import time
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from detente.ingest.html import NoArticleError
from detente.server.coding_worker import FRAME
from detente.settings import settings

if TYPE_CHECKING:
    from detente.pipeline import CodedArticle

SERVER = settings().server  # the limits a user may change ([server])
START_TIMEOUT_S = SERVER.worker_start_seconds  # loading spaCy on a busy machine
SHUTTING_DOWN = "the server is shutting down"


class CodingBusy(RuntimeError):
    """Too many texts are waiting to be coded; try again after ``retry_after_s``."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class CodingFailed(RuntimeError):
    """The text could not be coded: it ran past the time limit, or the worker failed."""


class Coder:
    """The worker process and the line of texts waiting for it."""

    def __init__(self, waiting: int = SERVER.extract_waiting,
                 timeout_s: float = SERVER.extract_seconds) -> None:
        self.capacity = waiting + 1  # the text being coded and those waiting behind it
        self.timeout_s = timeout_s
        self.admitted = 0
        self._turn = asyncio.Lock()  # first come, first coded
        self._worker: asyncio.subprocess.Process | None = None
        self._seconds_per_text = 5.0  # a running estimate, for Retry-After
        self.stopping = False

    async def code(self, text: str, pub_date: str | None) -> CodedArticle:
        """``text`` coded (see ``coding_worker.code_text``). Raises CodingBusy when the
        line is full, NoArticleError, or CodingFailed."""
        if self.stopping:
            raise CodingFailed(SHUTTING_DOWN)
        if self.admitted >= self.capacity:
            retry = max(1, math.ceil(self.admitted * self._seconds_per_text))
            raise CodingBusy(f"{self.admitted} texts are being coded or waiting; "
                             f"try again in {retry} s", retry)
        self.admitted += 1
        try:
            async with self._turn:
                try:
                    worker = await self._ready_worker()
                    started = time.monotonic()
                    reply = await self._ask(worker, (text, pub_date))
                except asyncio.CancelledError:  # its reply would answer the next text
                    self._end_worker()
                    raise
                self._seconds_per_text = (self._seconds_per_text
                                          + time.monotonic() - started) / 2
        finally:
            self.admitted -= 1
        kind, answer = reply
        if kind == "no article":
            raise NoArticleError(answer)
        if kind == "failed":
            raise CodingFailed(f"coding failed: {answer}")
        return answer

    async def _ask(self, worker: asyncio.subprocess.Process, request: Any) -> Any:
        """The worker's reply to ``request``; past the time limit it is ended."""
        body = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        assert worker.stdin is not None  # started with stdin and stdout as pipes
        try:
            worker.stdin.write(FRAME.pack(len(body)) + body)
            await worker.stdin.drain()
            return await asyncio.wait_for(read_reply(worker), self.timeout_s)
        except TimeoutError:
            await self.close()
            raise CodingFailed(f"coding took longer than {self.timeout_s:g} s and was "
                               f"stopped; send a shorter text") from None
        except (OSError, asyncio.IncompleteReadError):
            await self.close()
            raise CodingFailed(SHUTTING_DOWN if self.stopping
                               else "the coding process stopped; try again") from None

    async def _ready_worker(self) -> asyncio.subprocess.Process:
        """The running worker, started (and its ``ready`` awaited) if there is none."""
        if self.stopping:
            raise CodingFailed(SHUTTING_DOWN)
        if self._worker is not None and self._worker.returncode is None:
            return self._worker
        self._worker = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "detente.server.coding_worker",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            start_new_session=True)  # a Ctrl-C in the terminal reaches the server alone
        try:
            await asyncio.wait_for(read_reply(self._worker), START_TIMEOUT_S)
        except (TimeoutError, asyncio.IncompleteReadError):
            await self.close()
            raise CodingFailed(SHUTTING_DOWN if self.stopping else "the coding process "
                               "did not start; see the server's log") from None
        return self._worker

    def stop(self) -> None:
        """Shutdown has begun: code nothing more and end the worker now (safe to
        call from a signal handler); the posts in hand are answered 503."""
        self.stopping = True
        self._end_worker()

    def _end_worker(self) -> asyncio.subprocess.Process | None:
        """Kill the worker, if any, and forget it; the process, to be waited for."""
        worker, self._worker = self._worker, None
        if worker is not None and worker.returncode is None:
            with suppress(ProcessLookupError):
                worker.kill()
        return worker

    async def close(self) -> None:
        """End the worker at once (a text being coded is abandoned)."""
        if (worker := self._end_worker()) is not None:
            await worker.wait()


async def read_reply(worker: asyncio.subprocess.Process) -> Any:
    assert worker.stdout is not None  # started with stdout as a pipe
    head = await worker.stdout.readexactly(FRAME.size)
    return pickle.loads(await worker.stdout.readexactly(FRAME.unpack(head)[0]))
