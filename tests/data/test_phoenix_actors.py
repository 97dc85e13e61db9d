"""The tables imported from PETRARCH-2's Phoenix dictionaries (phoenix_*.tsv,
written by tools/import_phoenix_actors.py) are data: checked like detente's own,
loaded under them, and never merged into a hand-checked row."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from itertools import combinations, pairwise

import pytest

import detente.actors.dictionary as dictionary_module
from detente.actors.dictionary import ActorDictionary, actor_code, actor_dictionary, alias_key
from detente.data import data_path, read_table, split_list
from detente.pipeline import extract_text
from tests.data.test_data_tables import SECTORS, assert_one_holder_at_a_time, iso_date

PEOPLE = "phoenix_people.tsv"
ORGANISATIONS = "phoenix_organisations.tsv"
IGOS = "phoenix_igos.tsv"
SOURCE = re.compile(r"phoenix:Phoenix\.(Countries|International|MilNonState)\.actors\.txt:\d+")
# what an imported role can be: Phoenix names a sector, not an office, so these
# are held by many at once; an IGO's head (Phoenix's IGOrulers list) takes the
# title detente gives that IGO's head and is checked as an office
SECTOR_ROLES = {"government", "military", "rebel", "opposition", "party", "police", "judiciary",
                "intelligence", "media", "education", "business", "criminal", "civilian",
                "legislature", "health", "refugee", "elite", "labour", "agriculture",
                "environment", "human rights", "non-governmental organisation", "religion",
                "moderate", "radical", "armed faction", "settler", "staff", "member"}


def header(name: str) -> list[str]:
    with data_path(name).open(encoding="utf-8") as handle:
        return handle.readline().rstrip("\n").split("\t")


def is_sector_role(role: str) -> bool:
    return role in SECTOR_ROLES or bool(re.fullmatch(r"government \([a-z ]+\)", role))


@pytest.fixture(scope="module")
def hand_checked() -> ActorDictionary:
    """The dictionary of detente's own tables alone."""
    names = ("IMPORTED_PEOPLE", "IMPORTED_ORGANISATIONS", "IMPORTED_IGOS")
    with pytest.MonkeyPatch.context() as patch:
        for name in names:
            patch.setattr(dictionary_module, name, ())
        return ActorDictionary()


def loaded_people_rows() -> list[dict[str, str]]:
    """people.tsv and the imported rows the loader kept."""
    kept = actor_dictionary().imported_people
    return [*read_table("people.tsv"),
            *(row for row in read_table(PEOPLE) if row["name"] in kept)]


def test_imported_tables_have_detente_columns_codes_dates_and_sources():
    # people.tsv's columns, less the note its hand-written rows may carry
    assert header(PEOPLE) == [column for column in header("people.tsv") if column != "note"]
    assert header(ORGANISATIONS) == [*header("organisations.tsv"), "source"]
    assert header(IGOS) == [*header("igos.tsv"), "source"]
    countries = {row["iso3"] for row in read_table("countries.tsv")}
    igos = {row["code"] for row in read_table("igos.tsv")} | {
        row["code"] for row in read_table(IGOS)}
    transnational = re.compile(r"(NGO|IMG)[A-Z0-9]{2,10}")
    igo_heads = {row["country"]: row["role"] for row in read_table("people.tsv")
                 if row["country"].startswith("IGO")}
    people = list(read_table(PEOPLE))
    assert len(people) > 10_000
    for row in people:
        assert row["name"] and SOURCE.fullmatch(row["source"]), row
        assert row["country"] in countries | igos or transnational.fullmatch(row["country"]), row
        assert not row["sector"] or row["sector"] in SECTORS, row
        start, end = iso_date(row["start"]), iso_date(row["end"])
        assert not (start and end) or start < end, row
        assert is_sector_role(row["role"]) or row["role"] in set(igo_heads.values()), row
        for alias in [row["name"], *split_list(row["aliases"])]:
            assert len(re.sub(r"[\W\d_]", "", alias)) > 3, row
    organisations = list(read_table(ORGANISATIONS))
    assert len(organisations) > 1_000
    for row in organisations:
        assert row["name"] and SOURCE.fullmatch(row["source"]), row
        assert row["actor"] in countries | igos or transnational.fullmatch(row["actor"]), row
        assert row["sector"] in SECTORS, row
        assert row["kind"] in {"armed", "company", "media", "ngo", "institution"}, row
        start, end = iso_date(row["valid_from"]), iso_date(row["valid_to"])
        assert not (start and end) or start < end, row
        for alias in [row["name"], *split_list(row["aliases"])]:
            assert len(re.sub(r"[\W\d_]", "", alias)) > 3, row
            assert not alias.startswith(("the ", "The ")), row
    for row in read_table(IGOS):
        assert re.fullmatch(r"IGO[A-Z0-9]{2,10}", row["code"]) and row["name"], row
        assert SOURCE.fullmatch(row["source"]), row


