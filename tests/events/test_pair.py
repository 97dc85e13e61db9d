"""Pair mode: the event between two marked phrases, and the PLV evaluation
built on it. The marked sides need not be in the actor dictionary."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.evaluation.plv import parse_marked
from detente.events.pair import PairCoder, plv_label


@pytest.fixture(scope="module")
def pair_coder(pipeline):
    return PairCoder(pipeline.nlp, pipeline.coder)


def code(pair_coder, marked: str):
    sentence, spans = parse_marked(marked)
    return pair_coder.code(sentence, spans.get("s"), spans.get("t"))


def test_marked_sentences_give_plain_text_and_spans():
    sentence, spans = parse_marked("<s>Ukraine</s> accuses <t>Russia</t> of shelling.")
    assert sentence == "Ukraine accuses Russia of shelling."
    assert sentence[slice(*spans["s"])] == "Ukraine" and sentence[slice(*spans["t"])] == "Russia"


@pytest.mark.parametrize(("marked", "label"), [
    ("<s>Ukraine</s> accused <t>Russia</t> of shelling the port.", "ACCUSE"),
    ("<s>The rebels</s> attacked <t>an army convoy</t> near the border.", "ASSAULT"),
    ("<s>The mayor</s> met <t>the striking workers</t> on Monday.", "CONSULT"),
    ("<s>The ministry</s> rejected <t>the union</t>'s demands.", "REJECT"),
    ("<s>Japan</s> will send food aid to <t>Nepal</t> next month.", "AGREE"),
    ("<s>The council</s> imposed sanctions on <t>the company</t>.", "COERCE"),
    ("<s>Bahrain</s> cut diplomatic ties with <t>Qatar</t> in June.", "SANCTION"),
])
def test_event_between_marked_sides(pair_coder, marked, label):
    event = code(pair_coder, marked)
    assert event is not None and event.label == label


def test_the_event_linking_the_marked_sides_wins(pair_coder):
    marked = ("<s>Kenya</s> condemned the attack and later sent aid to <t>Somalia</t>.")
    event = code(pair_coder, marked)
    assert event.label == "AID" and event.trigger == "sent" and event.matched_sides == 2


def test_plv_labels_fold_plover_types():
    assert plv_label("0841") == "YIELD"  # RETREAT
    assert plv_label("081") == "YIELD"  # CONCEDE
    assert plv_label("190") == "ASSAULT"
    assert plv_label("010") is None  # statements are not PLOVER events
    assert plv_label("042", "planned") == "AGREE"
    assert plv_label("190", "planned") == "THREATEN"


def test_eval_plv_reports_and_writes_predictions(tmp_path):
    data = tmp_path / "plv.tsv"
    rows = [("<s>Ukraine</s> accused <t>Russia</t> of shelling the port.", "ACCUSE", "3"),
            ("<s>The rebels</s> attacked <t>an army convoy</t>.", "ASSAULT", "4"),
            ("<s>The weather</s> was fine in <t>Paris</t>.", "CONSULT", "1")]
    data.write_text("\tsentence_id\tmarked_sentence\tgold_root\tgold_penta\n" + "".join(
        f"{i}\t{i}\t{marked}\t{root}\t{penta}\n" for i, (marked, root, penta) in enumerate(rows)))
    out = tmp_path / "predictions.tsv"
    result = CliRunner().invoke(app, ["eval", "plv", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "root accuracy" in result.stdout and "0.667" in result.stdout
    assert out.read_text().splitlines() == ["0\tACCUSE", "1\tASSAULT", "2\tNONE"]


def test_a_pronoun_side_stands_for_the_subject_of_the_governing_clause(pair_coder):
    # "it" is the subject of "attack"; its antecedent is the subject of "said"
    event = code(pair_coder, "<s>Iran</s> said it would attack <t>the tanker</t>.")
    assert event.trigger == "attack" and event.matched_sides == 2
    assert event.label == "THREATEN"


def test_a_quantity_of_something_is_that_something(pair_coder):
    # "some of its troops": what was withdrawn is troops, so this is a retreat
    event = code(pair_coder, "<s>Russia</s> withdrew some of its troops from <t>Syria</t>.")
    assert event.label == "YIELD" and event.cameo == "0874"


@pytest.mark.parametrize(("marked", "cameo"), [
    ("<s>The prisoners</s> began a hunger strike against <t>the ministry</t>.", "142"),
    ("<s>The dockers</s> staged a strike against <t>the port authority</t>.", "143"),
    ("<s>Israel</s> launched air strikes on <t>Syria</t>.", "195"),
])
def test_a_modifier_can_change_what_a_noun_states(pair_coder, marked, cameo):
    event = code(pair_coder, marked)
    assert event is not None and event.cameo == cameo


def test_return_is_a_handover_only_with_an_object(pair_coder):
    event = code(pair_coder, "<s>Italy</s> returned the stolen statues to <t>Greece</t>.")
    assert event is not None and event.label == "YIELD"
    assert code(pair_coder, "<s>The senator</s> returned to <t>Seoul</t> on Friday.") is None


def test_found_guilty_is_a_conviction_of_the_object(pair_coder):
    event = code(pair_coder, "<s>The court</s> found <t>the former minister</t> guilty of fraud.")
    assert event is not None and event.cameo == "116" and event.matched_sides == 2


@pytest.mark.parametrize(("cameo", "status", "label"), [
    ("191", "occurred", "ASSAULT"),  # the PLV set's FIGHT is all of root 19
    ("0874", "conditional", "AGREE"),  # "will withdraw if": an offer
    ("090", "planned", "ACCUSE"),  # an investigation to come is still one
])
def test_plv_labels_of_blockades_conditions_and_investigations(cameo, status, label):
    assert plv_label(cameo, status) == label


@pytest.mark.parametrize(("marked", "label"), [
    # a call made to do something is that thing; a bare call is a consultation
    ("<s>The Kenyan president</s> called <t>his Ghanaian counterpart</t> on Monday to "
     "congratulate him on his re-election.", "SUPPORT"),
    ("<s>Chancellor Scholz</s> phoned <t>President Macron</t> to praise the French plan.",
     "SUPPORT"),
    ("<s>The Japanese foreign minister</s> called <t>Wang Yi</t> on Friday to discuss the "
     "fishing dispute.", "CONSULT"),
    ("<s>The prime minister</s> called <t>Angela Merkel</t> on Tuesday.", "CONSULT"),
    # welcoming a decision is praise, welcoming a person is hosting
    ("<s>Norway</s> welcomed <t>the Colombian government</t>'s decision to resume talks.",
     "SUPPORT"),
    ("<s>President Ramaphosa</s> welcomed <t>the Chinese premier</t> at the airport.", "CONSULT"),
    ("<s>The emir</s> received <t>a delegation from Oman</t> on Sunday.", "CONSULT"),
    # peacekeepers and observers sent abroad are aid (CAMEO 074)
    ("<s>Ghana</s> deployed 300 peacekeeping troops to <t>Mali</t> last year.", "AID"),
    ("<s>The OSCE</s> has sent election observers to <t>Georgia</t>.", "AID"),
    ("<s>Bangladesh</s> contributes troops to peacekeeping operations in <t>South Sudan</t>.",
     "AID"),
    # ending mediation reduces relations (CAMEO 165)
    ("<s>The African Union</s> ended its mediation efforts in <t>the Sudanese conflict</t>.",
     "SANCTION"),
    # calling for punitive steps against someone disapproves of them; other calls appeal
    ("<s>Lithuania</s> called for sanctions against <t>Belarus</t> after the border incident.",
     "ACCUSE"),
    ("<s>Rights groups</s> called for an investigation into <t>the police</t> after the "
     "shooting.", "ACCUSE"),
    ("<s>The bishops</s> called for calm in <t>the capital</t>.", "REQUEST"),
    ("<s>The UN</s> called on <t>both sides</t> to return to talks.", "REQUEST"),
])
def test_calls_welcomes_peacekeepers_and_mediation(pair_coder, marked, label):
    event = code(pair_coder, marked)
    assert event is not None and event.label == label, event


@pytest.mark.parametrize(("marked", "cameo"), [
    ("<s>The junta</s> set free <t>two opposition leaders</t> on Sunday.", "0841"),
    ("<s>Prosecutors in Seoul</s> dropped the investigation into <t>the former minister</t>.",
     "080"),
    ("<s>The government</s> granted <t>the striking miners</t> a pay rise.", "080"),
    # a decision is the act itself, not a promise of it
    ("<s>Bolivia</s> has decided to lift its ban on imports from <t>Chile</t>.", "081"),
])
def test_releases_dropped_cases_grants_and_decisions_yield(pair_coder, marked, cameo):
    event = code(pair_coder, marked)
    assert event is not None and (event.cameo, event.label) == (cameo, "YIELD"), event


@pytest.mark.parametrize(("marked", "label"), [
    # an act done to another event is the event between the sides, not the event it
    # acts on: the restrictions are eased, the order revoked, the offer spurned
    ("<s>Washington</s> eased restrictions on humanitarian assistance to <t>Cuba</t>.", "YIELD"),
    ("<s>The tribunal</s> revoked its order on the detention of <t>the opposition leader</t>.",
     "YIELD"),
    ("<s>The rebels</s> spurned fresh offers of negotiations from <t>the junta</t>.", "REJECT"),
    ("<s>The court</s> rejected appeals against the eviction of <t>the farmers</t>.", "REJECT"),
])
def test_an_act_on_another_event_wins_over_the_event_it_acts_on(pair_coder, marked, label):
    event = code(pair_coder, marked)
    assert event is not None and event.label == label, event
