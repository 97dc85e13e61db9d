"""The event coder: from parsed paragraphs of one article to event mentions.

For every sentence it finds trigger words from the pattern book, locates the
source and target phrases in the dependency parse, resolves them to actors on
the event's own date, reads the event's status and date, and keeps the
character span of the evidence. Control verbs ("refused to let … visit")
fold the event beneath them into one event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from detente.actors.context import ArticleContext
from detente.actors.dictionary import ActorMatcher
from detente.actors.index import DocIndex
from detente.actors.resolve import ActorResolver
from detente.dates import first_day
from detente.events import arguments
from detente.events.diplomacy import diplomatic_step
from detente.events.modality import event_status, looks_forward
from detente.events.ontology import JOINT_ROOTS, lookup
from detente.events.patterns import ControlVerb, EventPattern, PatternBook, pattern_book
from detente.events.sides import NON_ACTOR_ENTITIES, SideFinder, names_someone, same_side
from detente.events.timex import date_entities, event_date
from detente.events.words import event_words
from detente.geo.locate import locate_event
from detente.model import Actor, Article, DatePoint, EventMention
from detente.settings import settings
from detente.syntax import coordinated

BASE_CONFIDENCE = settings().coding.base_confidence
NAME_ENTITIES = {"ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}
VERB_TAGS = frozenset({int(VERB), int(AUX)})  # parts of speech as ints: no string work
NOUN_TAGS = frozenset({int(NOUN), int(PROPN)})
ADJECTIVE = int(ADJ)  # "is concerned about X": a feeling's adjective may be a trigger
VERB_TRIGGER, NOUN_TRIGGER, CONTROL_VERB = 1, 2, 4  # what a lemma (or word) may be
MEMO_LIMIT = 500_000  # distinct lemmas remembered; then the memo starts again
PENALTIES = asdict(settings().coding.penalties)  # [coding.penalties]


@dataclass
class Trigger:
    """A word that states an event, with the pattern it fits."""

    token: Token
    code: str
    pattern: EventPattern | None
    object_token: Token | None = None
    control: ControlVerb | None = None
    embedded: Trigger | None = None


MEDIATION = "045"
VISIT = "042"  # a visit is made to another state
INVESTIGATION_ROOT = "09"  # investigations: whom an inquiry into allegations is into
DONE_STATUSES = {"occurred", "ongoing"}


def as_date(point: DatePoint) -> date | None:
    """The first day a date point covers (for resolving dated roles)."""
    return first_day(point.value) if point.value else None


class EventCoder:
    """Codes events in articles; holds the matcher and pattern book it needs."""

    def __init__(self, nlp: Language, patterns: PatternBook | None = None,
                 matcher: ActorMatcher | None = None, partial: bool = False) -> None:
        self.patterns = patterns or pattern_book()
        # an event with a side the dictionary does not know ("the Hyundai group")
        # fits no dyad and is wrong as a coded event: kept only when asked for
        self.partial = partial
        self.matcher = matcher or ActorMatcher(nlp)
        # what may start a trigger, so that most tokens are passed over on their
        # hashes (see ``_candidates``): lower-cased lemmas of the verb and noun
        # patterns and of control verbs, and the words nouns are also looked up by
        by_trigger = self.patterns.by_trigger
        self._verb_words = frozenset(w for (w, pos), found in by_trigger.items()
                                     if pos == "verb" and found)
        self._noun_words = frozenset(w for (w, pos), found in by_trigger.items()
                                     if pos == "noun" and found)
        self._control_words = frozenset(w for w, found in self.patterns.control.items() if found)
        self._kinds: dict[int, int] = {}  # string hash -> VERB_TRIGGER | NOUN_TRIGGER | ...
        self._last: tuple[Doc, list[int], list[int]] | None = None

    def code_article(self, article: Article, docs: list[Doc],
                     dates: list[dict[int, list[Span]]] | None = None,
                     ) -> tuple[list[EventMention], list[Actor]]:
        """All event mentions and actor mentions of one article; ``dates``, each doc's
        date entities (``timex.date_entities``), when the caller has read them already
        for the mission steps."""
        dates = dates if dates is not None else [date_entities(doc) for doc in docs]
        context = ArticleContext(self.matcher)
        indexes = [DocIndex.build(doc, self.matcher) for doc in docs]
        for doc, index in zip(docs, indexes, strict=True):
            context.note_document(doc, index)
        run = ArticleRun(article, article.doc_id, context)
        published_on = as_date(article.pub_date)
        events: list[EventMention] = []
        mentions: list[Actor] = []
        sentence_index = 0
        offsets = article.paragraph_offsets()
        for doc, index, offset, doc_dates in zip(docs, indexes, offsets, dates, strict=True):
            resolver = ActorResolver(context, index, offset)
            for match in index.matches:
                actor = resolver.mention(match.span, published_on)
                if actor is not None:
                    mentions.append(actor)
            for sentence in doc.sents:
                self._note_subject(sentence, resolver, published_on, context)
                events += self._code_sentence(run, sentence, sentence_index, offset, resolver,
                                              doc_dates.get(sentence.start, []))
                sentence_index += 1
        return events, mentions

    def _note_subject(self, sentence: Span, resolver: ActorResolver, on: date | None,
                      context: ArticleContext) -> None:
        """Remember the main clause's subject as the antecedent for later pronouns."""
        subject = arguments.verb_subject(sentence.root)
        if subject is None or subject.pos_ == "PRON":
            return
        actors = resolver.resolve(subject, on)
        if len(actors) == 1:
            context.last_subject = actors[0]

    # -- triggers ---------------------------------------------------------------

    def _kind(self, key: int, strings) -> int:  # type: ignore[no-untyped-def]
        """What the string with hash ``key`` may be, lower-cased: a verb trigger, a
        noun trigger, a control verb (bits); remembered per hash."""
        kind = self._kinds.get(key)
        if kind is None:
            word = strings[key].lower()
            kind = ((VERB_TRIGGER if word in self._verb_words else 0)
                    | (NOUN_TRIGGER if word in self._noun_words else 0)
                    | (CONTROL_VERB if word in self._control_words else 0))
            if len(self._kinds) >= MEMO_LIMIT:
                self._kinds.clear()
            self._kinds[key] = kind
        return kind

    def _candidates(self, doc: Doc) -> tuple[list[int], list[int]]:
        """Indexes of the doc's tokens that may be triggers (``_match`` decides) and
        of its possible control verbs (``_control`` decides), in text order: found
        on the tokens' part-of-speech and string hashes, without making a Token or a
        string for the others. The last doc's are kept (its sentences come in turn)."""
        if self._last is not None and self._last[0] is doc:
            return self._last[1], self._last[2]
        strings = doc.vocab.strings
        triggers: list[int] = []
        controls: list[int] = []
        for i, (pos, lemma, lower) in enumerate(doc.to_array([POS, LEMMA, LOWER]).tolist()):
            if pos in VERB_TAGS:
                kind = self._kind(lemma, strings)
                if kind & VERB_TRIGGER:
                    triggers.append(i)
                if kind & CONTROL_VERB:
                    controls.append(i)
            elif (pos == ADJECTIVE and self._kind(lemma, strings) & VERB_TRIGGER) or (
                    pos in NOUN_TAGS and (self._kind(lemma, strings) & NOUN_TRIGGER
                                          or self._kind(lower, strings) & NOUN_TRIGGER)):
                triggers.append(i)
        self._last = (doc, triggers, controls)
        return triggers, controls

    def find_triggers(self, sentence: Span) -> list[Trigger]:
        """Triggers in a sentence; complements of control verbs are folded in."""
        doc = sentence.doc
        candidates, controls = self._candidates(doc)
        start, end = sentence.start, sentence.end
        found: dict[int, Trigger] = {}
        for i in candidates:
            if start <= i < end:
                trigger = self._match(doc[i])
                if trigger is not None:
                    found[i] = trigger
        for trigger in list(found.values()):  # "lifted sanctions": the noun is not its own event
            if trigger.object_token is not None:  # nor "ended mediation efforts": its compound
                noun = found.get(trigger.object_token.i)
                if (noun is not None and trigger.code == MEDIATION and noun.pattern is not None
                        and noun.pattern.symmetric and trigger.token.tag_ != "VBG"):
                    # "brokered a ceasefire between X and Y": X and Y's own act too (not
                    # "is known for facilitating talks": what a mediator does as a habit)
                    continue
                if noun is not None and self._refines(trigger, noun):
                    found[trigger.token.i] = replace(trigger, code=noun.code,
                                                     pattern=noun.pattern)
                for word in (trigger.object_token, *arguments.children(trigger.object_token,
                                                                        "compound")):
                    found.pop(word.i, None)
        for i in controls:
            if not start <= i < end:
                continue
            token = doc[i]
            control, complements = self._control(token, found)
            if control is None:
                continue
            embedded = found.pop(complements[0].i, None)
            for deeper in arguments.children(complements[0], "ccomp", "xcomp"):
                found.pop(deeper.i, None)  # "refused to let X visit": no visit of its own
            found[token.i] = _controlled(token, control, embedded)
            # "demanded that X lift the embargo and return the base": two demands
            for further in arguments.children(complements[0], "conj"):
                if further.i in found:
                    found[further.i] = _controlled(token, control, found[further.i])
        return sorted(found.values(), key=lambda trigger: trigger.token.i)

    def _refines(self, trigger: Trigger, noun: Trigger) -> bool:
        """Does a light verb's event noun say more than the verb does? "launched a
        scathing attack on the minister" is criticism, though "launch an attack" is
        force; "ended mediation efforts" ends them, whatever the efforts are."""
        if (trigger.token.lemma_.lower() not in self.patterns.light_verbs
                or noun.pattern is None or noun.pattern.specificity == 0
                or noun.code == trigger.code):
            return False
        plain = [pattern for pattern in self.patterns.candidates(
            noun.token.lemma_.lower(), "noun") if pattern.specificity == 0]
        return any(pattern.code == trigger.code for pattern in plain)  # the verb does the noun

    def _control(self, verb: Token, found: dict[int, Trigger]
                 ) -> tuple[ControlVerb | None, list[Token]]:
        """The control meaning of a verb that fits here, and its complements."""
        for control in self.patterns.control.get(verb.lemma_.lower(), ()):
            if control.particle and not _has_particle(verb, control.particle):
                continue
            if control.modal:  # "said that Qatar must mediate"
                complements = [clause for clause in arguments.modal_clauses(verb)
                               if clause.i in found]
            elif control.purpose:  # "called X to congratulate him": only an event
                complements = [clause for clause in arguments.complements(verb)
                               if clause.i in found]
            elif verb.i in found and found[verb.i].object_token is not None:
                # "pledged support for X to form …": the verb and its object are the
                # event, and a to-clause after them only says what for
                complements = arguments.children(verb, "xcomp")
            else:
                complements = arguments.complements(verb) or [
                    obj for obj in arguments.children(verb, "dobj") if obj.i in found]
            if control.prepositions and not any(c.i in found for c in complements) \
                    and not self._codes_itself(verb, found):
                # "agreed on arms cuts (and to push for …)": the event noun is the act
                complements = [obj for word in control.prepositions
                               for obj in arguments.prepositional_objects(verb, word)
                               if obj.i in found] or complements
            if not complements and control.particle:  # "called for sanctions against X"
                complements = [obj for obj in arguments.prepositional_objects(
                    verb, control.particle) if obj.i in found]
            if not complements and control.clause:  # "demanded that X lift the embargo"
                complements = [clause for clause in arguments.that_clauses(verb)
                               if clause.i in found]
            if complements:
                return control, complements
        return None, []

    @staticmethod
    def _codes_itself(verb: Token, found: dict[int, Trigger]) -> bool:
        """Is the verb with its own object already the event ("agreed to a deal" is the
        deal reached, 057), so that its prepositional noun is no act still to come?"""
        own = found.get(verb.i)
        return own is not None and own.pattern is not None and own.pattern.specificity > 0

    def _match(self, token: Token) -> Trigger | None:
        lemma = token.lemma_.lower()
        feeling = token.pos_ == "ADJ" and token.dep_ == "acomp"  # "is concerned about X"
        if token.pos_ in {"VERB", "AUX"} or feeling:
            part_of_speech = "verb"
        elif token.pos_ in {"NOUN", "PROPN"}:
            if token.ent_type_ in NAME_ENTITIES:  # "Gulf Cooperation Council" is a name
                return None
            part_of_speech = "noun"
            lemma = lemma if self.patterns.candidates(lemma, "noun") else token.lower_
        else:
            return None
        candidates = self.patterns.candidates(lemma, part_of_speech)
        if feeling:  # a predicate adjective is a trigger only as a feeling
            candidates = [pattern for pattern in candidates if pattern.experiencer]
        if not candidates:  # most words: no need to look at their objects
            return None
        objects = (arguments.verb_objects(token) if part_of_speech == "verb"
                   else arguments.prepositional_objects(token, "of"))
        default_heads = _with_phrase_heads(objects)
        default_words = {word for o in default_heads for word in _object_words(o)}  # once,
        # not for each of the word's patterns (a common verb has dozens)
        # the verb's particle; an adverb does as well ("sent the ambassador home")
        particles = {child.lower_ for child in token.children if child.dep_ in {"prt", "advmod"}}
        subject_words: set[str] | None = None
        for pattern in candidates:
            if pattern.particle is not None and pattern.particle not in particles:
                continue
            if pattern.transitive and not objects:  # "returned to Seoul" returns nothing
                continue
            if pattern.prepositions:
                heads = _with_phrase_heads([o for word in pattern.prepositions
                                            for o in arguments.prepositional_objects(token, word)])
                words = {word for o in heads for word in _object_words(o)}
            else:
                heads, words = default_heads, default_words
            if not pattern.fits_object(words):
                continue
            if pattern.subjects:  # "peacekeepers arrived": who acts says which event
                if subject_words is None:
                    subject_words = _subject_words(token)
                if not pattern.subjects & subject_words:
                    continue
            fitting = [o for o in heads if pattern.objects & _object_words(o)]
            # "hunger strike", "diplomatic offensive": the noun's (or object's) own modifiers
            if pattern.modifiers or pattern.not_modifiers:
                modified = [token] if part_of_speech == "noun" else fitting or heads
                present = {lemma for word in modified for lemma in _modifier_lemmas(word)}
                if part_of_speech == "verb":  # "found X guilty", "called X a provocation"
                    said = (arguments.clause_verdicts(token)  # "said the vote was illegal"
                            if pattern.target[:1] == ("clause",) else
                            [*arguments.predicate_adjectives(token),
                             *arguments.verdict_nouns(token)])
                    present |= {lemma for word in said
                                for lemma in (word.lemma_.lower(), word.lower_)}
                if not pattern.fits_modifiers(present):
                    continue
            # a prepositional object ("agreed to a deal") says which event, not whom
            object_token = fitting[0] if fitting and not pattern.prepositions else None
            return Trigger(token, pattern.code, pattern, object_token)
        return None

    # -- arguments ------------------------------------------------------------------

    def _code_sentence(self, run: ArticleRun, sentence: Span, sentence_index: int,
                       offset: int, resolver: ActorResolver,
                       dates: list[Span]) -> list[EventMention]:
        article = run.article
        events = []
        finder = SideFinder(resolver)  # one per sentence: its triggers share their phrases
        text = resolver.index.text[sentence.start_char:sentence.end_char]  # Span.text, cheaply
        coded = []
        for trigger in self.find_triggers(sentence):
            status = trigger_status(trigger)
            # an act agreed or pledged is dated by the agreeing, as CAMEO's intent is
            future = looks_forward(trigger.token, status) and _pledged_status(trigger) is None
            when = event_date(trigger.token, dates, article.pub_date, future)
            on = as_date(when) or as_date(article.pub_date)
            pairs = self._sides(trigger, finder, on, run)
            if _pairs_its_sides(trigger):  # before the next trigger: "the summit of the
                for source, target, _ in pairs:  # two Koreas" after the visit (only
                    run.pair.note(source, target)  # two states' sides are noted)
            coded.append((trigger, status, when, pairs))
        # a mediator stands between the parties of the joint act beside it, else
        # between the two the article last paired ("the mediation efforts of the UAE")
        parties = _joint_parties(coded) or run.pair.recalled(None)
        for trigger, status, when, pairs in coded:
            if trigger.code == MEDIATION and parties:
                pairs = _mediated(pairs, parties)
            elif lead_up := _joint_act_led_up_to(trigger, pairs, coded):
                # "reached a deal after months of talks": the deal's parties held them
                pairs = _joint_pairs(lead_up, PENALTIES["noun"] + PENALTIES["implied"])
            if trigger.code[:2] not in JOINT_ROOTS and trigger.token.lemma_.lower() \
                    not in event_words().reciprocal_triggers:
                pairs = _one_way(pairs)
            for source, target, penalty in pairs:
                if not (self.partial or (source.resolved and target.resolved)):
                    continue
                events.append(self._mention(run, trigger, sentence, text, sentence_index,
                                            offset, source, target, status, when, penalty))
        return events

    def _sides(self, trigger: Trigger, finder: SideFinder, on: date | None,
               run: ArticleRun) -> list[tuple[Actor, Actor, float]]:
        """(source, target, confidence penalty) for every pair the sentence states."""
        context = run.context
        token = trigger.token
        penalty = PENALTIES["noun"] if token.pos_ in {"NOUN", "PROPN"} else 0.0
        target_heads = self.target_heads(trigger)
        # "an investigation of Flynn": the "of" phrase is the target, not the source
        source_heads = [head for head in self.source_heads(token, trigger.pattern)
                        if head is token or head not in target_heads]
        pattern = trigger.pattern
        if trigger.control is not None:
            symmetric = trigger.control.symmetric
        else:
            symmetric = pattern is not None and pattern.symmetric
        sources = self._sources(token, source_heads, finder, on, symmetric)
        targets = self._targets(target_heads, finder, on)
        # "talks between X and Y"; "relations between X and Y were restored"
        # "the signing of agreements between X and Y": also on what the act is about
        # and on the verb a noun is the object of ("mediated talks on Friday between X
        # and Y": the parser hangs the phrase on the verb)
        between = arguments.prepositional_objects(token, "between") or [
            side for noun in [*arguments.children(token, "nsubjpass", "dobj"),
                              *([trigger.object_token] if trigger.object_token is not None else [])]
            for side in arguments.prepositional_objects(noun, "between")] or (
            arguments.prepositional_objects(token.head, "between")
            if token.dep_ == "dobj" and token.pos_ == "NOUN" else [])
        pair_phrase = next((head for head in source_heads
                            if head is not token
                            and arguments.names_a_pair(head, self.patterns.pair_nouns)), None)
        # "the two leaders agreed to end hostilities between the two nations": both
        # phrases stand for the pair, which the source's recalls below
        between_pair = pair_phrase is not None and bool(between) and arguments.names_a_pair(
            between[0], self.patterns.pair_nouns)
        if symmetric and between and not between_pair and (
                not any(source.resolved for source in sources) or _convened(token)):
            return _joint_pairs(finder.actors(between[0], on), penalty)
        # "the Australia-Indonesia Defence Agreement": the parties its name gives
        named_parties = finder.parties(trigger.object_token, on) \
            if symmetric and trigger.object_token is not None else []
        if symmetric and sources and not any(source.resolved for source in sources) \
                and pair_phrase is not None:
            # "the two sides agreed": the two states the article last paired, if any
            return _joint_pairs(named_parties or run.pair.recalled(
                finder.unresolved(pair_phrase)), penalty + PENALTIES["implied"])
        if named_parties and arguments.is_passive(token) \
                and not any(source.resolved for source in sources) \
                and any(party.resolved for party in named_parties):
            return _joint_pairs(named_parties, penalty)  # "a German-Polish pact was signed"
        if symmetric and len(sources) > 1 and not any(names_someone(t) for t in targets):
            # "Russia and Ukraine negotiated a deal": the parties, not the deal
            return _joint_pairs(sources, penalty)
        if not targets and pattern is not None and pattern.host_target and sources:
            host = arguments.clause_subject(token)
            if host is not None:
                targets = finder.actors(host, on)
                penalty += PENALTIES["host"]
        if not sources and targets and symmetric and context.last_subject is not None:
            sources = [replace(context.last_subject, basis="implied")]
            penalty += PENALTIES["implied"]
        # a side the sentence leaves unsaid is implied; one it names badly is no side
        if not sources and not _has_own_source(token, source_heads):
            sources = [Actor.unresolved()]
        if not any(names_someone(t) for t in targets):
            own = {source.country for source in sources if source.country is not None}
            owners = [actor for head in target_heads
                      for actor in finder.pronoun_owner(head, on, own)]
            # "concerned by a pact between China and Fiji": the pact's parties
            parties = [actor for head in target_heads
                       for side in arguments.prepositional_objects(head, "between")
                       for actor in finder.actors(side, on)]
            targets = owners or parties or targets
        if named_parties and not any(names_someone(t) for t in targets):
            # "Marles signed the Australia-Indonesia Defence Agreement": its other party
            own = {source.country for source in sources if source.country is not None}
            others = [party for party in named_parties if party.country not in own]
            if len(others) < len(named_parties):
                targets = others
        nearby: list[Actor] = []
        # "amid the G7 summit in Italy": a joint act named by a noun that nobody holds
        # (no light verb: "held meetings in Baghdad") meets no one where it takes place
        unheld = symmetric and token.pos_ in {"NOUN", "PROPN"} and not (
            token.dep_ == "dobj" and token.head.lemma_.lower() in self.patterns.light_verbs)
        # a feeling is about what its phrase names, not about a place beside it
        # ("concerned for the safety of its citizens in Ukraine")
        felt = pattern is not None and pattern.experiencer
        if not any(names_someone(t) for t in targets) and not (
                unheld or felt or (symmetric and len(sources) > 1) or self._addressed(trigger)):
            # "set up a plant at Digha": the named place or party near the trigger is a
            # side too, beside a description ("a plant"), at a lower confidence
            exclude = {t.i for head in source_heads for t in coordinated(head)}
            cooperative = lookup(trigger.code).quad <= 2
            nearby = [actor for actor in finder.nearest_named(token, on, exclude, cooperative)
                      if actor not in targets]
            targets = [*targets, *nearby]
        if not targets and (not target_heads or trigger.code == MEDIATION):
            # what a mediator brokers ("a deal") is no party: its parties are implied
            targets = [Actor.unresolved()]
        pairs = []
        for source in sources:
            for target in targets:
                if same_side(source, target) or not (names_someone(source)
                                                      or names_someone(target)):
                    continue
                if _own_state_beside_another(source, target, targets) or (
                        trigger.code == VISIT and source.country is not None
                        and target.country == source.country):
                    continue  # "the minister travelled back to Moscow" visits no one
                extra = PENALTIES["pronoun"] if "pronoun" in {source.basis, target.basis} else 0.0
                if not (source.resolved and target.resolved):
                    extra += PENALTIES["unresolved"]
                if target in nearby:
                    extra += PENALTIES["nearby"]
                pairs.append((source, target, penalty + extra))
        return pairs

    def _sources(self, token: Token, heads: list[Token], finder: SideFinder,
                 on: date | None, joint: bool = False) -> list[Actor]:
        """Sides of the first source candidate that names someone (nouns have several):
        a resolved actor anywhere wins over an unresolved phrase. In a ``joint`` act
        every party of the phrase counts ("Kuwait and its allies agreed")."""
        for candidate in heads:
            # the event noun's own modifiers: "Sweden-Turkey talks" are both parties'
            actors = ((finder.parties(candidate, on) or finder.resolved(candidate, on))
                      if candidate is token
                      else _unique(actor for head in coordinated(candidate)
                                   for actor in finder.parties(head, on)
                                   or finder.resolved(head, on)))
            if actors and joint and candidate is not token:
                return finder.actors(candidate, on)
            if actors:
                return actors
        for candidate in heads:
            if candidate is token:  # the event noun itself is no side
                continue
            actors = finder.actors(candidate, on)
            if actors:
                return actors
        return []

    @staticmethod
    def _targets(heads: list[Token], finder: SideFinder, on: date | None) -> list[Actor]:
        """Sides of every target head; when one role yields several heads and some
        resolve, the others are parse noise ("to Beijing surprised diplomats")."""
        found = [finder.actors(head, on) for head in heads]
        if any(actor.resolved for actors in found for actor in actors):
            found = [actors for actors in found if any(actor.resolved for actor in actors)]
        return _unique(actor for actors in found for actor in actors)

    def source_heads(self, token: Token, pattern: EventPattern | None = None) -> list[Token]:
        """Heads of the phrases that may name the source, most specific first (a
        noun's "from" phrase when its pattern puts no target there)."""
        if token.pos_ in {"NOUN", "PROPN"}:
            return arguments.noun_source_candidates(
                token, self.patterns.light_verbs,
                from_source=pattern is not None and "from" not in pattern.target,
                joint=pattern is not None and pattern.symmetric,
                undergoing_verbs=self.patterns.undergoing_verbs)
        if pattern is not None and pattern.experiencer:  # "Y is concerned by X": Y
            subject = arguments.experiencer(token)
        else:
            subject = arguments.verb_subject(token) or arguments.passive_place(token)
        return [subject] if subject is not None else []

    def _addressed(self, trigger: Trigger) -> bool:
        """Does a control verb name whom it addresses ("called on the authorities to
        close the embassy")? Then that phrase is the target, named or not: the
        embassy is what the appeal is about, not whom it is made to. Where those sent
        go ("sent experts to Iraq to investigate") is no one addressed."""
        return trigger.control is not None and not (trigger.control.modal
                                                    or trigger.control.purpose) and any(
            addressee.ent_type_ not in NON_ACTOR_ENTITIES  # "on Wednesday" is no one
            for preposition in self.patterns.control_prepositions
            for addressee in arguments.prepositional_objects(trigger.token, preposition))

    def target_heads(self, trigger: Trigger) -> list[Token]:
        """Heads of the phrases naming the target, by the pattern or control verb."""
        token = trigger.token
        embedded = trigger.embedded
        if (trigger.control is not None and embedded is not None and embedded.pattern is not None
                and trigger.control.keeps_code(embedded.code)):  # "ordered troops to attack X"
            return arguments.target_heads(embedded.token, embedded.pattern.target,
                                          embedded.object_token)
        if trigger.control is not None:
            # an event noun as object stands for its owner ("rejected the EU's offer")
            heads = [] if trigger.control.modal else [
                arguments.phrase_head(obj) for obj in arguments.verb_objects(token)]
            if not trigger.control.modal:  # "said to reporters": not whom it asks
                heads += [pobj for prep in self.patterns.control_prepositions
                          for pobj in arguments.prepositional_objects(token, prep)]
            if trigger.control.symmetric:  # "agreed with Cuba to return …": the partner
                heads += arguments.prepositional_objects(token, "with")
            clause = trigger.embedded.token if trigger.embedded is not None else None
            while clause is not None and clause.dep_ == "conj":  # "… and return the base"
                clause = clause.head
            if not heads and clause is not None and clause.dep_ == "ccomp":
                heads = [arguments.phrase_head(subject)  # "demanded that X lift": X
                         for subject in arguments.children(clause, "nsubj")]
            if not heads and trigger.embedded is not None and trigger.pattern is not None:
                heads = arguments.target_heads(trigger.embedded.token, trigger.pattern.target,
                                               trigger.embedded.object_token)
            return heads or _embedded_participants(token)
        if trigger.pattern is not None:
            carrier = token.head if (token.dep_ == "dobj" and token.head.lemma_.lower()
                                     in self.patterns.light_verbs) else None
            heads = arguments.target_heads(token, trigger.pattern.target, trigger.object_token,
                                           carrier)
            if lookup(trigger.code).root == INVESTIGATION_ROOT:  # "a probe into claims that X"
                heads = [arguments.alleged_party(head) for head in heads]
            if not heads and token.pos_ in {"NOUN", "PROPN"}:  # "faced criticism from X"
                heads = [head] if (head := arguments.undergoer(
                    token, self.patterns.undergoing_verbs)) is not None else []
            if not heads:  # "will not end the strike until the government pays"
                heads = [head] if (head := arguments.condition_subject(token)) else []
            return heads
        return []

    def _mention(self, run: ArticleRun, trigger: Trigger, sentence: Span, text: str,
                 sentence_index: int, offset: int, source: Actor, target: Actor, status: str,
                 when: DatePoint, penalty: float) -> EventMention:
        article = run.article
        code = lookup(trigger.code)
        token = trigger.token
        trigger_start = offset + token.idx
        trigger_span = (trigger_start, trigger_start + len(token.text))
        sentence_start = offset + sentence.start_char
        sentence_end = offset + sentence.end_char
        points = [*trigger_span]
        for actor in (source, target):
            if actor.start is not None and sentence_start <= actor.start < sentence_end:
                points += [actor.start, actor.end or actor.start]
        if source.basis == "implied":
            penalty = max(penalty, PENALTIES["implied"])
        return EventMention(
            doc=article.doc,
            doc_id=run.doc_id,
            source=source,
            target=target,
            cameo=code.code,
            goldstein=code.goldstein,
            quad=code.quad,
            plover=code.plover,
            plover_mode=code.plover_mode,
            status=status,
            sentence=text,
            sentence_index=sentence_index,
            span=(min(points), max(points)),
            trigger=token.text,
            trigger_span=trigger_span,
            confidence=max(0.05, BASE_CONFIDENCE - penalty),
            pub_date=article.pub_date,
            event_date=when,
            step=diplomatic_step(token, code.code, trigger.object_token),
            location=locate_event(token, sentence, offset, source, target, run, code.code),
        )


