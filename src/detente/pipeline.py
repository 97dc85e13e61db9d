"""The whole path from articles to coded events, as one reusable object.

Paragraphs of many articles are parsed together through ``nlp.pipe`` (spaCy is
fastest in batches), then regrouped per article for the coder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language

from detente.events.coder import EventCoder
from detente.ingest.html import looks_like_html
from detente.ingest.readers import article_from_clean_text, article_from_text
from detente.model import Actor, Article, DatePoint, EventMention
from detente.nlp import load_pipeline, parse_paragraphs

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


def extract_text(text: str, pub_date: str | None = None, doc: str = "text",
                 pipeline: Pipeline | None = None) -> list[EventMention]:
    """Events in a piece of text: an HTML page, or clean text with one paragraph per
    line (not run through the page-furniture cleaner); ``pub_date`` as YYYY-MM-DD."""
    article = (article_from_text(doc, text) if looks_like_html(text)
               else article_from_clean_text(doc, text))
    if pub_date:
        article.pub_date = DatePoint(pub_date, "day", "given")
    return (pipeline or Pipeline()).code(article).events
