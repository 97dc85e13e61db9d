"""What the coder emits on real news, by default: only events with both sides coded,
trigger senses checked against their arguments, and sides that are actors.

Each case stands for an error pattern seen on real pages (the dev split of
``detente eval news``), written here in new words."""

from __future__ import annotations

from detente.pipeline import extract_text


def coded(pipeline, text: str, pub_date: str = "2023-06-19") -> set[tuple[str, str, str]]:
    return {(e.source.side, e.cameo, e.target.side)
            for e in extract_text(text, pub_date=pub_date, pipeline=pipeline)}


def test_an_event_with_a_side_nobody_coded_is_not_emitted(pipeline, partial_pipeline):
    text = "Police arrested Arkady Velnov on Friday."  # whose police: the text does not say
    assert coded(pipeline, text) == set()
    assert [e.cameo for e in extract_text(text, pipeline=partial_pipeline)] == ["173"]


def test_every_emitted_event_has_both_sides_coded(pipeline):
    text = ("The Hyundai group signed a deal with North Korea. Greenpeace said it would sue "
            "Shell. Japan will send aid to North Korea.")
    events = extract_text(text, pub_date="2000-10-23", pipeline=pipeline)
    assert events and all(e.source.code and e.target.code for e in events)


def test_a_summit_held_in_a_country_is_no_meeting_with_it(pipeline):
    assert coded(pipeline, "Russian warships docked in Havana during the G7 summit in Italy.") \
        == set()


def test_protesting_a_thing_is_objecting_to_it(pipeline):
    # summoning the envoy is disapproval of its state; the protest is criticism
    assert coded(pipeline, "Iraq summoned the Turkish ambassador to protest Turkish airstrikes.") \
        == {("IRQ", "110", "TUR"), ("IRQ", "111", "TUR")}


def test_expelling_diplomats_and_expelling_people(pipeline):
    assert coded(pipeline, "Burundi decided to expel Rwandan citizens.") == {("BDI", "174", "RWA")}
    assert coded(pipeline, "Peru expelled Mexican diplomats.") == {("PER", "161", "MEX")}


def test_the_nation_of_a_state_is_that_state(pipeline):
    assert coded(pipeline, "The small African nation of Burundi closed its border with Rwanda.") \
        == {("BDI", "163", "RWA")}
    assert coded(pipeline, "Australia's foreign minister will travel to the Pacific island of "
                           "Tonga.") == {("AUS", "042", "TON")}


def test_who_decided_on_an_act_does_it(pipeline):
    assert coded(pipeline, "Pakistan announced its decision to recall its ambassador from Iran.") \
        == {("PAK", "161", "IRN")}
    assert coded(pipeline, "Jordan stepped up efforts to pressure Israel to end the war.") \
        == {("JOR", "100", "ISR")}


def test_an_act_that_might_do_something_is_a_possibility_not_a_plan(pipeline):
    [event] = extract_text("A U.S. military strike on Iran's nuclear facilities might set back "
                           "its programme.", pub_date="2012-01-10", pipeline=pipeline)
    assert (event.root, event.target.side, event.status) == ("19", "IRN", "hypothetical")


def test_a_weekday_in_a_plan_said_on_that_weekday_is_that_day(pipeline):
    [event] = extract_text("Blinken will meet Xi Jinping on Monday.", pub_date="2023-06-19",
                           pipeline=pipeline)  # a Monday
    assert (event.status, event.event_date.value) == ("planned", "2023-06-19")


def test_a_hyphenated_pair_before_a_joint_act_is_both_parties(pipeline):
    assert {("SWE", "046", "TUR"), ("TUR", "046", "SWE")} <= coded(
        pipeline, "Sweden-Turkey talks have made little progress.")
    # a name with a hyphen of its own is one party
    assert coded(pipeline, "Guinea-Bissau talks with Senegal resumed.") == {("GNB", "046", "SEN")}


def test_declaring_a_diplomat_persona_non_grata_reduces_relations(pipeline):
    assert coded(pipeline, "Peru declared Mexico's ambassador to Lima persona non grata and "
                           "ordered him to leave.") == {("PER", "161", "MEX")}


def test_a_bid_to_join_is_backed_or_blocked_by_its_owner(pipeline):
    assert coded(pipeline, "Hungary's parliament ratified Sweden's accession to the alliance.") \
        == {("HUN", "051", "SWE")}
    assert coded(pipeline, "Turkey is still blocking Sweden's bid to join NATO.") \
        == {("TUR", "120", "SWE")}


def test_regretting_another_state_s_decision_is_criticism(pipeline):
    assert coded(pipeline, "Kenya said it regretted Uganda's unilateral decision.") \
        == {("KEN", "111", "UGA")}


def test_fire_exchanged_between_two_states_forces_pairs_the_states(pipeline):
    assert coded(pipeline, "An exchange of fire between Indian and Pakistani Taliban fighters "
                           "killed two soldiers.") == {("IND", "190", "PAK"), ("PAK", "190", "IND")}
    # one state's forces fighting each other stay a domestic pair
    assert coded(pipeline, "Clashes between the Sudanese army and Sudanese police continued.") \
        == {("SDN", "190", "SDN")}


