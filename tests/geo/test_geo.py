"""Where events happened and how articles speak: the gazetteer, the event locator
on real-looking sentences with the real spaCy model, tone on GDELT's scale, and
the GDELT geo fields."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from detente.geo.gazetteer import gazetteer
from detente.geo.gdelt import country_geo, geo_type, location_geo
from detente.geo.tone import tone
from detente.ingest.readers import article_from_text
from detente.model import Article, DatePoint
from detente.pipeline import Pipeline


def located(pipeline: Pipeline, text: str, pub_date: str = "2023-11-10") -> dict:
    """Each coded event of ``text`` as "SRC CAMEO TGT" -> its location."""
    article = Article("t.txt", [paragraph for paragraph in text.split("\n\n")],
                      pub_date=DatePoint(pub_date, "day", "metadata"))
    coded = pipeline.code(article)
    return {f"{e.source.side} {e.cameo} {e.target.side}": e.location for e in coded.events}


# -- the gazetteer ---------------------------------------------------------------------

def test_cities_are_found_by_their_names_and_spellings_in_the_news():
    places = gazetteer()
    assert places.lookup("Khan Younis").name == "Khān Yūnis"
    assert places.lookup("Kiev").name == places.lookup("Kyiv").name == "Kyiv"
    geneva = places.lookup("Geneva")
    assert (geneva.country, geneva.kind, geneva.adm1_code) == ("CHE", "city", "SZGE")
    assert abs(geneva.lat - 46.2) < 0.1 and abs(geneva.lon - 6.15) < 0.1


def test_a_name_means_the_larger_place_unless_the_text_is_about_another_state():
    places = gazetteer()
    assert places.lookup("Washington").country == "USA"
    assert places.lookup("Washington").kind == "city"  # the capital, not the state
    assert places.lookup("Texas").kind == "region"
    assert places.lookup("Rafah").country == "PSE"
    assert places.lookup("Rafah", {"EGY"}).country == "EGY"


def test_every_state_s_first_level_divisions_are_regions():
    places = gazetteer()
    ladakh = places.lookup("Ladakh")
    assert (ladakh.kind, ladakh.country, ladakh.adm1_code) == ("region", "IND", "IN41")
    assert abs(ladakh.lat - 34.1) < 1 and abs(ladakh.lon - 77.5) < 1.5  # near Leh
    assert places.lookup("Punjab", {"IND"}).country == "IND"
    assert places.lookup("Punjab", {"PAK"}).country == "PAK"
    # a division's name that a town of its state bears means the town
    assert places.lookup("Batken").kind == "city"
    assert places.lookup("Central") is None or places.lookup("Central").kind == "city"


def test_a_region_is_meant_before_a_smaller_city_abroad_of_its_name():
    places = gazetteer()
    virginia = places.lookup("Virginia")
    assert (virginia.kind, virginia.country) == ("region", "USA")  # not the Free State town
    assert places.lookup("Virginia", {"ZAF"}).country == "ZAF"  # a story about South Africa
    assert places.lookup("New York").kind == "city"  # a large city of the region's own state


def test_bases_and_border_points_the_news_names_are_places():
    places = gazetteer()
    panmunjom = places.lookup("Panmunjeom")
    assert (panmunjom.name, panmunjom.country, panmunjom.kind) == ("Panmunjom", "KOR", "city")
    assert places.lookup("Galwan Valley").kind == "region"
    # a town of the name outranks a site so called
    assert places.lookup("Ramstein").name == "Ramstein-Miesenbach"


def test_an_international_organisation_sits_in_a_city():
    places = gazetteer()
    assert (places.seat("IGOICJ").name, places.seat("IGOICJ").country) == ("The Hague", "NLD")
    assert places.seat("IGONATO").name == "Brussels"
    assert places.seat("IGOG20") is None  # a grouping with no seat


def test_states_and_news_regions_are_places_with_a_point():
    places = gazetteer()
    ukraine = places.lookup("Ukraine")
    assert (ukraine.kind, ukraine.country, ukraine.fips, ukraine.adm1_code) == (
        "country", "UKR", "UP", "UP")
    assert places.lookup("the West Bank").kind == "region"
    assert places.capital("ISR").name == "Jerusalem"
    assert places.lookup("Xqzvillebury") is None


# -- event locations from the text ------------------------------------------------------

def test_the_place_phrase_of_the_event_is_where_it_happened(pipeline):
    found = located(pipeline, "Israeli forces shelled a hospital in Khan Younis on Tuesday, "
                              "Palestinian officials said.")
    place = found["ISR 194 PSE"]
    assert (place.name, place.country, place.precision, place.basis) == (
        "Khān Yūnis", "PSE", "city", "text")
    text = ("Israeli forces shelled a hospital in Khan Younis on Tuesday, "
            "Palestinian officials said.")
    assert text[place.span[0]:place.span[1]] == "Khan Younis"


def test_talks_held_somewhere_are_placed_there(pipeline):
    found = located(pipeline, "Russian and Ukrainian negotiators held talks in Geneva.")
    assert {(p.name, p.basis) for p in found.values()} == {("Geneva", "text")}


def test_a_town_named_in_the_object_is_more_precise_than_the_region_around_it(pipeline):
    found = located(pipeline,
                    "Israeli troops raided the Jenin refugee camp in the occupied West Bank.")
    (place,) = found.values()
    assert (place.name, place.precision) == ("Janīn", "city")


def test_a_region_phrase_gives_region_precision(pipeline):
    found = located(pipeline, "Hamas fighters attacked Israeli towns near the Gaza Strip.")
    (place,) = found.values()
    assert (place.name, place.country, place.precision) == ("Gaza Strip", "PSE", "region")


def test_a_place_elsewhere_in_the_sentence_is_the_next_best(pipeline):
    found = located(pipeline, "Speaking in Moscow, Putin said Russia would help Syria.")
    place = found["RUS 070 SYR"]
    assert (place.name, place.basis) == ("Moscow", "sentence")


def test_the_dateline_places_an_event_the_sentence_does_not(pipeline):
    text = "GENEVA, March 3 (Reuters) - Iran rejected the proposal by France."
    place = located(pipeline, text)["IRN 120 FRA"]
    assert (place.name, place.country, place.basis) == ("Geneva", "CHE", "dateline")
    assert text[place.span[0]:place.span[1]].upper() == "GENEVA"


def test_a_wire_dateline_ingest_took_off_still_places_the_story(pipeline):
    article = article_from_text("t.txt", "SYDNEY (Reuters) - New Zealand and Fiji on Wednesday "
                                "signed a defence agreement.")
    events = pipeline.code(article).events
    assert events and {(e.location.name, e.location.country, e.location.precision,
                        e.location.basis, e.location.span) for e in events} == {
        ("Sydney", "AUS", "city", "dateline", None)}


def test_a_state_the_sentence_names_comes_after_the_dateline(pipeline):
    found = located(pipeline, "Russian forces attacked Ukraine.")
    (place,) = found.values()
    assert (place.name, place.precision, place.basis) == ("Ukraine", "country", "sentence")


@pytest.mark.parametrize(("text", "capitals"), [
    pytest.param("The United States lifted sanctions on Sudan.", {"Washington"},
                 id="sanctions are lifted at home, not in the state they weighed on"),
    pytest.param("Bahrain, Kuwait and the United Arab Emirates lifted a ban on Egyptian "
                 "imports.", {"Manama", "Kuwait City", "Abu Dhabi"},
                 id="each state of a coordination acts at home, not at its neighbour's"),
    pytest.param("Canada and Costa Rica signed a free trade agreement.",
                 {"Ottawa", "San José"},
                 id="two states named as the parties say nothing of where they signed"),
])
def test_a_named_state_that_is_not_where_the_act_happens_places_nothing(pipeline, text,
                                                                        capitals):
    # a state the sentence merely names is the event's place only when it is the
    # state of the side the kind of act happens at; else the guess is that side's capital
    places = located(pipeline, text).values()
    assert {(place.name, place.basis) for place in places} == {
        (capital, "capital") for capital in capitals}


def test_the_one_state_named_among_the_parties_of_a_signing_places_it(pipeline):
    found = located(pipeline, "The memorandum between the EU and Tunisia was signed by "
                              "Giorgia Meloni and Kais Saied.")
    assert found["ITA 057 TUN"].name == "Tunisia"


def test_the_place_of_what_an_act_aims_at_is_where_it_happened(pipeline):
    found = located(pipeline, "Indian jets launched airstrikes against a militant camp in "
                              "Pakistan.")
    assert (found["IND 195 PAK"].name, found["IND 195 PAK"].basis) == ("Pakistan", "text")
    found = located(pipeline, "The U.S. envoy held two meetings with the Taliban in Qatar.")
    assert (found["USA 040 AFG"].name, found["USA 040 AFG"].basis) == ("Qatar", "text")


def test_a_place_of_a_clause_with_its_own_subject_is_not_the_event_s(pipeline):
    found = located(pipeline, "Israel launched airstrikes on Hamas shortly after Palestinian "
                              "militants fired rockets into Israel.")
    assert found["ISR 195 PSE"].country == "PSE"  # not where the rockets fell
    assert found["PSE 194 ISR"].name == "Israel"  # the rockets' own clause


@pytest.mark.parametrize(("text", "capital"), [
    pytest.param("Japan gave aid to the Philippine government.", "Manila",
                 id="aid is placed where it reaches: the target's capital"),
    pytest.param("Egyptian troops attacked Libyan rebels.", "Tripoli",
                 id="an attack is placed where it hits: the target's capital"),
    pytest.param("Norway expelled the Venezuelan ambassador.", "Oslo",
                 id="an envoy is expelled by the expelling state, at home"),
    pytest.param("Russia imposed sanctions on the Ukrainian government.", "Moscow",
                 id="sanctions are imposed by the sanctioning government"),
    pytest.param("The Iranian navy seized a Panamanian oil tanker.", "Tehran",
                 id="a seizure is the seizing state's doing"),
    pytest.param("Canada lifted its sanctions on the Iranian government.", "Ottawa",
                 id="sanctions are eased by the government that imposed them"),
    pytest.param("Kenya granted asylum to the Ugandan opposition leader.", "Nairobi",
                 id="asylum is granted in the granting state"),
    pytest.param("Chile offered to help the Bolivian government.", "Santiago",
                 id="an offer is made where the offering side speaks"),
    pytest.param("Ukrainian prosecutors opened an inquiry into the Russian ambassador.",
                 "Kyiv", id="an investigation is made by the investigating state"),
    pytest.param("The United Nations withdrew its peacekeepers from the Liberian army's "
                 "bases.", "Monrovia", id="peacekeepers are withdrawn from where they served"),
])
def test_the_last_resort_is_a_capital_chosen_by_the_kind_of_act(pipeline, text, capital):
    # nothing in the text says where: the guess is the capital of the side the
    # act happens at home for, marked as a guess (basis capital, no span)
    (place,) = located(pipeline, text).values()
    assert (place.name, place.precision, place.basis, place.span) == (
        capital, "city", "capital", None)


def test_an_envoy_is_summoned_to_the_summoner_s_capital_not_where_the_grievance_was(pipeline):
    found = located(pipeline, "The Kenyan foreign ministry summoned Uganda's ambassador to "
                              "protest a raid by Ugandan troops at two border posts in Lodwar.")
    summons = next(place for key, place in found.items() if " 110 " in key)
    assert (summons.name, summons.basis) == ("Nairobi", "capital")


def test_a_statement_placed_nowhere_is_the_speaker_s_not_the_state_it_names(pipeline):
    # a statement is where its speaker was: the state it speaks of is no place of it,
    # and the last resort is the speaker's seat of government
    for text in ("Russia accused Ukraine of sabotage.",
                 "Russia accused the Ukrainian government of sabotage."):
        (capital,) = located(pipeline, text).values()
        assert (capital.name, capital.country, capital.basis, capital.span) == (
            "Moscow", "RUS", "capital", None)


def test_a_sentence_silent_on_place_takes_the_town_the_article_opens_in(pipeline):
    found = located(pipeline, "The deal, struck in Beijing this week, surprised many.\n\n"
                              "Iran and Saudi Arabia agreed to restore diplomatic relations.")
    place = found["IRN 054 SAU"]
    assert (place.name, place.basis) == ("Beijing", "article")


def test_the_dateline_places_a_sentence_silent_on_place_before_the_opening_s_town(pipeline):
    # the story is filed from Lima; the meeting in Tumbes is another act's place
    found = located(pipeline, "LIMA, Peru (Reuters) - A border meeting held in Tumbes last "
                              "month ended without a deal.\n\n"
                              "Peru recalled its ambassador from Ecuador on Monday.")
    place = found["PER 161 ECU"]
    assert (place.name, place.basis) == ("Lima", "dateline")


def test_a_state_owning_an_act_is_a_side_but_one_owning_land_is_a_place(pipeline):
    expelled = located(pipeline, "Senegal has expelled the Gambian ambassador in retaliation "
                                 "for Gambia's support to the rebels.")["SEN 161 GMB"]
    assert (expelled.name, expelled.basis) == ("Dakar", "capital")  # not in Gambia
    violated = located(pipeline, "Iranian jets violated Pakistan's airspace on Tuesday.")
    assert (violated["IRN 128 PAK"].name, violated["IRN 128 PAK"].basis) == (
        "Pakistan", "sentence")


def test_a_visit_the_article_opens_with_places_the_story_filed_from_home(pipeline):
    found = located(pipeline, "TOKYO (Reuters) - Japan's prime minister arrived in Seoul on "
                              "Monday for talks with President Yoon.\n\n"
                              "Kishida apologised to South Korea for the colonial rule.")
    place = found["JPN 055 KOR"]
    assert (place.name, place.basis) == ("Seoul", "article")


def test_a_colon_dateline_places_the_story(pipeline):
    place = located(pipeline, "Jakarta: The talks ended on Friday without a statement.\n\n"
                              "Indonesia accused Malaysia of spying.")["IDN 112 MYS"]
    assert (place.name, place.basis) == ("Jakarta", "dateline")


def places_of(pipeline: Pipeline, text: str) -> dict[int, set[tuple]]:
    """Each sentence's coded events' locations (name, state, precision, basis), by
    the sentence's index in the article."""
    article = Article("t.txt", text.split("\n\n"),
                      pub_date=DatePoint("2023-11-10", "day", "metadata"))
    found: dict[int, set[tuple]] = {}
    for e in pipeline.code(article).events:
        place = e.location
        found.setdefault(e.sentence_index, set()).add(
            (place.name, place.country, place.precision, place.basis) if place else None)
    return found


