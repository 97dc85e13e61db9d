"""Convert PETRARCH-2's Phoenix actor dictionaries (MIT) into detente's own tables.

    .venv/bin/python tools/import_phoenix_actors.py [PETRARCH2_DIR]

reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt`` and
``Phoenix.MilNonState.actors.txt`` (default folder: ``../shared/data/petrarch2``
beside the repository) and writes, under ``src/detente/data/``:

* ``phoenix_people.tsv``: people.tsv's columns but ``note``; one row per dated
  role, in detente's conventions (ISO3 country, sector, ISO dates);
* ``phoenix_organisations.tsv``: organisations.tsv's columns plus ``source``
  (state bodies, NGOs, companies, armed groups);
* ``phoenix_igos.tsv``: igos.tsv's columns plus ``source`` (new IGOs, and new
  names of IGOs detente already has, under detente's code).

Phoenix writes ``BARACK_OBAMA_`` with ``+`` synonyms and dated codes
(``[USAGOV 20090120-20170120]``, ``[USAELI >170120]``, ``[USAGOV]``). A code's
first three letters are the country, the next three the sector; IGO, NGO, MNC
and IMG codes name an organisation instead. Phoenix names no office, only a
sector, so an imported role says which part of the state the person belonged
to ("government", "government (justice)"), a role many hold at once; the one
exception are the heads of IGOs (Phoenix's IGOrulers list), who take the title
detente uses for that IGO's head and must pass the one-holder-at-a-time rule.

Entries that would be noise in text are left out and counted: country names
(countries.tsv covers states), single common English words (spaCy's WordNet
lemma tables and stop words), bare first names and given names, last names
several people share, people known by one word only, aliases of one to three
letters, phrases of two common words, titles, a state's or IGO's name plus a
title (detente codes those from its own tables), codes that name no state or
organisation, armed groups that later governed (no timeless REB).

Hand-checked rows always win. A person detente has under another spelling
("Kofi Atta Annan") is dropped here; a person or alias detente has under the
same spelling (case, accents, dots and hyphens aside) is kept here and left out
when loaded (``detente.actors.dictionary``), so tests can list the conflicts.

Prints a summary: rows per table, conflicts settled, entries left out by reason.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from detente.actors.dictionary import alias_key as key  # noqa: E402
from detente.data import data_path, read_table, split_list  # noqa: E402

FILES = {"Phoenix.Countries.actors.txt": "countries",
         "Phoenix.International.actors.txt": "international",
         "Phoenix.MilNonState.actors.txt": "milnonstate"}
SOURCE = "phoenix:{file}:{line}"

# Phoenix's own country codes for states detente writes otherwise
COUNTRY_CODES = {"TMP": "TLS", "KSV": "XKX", "ANG": "AGO", "USR": "SUN", "ROM": "ROU",
                 "ZAR": "COD", "BUR": "MMR"}
SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM",
           "CVL", "LEG", "HLH", "REF", "ELI", "LAB", "AGR", "ENV", "HRI", "NGO", "IGO", "REL",
           "MOD", "RAD", "UAF", "IMG", "SET"}
# Phoenix agents that are sectors under another name
SECTOR_ALIASES = {"MNC": "BUS", "INS": "REB", "SEP": "REB", "IRC": "REB", "GOS": "GOV"}
# second-level Phoenix agents under GOV: the field of a minister's portfolio
FIELDS = {"BUS": "economy", "JUD": "justice", "COP": "interior", "MIL": "defence",
          "EDU": "education", "HLH": "health", "AGR": "agriculture", "LAB": "labour",
          "MED": "information", "REF": "refugees", "DEV": "development", "ENV": "environment",
          "HRI": "human rights", "LEG": "legislature", "SPY": "intelligence",
          "REL": "religious affairs", "MUS": "religious affairs", "ELI": "elite"}
ROLE_NAMES = {"GOV": "government", "MIL": "military", "REB": "rebel", "OPP": "opposition",
              "PTY": "party", "COP": "police", "JUD": "judiciary", "SPY": "intelligence",
              "MED": "media", "EDU": "education", "BUS": "business", "CRM": "criminal",
              "CVL": "civilian", "LEG": "legislature", "HLH": "health", "REF": "refugee",
              "ELI": "elite", "LAB": "labour", "AGR": "agriculture", "ENV": "environment",
              "HRI": "human rights", "NGO": "non-governmental organisation",
              "REL": "religion", "MOD": "moderate", "RAD": "radical",
              "UAF": "armed faction", "SET": "settler", "IGO": "staff", "IMG": "member"}
SECTOR_ROLES = ({*ROLE_NAMES.values()}
                | {f"government ({field_name})" for field_name in FIELDS.values()})
# Phoenix's regions, religions, ethnic groups and fields: parts of a code that
# name no organisation of their own
GENERIC = {
    "AFR", "ASA", "BLK", "CAF", "CAS", "CFR", "CRB", "EAF", "EEU", "EUR", "LAM", "MEA", "NAF",
    "NMR", "SAF", "SAM", "SAS", "SEA", "WAF", "WEU", "WST", "ARB", "INT", "SCN", "BAL", "NOR",
    "MOS", "MUS", "CHR", "CTH", "PRO", "JEW", "HIN", "BUD", "SHI", "SUN", "SIK", "ORT", "JAN",
    "ZRO", "TAO", "CON", "DOX", "ALE", "ITH", "SFI", "KAS", "UIG", "TAM", "KUR", "PAL", "CHE",
    "REL", "DEV", "KID", "HLH", "HRI", "ENV", "EDU", "BUS", "MED", "JUD", "LAB", "AGR", "REF",
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "SPY", "CRM", "CVL", "LEG", "ELI", "UAF", "MOD",
    "RAD", "SET", "IGO", "NGO", "MNC", "IMG", "UNR",
}
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "la",
                  "del", "des", "du", "y", "et", "le", "les", "di", "da", "&"}
PARTICLES = {"al", "el", "bin", "ibn", "binti", "de", "da", "do", "dos", "das", "du", "del",
             "della", "der", "den", "van", "von", "y", "ul", "ud", "ad", "ash", "as", "ar", "az",
             "ur", "e", "i", "la", "le"}
# inside a hyphenated name: "Jaish-ul-Muslimin", "Mazar-i-Sharif"
HYPHEN_PARTICLES = {"ul", "al", "el", "e", "i", "ud", "ad", "ur", "an", "as", "ash", "az", "ar"}
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "XI", "XII"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "gen", "gov", "sen", "rep", "lt", "col", "capt",
              "former", "acting", "late", "senator", "governor", "candidate", "comrade",
              "extremist", "militant", "ousted", "deposed", "exiled", "slain", "jailed",
              "dato", "datuk", "dato seri", "datuk seri", "tan sri", "tun", "hojatolislam",
              "hojatoleslam", "hojjatoleslam", "ayatollah", "grand ayatollah", "mullah",
              "lord", "lady", "baron", "prof", "professor", "maj", "brig", "adm"}
# Phoenix files every UN body under IGOUNO..., every EU one under IGOEUREEC...
PARENT_IGOS = {"IGOUNO": "IGOUNO", "IGOEUREEC": "IGOEU"}
# an organisation's alias with one of these names a person ("World Bank President")
PERSON_TITLES = {"president", "secretary", "secretary general", "secretarygeneral", "secy",
                 "sec", "minister", "ministers", "chief", "chairman", "chairwoman", "director",
                 "directorgeneral", "spokesman", "spokeswoman", "envoy", "ambassador",
                 "commander", "leader", "head", "king", "queen", "prince", "governor", "mayor",
                 "senator", "monitor", "peacekeeper", "representative", "rapporteur", "officer"}
NOT_ACRONYMS = FUNCTION_WORDS | PARTICLES | {"abu", "ibn", "bin", "ben", "ltd", "inc", "co",
                                            "corp", "llc", "plc", "sa", "ag", "nv", "spa"}
# armed groups Phoenix codes as rebels for all time that governed or became
# legal parties: a timeless REB would misfire on their news after that
MISFIRES = {"african national congress", "sandinistas", "sandinista national liberation front",
            "farabundo marti national liberation front", "palestine liberation organization",
            "tigray peoples liberation front", "unita"}
# IGOs whose heads Phoenix's IGOrulers list gives (and only its heads)
HEADS = {"IGOUNO", "IGOWB", "IGOIMF"}
EAST_ASIAN = {"KOR", "PRK", "TWN", "CHN", "HKG", "MAC", "SGP", "MNG", "VNM"}
# words that make an entry an organisation, not a person
ORGANISATION_WORDS = {
    "army", "forces", "force", "ministry", "department", "party", "front", "movement",
    "organization", "organisation", "council", "committee", "association", "union", "brigade",
    "brigades", "group", "groups", "bank", "agency", "commission", "office", "service",
    "services", "police", "guard", "guards", "nations", "fund", "program", "programme",
    "institute", "corporation", "company", "inc", "ltd", "corp", "co", "university", "court",
    "tribunal", "assembly", "parliament", "congress", "senate", "government", "administration",
    "federation", "league", "alliance", "coalition", "network", "foundation", "society",
    "center", "centre", "mission", "authority", "bureau", "cabinet", "regime", "junta",
    "taliban", "mujahideen", "mujahidin", "jihad", "battalion", "regiment", "cells", "cell",
    "nuclei", "nucleus", "faction", "commandos", "militia", "militias", "liberation",
    "revolutionary", "resistance", "tigers", "fighters", "martyrs", "hawks", "youth",
    "students", "workers", "people's", "peoples", "popular", "national", "international",
    "islamic", "republican", "democratic", "socialist", "communist", "division", "corps",
    "command", "navy", "airlines", "airways", "holdings", "group's", "industries", "systems",
    "technologies", "energy", "oil", "petroleum", "motors", "electric", "pharmaceuticals",
    "communications", "media", "news", "times", "post", "press", "television", "radio",
    "channel", "trust", "partners", "capital", "financial", "insurance",
    "institution", "school", "college", "academy", "hospital", "church", "council's",
    "secretariat", "board", "chamber", "house", "club", "order", "initiative", "project",
    "campaign", "watch", "international's", "conference", "summit", "treaty",
    "agreement", "convention", "zone", "bloc", "states", "community", "organizations",
    "squad", "squads", "unit", "units", "battalions", "legion", "army's",
}
STRONG_ORGANISATION_WORDS = {
    "army", "forces", "ministry", "department", "party", "front", "movement", "organization",
    "organisation", "council", "committee", "association", "union", "brigade", "brigades",
    "group", "agency", "commission", "office", "police", "nations", "fund", "institute",
    "corporation", "company", "university", "court", "tribunal", "assembly", "parliament",
    "congress", "senate", "government", "administration", "federation", "league", "alliance",
    "coalition", "foundation", "mission", "authority", "bureau", "cabinet", "regime", "junta",
    "taliban", "liberation", "secretariat", "navy", "corps"}
# a person's alias that names something else ("the Obama administration")
NOT_PERSON_WORDS = {"administration", "government", "regime", "linked", "backed", "group",
                    "supporters", "loyalists", "forces", "camp", "family", "cabinet", "era"}


@dataclass
class Spec:
    """One Phoenix code with its date restriction (both None: the default)."""

    code: str
    start: date | None
    end: date | None
    dated: bool


@dataclass
class Record:
    file: str
    line: int
    phrases: list[str]
    specs: list[Spec] = field(default_factory=list)
    comment: str = ""
    bad_dates: int = 0

    @property
    def source(self) -> str:
        return SOURCE.format(file=self.file, line=self.line)


# -- reading ----------------------------------------------------------------

CODE = re.compile(r"\[([^\]]*)\]")


PHOENIX_WRITTEN = date(2014, 1, 30)  # "Generated at: Thu Jan 30 16:06:18 2014"


def phoenix_date(text: str) -> date | None:
    """YYYYMMDD or YYMMDD (years 00-30 are 20xx); None when malformed."""
    if not re.fullmatch(r"\d{6}|\d{8}", text):
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def parse_spec(text: str) -> Spec | None:
    """``USAGOV 20090120-20170120``, ``USAGOV >090120``, ``USAELI <890120``, ``USAGOV``."""
    parts = text.split()
    if not parts:
        return None
    code = parts[0]
    if len(parts) == 1:
        return Spec(code, None, None, False)
    restriction = "".join(parts[1:])
    if restriction.startswith(">"):
        start = phoenix_date(restriction[1:])
        return Spec(code, start, None, True) if start else None
    if restriction.startswith("<"):
        end = phoenix_date(restriction[1:])
        return Spec(code, None, end, True) if end else None
    if "-" in restriction:
        first, _, last = restriction.partition("-")
        start, end = phoenix_date(first), phoenix_date(last)
        if start and end and start <= end:
            return Spec(code, start, end, True)
    return None


def read_records(path: Path) -> list[Record]:
    """The records of a Phoenix .actors file: a primary phrase, its ``+`` synonyms,
    its codes (on its own line or on indented lines below)."""
    records: list[Record] = []
    current: Record | None = None
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            text, _, comment = raw.rstrip("\n").partition("#")
            if not text.strip():
                continue
            indented = text[0] in " \t"
            if indented and "[" not in text:
                indented = False  # a stray indented phrase starts a record
                text = text.strip()
            if indented and current is not None:
                _add_specs(current, text)
                continue
            if text.startswith("+") and current is not None:
                for phrase in text[1:].split("[")[0].split("+"):
                    if phrase.strip():
                        current.phrases.append(phrase.strip())
                _add_specs(current, text)
                continue
            current = Record(path.name, number, [text.split("[")[0].strip()],
                             comment=comment.strip())
            _add_specs(current, text)
            records.append(current)
    # a primary with no code of its own takes the codes of the record below it
    for record, following in zip(reversed(records[:-1]), reversed(records[1:]), strict=True):
        if not record.specs and not record.bad_dates:
            record.specs = list(following.specs)
    return records


def _add_specs(record: Record, text: str) -> None:
    for found in CODE.findall(text):
        spec = parse_spec(found)
        if spec is None:
            record.bad_dates += 1
        elif spec.code not in {"---", ""}:
            record.specs.append(spec)


# -- names ------------------------------------------------------------------


def words_of(phrase: str) -> list[str]:
    """Phoenix's phrase as words: underscores and blanks separate them."""
    phrase = phrase.replace("_", " ").strip()
    return [word for word in phrase.split() if word]


