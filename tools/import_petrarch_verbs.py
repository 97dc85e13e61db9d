"""Carry PETRARCH-2's CAMEO verb dictionary into detente's vocabulary, vetted.

    python tools/import_petrarch_verbs.py ../shared/data/petrarch2 [--data ../shared/data]

PETRARCH-2's ``CAMEO.verbpatterns.150430.txt`` (MIT) groups verbs in synonym sets
under a header ``--- NAME [CODE] ---`` (the TABARI verbs merged with WordNet's
synonyms), each set followed by its patterns. Two kinds of candidate come from it,
read as transitive verbs:

* a single-word verb of a set with a code, which detente's vocabulary lacks: the
  set's code, with any direct object as its target;
* a pattern ``- * NOUN [CODE]`` or ``- * NOUN + [CODE]`` (the verb, then its object):
  the set's verbs with that object state that code ("expressed condolences" 018),
  the target a preposition on the object or the verb.

Left out from the start: statements (root 01; detente codes only denials), entries
without a code (``[---]``) or with one CAMEO does not define, phrases, and objects
that are not nouns.

WordNet's synonyms are loose (the set that meets has "think", "depart" and
"collapse"; the one that fights has "die"), so a candidate earns its place only by
measurement. The news dev and val pages and PLV_train are coded without and then
with every candidate. An event only the second run emits is put to the candidates
whose verbs hold its trigger and whose code is its code; an event only the first run
emits, to the candidates whose verbs hold its trigger (they took its place); of
those, the ones whose object is the trigger's object, else the ones without one. An event
gained is right when it matches a labelled event on its page (in PLV: joins the
marked source and target with the gold root; elsewhere in the sentence it is not
counted), wrong otherwise; an event lost is wrong for the candidates when it was
right. A candidate with at least one right event and no wrong one is kept; the rest
are listed as left out with their counts, for a later vetting on more labelled text.

Writes ``src/detente/data/petrarch_verbs.tsv`` and prints what fired.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from detente.evaluation.news import event_key, load_article, read_labels, read_pages, score_page
from detente.evaluation.plv import overlaps, read_plv
from detente.events.coder import EventCoder
from detente.events.ontology import codebook
from detente.events.pair import plv_label
from detente.events.patterns import IMPORTED_VERBS, KEPT, PatternBook
from detente.model import Article, EventMention
from detente.nlp import parse_paragraphs
from detente.pipeline import Pipeline

VERB_FILE = "CAMEO.verbpatterns.150430.txt"
HEADER = re.compile(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---")
WORD = re.compile(r"^[A-Z][A-Z-]*$")
OBJECT_PATTERN = re.compile(r"^- \* ([A-Z][A-Z-]*)(?: \+)?\s*\[(\d+)")
VETTING_SPLITS = ("dev", "val")
COLUMNS = ("verbs", "object", "code", "synset", "right", "wrong", "verdict", "source")
TABLE = Path("src/detente/data") / IMPORTED_VERBS
# trigger lemma, its object's words, CAMEO code, "gained"/"lost", right
Outcome = tuple[str, frozenset[str], str, str, bool]
OBJECT_DEPENDENCIES = {"dobj", "obj", "nsubjpass"}


SynonymSet = tuple[str, str, str, list[str], list[tuple[str, str, int]]]


def synonym_sets(path: Path) -> Iterator[SynonymSet]:
    """Each coded set: its name, code, first line's number as text, verbs (as
    written) and (object, code, line) patterns."""
    name, code, start = "", "", 0
    verbs: list[str] = []
    patterns: list[tuple[str, str, int]] = []
    for number, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), start=1):
        line = raw.split("#")[0].strip()
        if header := HEADER.match(line):
            if verbs:
                yield name, code, str(start), verbs, patterns
            name, code, start = header.group(1), header.group(2).split(":")[0].strip(), number
            verbs, patterns = [], []
        elif found := OBJECT_PATTERN.match(line):
            patterns.append((found.group(1).lower(), found.group(2), number))
        elif line and line[0] not in "-&+~=" and WORD.match(word := line.split()[0]):
            verbs.append(word.lower())
    if verbs:
        yield name, code, str(start), verbs, patterns


def _codable(code: str) -> bool:
    """A code of detente's CAMEO table other than a statement's (root 01)."""
    return code in codebook() and not code.startswith("01")


def candidates(path: Path, pipeline: Pipeline) -> list[dict[str, str]]:
    """Candidate rows (see the module doc), each with the verbs that take it (see
    ``PatternBook.takes_import``); a verb's first set wins."""
    def lemma(verb: str) -> str:
        doc = pipeline.nlp(f"They {verb} it.")
        return doc[1].lemma_.lower() if doc[1].pos_ == "VERB" else verb

    def is_noun(word: str) -> bool:
        token = pipeline.nlp(f"They discussed the {word}.")[3]
        return token.pos_ == "NOUN" and not token.is_stop

    own = PatternBook(imported=[])
    rows, seen = [], set()
    source = f"petrarch2:{VERB_FILE}"
    for name, code, start, verbs, patterns in synonym_sets(path):
        lemmas = list(dict.fromkeys(lemma(verb) for verb in verbs))
        if _codable(code):
            for verb in lemmas:
                if verb not in seen and own.takes_import(verb, ""):
                    seen.add(verb)
                    rows.append({"verbs": verb, "object": "", "code": code, "synset": name,
                                 "source": f"{source}:{start}"})
        for word, pattern_code, number in patterns:
            takers = [verb for verb in lemmas if own.takes_import(verb, word)]
            if takers and _codable(pattern_code) and is_noun(word):
                rows.append({"verbs": " ".join(takers), "object": word, "code": pattern_code,
                             "synset": name, "source": f"{source}:{number}"})
    return rows


