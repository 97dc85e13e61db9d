"""The event vocabulary (``data/event_patterns.yaml``) as lookup tables.

A pattern says which verb or noun (with which object) states which CAMEO code,
and where its target stands; control verbs ("agreed to", "refused to") combine
with the event beneath them into one event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from detente.data import read_table, read_yaml
from detente.events.ontology import lookup

# verbs carried over from PETRARCH-2's verb dictionary, each vetted on labelled text
# (see tools/import_petrarch_verbs.py); only the rows it kept are read
IMPORTED_VERBS = "petrarch_verbs.tsv"
KEPT = "kept"
# where an imported verb-and-object pattern finds its target ("voiced anger at X")
IMPORTED_OBJECT_TARGETS = ("to", "with", "against", "at", "on", "over", "for")


@dataclass(frozen=True)
class EventPattern:
    code: str
    triggers: tuple[str, ...]
    part_of_speech: str  # "verb" or "noun"
    objects: frozenset[str] = frozenset()
    target: tuple[str, ...] = ("obj",)
    symmetric: bool = False
    host_target: bool = False
    particle: str | None = None
    # compound or adjective the noun (a verb: its object) must carry: "hunger strike"
    modifiers: frozenset[str] = frozenset()
    transitive: bool = False  # a verb that states the event only with an object
    # the constrained object is that of one of these prepositions ("agreed to a deal",
    # "an attack on the minister") instead of the direct object or the noun's "of"
    prepositions: tuple[str, ...] = ()
    # words the subject (or one of its modifiers) must have: "peacekeepers arrived"
    subjects: frozenset[str] = frozenset()
    # objects that give the trigger another sense: "released a statement" frees no one
    not_objects: frozenset[str] = frozenset()
    # modifiers that give the noun another sense: a diplomatic offensive fights no one
    not_modifiers: frozenset[str] = frozenset()
    # the verb says what its object feels ("X's move angered Y", "Y is concerned by
    # X"): the one who feels is the source, what causes it the target
    experiencer: bool = False

    @property
    def specificity(self) -> int:
        """Patterns with a particle, a modifier, or an object or subject constraint
        are tried first."""
        return (4 * (self.particle is not None) + 2 * bool(self.modifiers)
                + bool(self.objects or self.subjects))

    def fits_object(self, lemmas: set[str]) -> bool:
        if self.not_objects & lemmas:
            return False
        return not self.objects or bool(self.objects & lemmas)

    def fits_modifiers(self, lemmas: set[str]) -> bool:
        if self.not_modifiers & lemmas:
            return False
        return not self.modifiers or bool(self.modifiers & lemmas)


@dataclass(frozen=True)
class ControlVerb:
    """A verb that codes the event in its complement ("refused to let … visit")."""

    meaning: str
    codes: dict[str, str]
    symmetric: bool = False
    status: str | None = None
    clause: bool = False  # also a that-clause: "demanded that X lift the embargo"
    # only a that-clause with "must"/"should": "said that Qatar must mediate"
    modal: bool = False
    # the verb says how, its purpose clause what: "called X to congratulate him" is
    # the congratulation; without an event in the clause the verb is no control
    purpose: bool = False
    # the word that must follow the verb ("call on X to", "call for sanctions")
    particle: str | None = None
    # roots whose embedded event is coded as itself: "ordered the arrest of X" is the
    # arrest (by whoever ordered it), "ordered X to appear" a demand
    keeps: frozenset[str] = frozenset()
    # the status of a kept event said to be done: "agreed to disengage" has the
    # disengagement planned, however the agreeing is told
    kept_status: str | None = None
    # prepositions whose event noun is the complement too: "agreed on arms
    # reduction", "committed to joint patrols" (the act agreed, not the agreeing)
    prepositions: tuple[str, ...] = ()

    def code_for(self, embedded_code: str | None) -> str:
        if embedded_code is None:
            return self.codes["default"]
        if self.purpose or self.keeps_code(embedded_code):
            return embedded_code
        return self.codes.get(embedded_code[:2], self.codes["default"])

    def keeps_code(self, embedded_code: str) -> bool:
        return embedded_code[:2] in self.keeps


PATTERN_KEYS = {"code", "verbs", "nouns", "objects", "not_objects", "not_modifiers", "target",
                "symmetric", "host_target", "modifiers", "transitive", "prepositions", "subjects",
                "experiencer"}
CONTROL_KEYS = {"verbs", "codes", "symmetric", "status", "clause", "modal", "purpose", "keeps",
                "kept_status", "prepositions"}
PATTERN_FILE_KEYS = {"object_groups", "patterns", "control", "control_target_prepositions",
                     "light_verbs", "undergoing_verbs", "pair_nouns"}


class PatternBook:
    """Patterns indexed by trigger lemma and part of speech."""

    def __init__(self, path: str = "event_patterns.yaml",
                 imported: Iterable[dict[str, str]] | None = None) -> None:
        """``imported``: rows from another dictionary (``verbs``, ``object``,
        ``code``), by default the kept rows of ``data/petrarch_verbs.tsv``."""
        spec = read_yaml(path, keys=PATTERN_FILE_KEYS)
        for entry in spec["patterns"]:
            unknown = set(entry) - PATTERN_KEYS
            if unknown:  # a misspelt key ("objets:") would silently change the pattern
                raise ValueError(f"{path}: pattern {entry} has unknown keys {sorted(unknown)}")
        self.by_trigger: dict[tuple[str, str], list[EventPattern]] = defaultdict(list)
        for entry in spec["patterns"]:
            lookup(entry["code"])  # an unknown code fails loudly at load time
            for part_of_speech, key in (("verb", "verbs"), ("noun", "nouns")):
                for phrase in entry.get(key, []):
                    trigger, _, particle = phrase.partition(" ")
                    pattern = EventPattern(
                        code=entry["code"],
                        triggers=tuple(entry[key]),
                        part_of_speech=part_of_speech,
                        objects=frozenset(entry.get("objects", [])),
                        target=tuple(entry.get("target", ["obj"])),
                        symmetric=bool(entry.get("symmetric", False)),
                        host_target=bool(entry.get("host_target", False)),
                        particle=particle or None,
                        modifiers=frozenset(entry.get("modifiers", [])),
                        transitive=bool(entry.get("transitive", False)),
                        prepositions=tuple(entry.get("prepositions", ())),
                        subjects=frozenset(entry.get("subjects", [])),
                        not_objects=frozenset(entry.get("not_objects", [])),
                        not_modifiers=frozenset(entry.get("not_modifiers", [])),
                        experiencer=bool(entry.get("experiencer", False)),
                    )
                    self.by_trigger[(trigger, part_of_speech)].append(pattern)
        self.control_prepositions = frozenset(spec["control_target_prepositions"])
        self.light_verbs = frozenset(spec["light_verbs"])
        self.undergoing_verbs = frozenset(spec["undergoing_verbs"])
        self.pair_nouns = frozenset(spec["pair_nouns"])
        # by verb; meanings that need a following word ("call on", "call for") first
        self.control: dict[str, list[ControlVerb]] = defaultdict(list)
        for meaning, entry in spec["control"].items():
            unknown = set(entry) - CONTROL_KEYS
            if unknown:
                raise ValueError(f"{path}: control {meaning} has unknown keys {sorted(unknown)}")
            for code in entry["codes"].values():
                lookup(code)
            for phrase in entry["verbs"]:
                verb, _, particle = phrase.partition(" ")
                self.control[verb].append(ControlVerb(
                    meaning, dict(entry["codes"]), bool(entry.get("symmetric")),
                    entry.get("status"), bool(entry.get("clause", False)),
                    bool(entry.get("modal", False)), bool(entry.get("purpose", False)),
                    particle or None, frozenset(entry.get("keeps", ())),
                    entry.get("kept_status"), tuple(entry.get("prepositions", ()))))
        for controls in self.control.values():
            controls.sort(key=lambda control: control.particle is None)
        self._add_imported(kept_imported_verbs() if imported is None else imported)
        for patterns in self.by_trigger.values():
            patterns.sort(key=lambda pattern: -pattern.specificity)

    def _add_imported(self, rows: Iterable[dict[str, str]]) -> None:
        """Imported rows as transitive patterns: a row's verbs with no ``object``
        state the event with any direct object (its target); with an ``object``
        ("expressed condolences"), with that object only, the target a preposition
        on it or on the verb. Only where ``takes_import`` says so, judged against
        detente's own patterns before any import is added."""
        added = []
        for row in rows:
            code, word = row["code"], row["object"]
            lookup(code)  # an unknown code fails loudly at load time
            added += [(verb, EventPattern(code=code, triggers=(verb,), part_of_speech="verb",
                                          transitive=True, objects=frozenset({word} - {""}),
                                          target=IMPORTED_OBJECT_TARGETS if word else ("obj",)))
                      for verb in row["verbs"].split() if self.takes_import(verb, word)]
        for verb, pattern in added:
            self.by_trigger[(verb, "verb")].append(pattern)

    def takes_import(self, verb: str, word: str) -> bool:
        """Whether an imported meaning of ``verb`` (with the object ``word``, or any
        object when empty) only fills a gap. Detente's own meanings stand: a verb it
        codes with any object, or uses as a control, light or undergoing verb, takes
        no import; neither does a verb and object it pairs already, nor a verb it
        knows at all an import with any object."""
        if verb in self.control or verb in self.light_verbs or verb in self.undergoing_verbs:
            return False
        own = self.by_trigger.get((verb, "verb"), [])
        if own and not word:
            return False
        return not any(word in pattern.objects or not (pattern.objects or pattern.modifiers)
                       for pattern in own)

    def candidates(self, lemma: str, part_of_speech: str) -> list[EventPattern]:
        return self.by_trigger.get((lemma, part_of_speech), [])


def kept_imported_verbs() -> list[dict[str, str]]:
    """The rows of ``data/petrarch_verbs.tsv`` its vetting kept."""
    return [row for row in read_table(IMPORTED_VERBS) if row["verdict"] == KEPT]


@cache
def pattern_book() -> PatternBook:
    return PatternBook()
