"""What the coder's speed-ups must not change: the same text is coded the same
way every time, and when a phrase names two actors equally well ("an Iranian
and three Afghan men") the one named first is its actor, not whichever a hash
happens to put first."""

from __future__ import annotations

import dataclasses

from detente.engine.corpus import sample_articles
from detente.events.coder import EventCoder
from detente.nlp import parse_paragraphs
from detente.pipeline import extract_text

CONVICTION = ("BERLIN -- A court in Bavaria has convicted an Iranian and three Afghan men "
              "over their drunken assault of passers-by.")


def coded(coder: EventCoder, articles, docs) -> list[dict]:
    records = []
    for article, article_docs in zip(articles, docs, strict=True):
        events, mentions = coder.code_article(article, article_docs)
        records += [dataclasses.asdict(item) for item in [*events, *mentions]]
    return records


def test_sample_corpus_is_coded_identically_by_two_coders(pipeline):
    articles = sample_articles()[:6]
    docs = [list(parse_paragraphs(article.paragraphs, pipeline.nlp)) for article in articles]
    first = coded(EventCoder(pipeline.nlp), articles, docs)
    again = coded(EventCoder(pipeline.nlp), articles, docs)
    assert first and first == again


def test_of_two_equally_good_names_the_first_is_the_actor(pipeline):
    targets = {(e.target.text, e.target.code)
               for e in extract_text(CONVICTION, pub_date="2018-01-10", pipeline=pipeline)}
    assert ("Iranian and three Afghan men", "IRN") in targets
