"""Where an event's sides stand in the dependency parse.

Plain functions from a trigger token to the head tokens of its source and target
phrases: subjects (through control, coordination, gerunds and relative clauses),
passive agents, objects, prepositional objects, and the arguments of event nouns
("the visit of X to Y", "the visit made by X", "X held talks with Y")."""

from __future__ import annotations

from spacy.tokens import Token

from detente.actors.words import is_person_noun
from detente.events.words import event_words

WORDS = event_words()  # read once at import: the lists are looked up per token

# Steps up from a verb without its own subject to the clause that supplies one.
SUBJECT_CLIMB_DEPS = {"xcomp", "pcomp", "advcl", "conj", "prep", "pobj", "acomp", "ccomp"}
MAX_CLIMB = 6
MAX_ANTECEDENT_CLIMB = 6
# Entity types of a prepositional object that says when, not whom.
WHEN_ENTITIES = {"DATE", "TIME"}
# Modifiers that can name a party of a phrase ("British and EU negotiators").
PARTY_MODIFIER_DEPS = {"amod", "nmod", "compound", "poss"}
# What ends a dateline ("BERLIN -- A court …", "KABUL (Pajhwok): …").
DATELINE_MARKS = {"-", "--", "—", "–", ":", "):"}


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children) \
        or is_participle_of(verb)


def is_participle_of(verb: Token) -> bool:
    """A past participle said of a noun by someone: "talks brokered by Qatar",
    "US-brokered talks", or between some ("a deal signed between Libya and Turkey").
    The noun is what the verb acts on."""
    return verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"} and (
        any(child.dep_ == "agent" for child in verb.children) or bool(hyphen_agent(verb))
        or bool(prepositional_objects(verb, "between")))


def hyphen_agent(verb: Token) -> list[Token]:
    """The name joined to a participle by a hyphen: "US-brokered", "Qatari-mediated"."""
    return [child for child in verb.children
            if child.dep_ in {"npadvmod", "compound", "nmod"} and child.i + 2 == verb.i
            and child.nbor(1).text == "-"]


def children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def prepositional_objects(token: Token, preposition: str) -> list[Token]:
    """Objects of ``preposition`` attached to ``token`` ("talks with X" → X)."""
    return [pobj for prep in token.children
            if prep.dep_ in {"prep", "agent", "dative"} and prep.lower_ == preposition
            for pobj in prep.children if pobj.dep_ == "pobj"]


def phrase_head(token: Token) -> Token:
    """The word a phrase is about: "some of its troops" is about the troops."""
    for _ in range(3):
        if not (token.lower_ in WORDS.quantifiers or token.lemma_.lower() in WORDS.quantifiers
                or token.tag_ == "CD"):
            break
        inner = [pobj for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for pobj in prep.children if pobj.dep_ == "pobj"]
        if not inner:
            break
        token = inner[0]
    return token


def alleged_party(noun: Token) -> Token:
    """Whom an allegation's that-clause names ("claims that two officers took bribes":
    the officers), else the noun itself."""
    if noun.lemma_.lower() not in WORDS.allegation_nouns:
        return noun
    subjects = [subject for clause in noun.children if clause.dep_ in {"acl", "ccomp"}
                and any(mark.dep_ == "mark" and mark.lower_ == "that" for mark in clause.children)
                for subject in clause.children if subject.dep_ in {"nsubj", "nsubjpass"}]
    return phrase_head(subjects[0]) if subjects else noun


def verb_subject(verb: Token) -> Token | None:
    """The head of the phrase doing what ``verb`` says (the agent in a passive)."""
    subject = _verb_subject(verb)
    return phrase_head(subject) if subject is not None else None


