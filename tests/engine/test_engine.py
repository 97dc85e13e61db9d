"""The engines code the same articles the same way: in process, in a pool of worker
processes, and on a Dask LocalCluster through Parquet. An article that kills its
worker (a crash, a hang, a memory hog) fails alone and its batch-mates are
stored, and the input is read only as fast as workers free up."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import psutil
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.engine.corpus import write_corpus
from detente.engine.dask import DaskEngine
from detente.engine.local import FAULT_HOOK, InProcess, ProcessPool
from detente.engine.parquet import batch_keys, import_folder, read_batch, write_batch
from detente.ingest.readers import IngestFailure, read_articles
from detente.model import Article
from detente.pipeline import Pipeline, process
from detente.settings import settings
from detente.store import TABLE_COLUMNS, Store, mention_row

ARTICLES = 24


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, ARTICLES, words=250)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
              ) -> dict[str, list[tuple]]:
    """What coding in this process stores: the yardstick for the other engines."""
    db = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    with Store(db) as store:
        results = list(process([corpus], store, InProcess(pipeline)))
    assert len(results) == ARTICLES
    return contents(db)


def contents(db: Path) -> dict[str, list[tuple]]:
    """Every stored row of every table (load time left out), in a stable order."""
    with duckdb.connect(str(db), read_only=True) as connection:
        return {table: sorted(connection.execute(
                    f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
                for table, columns in TABLE_COLUMNS.items()}


def run(corpus: Path, db: Path, engine) -> list:
    with Store(db) as store:
        try:
            return list(process([corpus], store, engine))
        finally:
            engine.close()


@pytest.mark.slow
def test_a_pool_of_two_workers_stores_what_one_process_stores(corpus, reference, tmp_path):
    pool = ProcessPool(workers=2, batch_size=4)
    results = run(corpus, tmp_path / "pool.duckdb", pool)
    assert not [r for r in results if isinstance(r, IngestFailure)]
    assert contents(tmp_path / "pool.duckdb") == reference
    assert pool.restarts == 0
    assert reference["event_mentions"], "the corpus has events to compare"


def failed_names(results: list) -> list[str]:
    return sorted(Path(r.path).name for r in results if isinstance(r, IngestFailure))


@pytest.mark.slow
def test_an_article_that_kills_its_worker_fails_alone(corpus, reference, tmp_path,
                                                      monkeypatch):
    """The batch holding the poisoned article is coded again one article at a time:
    its three batch-mates are stored, it is recorded as failed; the run goes on."""
    monkeypatch.setenv(FAULT_HOOK, "exit:article-000006.txt")
    pool = ProcessPool(workers=2, batch_size=4)
    results = run(corpus, tmp_path / "faulty.duckdb", pool)
    assert failed_names(results) == ["article-000006.txt"]
    assert pool.restarts == 2  # in its batch, then alone
    with Store(tmp_path / "faulty.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == ARTICLES - 1
        messages = [message for _, message in store.failure_rows()]
    assert messages == ["the worker process died coding it (exit code 70); not stored"]
    stored = contents(tmp_path / "faulty.duckdb")
    assert set(stored["event_mentions"]) <= set(reference["event_mentions"])


@pytest.mark.slow
def test_a_worker_killed_once_loses_nothing(corpus, reference, tmp_path):
    """An out-of-memory kill or a crash that does not recur: the retry succeeds."""
    pool = ProcessPool(workers=1, batch_size=4)
    with Store(tmp_path / "killed.duckdb") as store:
        results = process([corpus], store, pool)
        first = next(results)  # the worker is up, and now busy with the next batch
        os.kill(pool.busy[0].process.pid, signal.SIGKILL)
        rest = list(results)
    pool.close()
    assert not [r for r in [first, *rest] if isinstance(r, IngestFailure)]
    assert pool.restarts == 1
    assert contents(tmp_path / "killed.duckdb") == reference


@pytest.mark.slow
def test_the_input_is_read_only_as_fast_as_workers_free_up(corpus):
    """Bounded queues: with 2 workers of 4-article batches, a few batches are read
    ahead of the results, never the whole input."""
    pulled = 0

    def articles() -> Iterator[Article]:
        nonlocal pulled
        for article in read_articles([corpus]):
            pulled += 1
            yield article

    pool = ProcessPool(workers=2, batch_size=4)
    try:
        batches = pool.code_batches(articles())
        next(batches)
        assert pulled <= 3 * 4  # two batches at work and the one handed out next
    finally:
        pool.close()
    assert not [w for w in pool.idle + pool.busy if w.process.is_alive()]


def test_parquet_keeps_articles_and_events_exactly(corpus, pipeline, tmp_path):
    articles = [a for a in read_articles([corpus]) if isinstance(a, Article)][:3]
    coded = list(pipeline.code_many(articles))
    write_batch(tmp_path, "k", coded)
    back = read_batch(tmp_path, "k")
    assert [c.article.doc_id for c in back] == [a.doc_id for a in articles]
    assert [[e.to_row() for e in c.events] for c in back] == [
        [e.to_row() for e in c.events] for c in coded]
    def mention_rows(batch):
        return [[mention_row(c.article.doc_id, m) for m in c.mentions] for c in batch]
    assert mention_rows(back) == mention_rows(coded)


@pytest.mark.slow
def test_dask_local_cluster_writes_parquet_the_store_imports(corpus, reference, tmp_path):
    parquet = tmp_path / "parquet"
    engine = DaskEngine(parquet, workers=2, batch_size=8)
    run(corpus, tmp_path / "dask.duckdb", engine)
    assert contents(tmp_path / "dask.duckdb") == reference
    assert len(batch_keys(parquet)) == ARTICLES // 8
    with duckdb.connect() as connection:  # the folder is a dataset DuckDB reads as it is
        [(count,)] = connection.execute(
            f"SELECT count(*) FROM read_parquet('{parquet}/event_mentions/*.parquet')").fetchall()
    assert count == len(reference["event_mentions"])

    with Store(tmp_path / "imported.duckdb") as store:
        assert len(list(import_folder(parquet, store))) == ARTICLES
        again = list(import_folder(parquet, store))
    assert not [stored for stored in again if stored.new]
    assert contents(tmp_path / "imported.duckdb") == reference


@pytest.mark.slow
def test_an_article_over_its_time_limit_fails_alone(corpus, tmp_path, monkeypatch):
    """A hang (or a pathological page) is killed when its batch runs out of time;
    coded again alone, its batch-mates are stored and it fails on its own limit."""
    monkeypatch.setenv(FAULT_HOOK, "hang:article-000006.txt")
    pool = ProcessPool(workers=1, batch_size=4,
                       limits=replace(settings().engine, batch_seconds=4, article_seconds=2))
    results = run(corpus, tmp_path / "hung.duckdb", pool)
    assert failed_names(results) == ["article-000006.txt"]
    failure = next(r for r in results if isinstance(r, IngestFailure))
    assert failure.message == "coding took over 2 s; not stored"
    with Store(tmp_path / "hung.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == ARTICLES - 1


@pytest.mark.slow
def test_an_article_over_the_memory_limit_fails_alone(corpus, tmp_path, monkeypatch):
    """A worker that grows past its memory limit is killed before it takes the
    machine's memory; the article that grew it fails alone."""
    monkeypatch.setenv(FAULT_HOOK, "hog:article-000006.txt")
    pool = ProcessPool(workers=1, batch_size=4)
    with Store(tmp_path / "hog.duckdb") as store:
        results = process([corpus], store, pool)
        first = next(results)  # the worker is up, and now busy with the hog's batch
        coding_mb = psutil.Process(pool.busy[0].process.pid).memory_info().rss / 1e6
        pool.limits = replace(pool.limits, worker_mb=coding_mb + 400)  # far above coding
        rest = [first, *results]
    pool.close()
    assert failed_names(rest) == ["article-000006.txt"]
    failure = next(r for r in rest if isinstance(r, IngestFailure))
    assert failure.message == f"coding used over {coding_mb + 400:g} MB of memory; not stored"
    with Store(tmp_path / "hog.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == ARTICLES - 1


def test_engine_options_are_checked_before_any_work(tmp_path):
    runner = CliRunner()
    for options, message in [(["--workers", "0"], "--workers must be at least 1, not 0"),
                             (["--engine", "spark"], "--engine must be one of local, dask"),
                             (["--scheduler", "tcp://127.0.0.1:8786"],
                              "--scheduler needs --engine dask")]:
        result = runner.invoke(app, ["extract", str(tmp_path), "--db",
                                     str(tmp_path / "x.duckdb"), *options])
        assert result.exit_code == 2
        assert result.stderr.strip() == f"error: {message}"
    assert not (tmp_path / "x.duckdb").exists()
