"""The reference tables are data, so they are checked like data: unique keys,
valid codes, sensible dates, no alias that means two things."""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from datetime import date
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from detente.actors.ambiguity import ambiguities
from detente.actors.dictionary import NAMING_KINDS, ActorEntry, actor_dictionary
from detente.data import DataFileError, data_path, read_table, read_yaml, split_list
from detente.events.ontology import codebook, quad_class
from detente.events.patterns import pattern_book

SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM",
           "CVL", "LEG", "HLH", "REF", "ELI", "LAB", "AGR", "ENV", "HRI", "NGO", "IGO", "REL",
           "MOD", "RAD", "UAF", "IMG", "SET"}


def iso_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def test_cameo_codebook_is_complete_and_consistent():
    book = codebook()
    assert len(book) == 312
    assert {code.root for code in book.values()} == {f"{n:02d}" for n in range(1, 21)}
    for code in book.values():
        assert re.fullmatch(r"\d{2,4}", code.code)
        assert code.quad == quad_class(code.root)
        assert -10 <= code.goldstein <= 10
    assert (book["042"].goldstein, book["042"].plover, book["042"].plover_mode) == (
        1.9, "CONSULT", "visit")


def crosswalk_file() -> Path | None:
    """PLOVER's CAMEO crosswalk, beside the repository in shared/data (never copied in)."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data" / "cameo" / "CAMEO2PLOVER-2021.txt"
        if candidate.is_file():
            return candidate
    return None


def test_the_cameo_table_carries_plovers_contexts_with_their_source():
    book = codebook()
    assert book["042"].plover_contexts == () and book["0841"].plover_contexts == ("legal",)
    assert book["091"].plover_contexts == ("crime", "corruption")
    assert book["042"].plover_source == "CAMEO2PLOVER-2021.txt:39"
    for code in book.values():  # every PLOVER type says where it comes from
        assert bool(code.plover) == bool(code.plover_source), code
        assert code.plover_source == "detente" or code.plover_source is None \
            or code.plover_source.startswith("CAMEO2PLOVER-2021.txt:"), code
        assert code.plover_source != "detente" or code.root == "02", code


def test_the_cameo_table_agrees_with_the_plover_crosswalk_line_by_line():
    path = crosswalk_file()
    if path is None:
        pytest.skip("CAMEO2PLOVER-2021.txt not found beside the repository (shared/data)")
    spec = importlib.util.spec_from_file_location(
        "import_plover_crosswalk", Path(__file__).resolve().parents[2] / "tools"
        / "import_plover_crosswalk.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    book = codebook()
    listed = tool.crosswalk(path)
    assert len(set(listed) & set(book)) == 273
    for code, (plover, mode, contexts, line) in listed.items():
        if code in book:  # 1214 is no CAMEO code of GDELT's table
            entry = book[code]
            assert (entry.plover, entry.plover_mode or "", list(entry.plover_contexts),
                    entry.plover_source) == (plover, mode, contexts,
                                             f"CAMEO2PLOVER-2021.txt:{line}"), code


def test_countries_have_unique_valid_codes_and_dates():
    rows = list(read_table("countries.tsv"))
    codes = [row["iso3"] for row in rows]
    assert len(codes) == len(set(codes))
    for row in rows:
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]), row
        start, end = iso_date(row["valid_from"]), iso_date(row["valid_to"])
        assert not (start and end) or start < end, row
        assert row["capitals"] or row["valid_to"] or row["iso3"] in {"ESH"}, row
    current = [row for row in rows if not row["valid_to"]]
    assert len(current) >= 193


def overlap(a: ActorEntry, b: ActorEntry) -> bool:
    return ((a.valid_to is None or b.valid_from is None or b.valid_from < a.valid_to)
            and (b.valid_to is None or a.valid_from is None or a.valid_from < b.valid_to))


def test_an_alias_means_two_things_at_once_only_where_the_article_must_decide():
    """"Moscow" is SUN then RUS (one at a time); "Congo" is COD and COG at once,
    so ambiguous.tsv must say how an article tells them apart."""
    declared = ambiguities()
    for alias, entries in actor_dictionary().entries.items():
        naming = [entry for entry in entries if entry.kind in NAMING_KINDS]
        clashes = {(a.actor, b.actor) for a, b in combinations(naming, 2)
                   if a.actor != b.actor and overlap(a, b)}
        assert not clashes or alias in declared, (alias, clashes)
    actors = {entry.alias for entries in actor_dictionary().entries.values()
              for entry in entries if entry.kind != "none"}
    for row in read_table("nonactors.tsv"):
        assert row["phrase"] not in actors, row
    names = {entry.alias for entries in actor_dictionary().entries.values()
             for entry in entries if entry.kind in NAMING_KINDS}
    assert not any(alias.startswith(("the ", "The ")) for alias in names)


def test_dated_aliases_fall_within_their_entity_and_ambiguities_name_real_readings():
    lifetimes = {row["iso3"]: (iso_date(row["valid_from"]) or date.min,
                               iso_date(row["valid_to"]) or date.max)
                 for row in read_table("countries.tsv")}
    igos = {row["code"] for row in read_table("igos.tsv")}
    for row in read_table("dated_aliases.tsv"):
        # a state's alias within the state's lifetime; an IGO's ("Hague tribunal") dated
        assert row["actor"] in set(lifetimes) | igos, row
        born, ended = lifetimes.get(row["actor"], (date.min, date.max))
        start, end = iso_date(row["valid_from"]) or date.min, iso_date(row["valid_to"]) or date.max
        assert born <= start < end <= ended, row
    readings = list(read_table("ambiguous.tsv"))
    for row in readings:
        assert row["reading"] in set(lifetimes) | igos | {"-"}, row
        assert row["alias"] in actor_dictionary().entries, row
    for alias in {row["alias"] for row in readings}:
        assert sum(row["default"] == "yes" for row in readings if row["alias"] == alias) <= 1


def test_igos_and_metonyms_use_known_codes():
    countries = {row["iso3"] for row in read_table("countries.tsv")}
    igos = [row["code"] for row in read_table("igos.tsv")]
    assert len(igos) == len(set(igos)) >= 60
    assert all(re.fullmatch(r"IGO[A-Z0-9]{2,10}", code) for code in igos)
    for row in read_table("metonyms.tsv"):
        assert row["country"] in countries, row
        assert row["sector"] in SECTORS, row
    for row in read_table("titles.tsv"):
        assert row["sector"] in SECTORS, row
        assert row["phrase"] == row["phrase"].lower()
        assert row["country"] in countries | {""}, row  # a title only one state uses
    for row in read_table("title_abbreviations.tsv"):  # one word, kept whole by detente.nlp
        assert re.fullmatch(r"[a-z]+\.", row["abbreviation"]) and row["stands_for"], row
    for row in read_table("title_modifiers.tsv"):
        assert row["sector"] in SECTORS and row["word"] == row["word"].lower(), row


# Roles several people hold at once: a rank, a seat among many, a title for life.
MANY_HOLDERS = {"vice premier", "vice marshal", "special envoy", "former president",
                "assistant secretary of state", "senator"}


def office(role: str) -> tuple[str, bool]:
    """The office a role is ("acting president" is the presidency), and whether
    it is held in an acting capacity. A caretaker holds the office itself."""
    role = role.lower()
    for prefix in ("acting ", "caretaker "):
        if role.startswith(prefix):
            return role[len(prefix):], prefix == "acting "
    return role, False


def test_one_office_has_one_holder_at_a_time():
    """Two people never hold the same office of the same state (head of state,
    head of government, foreign minister, UN ambassador…) on the same day. The
    one exception is explicit: an acting holder who takes over the powers of a
    titular holder who is suspended or incapacitated but still in office
    (Hwang Kyo-ahn for the impeached Park Geun-hye, Ehud Olmert for Ariel
    Sharon), so the acting term starts inside the titular one."""
    assert_one_holder_at_a_time(read_table("people.tsv"))


def assert_one_holder_at_a_time(rows) -> int:  # type: ignore[no-untyped-def]
    """The rule above over any rows of people.tsv's columns; how many were checked."""
    holders: dict[tuple[str, str], list[tuple[str, bool, date, date]]] = defaultdict(list)
    checked = 0
    for row in rows:
        role, acting = office(row["role"])
        if role in MANY_HOLDERS:
            continue
        checked += 1
        start, end = iso_date(row["start"]) or date.min, iso_date(row["end"]) or date.max
        holders[(row["country"], role)].append((row["name"], acting, start, end))
    for key, terms in holders.items():
        for first, second in combinations(terms, 2):
            if first[0] == second[0] or not (first[2] < second[3] and second[2] < first[3]):
                continue
            acting, titular = (first, second) if first[1] else (second, first)
            assert acting[1] and not titular[1] and titular[2] < acting[2], (key, first, second)
    return checked


