"""Finding actors as a person asks for them (issue 15, item 4): in any case,
without accents, by code, and with near names offered for a misspelt one; the
library, ``detente actors lookup/list``, ``/api/actors/search`` and the actors
page all answer alike."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from detente.actors.dictionary import alias_key
from detente.actors.search import (
    did_you_mean,
    readings,
    search_actors,
    state_codes,
)
from detente.cli import app

if TYPE_CHECKING:
    from tests.server_fixtures import LiveServer

pytest_plugins = ["tests.server_fixtures"]
runner = CliRunner()


def actors(*args: str):
    return runner.invoke(app, ["actors", *args], env={"COLUMNS": "200"})


def found(query: str) -> list[str]:
    return [hit.alias for hit in search_actors(query) if hit.found]


def test_plain_names_agree_whatever_the_case_accents_and_hyphens():
    assert alias_key("Kim Dae-jung") == alias_key("KIM DAE JUNG") == "kim dae jung"
    assert alias_key("Côte d’Ivoire") == alias_key("cote d'ivoire")
    assert alias_key("U.N.") == alias_key("un")


def test_an_alias_as_written_is_found_exactly():
    (hit,) = search_actors("Kim Dae-jung")
    assert (hit.alias, hit.match) == ("Kim Dae-jung", "exact")


@pytest.mark.parametrize(("query", "alias"), [
    ("kim dae-jung", "Kim Dae-jung"),
    ("KIM DAE JUNG", "Kim Dae-jung"),
    ("UNITED NATIONS", "United Nations"),
    ("cote d'ivoire", "Côte d'Ivoire"),
    ("north korea", "North Korea"),
])
def test_any_case_and_no_accents_find_the_dictionarys_spelling(query, alias):
    assert found(query) == [alias]
    assert search_actors(query)[0].match == "case-insensitive"


def test_a_code_finds_the_state_or_organisation_it_stands_for():
    assert [(hit.alias, hit.match) for hit in search_actors("prk")] == [("North Korea", "code")]
    assert found("igouno") == ["United Nations"]


def test_a_title_is_found_in_any_case():
    (hit,) = search_actors("FOREIGN MINISTER")
    assert hit.found and hit.alias == "foreign minister"
    assert [reading.sector for reading in readings(hit.alias)] == ["GOV"]


def test_a_misspelt_name_gets_the_nearest_names_best_first():
    hits = search_actors("Kim Dae-jun")
    assert not any(hit.found for hit in hits)
    assert hits[0].alias == "Kim Dae-jung"
    assert all(hit.match in {"prefix", "close"} for hit in hits)
    assert did_you_mean(hits).startswith("Did you mean: Kim Dae-jung, ")
    assert search_actors("Untied Nations")[0].alias == "United Nations"


def test_suggestions_name_each_person_once():
    names = [hit.alias for hit in search_actors("Kim Jong-u")]
    assert "Kim Jong-un" in names
    assert "Kim Jong-eun" not in names  # the same man, spelt another way


def test_nothing_near_gives_no_suggestion():
    assert search_actors("qqqqqqqqqqqqqqqqqq") == []
    assert did_you_mean([]) == ""
    assert search_actors("   ") == []


def test_readings_follow_the_day():
    (reading,) = readings("Kim Dae-jung", date(2000, 6, 13))
    assert (reading.code, reading.role) == ("KORGOV", "president")
    assert [r.code for r in readings("Moscow", date(1990, 1, 1))] == ["SUNGOV"]


def test_a_name_given_for_a_state_finds_its_code():
    assert state_codes("PRK")[0] == ["PRK"]
    assert state_codes("north korea")[0] == ["PRK"]
    assert state_codes("UNITED NATIONS")[0] == ["IGOUNO"]
    assert state_codes("moscow", date(1990, 1, 1))[0] == ["SUN"]
    codes, hits = state_codes("North Korae")
    assert codes == [] and hits[0].alias == "North Korea"


def test_cli_lookup_in_any_case():
    result = actors("lookup", "kim dae-jung", "--date", "2000-06-13")
    assert result.exit_code == 0, result.output
    assert "KORGOV" in result.output and "president" in result.output
    assert "found as 'Kim Dae-jung'" in result.output
    assert "IGOUNO" in actors("lookup", "UNITED NATIONS").output


def test_cli_lookup_suggests_near_names():
    result = actors("lookup", "Kim Dae-jun")
    assert result.exit_code == 1
    assert "not in the actor dictionary" in result.output
    assert "Did you mean: Kim Dae-jung" in result.output


def test_cli_list_takes_a_name_in_any_case():
    result = actors("list", "--country", "united nations")
    assert result.exit_code == 0, result.output
    assert "IGOUNO" in result.output
    korea = actors("list", "--country", "North Korea", "--date", "2000-06-13")
    assert korea.exit_code == 0 and "Kim Jong-il" in korea.output
    wrong = actors("list", "--country", "North Korae")
    assert wrong.exit_code == 2 and "--country" in wrong.output
    assert "Did you mean: North Korea" in wrong.output
    several = actors("list", "--country", "Moscow")
    assert several.exit_code == 2 and "RUS" in several.output and "SUN" in several.output


def test_api_finds_a_name_in_any_case(server: LiveServer):
    response = server.get("/api/actors/search", q="kim dae-jung", date="2000-06-13")
    assert response.status_code == 200
    answer = response.json()
    assert answer["found"] is True and answer["did_you_mean"] == []
    (hit,) = answer["results"]
    assert hit["alias"] == "Kim Dae-jung" and hit["match"] == "case-insensitive"
    (reading,) = hit["readings"]
    assert (reading["code"], reading["role"], reading["valid_from"]) == (
        "KORGOV", "president", "1998-02-25")


def test_api_suggests_near_names(server: LiveServer):
    answer = server.get("/api/actors/search", q="Untied Nations", limit=3).json()
    assert answer["found"] is False
    assert answer["did_you_mean"][0] == "United Nations"
    assert len(answer["results"]) <= 3
    assert answer["results"][0]["readings"][0]["code"] == "IGOUNO"


def test_api_refuses_bad_parameters(server: LiveServer):
    assert server.get("/api/actors/search").status_code == 422
    assert server.get("/api/actors/search", q="Putin", date="2000-02-30").status_code == 422
    assert server.get("/api/actors/search", q="Putin", limit=0).status_code == 422


def test_actors_page_lists_what_a_name_stands_for_and_near_names(server: LiveServer):
    page = server.get("/actors", q="north korea", date="2000-06-13")
    assert page.status_code == 200
    assert "North Korea" in page.text and 'href="/actor/PRK"' in page.text
    assert 'data-actor-search="#actor-suggest"' in page.text
    misspelt = server.get("/actors", q="Kim Dae-jun").text
    assert "Did you mean:" in misspelt and "/actors?q=Kim%20Dae-jung" in misspelt
    assert server.get("/actors").status_code == 200
    assert 'href="/actors"' in server.get("/").text  # reachable from every page