def test_conflicts_with_hand_checked_rows_are_listed_and_hand_checked_rows_win(hand_checked):
    """Every imported person who is a hand-checked one (same name, or an alias of
    several words) is listed with how the two disagree, and left out; every
    hand-checked alias and person means exactly what it meant without the import."""
    full = actor_dictionary()
    hand_people = {alias_key(entry.alias): entry.name
                   for entries in hand_checked.entries.values()
                   for entry in entries if entry.kind == "person"}
    imported: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_table(PEOPLE):
        imported[row["name"]].append(row)
    conflicts = []
    for name, rows in imported.items():
        aliases = [name, *(a for a in split_list(rows[0]["aliases"]) if " " in a)]
        theirs = {hand_people[alias_key(a)] for a in aliases if alias_key(a) in hand_people}
        for other in sorted(theirs):
            ours = hand_checked.roles[other]
            codes = {actor_code(row["country"], row["sector"]) for row in rows}
            hand_codes = {actor_code(role.country, role.sector) for role in ours}
            overlapping = [
                (actor_code(row["country"], row["sector"]), row["start"], row["end"],
                 actor_code(role.country, role.sector), role.start, role.end)
                for row in rows for role in ours
                if (iso_date(row["start"]) or date.min) < (role.end or date.max)
                and (role.start or date.min) < (iso_date(row["end"]) or date.max)
                and actor_code(row["country"], row["sector"]) != actor_code(role.country,
                                                                              role.sector)
                and row["sector"] != "ELI"]
            if {code[:3] for code in codes} != {code[:3] for code in hand_codes}:
                conflicts.append(f"{name} = {other}: countries {sorted(codes)} vs "
                                 f"{sorted(hand_codes)}")
            elif overlapping:
                conflicts.append(f"{name} = {other}: overlapping roles {overlapping[:2]}")
            assert name not in full.imported_people, name
    print(f"\n{len(conflicts)} conflicts between imported and hand-checked people, "
          f"settled for the hand-checked rows:")
    for conflict in conflicts:
        print("  " + conflict)
    assert conflicts  # the import does disagree with detente here and there
    for name, roles in hand_checked.roles.items():
        assert full.roles[name] == roles, name
    for alias, entries in hand_checked.entries.items():
        assert full.entries[alias] == entries, alias
    assert not full.imported_aliases & set(hand_checked.entries)
    taken = {alias_key(alias) for alias in hand_checked.entries}
    assert not {alias_key(alias) for alias in full.imported_aliases} & taken


def test_one_office_has_one_holder_at_a_time_imported_rows_included():
    """test_data_tables' rule over people.tsv and the imported rows the loader
    keeps: an imported role is a sector (many hold it) or an IGO head's office,
    and then no two people hold it at once."""
    offices = [row for row in loaded_people_rows()
               if "source" not in row or not is_sector_role(row["role"])]
    hand_checked = assert_one_holder_at_a_time(read_table("people.tsv"))
    assert assert_one_holder_at_a_time(offices) >= hand_checked + 5  # imported IGO heads


def test_loaded_people_have_non_overlapping_roles_and_unshared_names():
    """As test_data_tables asks of people.tsv: one person holds a role (of one
    state) once at a time, and a name two loaded people share never belongs to both at once."""
    periods: dict[tuple[str, str, str], list[tuple[date, date]]] = defaultdict(list)
    for row in read_table(PEOPLE):
        periods[(row["name"], row["country"], row["role"])].append(
            (iso_date(row["start"]) or date.min, iso_date(row["end"]) or date.max))
    for key, spans in periods.items():
        spans.sort()
        for (_, end), (start, _) in pairwise(spans):
            assert end <= start, key
    full = actor_dictionary()
    for alias in full.imported_aliases:
        people = {entry.name for entry in full.entries[alias] if entry.kind == "person"}
        for first, second in combinations(sorted(people), 2):
            assert not any((a.start or date.min) < (b.end or date.max)
                           and (b.start or date.min) < (a.end or date.max)
                           for a in full.roles[first] for b in full.roles[second]), alias


def sides(pipeline, text: str, pub_date: str):
    return [(e.source.code, e.target.code)
            for e in extract_text(text, pub_date=pub_date, pipeline=pipeline)]


def test_imported_armed_groups_resolve(pipeline):
    dictionary = actor_dictionary()
    hezbollah = dictionary.candidates("Hezbollah", date(2006, 7, 12))
    assert [actor_code(e.actor, e.sector) for e in hezbollah] == ["LBNREB"]  # detente's own
    for name, code in [("Abu Sayyaf Group", "PHLREB"), ("Loyalist Volunteer Force", "GBRREB"),
                       ("Aden Abyan Islamic Army", "YEMREB")]:
        entries = dictionary.candidates(name, date(2000, 1, 1))
        assert [actor_code(e.actor, e.sector) for e in entries] == [code], name
        assert name in dictionary.imported_aliases
    assert sides(pipeline, "The Loyalist Volunteer Force attacked Irish police.",
                 "2000-10-23") == [("GBRREB", "IRLCOP")]


def test_an_imported_minister_resolves_on_a_day_in_office(pipeline):
    dictionary = actor_dictionary()
    assert "Antonio Palocci" in dictionary.imported_people
    role = dictionary.role_on("Antonio Palocci", date(2003, 6, 1))
    assert role is not None and actor_code(role.country, role.sector) == "BRAGOV"
    assert dictionary.role_on("Antonio Palocci", date(2008, 6, 1)) is None  # between offices
    assert sides(pipeline, "Antonio Palocci met Argentine officials in Buenos Aires.",
                 "2003-06-01") == [("BRAGOV", "ARGGOV")]


def test_an_imported_alias_of_plain_words_matches_only_as_a_whole_phrase(pipeline):
    """Imported aliases are matched word by word apart from the phrase matcher: two that
    share their first word are each found whole, at the start or the end of a paragraph,
    and neither is found on its first words alone."""
    matcher = pipeline.coder.matcher
    doc = pipeline.nlp("Aden Islamic Army fighters clashed with the Aden Abyan Islamic Army")
    assert [span.text for span in matcher.actor_spans(doc)] == [
        "Aden Islamic Army", "Aden Abyan Islamic Army"]
    doc = pipeline.nlp("The Aden Abyan Islamic movement held a rally.")
    assert "Aden Abyan Islamic Army" not in [span.text for span in matcher.actor_spans(doc)]
