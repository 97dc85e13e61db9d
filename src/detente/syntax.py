"""Parse helpers the actor resolver and the event coder share: the words of a
noun phrase, the nouns coordinated with it, where an alias stands in its clause,
and the sentences before a point of a paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

# Dependents that belong to a noun phrase's own description of its referent.
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "appos", "det", "case", "flat", "nn"}
# Prepositions whose object, a city or capital, is where something happened.
LOCATIVE = {"in", "at", "to", "into", "near", "outside", "inside", "across"}
# Prepositions whose object is where something is, whoever it names.
WHERE = {"in", "at", "near", "outside", "inside", "across", "throughout", "within"}


def noun_phrase_tokens(head: Token) -> list[Token]:
    """The head and its descriptive dependents (not clauses, not other nouns' preps)."""
    tokens, stack = [], [head]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(child for child in token.children if child.dep_ in MODIFIER_DEPS
                     or _leads(token, child))
    return sorted(tokens, key=lambda token: token.i)


def _leads(modifier: Token, child: Token) -> bool:
    """"Saudi-led warplanes": who leads them is part of the phrase ("Russian-backed
    separatists" stay apart from Russia: backing is not leading)."""
    return (modifier.dep_ == "amod" and modifier.lemma_.lower() == "lead"
            and child.dep_ in {"npadvmod", "punct"} and child.i < modifier.i)


def sentences_before(doc: Doc, end: int) -> Iterator[Span]:
    """The sentences of ``doc`` before token ``end``, nearest first. Walks back
    one sentence at a time: listing ``doc.sents`` at every look-up would make a
    long paragraph cost time and memory quadratic in its length."""
    while end > 0:
        sentence = doc[end - 1].sent
        yield sentence
        end = sentence.start


def coordinated(head: Token) -> list[Token]:
    """The head and every noun coordinated with it ("Australia and Italy")."""
    heads, stack = [], [head]
    while stack:
        token = stack.pop()
        heads.append(token)
        stack.extend(child for child in token.children if child.dep_ == "conj")
    return sorted(heads, key=lambda token: token.i)


def is_locative(span: Span, place_nouns: frozenset[str]) -> bool:
    """Is the alias where something happened ("met in Lima"), not who acted? Also
    an alias that only says whose a place of ``place_nouns`` is ("near the Rwandan
    border", "in the Syrian capital")."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
        return True
    place = root.head
    return (root.dep_ in {"amod", "compound", "poss"} and place.lemma_.lower() in place_nouns
            and place.dep_ == "pobj" and place.head.lower_ in LOCATIVE)


def is_where(head: Token, places: frozenset[str]) -> bool:
    """Is the noun phrase headed by ``head`` where something is or happens ("living
    in the US", "a shooting in Czechia", "in the heart of historical Prague",
    "in Lyon County, Kentucky")? Not "to" or "into", which often name a side ("aid
    to Ukraine", "an incursion into Russia")."""
    while head.dep_ == "appos" and head.head.i < head.i:  # "Fort Smith, Arkansas"
        head = head.head
    if head.dep_ != "pobj":
        return False
    preposition = head.head
    if preposition.lower_ in WHERE:
        return True
    # "the heart of Prague", "the capital of Iraq": a place of ``places`` that is where
    holder = preposition.head
    return (preposition.lower_ == "of" and holder.pos_ == "NOUN"
            and holder.lemma_.lower() in places and is_where(holder, places))


def in_compound(span: Span) -> bool:
    """Is the name part of a hyphenated modifier ("Iran-allied", "US-led"), which
    says who backs something, not who acts?"""
    doc = span.doc
    return (span.end < len(doc) and doc[span.end].text == "-"
            and not doc[span.end - 1].whitespace_)



def entities_in(sentence: Span) -> Iterator[Span]:
    """The named entities wholly inside ``sentence``, read from its own tokens:
    ``Span.ents`` builds every entity of the whole paragraph on each call, which
    makes a look-up per event quadratic in a long paragraph."""
    doc, start = sentence.doc, None
    for token in sentence:
        if start is not None and token.ent_iob_ != "I":
            yield Span(doc, start, token.i, label=doc[start].ent_type_)
            start = None
        if token.ent_iob_ == "B":
            start = token.i
    if start is not None and (sentence.end == len(doc) or doc[sentence.end].ent_iob_ != "I"):
        yield Span(doc, start, sentence.end, label=doc[start].ent_type_)