def test_warships_entering_a_state_s_waters_show_force(pipeline):
    assert coded(pipeline, "Two Russian warships entered Norway's territorial waters.") \
        == {("RUS", "150", "NOR")}
    assert coded(pipeline, "Fishermen entered Norwegian waters.") == set()


def test_the_two_sides_are_the_two_states_last_paired(pipeline):
    text = "China and Bhutan held boundary talks in Beijing. Both sides agreed to meet again."
    assert coded(pipeline, text) == {("CHN", "046", "BTN"), ("BTN", "046", "CHN"),
                                     ("CHN", "040", "BTN"), ("BTN", "040", "CHN")}
    # the words that stand for the pair are each side's evidence in this sentence
    [agreed, *_] = [e for e in extract_text(text, pipeline=pipeline) if e.cameo == "040"]
    assert (agreed.source.basis, text[agreed.source.start:agreed.source.end]) == ("pair", "sides")
    # with no pair before them, "the two sides" name nobody
    assert coded(pipeline, "Both sides agreed to meet again.") == set()


def test_the_one_a_gerund_is_about_owns_the_thing(pipeline):
    assert coded(pipeline, "Turkey is still blocking the approval of Sweden joining NATO.") \
        == {("TUR", "120", "SWE")}


def test_sending_a_foreign_envoy_home_reduces_relations(pipeline):
    assert coded(pipeline, "Chad sent the Sudanese ambassador home on Monday.") \
        == {("TCD", "161", "SDN")}
    assert coded(pipeline, "Chad and Niger kicked off joint military drills.") \
        == {("TCD", "062", "NER"), ("NER", "062", "TCD")}


def test_who_acted_in_a_call_with_someone_was_on_the_call(pipeline):
    # the deal sealed in that call is with the other party too
    assert coded(pipeline, "Macron sealed the deal in a phone call with King Abdullah II.") \
        == {("FRA", "041", "JOR"), ("FRA", "057", "JOR")}


def test_the_leaders_of_a_pair_just_named_are_that_pair(pipeline):
    text = ("Kenya's president arrived in Addis Ababa on Monday. The leaders held talks on "
            "the dam.")
    assert coded(pipeline, text) == {("KEN", "042", "ETH"), ("KEN", "046", "ETH"),
                                     ("ETH", "046", "KEN")}
    # leaders someone else's, or of a group, are no pair
    assert coded(pipeline, "Kenya's president arrived in Addis Ababa on Monday. The G7 leaders "
                           "held talks on the dam.") == {("KEN", "042", "ETH")}


def test_a_site_nobody_owns_stands_for_the_state_it_is_in(pipeline):
    assert coded(pipeline, "Turkey carried out airstrikes on militia positions in northern "
                           "Iraq.") == {("TUR", "195", "IRQ")}
    # a site somebody owns is theirs
    assert coded(pipeline, "Turkey carried out airstrikes on Russian bases in Syria.") \
        == {("TUR", "195", "RUS")}


def test_the_foreign_office_is_the_ministry_of_the_state_in_view(pipeline):
    assert coded(pipeline, "Pakistan's army is on alert. The Foreign Office condemned Iran for "
                           "the strikes.") == {("PAK", "111", "IRN")}
    assert coded(pipeline, "The Foreign Office condemned Iran for the strikes.") \
        == {("GBR", "111", "IRN")}


def test_a_pronoun_subject_is_who_it_stands_for(pipeline):
    # "it" is the ministry: a state's organ protesting a thing objects to it
    assert coded(pipeline, "Iraq's Foreign Ministry said it had summoned Turkey's ambassador "
                           "to protest Turkish airstrikes.") \
        == {("IRQ", "110", "TUR"), ("IRQ", "111", "TUR")}


def test_an_appeal_is_to_whom_it_addresses_not_what_it_is_about(pipeline, partial_pipeline):
    text = "Jordanians called on the authorities to close the Israeli embassy."
    assert coded(pipeline, text) == set()
    # the appeal is to the authorities (whose, the sentence does not say)
    assert {(e.cameo, e.target.text) for e in extract_text(text, pipeline=partial_pipeline)} \
        == {("020", "authorities")}


def test_defending_ground_is_no_statement(pipeline):
    assert coded(pipeline, "Greece says it must defend the islands against an attack from "
                           "Turkey.") == set()
    assert coded(pipeline, "Greece defended its decision to expel Turkish diplomats.") \
        == {("GRC", "052", "TUR"), ("GRC", "161", "TUR")}


def test_a_security_mission_sent_to_a_state_protects_it(pipeline):
    assert coded(pipeline, "Kenya will send a security mission to Haiti.") \
        == {("KEN", "074", "HTI")}
    assert coded(pipeline, "Japan sent a mission to Iran.") == {("JPN", "042", "IRN")}


