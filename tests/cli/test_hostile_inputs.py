"""The fault and abuse suite, part one: hostile and unlucky inputs and databases.
Each case is one clear line (``error: PATH: reason``, or ``warning:``), exit
status 1 (some inputs failed) or 2 (the command could not run), no traceback,
and nothing already stored lost. The rest of the suite: ``test_store_faults.py``
(read-only, locked and full disks, writes failing mid-run), ``test_resume.py``
(kill -9 and resume), ``test_engine.py`` (workers that crash, hang or hog
memory), ``test_concurrent_access.py`` (the dashboard open while news comes in)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.dbfile import connect
from detente.store import Store, StoreError

pytestmark = pytest.mark.fault

runner = CliRunner()
STORY = ("SEOUL, June 15, 2000 (Reuters) - South Korean President Kim Dae-jung visited "
         "Pyongyang on Tuesday for the first summit of the two Koreas.\n")


def extract(*args: str):
    return runner.invoke(app, ["extract", *args, "--workers", "1", "--format", "none"])


def lines(stream: str, kind: str) -> list[str]:
    return [line for line in stream.splitlines() if line.startswith(f"{kind}:")]


def test_a_newline_in_a_file_name_cannot_forge_a_second_error_line(tmp_path, db_path):
    (tmp_path / "a\nerror: everything is fine.txt").write_text("")
    result = extract(str(tmp_path), "--db", str(db_path))
    assert result.exit_code == 1
    [error] = lines(result.stderr, "error")
    assert "a\\nerror: everything is fine.txt: empty file" in error


def test_markup_in_a_file_name_is_shown_as_written(tmp_path, db_path):
    (tmp_path / "[bold]report[reset].txt").write_text("")
    result = extract(str(tmp_path), "--db", str(db_path))
    [error] = lines(result.stderr, "error")
    assert "[bold]report[reset].txt: empty file" in error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_not_a_regular_file_by_name_or_in_a_folder(tmp_path, db_path):
    """Reading a FIFO would block the run; it is reported, never read, never skipped
    without a word."""
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.txt")
    result = extract(str(folder), str(tmp_path / "named.txt"), "--db", str(db_path))
    assert result.exit_code == 1
    errors = lines(result.stderr, "error")
    assert len(errors) == 2
    assert all("not a regular file (a named pipe (FIFO)); not read" in line for line in errors)
    with Store(db_path, read_only=True) as store:
        assert store.counts()["articles"] == 1


def test_a_missing_file_is_still_no_such_file(tmp_path, db_path):
    result = extract(str(tmp_path / "nowhere.txt"), "--db", str(db_path))
    [error] = lines(result.stderr, "error")
    assert error.endswith("nowhere.txt: no such file or folder")


def test_a_jsonl_date_that_is_not_a_date_warns_and_the_article_is_stored(tmp_path, db_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": STORY.split(" - ")[1], "published": "not-a-date"})
                    + "\n")
    result = extract(str(feed), "--date-field", "published", "--db", str(db_path))
    assert result.exit_code == 0
    [warning] = lines(result.stderr, "warning")
    assert warning == (f"warning: {feed}:1: 'published' holds \"not-a-date\", not a date; "
                       "stored without it")
    with Store(db_path, read_only=True) as store:
        [(pub_date,)] = store.connection.execute("SELECT pub_date FROM articles").fetchall()
    assert pub_date is None


@pytest.fixture
def stored(tmp_path) -> Path:
    """A small real database: one coded article."""
    (tmp_path / "story.txt").write_text(STORY)
    db = tmp_path / "news.duckdb"
    assert extract(str(tmp_path / "story.txt"), "--db", str(db)).exit_code == 0
    return db


def summary(db: Path):
    return runner.invoke(app, ["summary", "--db", str(db)])


def test_a_truncated_database_is_one_line_and_exit_2(stored):
    stored.write_bytes(stored.read_bytes()[: stored.stat().st_size // 2])
    result = summary(stored)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {stored}: damaged database: the file is "
                                     f"shorter than the {blocks_of(stored)} blocks in use "
                                     "(truncated?)")


def blocks_of(db: Path) -> int:
    """The block count a database's header declares (DuckDB opens a cut file)."""
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute("SELECT used_blocks FROM pragma_database_size()").fetchone()[0]


def test_a_database_with_a_dropped_column_is_one_line_and_exit_2(stored):
    with duckdb.connect(str(stored)) as connection:
        connection.execute("ALTER TABLE event_mentions DROP COLUMN goldstein")
    result = summary(stored)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {stored}: damaged database: no column "
                                     "event_mentions.goldstein")
    assert extract(str(stored.parent / "story.txt"), "--db", str(stored)).exit_code == 2


def test_a_file_of_garbage_is_one_line_and_exit_2(tmp_path):
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(os.urandom(5000))
    result = summary(garbage)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "not a valid DuckDB database file" in result.stderr


def test_a_sqlite_file_is_refused_without_reaching_for_an_extension(tmp_path):
    lite = tmp_path / "news.sqlite"
    with sqlite3.connect(lite) as connection:
        connection.execute("CREATE TABLE articles (doc_id TEXT)")
    result = summary(lite)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {lite}: a SQLite database, not a DuckDB one"
    with pytest.raises(StoreError, match="a SQLite database"):
        Store(lite)


def test_no_connection_installs_or_loads_extensions(stored):
    connection = connect(str(stored), read_only=True)
    settings = dict(connection.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN "
        "('autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
    connection.close()
    assert settings == {"autoinstall_known_extensions": "false",
                        "autoload_known_extensions": "false"}