def is_acronym(word: str, acronyms: set[str]) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", word)
    return (word.upper() in acronyms or word.upper() in ROMAN
            or (bool(letters) and not re.search(r"[AEIOUYaeiouy]", letters))
            or bool(re.search(r"\d", word)) or bool(re.fullmatch(r"([A-Za-z]\.){2,}", word)))


def cap_part(part: str, first: bool, korean: bool, position: int) -> str:
    lower = part.lower()
    if not lower:
        return part
    if position > 0 and korean:
        return lower
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2].upper() + lower[3:]
    if "'" in lower:
        head, _, tail = lower.partition("'")
        if len(head) == 1 and tail:  # O'Neill, D'Alema
            return head.upper() + "'" + tail[:1].upper() + tail[1:]
        return head[:1].upper() + head[1:] + "'" + tail
    return lower[:1].upper() + lower[1:]


def capitalise(words: list[str], *, person: bool, korean: bool = False,
               acronyms: set[str] = frozenset()) -> str:
    """Sensible capitalisation of Phoenix's upper-case words: "Barack Obama",
    "Ban Ki-moon", "Ayman al-Zawahiri", "Abu Nidal Organization", "UNICEF"."""
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        if re.fullmatch(r"\d+(ST|ND|RD|TH)", word.upper()):
            out.append(word.lower())
            continue
        if is_acronym(word, acronyms) and not (person and re.fullmatch(r"[A-Za-z]\.", word)):
            out.append(word.upper())
            continue
        if re.fullmatch(r"[A-Za-z]\.?", word):  # an initial
            out.append(word.upper())
            continue
        if index > 0 and lower in (PARTICLES if person else FUNCTION_WORDS):
            out.append(lower)
            continue
        if lower in {"jr", "jr."}:
            out.append("Jr.")
            continue
        parts = word.split("-")
        if len(parts) > 1 and parts[0].lower() in {"al", "el", "ad", "ud", "ul", "an", "ash",
                                                   "as", "ar", "az", "ur", "bin"}:
            head = parts[0].lower() if index > 0 or person else parts[0].capitalize()
            tail = "-".join(cap_part(part, False, False, 0) for part in parts[1:])
            out.append(f"{head}-{tail}")
            continue
        out.append("-".join(part.lower() if 0 < position < len(parts) - 1
                            and part.lower() in HYPHEN_PARTICLES
                            else cap_part(part, index == 0, korean and person, position)
                            for position, part in enumerate(parts)))
    return " ".join(out)