def _verb_subject(verb: Token) -> Token | None:
    charged = _party_charged(verb)
    if charged is not None:
        return charged
    token = previous = verb
    via = None
    for _ in range(MAX_CLIMB):
        if is_passive(token):
            agents = prepositional_objects(token, "by") or hyphen_agent(token)
            if agents:
                return agents[0]
            if token is verb:
                return None
        # climbing, a passive subject counts: "Germany is expected to establish"
        subjects = children(token, "nsubj") if token is verb else children(token, "nsubj",
                                                                              "nsubjpass")
        subjects = _without_dateline(subjects)
        if subjects:  # of two (a parse slip), the one next to the verb
            subject = subjects[-1]
            if subject.lower_ in WORDS.relative_pronouns and token.dep_ == "relcl":
                return token.head
            return subject
        if via == "xcomp":
            objects = children(token, "dobj")
            if objects:  # object control: "urged Iran to negotiate"
                return objects[0]
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ == "acl" and any(child.dep_ == "aux" and child.lower_ == "to"
                                       for child in token.children):
            # "its decision to recall": whose decision; "stepped up efforts to
            # pressure Israel": whoever stepped them up
            owners = children(token.head, "poss")
            if owners:
                return owners[0]
            if token.head.dep_ != "dobj":
                return None
            token, via = token.head.head, "acl"
            continue
        if token.dep_ == "acl" and token.tag_ == "VBG":  # "troops fighting the rebels"
            if token.head.dep_ != "dobj":
                return token.head
            # "issued a statement condemning X": whoever issued it
            token, via = token.head.head, "acl"
            continue
        if token.dep_ == "dobj" and via == "prep" and previous.lower_ == "but":
            via, previous, token = "dobj", token, token.head  # "had no choice but to cut ties"
            continue
        if token.dep_ not in SUBJECT_CLIMB_DEPS or token.head == token:
            return None
        via = token.dep_
        previous, token = token, token.head
    return None


# Entity types of a verb's object that is an amount, not someone ("spent $2bn for buying").
AMOUNT_ENTITIES = {"MONEY", "CARDINAL", "QUANTITY", "PERCENT"}


def _party_charged(gerund: Token) -> Token | None:
    """Who does the act of a gerund after "for" or "of" on a verb that blames, thanks
    or punishes someone: that someone, not the verb's subject. "France criticised
    Russia for attacking Ukraine" (Russia attacks), "imposed sanctions on the US for
    selling arms" (the US sells), "Iran was accused of supplying drones" (Iran)."""
    if gerund.tag_ != "VBG" or gerund.dep_ != "pcomp" \
            or gerund.head.lower_ not in WORDS.reason_prepositions or gerund.head.dep_ != "prep":
        return None
    governor = gerund.head.head
    if governor.pos_ != "VERB":
        return None
    if is_passive(governor):
        return next(iter(children(governor, "nsubjpass")), None)
    objects = children(governor, "dobj")
    if not objects or objects[0].ent_type_ in AMOUNT_ENTITIES:
        return None
    on_whom = [pobj for preposition in ("on", "against") for token in (objects[0], governor)
               for pobj in prepositional_objects(token, preposition)]
    return on_whom[0] if on_whom else objects[0]


def _without_dateline(subjects: list[Token]) -> list[Token]:
    """Subjects less a dateline the parser took for one: "BERLIN -- A court in
    Bavaria convicted …" has the court as its subject, not Berlin; "SEOUL, June 15
    (Reuters) - President Kim visited …", parsed as one phrase, has Kim."""
    if not subjects or not subjects[0].left_edge.is_sent_start:
        return subjects
    first = subjects[0]
    if len(subjects) > 1:  # "ALGIERS, Algeria - Police", "WASHINGTON (AP) — Trump"
        between = first.doc[first.i + 1:subjects[1].i]
        return subjects[1:] if any(t.text in DATELINE_MARKS or t.text == ")"
                                   for t in between) else subjects
    marks = [t.i for t in first.subtree if t.i > first.i and _is_dateline_mark(t)]
    if not marks:
        return subjects
    # the phrase after the last mark, by the word of it that hangs on the dateline
    after = [t for t in first.doc[marks[-1] + 1:first.right_edge.i + 1]
             if t.head.i <= marks[-1] and t.pos_ in {"NOUN", "PROPN"}]
    return after[:1] or subjects


