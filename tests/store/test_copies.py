"""A wire story reprinted by several sites is stored once, with every printing kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.cli.extract import run_extract
from detente.store import Store
from detente.store.events import refresh_events

STORY = [
    "Russian President Vladimir Putin arrived in Pyongyang on Wednesday for two days of "
    "talks with the North Korean leader, Kim Jong-il, the first visit by a Kremlin leader "
    "to the isolated state.",
    "Officials in Moscow said the two men would discuss the future of the Korean peninsula, "
    "trade across their short land border and the missile programme that has worried "
    "Washington and Tokyo for most of the past decade.",
    "The visit follows the summit between the leaders of the two Koreas in June, which "
    "eased decades of hostility and opened the way for family reunions across the border.",
    "Diplomats in Seoul said they expected the Russian leader to carry messages from "
    "Beijing as well, and to press Pyongyang to keep its promise to freeze long-range "
    "missile tests while talks with the United States went on.",
]


def write_story(path: Path, headline: str, byline: str, paragraphs: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join([headline, byline, *paragraphs]) + "\n")
    return path


@pytest.fixture(scope="module")
def printings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same story on three sites: one as sent, one with another headline and byline
    and one sentence rewritten, and a word-for-word copy."""
    root = tmp_path_factory.mktemp("wire")
    write_story(root / "site-a" / "putin.txt", "Putin in Pyongyang", "By a staff reporter",
                STORY)
    edited = [*STORY[:3], STORY[3].replace("Diplomats in Seoul said", "Seoul diplomats say")]
    write_story(root / "site-b" / "story.txt", "Kremlin leader makes first visit to North",
                "From our correspondent", edited)
    write_story(root / "site-c" / "copy.txt", "Putin in Pyongyang", "By a staff reporter",
                STORY)
    return root


@pytest.fixture(scope="module")
def store_path(printings: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "wire.duckdb"
    run_extract([str(printings)], str(db), "none")
    return db


def test_a_reprinted_story_is_stored_once_with_every_printing(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        counts = store.counts()
        copies = store.connection.execute(
            "SELECT path, similarity FROM article_copies ORDER BY path").fetchall()
    assert counts["articles"] == 1
    assert [Path(path).parent.name for path, _ in copies] == ["site-b", "site-c"]
    assert all(similarity >= 0.7 for _, similarity in copies)


def test_events_count_every_source_that_printed_them(store_path: Path) -> None:
    with Store(store_path) as store:
        refresh_events(store.connection)
        visits = store.connection.execute(
            "SELECT num_sources, num_articles FROM events WHERE cameo LIKE '04%' "
            "AND source_country = 'RUS' AND target_country = 'PRK'").fetchall()
    assert visits, "the visit is coded"
    assert all(row == (3, 3) for row in visits)


def test_a_second_run_records_no_copy_twice(printings: Path, store_path: Path) -> None:
    run_extract([str(printings)], str(store_path), "none")
    with Store(store_path, read_only=True) as store:
        assert store.counts()["article_copies"] == 2


@pytest.mark.slow
def test_a_rerun_prints_the_same_records_as_the_first_run(printings: Path,
                                                         tmp_path: Path) -> None:
    """Each event mention is printed once, with the article it was coded from; a
    copy prints none, whether its original was coded in this run or an earlier one
    (a re-run printed the original's records again for every copy)."""
    db = str(tmp_path / "rerun.duckdb")
    runs = [CliRunner().invoke(app, ["extract", str(printings), "--db", db, "--workers", "1",
                                     "--format", "jsonl"]) for _ in range(2)]
    assert [run.exit_code for run in runs] == [0, 0]
    first, second = (sorted(run.stdout.splitlines()) for run in runs)
    assert first == second
    assert len(first) == len(set(first)), "no event mention twice"
    with Store(db, read_only=True) as store:
        assert len(first) == store.counts()["event_mentions"]


def test_a_different_story_on_the_same_subject_is_its_own_article(
        printings: Path, tmp_path: Path) -> None:
    other = write_story(tmp_path / "site-d" / "other.txt", "Seoul reacts", "By a reporter", [
        "South Korean officials welcomed the Russian president's trip to Pyongyang on "
        "Thursday, saying any contact that drew the North out of isolation served peace.",
        "The foreign ministry in Seoul said it had been briefed by Moscow before the visit "
        "and hoped the talks would lead the North back to negotiations with Washington.",
        "Opposition lawmakers were more cautious, warning that Russia might sell arms to "
        "the North in exchange for a louder voice in the diplomacy of the peninsula.",
    ])
    db = tmp_path / "two.duckdb"
    run_extract([str(printings / "site-a"), str(other)], str(db), "none")
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2
        assert store.counts()["article_copies"] == 0