def test_a_state_named_only_as_whose_a_place_is_is_no_agent_s_state(partial_pipeline):
    # "near the Rwandan border" says where; it does not make the officials Rwandan
    text = ("Burundi closed its border with Rwanda on Thursday.\n\n\u201cAll the borders are "
            "closed,\u201d he said while meeting security officials in the Kayanza province "
            "near the Rwandan border.")
    met = [e for e in extract_text(text, pipeline=partial_pipeline) if e.trigger == "meeting"]
    assert {(e.source.code, e.target.text, e.target.code) for e in met} \
        == {("BDI", "security officials", None), ("BDI", "Kayanza province", None)}


def test_money_for_a_state_to_do_something_goes_to_that_state(pipeline):
    events = extract_text("Kishida announced his readiness to allocate $4.5 billion for Ukraine "
                          "to recover from Russian aggression.", pub_date="2023-12-08",
                          pipeline=pipeline)
    assert [(e.source.side, e.cameo, e.target.side, e.status) for e in events] \
        == [("JPN", "071", "UKR", "planned")]


def test_support_for_doing_something_to_a_state_is_support_for_it(pipeline):
    assert coded(pipeline, "Japan's prime minister pledged his government's support for "
                           "rebuilding Ukraine.") == {("JPN", "051", "UKR")}


def test_adopting_a_joint_plan_is_an_agreement_of_the_pair(pipeline):
    text = ("Scholz will travel to Warsaw on Tuesday. During the visit, the two sides plan to "
            "adopt an action plan.")
    assert coded(pipeline, text) == {("DEU", "042", "POL"), ("DEU", "057", "POL"),
                                     ("POL", "057", "DEU")}


def test_a_one_sided_act_makes_no_pair_for_the_two_leaders(pipeline):
    text = ("Putin will meet Tokayev in Moscow. The United States imposed sanctions on "
            "Russian oil firms last month. The two leaders will hold talks on gas.")
    assert coded(pipeline, text) == {("RUS", "040", "KAZ"), ("USA", "163", "RUS"),
                                     ("RUS", "046", "KAZ"), ("KAZ", "046", "RUS")}


def test_what_two_leaders_discuss_is_a_topic_not_a_side(pipeline):
    # the thing discussed is no party to the talks: the talks are between the speakers
    assert coded(pipeline, "Modi and Macron discussed Afghanistan during their call.") \
        == {("IND", "046", "FRA"), ("FRA", "046", "IND")}


def test_a_mediator_named_on_the_deal_stands_between_its_parties(pipeline):
    # the broker of a swap or of talks mediates between whoever swapped or talked
    assert coded(pipeline, "Armenia and Azerbaijan swapped prisoners in an exchange brokered "
                           "by Qatar.") >= {("QAT", "045", "ARM"), ("QAT", "045", "AZE")}
    assert coded(pipeline, "Serbia and Kosovo reached a deal in EU-brokered talks.") \
        >= {("IGOEU", "045", "SRB"), ("IGOEU", "045", "XKX")}


def test_a_prisoner_exchange_is_a_release_by_each_side_and_its_broker_pairs_no_one(pipeline):
    text = ("Armenia and Azerbaijan completed a prisoner exchange in talks brokered by Qatar. "
            "The two countries have carried out such swaps before.")
    assert coded(pipeline, text) == {
        ("ARM", "0841", "AZE"), ("AZE", "0841", "ARM"),
        ("QAT", "045", "ARM"), ("QAT", "045", "AZE")}


def test_water_cannon_turned_on_boats_and_strikes_hitting_territory_are_force(pipeline):
    assert coded(pipeline, "The Vietnamese coast guard used water cannons against Chinese "
                           "fishing boats.") == {("VNM", "190", "CHN")}
    assert coded(pipeline, "Turkish drone strikes hit Iraqi territory on Monday.") \
        == {("TUR", "190", "IRQ")}


def test_mediation_named_alone_is_between_the_pair_the_article_is_about(pipeline):
    text = ("Armenia and Azerbaijan signed a peace treaty on Friday. "
            "Officials credited the mediation efforts of Qatar.")
    assert {event for event in coded(pipeline, text) if event[1] == "045"} \
        == {("QAT", "045", "ARM"), ("QAT", "045", "AZE")}


def test_the_country_a_leader_speaks_of_is_the_leaders_own(pipeline):
    assert coded(pipeline, "Greece's prime minister said on Monday that the country had "
                           "reached an agreement with neighbouring North Macedonia.") \
        == {("GRC", "057", "MKD")}
    # "the country" outside what a speaker says stands for no one
    assert coded(pipeline, "The country reached an agreement with North Macedonia.") == set()


def test_every_act_demanded_in_one_clause_is_a_demand(pipeline):
    # the second act is what was demanded too, not something the target did
    assert coded(pipeline, "Iran demanded that Britain release the tanker and return its "
                           "crew.") == {("IRN", "105", "GBR")}


def test_people_seized_are_arrested_and_ground_seized_is_occupied(pipeline):
    assert coded(pipeline, "The Indian coast guard seized six Pakistani fishermen.") \
        == {("IND", "173", "PAK")}


