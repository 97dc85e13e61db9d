"""A run killed with SIGKILL mid-way and started again finishes the work with
nothing lost and nothing stored twice, and does not code again what it stored."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from detente.engine.corpus import write_corpus
from detente.store import TABLE_COLUMNS

pytestmark = [pytest.mark.slow, pytest.mark.fault]

DETENTE = str(Path(sys.executable).with_name("detente"))
ARTICLES = 48


def extract(corpus: Path, db: Path, *options: str) -> list[str]:
    return [DETENTE, "extract", str(corpus), "--db", str(db), *options]


def contents(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return {table: sorted(connection.execute(
                    f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
                for table, columns in TABLE_COLUMNS.items()}


def children(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def test_a_killed_run_resumes_to_the_same_store(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES, words=250)
    uninterrupted = tmp_path / "uninterrupted.duckdb"
    subprocess.run(extract(corpus, uninterrupted, "--workers", "1", "--format", "none"),
                   check=True, capture_output=True)

    # Kill the run once it has stored a few articles and is coding more.
    resumed = tmp_path / "resumed.duckdb"
    run = subprocess.Popen(extract(corpus, resumed, "--workers", "2", "--format", "jsonl"),
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert run.stdout is not None
    seen: set[str] = set()
    for line in run.stdout:
        seen.add(json.loads(line)["doc_id"])
        if len(seen) >= 6:
            break
    workers = children(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert workers, "the run was coding in worker processes"
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)  # orphaned workers notice their parent is gone and stop
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)

    stored_before = len(contents(resumed)["articles"])
    assert 0 < stored_before < ARTICLES

    again = subprocess.run(extract(corpus, resumed, "--workers", "2", "--format", "none"),
                           check=True, capture_output=True, text=True)
    summary = re.search(r"(\d+) articles \((\d+) coded by this run\)", again.stderr)
    assert summary, again.stderr
    assert (int(summary[1]), int(summary[2])) == (ARTICLES, ARTICLES - stored_before)

    expected, got = contents(uninterrupted), contents(resumed)
    assert got == expected
    doc_ids = [row[0] for row in got["articles"]]
    assert len(doc_ids) == len(set(doc_ids)) == ARTICLES
    assert got["event_mentions"]
