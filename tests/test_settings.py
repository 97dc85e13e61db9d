"""Tuning constants in one settings object, overridden by a TOML file that
DETENTE_SETTINGS names; a file detente cannot read stops with one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from detente.settings import Settings, SettingsError, as_toml, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_defaults_and_the_printed_defaults_read_back_the_same(tmp_path):
    assert load_settings(None) == Settings()
    assert load_settings(write(tmp_path, as_toml(Settings()))) == Settings()


def test_a_file_overrides_only_what_it_names(tmp_path):
    found = load_settings(write(tmp_path, "[coding]\nbase_confidence = 0.8\n"
                                          "[coding.penalties]\nnearby = 0.3\n"
                                          "[engine]\narticle_seconds = 30\n"
                                          "[server]\nextract_waiting = 0\n"))
    assert (found.coding.base_confidence, found.coding.penalties.nearby,
            found.engine.article_seconds) == (0.8, 0.3, 30.0)
    assert found.server.extract_waiting == 0  # no waiting line: a count that may be zero
    assert found.coding.penalties.implied == Settings().coding.penalties.implied
    assert found.ingest == Settings().ingest
    assert found.server.page_size == Settings().server.page_size


@pytest.mark.parametrize(("text", "message"), [
    ("[coding]\nbase_confidense = 0.8\n", r"unknown setting 'coding\.base_confidense'"),
    ("[codin]\nbase_confidence = 0.8\n", r"unknown setting 'codin'"),
    ("[engine]\narticle_seconds = \"soon\"\n", r"engine\.article_seconds must be a number"),
    ("[engine]\narticles_per_batch = 2.5\n", r"engine\.articles_per_batch must be an integer"),
    ("[coding]\nbase_confidence = 1.5\n", r"coding\.base_confidence must lie between 0 and 1"),
    ("[engine]\nworker_mb = 0\n", r"engine\.worker_mb must be above zero"),
    ("[coding]\npenalties = 0.1\n", r"coding\.penalties must be a table"),
    ("[server]\npage_sise = 10\n", r"unknown setting 'server\.page_sise'"),
    ("[server]\nshutdown_seconds = 2.5\n", r"server\.shutdown_seconds must be an integer"),
    ("[server]\ncache_bytes = 0\n", r"server\.cache_bytes must be above zero"),
    ("[server]\nextract_waiting = -1\n", r"server\.extract_waiting must be at least 0"),
    ("[server]\nextract_seconds = 0.5\n", r"server\.extract_seconds must be at least 1"),
    ("coding = [\n", r"not TOML"),
])
def test_a_file_detente_cannot_use_is_refused_naming_it_and_the_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(SettingsError, match=message) as refused:
        load_settings(path)
    assert str(refused.value).startswith(f"{path}: ")


def run(tmp_path: Path, settings_text: str | None, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("DETENTE_SETTINGS", None)
    if settings_text is not None:
        env["DETENTE_SETTINGS"] = str(write(tmp_path, settings_text))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def test_the_command_line_prints_what_is_in_force_and_stops_on_a_bad_file(tmp_path):
    shown = run(tmp_path, "[coding]\nbase_confidence = 0.8\n", "-m", "detente", "settings")
    assert shown.returncode == 0
    assert "base_confidence = 0.8" in shown.stdout and "settings.toml" in shown.stdout
    assert "[server]\npage_size = 50\n" in shown.stdout
    bad = run(tmp_path, "[coding]\nbase_confidense = 0.8\n", "-m", "detente", "summary")
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "unknown setting 'coding.base_confidense'" in bad.stderr


def test_the_coder_uses_the_confidence_the_file_sets(tmp_path):
    code = ("from detente.pipeline import extract_text\n"
            "print(max(e.confidence for e in extract_text('Japan sent aid to Ukraine.', "
            "pub_date='2023-01-01')))")
    assert run(tmp_path, None, "-c", code).stdout.strip() == "0.9"
    assert run(tmp_path, "[coding]\nbase_confidence = 0.8\n", "-c", code).stdout.strip() == "0.8"