def trigger_status(trigger: Trigger) -> str:
    """Status of a trigger's event; a proposal is coded as proposed whatever its tense."""
    control = trigger.control
    if control is not None and control.status:
        return control.status
    status = event_status(trigger.token)
    pledged = _pledged_status(trigger)
    return pledged if pledged is not None and status in DONE_STATUSES else status


def _pledged_status(trigger: Trigger) -> str | None:
    """The status of an act pledged when the trigger is a pledge coded as that act
    ("agreed to meet": the meeting, planned; dated by the pledge), else None."""
    control = trigger.control
    if control is None or trigger.embedded is None \
            or not control.keeps_code(trigger.embedded.code):
        return None
    return control.kept_status


def _has_particle(verb: Token, word: str) -> bool:
    """"called on X to", "called upon X": the word right after the verb ("called
    X on Wednesday" has an "on" too, and is no appeal)."""
    following = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return following is not None and following.head == verb and following.lower_ == word


def _object_words(token: Token) -> set[str]:
    """What an object constraint is matched against: lemma, word, and the entity
    type as "@PERSON" ("called Putin" is a phone call, "welcomed Putin" a visit)."""
    words = {token.lemma_.lower(), token.lower_}
    if token.ent_type_:
        words.add("@" + token.ent_type_)
    return words