def test_people_have_valid_non_overlapping_roles():
    """One person holds a role once at a time; a name two people share ("Bush")
    never belongs to two people in office at once, so the date tells them apart."""
    countries = {row["iso3"] for row in read_table("countries.tsv")}
    igos = {row["code"] for row in read_table("igos.tsv")}
    # a transnational armed group's leader carries the group's code (IMGISL)
    groups = {row["actor"] for row in read_table("organisations.tsv")
              if row["actor"].startswith(("IMG", "NGO"))}
    periods: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    by_alias: dict[str, dict[str, list[tuple[date, date]]]] = defaultdict(lambda: defaultdict(list))
    keys = set()
    for row in read_table("people.tsv"):
        key = (row["name"], row["role"], row["start"])
        assert key not in keys, key
        keys.add(key)
        assert row["country"] in countries | igos | groups, row
        assert not row["sector"] or row["sector"] in SECTORS, row
        assert row["source"] in {"hand-checked", "public record"}, row
        start, end = iso_date(row["start"]) or date.min, iso_date(row["end"]) or date.max
        assert start <= end, row
        periods[(row["name"], row["role"])].append((start, end))
        for alias in [row["name"], *split_list(row["aliases"])]:
            by_alias[alias][row["name"]].append((start, end))
    for key, spans in periods.items():
        spans.sort()
        for (_, end), (start, _) in pairwise(spans):
            assert end <= start, key
    for alias, people in by_alias.items():
        for (_, first), (_, second) in combinations(people.items(), 2):
            assert not any(a_start < b_end and b_start < a_end
                           for a_start, a_end in first for b_start, b_end in second), alias


