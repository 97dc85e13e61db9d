
"""What the coder's speed-ups must not change: the same text is coded the same
way every time, and when a phrase names two actors equally well ("an Iranian
and three Afghan men") the one named first is its actor, not whichever a hash
happens to put first."""

from __future__ import annotations

import dataclasses

import pytest

from detente.engine.corpus import sample_articles
from detente.events.coder import EventCoder, Trigger
from detente.nlp import parse_paragraphs
from detente.pipeline import extract_text


@pytest.fixture(scope="module")
def pipeline(partial_pipeline):
    """These tests look at what the side finder finds, coded or not."""
    return partial_pipeline

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


def reference_triggers(coder: EventCoder, sentence) -> list:
    """``find_triggers`` as it was before tokens were pre-filtered on their hashes:
    every token through ``_match``, every verb through ``_control``."""
    from dataclasses import replace

    from detente.events import arguments

    found = {}
    for token in sentence:
        trigger = coder._match(token)
        if trigger is not None:
            found[token.i] = trigger
    for trigger in list(found.values()):
        if trigger.object_token is not None:
            noun = found.get(trigger.object_token.i)
            if noun is not None and coder._refines(trigger, noun):
                found[trigger.token.i] = replace(trigger, code=noun.code, pattern=noun.pattern)
            for word in (trigger.object_token, *arguments.children(trigger.object_token,
                                                                    "compound")):
                found.pop(word.i, None)
    for token in sentence:
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        control, complements = coder._control(token, found)
        if control is None:
            continue
        embedded = found.pop(complements[0].i, None)
        for deeper in arguments.children(complements[0], "ccomp", "xcomp"):
            found.pop(deeper.i, None)
        found[token.i] = controlled(token, control, embedded)
        for further in arguments.children(complements[0], "conj"):
            if further.i in found:
                found[further.i] = controlled(token, control, found[further.i])
    return sorted(found.values(), key=lambda trigger: trigger.token.i)


def controlled(verb, control, embedded):
    code = control.code_for(embedded.code if embedded else None)
    return Trigger(verb, code, embedded.pattern if embedded else None,
                   embedded.object_token if embedded else None,
                   control=control, embedded=embedded)


@pytest.mark.slow
def test_prefiltered_triggers_are_those_of_every_token(pipeline):
    """The hash pre-filter of ``find_triggers`` passes over only tokens that cannot
    be triggers: the same triggers as trying every token, on the whole sample corpus."""
    coder = EventCoder(pipeline.nlp)
    sentences = triggers = 0
    for article in sample_articles():
        for doc in parse_paragraphs(article.paragraphs, pipeline.nlp):
            for sentence in doc.sents:
                expected = reference_triggers(coder, sentence)
                assert coder.find_triggers(sentence) == expected, sentence.text
                sentences += 1
                triggers += len(expected)
    assert sentences > 200 and triggers > 50


@pytest.mark.slow
def test_settled_inputs_flow_out_before_the_input_is_read(pipeline, tmp_path):
    """A re-run over a stored corpus passes stored articles on as it reads them:
    the first result comes before the inputs are all read (memory stays bounded
    and the progress bar moves), and the results are those of the first run."""
    from detente.engine.corpus import write_corpus
    from detente.engine.local import InProcess
    from detente.pipeline import STORE_LOOKUP_CHUNK, StoredArticle, process
    from detente.store import Store

    count = 3 * STORE_LOOKUP_CHUNK + 5
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count, words=60)
    files = sorted(path for path in corpus.rglob("*") if path.is_file())
    assert len(files) == count
    engine = InProcess(pipeline)
    with Store(tmp_path / "run.duckdb") as store:
        first = [(r.article.doc_id, list(r.records), r.new)
                 for r in process(files[:STORE_LOOKUP_CHUNK + 3], store, engine)]
        assert all(new for _, _, new in first)
        read = 0

        def inputs():
            nonlocal read
            for path in files:
                read += 1
                yield path

        results = process(inputs(), store, engine)
        again = [next(results)]
        assert isinstance(again[0], StoredArticle)
        assert read <= STORE_LOOKUP_CHUNK + 1  # one chunk read, not the whole corpus
        again += list(results)
    assert read == count
    stored = {doc_id: records for doc_id, records, _ in first}
    rerun = [r for r in again if isinstance(r, StoredArticle)]
    assert len(rerun) == count
    for result in rerun:  # the others are coded now, or copies of a similar story
        if result.article.doc_id in stored:
            assert not result.new and list(result.records) == stored[result.article.doc_id]