def trigger_words(event: EventMention, pipeline: Pipeline) -> tuple[str, frozenset[str]]:
    """The trigger's lemma and its direct object's lemma and word, read off a parse
    of the event's sentence (the first token spelt as the trigger)."""
    first = event.trigger.split()[0] if event.trigger.split() else ""
    for token in pipeline.nlp(event.sentence):
        if token.text == first:
            words = {word for child in token.children if child.dep_ in OBJECT_DEPENDENCIES
                     for word in (child.lemma_.lower(), child.lower_)}
            return token.lemma_.lower(), frozenset(words)
    return first.lower(), frozenset()


def news_outcomes(pipeline: Pipeline, base: EventCoder, trial: EventCoder,
                  shared_data: Path) -> Iterator[Outcome]:
    """Events the trial coder gains or loses on the vetting pages."""
    labels: dict[str, list] = {}
    for label in read_labels():
        labels.setdefault(label.page, []).append(label)
    for page in read_pages():
        if page.split not in VETTING_SPLITS:
            continue
        runs = []
        for coder in (base, trial):
            pipeline.coder = coder
            events = pipeline.code(load_article(page.key, shared_data)).events
            runs.append(score_page(page, labels.get(page.key, []), events))
        before, after = runs
        for key in after.emitted.keys() - before.emitted.keys():
            for event in after.emitted[key]:
                yield *trigger_words(event, pipeline), event.cameo, "gained", key in after.right
        for key in before.emitted.keys() - after.emitted.keys():
            for event in before.emitted[key]:
                yield *trigger_words(event, pipeline), event.cameo, "lost", key in before.right


def plv_outcomes(pipeline: Pipeline, base: EventCoder, trial: EventCoder,
                 shared_data: Path) -> Iterator[Outcome]:
    """Events between PLV_train's marked sides that the trial coder gains or loses."""
    items = read_plv(shared_data / "plv" / "PLV_train.tsv")
    docs = parse_paragraphs([item.sentence for item in items], pipeline.nlp)
    for item, doc in zip(items, docs, strict=True):
        article = Article(doc=f"plv-{item.index}", paragraphs=[item.sentence])
        runs = []
        for coder in (base, trial):
            events = coder.code_article(article, [doc])[0]
            runs.append({(event_key(event), event.trigger): event for event in events
                         if overlaps(event.source, item.source)
                         and overlaps(event.target, item.target)})
        before, after = runs
        for change, keys, run in (("gained", after.keys() - before.keys(), after),
                                  ("lost", before.keys() - after.keys(), before)):
            for key in keys:
                event = run[key]
                right = plv_label(event.cameo, event.status) == item.gold_root
                yield *trigger_words(event, pipeline), event.cameo, change, right


def vet(rows: list[dict[str, str]], shared_data: Path, pipeline: Pipeline) -> None:
    """Fill each row's ``right`` and ``wrong`` counts and its verdict."""
    base = EventCoder(pipeline.nlp, PatternBook(imported=[]), pipeline.coder.matcher)
    trial = EventCoder(pipeline.nlp, PatternBook(imported=rows), pipeline.coder.matcher)
    partial_base, partial_trial = (
        EventCoder(pipeline.nlp, coder.patterns, coder.matcher, partial=True)
        for coder in (base, trial))
    counts: list[Counter[str]] = [Counter() for _ in rows]
    by_verb: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        for verb in row["verbs"].split():
            by_verb.setdefault(verb, []).append(index)
    outcomes = [*news_outcomes(pipeline, base, trial, shared_data),
                *plv_outcomes(pipeline, partial_base, partial_trial, shared_data)]
    for verb, objects, code, change, right in outcomes:
        named = by_verb.get(verb, [])
        suspects = [index for index in named if rows[index]["object"] in objects] \
            or [index for index in named if not rows[index]["object"]]
        for index in suspects:
            if change == "gained" and rows[index]["code"] == code:
                counts[index]["right" if right else "wrong"] += 1
            elif change == "lost" and right:
                counts[index]["wrong"] += 1
    for row, count in zip(rows, counts, strict=True):
        row |= {"right": str(count["right"]), "wrong": str(count["wrong"]),
                "verdict": KEPT if count["right"] and not count["wrong"] else "left out"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("petrarch2", type=Path, help="the folder of PETRARCH-2's dictionaries")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"),
                        help="the shared data (news pages, PLV) the vetting codes")
    arguments = parser.parse_args()
    pipeline = Pipeline()
    rows = candidates(arguments.petrarch2 / VERB_FILE, pipeline)
    vet(rows, arguments.data, pipeline)
    rows.sort(key=lambda row: (row["verdict"] != KEPT, row["code"], row["verbs"], row["object"]))
    with TABLE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE,
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    fired = [row for row in rows if row["right"] != "0" or row["wrong"] != "0"]
    kept = sum(row["verdict"] == KEPT for row in rows)
    print(f"{TABLE}: {len(rows)} candidates, {len(fired)} fired in vetting, {kept} kept")
    for row in fired:
        verbs = row["verbs"] if not row["object"] else f"({row['synset']}) + {row['object']}"
        print(f"  {row['verdict']:8} {row['code']:5} {verbs:40} "
              f"right {row['right']} wrong {row['wrong']}")


if __name__ == "__main__":
    main()