def _with_phrase_heads(objects: list[Token]) -> list[Token]:
    """Objects and the words their phrases are about ("withdrew some of its troops":
    the troops are what was withdrawn)."""
    return objects + [head for obj in objects if (head := arguments.phrase_head(obj)) is not obj]


def _subject_words(verb: Token) -> set[str]:
    """What a subject constraint is matched against: the subject's words and its
    modifiers', also through an "of" ("contingents of peacekeeping troops arrived")."""
    subject = arguments.verb_subject(verb)
    if subject is None:
        return set()
    # "the ministry says it has summoned the ambassador to protest": the ministry's
    subject = arguments.antecedent(subject) or subject
    return {word for head in (subject, *arguments.prepositional_objects(subject, "of"))
            for word in _object_words(head) | _modifier_lemmas(head)}


@dataclass
class PairMemory:
    """The last two states an article coded a meeting or joint act between: whom
    "the two countries" or "both sides" in a later sentence stand for (one state's
    sanctions on another make no pair that later "talks" are between)."""

    last: tuple[Actor, Actor] | None = None

    def note(self, source: Actor, target: Actor) -> None:
        if source.country and target.country and source.country != target.country \
                and not {source.basis, target.basis} & {"implied", "pair"}:
            self.last = (source, target)

    def recalled(self, phrase: Actor | None) -> list[Actor]:
        """The last pair, each side with the words that stand for both here ("the two
        countries", basis "pair"), so the evidence marks them in this sentence."""
        if self.last is None:
            return []
        if phrase is None:
            return [replace(side, basis="implied") for side in self.last]
        return [replace(side, text=phrase.text, start=phrase.start, end=phrase.end, basis="pair")
                for side in self.last]


