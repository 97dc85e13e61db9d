"""The JSON API's shapes: they are its OpenAPI schema, so clients (and the schema
tests) know exactly what each endpoint returns."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

# the shapes of the dates the API takes (detente.dates), re-exported for its modules
from detente.dates import DATE_PATTERN as DATE_PATTERN
from detente.dates import DAY_PATTERN as DAY_PATTERN
from detente.dates import first_day


def real_date(value: str | None) -> str | None:
    """``value`` when it names a real year, month or day ("2000", "2000-06",
    "2000-02-29"); a blank means "any" and passes. The patterns above only check the
    shape: "2000-02-31" and "0000" fit them and are still no dates, so every date
    the API takes goes through here too (ValueError, answered with 422)."""
    if value:
        try:
            first_day(value)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a real date ({error})") from None
    return value


IsoDay = Annotated[str, Field(pattern=DAY_PATTERN), AfterValidator(real_date)]
"""A day (YYYY-MM-DD) of the calendar: its shape, then the calendar."""


class ActorOut(BaseModel):
    text: str | None
    code: str | None = Field(description="CAMEO-style actor code; null when unresolved")
    country: str | None
    sector: str | None
    name: str | None


class LocationOut(BaseModel):
    """Where the event happened, as its text puts it (README: "Where it happened")."""

    name: str
    country: str = Field(description="ISO 3166 alpha-3")
    region: str | None = Field(description="GDELT ADM1 code (FIPS country + division)")
    lat: float
    lon: float
    precision: Literal["city", "region", "country"]
    basis: Literal["text", "sentence", "article", "dateline", "capital"]
    span: list[int] | None = Field(description="the place's words in the article text")


class RecordOut(BaseModel):
    """An event record as `detente extract --format jsonl` writes it."""

    doc: str | None
    doc_id: str
    pub_date: str | None
    event_date: str | None
    date_precision: str | None
    date_basis: str | None
    source: ActorOut
    target: ActorOut
    cameo: str
    root: str
    quad: int | None
    goldstein: float | None
    plover: str | None
    plover_mode: str | None
    status: str | None
    sentence: str | None
    sentence_index: int | None
    span: list[int | None]
    confidence: float | None
    location: LocationOut | None = None


class EventOut(RecordOut):
    """A stored event mention: the record, its id, event name and trigger word."""

    id: str = Field(description="doc_id:ordinal, the event's place among its article's")
    event_name: str
    trigger: str | None
    trigger_span: list[int | None]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class SpanOut(BaseModel):
    role: str = Field(description="sentence, trigger, source or target")
    start: int
    end: int
    text: str


class EvidenceOut(EventOut):
    spans: list[SpanOut] = Field(description="character ranges in the article text")


class ArticleOut(BaseModel):
    doc_id: str
    doc: str
    url: str | None
    title: str | None
    pub_date: str | None
    tone: float | None = Field(None, description="GDELT's Tone: % positive minus % negative words")
    text: str
    events: list[EvidenceOut]


class DeduplicatedPage(BaseModel):
    """A page of deduplicated events, each as ``detente export --format jsonl`` writes
    it (the README's data dictionary lists the fields)."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class DyadOut(BaseModel):
    side_a: str | None
    side_b: str | None
    name_a: str
    name_b: str
    events: int
    goldstein_mean: float | None
    cooperative: int
    conflictual: int
    first: str | None
    last: str | None


class CountsOut(BaseModel):
    articles: int
    event_mentions: int
    sides: int
    failures: int


class SeriesPoint(BaseModel):
    period: str
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_mean: float | None
    goldstein_sum: float | None


class ExtractIn(BaseModel):
    text: str = Field(min_length=1, description="an HTML page, or text with one paragraph "
                      "per line")
    pub_date: IsoDay | None = Field(None, description="publication date (YYYY-MM-DD, a "
                                    "real day), anchors relative dates")
    store: bool = Field(False, description="keep the article and its events "
                        "(only on a server started with --writable)")


class ExtractOut(BaseModel):
    doc_id: str
    stored: bool
    events: list[RecordOut]


class ActorReadingOut(BaseModel):
    """One thing a name can stand for (on the day asked, if any)."""

    kind: str = Field(description="country, capital, demonym, place, igo, metonym, "
                      "organisation, person, contextual, description, none or title")
    code: str | None = Field(description="CAMEO-style actor code: KORGOV, IGOUNO; null "
                             "for no actor, a title or a person without a role")
    country: str | None
    sector: str | None
    name: str | None = Field(description="a person's or organisation's name")
    stands_for: str
    valid_from: str | None
    valid_to: str | None
    role: str | None = Field(description="a person's office")


class ActorHitOut(BaseModel):
    alias: str = Field(description="the name as the dictionary spells it")
    match: Literal["exact", "case-insensitive", "code", "prefix", "close"]
    score: float = Field(description="how alike the name is to the query, 0-1")
    readings: list[ActorReadingOut]


class ActorSearchOut(BaseModel):
    """Names the query finds, and near names when it finds none."""

    query: str
    date: str | None
    found: bool = Field(description="whether the query names something the dictionary "
                        "knows (else results are suggestions)")
    results: list[ActorHitOut]
    did_you_mean: list[str]


class Problem(BaseModel):
    detail: str


JsonObject = dict[str, Any]
