"""Where an event's words are in its article: the sentence, the trigger word and
the two sides, as character ranges of the article's clean text, and the article
cut into plain and highlighted pieces for display.

The store keeps the trigger's own range; the sides are stored as text, so their
ranges are found again among the article's actor mentions (or, failing that, in
the sentence itself), nearest the trigger."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

ROLES = ("trigger", "source", "target")  # highlight order when ranges overlap


@dataclass(frozen=True)
class Span:
    role: str  # "sentence", "trigger", "source" or "target"
    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def sentence_span(text: str, row: dict[str, Any]) -> Span:
    """The evidence sentence's range: found in the text around the event's own range."""
    sentence = row["sentence"] or ""
    anchor = row["trigger_start"] if row["trigger_start"] is not None else row["span_start"]
    # an occurrence holding the anchor starts at most one sentence length before it
    position = text.find(sentence, max(0, anchor - len(sentence))) if sentence else -1
    if not 0 <= position <= anchor:  # not verbatim in the text: fall back on the span
        start, end = row["span_start"], row["span_end"]
    else:
        start, end = position, position + len(sentence)
    return Span("sentence", start, end, text[start:end])


def _side_span(role: str, words: str | None, code: str | None, text: str, sentence: Span,
               trigger: int, mentions: list[dict[str, Any]]) -> Span | None:
    """The side's words nearest the trigger inside the sentence: a stored actor
    mention with the same words (or code), else a plain occurrence of the words."""
    if not words:
        return None
    inside = [m for m in mentions
              if sentence.start <= m["start_char"] and m["end_char"] <= sentence.end]
    candidates = ([(m["start_char"], m["end_char"]) for m in inside if m["text"] == words]
                  or [(m["start_char"], m["end_char"]) for m in inside
                      if code and m["code"] == code])
    position = text.find(words, sentence.start, sentence.end) if not candidates else -1
    while position >= 0:
        candidates.append((position, position + len(words)))
        position = text.find(words, position + 1, sentence.end)
    if not candidates:
        return None
    start, end = min(candidates, key=lambda pair: abs(pair[0] - trigger))
    return Span(role, start, end, text[start:end])


def evidence_spans(text: str, row: dict[str, Any],
                   mentions: list[dict[str, Any]]) -> list[Span]:
    """The sentence, then the trigger, source and target ranges of one event row
    (sides that cannot be placed are left out; none of the three overlap)."""
    sentence = sentence_span(text, row)
    trigger_at = row["trigger_start"] if row["trigger_start"] is not None else sentence.start
    found: list[Span] = []
    if row["trigger_start"] is not None and row["trigger_end"] is not None:
        found.append(Span("trigger", row["trigger_start"], row["trigger_end"],
                          text[row["trigger_start"]:row["trigger_end"]]))
    for role in ("source", "target"):
        span = _side_span(role, row[f"{role}_text"], row[f"{role}_code"], text, sentence,
                          trigger_at, mentions)
        if span and not any(span.overlaps(other) for other in found):
            found.append(span)
    return [sentence, *found]


@dataclass(frozen=True)
class Piece:
    """A run of article text, with the highlight roles it carries (none for plain text)."""

    text: str
    roles: tuple[str, ...] = ()


def paragraphs(text: str, spans: list[Span], separator: str = "\n\n") -> list[list[Piece]]:
    """The text cut into paragraphs of pieces, each piece carrying the roles of the
    spans covering it (a sentence span and the words inside it nest)."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    result: list[list[Piece]] = [[]]
    for start, end in pairwise(cuts):
        roles = tuple(s.role for s in spans if s.start <= start and end <= s.end)
        chunks = text[start:end].split(separator)
        for number, chunk in enumerate(chunks):
            if number:
                result.append([])
            if chunk:
                result[-1].append(Piece(chunk, roles))
    return [pieces for pieces in result if pieces]


def excerpt(text: str, spans: list[Span], within: Span) -> list[Piece]:
    """The pieces of one range (an evidence sentence) with the words inside it marked."""
    inner = [Span(s.role, s.start - within.start, s.end - within.start, s.text)
             for s in spans if s is not within
             and within.start <= s.start and s.end <= within.end]
    return [piece for pieces in paragraphs(text[within.start:within.end], inner)
            for piece in pieces]