def test_a_name_whose_last_word_a_coordination_leaves_out_is_still_that_name(pipeline):
    # "North and South Korea": North Korea and South Korea, also behind "the leaders of"
    assert coded(pipeline, "The leaders of North and South Korea met in Panmunjom.") \
        == {("PRK", "040", "KOR"), ("KOR", "040", "PRK")}
    assert coded(pipeline, "East and West Germany signed a treaty in 1972.", "1972-12-21") \
        == {("DDR", "057", "FRG"), ("FRG", "057", "DDR")}


def test_waters_or_airspace_owned_by_a_pronoun_are_its_referents_state(pipeline):
    assert coded(pipeline, "Norway said Russian warships had entered its territorial "
                           "waters.") == {("RUS", "150", "NOR")}


def test_a_site_named_after_a_town_stands_for_the_towns_state(pipeline):
    assert coded(pipeline, "The IAEA chief arrived at the Kharkiv power plant on Tuesday.") \
        == {("IGOIAEA", "042", "UKR")}


def test_what_a_side_has_no_choice_but_to_do_it_does(pipeline):
    assert coded(pipeline, "Japan had no option but to recall its ambassador from Seoul.") \
        == {("JPN", "161", "KOR")}


def test_a_nearby_side_is_no_adversary_helper_or_other_times_actor(pipeline):
    # no partner of a signing is whom the signed text is against; no target of a
    # recapture is who helped
    assert coded(pipeline, "Biden signed a memorandum renewing the pressure campaign "
                           "against Venezuela.") == set()
    assert coded(pipeline, "With the help of Russia, Syria's army has recaptured the "
                           "town.") == set()


def test_a_state_protesting_to_another_complains_officially(pipeline):
    assert coded(pipeline, "Japan's foreign ministry protested to Beijing on Friday.") \
        == {("JPN", "114", "CHN")}


def test_a_visit_pairs_its_sides_for_the_next_act_in_the_same_sentence(pipeline):
    assert coded(pipeline, "South Korean President Moon Jae-in visited Pyongyang on Tuesday "
                           "for the first summit of the two Koreas.", "2018-09-19") \
        >= {("KOR", "042", "PRK"), ("KOR", "040", "PRK"), ("PRK", "040", "KOR")}


def test_the_parties_a_mediator_brings_together_act_together(pipeline):
    # the talks or truce a mediator brokers between two sides is their own act as well
    # (a truce, one way: first named to the other, as for any one-way act of two)
    assert coded(pipeline, "Norway brokered a truce between Ethiopia and Eritrea.") \
        >= {("ETH", "0871", "ERI")}
    # the parser hangs the "between" phrase on the verb: it still names the talks' parties
    assert coded(pipeline, "Switzerland hosted talks on Tuesday between Armenia and "
                           "Azerbaijan over the border.") \
        >= {("ARM", "046", "AZE"), ("AZE", "046", "ARM")}
    # a mediator's habit is not an act of the parties
    assert ("RUS", "046", "UKR") not in coded(
        pipeline, "Turkey is known for facilitating negotiations between Russia and Ukraine.")


def test_its_bid_belongs_to_the_other_state_named_before_it(pipeline):
    # a state's own "its" is no target of its act: the other state named is
    assert coded(pipeline, "Norway has backed Finland and supports its bid to join the "
                           "council.") >= {("NOR", "051", "FIN")}
    assert coded(pipeline, "Sweden moved closer to membership after Hungary's parliament "
                           "ratified its accession.") == {("HUN", "051", "SWE")}


def test_tariffs_a_body_puts_on_goods_from_a_state_are_its_own(pipeline):
    # "from China" names where the goods come from, not who imposes the tariffs
    assert ("CHN", "163", None) not in {
        (e.source.side, e.cameo, e.target.side) for e in extract_text(
            "The European Union implemented new tariffs on steel from China.",
            pipeline=pipeline)}
    assert {event[0] for event in coded(
        pipeline, "The European Union implemented new tariffs on Chinese steel.")} == {"IGOEU"}


def test_a_state_abbreviation_hyphened_to_a_participle_is_the_state(pipeline):
    # "U.S.-brokered" is read as "U.S." and "brokered", as "US-brokered" is
    assert coded(pipeline, "Serbia and Kosovo reached a deal in U.S.-brokered talks.") \
        >= {("USA", "045", "SRB"), ("USA", "045", "XKX")}


def test_an_envoy_summoned_by_order_is_summoned_by_whoever_ordered_it(pipeline):
    assert coded(pipeline, "The Dutch foreign minister ordered the summoning of the Iranian "
                           "ambassador.") == {("NLD", "110", "IRN")}


def test_crediting_a_state_or_acknowledging_its_role_is_praise(pipeline):
    assert coded(pipeline, "Armenia credited Qatar for its mediation.") == {("ARM", "051", "QAT")}
    assert coded(pipeline, "Azerbaijan acknowledged Qatar's role in the talks.") \
        == {("AZE", "051", "QAT")}


