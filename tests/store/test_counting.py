"""One counting rule in every view: on the demo database, the PRK–USA figure is the
same in ``detente summary``, ``detente dyad``, ``detente network``, the API, the
dashboard and the HTML report, and each says what it counted in one line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from typer.testing import CliRunner

from detente.cli import app
from detente.store import Store
from detente.store.counting import CountRule, dyad_totals

if TYPE_CHECKING:
    from tests.server_fixtures import LiveServer

pytest_plugins = ["tests.server_fixtures"]
RULE_LINE = CountRule().describe()


def cli(*arguments: str) -> str:
    result = CliRunner().invoke(app, list(arguments), terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def figure(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in output"
    return int(found.group(1))


def test_prk_usa_is_one_figure_in_every_view(demo_db: Path, server: LiveServer,
                                             tmp_path: Path):
    db = str(demo_db)
    with Store(demo_db, read_only=True) as store:
        (expected,) = [total.events for total in dyad_totals(store.connection)
                       if (total.side_a, total.side_b) == ("PRK", "USA")]
    summary = cli("summary", "--db", db)
    dyad = json.loads(CliRunner().invoke(
        app, ["dyad", "PRK", "USA", "--format", "json", "--db", db]).stdout)
    network = cli("network", "--db", db)
    api = server.get("/api/dyads", limit=50)
    report = tmp_path / "report.html"
    cli("report", "--dyad", "PRK-USA", "-o", str(report), "--db", db)
    html = report.read_text()
    overview = server.get("/").text

    assert figure(r"PRK\s*│\s*USA\s*│\s*(\d+)", summary) == expected
    assert sum(row["events"] for row in dyad) == expected
    assert figure(r"PRK – USA\s*│\s*(\d+)", network) == expected
    assert next(d["events"] for d in api.json()
                if (d["side_a"], d["side_b"]) == ("PRK", "USA")) == expected
    assert figure(r"PRK ↔ USA <span class=\"doc\">(\d+) events", html) == expected
    assert figure(r'href="/dyad/PRK/USA">PRK–USA</a>.*?<td class="num">(\d+)</td>',
                  overview.replace("\n", " ")) == expected

    # and each view says what it counted, in the same words
    for text in (summary, network, html, overview):
        assert RULE_LINE in " ".join(text.replace("│", " ").split()), text[:200]
    assert api.headers["counting"] == RULE_LINE


def test_a_state_dealing_with_itself_is_never_a_dyad(demo_db: Path, server: LiveServer):
    summary = cli("summary", "--db", str(demo_db))
    assert not re.search(r"USA\s*│\s*USA", summary)
    assert all(d["side_a"] != d["side_b"] for d in server.get("/api/dyads", limit=200).json())


def test_mentions_and_every_status_are_named_options(demo_db: Path):
    db = str(demo_db)
    events = figure(r"PRK\s*│\s*USA\s*│\s*(\d+)", cli("summary", "--db", db))
    mentions_summary = cli("summary", "--count", "mentions", "--db", db)
    mentions = figure(r"PRK\s*│\s*USA\s*│\s*(\d+)", mentions_summary)
    every = figure(r"PRK\s*│\s*USA\s*│\s*(\d+)", cli("summary", "--all-statuses", "--db", db))
    assert mentions > events and every >= events
    assert "Counted: mentions" in " ".join(mentions_summary.split())
    result = CliRunner().invoke(app, ["summary", "--count", "articles", "--db", db])
    assert result.exit_code == 2 and "--count: 'articles' is not one of" in result.output
