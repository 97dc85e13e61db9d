"""The whole path from articles to coded events, as one reusable object.

Paragraphs of many articles are parsed together through ``nlp.pipe`` (spaCy is
fastest in batches), then regrouped per article for the coder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from detente.events.coder import EventCoder
from detente.ingest.html import looks_like_html
from detente.ingest.jsonl import JsonlFields
from detente.ingest.readers import (
    IngestFailure,
    article_from_clean_text,
    article_from_text,
    read_articles,
)
from detente.model import Actor, Article, DatePoint, EventMention
from detente.nlp import load_pipeline, parse_paragraphs
from detente.store import Store

ARTICLES_PER_BATCH = 32


@dataclass
class CodedArticle:
    article: Article
    events: list[EventMention] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)


class Pipeline:
    """spaCy plus the event coder; build once, reuse for many articles."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp or load_pipeline()
        self.coder = EventCoder(self.nlp)

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
                events, mentions = self.coder.code_article(article, article_docs)
                yield CodedArticle(article, events, mentions)


@dataclass
class StoredArticle:
    """An article after a run: its event records, and whether this run stored it."""

    article: Article
    records: list[dict[str, Any]]
    new: bool


def process(paths: Iterable[str | Path], store: Store, pipeline: Pipeline,
            fields: JsonlFields | None = None) -> Iterator[StoredArticle | IngestFailure]:
    """Ingest, code and store files in order, one result per input.

    Articles already in the store are not parsed again (a re-run or a resumed run
    only reads them back); failures are recorded in the store and passed on."""
    already: list[StoredArticle | IngestFailure] = []

    def unseen() -> Iterator[Article]:
        for item in read_articles(paths, fields):
            if isinstance(item, IngestFailure):
                store.add_failure(item.path, item.message)
                already.append(item)  # reported in order with the others
            elif store.has_article(item.doc_id):
                already.append(StoredArticle(item, list(store.event_records(item.doc_id)), False))
            else:
                yield item

    for coded in pipeline.code_many(unseen()):
        yield from already
        already.clear()
        store.add_article(coded.article, coded.mentions, coded.events)
        yield StoredArticle(coded.article, [e.to_record() for e in coded.events], True)
    yield from already


def extract_text(text: str, pub_date: str | None = None, doc: str = "text",
                 pipeline: Pipeline | None = None) -> list[EventMention]:
    """Events in a piece of text: an HTML page, or clean text with one paragraph per
    line (not run through the page-furniture cleaner); ``pub_date`` as YYYY-MM-DD."""
    article = (article_from_text(doc, text) if looks_like_html(text)
               else article_from_clean_text(doc, text))
    if pub_date:
        article.pub_date = DatePoint(pub_date, "day", "given")
    return (pipeline or Pipeline()).code(article).events
