"""Coding on a Dask cluster: a scheduler's workers code batches and write Parquet.

Without a scheduler address a ``LocalCluster`` of worker processes starts (one
thread each: spaCy is not thread-safe per pipeline). Each worker process loads
the pipeline once and keeps it; each task codes one batch and writes it as
Parquet (``detente.engine.parquet``) into a folder all workers and this process
can reach (shared storage, for a remote cluster). Only a small manifest travels
back; this process reads the batch from Parquet and stays the store's single
writer. At most two batches per worker are in flight, so the input is read only
as fast as the cluster codes it.

A batch whose worker dies is retried once by the scheduler; after a second
death (Dask's ``KilledWorker``) or an error, it is coded again one article at a
time, so that only the article that killed it comes back as a failure."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import dask
from distributed import Client, Future, LocalCluster, as_completed

from detente.engine.local import ARTICLES_PER_BATCH, batches, inject_fault
from detente.engine.parquet import batch_key, read_batch, write_batch
from detente.ingest.readers import IngestFailure
from detente.model import Article
from detente.pipeline import CodedArticle, Pipeline, Result, article_label, code_batch

BATCHES_PER_WORKER_IN_FLIGHT = 2
ALLOWED_FAILURES = 1  # a task whose worker dies is retried once, as in the local pool


@dataclass(frozen=True)
class Manifest:
    """What a task sends back: where its batch is, and the articles that failed."""

    key: str
    failures: list[IngestFailure]


@cache
def _pipeline() -> Pipeline:
    """One pipeline per worker process, loaded by the first task it runs."""
    return Pipeline()


def code_to_parquet(articles: list[Article], folder: str) -> Manifest:
    """A Dask task: code one batch and write it under ``folder``."""
    inject_fault(articles)
    results = code_batch(_pipeline(), articles)
    coded = [result for result in results if isinstance(result, CodedArticle)]
    key = batch_key(articles)
    write_batch(Path(folder), key, coded)
    return Manifest(key, [result for result in results if isinstance(result, IngestFailure)])


class DaskEngine:
    """Batches of articles coded by a Dask cluster, results through Parquet."""

    def __init__(self, parquet: str | Path, workers: int, scheduler: str | None = None,
                 batch_size: int = ARTICLES_PER_BATCH) -> None:
        self.folder = Path(parquet).resolve()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.batch_size = batch_size
        self.cluster: LocalCluster | None = None
        with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
            if scheduler is None:
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
            else:
                self.client = Client(scheduler)
        self.in_flight = BATCHES_PER_WORKER_IN_FLIGHT * max(
            workers if scheduler is None else len(self.client.scheduler_info()["workers"]), 1)

    def code_batches(self, articles: Iterable[Article | None]) -> Iterator[list[Result]]:
        pending = batches(articles, self.batch_size)
        alone: deque[list[Article]] = deque()  # the articles of failed batches, one each
        submitted: dict[Future, list[Article]] = {}
        running = as_completed()

        def fill() -> Iterator[list[Result]]:
            """Submit batches until ``in_flight`` run; an empty one (a ``FLUSH`` of
            the input) comes back at once, empty."""
            while len(submitted) < self.in_flight:
                if (batch := alone.popleft() if alone else next(pending, None)) is None:
                    return
                if not batch:
                    yield []
                    continue
                future = self.client.submit(code_to_parquet, batch, str(self.folder),
                                            pure=False)
                submitted[future] = batch
                running.add(future)

        yield from fill()
        for future in running:
            batch = submitted.pop(future)
            yield from fill()
            try:
                manifest: Manifest = future.result()
            except Exception as error:  # KilledWorker, or an error writing Parquet
                if len(batch) > 1:
                    alone.extend([article] for article in batch)
                    yield from fill()
                    continue
                reason = " ".join(f"{type(error).__name__}: {error}".split())
                yield [IngestFailure(article_label(batch[0]),
                                     f"Dask task failed ({reason}); not stored")]
                continue
            yield [*read_batch(self.folder, manifest.key), *manifest.failures]

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
