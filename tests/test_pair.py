"""Pair mode: the event between two marked phrases, and the PLV evaluation
built on it. The marked sides need not be in the actor dictionary."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.evaluate import parse_marked
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