@pytest.mark.parametrize(("name", "day", "country"), [
    ("Kim Dae-jung", date(2000, 6, 13), "KOR"),
    ("Vladimir Putin", date(2000, 7, 19), "RUS"),
    ("Madeleine Albright", date(2000, 10, 23), "USA"),
])
def test_roles_resolve_on_the_event_date(name, day, country):
    role = actor_dictionary().role_on(name, day)
    assert role is not None and role.country == country


def test_patterns_and_contextual_aliases_use_known_codes():
    book = pattern_book()
    assert book.by_trigger and book.control
    countries = {row["iso3"] for row in read_table("countries.tsv")}
    igos = {row["code"] for row in read_table("igos.tsv")}
    for row in read_table("contextual.tsv"):
        assert set(split_list(row["actor"])) <= countries | igos | {"IGO"}, row


@pytest.mark.parametrize("name", sorted(path.name for path in data_path("").glob("*.yaml")))
def test_every_yaml_data_file_reads_through_the_one_reader(name):
    assert read_yaml(name)  # no repeated key, no bare yes/no/on/off read as a boolean


def test_a_misspelt_section_or_a_bare_boolean_is_named_with_file_and_line(tmp_path):
    misspelt = tmp_path / "lexicon.yaml"
    misspelt.write_text("planned_heads: [plan]\nplaned_heads: [intend]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lexicon.yaml: line 2: unknown key 'planed_heads'"):
        read_yaml(misspelt, keys=["planned_heads"])
    bare = tmp_path / "words.yaml"
    bare.write_text("negations:\n  - not\n  - no\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"words.yaml: line 3: bare 'no' reads as a boolean"):
        read_yaml(bare)


@pytest.mark.parametrize(("text", "message"), [
    ("patterns:\n  visit: [042]\nrelations: []\npatterns: {}\n",
     r"lexicon.yaml: line 4: duplicate key 'patterns' \(first at line 1\)"),
    ("patterns:\n  visit: [042]\n  host: [043]\n  visit: [040]\n",
     r"lexicon.yaml: line 4: duplicate key 'visit' \(first at line 2\)"),
    ("words: {a: 1, a: 2}\n", r"lexicon.yaml: line 1: duplicate key 'a' \(first at line 1\)"),
])
def test_a_repeated_key_is_named_with_file_and_line_not_silently_overwritten(tmp_path, text,
                                                                              message):
    repeated = tmp_path / "lexicon.yaml"
    repeated.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        read_yaml(repeated)


def test_a_merged_mapping_may_override_what_it_merges(tmp_path):
    merged = tmp_path / "merged.yaml"
    merged.write_text("base: &base {a: 1, b: 2}\nmore:\n  <<: *base\n  b: 3\n", encoding="utf-8")
    assert read_yaml(merged)["more"] == {"a": 1, "b": 3}


def test_a_table_row_with_a_stray_tab_is_refused_with_its_file_and_line(tmp_path):
    from detente.data import read_tsv
    table = tmp_path / "people.tsv"
    table.write_text("name\tcountry\nKim Dae-jung\tKOR\nJo Myong-rok\tPRK\tGOV\n")
    with pytest.raises(ValueError, match=r"people.tsv: line 3: 3 cells, the header names 2"):
        list(read_tsv(table))
    table.write_text("name\tcountry\nKim Dae-jung\n")
    with pytest.raises(ValueError, match=r"people.tsv: line 2: 1 cells, the header names 2"):
        list(read_tsv(table))
