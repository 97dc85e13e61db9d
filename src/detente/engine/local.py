"""Coding on this machine: in the calling process, or in a pool of worker processes.

The pool keeps one spaCy pipeline per worker process and hands each worker one
batch of articles at a time over its own pipe, so at most ``workers`` batches are
in flight and memory stays flat however large the input. Workers send back
plain dataclasses (articles, actor mentions, event mentions), never spaCy Docs;
the calling process stays the single writer of the store.

Each article has a time limit and each worker a memory limit. A worker that
dies, runs past its batch's time, or grows past its memory limit is killed and
replaced, and its batch is coded again one article at a time: the article that
did it fails alone, with a one-line reason, and its batch-mates are stored (an
article alone is tried twice before it fails, so a crash that does not recur
loses nothing). Crashes, hangs and memory hogs can be injected for tests (see
``inject_fault``)."""

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
from typing import Any

import psutil

from detente.engine import EngineError
from detente.ingest.readers import IngestFailure
from detente.model import Article
from detente.pipeline import FLUSH, Pipeline, Result, article_label, code_batch
from detente.settings import EngineSettings, settings

ARTICLES_PER_BATCH = settings().engine.articles_per_batch  # every engine's batch ([engine])
ATTEMPTS = 2  # an article alone whose worker dies is tried once more
START_SECONDS = 600  # loading the pipeline takes seconds, even on a busy machine
WATCH_SECONDS = 0.5  # how often busy workers' memory is looked at
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
    crash or an out-of-memory kill would; ``hang:<doc>`` makes it hang, and
    ``hog:<doc>`` makes it take memory (50 MB every 0.1 s) until it is stopped."""
    kind, _, doc = os.environ.get(FAULT_HOOK, "").partition(":")
    if doc and any(article.doc == doc for article in articles):
        if kind == "hang":
            time.sleep(24 * 3600)
        if kind == "hog":
            hoard = []
            while True:
                hoard.append(bytearray(50_000_000))  # bytearray fills with zeros: resident
                time.sleep(0.1)
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
    killed_for: str | None = None  # why the pool killed it: over time, over memory


class ProcessPool:
    """``workers`` processes, each holding one pipeline; started when first needed.
    ``limits`` (the ``[engine]`` settings in force unless given) say how many batches
    a worker codes before it is replaced, and how long a batch and an article alone
    may take and how much memory a worker may hold: past either it is killed."""

    def __init__(self, workers: int, batch_size: int = ARTICLES_PER_BATCH,
                 limits: EngineSettings | None = None) -> None:
        self.workers = workers
        self.batch_size = batch_size
        self.limits = limits or settings().engine
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
                    worker.deadline = time.monotonic() + self._seconds(worker.job)
                    continue
                job = self._release(worker)
                if message is None:
                    if failed := self._died(worker, job, retries):
                        yield failed
                    continue
                worker.batches += 1
                flushed = False
                if worker.batches >= self.limits.batches_per_worker:
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
            self._seconds(job) if worker.started else START_SECONDS)
        self.busy.append(worker)
        with suppress(BrokenPipeError, ConnectionResetError):  # dead: _ready will say so
            worker.connection.send(job.articles)

    def _seconds(self, job: Job | None) -> float:
        """The time a job may take: an article alone has its own limit."""
        alone = job is not None and len(job.articles) == 1
        return self.limits.article_seconds if alone else self.limits.batch_seconds

    def _ready(self) -> list[Worker]:
        """Busy workers that have answered or died; one over its time or memory
        limit is killed, so it dies."""
        # what ``wait`` watches: the worker's pipe (an answer) and its sentinel (its end)
        handles: dict[Any, Worker] = {worker.connection: worker for worker in self.busy}
        handles |= {worker.process.sentinel: worker for worker in self.busy}
        while not (ready := wait(list(handles), timeout=self._time_left())):
            for worker in self.busy:
                if reason := self._over_limit(worker):
                    worker.killed_for = reason
                    worker.process.kill()
        return list({id(handles[h]): handles[h] for h in ready}.values())

    def _over_limit(self, worker: Worker) -> str | None:
        """Why a busy worker must be stopped, if it must."""
        if worker.deadline <= time.monotonic():
            return (f"coding took over {self._seconds(worker.job):g} s"
                    if worker.started else "the worker did not start in time")
        try:
            megabytes = psutil.Process(worker.process.pid).memory_info().rss / 1e6
        except psutil.Error:  # it has just ended: the wait sees it next
            return None
        return (f"coding used over {self.limits.worker_mb:g} MB of memory"
                if megabytes > self.limits.worker_mb else None)

    def _time_left(self) -> float:
        soonest = min(worker.deadline for worker in self.busy) - time.monotonic()
        return min(max(soonest, 0.0), WATCH_SECONDS)

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
        """Replace a dead worker. Its batch is coded again one article at a time
        (nothing to report yet), so that only the article that killed it fails; an
        article alone is tried ``ATTEMPTS`` times, then reported failed."""
        worker.process.join()
        worker.connection.close()
        self.restarts += 1
        if len(job.articles) > 1:
            retries.extend(Job([article], attempts=job.attempts) for article in job.articles)
            return []
        if job.attempts < ATTEMPTS and worker.killed_for is None:  # a crash may not recur
            retries.append(job)
            return []
        why = worker.killed_for or (
            f"the worker process died coding it (exit code {worker.process.exitcode})")
        return [IngestFailure(article_label(job.articles[0]), f"{why}; not stored")]

    def _stop(self, worker: Worker) -> None:
        with suppress(BrokenPipeError, ConnectionResetError):
            worker.connection.send(None)
        worker.process.join(timeout=30)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()