@dataclass
class ArticleRun:
    """What coding one article carries from sentence to sentence."""

    article: Article
    doc_id: str  # hashed once, not per mention: the text of a long article is large
    context: ArticleContext
    pair: PairMemory = field(default_factory=PairMemory)
    # what the event locator works out once per article (detente.geo.locate), by name
    located: dict[str, Any] = field(default_factory=dict)


def _controlled(verb: Token, control: ControlVerb, embedded: Trigger | None) -> Trigger:
    """The control verb's trigger for one event beneath it (or none)."""
    code = control.code_for(embedded.code if embedded else None)
    return Trigger(verb, code, embedded.pattern if embedded else None,
                   embedded.object_token if embedded else None,
                   control=control, embedded=embedded)


def _convened(token: Token) -> bool:
    """Is the joint act the object of a verb whose subject convenes it between others
    ("hosted talks between X and Y")? Then the subject is no party to it."""
    return token.dep_ == "dobj" and token.head.lemma_.lower() in event_words().convening_verbs


def _pairs_its_sides(trigger: Trigger) -> bool:
    """A meeting or joint act pairs its sides for "the two countries" later on; a
    mediator is no party to the talks it brokers."""
    return (trigger.code[:2] == "04" and trigger.code != MEDIATION) or (
        trigger.pattern is not None and trigger.pattern.symmetric)


