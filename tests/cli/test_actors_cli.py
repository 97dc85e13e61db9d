"""``detente actors`` shows the dictionary as a user asks it (``detente eval actors``:
tests/evaluation/test_eval_actors.py)."""

from __future__ import annotations

from typer.testing import CliRunner

from detente.cli import app

runner = CliRunner()


def actors(*args: str):
    return runner.invoke(app, ["actors", *args], env={"COLUMNS": "200"})


def test_lookup_shows_the_role_held_on_the_day():
    result = actors("lookup", "Kim Dae-jung", "--date", "2000-06-13")
    assert result.exit_code == 0, result.output
    assert "KORGOV" in result.output and "president" in result.output


def test_lookup_of_a_capital_follows_the_date():
    assert "SUNGOV" in actors("lookup", "Moscow", "--date", "1990-01-01").output
    later = actors("lookup", "Moscow", "--date", "1995-01-01").output
    assert "RUSGOV" in later and "SUNGOV" not in later


def test_lookup_of_an_ambiguous_name_lists_its_readings_and_cues():
    result = actors("lookup", "Congo")
    assert result.exit_code == 0
    assert "COD" in result.output and "COG" in result.output
    assert "ambiguous" in result.output and "Kinshasa" in result.output


def test_list_shows_names_metonyms_organisations_and_people_of_a_state():
    result = actors("list", "--country", "PRK", "--date", "2000-06-13")
    assert result.exit_code == 0, result.output
    for expected in ("Pyongyang", "KCNA", "PRKMED", "Kim Jong-il", "Jo Myong-rok"):
        assert expected in result.output
    assert "Kim Jong-un" not in result.output
    afghanistan = actors("list", "--country", "AFG", "--date", "2000-01-01").output
    assert "Taliban" in afghanistan and "AFGGOV" in afghanistan and "AFGREB" not in afghanistan


def test_a_transnational_organisation_has_its_own_code():
    result = actors("lookup", "Amnesty International")
    assert result.exit_code == 0 and "NGOAMN" in result.output
    assert "Amnesty International" in actors("list", "--country", "NGOAMN").output


def test_bad_input_fails_in_one_line():
    unknown = actors("lookup", "Atlantis")
    assert unknown.exit_code == 1 and "not in the actor dictionary" in unknown.output
    bad_date = actors("lookup", "Putin", "--date", "last year")
    assert bad_date.exit_code == 2 and "--date" in bad_date.output
    bad_code = actors("list", "--country", "XYZ")
    assert bad_code.exit_code == 2 and "--country" in bad_code.output


def test_imported_organisations_and_people_are_listed_on_request():
    plain = actors("list", "--country", "AFG", "--date", "2000-01-01")
    assert "Hizb-i-Islami" not in plain.stdout and "--imported lists them" in plain.stdout
    everything = actors("list", "--country", "AFG", "--date", "2000-01-01", "--imported")
    assert "Hizb-i-Islami" in everything.stdout and "AFGREB" in everything.stdout
