"""The store's on-disk near-duplicate index, its site column (and the migration of
older databases), an events table that knows when it is stale, and database
errors at the end of a run (refresh, close, a really full disk) in one line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.cli.extract import run_extract
from detente.model import Article
from detente.store import Store
from detente.store import events as store_events
from detente.store import writes as store_writes
from tests.store.test_copies import STORY, write_story

runner = CliRunner()


def article(doc: str, paragraphs: list[str], **extra) -> Article:
    return Article(doc=doc, paragraphs=paragraphs, path=f"/news/{doc}", **extra)


def test_a_stored_story_is_found_by_a_later_store_without_loading_the_index(db_path):
    with Store(db_path) as store:
        assert store.near_duplicate(article("a.txt", STORY)) is None
        store.add_article(article("a.txt", STORY, site="Site A"), [], [])
    edited = [*STORY[:3], STORY[3].replace("Diplomats in Seoul said", "Seoul diplomats say")]
    with Store(db_path) as store:
        found = store.near_duplicate(article("b.txt", ["Another headline", *edited]))
        assert found is not None and found[0] == article("a.txt", STORY).doc_id
        assert 0.7 <= found[1] < 1
        assert store.near_duplicate(article("c.txt", STORY[:1])) is None
        bands = store.connection.execute("SELECT count(*) FROM article_bands").fetchone()[0]
        site = store.connection.execute("SELECT site FROM articles").fetchone()[0]
    assert bands == 32 and site == "Site A"


def test_an_article_whose_batch_fails_leaves_the_index(db_path):
    original, reprint = article("a.txt", STORY), article("b.txt", ["Headline", *STORY])
    with Store(db_path) as store:
        assert store.near_duplicate(original) is None  # pending: its batch is coding
        found = store.near_duplicate(reprint)
        assert found is not None and found[0] == original.doc_id
        store.add_copy(found[0], reprint, found[1])
        store.add_articles([], [(original.path, "coding failed (boom)")])
        assert store.near_duplicate(article("c.txt", ["Other", *STORY])) is None
        counts = store.counts()
    assert counts["article_copies"] == 0 and counts["failures"] == 1


def test_an_older_database_gains_the_site_column_and_the_band_index(db_path):
    with Store(db_path) as store:
        store.add_article(article("a.txt", STORY), [], [])
        store.connection.execute("ALTER TABLE articles DROP COLUMN site")
        store.connection.execute("ALTER TABLE article_copies DROP COLUMN site")
        store.connection.execute("DROP TABLE article_bands")
        store.connection.execute("DROP TABLE store_meta")
    with Store(db_path, read_only=True) as store:  # an old file read as it is
        source, parameters = store_events.events_source(store.connection)
        assert store.connection.execute(f"SELECT count(*) FROM {source}",
                                        parameters).fetchone()[0] == 0
    with Store(db_path) as store:
        assert store.near_duplicate(article("b.txt", ["Headline", *STORY])) is not None
        columns = [row[0] for row in store.connection.execute("DESCRIBE articles").fetchall()]
    assert columns[-1] == "site"


@pytest.fixture(scope="module")
def flat_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two printings of one story side by side in one folder, no site known."""
    root = tmp_path_factory.mktemp("flat")
    write_story(root / "putin.txt", "Putin in Pyongyang", "By a staff reporter", STORY)
    edited = [*STORY[:3], STORY[3].replace("Diplomats in Seoul said", "Seoul diplomats say")]
    write_story(root / "story.txt", "Kremlin leader makes first visit to North",
                "From our correspondent", edited)
    return root


def visits(db: Path) -> list[tuple[int, int]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(
            "SELECT num_sources, num_articles FROM events WHERE cameo LIKE '04%' "
            "AND source_country = 'RUS' AND target_country = 'PRK'").fetchall()


def test_two_printings_in_one_folder_are_two_sources(flat_folder, tmp_path):
    db = tmp_path / "flat.duckdb"
    run_extract([str(flat_folder)], str(db), "none")
    found = visits(db)
    assert found and all(row == (2, 2) for row in found)


@pytest.mark.slow
def test_an_interrupted_refresh_is_redone_by_the_next_run(flat_folder, tmp_path):
    db = tmp_path / "stale.duckdb"
    run_extract([str(flat_folder)], str(db), "none")
    with Store(db) as store:
        assert not store.events_stale()
        expected = store.connection.execute("SELECT count(*) FROM events").fetchone()[0]
        store.connection.execute("DELETE FROM events")  # a refresh that never finished ...
        store.connection.execute("DELETE FROM store_meta WHERE key = ?",
                                 [store_events.EVENTS_BUILT])
        assert store.events_stale()
    assert expected > 0
    counts = run_extract([str(flat_folder)], str(db), "none")
    assert counts.new == 0
    with Store(db, read_only=True) as store:
        assert store.connection.execute("SELECT count(*) FROM events").fetchone()[0] == expected
        assert not store.events_stale()


def test_events_built_before_the_last_articles_are_stale(db_path):
    with Store(db_path) as store:
        store.refresh_events()
        assert not store.events_stale()
        store.add_article(article("a.txt", STORY), [], [])
        assert store.events_stale()


def extract(paths: list[Path], db: Path):
    return runner.invoke(app, ["extract", *map(str, paths), "--db", str(db), "--workers", "1",
                               "--format", "none"])


def test_a_failed_refresh_is_one_line_naming_the_database(flat_folder, tmp_path, monkeypatch):
    def broken(connection):
        raise duckdb.IOException("Could not write file: No space left on device")
    monkeypatch.setattr(store_writes, "refresh_events", broken)
    db = tmp_path / "refresh.duckdb"
    result = extract([flat_folder], db)
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert str(db) in line and "events table" in line and "No space left" in line


def test_a_failed_close_is_one_line_naming_the_database(flat_folder, tmp_path, monkeypatch):
    closing = duckdb.DuckDBPyConnection.close
    db = tmp_path / "close.duckdb"

    class Closing:
        def __init__(self, connection):
            self.connection = connection

        def close(self):
            closing(self.connection)
            raise duckdb.IOException("Could not write file: No space left on device")

        def __getattr__(self, name):
            return getattr(self.connection, name)

    connect = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: Closing(connect(*a, **k)))
    result = extract([flat_folder], db)
    monkeypatch.undo()
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert str(db) in line and "cannot close" in line


def mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                       check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"cannot mount a small tmpfs here ({error})")


@pytest.mark.slow
def test_a_really_full_disk_is_one_line_and_loses_no_stored_article(tmp_path):
    from detente.engine.corpus import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40, words=400)
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "600k")
    try:
        db = disk / "full.duckdb"
        result = extract([corpus], db)
        assert "Traceback" not in result.stderr
        if result.exit_code == 0:
            pytest.skip("the corpus fitted in the small disk")
        assert result.exit_code == 2
        [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert str(db) in line and "\n" not in line
        saved = tmp_path / "saved"
        saved.mkdir()
        for part in disk.iterdir():
            shutil.copy(part, saved / part.name)
    finally:
        subprocess.run(["umount", str(disk)], check=False, timeout=30)
    copy = saved / "full.duckdb"
    with duckdb.connect(str(copy)) as connection:  # what was committed opens whole
        for table in ("mentions", "event_mentions"):
            orphans = connection.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN "
                "(SELECT doc_id FROM articles)").fetchone()[0]
            assert orphans == 0
    finished = extract([corpus], copy)  # room again: the run completes
    assert finished.exit_code == 0, finished.stderr