# An article (paragraphs apart by a blank line), a sentence of it, and the places of
# that sentence's events; each id says what the case shows.
PLACES = [
    pytest.param("NAIROBI (Reuters) - Kenya and Tanzania signed a border agreement on Monday."
                 "\n\nThe Border Cooperation Agreement was signed by Kindiki, who is Kenya's "
                 "interior minister, and Tanzanian Defence Minister Stergomena Tax at "
                 "Tanzania’s National Defence College in Arusha, northern Tanzania.",
                 0, {("Arusha", "TZA", "city", "article")},
                 id="a signing placed on the last of its signatories is where they met"),
    pytest.param("NAIROBI, Kenya (Reuters) - Kenya's president visited Ethiopia in May.",
                 0, {("Ethiopia", "ETH", "country", "text")},
                 id="a state visited is the visit's place, not the dateline"),
    pytest.param("RIYADH, March 11 (Reuters) - Iran and Saudi Arabia agreed on Friday to "
                 "restore ties.\n\nRiyadh and Tehran also agreed to reactivate a security "
                 "cooperation agreement signed in 2001.",
                 1, {("Riyadh", "SAU", "city", "dateline")},
                 id="a capital named as a side is its government, not a place"),
    pytest.param("Talks between the UN atomic agency and Iran over Tehran's nuclear programme "
                 "will resume on 27 September.\n\nThe meeting will take place in Vienna, a "
                 "spokesman said.",
                 0, {("Vienna", "AUT", "city", "article")},
                 id="a capital owning a programme is a government, not a place"),
    pytest.param("Marles and Prabowo shook hands after signing the pact at the Military Academy "
                 "in Magelang, Central Java.\n\nJakarta: Indonesia and Australia signed a "
                 "defense agreement on Thursday.",
                 1, {("Magelang", "IDN", "city", "article")},
                 id="a dateline opening the sentence is not the sentence's place"),
    pytest.param("Japanese Prime Minister Fumio Kishida landed in South Korea on Sunday for a "
                 "two-day visit.\n\nKishida visited the national cemetery in Seoul before his "
                 "meeting with Yoon.",
                 0, {("Seoul", "KOR", "city", "article")},
                 id="a state is made precise by a town of it the article gives"),
    pytest.param("KATHMANDU, July 9 (Reuters) - India sent a diplomatic note to Nepal "
                 "protesting the new map.",
                 0, {("Kathmandu", "NPL", "city", "dateline")},
                 id="a state is made precise by the town of its dateline"),
    pytest.param("European Union foreign ministers agreed on Monday to sanction Belarusian "
                 "President Alexander Lukashenko.\n\nEU foreign policy chief Josep Borrell, who "
                 "chaired the EU ministers' meeting in Luxembourg, told reporters the decision "
                 "was an answer to the situation.",
                 0, {("Luxembourg", "LUX", "city", "article")},
                 id="a state that is its capital's name names the city"),
    pytest.param("Turkey's ambassador to Baghdad, Fatih Yildiz, was summoned by the Iraqi "
                 "foreign ministry on Thursday.",
                 0, {("Baghdad", "IRQ", "city", "capital")},
                 id="an envoy is summoned to the summoning state's capital"),
    pytest.param("Hungary's foreign minister has summoned the ambassador of Ukraine for Monday "
                 "to state Hungary's objections to Ukraine's education law.",
                 0, {("Budapest", "HUN", "city", "capital")},
                 id="an envoy is summoned to the summoning state's capital, not the envoy's"),
    pytest.param("Iraq summoned the Turkish ambassador to the foreign ministry in Erbil on "
                 "Thursday.",
                 0, {("Erbil", "IRQ", "city", "sentence")},
                 id="an envoy is summoned where the sentence says"),
    pytest.param("UNITED NATIONS, July 23 (Reuters) - The UN Security Council issued a "
                 "statement on Friday.\n\nThe Security Council condemns the announcement in "
                 "Cyprus by Turkish and Turkish Cypriot leaders on the reopening of Varosha.",
                 1, {("New York City", "USA", "city", "dateline")},
                 id="a statement is not placed where what it speaks of is"),
    pytest.param("ERBIL, Iraq (Reuters) - Iraq accused Turkey of violating its airspace.",
                 0, {("Erbil", "IRQ", "city", "dateline")},
                 id="an accusation is placed by the dateline, not in the accused state"),
    pytest.param("ERBIL, Iraq (Reuters) - Baghdad accused Ankara of violating its airspace.",
                 0, {("Baghdad", "IRQ", "city", "sentence"),  # the accusation
                     ("Erbil", "IRQ", "city", "dateline")},  # Turkey's violation, in Iraq
                 id="a government named by its capital speaks from there"),
    pytest.param("Rwanda and Mozambique have signed an agreement expanding the cooperation of "
                 "their security forces in the Cabo Delgado Province.\n\nRwandan troops were "
                 "deployed in Mozambique six months ago to fight insurgents.\n\nThe agreement "
                 "was signed at RDF headquarters in Kigali on Monday by the two chiefs of staff.",
                 0, {("Kigali", "RWA", "city", "article")},
                 id="a meeting or signing is where the article says the parties met"),
    pytest.param("Iranian Foreign Minister Hossein Amirabdollahian met Swiss President Alain "
                 "Berset at the World Economic Forum in Davos, Switzerland.",
                 0, {("Davos", "CHE", "city", "text")},
                 id="towns of five thousand people are places"),
    pytest.param("Two children died in Tehran's attack on Wednesday.\n\nIran violated the "
                 "airspace of Pakistan with missile strikes.",
                 1, {("Pakistan", "PAK", "country", "sentence")},
                 id="the owner of an act in a place phrase is its doer, not its place"),
    pytest.param("The United States and Papua New Guinea signed a new defense agreement Monday "
                 "as the Pentagon works to increase its influence in the Asia Pacific.\n\nU.S. "
                 "Secretary of State Antony Blinken met with the island nation's Deputy Prime "
                 "Minister John Rosso at Papua New Guinea's capital of Port Moresby to sign the "
                 "pact. President Joe Biden had been expected to attend but cut short his Asia "
                 "trip to return to Washington.",
                 0, {("Port Moresby", "PNG", "city", "article")},
                 id="the capital of a town names the town where the parties met"),
    pytest.param("During a session of parliament, the Japanese cabinet chief said that his "
                 "country maintains its will to reach a post-war peace treaty with Moscow.",
                 0, {("Tokyo", "JPN", "city", "capital")},
                 id="an act a speaker says will be done is a statement"),
    pytest.param("Putin said Russia would help Syria.",
                 0, {("Moscow", "RUS", "city", "capital")},
                 id="an act a speaker says will be done is a statement, from the capital"),
    pytest.param("The memorandum of understanding between the EU and Tunisia was signed today "
                 "by Prime Minister Giorgia Meloni and the Tunisian President Kais Saied. «Team "
                 "Europe is back in Tunis. We were here together a month ago to launch a new one "
                 "partnership with Tunisia. And today we carry it forward,” von der Leyen said "
                 "in a tweet.",
                 0, {("Tunis", "TUN", "city", "article")},
                 id="a large city the model calls a language is a place"),
    pytest.param("Indian and Chinese commanders are meeting in Ladakh's Nyoma on Tuesday as "
                 "Indian forces ramped up deployment along the border.",
                 0, {("Ladakh", "IND", "region", "text")},
                 id="a town the gazetteer lacks is placed in the region that owns it"),
    pytest.param("The Egyptian Air Force and its Sudanese counterpart began a military drill "
                 "at Sudan's Marwa air base on Saturday.",
                 0, {("Merowe Air Base", "SDN", "city", "text")},
                 id="a site named by a name and its kind is a place"),
    pytest.param("WASHINGTON (Reuters) - Venezuela on Saturday freed seven Americans "
                 "imprisoned in the country, a senior U.S. official said.",
                 0, {("Caracas", "VEN", "city", "capital")},
                 id="an act done on the actor's soil is not where the story is filed from"),
    pytest.param("South and North Korea agreed to end the war.\n\nThey announced the agreement "
                 "after the summit meeting between Moon and Kim held at the Peace House on the "
                 "southern side of the truce village of Panmunjeom.",
                 0, {("Panmunjom", "KOR", "city", "article")},
                 id="a meeting is held on the side of the place the phrase names"),
    pytest.param("IAEA chief Rafael Grossi told reporters he planned to meet Russian officials "
                 "during his upcoming visit to the Zaporozhye nuclear power plant.",
                 0, {("Zaporizhzhia Nuclear Power Plant", "UKR", "city", "sentence")},
                 id="a site's name is read before the town it is named after"),
    pytest.param("The International Court of Justice on Monday rejected Bolivia's claim "
                 "against Chile.",
                 0, {("The Hague", "NLD", "city", "capital")},
                 id="a court's ruling the text does not place is made at its seat"),
    pytest.param("December 16, 2023 (PORT SUDAN) – Sudan has confirmed the Chadian decision to "
                 "expel four diplomats.\n\nOn Saturday, Chad summoned the Sudanese envoy to "
                 "N'Djamena.\n\nSudan refused to apologize to Chad.",
                 2, {("Port Sudan", "SDN", "city", "dateline")},
                 id="a summons the opening places is no visit that takes the story there"),
]