def _is_dateline_mark(token: Token) -> bool:
    """A dash standing free ("SEOUL - President …"), not one inside "al-Razza"."""
    return token.text in DATELINE_MARKS and (token.text.endswith(":")
                                             or bool(token.nbor(-1).whitespace_))


def clause_subject(token: Token) -> Token | None:
    """The subject of the nearest clause above ``token`` (for host-side visits)."""
    current = token
    for _ in range(MAX_CLIMB + 2):
        if current.head == current:
            break
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            subject = verb_subject(current)
            if subject is not None:
                return subject
    return None


def complements(verb: Token) -> list[Token]:
    """Infinitive complements: "agreed to meet", also when parsed as a purpose
    clause ("called on X to readmit")."""
    found = children(verb, "xcomp")
    found += [clause for clause in children(verb, "advcl")
              if any(aux.dep_ == "aux" and aux.lower_ == "to" for aux in clause.children)]
    return found


def verb_objects(verb: Token) -> list[Token]:
    """Direct objects, or the subject of a passive ("relations were sealed"), or
    the subject of an adjective small clause ("found the minister guilty")."""
    if is_participle_of(verb):
        return [verb.head]
    if is_passive(verb):
        # "the pact is expected to be signed": the raising verb holds the subject
        return children(verb, "nsubjpass") or (
            children(verb.head, "nsubjpass", "nsubj") if verb.dep_ == "xcomp" else [])
    objects = children(verb, "dobj")
    if not objects:
        objects = [subject for predicate in predicate_adjectives(verb)
                   for subject in children(predicate, "nsubj")]
    return objects


def infinitive_subjects(verb: Token) -> list[Token]:
    """"welcomed Putin to mediate", "convicted the bank to pay": the parser may hang
    the verb's object on the to-clause after it, as that clause's subject. Whom the
    act is aimed at, not what it is: "welcomed Putin" alone would be a visit."""
    return [subject for clause in children(verb, "ccomp")
            if any(aux.dep_ == "aux" and aux.lower_ == "to" for aux in clause.children)
            for subject in children(clause, "nsubj")]


def predicate_adjectives(verb: Token) -> list[Token]:
    """Adjectives said of the verb's object or subject ("found X guilty", "was found
    liable", "set X free" also when parsed as "set free X")."""
    return [child for child in verb.children
            if child.dep_ in {"ccomp", "xcomp", "oprd", "acomp", "advmod"} and child.pos_ == "ADJ"]


def verdict_nouns(verb: Token) -> list[Token]:
    """Nouns said of the verb's object as a verdict: "called the accord a provocation",
    "branded the launch an act of aggression" (the parser's second object; an "act
    of" names its kind)."""
    objects = children(verb, "dobj")
    nouns = [child for child in verb.children if child.dep_ == "oprd" and child.pos_ == "NOUN"]
    nouns += [child for child in objects[1:] if child.pos_ == "NOUN"]
    nouns += [child for obj in objects[:1] for child in obj.children  # parsed onto the object
              if child.dep_ in {"appos", "dobj"} and child.pos_ == "NOUN"]
    return nouns + [kind for noun in nouns if noun.lemma_.lower() == "act"
                    for kind in prepositional_objects(noun, "of")]


def experiencer(verb: Token) -> Token | None:
    """Who feels what a verb of feeling says: "Y is concerned by X" (the passive's
    subject), "X's move angered Y" (the object), "Y worries about X" (the subject of
    a verb with no object)."""
    if is_passive(verb):
        found = children(verb, "nsubjpass")
        return phrase_head(found[0]) if found else None
    objects = verb_objects(verb)
    return phrase_head(objects[0]) if objects else verb_subject(verb)


