"""The actor dictionary: countries, capitals, demonyms, IGOs, press metonyms,
people with dated roles and sector-bearing titles, read from ``data/*.tsv``
and compiled into spaCy phrase matchers.

An alias may stand for several entities: one after another ("Moscow" is SUN
until 1991-12-26, RUS after; every alias lives only as long as its state, and
``dated_aliases.tsv`` narrows it further or dates it: "Bonn" until 1999, "Rangoon"
until 2005), or at the same time ("Georgia", "Congo"), which ``ambiguous.tsv``
settles from the article's words or leaves unresolved.
``organisations.tsv`` lists named non-state organisations (NGOs, companies, media,
armed groups, parties, universities): a national one stands for its country with
its sector (Siemens: DEU, BUS), a transnational one for its own code (Amnesty
International: NGOAMN; al-Qaeda: IMGALQ), like an IGO.
``nonactors.tsv`` lists phrases that contain a name but are no actor
("Latin America", "Washington state"), so the longer match wins and yields nothing.
``descriptions.tsv`` lists definite descriptions ("the agency", "the kingdom")
that refer back to the last state or organisation named whose own name fits.

The ``phoenix_*.tsv`` tables are imported from PETRARCH-2's Phoenix dictionaries
(``tools/import_phoenix_actors.py``; ``data/SOURCES.md``) and loaded after
detente's own, which always win: an imported person who has a hand-checked
namesake (by name or by an alias of several words) is left out, and so is an
imported alias that any hand-checked entry already has (compared without case,
accents, dots or hyphens).

Names are matched case-sensitively (news prose capitalises them, and "US" is
not "us"); titles such as "foreign minister" are matched case-insensitively.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TypedDict

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from detente.data import data_path, read_table, split_list


@dataclass(frozen=True)
class Role:
    """An office a person held, from ``start`` to ``end`` (None: open)."""

    country: str
    sector: str | None
    role: str
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class ActorEntry:
    """What one alias stands for.

    ``kind`` is country, capital, place (a city or region: the country, no
    sector, "a court in Lyon"), demonym, igo, metonym, organisation, person,
    contextual, description or none (a phrase that is no actor); ``actor`` is an
    ISO alpha-3 country, an IGO code, a transnational organisation's code or
    ``-`` (for a description: ``state`` or ``igo``, what it refers back to);
    ``requires`` lists what the article must mention for a contextual alias
    ("the North") to apply, or the words a description's antecedent must have
    in its name.
    """

    alias: str
    kind: str
    actor: str
    sector: str | None = None
    name: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    requires: tuple[str, ...] = ()

    @property
    def is_igo(self) -> bool:
        return self.actor.startswith("IGO")

    @property
    def is_transnational(self) -> bool:
        """Does the entry stand for an organisation of no one state (IGO, NGO, IMG)?"""
        return is_transnational(self.actor)

    def valid_on(self, day: date | None) -> bool:
        """Did the entity go by this alias on ``day`` (always, without a day)?"""
        return _in_period(day, self.valid_from, self.valid_to)


def _in_period(day: date | None, start: date | None, end: date | None) -> bool:
    return day is None or ((start is None or start <= day) and (end is None or day < end))


NOT_AN_ACTOR = "-"
# Kinds whose entities exist independently of the article: two of them valid on
# the same day make an alias ambiguous.
NAMING_KINDS = {"metonym", "organisation", "igo", "country", "capital", "demonym", "place"}
# Code prefixes of actors that belong to no state: intergovernmental and
# non-governmental organisations, transnational militarised groups (CAMEO's IGO,
# NGO and IMG).
TRANSNATIONAL = ("IGO", "NGO", "IMG")


def is_transnational(code: str) -> bool:
    """Is ``code`` an organisation's own code rather than a state's?"""
    return code.startswith(TRANSNATIONAL)


def actor_code(actor: str, sector: str | None) -> str:
    """The CAMEO-style code: a state's code with its sector (``KORGOV``), an
    organisation's own code alone (``IGOUNO``, ``NGOAMN``)."""
    return actor if is_transnational(actor) or not sector else actor + sector


@dataclass(frozen=True)
class Organisation:
    """A named non-state organisation from ``organisations.tsv``."""

    name: str
    aliases: tuple[str, ...]
    actor: str
    sector: str | None
    kind: str
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, day: date | None) -> bool:
        return _in_period(day, self.valid_from, self.valid_to)