# -- the reference tables detente already has ---------------------------------


@dataclass
class Detente:
    """What detente's own tables say, as the converter needs it."""

    countries: dict[str, tuple[date | None, date | None]]
    igo_keys: dict[str, str]                       # alias key -> IGO code
    igo_names: dict[str, str]
    head_roles: dict[str, str]                     # IGO code -> its head's title
    prefixes: set[str]                             # keys of state/IGO names, titles
    capital_aliases: set[str]                      # "UN", "EU", "US", "NATO"
    titles: set[str]
    people: list[dict[str, str]]

    @classmethod
    def load(cls) -> Detente:
        countries, prefixes = {}, set()
        for row in read_table("countries.tsv"):
            countries[row["iso3"]] = (_iso(row["valid_from"]), _iso(row["valid_to"]))
            for alias in [row["name"], *split_list(row["aliases"]),
                          *split_list(row["adjectives"])]:
                prefixes.add(key(alias))
        igo_keys, igo_names = {}, {}
        for row in read_table("igos.tsv"):
            igo_names[row["code"]] = row["name"]
            for alias in [row["name"], *split_list(row["aliases"])]:
                igo_keys[key(alias)] = row["code"]
                prefixes.add(key(alias))
        titles = {row["phrase"].lower() for row in read_table("titles.tsv")}
        people = list(read_table("people.tsv"))
        heads: dict[str, Counter[str]] = defaultdict(Counter)
        for row in people:
            if row["country"].startswith("IGO"):
                heads[row["country"]][re.sub(r"^(acting|interim) ", "", row["role"])] += 1
        head_roles = {code: counts.most_common(1)[0][0] for code, counts in heads.items()}
        capital_aliases = {alias for row in read_table("igos.tsv")
                           for alias in split_list(row["aliases"]) if alias.isupper()}
        capital_aliases |= {alias for row in read_table("countries.tsv")
                            for alias in split_list(row["aliases"]) if alias.isupper()}
        return cls(countries, igo_keys, igo_names, head_roles, prefixes | {key(t) for t in titles},
                   capital_aliases, titles, people)