@pytest.mark.parametrize(("text", "sentence", "places"), PLACES)
def test_events_are_placed_where_the_article_says_they_happened(pipeline, text, sentence,
                                                                 places):
    assert places_of(pipeline, text)[sentence] == places


def test_a_place_of_another_act_the_sentence_tells_of_is_not_the_event_s(pipeline):
    found = places_of(pipeline, "China and Bhutan held the 12th Expert Group Meeting on "
                                "Wednesday in Thimphu, Bhutan.\n\nChina and Bhutan agreed to "
                                "hold the next meeting in Beijing at an early date.\n\nDuring "
                                "the meeting, China and Bhutan reviewed the consensus reached at "
                                "the 11th meeting in Kunming, China.")
    # the agreement is made at this meeting; the next one will be in Beijing
    assert found[1] == {("Thimphu", "BTN", "city", "article"), ("Beijing", "CHN", "city", "text")}
    assert found[2] == {("Thimphu", "BTN", "city", "article")}
    found = places_of(pipeline, "Malaysian Prime Minister Anwar Ibrahim landed in Shanghai on "
                                "Monday.\n\nAnwar visited China's import expo and met Chinese "
                                "Premier Li Qiang before arriving in Beijing on Wednesday.")
    assert ("Shanghai", "CHN", "city", "article") in found[1]


