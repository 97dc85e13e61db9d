"""Shared fixtures: one real spaCy pipeline per test session, the seed pages,
and fresh DuckDB files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from detente.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent

# Property and fuzz tests draw the same examples on every run, so a red CI is a
# real regression; HYPOTHESIS_PROFILE=explore draws fresh ones to hunt for bugs.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def find_seeds() -> Path | None:
    """The seed pages live beside the repository in ``shared/seeds`` (never copied in)."""
    if os.environ.get("DETENTE_SEEDS"):
        return Path(os.environ["DETENTE_SEEDS"])
    for folder in REPO.parents:
        if (folder / "shared" / "seeds").is_dir():
            return folder / "shared" / "seeds"
    return None


SEEDS = find_seeds()


@pytest.fixture(scope="session")
def default_pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def pipeline(default_pipeline: Pipeline) -> Pipeline:
    return default_pipeline


@pytest.fixture(scope="session")
def seeds() -> Path:
    if SEEDS is None or not SEEDS.is_dir():
        pytest.skip("seed pages not found (set DETENTE_SEEDS or keep ../shared/seeds)")
    return SEEDS


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


@pytest.fixture(scope="session")
def partial_pipeline(default_pipeline: Pipeline) -> Pipeline:
    """The same model, also emitting events with a side the dictionary does not know
    (what the side finder found, for the tests that look at it)."""
    return Pipeline(default_pipeline.nlp, partial=True)
