"""The actor dictionary: countries, capitals, demonyms, IGOs, press metonyms,
people with dated roles and sector-bearing titles, read from ``data/*.tsv``
and compiled into spaCy phrase matchers.

Names are matched case-sensitively (news prose capitalises them, and "US" is
not "us"); titles such as "foreign minister" are matched case-insensitively.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from detente.data import read_table, split_list


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

    ``kind`` is country, capital, demonym, igo, metonym, person or contextual;
    ``actor`` is an ISO alpha-3 country or an IGO code; ``requires`` lists what
    the article must mention for a contextual alias ("the North") to apply.
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


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


class ActorDictionary:
    """All actor tables, indexed by alias, with matchers built on demand."""

    def __init__(self) -> None:
        self.entries: dict[str, list[ActorEntry]] = defaultdict(list)
        self.titles: dict[str, str] = {}
        self.roles: dict[str, list[Role]] = defaultdict(list)
        self.countries: dict[str, str] = {}
        self.igos: dict[str, str] = {}
        self._load()

    def _add(self, entry: ActorEntry) -> None:
        self.entries[entry.alias].append(entry)

    def _load(self) -> None:
        for row in read_table("countries.tsv"):
            code = row["iso3"]
            self.countries[code] = row["name"]
            span = {"valid_from": _date(row["valid_from"]), "valid_to": _date(row["valid_to"])}
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
            self._add(ActorEntry(row["phrase"], "metonym", row["country"], row["sector"] or None))
        for row in read_table("people.tsv"):
            role = Role(row["country"], row["sector"] or None, row["role"],
                        _date(row["start"]), _date(row["end"]))
            if role not in self.roles[row["name"]]:
                self.roles[row["name"]].append(role)
            for alias in {row["name"], *split_list(row["aliases"])}:
                entry = ActorEntry(alias, "person", row["country"], name=row["name"])
                if entry not in self.entries[alias]:
                    self._add(entry)
        for row in read_table("contextual.tsv"):
            for alias in _with_capitalised(row["phrase"]):
                self._add(ActorEntry(alias, "contextual", row["actor"], row["sector"] or None,
                                     requires=tuple(split_list(row["context"]))))
        for row in read_table("titles.tsv"):
            self.titles[row["phrase"].lower()] = row["sector"]

    def role_on(self, name: str, day: date | None) -> Role | None:
        """The role ``name`` held on ``day``; without a day, the role only if all agree."""
        roles = self.roles.get(name, [])
        if day is not None:
            held = [role for role in roles if role.held_on(day)]
            return held[0] if held else None
        distinct = {(role.country, role.sector) for role in roles}
        return roles[0] if len(distinct) == 1 else None


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
        aliases = sorted([*self.dictionary.entries, *self.typographic])
        self.names.add("ACTOR", list(nlp.tokenizer.pipe(aliases)))
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        titles = sorted(self.dictionary.titles)
        self.title_matcher.add("TITLE", list(nlp.tokenizer.pipe(titles)))

    def actor_spans(self, doc: Doc) -> list[Span]:
        """Non-overlapping alias matches, longest first; "the North" only when not
        the start of a longer proper name ("the North Atlantic")."""
        spans = [doc[start:end] for _, start, end in self.names(doc)]
        spans = [span for span in spans if not _runs_into_name(span)]
        return filter_spans(spans)

    def title_spans(self, doc: Doc) -> list[Span]:
        return filter_spans([doc[start:end] for _, start, end in self.title_matcher(doc)])

    def entries(self, span: Span) -> list[ActorEntry]:
        """What a matched span stands for ("Côte d’Ivoire" as "Côte d'Ivoire")."""
        alias = self.typographic.get(span.text, span.text)
        return self.dictionary.entries.get(alias, [])


def _runs_into_name(span: Span) -> bool:
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        span[0].lower_ == "the"
        and following is not None
        and (following.is_title or following.text == "-")
    )