def clause_verdicts(verb: Token) -> list[Token]:
    """What a reported clause calls its subject, affirmed: "said the junta was
    illegitimate and out of control", "stressed that the blockade is a violation" (a
    copula's adjective or noun, and those conjoined to it)."""
    said = [complement for clause in children(verb, "ccomp")
            if clause.lemma_.lower() == "be" and children(clause, "nsubj")
            and not children(clause, "neg")
            for complement in children(clause, "acomp", "attr")]
    return said + [other for word in said for other in children(word, "conj")]


def that_clauses(verb: Token) -> list[Token]:
    """Mandative complement clauses with their own subject: "demanded that X lift
    the embargo", "urged that X should withdraw" (a bare or "should" verb; "insists
    that it is enforcing" states a fact and is not one)."""
    return [clause for clause in children(verb, "ccomp")
            if any(child.dep_ == "nsubj" for child in clause.children)
            and _is_mandative(clause)]


def modal_clauses(verb: Token) -> list[Token]:
    """Complement clauses saying what someone must or should do: "said (that) Qatar
    must mediate", "stressed that Iran should return to talks"."""
    return [clause for clause in children(verb, "ccomp")
            if any(child.dep_ == "nsubj" for child in clause.children)
            and any(child.dep_ == "aux" and child.lower_ in WORDS.mandative_auxiliaries
                    for child in clause.children)]


def _is_mandative(clause: Token) -> bool:
    auxiliaries = [child.lower_ for child in clause.children if child.dep_ == "aux"]
    if auxiliaries:
        return all(aux in WORDS.mandative_auxiliaries for aux in auxiliaries)
    return clause.tag_ in {"VB", "VBP"}  # a plural subject makes "lift" read as present


def noun_source_candidates(noun: Token, light_verbs: frozenset[str],
                           from_source: bool = False, joint: bool = False,
                           undergoing_verbs: frozenset[str] = frozenset()) -> list[Token]:
    """Phrases that may name who performs an event noun, most specific first.

    An owner pronoun ("expressed its condemnation of X") points back to the
    clause's subject, and the "of" phrase is then what the act is about.
    ``from_source``: a "from" phrase names the actor too ("criticism from the UN").
    ``joint``: a joint act the clause happened in has the clause's subject among its
    parties ("sealed the deal in a phone call with X", "during talks with X").
    ``undergoing_verbs``: the "from" phrase of such a verb governing the noun is the
    noun's too, where the parser hangs it on the verb ("received a call from X")."""
    found = [noun]  # its own modifiers: "Putin's visit", "US sanctions"
    first = noun  # "expressed its rejection and condemnation of X": the first conjunct's
    while first.dep_ == "conj" and first.head.pos_ in {"NOUN", "PROPN"}:
        first = first.head
    while (first.dep_ == "pobj" and first.head.lower_ == "of"  # "imposed a package of
           and first.head.head.lemma_.lower() in WORDS.quantifiers):  # sanctions on X"
        first = first.head.head
    owned = any(child.dep_ == "poss" and child.pos_ == "PRON"
                for holder in {noun, first} for child in holder.children)
    agents = prepositional_objects(noun, "by")
    if not owned:
        agents = prepositional_objects(noun, "of") + agents
    found += [phrase_head(head) for head in agents]
    # a "from" phrase yields to a light verb's subject: "X launched attacks from Y"
    # and "X imposed tariffs on cars from Y" are X's acts
    senders = [phrase_head(head) for head in prepositional_objects(noun, "from")
               ] if from_source else []
    if from_source and not senders and noun.dep_ == "dobj" \
            and noun.head.lemma_.lower() in undergoing_verbs:
        senders = [phrase_head(head) for head in prepositional_objects(noun.head, "from")]
    for participle in children(noun, "acl"):  # "the visit made by X"
        found += [phrase_head(head) for head in prepositional_objects(participle, "by")]
    noun, verb = first, first.head
    if state_verb(noun) is not None:
        noun, verb = verb, verb.head  # "went on strike", "remained on alert"
    if (noun.dep_ == "pobj" and verb.lower_ in {"in", "into"}
            and verb.head.lemma_.lower() in WORDS.engaging_verbs):
        engaged = [phrase_head(subject) for subject in children(verb.head, "nsubjpass",
                                                                 "nsubj")]
        return found + engaged + senders  # "U.S. and North Korean negotiators were locked in talks"
    if (joint and not owned and noun.dep_ == "pobj" and verb.lower_ in WORDS.joint_settings
            and verb.head.pos_ in {"VERB", "AUX"} and verb.dep_ == "prep"):
        subject = verb_subject(verb.head)
        return found + ([subject] if subject is not None else []) + senders
    if (noun.dep_ in {"dobj", "nsubjpass", "prep"} and verb.pos_ in {"VERB", "AUX"}
            and (verb.lemma_.lower() in light_verbs or noun.dep_ == "prep" or owned)):
        subject = verb_subject(verb)  # "X held talks", not "X condemned the attack"
        if subject is not None:
            found.append(subject)
    return found + senders


