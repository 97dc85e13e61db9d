"""The optional parts: without the [server] or [dask] extra installed, the command
that needs it says so in one line, naming the extra; the rest works."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.extras import missing_extra


def without(monkeypatch: pytest.MonkeyPatch, packages: list[str], modules: list[str]) -> None:
    """Make ``packages`` impossible to import, and forget detente's ``modules`` that
    imported them, as if the extra had never been installed."""
    for package in packages:
        monkeypatch.setitem(sys.modules, package, None)
    for module in modules:
        monkeypatch.delitem(sys.modules, module, raising=False)


def test_serve_without_the_server_extra_names_it(monkeypatch, tmp_path):
    without(monkeypatch, ["fastapi", "starlette", "uvicorn"],
            [name for name in sys.modules if name.startswith("detente.server")])
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "[server] extra" in lines[0]
    assert "pip install 'detente[server]'" in lines[0]


def test_the_dask_engine_without_the_dask_extra_names_it(monkeypatch, tmp_path):
    without(monkeypatch, ["dask", "distributed"], ["detente.engine.dask"])
    db = tmp_path / "never.duckdb"
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--engine", "dask",
                                      "--db", str(db)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pip install 'detente[dask]'" in lines[0]
    assert not db.exists()  # refused before anything was opened


def test_another_missing_module_is_not_taken_for_an_extra():
    assert missing_extra(ModuleNotFoundError(name="spacy"), "server", "serve") is None
    message = missing_extra(ModuleNotFoundError(name="distributed.client"), "dask", "x")
    assert message is not None and "(distributed is not installed)" in message