def _joint_act_led_up_to(
        trigger: Trigger, pairs: list[tuple[Actor, Actor, float]],
        coded: list[tuple[Trigger, str, DatePoint, list[tuple[Actor, Actor, float]]]]
) -> list[Actor]:
    """The parties of the joint act that talks or a meeting with no two parties of
    their own are set before ("signed the accord after three days of talks"), or none
    (not "a news conference after the summit")."""
    if not (trigger.code[:2] == "04" and trigger.pattern is not None and trigger.pattern.symmetric
            and trigger.token.pos_ in {"NOUN", "PROPN"}
            and not any(source.resolved and target.resolved for source, target, _ in pairs)):
        return []
    act = arguments.led_up_to(trigger.token)
    if act is None:
        return []
    # "agreed to pursue peace as they embraced after a summit": a clause of the act's
    if act.dep_ in {"advcl", "conj"} and act.pos_ in {"VERB", "AUX"}:
        act = act.head
    return _joint_parties([entry for entry in coded
                           if act in {entry[0].token, entry[0].object_token}])


def _joint_parties(coded: list[tuple[Trigger, str, DatePoint, list[tuple[Actor, Actor, float]]]]
                   ) -> list[Actor]:
    """The coded parties of the sentence's joint acts ("Russia and Ukraine swapped
    prisoners"), whom a mediator in the same sentence stands between."""
    return _unique(side for trigger, _, _, pairs in coded
                   if trigger.pattern is not None and trigger.pattern.symmetric
                   for source, target, _ in pairs if source.resolved and target.resolved
                   for side in (source, target))