def test_joint_drills_named_by_their_parties_are_their_exercise(pipeline):
    assert coded(pipeline, "The joint Egyptian-Sudanese air exercise began on Saturday.") \
        == {("EGY", "062", "SDN"), ("SDN", "062", "EGY")}


def test_a_suspended_visit_or_exercise_is_not_done(pipeline):
    statuses = {(e.cameo, e.status) for e in extract_text(
        "Japan suspended its visit to China. Seoul suspended joint exercises with Japan.",
        pipeline=pipeline)}
    assert statuses == {("042", "negated"), ("062", "negated")}


def test_talks_under_a_bodys_auspices_are_mediated_by_it(pipeline):
    assert coded(pipeline, "Sudan and South Sudan held talks under the auspices of the "
                           "African Union.") >= {("IGOAU", "045", "SDN"), ("IGOAU", "045", "SSD")}


def test_a_states_own_name_beside_the_other_party_is_no_target(pipeline):
    assert coded(pipeline, "Ghana's foreign minister announced the severance of diplomatic "
                           "relations between Ghana and Togo.") == {("GHA", "161", "TGO")}


def test_travelling_back_to_ones_own_capital_is_no_visit(pipeline):
    assert coded(pipeline, "Russian Foreign Minister Sergei Lavrov flew back to Moscow on "
                           "Friday.") == set()
    assert coded(pipeline, "Russian Foreign Minister Sergei Lavrov flew to Beijing on "
                           "Friday.") == {("RUS", "042", "CHN")}


def test_calling_another_states_act_illegal_is_criticism(pipeline):
    assert coded(pipeline, "Cambodia called the Thai strike illegal and unacceptable.") \
        == {("KHM", "111", "THA")}
    # a verdict of praise is no criticism
    assert not any(event[1] == "111" for event in coded(
        pipeline, "Cambodia called the Thai proposal useful."))


def test_an_abbreviated_rank_ends_no_sentence(pipeline):
    """spaCy ends a sentence at "Sgt." unless told that a name follows a title's
    abbreviation (data/titles.tsv); the soldier is then the target, whole."""
    events = extract_text("Russian police detained US Army Staff Sgt. Gordon Black in "
                          "Vladivostok on Thursday.", pub_date="2024-05-10", pipeline=pipeline)
    assert [(e.cameo, e.target.code, e.target.text.endswith("Gordon Black")) for e in events] == [
        ("173", "USAMIL", True)]
    assert events[0].sentence.endswith("on Thursday.")


def test_whoever_is_blamed_or_thanked_for_an_act_did_it(pipeline):
    """"for" or "of" and a gerund after a verb that blames, thanks or punishes: the act
    is the one blamed's, not the speaker's (a reason or a charge, not a second act)."""
    assert ("USA", "072", "TWN") in coded(
        pipeline, "China has imposed sanctions on the United States for selling arms to Taiwan.")
    assert coded(pipeline, "France criticised Russia for attacking Ukraine.") == {
        ("FRA", "111", "RUS"), ("RUS", "190", "UKR")}
    accused = coded(pipeline, "Israel accused Iran of arming Hezbollah.")
    assert ("ISR", "072", "LBN") not in accused and ("IRN", "072", "LBN") in accused
    assert coded(pipeline, "Iran was accused of supplying drones to Russia.") == {
        ("IRN", "072", "RUS")}
    assert coded(pipeline, "China apologised for attacking Vietnam.") == {("CHN", "190", "VNM")}


def test_a_pact_named_for_two_states_is_between_them(pipeline):
    """"the Australia-Indonesia Defence Agreement": its name gives its parties, so a
    minister who signs it signs with the other one, never with his own state."""
    assert coded(pipeline, "Canada's trade minister Mary Ng signed the Canada-Ukraine Free "
                           "Trade Agreement in Kyiv.") == {("CAN", "057", "UKR")}
    assert coded(pipeline, "The two ministers signed the Canada-Ukraine Free Trade "
                           "Agreement.") == {("CAN", "057", "UKR"), ("UKR", "057", "CAN")}
    assert coded(pipeline, "Guinea-Bissau signed an agreement with Senegal.") == {
        ("GNB", "057", "SEN")}


def test_a_deal_made_between_two_states_is_theirs(pipeline):
    """A participle with "between" acts on the noun it follows, as one with "by" does."""
    assert coded(pipeline, "The row is over a pact signed between Chile and Peru on fishing "
                           "rights.") == {("CHL", "057", "PER"), ("PER", "057", "CHL")}


def test_a_verdict_noun_said_of_a_states_act_is_criticism(pipeline):
    """"called X's act a provocation" as "called it illegal": the verdict may be a noun,
    which the parser hangs on the verb or on the object."""
    assert coded(pipeline, "Vietnam called China's new survey ship a provocation.") == {
        ("VNM", "111", "CHN")}
    assert coded(pipeline, "Seoul branded Pyongyang's drone incursion an act of "
                           "aggression.") == {("KOR", "111", "PRK")}


