"""Coding text a user sends to the server, with one spaCy pipeline per process.

The pipeline loads on the first request that needs it (spaCy is slow to import,
and most visitors only read), and one request codes at a time (the parser is
CPU-bound, so running two at once would only make both slower)."""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING

from detente.ingest.html import looks_like_html
from detente.ingest.readers import article_from_clean_text, article_from_text
from detente.model import DatePoint

if TYPE_CHECKING:
    from detente.pipeline import CodedArticle, Pipeline

_lock = threading.Lock()


@cache
def pipeline() -> Pipeline:
    from detente.pipeline import Pipeline

    return Pipeline()


def code_text(text: str, pub_date: str | None, doc: str = "posted") -> CodedArticle:
    """The article in ``text`` (an HTML page, or clean text with one paragraph per
    line), coded; ``pub_date`` (YYYY-MM-DD) anchors relative dates. Raises
    NoArticleError when the text holds no article."""
    article = (article_from_text(doc, text) if looks_like_html(text)
               else article_from_clean_text(doc, text))
    if pub_date:
        article.pub_date = DatePoint(pub_date, "day", "given")
    with _lock:
        return pipeline().code(article)
