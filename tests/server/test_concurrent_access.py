"""The dashboard stays up while news comes in: ``detente serve`` and ``detente
extract`` on one database at once, as real processes. One writer at a time (runs
take turns a batch at a time), readers wait at most for one commit, and new
events show in the dashboard within seconds of their commit (README, "Ingest and
dashboard at once")."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from detente.engine.corpus import write_corpus

if TYPE_CHECKING:
    from tests.server_fixtures import ServeProcess

pytestmark = [pytest.mark.slow, pytest.mark.fault]
pytest_plugins = ["tests.server_fixtures"]

DETENTE = [str(Path(sys.executable).with_name("detente"))]
ARTICLES = 12


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A first day's articles and a second day's, different ones."""
    root = tmp_path_factory.mktemp("days")
    write_corpus(root / "all", 2 * ARTICLES, words=200)
    first, second = root / "first", root / "second"
    first.mkdir()
    second.mkdir()
    for number, path in enumerate(sorted((root / "all").iterdir())):
        path.rename((first if number < ARTICLES else second) / path.name)
    return first, second


def extract(folder: Path, db: Path, *more: str) -> subprocess.Popen:
    return subprocess.Popen([*DETENTE, "extract", str(folder), "--db", str(db), "--workers",
                             "1", "--format", "none", *more],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def serving(serve: Callable[..., AbstractContextManager[ServeProcess]]
            ) -> Callable[[Path], AbstractContextManager[str]]:
    """``serving(db)``: ``detente serve`` on ``db`` in a process of its own, its URL
    once it answers; it must stop on SIGTERM without a traceback."""
    @contextmanager
    def running(db: Path) -> Iterator[str]:
        with serve(db) as server:
            yield server.url
            server.stop(timeout_s=20)
            assert b"Traceback" not in server.process.stderr.read()
    return running


def articles_seen(url: str) -> tuple[int, float]:
    """The dashboard's article count, and how long it took to answer."""
    start = time.monotonic()
    response = httpx.get(url + "/api/summary", timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["articles"], time.monotonic() - start


def test_extract_into_a_database_the_dashboard_serves(corpora, tmp_path, serving):
    first, second = corpora
    db = tmp_path / "news.duckdb"
    assert extract(first, db).wait() == 0
    with serving(db) as url:
        assert articles_seen(url)[0] == ARTICLES
        run = extract(second, db)
        seen, slowest = [], 0.0
        while run.poll() is None:
            count, took = articles_seen(url)
            seen.append(count)
            slowest = max(slowest, took)
            time.sleep(0.1)
        _, errors = run.communicate()
        finished = time.monotonic()
        assert run.returncode == 0, errors
        assert "error" not in errors
        while (count := articles_seen(url)[0]) < 2 * ARTICLES:
            assert time.monotonic() - finished < 5, "the new articles did not show"
            time.sleep(0.1)
    assert seen == sorted(seen), "counts only grow"
    assert slowest < 10, f"a read waited {slowest:.1f} s"


def test_the_dashboard_starts_while_a_run_is_storing(corpora, tmp_path, serving):
    first, second = corpora
    db = tmp_path / "news.duckdb"
    assert extract(first, db).wait() == 0
    run = extract(second, db)
    with serving(db) as url:
        assert articles_seen(url)[0] >= ARTICLES
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors
        time.sleep(0.5)
        assert articles_seen(url)[0] == 2 * ARTICLES


def test_two_runs_into_one_database_take_turns(corpora, tmp_path, serving):
    first, second = corpora
    db = tmp_path / "news.duckdb"
    runs = [extract(first, db), extract(second, db)]
    results = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [errors for _, errors in results]
    with serving(db) as url:
        assert articles_seen(url)[0] == 2 * ARTICLES


def test_a_database_damaged_under_the_dashboard_is_a_503_not_a_traceback(corpora, tmp_path,
                                                                         serving):
    first, _ = corpora
    db = tmp_path / "news.duckdb"
    assert extract(first, db).wait() == 0
    with serving(db) as url:
        assert httpx.get(url + "/api/events", timeout=30).status_code == 200
        damage = ("import sys; from detente.store import Store; s = Store(sys.argv[1]); "
                  "s.connection.execute('ALTER TABLE event_mentions DROP COLUMN goldstein'); "
                  "s.close()")
        subprocess.run([sys.executable, "-c", damage, str(db)], check=True,
                       env={**os.environ})
        response = httpx.get(url + "/api/events", timeout=30)
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("application/json")
        assert "goldstein" in response.json()["detail"]