_KEY_DROP = str.maketrans("", "", ".'’`")
_KEY_SPACE = str.maketrans({char: " " for char in "-‐–_/,()"})


def alias_key(alias: str) -> str:
    """What two spellings of one name share: no case, accents, dots, apostrophes
    or hyphens ("Kim Dae Jung" and "Kim Dae-jung", "Nicolas" and "Nicolás")."""
    if not alias.isascii():
        alias = "".join(char for char in unicodedata.normalize("NFKD", alias)
                        if not unicodedata.combining(char))
    return " ".join(alias.casefold().translate(_KEY_DROP).translate(_KEY_SPACE).split())


# Tables imported from other projects, loaded after detente's own (see SOURCES.md).
IMPORTED_PEOPLE = ("phoenix_people.tsv",)
IMPORTED_ORGANISATIONS = ("phoenix_organisations.tsv",)
IMPORTED_IGOS = ("phoenix_igos.tsv",)


def _imported_rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of an imported table (written by its converter: a header line, tab
    separated, no quoting), read without the csv module's cost."""
    path = data_path(name)
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            yield dict(zip(header, line.rstrip("\n").split("\t"), strict=False))


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


class Validity(TypedDict):
    """When an alias stands for its entity (keyword arguments of ``ActorEntry``)."""

    valid_from: date | None
    valid_to: date | None


def _within(span: tuple[date | None, date | None],
            outer: tuple[date | None, date | None]) -> Validity:
    """The part of an alias's dates that falls inside its entity's lifetime."""
    starts = [day for day in (span[0], outer[0]) if day is not None]
    ends = [day for day in (span[1], outer[1]) if day is not None]
    return {"valid_from": max(starts, default=None), "valid_to": min(ends, default=None)}