def led_up_to(noun: Token) -> Token | None:
    """The word an event noun is set before, or None: "reached a deal after months of
    negotiations" (reached), "an exchange following talks" (exchange). Talks that led
    to a joint act were its parties' own."""
    head = noun
    while (head.dep_ == "pobj" and head.head.lower_ == "of"  # "months of talks"
           and (head.head.head.ent_type_ == "DATE"
                or head.head.head.lemma_.lower() in WORDS.quantifiers)):
        head = head.head.head
    mark = head.head
    if mark.lower_ in WORDS.lead_up_marks and (
            head.dep_ == "pobj" or (head.dep_ == "dobj" and mark.tag_ == "VBG")):
        return mark.head
    return None


def state_verb(noun: Token) -> Token | None:
    """The verb that puts its subject "on" an event noun ("went on strike", "remained
    on alert"), which holds the noun's other phrases too ("on alert in Kosovo")."""
    on = noun.head
    if noun.dep_ == "pobj" and on.lower_ == "on" and on.head.lemma_.lower() in WORDS.state_verbs:
        return on.head
    return None


def condition_subject(trigger: Token) -> Token | None:
    """Whose act an event waits for: "will not end the strike until the government
    provides resources" is aimed at the government."""
    token = trigger
    for _ in range(3):
        for clause in children(token, "advcl"):
            if any(child.dep_ == "mark" and child.lower_ in WORDS.condition_marks
                   for child in clause.children):
                subject = verb_subject(clause)
                if subject is not None and subject.pos_ != "PRON":
                    return subject
        if token.dep_ not in {"xcomp", "ccomp", "conj", "dobj"} or token.head == token:
            return None
        token = token.head
    return None


def undergoer(noun: Token, verbs: frozenset[str]) -> Token | None:
    """Who an event noun befalls when a verb of undergoing governs it: "Japan faced
    criticism from China", "the plan came under attack", "Cuba received aid"."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "under":  # "came under fire"
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in verbs:
        return None
    return verb_subject(verb)


def coordinated_modifiers(head: Token) -> list[Token]:
    """Modifiers of one noun joined by "and", each naming a party: "British and EU
    negotiators" → British, EU; "Pakistan and Afghanistan's services" → both."""
    for child in head.children:
        if child.dep_ in PARTY_MODIFIER_DEPS and any(
                grand.dep_ == "cc" and grand.lower_ == "and" for grand in child.children):
            parties = [child, *(t for t in child.subtree if t.dep_ == "conj")]
            if len(parties) == 1:  # "UK and EU negotiators": the second is a sibling
                parties += [sibling for sibling in head.children if sibling.i > child.i
                            and sibling.dep_ in PARTY_MODIFIER_DEPS][:1]
            return parties
    return hyphenated_pair(head)


