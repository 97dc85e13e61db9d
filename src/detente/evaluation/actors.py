"""Scoring actor resolution against ``data/eval/actors.tsv``.

Each labelled mention names its text (a sample-corpus article, or a sentence
given in the row), its date, and the gold code and country. The article is read
the way the coder reads it: its paragraphs parsed, its names noted, then every
sentence in order, the clause subject kept for later pronouns and every noun
phrase resolved (so people the article introduces are remembered); a labelled
mention is what the resolver makes of the noun phrase headed by its root.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from detente.actors.context import ArticleContext
from detente.actors.index import DocIndex
from detente.actors.resolve import ActorResolver
from detente.data import data_path, read_table
from detente.evaluation.news import SHARED_COLLECTIONS, load_article
from detente.events.arguments import verb_subject
from detente.ingest.readers import article_from_clean_text, read_articles
from detente.model import Actor, Article
from detente.nlp import parse_paragraphs
from detente.pipeline import Pipeline

NONE = "-"
LABELS = "eval/actors.tsv"
# mentions on real December-2023 news pages, labelled blind; the pages are read
# from the reference data beside the repository (``../shared/data``)
NEWS_LABELS = "eval/actors_news2023.tsv"
# which sets ``detente eval actors --split`` scores: the hand-built table is not
# split and goes with dev; the 2023 test pages are scored only when asked for
ACTOR_SPLITS = ("dev", "test", "all")


@dataclass(frozen=True)
class LabelledMention:
    """One row of the labelled set."""

    source: str
    day: date
    mention: str
    occurrence: int
    gold_code: str
    gold_country: str
    note: str
    text: str = ""
    split: str = ""  # "dev" or "test" on a set split by page ("" when not split)


@dataclass(frozen=True)
class Miss:
    source: str
    mention: str
    gold_code: str
    got_code: str | None
    note: str


@dataclass
class ActorReport:
    total: int = 0
    country_right: int = 0
    code_right: int = 0
    gold_actors: int = 0
    covered: int = 0
    resolved: int = 0
    resolved_right: int = 0
    misses: list[Miss] = field(default_factory=list)

    def add(self, row: LabelledMention, actor: Actor | None) -> None:
        code = actor.code if actor is not None and actor.resolved else None
        side = actor.side if code is not None and actor is not None else None
        self.total += 1
        self.country_right += (side or NONE) == row.gold_country
        self.code_right += (code or NONE) == row.gold_code
        if row.gold_country != NONE:
            self.gold_actors += 1
            self.covered += code is not None
        if code is not None:
            self.resolved += 1
            self.resolved_right += side == row.gold_country
        if (code or NONE) != row.gold_code:
            self.misses.append(Miss(row.source, row.mention, row.gold_code, code, row.note))


def labelled_mentions(table: str = LABELS) -> list[LabelledMention]:
    """A labelled set; a bad row stops with its line number and the problem."""
    rows = []
    for line, row in enumerate(read_table(table), 2):
        try:
            rows.append(LabelledMention(row["source"], date.fromisoformat(row["date"]),
                                        row["mention"], int(row["occurrence"] or 1),
                                        row["code"], row["country"], row["note"], row["text"],
                                        row.get("split", "")))
        except (KeyError, ValueError) as error:
            raise ValueError(f"data/{table}:{line}: {error}") from None
    return rows


def actor_sets(split: str, news: bool = True) -> list[tuple[str, str | None]]:
    """The (table, split) pairs ``--split`` scores, in the order shown: ``dev`` is
    ``actors.tsv`` and the 2023 dev pages, ``test`` the 2023 test pages alone,
    ``all`` the three; ``news=False`` (no reference data) leaves the 2023 set out."""
    if split not in ACTOR_SPLITS:
        raise ValueError(f"--split {split}: choose dev, test or all")
    sets: list[tuple[str, str | None]] = []
    if split in {"dev", "all"}:
        sets.append((LABELS, None))
    if news:
        sets += [(NEWS_LABELS, part) for part in ("dev", "test") if split in {part, "all"}]
    return sets


def evaluate_actors(pipeline: Pipeline | None = None,
                    rows: list[LabelledMention] | None = None,
                    shared_data: Path | None = None) -> ActorReport:
    """Country and full-code accuracy over the labelled mentions (those on pages of
    the reference data are read from ``shared_data``)."""
    pipeline = pipeline or Pipeline()
    rows = rows if rows is not None else labelled_mentions()
    groups: dict[tuple[str, str, date], list[LabelledMention]] = defaultdict(list)
    for row in rows:
        groups[(row.source, row.text, row.day)].append(row)
    report = ActorReport()
    for (source, text, day), group in groups.items():
        try:
            found = resolve_mentions(pipeline, _article(source, text, shared_data), day, group)
        except ValueError as error:
            raise ValueError(f"{source}: {error}") from None
        for row, actor in zip(group, found, strict=True):
            report.add(row, actor)
    return report


def _article(source: str, text: str, shared_data: Path | None) -> Article:
    if text:
        return article_from_clean_text(source, text)
    if source.split("/", 1)[0] in SHARED_COLLECTIONS:
        if shared_data is None:
            raise ValueError("a page of the reference data, and no folder to read it from")
        return load_article(source, shared_data)
    found = next(read_articles([data_path(source)]))
    if not isinstance(found, Article):  # a failure (or a warning before the article)
        raise ValueError(f"{source}: {found}")
    return found


def _char_span(text: str, mention: str, occurrence: int) -> tuple[int, int]:
    """Where the ``occurrence``-th whole-word ``mention`` is ("it" not in "with")."""
    found = list(re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", text))
    if len(found) < occurrence:
        raise ValueError(f"{mention!r} does not occur {occurrence} time(s) as a whole word")
    return found[occurrence - 1].span()


def resolve_mentions(pipeline: Pipeline, article: Article, day: date,
                     rows: list[LabelledMention]) -> list[Actor | None]:
    """What the resolver makes of each labelled mention of one article."""
    spans = [_char_span(article.text, row.mention, row.occurrence) for row in rows]
    return read_article(pipeline, article, day, spans)[0]


def read_article(pipeline: Pipeline, article: Article, day: date | None,
                 spans: list[tuple[int, int]]) -> tuple[list[Actor | None], ArticleContext]:
    """Read an article as the coder does and resolve the noun phrases whose root
    lies in each character span; also the article's context (what it settled,
    the people it introduced, the names it left ambiguous, and why)."""
    found: list[Actor | None] = [None] * len(spans)
    matcher = pipeline.coder.matcher
    docs = list(parse_paragraphs(article.paragraphs, pipeline.nlp))
    context = ArticleContext(matcher)
    indexes = [DocIndex.build(doc, matcher) for doc in docs]
    for doc, index in zip(docs, indexes, strict=True):
        context.note_document(doc, index)
    for doc, index, offset in zip(docs, indexes, article.paragraph_offsets(), strict=True):
        resolver = ActorResolver(context, index, offset)
        for span in sorted(set(index.actor_at.values()), key=lambda s: s.start):
            resolver.mention(span, day)
        labelled = {}
        for i, (start, end) in enumerate(spans):
            local = doc.char_span(start - offset, end - offset, alignment_mode="expand")
            if local is not None:
                labelled[local.root.i] = i
        for sentence in doc.sents:
            subject = verb_subject(sentence.root)
            if subject is not None and subject.pos_ != "PRON":
                actors = resolver.resolve(subject, day)
                if len(actors) == 1:
                    context.last_subject = actors[0]
            heads = {chunk.root.i for chunk in sentence.noun_chunks}
            heads |= {i for i in labelled if sentence.start <= i < sentence.end}
            for i in sorted(heads):  # in reading order, so introductions come first
                actor = _first(resolver.resolve(doc[i], day))
                if i in labelled:
                    found[labelled[i]] = actor
    return found, context


def _first(actors: list[Actor]) -> Actor | None:
    return actors[0] if actors else None