def test_reopening_a_border_undoes_its_closure(pipeline):
    """Closing a border on a neighbour is a sanction (163); reopening it eases one (085)."""
    assert coded(pipeline, "Burundi closed its border with Rwanda.") == {("BDI", "163", "RWA")}
    assert coded(pipeline, "Turkey reopened its border with Armenia.") == {("TUR", "085", "ARM")}

def test_an_act_agreed_on_is_that_act_planned(pipeline):
    # the event noun after "agreed on" is what was agreed, still to come
    events = extract_text("India and China agreed on arms control.", pub_date="2023-06-19",
                          pipeline=pipeline)
    assert {(e.source.side, e.cameo, e.target.side, e.status) for e in events} == {
        ("IND", "0873", "CHN", "planned")}  # one way: first named to the other
    # with a to-clause beside it that is no event, the noun is still the act
    assert coded(pipeline, "Ethiopia and Eritrea agreed on weapons cuts and to keep in touch.") \
        == {("ETH", "0873", "ERI")}
    # a deal agreed to is a deal reached, not an act to come
    assert coded(pipeline, "Chile and Peru agreed to a fisheries pact.") == {
        ("CHL", "057", "PER"), ("PER", "057", "CHL")}


def test_ending_hostile_acts_de_escalates(pipeline):
    assert coded(pipeline, "Armenia and Azerbaijan agreed to stop hostile actions on the border.") \
        == {("ARM", "087", "AZE")}
    assert coded(pipeline, "Sudan and Chad agreed to end the standoff.") \
        == {("SDN", "087", "TCD")}


def test_between_the_two_nations_are_the_two_the_pair_phrase_stands_for(pipeline):
    text = ("Serbia and Kosovo held talks in Brussels. The two sides pledged to halt "
            "provocative activities between the two nations.")
    assert ("SRB", "087", "XKX") in coded(pipeline, text)


def test_who_an_undergone_act_comes_from_is_the_verb_s_from_phrase(pipeline):
    # the parser hangs "from X" on "received"/"faced" when a time phrase comes between
    assert coded(pipeline, "Kenya's president received a congratulatory call on Friday from "
                           "the French president.") == {("FRA", "041", "KEN")}
    assert coded(pipeline, "Peru faced fierce criticism on Monday from Chile.") \
        == {("CHL", "111", "PER")}


def test_crediting_a_success_to_someone_praises_them(pipeline):
    assert coded(pipeline, "Sudan attributed the breakthrough to Egyptian mediation.") \
        == {("SDN", "051", "EGY")}


def test_a_pact_its_modifiers_name_the_parties_of_is_theirs_when_signed(pipeline):
    # an agentless passive: the hyphenated modifiers name both parties
    assert coded(pipeline, "A Thai-Cambodian border accord is expected to be signed next month.") \
        == {("THA", "057", "KHM"), ("KHM", "057", "THA")}
    # whoever else signs it is the side, and the pact's parties are not
    signed_by_others = coded(pipeline, "Rebels signed the Chilean-Peruvian accord.")
    assert ("CHL", "057", "PER") not in signed_by_others


def test_what_is_expected_to_be_done_is_the_raising_verb_s_subject(pipeline):
    assert coded(pipeline, "Two Iranian diplomats are expected to be expelled by Sweden.") \
        == {("SWE", "161", "IRN")}


def test_agreeing_a_plan_adopts_it(pipeline):
    assert coded(pipeline, "Ghana and Togo agreed a roadmap on border security.") \
        == {("GHA", "057", "TGO"), ("TGO", "057", "GHA")}


def test_pressing_for_an_act_appeals_for_it(pipeline):
    # not a demand (10), nor the act itself: an appeal for it (02)
    assert coded(pipeline, "Spain pressed for the easing of sanctions on Venezuela.") \
        == {("ESP", "025", "VEN")}
    assert coded(pipeline, "Norway pushed for peace talks with Colombia.") \
        == {("NOR", "026", "COL")}


def test_two_parties_doing_a_one_way_act_together_go_first_to_second(pipeline):
    """"Thailand and Cambodia agreed to a ceasefire" is listed once, first named to
    the other; acts each does to the other (exchanges, clashes) go both ways, and a
    joint act (a signed agreement) matches either way round anyway."""
    assert coded(pipeline, "Armenia and Azerbaijan agreed to implement an immediate "
                           "ceasefire.") == {("ARM", "0871", "AZE")}
    assert coded(pipeline, "Armenia and Azerbaijan exchanged prisoners.") == {
        ("ARM", "0841", "AZE"), ("AZE", "0841", "ARM")}


def test_denying_another_sides_charge_is_a_denial(pipeline):
    """Root 01 is otherwise left out, but rejecting what another side charges is an act
    between the two (016), not the rejection of a proposal (120)."""
    assert coded(pipeline, "Armenia rejected Azerbaijan's accusations.") == {("ARM", "016", "AZE")}
    assert coded(pipeline, "Moscow dismissed the allegations by Kyiv.") == {("RUS", "016", "UKR")}