class ActorDictionary:
    """All actor tables, indexed by alias, with matchers built on demand."""

    def __init__(self) -> None:
        self.entries: dict[str, list[ActorEntry]] = defaultdict(list)
        self.titles: dict[str, str] = {}
        self.title_states: dict[str, str] = {}
        self.title_modifiers: dict[str, str] = {}  # "shadow" → OPP (title_modifiers.tsv)
        self.roles: dict[str, list[Role]] = defaultdict(list)
        self.countries: dict[str, str] = {}
        self.lifetimes: dict[str, tuple[date | None, date | None]] = {}
        self.igos: dict[str, str] = {}
        self.organisations: list[Organisation] = []
        self.transnational: dict[str, str] = {}
        self.names: dict[str, set[str]] = defaultdict(set)
        self.imported_people: set[str] = set()
        self.imported_organisations: set[str] = set()
        self.imported_aliases: set[str] = set()
        self._load()
        self._load_imported()

    def _add(self, entry: ActorEntry) -> None:
        self.entries[entry.alias].append(entry)

    def _load(self) -> None:
        for row in read_table("countries.tsv"):
            code = row["iso3"]
            self.countries[code] = row["name"]
            self.lifetimes[code] = (_date(row["valid_from"]), _date(row["valid_to"]))
            span = _within((None, None), self.lifetimes[code])
            for alias in [row["name"], *split_list(row["aliases"])]:
                self._add(ActorEntry(alias, "country", code, **span))
            for alias in split_list(row["adjectives"]):
                self._add(ActorEntry(alias, "demonym", code, **span))
            for alias in split_list(row["capitals"]):
                self._add(ActorEntry(alias, "capital", code, "GOV", **span))
        for row in read_table("igos.tsv"):
            self.igos[row["code"]] = row["name"]
            for alias in [row["name"], *split_list(row["aliases"])]:
                self._add(ActorEntry(alias, "igo", row["code"], "IGO", name=row["name"]))
        for row in read_table("metonyms.tsv"):
            self._add(ActorEntry(row["phrase"], "metonym", row["country"], row["sector"] or None,
                                 **self._lifetime(row["country"])))
        for row in read_table("organisations.tsv"):
            own = (_date(row["valid_from"]), _date(row["valid_to"]))
            dates = _within(own, self.lifetimes.get(row["actor"], (None, None)))
            organisation = Organisation(row["name"], tuple(split_list(row["aliases"])),
                                        row["actor"], row["sector"] or None, row["kind"],
                                        dates["valid_from"], dates["valid_to"])
            self.organisations.append(organisation)
            if is_transnational(row["actor"]):
                self.transnational[row["actor"]] = row["name"]
            for alias in [row["name"], *organisation.aliases]:
                self._add(ActorEntry(alias, "organisation", row["actor"], row["sector"] or None,
                                     name=row["name"], **dates))
        for row in read_table("places.tsv"):
            self._add(ActorEntry(row["place"], "place", row["country"],
                                 **self._lifetime(row["country"])))
        for row in read_table("dated_aliases.tsv"):
            # a seat of government that moved ("Rangoon" until 2005); an IGO's dated
            # press name ("Hague tribunal") carries the IGO's name
            own = (_date(row["valid_from"]), _date(row["valid_to"]))
            self._add(ActorEntry(row["alias"], row["kind"], row["actor"], row["sector"] or None,
                                 name=self.igos.get(row["actor"]),
                                 **_within(own, self.lifetimes.get(row["actor"], (None, None)))))
        for row in read_table("nonactors.tsv"):
            for alias in _with_capitalised(row["phrase"]):
                self._add(ActorEntry(alias, "none", NOT_AN_ACTOR))
        for row in read_table("people.tsv"):
            role = Role(row["country"], row["sector"] or None, row["role"],
                        _date(row["start"]), _date(row["end"]))
            if role not in self.roles[row["name"]]:
                self.roles[row["name"]].append(role)
            for alias in {row["name"], *split_list(row["aliases"])}:
                # one entry per person and alias: their roles, by date, say which state
                # or organisation they act for (Tusk for the EU, later for Poland)
                if not any(entry.kind == "person" and entry.name == row["name"]
                           for entry in self.entries[alias]):
                    self._add(ActorEntry(alias, "person", row["country"], name=row["name"]))
        for row in read_table("contextual.tsv"):
            for alias in _with_capitalised(row["phrase"]):
                self._add(ActorEntry(alias, "contextual", row["actor"], row["sector"] or None,
                                     requires=tuple(split_list(row["context"]))))
        for row in read_table("descriptions.tsv"):
            for alias in _with_capitalised(row["phrase"]):
                self._add(ActorEntry(alias, "description", row["refers_to"],
                                     requires=tuple(split_list(row["words"]))))
        for row in read_table("titles.tsv"):
            self.titles[row["phrase"].lower()] = row["sector"]
            if row["country"]:  # a title only one state uses ("home secretary", "Gov.")
                self.title_states[row["phrase"].lower()] = row["country"]
        for row in read_table("title_modifiers.tsv"):
            self.title_modifiers[row["word"].lower()] = row["sector"]
        for entries in list(self.entries.values()):
            for entry in entries:
                if entry.kind in {"country", "igo"} or (
                        entry.kind == "organisation" and entry.is_transnational):
                    self.names[entry.actor].add(entry.alias)

    def _load_imported(self) -> None:
        """The imported tables, under detente's own: a person with a hand-checked
        namesake and an alias any hand-checked entry has are left out."""
        # alias key -> who has it: "" for detente's own entries and titles, else
        # the imported organisation (several rows: its phases) or person
        taken = dict.fromkeys(map(alias_key, [*self.entries, *self.titles]), "")
        hand_people = {alias_key(entry.alias) for entries in self.entries.values()
                       for entry in entries if entry.kind == "person"}
        known_codes = set(self.igos) | set(self.transnational)
        for table in IMPORTED_IGOS:
            for row in _imported_rows(table):
                code = row["code"]
                self.igos.setdefault(code, row["name"])
                for alias in [row["name"], *split_list(row["aliases"])]:
                    self._add_new(alias, taken, ActorEntry(alias, "igo", code, "IGO",
                                                           name=self.igos[code]), "igo:" + code)
        for table in IMPORTED_ORGANISATIONS:
            for row in _imported_rows(table):
                own = (_date(row["valid_from"]), _date(row["valid_to"]))
                dates = _within(own, self.lifetimes.get(row["actor"], (None, None)))
                aliases = tuple(split_list(row["aliases"]))
                sector = row["sector"] or None
                added = [self._add_new(alias, taken, ActorEntry(
                    alias, "organisation", row["actor"], sector, name=row["name"], **dates),
                    "organisation:" + row["name"]) for alias in [row["name"], *aliases]]
                if not any(added):
                    continue
                self.organisations.append(Organisation(
                    row["name"], aliases, row["actor"], sector, row["kind"],
                    dates["valid_from"], dates["valid_to"]))
                self.imported_organisations.add(row["name"])
                if is_transnational(row["actor"]) and row["actor"] not in self.igos:
                    self.transnational.setdefault(row["actor"], row["name"])
        for table in IMPORTED_PEOPLE:
            person: list[dict[str, str]] = []
            rows: list[dict[str, str] | None] = [*_imported_rows(table), None]  # None: the end
            for imported in rows:
                if person and (imported is None or imported["name"] != person[0]["name"]):
                    self._add_imported_person(person, taken, hand_people)
                    person = []
                if imported is not None:
                    person.append(imported)
        for alias in self.imported_aliases:  # the names of new IGOs and organisations
            for entry in self.entries[alias]:
                if entry.kind in {"igo", "organisation"} and entry.is_transnational \
                        and entry.actor not in known_codes:
                    self.names[entry.actor].add(alias)

    def _add_new(self, alias: str, taken: dict[str, str], entry: ActorEntry, owner: str,
                 alias_id: str | None = None) -> bool:
        """Add an imported entry unless another entity has its alias already."""
        alias_id = alias_key(alias) if alias_id is None else alias_id
        if taken.setdefault(alias_id, owner) != owner:
            return False
        self._add(entry)
        self.imported_aliases.add(alias)
        return True

    def _add_imported_person(self, rows: list[dict[str, str]], taken: dict[str, str],
                             hand_people: set[str]) -> None:
        """One imported person (their rows, one per role), unless detente has them."""
        name = rows[0]["name"]
        aliases = [(alias, alias_key(alias)) for alias in [name, *split_list(rows[0]["aliases"])]]
        if any(alias_id in hand_people for alias, alias_id in aliases
               if alias == name or " " in alias):
            return
        self.imported_people.add(name)
        for row in rows:
            self.roles[name].append(Role(row["country"], row["sector"] or None, row["role"],
                                         _date(row["start"]), _date(row["end"])))
        for alias, alias_id in aliases:
            self._add_new(alias, taken, ActorEntry(alias, "person", rows[0]["country"],
                                                   name=name), "person:" + name, alias_id)

    def _lifetime(self, code: str) -> Validity:
        return _within((None, None), self.lifetimes.get(code, (None, None)))

    def candidates(self, alias: str, day: date | None = None) -> list[ActorEntry]:
        """Every entity ``alias`` can stand for on ``day`` (all of them, without a day)."""
        return [entry for entry in self.entries.get(alias, []) if entry.valid_on(day)]

    def last_role(self, name: str, day: date | None) -> Role | None:
        """The role ``name`` left most recently before ``day``, while out of office
        on ``day`` (between or after offices); None while in office or before any."""
        if day is None or self.role_on(name, day) is not None:
            return None
        ended = [role for role in self.roles.get(name, []) if _ended_by(role, day)]
        return max(ended, key=lambda role: role.end or day, default=None)

    def named_with(self, code: str, words: tuple[str, ...]) -> bool:
        """Does one of the state's or organisation's own names contain one of
        ``words`` ("Kingdom of Saudi Arabia", "International Atomic Energy Agency")?"""
        return any(re.search(r"\b" + re.escape(word) + r"\b", name)
                   for name in self.names.get(code, ()) for word in words)

    def aliases_of(self, code: str) -> list[ActorEntry]:
        """Every alias that can stand for ``code``, people's and organisations'
        names excepted."""
        return [entry for entries in self.entries.values() for entry in entries
                if entry.actor == code and entry.kind not in {"person", "organisation"}]

    def organisations_of(self, code: str, day: date | None = None) -> list[Organisation]:
        """The organisations of a state (or the transnational one with that code),
        those that existed on ``day`` if given."""
        return [organisation for organisation in self.organisations
                if organisation.actor == code and organisation.valid_on(day)]

    def people_of(self, code: str, day: date | None = None) -> dict[str, list[Role]]:
        """People with a role for ``code`` (held on ``day``, if given), by name."""
        people: dict[str, list[Role]] = defaultdict(list)
        for name, roles in self.roles.items():
            for role in roles:
                if role.country == code and (day is None or role.held_on(day)):
                    people[name].append(role)
        return dict(people)

    def name_of(self, code: str) -> str:
        """The English name of a country, IGO or transnational organisation's code
        (the code itself if unknown)."""
        return (self.countries.get(code) or self.igos.get(code)
                or self.transnational.get(code) or code)

    def role_on(self, name: str, day: date | None) -> Role | None:
        """The role ``name`` held on ``day``; without a day, the role only if all agree."""
        roles = self.roles.get(name, [])
        if day is not None:
            held = [role for role in roles if role.held_on(day)]
            return held[0] if held else None
        distinct = {(role.country, role.sector) for role in roles}
        return roles[0] if len(distinct) == 1 else None