def _iso(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


# -- English words ------------------------------------------------------------


class English:
    """Is a word a common English word? spaCy's WordNet lemma index (nouns,
    verbs, adjectives, adverbs) and its stop words."""

    def __init__(self) -> None:
        from detente.nlp import load_pipeline

        nlp = load_pipeline()
        tables = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        self.words = {word for pos in tables for word in tables[pos]}
        self.words |= set(nlp.Defaults.stop_words)
        self.nlp = nlp

    def common(self, word: str) -> bool:
        word = word.lower().strip(".")
        return word in self.words or word.rstrip("s") in self.words


# -- classification -----------------------------------------------------------


@dataclass
class Role:
    actor: str           # ISO3 or an IGO/NGO/IMG code
    sector: str | None
    role: str
    start: date | None
    end: date | None
    source: str


class Converter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.detente = Detente.load()
        self.english = English()
        self.skipped: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)
        self.people: dict[str, dict] = {}
        self.organisations: dict[tuple[str, str | None, str], dict] = {}
        self.igos: dict[str, dict] = {}
        self.first_names: Counter[str] = Counter()
        self.last_names: Counter[str] = Counter()
        self.igo_codes: dict[str, str] = {}
        self.igo_votes: dict[str, Counter[str]] = defaultdict(Counter)
        self.conflicts: list[str] = []

    def skip(self, reason: str, what: str) -> None:
        self.skipped[reason] += 1
        if len(self.examples[reason]) < 8:
            self.examples[reason].append(what)

    # codes --------------------------------------------------------------

    def country(self, code: str) -> str | None:
        country = COUNTRY_CODES.get(code[:3], code[:3])
        return country if country in self.detente.countries else None

    def segments(self, code: str) -> list[str]:
        return [code[i:i + 3] for i in range(0, len(code), 3)]

    def own_segment(self, code: str) -> str | None:
        """The part of an IGO/NGO/IMG code that names the organisation itself
        (IGOUNOLABILO: ILO), None when every part is a region or a field."""
        own = [part for part in self.segments(code)[1:]
               if part not in GENERIC and not self.country(part)]
        return own[-1] if own else None

    def actor_of(self, spec: Spec) -> tuple[str, str | None, str] | str:
        """(actor, sector, role) for a Phoenix code, or the reason it names no actor."""
        code = spec.code.upper()
        if not re.fullmatch(r"[A-Z]{3,}", code) or len(code) % 3:
            return "malformed code"
        head, parts = code[:3], self.segments(code)
        if head == "IGO":
            igo = self.igo_code(code)
            return (igo, None, "staff") if igo else "IGO with no code of its own"
        if head in {"NGO", "MNC"}:
            sector = "NGO" if head == "NGO" else "BUS"
            if head == "MNC" and "MED" in parts[1:]:
                sector = "MED"
            state = next((self.country(part) for part in parts[1:] if self.country(part)), None)
            if state:
                return state, sector, ROLE_NAMES[sector]
            own = self.own_segment(code)
            if head == "NGO" and own:
                return "NGO" + own, "NGO", ROLE_NAMES["NGO"]
            return "organisation with no state and no code of its own"
        if head == "IMG":
            own = self.own_segment(code)
            return ("IMG" + own, "IMG", ROLE_NAMES["IMG"]) if own else \
                "transnational group with no code of its own"
        country = self.country(code)
        if country is None:
            return "region or unknown state code"
        if len(parts) == 1:
            return "country"
        agent = SECTOR_ALIASES.get(parts[1], parts[1])
        if agent not in SECTORS:
            return "country"  # a territory (GBRVGB) or a state's region
        if agent in {"IGO", "NGO", "IMG"}:
            return "organisation with no state and no code of its own"
        role = ROLE_NAMES[agent]
        fields = [FIELDS[part] for part in parts[2:] if part in FIELDS and part != agent]
        if agent == "GOV" and fields:
            role = f"{role} ({fields[0]})"
        return country, agent, role

    def igo_code(self, code: str) -> str | None:
        """detente's code for a Phoenix IGO code: the one IGO every name filed
        under the code is, the UN or the EU for their bodies, else IGO + Phoenix's
        own short code for an IGO detente lacks (None for a region or a field)."""
        if code in self.igo_codes:
            return self.igo_codes[code]
        for prefix, parent in PARENT_IGOS.items():
            if code.startswith(prefix):
                return parent
        own = self.own_segment(code)
        if not own or code in self.igo_votes:
            return None
        siblings = {target for other, target in self.igo_codes.items()
                    if self.own_segment(other) == own}
        return siblings.pop() if len(siblings) == 1 else f"IGO{own}"

    def record_igo(self, record: Record) -> str | None:
        """The detente IGO one of the record's own names is."""
        for phrase in record.phrases:
            words, _ = self.clean(phrase, person=False)
            found = self.detente.igo_keys.get(key(" ".join(words)))
            if found:
                return found
        return None

    def learn_igo_codes(self, records: list[Record]) -> None:
        """Phoenix code -> detente IGO code, where every name Phoenix files under
        the code that detente knows is the same IGO."""
        for record in records:
            found = self.record_igo(record)
            for spec in record.specs:
                if spec.code.startswith("IGO") and found:
                    self.igo_votes[spec.code.upper()][found] += 1
        for code, counts in self.igo_votes.items():
            if len(counts) == 1:
                self.igo_codes[code] = next(iter(counts))

    # names --------------------------------------------------------------

    def clean(self, phrase: str, *, person: bool) -> tuple[list[str], list[str]]:
        """Phoenix's phrase as words, without a leading "the", title or
        honorific; parenthesised short forms come back separately."""
        words = words_of(phrase)
        extra = []
        joined = " ".join(words)
        for inner in re.findall(r"\(([^)]*)\)", joined):
            inner = inner.strip()
            if inner and not self.country_name(inner):
                extra.append(inner)
        joined = re.sub(r"\([^)]*\)", " ", joined)
        words = [word.strip(",;:") for word in joined.split() if word.strip(",;:")]
        while words and words[0].lower() in {"the", "a"}:
            words = words[1:]
        if person:
            words = self.strip_titles(words)
        return words, extra

    def country_name(self, text: str) -> bool:
        return key(text) in self.detente.prefixes

    def strip_titles(self, words: list[str]) -> list[str]:
        """Drop leading titles, honorifics and the state or IGO they belong to
        ("US President Barack Obama", "UN Secretary-General Ban Ki-moon")."""
        changed = True
        while changed and len(words) > 1:
            changed = False
            for size in range(min(4, len(words) - 1), 0, -1):
                head = key(" ".join(words[:size]))
                if head in self.detente.prefixes or head.rstrip(".") in HONORIFICS \
                        or head.replace(" ", "-") in self.detente.titles \
                        or head in {"president elect", "vice president", "secretary general",
                                    "un secretary general", "foreign minister"}:
                    words, changed = words[size:], True
                    break
        return words

    def acronym_shaped(self, word: str, *, alone: bool) -> bool:
        """An organisation's word written in capitals: a short word that is no
        English word ("UNICEF", "ASEAN" alone; "USA" in "Beazer Homes USA")."""
        letters = re.sub(r"[^A-Za-z]", "", word)
        if word.upper() in self.detente.capital_aliases:
            return True  # "UN", "EU", "US" as detente writes them
        if not letters or self.english.common(letters) or letters.lower() in NOT_ACRONYMS:
            return False
        return len(letters) <= (4 if alone else 3)

    def noise(self, words: list[str], *, person: bool) -> str | None:
        """Why an alias would be noise in text (None: it is not)."""
        text = " ".join(words)
        letters = re.sub(r"[\W\d_]", "", text)
        if len(letters) <= 3:
            return "alias of 1-3 letters"
        if re.search(r"[^\w .'&/-]", text) or "_" in text:
            return "odd characters"
        if person:
            if {key(word) for word in words} & PERSON_TITLES \
                    and all(self.english.common(word) for word in words):
                return "a title, not a name"
            if len(words) > 1:
                return None
            if self.english.common(words[0]):
                return "single common word"
            if self.first_names[words[0].upper()] >= 1:
                return "bare first name"
            if self.last_names[words[0].upper()] >= 2:
                return "last name of several people"
            if not words[0][:1].isalpha():
                return "odd characters"
            return None
        if {key(word) for word in words} & PERSON_TITLES:
            return "a person's title, not the organisation"
        content = [word for word in words if word.lower() not in FUNCTION_WORDS]
        if len(content) == 1 and self.english.common(content[0]):
            return "single common word"
        if len(words) == 1 and self.first_names[words[0].upper()] >= 1:
            return "a given name"  # "Amal", "Zain": a person's name as often
        if 1 < len(content) <= 2 and all(self.english.common(word) for word in content):
            return "common words only"
        if all(key(word) in self.detente.prefixes or word.lower() in FUNCTION_WORDS
               or word.lower() in self.detente.titles for word in words):
            return "a state or IGO name and a title"
        return None

    # records ------------------------------------------------------------

    def is_person(self, record: Record, words: list[str], kind: str) -> bool:
        lower = {word.lower().strip(".,") for word in words}
        if "CountryInfo" in record.comment or "IGOrulers" in record.comment:
            return not lower & STRONG_ORGANISATION_WORDS
        if lower & ORGANISATION_WORDS or any("'s" in word.lower() for word in words):
            return False
        if kind == "countries" and any(spec.dated for spec in record.specs):
            return True
        if len(words) < 2 or len(words) > 5 or any(spec.code.startswith("MNC")
                                                   for spec in record.specs):
            return False
        given = self.strip_titles(words)
        if given and self.first_names[given[0].upper()] >= 2 and len(given) >= 2:
            return True  # starts with a given name Phoenix's people have
        if kind == "international" and len(words) <= 4 \
                and not any(self.english.common(word) for word in words):
            return True  # "Nihal Rodrigo", "Mitsuo Sato": no English word in it
        return self.person_by_ner(" ".join(w.capitalize() for w in words))

    def looks_like_person(self, words: list[str]) -> bool:
        """A synonym that is a person's name (Phoenix lists leaders under their
        organisation: "HAMAS_ +KHALED_MESHAAL")."""
        lower = {word.lower().strip(".,") for word in words}
        if lower & ORGANISATION_WORDS or not 2 <= len(words) <= 5:
            return False
        given = self.strip_titles(words)
        if len(given) >= 2 and self.first_names[given[0].upper()] >= 2:
            return True
        return self.person_by_ner(" ".join(w.capitalize() for w in words))

    def person_by_ner(self, name: str) -> bool:
        doc = self.english.nlp(f"{name} said on Monday that talks would go on.")
        return any(ent.label_ == "PERSON" and ent.start == 0 and ent.end == len(name.split())
                   for ent in doc.ents)

    def convert(self) -> None:
        every: list[tuple[Record, str]] = []
        for name, kind in FILES.items():
            every += [(record, kind) for record in read_records(self.folder / name)]
        self.learn_igo_codes([record for record, _ in every])
        for record, _ in every:
            if "CountryInfo" in record.comment or any(s.dated for s in record.specs):
                words = words_of(record.phrases[0])
                if len(words) >= 2:
                    self.first_names[words[0].upper()] += 1
                    self.last_names[words[-1].upper()] += 1
        for row in self.detente.people:
            self.last_names[words_of(row["name"])[-1].upper()] += 1
        for record, kind in every:
            self.record(record, kind)
        self.settle_people()

    def record(self, record: Record, kind: str) -> None:
        if record.bad_dates:
            self.skipped["role with a malformed date"] += record.bad_dates
        if not record.specs:
            self.skip("entry with no code", record.phrases[0])
            return
        actors = [self.actor_of(spec) for spec in record.specs]
        named = self.record_igo(record)
        if named:  # the record names an IGO detente knows: its code, whatever Phoenix's
            actors = [(named, None, "staff") if spec.code.startswith("IGO") else actor
                      for spec, actor in zip(record.specs, actors, strict=True)]
        if all(actor == "country" for actor in actors):
            self.skip("country-name entry (countries.tsv covers states)", record.phrases[0])
            return
        primary, _ = self.clean(record.phrases[0], person=False)
        if not primary:
            self.skip("entry with no name", record.phrases[0])
            return
        if self.is_person(record, primary, kind):
            self.person(record, actors, kind)
        else:
            self.organisation(record, actors, kind)

    def roles(self, record: Record, actors: list) -> list[Role]:
        roles = []
        for spec, actor in zip(record.specs, actors, strict=True):
            if isinstance(actor, str):
                self.skip(f"role: {actor}", f"{record.phrases[0]} {spec.code}")
                continue
            code, sector, role = actor
            if "CoEU" in record.comment and code == "IGOEU":
                # a state's minister holding the rotating presidency acts for the state
                self.skip("role: rotating EU Council presidency", record.phrases[0])
                continue
            if "IGOrulers" in record.comment and code in HEADS and spec.dated:
                role = self.detente.head_roles[code]
            roles.append(Role(code, sector, role, spec.start, spec.end, record.source))
        if any(spec.dated for spec in record.specs) and any(r.start or r.end for r in roles):
            undated = [role for role in roles if not (role.start or role.end)]
            for role in undated:
                # Phoenix's default applies when no dated role does; detente says
                # "elite" of someone out of office by itself
                self.skip("role: undated default beside dated roles", record.phrases[0])
                roles.remove(role)
        return roles

    def person(self, record: Record, actors: list, kind: str) -> None:
        roles = self.roles(record, actors)
        if not roles:
            self.skip("person with no usable role", record.phrases[0])
            return
        korean = any(role.actor in EAST_ASIAN for role in roles)
        names: list[str] = []
        for phrase in record.phrases:
            words, _ = self.clean(phrase, person=True)
            lower = {word.lower() for word in words}
            if words and words[0].lower() in {"of", "to", "for"}:
                self.skip("alias: a title phrase", phrase)
                continue
            if lower & NOT_PERSON_WORDS:
                self.skip("alias: names something else than the person", phrase)
                continue
            reason = self.noise(words, person=True) if words else "alias: title only"
            if reason:
                self.skip(f"alias: {reason}", phrase)
                continue
            name = capitalise(words, person=True, korean=korean)
            if name not in names:
                names.append(name)
        if not names:
            self.skip("person with no usable name", record.phrases[0])
            return
        if all(" " not in name for name in names):
            # "Irvine", "Khodaidad": one word is a place or anyone's name as often
            self.skip("person known by one word only", record.phrases[0])
            return
        entry = self.people.setdefault(key(names[0]), {"name": names[0], "aliases": [],
                                                       "roles": []})
        entry["aliases"] += [alias for alias in names if alias not in entry["aliases"]
                             and key(alias) != key(entry["name"])]
        entry["roles"] += roles

    def organisation(self, record: Record, actors: list, kind: str) -> None:
        usable = [actor for actor in actors if not isinstance(actor, str)]
        for actor in actors:
            if isinstance(actor, str):
                self.skip(f"organisation: {actor}", record.phrases[0])
        if not usable:
            return
        specs = [spec for spec, actor in zip(record.specs, actors, strict=True)
                 if not isinstance(actor, str)]
        acronyms: set[str] = set()
        cleaned = []
        for phrase in record.phrases:
            words, extra = self.clean(phrase, person=False)
            acronyms |= {word.upper() for word in extra if " " not in word}
            cleaned.append((phrase, words))
            cleaned += [(phrase, words_of(inner)) for inner in extra]
        for _, words in cleaned:
            initials = "".join(word[0] for word in words
                               if word.lower() not in FUNCTION_WORDS).upper()
            if len(initials) >= 3:
                acronyms.add(initials)
        names = []
        for index, (phrase, words) in enumerate(cleaned):
            if not words:
                continue
            if index > 0 and self.looks_like_person(words):
                self.skip("alias: a person's name in an organisation's entry", phrase)
                continue
            reason = self.noise(words, person=False)
            if reason:
                self.skip(f"alias: {reason}", phrase)
                continue
            shapes = acronyms | {word.upper() for word in words
                                 if self.acronym_shaped(word, alone=len(words) == 1)}
            alias = capitalise(words, person=False, acronyms=shapes)
            variants = [alias]
            letters = re.sub(r"[^A-Za-z]", "", alias)
            if len(words) == 1 and 5 <= len(letters) <= 6 and not alias.isupper():
                variants.append(alias.upper())  # "Unifem" and "UNIFEM"
            for variant in variants:
                if variant not in names:
                    names.append(variant)
        if not names:
            self.skip("organisation with no usable name", record.phrases[0])
            return
        if key(names[0]) in MISFIRES:
            self.skip("organisation: governed or went legal, no timeless rebel", names[0])
            return
        for (code, sector, _), spec in zip(usable, specs, strict=True):
            if code.startswith("IGO"):
                self.igo(code, names, record)
                continue
            organisation_kind = {"milnonstate": "armed"}.get(kind)
            if organisation_kind is None:
                organisation_kind = {"NGO": "ngo", "BUS": "company", "MED": "media"}.get(
                    sector or "", "institution" if kind == "countries" else "ngo")
                if code.startswith("IMG") or sector in {"REB", "UAF"}:
                    organisation_kind = "armed"
            slot = (names[0], code, sector if spec.start is None and spec.end is None
                    else f"{sector}:{spec.start}:{spec.end}")
            self.organisations[slot] = {
                "name": names[0], "aliases": names[1:], "actor": code, "sector": sector or "",
                "kind": organisation_kind, "valid_from": spec.start, "valid_to": spec.end,
                "note": f"Phoenix {spec.code}", "source": record.source}

    def igo(self, code: str, names: list[str], record: Record) -> None:
        known = self.detente.igo_names.get(code)
        row = self.igos.setdefault(code, {"code": code, "name": known or names[0],
                                          "aliases": [], "kind": "phoenix",
                                          "source": record.source})
        for alias in names:
            if alias != row["name"] and alias not in row["aliases"]:
                row["aliases"].append(alias)

    # people: one row per role, no clashes within the import ----------------

    def settle_people(self) -> None:
        """Merge a person's overlapping roles; drop a person detente already has
        under another spelling, IGO heads who would share an office with another,
        aliases two people in office at once would share."""
        for person in self.people.values():
            person["roles"] = merge_roles(person["roles"], self.detente.countries)
        self.spelt_otherwise()
        self.single_holders()
        owners: dict[str, set[str]] = defaultdict(set)
        for person_key, person in self.people.items():
            for alias in person["aliases"]:
                owners[key(alias)].add(person_key)
        for alias_key, holders in owners.items():
            if alias_key in self.people:
                holders.add(alias_key)  # someone else's full name
            if len(holders) < 2:
                continue
            spans = {holder: [(r.start or date.min, r.end or date.max)
                              for r in self.people[holder]["roles"]] for holder in holders}
            if not any(a0 < b1 and b0 < a1 for first, second in _pairs(sorted(holders))
                       for a0, a1 in spans[first] for b0, b1 in spans[second]):
                continue  # the date tells them apart ("Bush")
            for holder in holders - {alias_key}:
                person = self.people[holder]
                person["aliases"] = [a for a in person["aliases"] if key(a) != alias_key]
                self.skip("alias: shared by two people in office at once",
                          f"{alias_key} ({person['name']})")

    def spelt_otherwise(self) -> None:
        """An imported person who is a hand-checked one under another spelling
        ("Javier de Cuellar", "Kofi Atta Annan", "Noer Hassan Wirajuda"): the
        shorter name's words (particles and initials aside) all in the longer
        one, both starting alike or the shorter being the longer's tail, and a
        role for the same actor at the same time. Hand-checked rows win: the
        import is dropped. (The same spelling is left to the loader.)"""
        by_last: dict[str, list[dict[str, str]]] = defaultdict(list)
        same_key = {key(row["name"]) for row in self.detente.people}
        for row in self.detente.people:
            by_last[key(row["name"]).split()[-1]].append(row)
        for person_key in list(self.people):
            if person_key in same_key:
                continue
            person = self.people[person_key]
            for row in by_last.get(person_key.split()[-1], []):
                if not same_person(person_key, key(row["name"])):
                    continue
                start, end = _iso(row["start"]) or date.min, _iso(row["end"]) or date.max
                if any(role.actor == row["country"] and (role.start or date.min) < end
                       and start < (role.end or date.max) for role in person["roles"]):
                    self.skip("person: a hand-checked person spelt otherwise",
                              f"{person['name']} = {row['name']}")
                    self.conflicts.append(f"{person['name']} (Phoenix) is {row['name']} "
                                          f"(people.tsv): Phoenix's entry dropped")
                    del self.people[person_key]
                    break

    def single_holders(self) -> None:
        """An IGO head's term must not overlap another head's of the same IGO:
        detente's hand-checked heads first, then the imported ones by start. A
        term that runs into another's is cut where the other begins or ends; one
        that lies within another's is dropped."""
        held: dict[tuple[str, str], list[tuple[str, date, date]]] = defaultdict(list)
        for row in self.detente.people:
            role = re.sub(r"^(acting|interim|caretaker) ", "", row["role"].lower())
            held[(row["country"], role)].append(
                (key(row["name"]), _iso(row["start"]) or date.min, _iso(row["end"]) or date.max))
        heads = sorted(((role.start or date.min, person_key, role)
                        for person_key, person in self.people.items()
                        for role in person["roles"] if role.role not in SECTOR_ROLES),
                       key=lambda item: (item[0], item[1]))
        for _, person_key, role in heads:
            person = self.people[person_key]
            start, end = role.start or date.min, role.end or date.max
            others = held[(role.actor, role.role)]
            for other, b0, b1 in sorted(others, key=lambda item: item[1]):
                if other == person_key or not (start < b1 and b0 < end):
                    continue
                if b0 <= start:
                    start = b1      # the other was in office first: start when they left
                elif b1 >= end or start < b0:
                    end = b0        # the other came next: end when they came
            name = person["name"]
            if start >= end:
                self.skip("role: within another holder's term of a single-holder office",
                          f"{name} {role.actor} {role.start}/{role.end}")
                self.conflicts.append(f"{name} (Phoenix) {role.role} of {role.actor} "
                                      f"{role.start}/{role.end}: within another holder's "
                                      f"term, role dropped")
                person["roles"].remove(role)
                continue
            if (start, end) != (role.start or date.min, role.end or date.max):
                self.skip("role: cut to fit between holders of a single-holder office",
                          f"{name} {role.actor} {role.start}/{role.end}")
                self.conflicts.append(f"{name} (Phoenix) {role.role} of {role.actor} "
                                      f"{role.start}/{role.end}: cut to {start}/{end}")
                cut = Role(role.actor, role.sector, role.role,
                           None if start == date.min else start,
                           None if end == date.max else end, role.source)
                person["roles"][person["roles"].index(role)] = cut
            others.append((person_key, start, end))
        for person_key in [k for k, person in self.people.items() if not person["roles"]]:
            self.skip("person with no usable role", self.people[person_key]["name"])
            del self.people[person_key]

    # output -------------------------------------------------------------

    def write(self, out: Path) -> dict[str, int]:
        people_rows = []
        for person in sorted(self.people.values(), key=lambda p: p["name"]):
            for role in person["roles"]:
                # Phoenix was last written on 2014-01-30: a role it left open is known
                # to that day only (after it, the person is a former office holder)
                open_since_before = role.start is None or role.start < PHOENIX_WRITTEN
                end = role.end or (PHOENIX_WRITTEN if role.sector != "ELI" and open_since_before
                                   else None)
                people_rows.append({
                    "name": person["name"], "aliases": ";".join(person["aliases"]),
                    "country": role.actor, "sector": role.sector or "", "role": role.role,
                    "start": _text(role.start), "end": _text(end), "source": role.source})
        organisation_rows = self.unique_organisations()
        igo_rows = [{**row, "aliases": ";".join(row["aliases"])}
                    for _, row in sorted(self.igos.items())]
        _write(out / "phoenix_people.tsv",
               ["name", "aliases", "country", "sector", "role", "start", "end", "source"],
               people_rows)
        _write(out / "phoenix_organisations.tsv",
               ["name", "aliases", "actor", "sector", "kind", "valid_from", "valid_to", "note",
                "source"], organisation_rows)
        _write(out / "phoenix_igos.tsv", ["code", "name", "aliases", "kind", "source"],
               igo_rows)
        return {"phoenix_people.tsv": len(people_rows),
                "phoenix_people.tsv (people)": len(self.people),
                "phoenix_organisations.tsv": len(organisation_rows),
                "phoenix_igos.tsv": len(igo_rows)}

    def unique_organisations(self) -> list[dict[str, str]]:
        """An alias stands for one organisation code: one that two codes (or a
        person) share is left out of both."""
        owners: dict[str, set[str]] = defaultdict(set)
        for row in self.organisations.values():
            for alias in [row["name"], *row["aliases"]]:
                owners[key(alias)].add(row["actor"])
        for row in self.igos.values():
            for alias in [row["name"], *row["aliases"]]:
                owners[key(alias)].add(row["code"])
        for person in self.people.values():
            for alias in [person["name"], *person["aliases"]]:
                owners[key(alias)].add("person")
        dated = {key(row["name"]) for row in self.organisations.values()
                 if row["valid_from"] or row["valid_to"]}
        for slot in [slot for slot, row in self.organisations.items()
                     if key(row["name"]) in dated and not (row["valid_from"] or row["valid_to"])]:
            self.skip("organisation: undated beside dated rows", self.organisations[slot]["name"])
            del self.organisations[slot]
        rows = []
        for row in sorted(self.organisations.values(),
                          key=lambda r: (r["name"], r["actor"], str(r["valid_from"]))):
            names = [alias for alias in [row["name"], *row["aliases"]]
                     if len(owners[key(alias)]) == 1]
            for alias in {row["name"], *row["aliases"]} - set(names):
                self.skip("alias: stands for two different actors", alias)
            if not names:
                continue
            rows.append({**row, "name": names[0], "aliases": ";".join(names[1:]),
                         "valid_from": _text(row["valid_from"]),
                         "valid_to": _text(row["valid_to"])})
        for row in self.igos.values():
            row["aliases"] = [alias for alias in row["aliases"] if len(owners[key(alias)]) == 1]
        return rows