def _mediated(pairs: list[tuple[Actor, Actor, float]], parties: list[Actor]
              ) -> list[tuple[Actor, Actor, float]]:
    """A mediation whose own target says no one ("a swap brokered by the UAE",
    "US-brokered talks") is between the parties of the joint act beside it."""
    if any(target.resolved for _, target, _ in pairs):
        return pairs
    return [(source, party, penalty) for source in _unique(s for s, _, _ in pairs)
            for penalty in [min(p for s, _, p in pairs if s == source)]
            for party in parties if not same_side(source, party)]


def _one_way(pairs: list[tuple[Actor, Actor, float]]) -> list[tuple[Actor, Actor, float]]:
    """Two parties said to do together what goes one way ("Thailand and Cambodia
    agreed to a ceasefire", 0871): the first named to the other, as a reader lists
    it, not each to each; joint acts (meet, agree, cooperate) keep both."""
    def position(actor: Actor) -> int:
        return actor.start if actor.start is not None else -1
    return [(source, target, penalty) for source, target, penalty in pairs
            if position(source) <= position(target) or not any(
                other_source == target and other_target == source
                for other_source, other_target, _ in pairs)]


def _joint_pairs(parties: list[Actor], penalty: float) -> list[tuple[Actor, Actor, float]]:
    """Every ordered pair of a joint act's parties. Where the parties belong to more
    than one state, the act is between the states: "fire between Pakistani and Afghan
    Taliban forces" pairs Pakistan with Afghanistan, not the Taliban with Afghan
    forces; with one state only ("clashes between the army and the RSF") its sectors
    are the parties."""
    states = {party.country for party in parties if party.country is not None}
    return [(a, b, penalty) for a in parties for b in parties if not same_side(a, b)
            and not (len(states) > 1 and a.country is not None and a.country == b.country)]