def _ended_by(role: Role, day: date) -> bool:
    return role.end is not None and role.end <= day


def _with_capitalised(phrase: str) -> list[str]:
    """"the North" also matches at the start of a sentence as "The North"."""
    return [phrase, phrase[0].upper() + phrase[1:]] if phrase[:1].islower() else [phrase]


@cache
def actor_dictionary() -> ActorDictionary:
    return ActorDictionary()


class ActorMatcher:
    """Finds alias and title matches in a Doc (longest match wins)."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary or actor_dictionary()
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.typographic = {alias.replace("'", "’"): alias
                            for alias in self.dictionary.entries if "'" in alias}
        # imported aliases of plain words (the tokenizer would only split them at
        # blanks) are matched word by word: tokenizing tens of thousands of
        # them for the phrase matcher would cost seconds at start-up. They are
        # kept as the hashes of their words (a token's ORTH), by first word and
        # number of words, so that a paragraph is matched on its ORTH array with
        # one set look-up per length, without making a Token or a string
        self.plain: dict[int, dict[int, set[tuple[int, ...]]]] = {}
        tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]  # never replaced here
        rules = tokenizer.rules or {}
        phrases = []
        for alias in [*self.dictionary.entries, *self.typographic]:
            words = alias.split(" ")
            if alias in self.dictionary.imported_aliases and _PLAIN.fullmatch(alias) \
                    and not any(word in rules for word in words):
                hashes = tuple(get_string_id(word) for word in words)
                self.plain.setdefault(hashes[0], {}).setdefault(len(hashes), set()).add(hashes)
            else:
                phrases.append(alias)
        self.names.add("ACTOR", list(tokenizer.pipe(sorted(phrases))))
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        titles = sorted(self.dictionary.titles)
        # as written in running text too: the tokenizer keeps "Rep." and "Gov." whole
        # but splits "rep." and "gov.", so lower-case patterns alone would never match
        written = sorted({title.title() for title in titles} - set(titles))
        self.title_matcher.add("TITLE", list(tokenizer.pipe([*titles, *written])))

    def actor_spans(self, doc: Doc) -> list[Span]:
        """Non-overlapping alias matches, longest first; "the North" and "North"
        only when not the start of a longer proper name ("the North Atlantic",
        "North-South talks")."""
        spans = [doc[start:end] for _, start, end in self.names(doc)]
        spans += [doc[start:end] for start, end in self._plain_matches(doc)]
        spans = [span for span in spans
                 if not (_runs_into_name(span) and self._contextual_only(span))]
        return filter_spans(spans)

    def _plain_matches(self, doc: Doc) -> Iterator[tuple[int, int]]:
        if not self.plain:
            return
        words = doc.to_array(ORTH).tolist()
        for start, word in enumerate(words):
            for length, aliases in self.plain.get(word, {}).items():
                if tuple(words[start:start + length]) in aliases:
                    yield start, start + length

    def _contextual_only(self, span: Span) -> bool:
        return all(entry.kind == "contextual" for entry in self.entries(span))

    def title_spans(self, doc: Doc) -> list[Span]:
        return filter_spans([doc[start:end] for _, start, end in self.title_matcher(doc)])

    def entries(self, span: Span) -> list[ActorEntry]:
        """What a matched span stands for ("Côte d’Ivoire" as "Côte d'Ivoire")."""
        alias = self.typographic.get(span.text, span.text)
        return self.dictionary.entries.get(alias, [])


_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _runs_into_name(span: Span) -> bool:
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is not None and (following.is_title or following.text in {"-", "–"})
