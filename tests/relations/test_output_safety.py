"""Where ``detente export`` and ``detente report`` write (issue 18.1): a new file or,
with --force, a regular file, written whole; never a device, FIFO, socket, folder
or symbolic link at --out; ``-o -`` for standard output; a full disk is one
line and exit 2, with nothing half-written left behind."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from tests.store.test_relations_events import VISIT, report, stored

pytestmark = pytest.mark.fault


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return stored(
        tmp_path / "db.duckdb",
        ("a.txt", "2000-10-25", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report("Washington imposed sanctions on Pyongyang.", "USA", "PRK", "172",
                   "imposed", date="2000-10-24")]))


def one_line_refusal(arguments: list[str], db: Path, message: str) -> None:
    result = CliRunner().invoke(app, [*arguments, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["export", "-f", "jsonl"], ["report"]])
def test_nothing_but_a_regular_file_is_replaced(db: Path, tmp_path: Path, command: list[str]):
    kept = tmp_path / "kept.txt"
    kept.write_text("keep me\n")
    link = tmp_path / "link"
    link.symlink_to(kept)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target, kind in ((link, "a symbolic link"), (fifo, "a FIFO"), (folder, "a folder"),
                         (Path("/dev/null"), "a character device")):
        one_line_refusal([*command, "-o", str(target), "--force"], db,
                         f"{target}: is {kind}, not a regular file")
    assert link.is_symlink() and kept.read_text() == "keep me\n"
    assert fifo.is_fifo() and folder.is_dir() and not any(folder.iterdir())
    assert Path("/dev/null").is_char_device()
    one_line_refusal([*command, "-o", str(kept / "x")], db, f"{kept} is not a folder")
    one_line_refusal([*command, "-o", str(tmp_path / "nowhere" / "x")], db, "does not exist")


def test_dash_writes_the_export_and_the_report_to_standard_output(db: Path):
    runner = CliRunner()
    result = runner.invoke(app, ["export", "-f", "jsonl", "-o", "-", "--db", str(db)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(record["cameo"] for record in records) == ["042", "172"]
    result = runner.invoke(app, ["report", "-o", "-", "--db", str(db)])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    one_line_refusal(["export", "-f", "gdelt", "-o", "-"], db, "give a file name, not -")


def limit_file_size() -> None:
    """In the child: files may not grow past 200 bytes, and writing past it fails with
    EFBIG instead of killing the process (what a full disk looks like to a writer)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))


@pytest.mark.slow
@pytest.mark.parametrize("command", [["export", "-f", "csv"], ["export", "-f", "gdelt"],
                                     ["report"]])
def test_a_full_disk_is_one_line_and_exit_2(db: Path, tmp_path: Path, command: list[str]):
    out = tmp_path / "out" / "file.txt"
    out.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "from detente.cli import app; app()", *command, "-o", str(out),
         "--db", str(db)],
        capture_output=True, text=True, preexec_fn=limit_file_size, timeout=120,
        env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"{out}: cannot write (File too large)" in result.stderr
    assert list(out.parent.iterdir()) == []  # no half-written file, no leftover part