def test_towns_of_five_thousand_people_are_in_the_gazetteer():
    davos = gazetteer().lookup("Davos")
    assert (davos.name, davos.kind, davos.country) == ("Davos", "city", "CHE")


def test_a_large_city_is_told_from_a_language_of_the_same_name():
    from detente.geo.locate import _large_city
    assert _large_city("Tunis") and not _large_city("Dari") and not _large_city("Thai")


def test_to_is_a_destination_only_after_going(pipeline):
    found = located(pipeline, "Australia's foreign minister will travel to Tonga on Friday.")
    assert next(iter(found.values())).name == "Tonga"
    pledge = located(pipeline, "Japan pledged a long-term commitment to Ukraine.")
    assert all(place is None or place.basis != "text" for place in pledge.values())


def test_continents_place_nothing(pipeline):
    found = located(pipeline, "The United States held talks with China in Asia.")
    assert all(place is None or place.name != "Asia" for place in found.values())


def test_into_is_a_place_only_after_going_in_or_firing(pipeline):
    fired = located(pipeline, "Egyptian jets fired missiles into Libya.")["EGY 194 LBY"]
    assert (fired.name, fired.basis) == ("Libya", "text")
    inquiry = located(pipeline, "Georgia opened an investigation into Russia over the "
                                "cyberattack.")["GEO 090 RUS"]
    assert (inquiry.name, inquiry.basis) == ("Tbilisi", "capital")  # what is looked into


