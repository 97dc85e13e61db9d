"""Engines: who codes the articles, behind one interface (``detente.pipeline.Coder``).

``local`` codes in this process (one worker) or in a pool of worker processes;
``dask`` codes on a Dask cluster (a scheduler's address, or a LocalCluster) and
passes results through partitioned Parquet. Either way the calling process is
the only writer of the store, so ``detente.pipeline.process`` is the same."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the CLI imports this package without loading spaCy
    from detente.model import Article
    from detente.pipeline import Result

ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """The engine cannot code at all (its workers cannot start); one line."""


class Engine(Protocol):
    """A ``detente.pipeline.Coder`` with workers to stop."""

    def code_batches(self, articles: Iterable[Article | None]) -> Iterator[list[Result]]:
        ...

    def close(self) -> None:
        ...


@contextmanager
def open_engine(name: str = "local", workers: int = 1, scheduler: str | None = None,
                parquet: str | Path | None = None) -> Iterator[Engine]:
    """An engine that is shut down on leaving the block, whatever happened in it.

    ``workers`` = 1 with the local engine codes in this process (no pool);
    the Dask engine needs ``parquet``, the folder its workers write to."""
    engine: Engine
    if name == "local":
        from detente.engine.local import InProcess, ProcessPool

        engine = InProcess() if workers == 1 else ProcessPool(workers)
    elif name == "dask":
        from detente.engine.dask import DaskEngine  # distributed loads only when asked

        if parquet is None:
            raise ValueError("the Dask engine needs a Parquet folder")
        engine = DaskEngine(parquet, workers, scheduler)
    else:
        raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    try:
        yield engine
    finally:
        engine.close()