HYPHENED_DEPS = {"compound", "amod"}  # "US-China talks", "Russian-Belarusian drills"
HYPHENED_TAGS = {"PROPN", "ADJ"}


def hyphenated_pair(head: Token) -> list[Token]:
    """Two names joined by a hyphen before a noun: "Sweden-Turkey talks", "the
    US-China summit", "joint Russian-Belarusian drills" (a name with a hyphen of its
    own is told apart by the caller; a title with one, "Secretary-General", is one
    title)."""
    doc = head.doc
    for second in head.children:
        if second.dep_ not in HYPHENED_DEPS or second.pos_ not in HYPHENED_TAGS or second.i < 2:
            continue
        first, dash = doc[second.i - 2], doc[second.i - 1]
        if (first.pos_ in HYPHENED_TAGS and first.head in {second, head} and dash.text in {"-", "–"}
                and not first.whitespace_ and not dash.whitespace_
                and not (is_person_noun(first) or is_person_noun(second))):  # "Secretary-General"
            return [first, second]
    return []


def names_a_pair(token: Token, pair_nouns: frozenset[str]) -> bool:
    """A plural phrase that names both parties at once: "the two Koreas", "both sides",
    or a bare "the leaders" (a noun of ``pair_nouns`` with nothing but "the": "the
    Chinese leaders" or "the leaders of the G7" are somebody else)."""
    if token.tag_ not in {"NNS", "NNPS"}:
        return False
    if any((child.dep_ == "nummod" and child.lower_ in {"two", "2"})
           or (child.dep_ in {"det", "predet"} and child.lower_ == "both")
           for child in token.children):
        return True
    return (token.lemma_.lower() in pair_nouns
            and [child.lower_ for child in token.children if child.dep_ != "punct"] == ["the"])


def passive_place(verb: Token) -> Token | None:
    """The country where an agentless passive happened, which stands for its agent:
    "was arrested in Rwanda", "were released from captivity in Libya"."""
    if not is_passive(verb) or prepositional_objects(verb, "by"):
        return None
    holders = [verb, *(pobj for prep in children(verb, "prep") for pobj in children(prep, "pobj"))]
    for holder in holders:
        for place in prepositional_objects(holder, "in"):
            if place.ent_type_ == "GPE":
                return place
    return None


def target_heads(trigger: Token, roles: tuple[str, ...], object_token: Token | None,
                 carrier: Token | None = None) -> list[Token]:
    """Heads of the target phrase, trying each role in the pattern's order; a
    ``carrier`` (the light verb of an event noun) may hold the preposition too:
    "opened investigations on Tuesday against the banks"."""
    return [summed_up_act(head) or head for head in map(
        phrase_head, _target_heads(trigger, roles, object_token, carrier))]


def summed_up_act(noun: Token) -> Token | None:
    """Who did the act a noun beside a clause sums up: "Russia annexed Crimea, a move
    condemned by Germany", "…, a move that angered Germany" (the move is Russia's);
    None for any other phrase, or one with an owner of its own ("Iran's decision")."""
    if noun.lower_ in WORDS.relative_pronouns and noun.head.dep_ == "relcl":
        noun = noun.head.head
    if not sums_up_an_act(noun) or children(noun, "poss"):
        return None
    return clause_subject(noun)


def sums_up_an_act(noun: Token) -> bool:
    """Is the noun set beside a clause to sum up its act ("…, a move condemned by
    Germany")?"""
    return noun.lemma_.lower() in WORDS.summary_nouns and noun.dep_ in {"appos", "npadvmod"}


