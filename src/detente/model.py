"""The data model shared by every stage: plain dataclasses, no behaviour beyond
serialisation, so stages stay plain functions over plain data."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

STATUSES = (
    "occurred",
    "ongoing",
    "planned",
    "proposed",
    "negated",
    "conditional",
    "hypothetical",
)


@dataclass(frozen=True)
class DatePoint:
    """A date known to some precision, and how we came to know it.

    ``value`` is an ISO string cut to its precision ("2000", "2000-07",
    "2000-07-19"); ``basis`` says where it came from ("explicit", "relative",
    "dateline", "metadata", ...). An unknown date is ``DatePoint()``.
    """

    value: str | None = None
    precision: str | None = None
    basis: str | None = None

    def __bool__(self) -> bool:
        return self.value is not None

    @property
    def year(self) -> int | None:
        return int(self.value[:4]) if self.value else None

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if self.value and len(self.value) >= 7 else None


@dataclass
class Article:
    """One news article after ingest: clean text plus what we know about it.

    ``paragraphs`` are the clean paragraphs; ``text`` joins them with blank
    lines and is the coordinate system for every character span downstream.
    ``site`` is the publisher (an HTML page's site name or its URL's host, a
    JSONL field, a WARC record's host); None when unknown (a plain file).
    ``tone`` is how the article speaks, on GDELT's scale (``detente.geo.tone``).
    ``dateline`` is the place of the wire dateline ingest took off the text
    ("SYDNEY (Reuters) -", a "KATHMANDU, JULY 9" line above the story), as written.
    """

    doc: str
    paragraphs: list[str]
    title: str | None = None
    pub_date: DatePoint = field(default_factory=DatePoint)
    path: str | None = None
    url: str | None = None
    source_format: str = "text"
    site: str | None = None
    tone: float | None = None  # GDELT's scale (detente.geo.tone), set when coded
    dateline: str | None = None

    PARAGRAPH_SEPARATOR = "\n\n"

    @property
    def text(self) -> str:
        return self.PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @property
    def doc_id(self) -> str:
        """Content hash of the clean text: the article's identity."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:20]

    def paragraph_offsets(self) -> list[int]:
        """Character offset of each paragraph within ``text``."""
        offsets, position = [], 0
        for paragraph in self.paragraphs:
            offsets.append(position)
            position += len(paragraph) + len(self.PARAGRAPH_SEPARATOR)
        return offsets


@dataclass(frozen=True)
class Actor:
    """One side of an event: its words in the text and its CAMEO-style code.

    A side the actor dictionary does not know (a company, a court, "the police")
    keeps its words and span with ``code`` and ``country`` None (``sector`` may
    still be known from a title); a side the sentence leaves implicit (a passive
    without "by") has no words either. Downstream, sides without a code are not
    dyads."""

    text: str | None
    code: str | None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None
    basis: str = "text"

    @classmethod
    def unresolved(cls, text: str | None = None, start: int | None = None,
                   end: int | None = None, sector: str | None = None,
                   basis: str = "unresolved") -> Actor:
        """A side named by words the dictionary does not know, or (no text) implied."""
        return cls(text, None, None, sector, None, start, end,
                   basis if text is not None else "implied")

    @property
    def resolved(self) -> bool:
        """Is this side a known actor (it has a CAMEO-style code)?"""
        return self.code is not None

    @property
    def side(self) -> str | None:
        """The side of a dyad: the state, or the organisation's own code."""
        return self.country or self.code

    def to_record(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in ACTOR_FIELDS}


@dataclass(frozen=True)
class DiplomaticStep:
    """What a diplomatic event mention does to the ledger of its two states (see
    ``detente.events.diplomacy``, ``detente.events.missions``): ``kind``
    ("relations_severed", "embassy_opened", ...), the words that say it, the
    protecting power where the text names one, and for a mission its sending and
    host states (a relation step's states are its event mention's sides)."""

    kind: str
    evidence: str
    protecting_power: str | None = None
    sender: str | None = None
    host: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DiplomaticStep | None:
        """The step of a stored row (``STEP_COLUMNS``); None when it is no step."""
        if not row.get("step"):
            return None
        return cls(row["step"], row["step_evidence"], row["step_power"])


@dataclass(frozen=True)
class Location:
    """Where an event happened, as the text puts it, placed by the gazetteer.

    ``precision`` is ``city``, ``region`` or ``country``; ``basis`` says where the
    place came from: ``text`` (a place phrase of the event's own words: "shelled a
    hospital in Khan Younis"), ``sentence`` (a place the sentence names elsewhere),
    ``article`` (the town the article's opening places its story in), ``dateline``
    (where the article was filed) or ``capital`` (nothing said: a last resort, the
    capital of the side the kind of act happens at home for). ``region`` is GDELT's ADM1 code (FIPS
    country code and first-level division, "SZGE"), ``feature`` the GeoNames id
    (a state's: its ISO3 code); ``span`` the place's words in the article's clean
    text (None for a capital nobody named)."""

    name: str
    country: str
    lat: float
    lon: float
    precision: str
    basis: str
    region: str | None = None
    feature: str | None = None
    span: tuple[int, int] | None = None

    def to_row(self) -> dict[str, Any]:
        """Flat ``location_*`` columns, as the store keeps them."""
        return {f"location_{key}": getattr(self, key) for key in LOCATION_FIELDS} | {
            "location_start": self.span[0] if self.span else None,
            "location_end": self.span[1] if self.span else None}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Location | None:
        """The inverse of ``to_row`` (None where the row has no location)."""
        if row.get("location_name") is None:
            return None
        start, end = row["location_start"], row["location_end"]
        return cls(**{key: row[f"location_{key}"] for key in LOCATION_FIELDS},
                   span=(start, end) if start is not None else None)


@dataclass
class EventMention:
    """One event as stated in one sentence, with the evidence to trace it."""

    doc: str
    doc_id: str
    source: Actor
    target: Actor
    cameo: str
    goldstein: float
    quad: int
    plover: str | None
    plover_mode: str | None
    status: str
    sentence: str
    sentence_index: int
    span: tuple[int, int]
    trigger: str
    trigger_span: tuple[int, int]
    confidence: float
    pub_date: DatePoint = field(default_factory=DatePoint)
    event_date: DatePoint = field(default_factory=DatePoint)
    step: DiplomaticStep | None = None
    location: Location | None = None

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def to_row(self) -> dict[str, Any]:
        """Flat columns, as the store keeps them (see ``EVENT_COLUMNS``)."""
        row: dict[str, Any] = {
            "doc_id": self.doc_id, "doc": self.doc, "sentence_index": self.sentence_index,
            "sentence": self.sentence, "span_start": self.span[0], "span_end": self.span[1],
            "trigger": self.trigger, "trigger_start": self.trigger_span[0],
            "trigger_end": self.trigger_span[1],
        }
        for prefix, actor in (("source", self.source), ("target", self.target)):
            for key, value in actor.to_record().items():
                row[f"{prefix}_{key}"] = value
        row.update(
            cameo=self.cameo, root=self.root, quad=self.quad, goldstein=self.goldstein,
            plover=self.plover, plover_mode=self.plover_mode, status=self.status,
            event_date=self.event_date.value, date_precision=self.event_date.precision,
            date_basis=self.event_date.basis, pub_date=self.pub_date.value,
            confidence=self.confidence,
        )
        row.update(step=self.step.kind if self.step else None,
                   step_power=self.step.protecting_power if self.step else None,
                   step_evidence=self.step.evidence if self.step else None)
        row.update(self.location.to_row() if self.location else dict.fromkeys(
            LOCATION_COLUMNS))
        return row

    def to_record(self) -> dict[str, Any]:
        """The JSONL event record; field names are part of the public interface."""
        return event_record(self.to_row())


ACTOR_FIELDS = ("text", "code", "country", "sector", "name")
LOCATION_FIELDS = ("name", "country", "region", "lat", "lon", "precision", "basis", "feature")
LOCATION_COLUMNS = (*(f"location_{key}" for key in LOCATION_FIELDS), "location_start",
                    "location_end")
EVENT_COLUMNS = (
    "doc_id", "doc", "sentence_index", "sentence", "span_start", "span_end", "trigger",
    "trigger_start", "trigger_end",
    *(f"source_{key}" for key in ACTOR_FIELDS), *(f"target_{key}" for key in ACTOR_FIELDS),
    "cameo", "root", "quad", "goldstein", "plover", "plover_mode", "status", "event_date",
    "date_precision", "date_basis", "pub_date", "confidence", *LOCATION_COLUMNS,
)
# The diplomatic step of a mention (``DiplomaticStep``), stored beside its columns.
STEP_COLUMNS = ("step", "step_power", "step_evidence")


@dataclass(frozen=True)
class MissionStep:
    """A mission opened, closed or kept (``detente.events.missions``), as the coder
    found it in one sentence: the step (with its sending and host states), the verb
    that states it, the coder's status and date. Stored at ingest in
    ``mission_steps`` (``MISSION_STEP_COLUMNS``), read by the ledger."""

    doc: str
    doc_id: str
    sentence: str
    sentence_index: int
    span: tuple[int, int]  # the sentence's range in the article's text
    trigger: str
    trigger_span: tuple[int, int]
    step: DiplomaticStep
    status: str
    event_date: DatePoint = field(default_factory=DatePoint)
    pub_date: DatePoint = field(default_factory=DatePoint)

    def to_row(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "doc": self.doc, "sentence_index": self.sentence_index,
            "sentence": self.sentence, "span_start": self.span[0], "span_end": self.span[1],
            "trigger": self.trigger, "trigger_start": self.trigger_span[0],
            "trigger_end": self.trigger_span[1], "step": self.step.kind,
            "sender": self.step.sender, "host": self.step.host,
            "step_power": self.step.protecting_power, "step_evidence": self.step.evidence,
            "status": self.status, "event_date": self.event_date.value,
            "date_precision": self.event_date.precision, "date_basis": self.event_date.basis,
            "pub_date": self.pub_date.value,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MissionStep:
        """The inverse of ``to_row``."""
        return cls(
            doc=row["doc"], doc_id=row["doc_id"], sentence=row["sentence"],
            sentence_index=row["sentence_index"], span=(row["span_start"], row["span_end"]),
            trigger=row["trigger"], trigger_span=(row["trigger_start"], row["trigger_end"]),
            step=DiplomaticStep(row["step"], row["step_evidence"], row["step_power"],
                                row["sender"], row["host"]),
            status=row["status"],
            event_date=DatePoint(row["event_date"], row["date_precision"], row["date_basis"]),
            pub_date=DatePoint(row["pub_date"]))


MISSION_STEP_COLUMNS = (
    "doc_id", "doc", "sentence_index", "sentence", "span_start", "span_end", "trigger",
    "trigger_start", "trigger_end", "step", "sender", "host", "step_power", "step_evidence",
    "status", "event_date", "date_precision", "date_basis", "pub_date")


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """The nested JSONL event record (DESIGN.md) from flat event columns.

    DESIGN.md's fields, ``location`` (where the event happened, or None) and
    ``step`` for a mention that is a diplomatic step; the trigger word's own span
    stays in the store."""
    record = {
        "doc": row["doc"], "doc_id": row["doc_id"], "pub_date": row["pub_date"],
        "event_date": row["event_date"], "date_precision": row["date_precision"],
        "date_basis": row["date_basis"],
        "source": {key: row[f"source_{key}"] for key in ACTOR_FIELDS},
        "target": {key: row[f"target_{key}"] for key in ACTOR_FIELDS},
        "cameo": row["cameo"], "root": row["root"], "quad": row["quad"],
        "goldstein": row["goldstein"], "plover": row["plover"],
        "plover_mode": row["plover_mode"], "status": row["status"],
        "sentence": row["sentence"], "sentence_index": row["sentence_index"],
        "span": [row["span_start"], row["span_end"]],
        "confidence": round(row["confidence"], 2),
        "location": location_record(row),
    }
    if row.get("step"):
        record["step"] = {"kind": row["step"], "protecting_power": row["step_power"],
                          "evidence": row["step_evidence"]}
    return record


def location_record(row: dict[str, Any]) -> dict[str, Any] | None:
    """The event record's ``location`` (None: the text places the event nowhere)."""
    if row.get("location_name") is None:
        return None
    start = row["location_start"]
    return {"name": row["location_name"], "country": row["location_country"],
            "region": row["location_region"], "lat": row["location_lat"],
            "lon": row["location_lon"], "precision": row["location_precision"],
            "basis": row["location_basis"],
            "span": [start, row["location_end"]] if start is not None else None}
