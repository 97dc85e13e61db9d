"""The whole path from articles to coded events, as one reusable object.

Paragraphs of many articles are parsed together through ``nlp.pipe`` (spaCy is
fastest in batches), then regrouped per article for the coder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from spacy.language import Language

from detente.events.coder import EventCoder
from detente.events.missions import mark_events, mission_steps
from detente.events.timex import date_entities
from detente.geo.gazetteer import gazetteer
from detente.geo.tone import article_tone
from detente.ingest.html import looks_like_html
from detente.ingest.jsonl import JsonlFields
from detente.ingest.limits import MAX_ARTICLE_BYTES
from detente.ingest.outcomes import IngestWarning
from detente.ingest.readers import (
    IngestFailure,
    article_from_clean_text,
    article_from_text,
    read_articles,
)
from detente.model import Actor, Article, DatePoint, EventMention, MissionStep
from detente.nlp import load_pipeline, parse_paragraphs
from detente.store import Store

ARTICLES_PER_BATCH = 32


@dataclass
class CodedArticle:
    article: Article
    events: list[EventMention] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)
    steps: list[MissionStep] = field(default_factory=list)  # missions opened, closed, kept


class Pipeline:
    """spaCy plus the event coder; build once, reuse for many articles.

    Events are emitted only with both sides coded (a state, an organisation, a
    group or a person the dictionary knows); ``partial=True`` also keeps those
    with a side known only by its words or left implicit (code null)."""

    def __init__(self, nlp: Language | None = None, partial: bool = False) -> None:
        self.nlp = nlp or load_pipeline()
        self.coder = EventCoder(self.nlp, partial=partial)
        gazetteer()  # loaded with the model: a worker's time limit counts coding, not loading

    def code(self, article: Article) -> CodedArticle:
        return next(self.code_many([article]))

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Coded articles in input order, parsed in batches."""
        iterator = iter(articles)
        while batch := list(islice(iterator, ARTICLES_PER_BATCH)):
            paragraphs = [paragraph for article in batch for paragraph in article.paragraphs]
            docs = iter(list(parse_paragraphs(paragraphs, self.nlp)))
            for article in batch:
                article_docs = list(islice(docs, len(article.paragraphs)))
                # read once, for the coder and for the mission steps
                dates = [date_entities(doc) for doc in article_docs]
                events, mentions = self.coder.code_article(article, article_docs, dates)
                steps = mission_steps(article, article_docs, mentions, dates)
                events = mark_events(events, steps)
                article.tone = article_tone(article.paragraphs)
                yield CodedArticle(article, events, mentions, steps)


Result = CodedArticle | IngestFailure


class Coder(Protocol):
    """What codes articles for ``process``: an engine of ``detente.engine`` (in
    process, process pool, Dask). Batches may come back in any order; an article
    that cannot be coded comes back as an ``IngestFailure``.

    ``FLUSH`` (None) in the input marks a point where the caller holds results of
    its own (articles it settled without coding): the engine yields an empty batch
    there before it reads on, so that they are passed on at once."""

    def code_batches(self, articles: Iterable[Article | None]) -> Iterator[list[Result]]:
        ...


FLUSH = None  # in an engine's input: "yield an empty batch now" (see ``Coder``)
STORE_LOOKUP_CHUNK = 64  # inputs checked against the store with one query


def code_batch(pipeline: Pipeline, articles: list[Article]) -> list[Result]:
    """Code a batch together; if that raises, code its articles one by one so the
    article that breaks the coder fails alone, with a one-line reason."""
    try:
        return list(pipeline.code_many(articles))
    except Exception:  # a coder bug on one odd article must not stop a whole run
        results: list[Result] = []
        for article in articles:
            try:
                results.append(pipeline.code(article))
            except Exception as error:
                reason = " ".join(f"{type(error).__name__}: {error}".split())
                results.append(IngestFailure(article_label(article), f"coding failed ({reason})"))
        return results


def article_label(article: Article) -> str:
    """How failures name an article: its file, or its name inside a JSONL/WARC file."""
    return article.path or article.doc


class EventRecords(Sequence[dict[str, Any]]):
    """The JSONL event records of coded events, built only when read: a run that
    prints no records (``--format none``) only counts them (``len``), and a
    slice builds only the records it holds."""

    __slots__ = ("_events", "_records")

    def __init__(self, events: Sequence[EventMention]) -> None:
        self._events = events
        self._records: list[dict[str, Any]] | None = None

    def _built(self) -> list[dict[str, Any]]:
        if self._records is None:
            self._records = [event.to_record() for event in self._events]
        return self._records

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if self._records is None and isinstance(index, slice):
            return [event.to_record() for event in self._events[index]]
        return self._built()[index]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventRecords):
            other = other._built()
        return isinstance(other, Sequence) and self._built() == list(other)

    def __repr__(self) -> str:
        return repr(self._built())


