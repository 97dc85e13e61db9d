"""Coding on this machine: in the calling process, or in a pool of worker processes.

The pool keeps one spaCy pipeline per worker process and hands each worker one
batch of articles at a time over its own pipe, so at most ``workers`` batches are
in flight and memory stays flat however large the input. Workers send back
plain dataclasses (articles, actor mentions, event mentions), never spaCy Docs;
the calling process stays the single writer of the store.

A worker that dies, or hangs on a batch for ``BATCH_SECONDS`` and is killed,
takes only its batch down: the batch is retried once on a fresh worker, then
each of its articles comes back as an ``IngestFailure``.
Crashes and hangs can be injected for tests (see ``inject_fault``)."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from detente.engine import EngineError
from detente.ingest.readers import IngestFailure
from detente.model import Article
from detente.pipeline import FLUSH, Pipeline, Result, article_label, code_batch

ARTICLES_PER_BATCH = 16  # ~130 paragraphs: one efficient nlp.pipe call, small retries
ATTEMPTS = 2  # a batch whose worker dies is retried once
BATCHES_PER_WORKER = 500  # then the worker is replaced, so spaCy's string store stays small
BATCH_SECONDS = 600  # a batch takes seconds; one still running after this is hung: kill it
START_SECONDS = 600  # loading the pipeline takes seconds, even on a busy machine
FAULT_HOOK = "DETENTE_FAULT"
FAULT_EXIT_CODE = 70


def batches(articles: Iterable[Article | None], size: int) -> Iterator[list[Article]]:
    """Batches of ``size`` articles; an empty one at each ``FLUSH`` (None) of the
    input, which the engines hand straight back (see ``detente.pipeline.Coder``)."""
    batch: list[Article] = []
    for article in articles:
        if article is FLUSH:
            yield []
            continue
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class InProcess:
    """Code in the calling process: no start-up cost, one core."""

    def __init__(self, pipeline: Pipeline | None = None,
                 batch_size: int = ARTICLES_PER_BATCH) -> None:
        self.pipeline = pipeline or Pipeline()
        self.batch_size = batch_size

    def code_batches(self, articles: Iterable[Article | None]) -> Iterator[list[Result]]:
        for batch in batches(articles, self.batch_size):
            yield code_batch(self.pipeline, batch) if batch else []

    def close(self) -> None:
        """Nothing to release."""


@dataclass(frozen=True)
class Started:
    """A worker's first message: its pipeline is loaded, or why it cannot be."""

    failure: str | None = None


def inject_fault(articles: list[Article]) -> None:
    """The fault-injection hook (tests only): ``DETENTE_FAULT=exit:<doc>`` makes the
    process exit abruptly on a batch holding the article named ``<doc>``, as a
    crash or an out-of-memory kill would; ``hang:<doc>`` makes it hang."""
    kind, _, doc = os.environ.get(FAULT_HOOK, "").partition(":")
    if doc and any(article.doc == doc for article in articles):
        if kind == "hang":
            time.sleep(24 * 3600)
        os._exit(FAULT_EXIT_CODE)


def _work(connection: Connection) -> None:
    """A worker's life: load the pipeline once, then code batches until told to stop
    (``None``) or until the parent is gone (end of file on the pipe)."""
    try:
        pipeline = Pipeline()
    except Exception as error:  # a missing model or data file: every worker would fail
        connection.send(Started(" ".join(f"{type(error).__name__}: {error}".split())))
        return
    connection.send(Started())
    while True:
        try:
            batch = connection.recv()
        except EOFError:
            return
        if batch is None:
            return
        inject_fault(batch)
        try:
            connection.send(code_batch(pipeline, batch))
        except (BrokenPipeError, ConnectionResetError):
            return


@dataclass
class Job:
    articles: list[Article]
    attempts: int = 0


@dataclass
class Worker:
    process: BaseProcess
    connection: Connection
    batches: int = 0
    started: bool = False  # its pipeline is loaded
    job: Job | None = None
    deadline: float = 0.0  # monotonic time by which the job must be done