def _target_heads(trigger: Token, roles: tuple[str, ...], object_token: Token | None,
                  carrier: Token | None) -> list[Token]:
    holders = [trigger]
    if object_token is not None:
        holders.append(object_token)
    holders += children(trigger, "acl")
    if carrier is not None:
        holders.append(carrier)
    if trigger.pos_ in {"NOUN", "PROPN"}:  # "the visit of X to Y" parsed as "X to Y"
        holders += prepositional_objects(trigger, "of")
    else:  # "returned 12 skulls that date back to 640 to Peru": the parser hung the
        holders += [clause for thing in verb_objects(trigger)  # recipient on the
                    for clause in children(thing, "relcl", "acl")  # object's clause,
                    if not is_passive(clause)  # unless that clause's verb has a goal of
                    and clause.lemma_.lower() not in WORDS.goal_verbs]  # its own ("sent to")
    for role in roles:
        if role == "obj":
            if object_token is not None:  # "expelled Russian diplomats": theirs
                return [object_token]
            if trigger.pos_ in {"VERB", "AUX"}:
                objects = verb_objects(trigger) or infinitive_subjects(trigger)
                if objects:
                    return objects
            continue
        if role == "clause":
            subjects = [subject for clause in children(trigger, "ccomp")
                        for subject in children(clause, "nsubj")]
            if subjects:
                return subjects
            continue
        if role == "subj":  # "X's move angered Y": what caused the feeling
            if not is_passive(trigger) and verb_objects(trigger):
                return children(trigger, "nsubj")
            continue
        if role == "dative":
            datives = [d for d in children(trigger, "dative") if d.pos_ != "ADP"]
            if datives:
                return datives
            continue
        for holder in holders:
            found = [head for head in prepositional_objects(holder, role)
                     if head.ent_type_ not in WHEN_ENTITIES]  # "launched … on Sunday"
            found = found or _clause_subjects(holder, role) or _gerund_objects(holder, role)
            if found:
                return found
    return []


def _gerund_objects(token: Token, preposition: str) -> list[Token]:
    """What a gerund after "for" acts on: "support for rebuilding Ukraine" (a gerund
    after "to" is what is promised: "committed to opening the economy")."""
    if preposition != "for":
        return []
    return [thing for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == preposition
            for clause in children(prep, "pcomp") if clause.tag_ == "VBG"
            and not children(clause, "nsubj", "nsubjpass")
            for thing in children(clause, "dobj")]


def _clause_subjects(token: Token, preposition: str) -> list[Token]:
    """Subjects of a clause after a preposition: "an inquiry into whether X was spied
    on", "allocated $4.5 billion for Ukraine to recover" (the parser makes that "for"
    the clause's mark)."""
    after_preposition = [subject for prep in token.children
                         if prep.dep_ == "prep" and prep.lower_ == preposition
                         for clause in children(prep, "pcomp")
                         for subject in children(clause, "nsubj", "nsubjpass")]
    marked = [subject for clause in children(token, "advcl", "xcomp", "ccomp")
              if any(mark.lower_ == preposition for mark in children(clause, "mark"))
              for subject in children(clause, "nsubj")]
    return after_preposition + marked


def antecedent(pronoun: Token) -> Token | None:
    """The phrase a personal pronoun stands for, without a coreference model: the
    subject of the nearest clause governing the pronoun's own clause, when it comes
    before the pronoun ("Iran said it would attack": Iran)."""
    if pronoun.pos_ != "PRON" or pronoun.lower_ not in WORDS.side_pronouns:
        return None
    clause = pronoun.head
    for _ in range(MAX_ANTECEDENT_CLIMB):
        if clause.head == clause:
            return None
        clause = clause.head
        if clause.pos_ not in {"VERB", "AUX"}:
            continue
        subject = verb_subject(clause) or next(iter(children(clause, "nsubjpass")), None)
        if subject is not None and subject.i < pronoun.i and subject.pos_ != "PRON":
            return subject  # "Ajak was released after Kiir pardoned him": Ajak
    return None