def merge_roles(roles: list[Role], lifetimes: dict) -> list[Role]:
    """One row per role and span: the same role's overlapping spans joined, an
    elite span cut where the person held office, every role within its state's
    lifetime."""
    by_role: dict[tuple, list[Role]] = defaultdict(list)
    for role in roles:
        born, ended = lifetimes.get(role.actor, (None, None))
        start = max([d for d in (role.start, born) if d], default=None)
        end = min([d for d in (role.end, ended) if d], default=None)
        if start and end and start >= end:
            continue
        by_role[(role.actor, role.sector, role.role)].append(
            Role(role.actor, role.sector, role.role, start, end, role.source))
    merged: list[Role] = []
    for spans in by_role.values():
        spans.sort(key=lambda r: r.start or date.min)
        current = spans[0]
        for role in spans[1:]:
            if (current.end or date.max) >= (role.start or date.min):
                end = None if current.end is None or role.end is None else max(current.end,
                                                                                role.end)
                current = Role(current.actor, current.sector, current.role, current.start, end,
                               current.source)
            else:
                merged.append(current)
                current = role
        merged.append(current)
    offices = [role for role in merged if role.sector != "ELI"]
    result = list(offices)
    for role in merged:
        if role.sector != "ELI":
            continue
        pieces = [(role.start or date.min, role.end or date.max)]
        for office in offices:
            o0, o1 = office.start or date.min, office.end or date.max
            pieces = [piece for a, b in pieces
                      for piece in ((a, min(b, o0)), (max(a, o1), b)) if piece[0] < piece[1]]
        for a, b in pieces:
            result.append(Role(role.actor, role.sector, role.role,
                               None if a == date.min else a, None if b == date.max else b,
                               role.source))
    return sorted(result, key=lambda r: (r.start or date.min, r.actor))