def test_an_organisation_acted_on_is_reached_where_it_works_not_at_its_seat(pipeline):
    (place,) = located(pipeline, "Mali expelled the UN peacekeepers on Friday.").values()
    assert (place.name, place.basis) == ("Bamako", "capital")  # not New York


def test_a_district_many_cities_have_takes_the_city_named_with_it(pipeline):
    (shelled,) = located(pipeline, "Syrian troops shelled Free Syrian Army fighters in the "
                                   "Old City of Homs.").values()
    assert (shelled.name, shelled.country, shelled.basis) == ("Homs", "SYR", "text")
    (clash,) = located(pipeline, "Israeli police clashed with Palestinian protesters in the "
                                 "Old City.").values()
    assert clash.name != "Old City" and clash.basis == "capital"  # which city's, unsaid


def test_initials_are_no_small_town(pipeline):
    from detente.geo.locate import place_of
    doc = pipeline.nlp("Officials briefed the IG and then flew to KYIV and Ig.")
    initials, capitals, short = Span(doc, 2, 4, "GPE"), Span(doc, 8, 9, "GPE"), Span(
        doc, 10, 11, "GPE")
    assert (initials.text, capitals.text, short.text) == ("the IG", "KYIV", "Ig")
    assert place_of(initials, frozenset()) is None  # not Ig, a Slovenian village
    assert place_of(short, frozenset()) is None
    assert place_of(capitals, frozenset())[0].name == "Kyiv"  # a large city in capitals


