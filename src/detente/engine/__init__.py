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

from detente.extras import missing_extra

if TYPE_CHECKING:  # the CLI imports this package without loading spaCy
    from detente.model import Article
    from detente.pipeline import Result

ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """The engine cannot code at all (its workers cannot start); one line."""


def unavailable(name: str) -> str | None:
    """Why engine ``name`` cannot run here, in one line (the Dask engine without the
    ``[dask]`` extra installed); None when it can."""
    if name != "dask":
        return None
    try:
        import detente.engine.dask  # noqa: F401  # loads dask and distributed
    except ModuleNotFoundError as error:
        message = missing_extra(error, "dask", "--engine dask")
        if message is None:
            raise
        return message
    return None


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
        if (missing := unavailable(name)) is not None:
            raise EngineError(missing)
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