def same_person(ours: str, theirs: str) -> bool:
    """Are two name keys one person's (see ``Converter.spelt_otherwise``)? The
    shorter name's words (particles aside; an initial stands for a word with
    that letter) must appear in order in the longer one, ending with the same
    last name, and start with its first word, or be its tail (two words or more,
    and no patronymic chain: "Ali bin Khalifa" is not "Khalifa bin Salman")."""
    def words(name: str) -> list[str]:
        return [w for w in name.split() if w not in PARTICLES | {"as", "an", "bint"}]

    def alike(a: str, b: str) -> bool:
        return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))

    shorter, longer = sorted((words(ours), words(theirs)), key=len)
    if not shorter or shorter[-1] != longer[-1]:
        return False
    if shorter == longer:
        return True  # particles aside, the same words
    position, matched = 0, []
    for word in shorter:
        while position < len(longer) and not alike(word, longer[position]):
            position += 1
        if position == len(longer):
            return False
        matched.append(position)
        position += 1
    if matched[0] == 0:
        return True
    chain = {"bin", "ibn", "bint"} & (set(ours.split()) | set(theirs.split()))
    tail = matched == list(range(len(longer) - len(shorter), len(longer)))
    return tail and len(shorter) >= 2 and not chain and all(len(w) > 1 for w in shorter)


def _pairs(items: list[str]):
    for index, first in enumerate(items):
        for second in items[index + 1:]:
            yield first, second


def _text(day: date | None) -> str:
    return day.isoformat() if day else ""


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, delimiter="\t", quoting=csv.QUOTE_NONE,
                                lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: str(row.get(column) or "") for column in columns})


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "petrarch2"
    converter = Converter(folder)
    converter.convert()
    counts = converter.write(data_path(""))
    print("rows written:")
    for table, count in counts.items():
        print(f"  {table:32} {count:6}")
    print("conflicts with hand-checked rows, settled for them:")
    for conflict in converter.conflicts:
        print(f"  {conflict}")
    print("left out (entries, roles or aliases), by reason:")
    for reason, count in converter.skipped.most_common():
        examples = "; ".join(converter.examples[reason][:4])
        print(f"  {count:6}  {reason}  e.g. {examples}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