def test_a_state_naming_whose_aid_is_no_place(pipeline):
    (cut,) = located(pipeline, "Britain cut UK humanitarian aid to the Afghan "
                               "government.").values()
    assert (cut.name, cut.basis) == ("London", "capital")  # not "UK" as where


def test_a_statement_is_not_placed_in_a_town_it_speaks_of(pipeline):
    found = located(pipeline, "Erdogan threatened to turn Afrin into a graveyard and urged "
                              "Syrian Kurds to leave.")
    assert (found["TUR 020 SYR"].name, found["TUR 020 SYR"].basis) == ("Ankara", "capital")


def test_a_state_named_as_whose_leader_is_a_side_not_a_place(pipeline):
    (spoke,) = located(pipeline, "Kenya's foreign minister spoke by phone with the president "
                                 "of Somalia.").values()
    assert (spoke.name, spoke.basis) == ("Mogadishu", "capital")  # a guess, not "Somalia"


def test_a_speaker_the_story_does_not_take_abroad_speaks_at_home(pipeline):
    text = ("Heavy fighting raged in Khartoum on Sunday.\n\n"
            "The United States condemned the Sudanese army for the attacks on civilians.")
    (condemned,) = located(pipeline, text).values()
    assert (condemned.name, condemned.basis) == ("Washington", "capital")
    (filed,) = located(pipeline, "KHARTOUM (Reuters) - " + text).values()
    assert (filed.name, filed.basis) == ("Khartoum", "dateline")  # filed where spoken


