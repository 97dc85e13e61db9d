"""Finding actors in the dictionary as a person asks for them.

A person types "kim dae-jung", "UNITED NATIONS", "Cote d'Ivoire" or "prk", or
misspells a name ("Kim Dae-jun"). ``search_actors`` answers in tiers: the alias
exactly as written; else the aliases that are the same written plainly (case,
accents, curly apostrophes, hyphens and full stops aside) or the code of a state
or organisation; else the names that begin with what was typed and the names
close to it (difflib), best first, which a caller offers as "Did you mean …?".
The CLI (``detente actors lookup/list``) and the HTTP API (``/api/actors/search``)
both ask here, so they agree on what a name finds.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

from detente.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    actor_code,
    actor_dictionary,
    alias_key,
)

# How alike a name must be to what was typed to be offered (difflib's ratio).
CLOSE_CUTOFF = 0.6
# What a typed word must be at least to look for names that begin with it.
MIN_PREFIX = 3
# Kinds of entry that name a state or organisation of their own: what a name given
# for a state ("actors list --country 'north korea'") may stand for.
STATE_KINDS = {"country", "igo", "organisation", "capital", "demonym", "metonym", "place"}
MATCH_KINDS = ("exact", "case-insensitive", "code", "prefix", "close")


@dataclass(frozen=True)
class ActorHit:
    """A name the dictionary knows (an alias or a title, in its own spelling), how
    it was found (one of ``MATCH_KINDS``) and how alike it is to what was typed."""

    alias: str
    match: str
    score: float = 1.0

    @property
    def found(self) -> bool:
        """Is this the name asked for (not a suggestion)?"""
        return self.match in {"exact", "case-insensitive", "code"}


@dataclass(frozen=True)
class Reading:
    """One thing a name can stand for, on a day if one is given: a state, an
    organisation, a person in an office, a title's sector or no actor at all."""

    alias: str
    kind: str
    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    stands_for: str
    valid_from: date | None = None
    valid_to: date | None = None
    role: str | None = None


class SearchIndex:
    """Every alias and title of a dictionary by its plain form, and the codes."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self.by_plain: dict[str, list[str]] = defaultdict(list)
        for alias in [*dictionary.entries, *dictionary.titles]:
            key = alias_key(alias)
            if key and alias not in self.by_plain[key]:
                self.by_plain[key].append(alias)
        # of the spellings of one plain name, an entity's own name first ("Kim
        # Dae-jung" before "Kim Dae Jung"), then straight apostrophes
        canonical = {entry.name for entries in dictionary.entries.values()
                     for entry in entries if entry.name}
        canonical |= {*dictionary.countries.values(), *dictionary.igos.values(),
                      *dictionary.transnational.values()}
        for aliases in self.by_plain.values():
            aliases.sort(key=lambda alias: (alias not in canonical, "’" in alias))
        self.keys = sorted(self.by_plain)
        self.codes = {code.lower(): name for code, name in
                      {**dictionary.countries, **dictionary.igos,
                       **dictionary.transnational}.items()}

    def known(self, alias: str) -> bool:
        return alias in self.dictionary.entries or alias.lower() in self.dictionary.titles


@cache
def search_index(dictionary: ActorDictionary) -> SearchIndex:
    return SearchIndex(dictionary)


def search_actors(query: str, dictionary: ActorDictionary | None = None,
                  limit: int = 10) -> list[ActorHit]:
    """The names ``query`` finds, best first: the exact alias; else every alias
    that is the same written plainly, and the name of a code typed ("prk"); else
    (nothing found) names that begin with it and names close to it, at most
    ``limit`` of those."""
    index = search_index(dictionary or actor_dictionary())
    query = query.strip()
    if not query:
        return []
    if index.known(query):
        hits = [ActorHit(query, "exact")]
        if query not in index.dictionary.entries:  # a title typed in another case
            hits = [ActorHit(query.lower(), "exact")]
        return hits
    key = alias_key(query)
    hits = []
    meanings = set()
    for alias in index.by_plain.get(key, []):
        meaning = _meaning(index.dictionary, alias)
        if meaning not in meanings:  # "Côte d’Ivoire" is "Côte d'Ivoire" again
            meanings.add(meaning)
            hits.append(ActorHit(alias, "case-insensitive"))
    if key in index.codes and not any(hit.alias == index.codes[key] for hit in hits):
        hits.append(ActorHit(index.codes[key], "code"))
    if hits:
        return hits
    return _suggestions(index, key, limit)


def _meaning(dictionary: ActorDictionary, alias: str) -> tuple[object, ...]:
    """What an alias stands for, to tell two spellings of one thing."""
    return (tuple(sorted((entry.kind, entry.actor, entry.name or "", entry.valid_from or "",
                          entry.valid_to or "")
                         for entry in dictionary.entries.get(alias, []))),
            dictionary.titles.get(alias.lower()))


def _suggestions(index: SearchIndex, key: str, limit: int) -> list[ActorHit]:
    scored: dict[str, ActorHit] = {}

    def offer(alias: str, match: str, score: float) -> None:
        if alias not in scored or scored[alias].score < score:
            scored[alias] = ActorHit(alias, match, round(score, 3))

    if len(key) >= MIN_PREFIX:
        for candidate in index.keys:
            if candidate.startswith(key) or f" {key}" in f" {candidate}":
                ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
                # a name that begins with the words typed before one that only has them
                score = 0.5 + ratio / 2 if candidate.startswith(key) else 0.4 + ratio / 2
                for alias in index.by_plain[candidate]:
                    offer(alias, "prefix", score)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)
    for candidate in index.keys:
        if len(candidate) < min(3, len(key)):
            continue  # "UN" is near anything short
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= CLOSE_CUTOFF and matcher.quick_ratio() >= CLOSE_CUTOFF:
            ratio = matcher.ratio()
            if ratio >= CLOSE_CUTOFF:
                for alias in index.by_plain[candidate]:
                    offer(alias, "close", ratio)
    # one spelling per plain name ("Kim Dae-jung", not also "Kim Dae Jung")...
    order = {alias: i for aliases in index.by_plain.values() for i, alias in enumerate(aliases)}
    ranked = sorted(scored.values(), key=lambda hit: (-hit.score, len(alias_key(hit.alias)),
                                                      alias_key(hit.alias), order[hit.alias]))
    seen: set[object] = set()
    unique = []
    for hit in ranked:  # and one name per person or thing ("Kim Jong-un", not "Kim Jong-eun")
        keys = {alias_key(hit.alias), _meaning(index.dictionary, hit.alias)}
        if not keys & seen:
            seen |= keys
            unique.append(hit)
    return unique[:limit]


def did_you_mean(hits: list[ActorHit], most: int = 5) -> str:
    """"Did you mean: Kim Dae-jung, Kim Jong-un?" (empty when nothing is near)."""
    names = [hit.alias for hit in hits if not hit.found][:most]
    return f"Did you mean: {', '.join(names)}?" if names else ""


def readings(alias: str, day: date | None = None,
             dictionary: ActorDictionary | None = None) -> list[Reading]:
    """What a name the dictionary knows stands for (on ``day``, if given): each
    entry's state or organisation and sector, a person's office(s) held, a
    title's sector."""
    dictionary = dictionary or actor_dictionary()
    found = [reading for entry in dictionary.entries.get(alias, [])
             for reading in _entry_readings(dictionary, entry, day)]
    sector = dictionary.titles.get(alias.lower())
    if sector is not None:
        found.append(Reading(alias, "title", None, None, sector, None,
                             "sector of whoever holds it"))
    return found