def test_shooting_down_an_aircraft_is_force_and_shooting_down_a_plan_rejects_it(pipeline):
    assert coded(pipeline, "Syrian air defences shot down an Israeli jet.") \
        == {("SYR", "190", "ISR")}
    assert coded(pipeline, "Iran downed a US surveillance drone over the Gulf.") \
        == {("IRN", "190", "USA")}
    assert coded(pipeline, "Britain shot down France's proposal on fishing quotas.") \
        == {("GBR", "120", "FRA")}


def test_vowing_harm_to_someone_threatens_them(pipeline):
    assert coded(pipeline, "The Houthis vowed revenge on Saudi Arabia.") == {("YEM", "130", "SAU")}
    assert coded(pipeline, "Iran promises death to America.") == {("IRN", "130", "USA")}


def test_a_diplomatic_or_charm_offensive_attacks_no_one(pipeline):
    assert coded(pipeline, "China has gone on the diplomatic offensive against Japan.") == set()
    assert coded(pipeline, "Turkey began a charm offensive toward Greece.") == set()
    assert coded(pipeline, "Israel launched a ground offensive in Gaza.") == {("ISR", "190", "PSE")}


def test_condemning_an_act_done_by_someone_condemns_its_doer(pipeline):
    # the parser hangs "by" on the verb or on the act; the doer is criticised either way
    assert coded(pipeline, "The UN condemned the killings of Palestinians by Israeli troops.") \
        == {("IGOUNO", "111", "ISR")}
    assert ("IGOEU", "100", "RUS") in coded(
        pipeline, "The EU demanded a probe into the shelling of Kharkiv by Russian forces.")


def test_giving_oneself_up_to_the_police_yields_and_is_no_military_surrender(pipeline):
    assert coded(pipeline, "A Mexican drug lord surrendered to U.S. authorities on Friday.") \
        == {("MEX", "080", "USA")}


def test_a_hyphenated_title_is_one_title_not_two_parties(pipeline):
    # "Secretary-General" is no pair like "US-China": no side for "Secretary" alone
    assert coded(pipeline, "Kenyan President William Ruto and UN Secretary-General Antonio "
                           "Guterres met in Nairobi.") \
        == {("KEN", "040", "IGOUNO"), ("IGOUNO", "040", "KEN")}


def test_those_sent_somewhere_to_do_something_do_it_for_the_sender(pipeline):
    """"sent experts to X to investigate" is an investigation by the sender, not aid or
    a visit; whom the act is against comes first, and where they went stands in for a
    target nobody names (at a lower confidence)."""
    events = extract_text("Sweden dispatched two forensic experts to Kenya to investigate the "
                          "bombing.", pub_date="2023-06-19", pipeline=pipeline)
    assert [(e.source.side, e.cameo, e.target.side) for e in events] == [("SWE", "093", "KEN")]
    assert events[0].confidence < 0.9
    assert coded(pipeline, "Canada sent special forces to Mali to attack Al-Qaeda.") \
        == {("CAN", "190", "IMGALQ")}
    # nothing to do in a to-clause: what is sent says the event
    assert coded(pipeline, "Japan sent tents to Peru.") == {("JPN", "073", "PER")}


def test_fighting_an_illness_or_a_social_ill_is_no_use_of_force(pipeline, partial_pipeline):
    for text in ("Liberian nurses are fighting the cholera epidemic.",
                 "The Ghanaian government is battling the wildfires."):
        assert not any(e.cameo.startswith("19")
                       for e in extract_text(text, pipeline=partial_pipeline))
    assert coded(pipeline, "Chadian troops fought Boko Haram near the lake.") \
        == {("TCD", "190", "NGA")}


def test_property_released_with_no_recipient_goes_back_to_its_owner(pipeline):
    assert coded(pipeline, "The seized Liberian tanker was released by the Yemeni coast "
                           "guard.") == {("YEM", "0842", "LBR")}


def test_an_inquiry_into_allegations_is_into_whoever_they_accuse(pipeline):
    """The allegations are no side: their that-clause names whom the inquiry is into."""
    assert coded(pipeline, "Romania opened an inquiry into allegations that Bulgarian border "
                           "guards beat migrants.") == {("ROU", "090", "BGR")}
    assert coded(pipeline, "Romanian prosecutors will investigate claims that Hungarian police "
                           "mistreated the truck drivers.") == {("ROU", "090", "HUN")}


def test_a_named_place_a_few_phrases_below_the_act_is_its_target_at_lower_confidence(pipeline):
    """With no party named as its target, the state named in the phrases below the act
    stands for one, however many prepositions down ("the shelling of a hospital in
    the city of Kherson")."""
    for text, event in [
        ("Norway has provided 12 million dollars this year to pay for food for families "
         "displaced in Sudan.", ("NOR", "071", "SDN")),
        ("Estonia condemned the shelling of a maternity hospital in the port city of Kherson.",
         ("EST", "111", "UKR")),
    ]:
        events = extract_text(text, pub_date="2023-06-19", pipeline=pipeline)
        assert [(e.source.side, e.cameo, e.target.side) for e in events] == [event]
        assert events[0].confidence < 0.9