def test_an_act_tried_in_what_a_speaker_tells_is_no_statement(pipeline):
    found = located(pipeline, "A Russian drone was shot down while trying to attack "
                              "Ukrainian troops, the Ukrainian army said.")
    assert found["RUS 190 UKR"].name == "Kyiv"  # where the attack reached, not Moscow


FILLER = "\n\n".join(["Markets were calm through the week, and traders said prices of rice "
                      "and fish had barely moved since the spring, while analysts expected "
                      "little change before the new year."] * 16)


def test_the_opening_s_town_places_no_act_told_past_the_opening(pipeline):
    found = located(pipeline, f"Rebels freed two aid workers in Goma on Monday.\n\n{FILLER}"
                              "\n\nRwanda and Uganda have held talks on the rebels for years.")
    assert all(place.name != "Goma" for key, place in found.items() if " 046 " in key)


# -- tone --------------------------------------------------------------------------------

def test_tone_is_percent_positive_minus_percent_negative_words():
    assert tone("Israeli air strikes killed dozens in Khan Younis.") == pytest.approx(-25.0)
    assert tone("The leaders signed a peace agreement and praised the talks.") > 10
    assert tone("") == 0.0


def test_a_negation_turns_the_words_after_it():
    assert tone("Russia did not help the refugees.") < 0 < tone("Russia helped the refugees.")


