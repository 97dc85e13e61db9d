"""A database that cannot be written is reported in one line with exit status 2,
and nothing already stored is lost or left half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.engine.corpus import write_corpus
from detente.model import Article
from detente.store import Store, StoreError

pytestmark = pytest.mark.fault

runner = CliRunner()
ARTICLES = 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, ARTICLES, words=200)
    return folder


def extract(corpus: Path, db: Path):
    return runner.invoke(app, ["extract", str(corpus), "--db", str(db), "--workers", "1",
                               "--format", "none"])


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_writing_to_a_read_only_store_is_one_clear_error(db_path):
    Store(db_path).close()
    article = Article(doc="note.txt", paragraphs=["The two Koreas met in Panmunjom."])
    with Store(db_path, read_only=True) as store, pytest.raises(StoreError) as raised:
        store.add_article(article, [], [])
    message = str(raised.value)
    assert "\n" not in message and "note.txt" in message and "read-only" in message
    with Store(db_path, read_only=True) as store:
        assert store.counts()["articles"] == 0


def make_read_only(path: Path) -> list[str]:
    """Make a file unwritable, for root too; the command that undoes it. As root
    file modes do not bind, so the file is made immutable (``chattr +i``)."""
    path.chmod(0o444)
    if os.geteuid() != 0:
        return []
    try:
        subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True,
                       timeout=10)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"root, and the file cannot be made immutable ({error})")
    return ["chattr", "-i", str(path)]


def test_a_read_only_database_file_stops_extract_with_exit_2(corpus, db_path):
    Store(db_path).close()
    undo = make_read_only(db_path)
    try:
        result = extract(corpus, db_path)
    finally:
        if undo:
            subprocess.run(undo, check=False, timeout=10)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and str(db_path) in error_lines(result)[0]


@pytest.mark.slow
def test_a_database_locked_by_another_process_stops_extract_with_exit_2(corpus, db_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(60)", str(db_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = extract(corpus, db_path)
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert "cannot open database" in line and "lock" in line


class FullDisk:
    """A connection whose second batch of event mentions finds the disk full,
    after that batch's articles and actor mentions went in."""

    event_inserts = 0  # counted across connections: a run opens one for each batch

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection

    def execute(self, query: str, *parameters):
        if query.startswith("INSERT INTO event_mentions"):
            FullDisk.event_inserts += 1
            if FullDisk.event_inserts == 2:
                raise duckdb.IOException("Could not write file: No space left on device")
        return self.connection.execute(query, *parameters)

    def __getattr__(self, name: str):
        return getattr(self.connection, name)


@pytest.mark.slow
def test_a_write_failure_mid_run_leaves_earlier_articles_whole(corpus, db_path, monkeypatch):
    connect = duckdb.connect
    FullDisk.event_inserts = 0
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: FullDisk(connect(*a, **k)))
    result = extract(corpus, db_path)
    monkeypatch.undo()
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert "No space left on device" in line and "intact" in line

    with duckdb.connect(str(db_path), read_only=True) as connection:
        def count(query: str) -> int:
            return connection.execute(query).fetchone()[0]
        stored = count("SELECT count(*) FROM articles")
        assert 0 < stored < ARTICLES  # the first batch, whole; not the second
        assert count("SELECT count(*) FROM event_mentions") > 0
        for table in ("mentions", "event_mentions"):
            assert count(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN "
                         "(SELECT doc_id FROM articles)") == 0

    finished = extract(corpus, db_path)  # space freed: the run completes
    assert finished.exit_code == 0
    assert f"{ARTICLES} articles ({ARTICLES - stored} coded by this run)" in finished.stderr