def test_talks_that_led_to_a_joint_act_were_held_by_its_parties(pipeline):
    """Negotiations set before a deal ("after", "following"), with no parties of their
    own, were between the deal's parties; their broker stays a mediator."""
    assert coded(pipeline, "Ghana and Togo signed a border treaty after two years of "
                           "negotiations.") >= {("GHA", "046", "TGO"), ("TGO", "046", "GHA")}
    assert coded(pipeline, "Peru and Ecuador reached an accord following talks mediated by "
                           "Brazil.") >= {("PER", "046", "ECU"), ("BRA", "045", "PER"),
                                          ("BRA", "045", "ECU")}
    # talks that led to no joint act are nobody's, nor those set before something else
    assert not any(event[1].startswith("04") for event in coded(
        pipeline, "Ghana condemned Togo after the talks."))
    assert not any(event[1].startswith("04") for event in coded(
        pipeline, "At a briefing after the summit, Ghana said it would hold joint drills "
                  "with Togo."))


def test_a_discussion_with_another_side_is_negotiation(pipeline):
    assert coded(pipeline, "Chad said the text was settled after a discussion with "
                           "Sudanese officials.") >= {("TCD", "046", "SDN")}


def test_a_move_said_of_by_another_side_is_said_of_whoever_made_it(pipeline):
    """"a move condemned by X" beside a clause sums up that clause's act: X condemned
    the clause's subject, not "a move"."""
    assert ("IGOEU", "111", "IRN") in coded(
        pipeline, "Iran detained a French journalist, a step criticised by the European Union.")
    assert ("PRK", "051", "CHN") in coded(
        pipeline, "China recalled its envoy from Japan, a decision welcomed by North Korea.")
    assert ("DEU", "111", "IRN") in coded(
        pipeline, "Iran detained a French journalist, a step which Germany condemned.")
    # a move with an owner of its own is that owner's
    assert ("IGOEU", "111", "IRN") not in coded(
        pipeline, "Iran detained a French journalist. Turkey's move was criticised by the "
                  "European Union.")


def test_a_verdict_in_what_a_side_says_is_criticism_of_the_clause_subject(pipeline):
    """"said the junta was illegitimate": the verdict the speaker passes in a reported
    clause criticises its subject, as "called the junta illegitimate" does."""
    assert coded(pipeline, "Chile said the Bolivian blockade was unlawful and dangerous.") \
        == {("CHL", "111", "BOL")}
    assert coded(pipeline, "Ghana insisted that Togo's decision is a provocation.") \
        == {("GHA", "111", "TGO")}
    # denied, or said of no side, it is no criticism
    assert not coded(pipeline, "Chile said the Bolivian blockade was not unlawful.")
    assert not coded(pipeline, "Chile said the weather was dangerous.")


def test_concern_or_anger_felt_at_another_sides_act_is_disapproval(pipeline):
    """A verb of feeling names who feels it as the source and what caused it as the
    target, whichever way round the sentence puts them."""
    assert coded(pipeline, "Vietnam is alarmed by Cambodia's new dam.") == {("VNM", "110", "KHM")}
    assert coded(pipeline, "Algeria's border closure angered Morocco.") >= {("MAR", "110", "DZA")}
    assert coded(pipeline, "Lithuania worries about Belarusian troops.") == {("LTU", "110", "BLR")}
    # what is felt about a pact between two states is felt about both
    assert coded(pipeline, "Kenya and Uganda are concerned by a defence deal between Sudan "
                           "and Chad.") == {("KEN", "110", "SDN"), ("KEN", "110", "TCD"),
                                            ("UGA", "110", "SDN"), ("UGA", "110", "TCD")}


def test_a_feeling_said_as_an_adjective_is_disapproval_of_what_it_is_about(pipeline):
    assert coded(pipeline, "Greece is deeply worried about Turkish drilling.") \
        == {("GRC", "110", "TUR")}
    assert coded(pipeline, "Peru voiced disappointment with Chile's ruling.") \
        == {("PER", "111", "CHL")}
    # concern for someone, or about a place's plight, disapproves of no one there
    assert not coded(pipeline, "Greece is concerned for the safety of its sailors in Libya.")


def test_hosting_talks_between_two_sides_hosts_both(pipeline):
    """The target named only as talks "between X and Y" is both parties: the host
    received each (on the sample corpus, "Iraq and Oman hosted earlier rounds of talks
    between Saudi and Iranian officials" now gives each host's 043 to both)."""
    assert coded(pipeline, "Kenya hosted two rounds of talks between Ethiopian and Eritrean "
                           "officials.") >= {("KEN", "043", "ETH"), ("KEN", "043", "ERI")}


def test_talks_a_third_state_hosts_between_two_others_are_theirs(pipeline):
    # the host hosts each party; the talks are the two parties', not the host's
    assert coded(pipeline, "Kenya hosted talks between Ethiopia and Eritrea.") == {
        ("KEN", "043", "ETH"), ("KEN", "043", "ERI"), ("ETH", "046", "ERI"), ("ERI", "046", "ETH")}