class ProcessPool:
    """``workers`` processes, each holding one pipeline; started when first needed."""

    def __init__(self, workers: int, batch_size: int = ARTICLES_PER_BATCH,
                 batches_per_worker: int = BATCHES_PER_WORKER,
                 batch_seconds: float = BATCH_SECONDS) -> None:
        self.workers = workers
        self.batch_size = batch_size
        self.batches_per_worker = batches_per_worker
        self.batch_seconds = batch_seconds
        self.context = multiprocessing.get_context("spawn")  # spaCy's threads and fork mix badly
        self.idle: list[Worker] = []
        self.busy: list[Worker] = []
        self.restarts = 0  # workers that died and were replaced

    def code_batches(self, articles: Iterable[Article | None]) -> Iterator[list[Result]]:
        """Coded batches in the order they finish; the input is read only as fast
        as workers free up. A ``FLUSH`` in the input comes back at once as an
        empty batch."""
        fresh = (Job(batch) for batch in batches(articles, self.batch_size))
        retries: deque[Job] = deque()

        def next_job() -> Job | None:
            return retries.popleft() if retries else next(fresh, None)

        while True:
            while len(self.busy) < self.workers and (job := next_job()):
                if not job.articles:  # a flush point
                    yield []
                    continue
                self._assign(self.idle.pop() if self.idle else self._start(), job)
            if not self.busy:
                return
            for worker in self._ready():
                message = self._receive(worker)
                if isinstance(message, Started):
                    if message.failure:
                        raise EngineError(
                            f"a worker process cannot load the pipeline ({message.failure})")
                    worker.started = True  # the batch's clock starts now
                    worker.deadline = time.monotonic() + self.batch_seconds
                    continue
                job = self._release(worker)
                if message is None:
                    if failed := self._died(worker, job, retries):
                        yield failed
                    continue
                worker.batches += 1
                flushed = False
                if worker.batches >= self.batches_per_worker:
                    self._stop(worker)
                elif (next_one := next_job()) and next_one.articles:
                    self._assign(worker, next_one)  # before storing, so the worker keeps busy
                else:
                    self.idle.append(worker)
                    flushed = next_one is not None  # an empty job: a flush point
                yield message
                if flushed:
                    yield []

    def close(self) -> None:
        """Stop idle workers politely; a busy one's batch is unstored, so it is killed."""
        for worker in self.busy:
            worker.process.kill()
            worker.process.join()
            worker.connection.close()
        self.busy.clear()
        while self.idle:
            self._stop(self.idle.pop())

    def _start(self) -> Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(target=_work, args=(child_end,), daemon=True,
                                       name="detente-worker")
        process.start()
        child_end.close()
        return Worker(process, parent_end)

    def _assign(self, worker: Worker, job: Job) -> None:
        job.attempts += 1
        worker.job = job
        worker.deadline = time.monotonic() + (
            self.batch_seconds if worker.started else START_SECONDS)
        self.busy.append(worker)
        with suppress(BrokenPipeError, ConnectionResetError):  # dead: _ready will say so
            worker.connection.send(job.articles)

    def _ready(self) -> list[Worker]:
        """Busy workers that have answered or died; a hung one is killed, so it dies."""
        handles = {worker.connection: worker for worker in self.busy}
        handles |= {worker.process.sentinel: worker for worker in self.busy}
        while not (ready := wait(list(handles), timeout=self._time_left())):
            for worker in self.busy:
                if worker.deadline <= time.monotonic():
                    worker.process.kill()
        return list({id(handles[h]): handles[h] for h in ready}.values())

    def _time_left(self) -> float:
        return max(min(worker.deadline for worker in self.busy) - time.monotonic(), 0.0)

    def _receive(self, worker: Worker) -> list[Result] | Started | None:
        """A ready worker's message, or None if it died."""
        try:
            return worker.connection.recv() if worker.connection.poll() else None
        except (EOFError, OSError):
            return None

    def _release(self, worker: Worker) -> Job:
        """Take a worker that answered or died off the busy list; its job."""
        self.busy.remove(worker)
        job, worker.job = worker.job, None
        assert job is not None
        return job

    def _died(self, worker: Worker, job: Job, retries: deque[Job]) -> list[Result]:
        """Replace a dead worker: retry its batch once (nothing to report yet), then
        report each of the batch's articles as failed."""
        worker.process.join()
        worker.connection.close()
        self.restarts += 1
        if job.attempts < ATTEMPTS:
            retries.append(job)
            return []
        reason = (f"worker process died or hung coding this article's batch "
                  f"(exit code {worker.process.exitcode}) {job.attempts} times; not stored")
        return [IngestFailure(article_label(article), reason) for article in job.articles]

    def _stop(self, worker: Worker) -> None:
        with suppress(BrokenPipeError, ConnectionResetError):
            worker.connection.send(None)
        worker.process.join(timeout=30)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()