def _entry_readings(dictionary: ActorDictionary, entry: ActorEntry,
                    day: date | None) -> list[Reading]:
    if entry.kind == "person":
        person = entry.name or entry.alias
        held = [role for role in dictionary.roles.get(person, [])
                if day is None or role.held_on(day)]
        if not held:
            return [Reading(entry.alias, "person", None, None, None, person, person,
                            role="no role on this date")]
        return [Reading(entry.alias, "person", role.country + (role.sector or ""),
                        role.country, role.sector, person,
                        f"{person} — {dictionary.name_of(role.country)}",
                        role.start, role.end, role.role)
                for role in held]
    if day is not None and not entry.valid_on(day):
        return []
    code = None if entry.kind in {"description", "none"} else actor_code(entry.actor,
                                                                          entry.sector)
    country = None if code is None or entry.is_transnational else entry.actor
    named = entry.name if entry.is_transnational or entry.kind == "organisation" else None
    return [Reading(entry.alias, entry.kind, code, country, entry.sector, named,
                    _stands_for(dictionary, entry), entry.valid_from, entry.valid_to)]


def _stands_for(dictionary: ActorDictionary, entry: ActorEntry) -> str:
    words = " or ".join(entry.requires)
    if entry.kind == "none":
        return "not an actor"
    if entry.kind == "description":
        what = "organisation" if entry.actor == "igo" else "state"
        return f"the last {what} named whose name has {words}"
    name = dictionary.name_of(entry.actor)
    return f"{name} (if the article mentions {words})" if entry.requires else name


def state_codes(query: str, day: date | None = None,
                dictionary: ActorDictionary | None = None) -> tuple[list[str], list[ActorHit]]:
    """The state or organisation codes a code or name given for one stands for
    ("PRK", "prk", "north korea", "UNITED NATIONS"; "Moscow" on ``day``: the
    Soviet Union before 1992), and the hits behind them (suggestions when none)."""
    dictionary = dictionary or actor_dictionary()
    known = dictionary.countries | dictionary.igos | dictionary.transnational
    if query.strip().upper() in known:
        return [query.strip().upper()], []
    hits = search_actors(query, dictionary)
    codes = sorted({entry.actor for hit in hits if hit.found
                    for entry in dictionary.entries.get(hit.alias, [])
                    if entry.kind in STATE_KINDS and entry.actor in known
                    and entry.valid_on(day)})
    return codes, hits