def test_coded_articles_carry_their_tone(pipeline):
    article = Article("t.txt", ["Russian missiles killed civilians in Kharkiv, a horrific "
                                "attack condemned by Ukraine."], pub_date=DatePoint())
    assert pipeline.code(article).article.tone < -5


# -- GDELT's geo fields -----------------------------------------------------------------

def test_gdelt_geo_fields_of_a_city_a_state_and_nothing():
    row = {"location_name": "Geneva", "location_country": "CHE", "location_region": "SZGE",
           "location_lat": 46.20222, "location_lon": 6.14569, "location_precision": "city",
           "location_feature": "2660646"}
    assert location_geo(row) == [4, "Geneva, Switzerland", "SZ", "SZGE", None, 46.2022, 6.1457,
                                 "2660646"]
    assert location_geo({"location_name": None}) == [0, None, None, None, None, None, None,
                                                     None]
    assert country_geo("UKR")[:4] == [1, "Ukraine", "UP", "UP"]
    assert geo_type("region", "USA") == 2 and geo_type("city", "USA") == 3


@pytest.mark.parametrize(("text", "name", "found"), [
    ("They met in Ladakh's Nyoma.", "Ladakh's Nyoma", ("Ladakh", "region")),
    ("They met in Ladakh's Chushul.", "Ladakh's Chushul", ("Chushul", "city")),
    ("They met in Punjab's Lahore.", "Punjab's Lahore", ("Lahore", "city")),
    ("Seoul recognised the People's Republic.", "People's Republic", None),
])
def test_a_place_named_as_a_region_s_is_its_town_else_the_region(text, name, found):
    """A town the gazetteer lacks is placed in the region that owns it; an owner
    that is no place makes nothing a place ("the People's Republic" is no town
    called Republic)."""
    from detente.geo.locate import place_of
    from detente.nlp import load_pipeline

    doc = load_pipeline()(text)
    start = text.index(name)
    place = place_of(doc.char_span(start, start + len(name)), frozenset())
    assert (place[0].name, place[1]) == found if found else place is None