@dataclass
class StoredArticle:
    """An article after a run: its event records (a list, or ``EventRecords`` built
    when read), and whether this run stored it."""

    article: Article
    records: Sequence[dict[str, Any]]
    new: bool


def process(paths: Iterable[str | Path], store: Store, coder: Coder,
            fields: JsonlFields | None = None, *, include: list[str] | None = None,
            exclude: list[str] | None = None,
            max_bytes: int = MAX_ARTICLE_BYTES
            ) -> Iterator[StoredArticle | IngestFailure | IngestWarning]:
    """Ingest, code and store files, one result per input.

    Articles already in the store (same content hash) are not parsed again: a
    re-run, or a run resumed after a crash, only reads them back. Copies of a
    stored story (the same text, or a near-duplicate reprint from another site)
    are recorded as copies of it, not coded again, and come with no event records
    of their own: each event mention is passed on once, with the article it was
    coded from, so a re-run passes on the same records as the first run.
    Failures are recorded in the store and passed on, and so are warnings (an
    article stored with a part of its input left out) before their article.

    The store is held only while it is read or written (a chunk of look-ups, a
    batch's commit) and released while articles are coded, so that other
    processes (the dashboard, another run) can use the file in between."""
    settled: list[StoredArticle | IngestFailure | IngestWarning] = []  # settled uncoded

    def unseen() -> Iterator[Article | None]:
        """Articles to code; a chunk of inputs at a time is looked up in the store,
        and after a chunk that settled some, ``FLUSH``, so that they (and the
        progress they make) are passed on before more is read: memory stays
        bounded even when a resumed run finds everything stored."""
        items = read_articles(paths, fields, include=include, exclude=exclude,
                              max_bytes=max_bytes)
        while chunk := list(islice(items, STORE_LOOKUP_CHUNK)):
            fresh: list[Article] = []  # to code
            stored = store.stored_ids([item.doc_id for item in chunk
                                       if isinstance(item, Article)])
            for item in chunk:
                if isinstance(item, IngestWarning):
                    settled.append(item)
                    continue
                if isinstance(item, IngestFailure):
                    store.add_failure(item.path, item.message)
                    settled.append(item)
                    continue
                # the same text (a copy is nothing when it is the same file), or a reprint
                original = ((item.doc_id, 1.0) if item.doc_id in stored
                            else store.near_duplicate(item))
                if original is None:
                    fresh.append(item)
                    continue
                if item.doc_id in stored and store.is_stored_printing(item):
                    records = list(store.event_records(item.doc_id))
                else:  # its events are the original's, passed on with it, in this run or before
                    store.add_copy(original[0], item, original[1])
                    records = []
                settled.append(StoredArticle(item, records, False))
            store.release()  # the file is free for others while these are coded
            yield from fresh
            del chunk, fresh
            if settled:
                yield FLUSH

    for batch in coder.code_batches(unseen()):
        yield from settled
        settled.clear()
        results = store_batch(store, batch)
        store.release()  # committed: the file is free for others until the next batch
        yield from results
    yield from settled


def store_batch(store: Store, batch: Sequence[Result]) -> list[StoredArticle | IngestFailure]:
    """The one place where a run writes coded articles (and the articles that failed
    to code) to the store: a batch at a time, in one transaction."""
    coded = [result for result in batch if isinstance(result, CodedArticle)]
    failures = [result for result in batch if isinstance(result, IngestFailure)]
    stored = store.add_articles([(c.article, c.mentions, c.events, c.steps) for c in coded],
                                [(failure.path, failure.message) for failure in failures])
    return [*(StoredArticle(c.article, EventRecords(c.events), c.article.doc_id in stored)
              for c in coded), *failures]


def extract_text(text: str, pub_date: str | None = None, doc: str = "text",
                 pipeline: Pipeline | None = None) -> list[EventMention]:
    """Events in a piece of text: an HTML page, or clean text with one paragraph per
    line (not run through the page-furniture cleaner); ``pub_date`` as YYYY-MM-DD."""
    article = (article_from_text(doc, text) if looks_like_html(text)
               else article_from_clean_text(doc, text))
    if pub_date:
        article.pub_date = DatePoint(pub_date, "day", "given")
    return (pipeline or Pipeline()).code(article).events