def _own_state_beside_another(source: Actor, target: Actor, targets: list[Actor]) -> bool:
    """Is ``target`` the source's own state named bare beside another state's side
    ("Algeria's minister announced the severance of relations between Algeria and
    Morocco": Morocco is the target, Algeria the source's own)?"""
    return (target.sector is None and target.name is None and target.country is not None
            and target.country == source.country
            and any(other.country not in {None, source.country} for other in targets))


def _has_own_source(token: Token, heads: list[Token]) -> bool:
    """Does the sentence name a source at all (an event noun is no source of itself)?"""
    return any(head is not token for head in heads)


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    found: list[Actor] = []
    for actor in actors:
        if actor not in found:
            found.append(actor)
    return found


def _modifier_lemmas(token: Token) -> set[str]:
    """Compound and adjective modifiers of a noun ("air" in "air strikes")."""
    return {word for child in token.children if child.dep_ in MODIFIER_DEPS
            for word in (child.lemma_.lower(), child.lower_)}


def _embedded_participants(control_verb: Token) -> list[Token]:
    """"refused to let inspectors visit": the people the complement is about."""
    for complement in arguments.complements(control_verb):
        objects = arguments.children(complement, "dobj")
        if objects:
            return objects
        for clause in arguments.children(complement, "ccomp", "xcomp"):
            subjects = arguments.children(clause, "nsubj")
            if subjects:
                return subjects
    return []

