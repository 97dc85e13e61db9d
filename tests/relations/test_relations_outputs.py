"""Exports (GDELT 2.0 layout included), the ledger, the network, the report and the
commands, on small hand-built stores, the seed pages and headless Chromium."""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.ingest.readers import read_articles
from detente.model import DiplomaticStep
from detente.pipeline import Pipeline
from detente.relations import export as export_module
from detente.relations.export import export_events
from detente.relations.ledger import ledger
from detente.relations.network import relation_network
from detente.relations.output import OutputError
from detente.relations.report import write_report
from detente.store import Store
from tests.store.test_relations_events import VISIT, add_article, report, stored

REPO = Path(__file__).resolve().parents[2]
GDELT = next((folder / "shared/data/gdelt/20150218230000.export.CSV"
              for folder in REPO.parents if (folder / "shared/data/gdelt").is_dir()), None)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store with a visit told twice, a hosting, a hostile triangle and a severance."""
    return stored(
        tmp_path / "db.duckdb",
        ("a.txt", "2000-10-24", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report("Kim Jong-il hosted Albright on Monday.", "PRKGOV", "USAGOV", "043", "hosted",
                   date="2000-10-23"),
            report("Japan accused North Korea of abductions.", "JPN", "PRK", "112", "accused",
                   date="2000-10-20"),
            report("Japan and the United States held talks.", "JPN", "USA", "046", "talks",
                   date="2000-10-21"),
            report("Saudi Arabia severed diplomatic relations with Iran on Sunday.", "SAU",
                   "IRN", "161", "severed", date="2000-10-22",
                   step=DiplomaticStep("relations_severed", "severed diplomatic relations"))],
         "https://news.example.com/a"),
        ("b.txt", "2000-10-25", [
            report("Albright visited North Korea on Monday.", "USAGOV", "PRK", "042", "visited",
                   date="2000-10-23")], "https://wire.example.org/b"),
        refresh=False)


def gdelt_types(path: Path) -> list[str]:
    with duckdb.connect() as connection:
        return [row[1] for row in connection.execute(
            "DESCRIBE SELECT * FROM read_csv(?, delim='\t', header=false, quote='')",
            [str(path)]).fetchall()]


@pytest.mark.skipif(GDELT is None, reason="shared/data/gdelt not found beside the repository")
def test_gdelt_export_has_61_columns_that_parse_like_gdelt(db: Path, tmp_path: Path):
    out = tmp_path / "detente.export.CSV"
    with Store(db, read_only=True) as store:
        written = export_events(store.connection, out, "gdelt")
    assert [(Path(table.path), table.rows) for table in written] == [
        (out, 4), (tmp_path / "detente.mentions.CSV", 6)]
    rows = list(csv.reader(out.open(), delimiter="\t"))
    assert len(rows) == 4 and {len(row) for row in rows} == {61}
    visit = next(row for row in rows if row[26] == "042")
    assert (visit[5], visit[17], visit[28], visit[29], visit[31:34]) == (
        "USAGOV", "PRK", "04", "1", ["3", "2", "2"])  # NumMentions, NumSources, NumArticles
    assert visit[1] == "20001023" and visit[60] == "https://news.example.com/a"
    real, ours = gdelt_types(GDELT), gdelt_types(out)
    with duckdb.connect() as connection:  # our file reads with the real file's column types
        columns = {f"column{i:02d}": kind for i, kind in enumerate(real)}
        connection.execute("SELECT * FROM read_csv(?, delim='\t', header=false, quote='', "
                           "columns=?)", [str(out), columns]).fetchall()
    filled = [i for i in range(61) if all(row[i] for row in rows)]
    assert [ours[i] for i in filled] == [real[i] for i in filled]
    mentions = list(csv.reader((tmp_path / "detente.mentions.CSV").open(), delimiter="\t"))
    assert {len(row) for row in mentions} == {16}
    assert sum(row[0] == visit[0] for row in mentions) == 3


def test_jsonl_csv_parquet_exports_link_every_mention(db: Path, tmp_path: Path):
    with Store(db, read_only=True) as store:
        for fmt in ("jsonl", "csv", "parquet"):
            export_events(store.connection, tmp_path / f"events.{fmt}", fmt)
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").open()]
    visit = next(r for r in records if r["cameo"] == "042")
    assert visit["num_articles"] == 2 and len(visit["mention_keys"]) == 3
    with duckdb.connect() as connection:
        for fmt, reader in (("csv", "read_csv"), ("parquet", "read_parquet")):
            count = connection.execute(f"SELECT count(*) FROM {reader}(?)",
                                       [str(tmp_path / f"events.{fmt}")]).fetchone()[0]
            assert count == len(records) == 4


def test_exports_refuse_existing_files_and_leave_nothing_when_interrupted(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "events.jsonl"
    out.write_text("keep me\n")
    with Store(db, read_only=True) as store:
        with pytest.raises(OutputError, match="file exists"):
            export_events(store.connection, out, "jsonl")
        assert out.read_text() == "keep me\n"

        def interrupted(row):
            raise KeyboardInterrupt

        monkeypatch.setattr(export_module, "gdelt_event_row", interrupted)
        with pytest.raises(KeyboardInterrupt):
            export_events(store.connection, tmp_path / "x.export.CSV", "gdelt")
        export_events(store.connection, out, "jsonl", force=True)
    left = sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".lock")  # the writer gate
    assert left == ["db.duckdb", "events.jsonl"]
    assert len(out.read_text().splitlines()) == 4


@pytest.fixture
def mixed_db(tmp_path: Path) -> Path:
    """A store with one visit that happened, one planned, one denied and one that
    would happen only if something else did."""
    return stored(
        tmp_path / "mixed.duckdb",
        ("m.txt", "2000-10-24", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report("Clinton will visit Pyongyang in November.", "USAGOV", "PRK", "042",
                   "visit", status="planned", date="2000-11"),
            report("Kim Jong-il did not visit Seoul.", "PRKGOV", "KOR", "042", "visit",
                   status="negated"),
            report("Japan would visit if talks resumed.", "JPN", "PRK", "042", "visit",
                   status="conditional")]),
        refresh=False)


def test_gdelt_export_holds_only_events_that_took_place(mixed_db: Path, tmp_path: Path):
    out = tmp_path / "x.export.CSV"
    with Store(mixed_db, read_only=True) as store:
        export_events(store.connection, out, "gdelt")
    (event,) = list(csv.reader(out.open(), delimiter="\t"))
    assert (event[5], event[15], event[1]) == ("USAGOV", "PRKGOV", "20001023")
    mentions = list(csv.reader((tmp_path / "x.mentions.CSV").open(), delimiter="\t"))
    assert [row[0] for row in mentions] == [event[0]]  # the mentions of that event alone


def test_gdelt_export_holds_only_events_between_coded_actors(tmp_path: Path):
    path = tmp_path / "partial.duckdb"
    with Store(path) as store:  # as a partial pipeline or an older version stored them
        add_article(store, "p.txt", "2000-10-24", [
            report(VISIT, "USAGOV", "PRKGOV", "042", "visited", date="2000-10-23"),
            report("The Hyundai group met North Korean officials.", None, "PRKGOV", "040",
                   "met", source_text="Hyundai group")])
        export_events(store.connection, tmp_path / "x.export.CSV", "gdelt")
        export_events(store.connection, tmp_path / "x.jsonl", "jsonl")
    (event,) = list(csv.reader((tmp_path / "x.export.CSV").open(), delimiter="\t"))
    assert (event[5], event[15]) == ("USAGOV", "PRKGOV")
    assert len((tmp_path / "x.jsonl").read_text().splitlines()) == 2  # JSONL keeps both


def test_gdelt_export_of_every_status_is_asked_for(mixed_db: Path, tmp_path: Path):
    out = tmp_path / "x.export.CSV"
    with Store(mixed_db, read_only=True) as store:
        export_events(store.connection, out, "gdelt", all_statuses=True)
    assert len(out.read_text().splitlines()) == 4
    assert len((tmp_path / "x.mentions.CSV").read_text().splitlines()) == 4


def test_jsonl_csv_parquet_keep_every_event_with_its_status(mixed_db: Path, tmp_path: Path):
    with Store(mixed_db, read_only=True) as store:
        for fmt in ("jsonl", "csv", "parquet"):
            export_events(store.connection, tmp_path / f"events.{fmt}", fmt)
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").open()]
    assert sorted(r["status"] for r in records) == [
        "conditional", "negated", "occurred", "planned"]
    with duckdb.connect() as connection:
        for fmt, reader in (("csv", "read_csv"), ("parquet", "read_parquet")):
            statuses = connection.execute(f"SELECT list(status ORDER BY status) FROM "
                                          f"{reader}(?)",
                                          [str(tmp_path / f"events.{fmt}")]).fetchone()[0]
            assert statuses == ["conditional", "negated", "occurred", "planned"]


def test_export_command_says_what_gdelt_left_out(mixed_db: Path, tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "x.export.CSV"
    result = runner.invoke(app, ["export", "-f", "gdelt", "-o", str(out), "--db", str(mixed_db)])
    assert result.exit_code == 0, result.output
    assert "left out 3 events" in result.output and "1 planned" in result.output
    assert "--all-statuses" in result.output
    result = runner.invoke(app, ["export", "-f", "gdelt", "-o", str(out), "--all-statuses",
                                 "--force", "--db", str(mixed_db)])
    assert result.exit_code == 0 and "left out" not in result.output
    assert len(out.read_text().splitlines()) == 4
    help_text = runner.invoke(app, ["export", "--help"]).output
    assert "--all-statuses" in help_text and "status column" in help_text


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "gdelt"])
def test_exported_files_get_the_mode_of_any_new_file(db: Path, tmp_path: Path, fmt: str):
    with Store(db, read_only=True) as store:
        written = export_events(store.connection, tmp_path / f"events.{fmt}", fmt)
    assert [mode(Path(table.path)) for table in written] == [0o644] * len(written)


@pytest.mark.slow
@pytest.mark.usefixtures("umask_022")
def test_the_report_gets_the_mode_of_any_new_file_and_an_overwrite_keeps_its_own(
        db: Path, tmp_path: Path):
    out = tmp_path / "report.html"
    with Store(db, read_only=True) as store:
        write_report(store.connection, out)
        assert mode(out) == 0o644
        out.chmod(0o640)
        write_report(store.connection, out, force=True)
    assert mode(out) == 0o640


def test_network_is_signed_and_finds_the_unbalanced_triangle(db: Path):
    with Store(db, read_only=True) as store:
        network = relation_network(store.connection, "2000", "2000")
        assert relation_network(store.connection, "2001").nodes == []
    signs = {(e.side_a, e.side_b): e.sign for e in network.edges}
    assert signs == {("PRK", "USA"): 1, ("JPN", "PRK"): -1, ("JPN", "USA"): 1,
                     ("IRN", "SAU"): -1}
    assert network.triads == 1 and network.balanced_share == 0.0
    assert network.most_unbalanced[0].sides == ("JPN", "PRK", "USA")
    assert network.to_dict()["balance"]["triads"] == 1


def test_ledger_reads_severance_with_its_evidence(db: Path):
    with Store(db, read_only=True) as store:
        (entry,) = ledger(store.connection, "IRN")
    assert (entry.country_a, entry.country_b, entry.kind, entry.status, entry.date) == (
        "SAU", "IRN", "relations_severed", "occurred", "2000-10-22")
    assert entry.evidence == "severed diplomatic relations"
    assert entry.to_dict()["sentence"].startswith("Saudi Arabia severed")


def test_ledger_keeps_the_planned_us_mission_under_the_swedish_flag(seeds: Path,
                                                                    pipeline: Pipeline,
                                                                    tmp_path: Path):
    with Store(tmp_path / "seed.duckdb") as store:
        (article,) = read_articles([seeds / "000_477ab05b2272327f.txt"])
        coded = pipeline.code(article)
        store.add_article(article, coded.mentions, coded.events, coded.steps)
        entries = ledger(store.connection, "PRK", "USA")
    steps = {(e.kind, e.country_a, e.country_b, e.status, e.protecting_power) for e in entries}
    assert ("interests_section_opened", "USA", "PRK", "planned", "SWE") in steps
    assert ("liaison_office_opened", "USA", "PRK", "planned", None) in steps
    assert all(e.status == "planned" for e in entries)


def test_commands_print_tables_and_one_line_errors(db: Path, tmp_path: Path):
    runner = CliRunner()
    result = runner.invoke(app, ["dyad", "PRK", "USA", "--freq", "month", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2000-10" in result.output and "PRK ↔ USA" in result.output
    result = runner.invoke(app, ["ledger", "IRN", "--with", "SAU", "--db", str(db)])
    assert result.exit_code == 0 and "severed" in result.output
    result = runner.invoke(app, ["network", "--from", "1994", "--to", "2001", "--db", str(db)])
    assert result.exit_code == 0 and "0% of 1 triads balanced" in result.output
    out = tmp_path / "events.export.CSV"
    assert runner.invoke(app, ["export", "--format", "gdelt", "--out", str(out),
                               "--db", str(db)]).exit_code == 0
    for arguments, message in (
            (["export", "--format", "gdelt", "--out", str(out)], "file exists"),
            (["dyad", "XYZ"], "unknown country or organisation 'XYZ'"),
            (["dyad", "PRK", "--from", "2000-13"], "not a date"),
            (["export", "--format", "xml", "--out", str(out)], "--format must be one of")):
        result = runner.invoke(app, [*arguments, "--db", str(db)])
        assert result.exit_code == 2, result.output
        assert message in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.slow
def test_report_is_one_offline_file_that_chromium_renders(db: Path, tmp_path: Path):
    out = tmp_path / "report.html"
    with Store(db, read_only=True) as store:
        write_report(store.connection, out, [("PRK", "USA")])
        with pytest.raises(OutputError, match="file exists"):
            write_report(store.connection, out)
    html = out.read_text()
    assert "<script" not in html and "src=" not in html and "href=" not in html
    assert html.count('class="chart timeline"') == 1 and 'class="chart network"' in html
    assert "Saudi Arabia severed diplomatic relations with Iran" in html  # ledger evidence
    assert VISIT in html  # the chart's evidence
    # a map drawn inline: the first side's partners shaded (these events have no places)
    assert html.count('class="world-map"') == 1 and "PRK's relations on the map" in html
    assert 'data-code="JPN"' in html and "JPN −" not in html and "hatched" in html
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("headless Chromium not installed")
    picture = tmp_path / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", f"--screenshot={picture}",
                    "--window-size=1280,1600", out.as_uri()],
                   check=True, capture_output=True, timeout=120)
    assert picture.stat().st_size > 20_000
