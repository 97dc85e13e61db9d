"""Actors of everyday news that no one names a state for: the trades and offices
of a local story (a rector, a chief executive, a county prosecutor, a lawyer), a
company by its legal suffix, a US station by its call sign, a nation's people in
the bare plural, and the leaders of the last century that today's pages recall."""

from __future__ import annotations

import pytest

from tests.actors.test_actor_context import code_of

DAY = "2023-12-08"


@pytest.mark.parametrize(("text", "mention", "code"), [
    # the story's state gives the side, the trade gives the sector
    ("Czech police said the gunman had studied at Charles University in Prague. "
     "The university's rector, Milena Kralova, cancelled lectures.",
     "The university's rector, Milena Kralova", "CZEEDU"),
    ("Egypt's telecoms market is growing. Samir Fahmy, CEO of Delta Networks, "
     "signed the contract in Cairo.", "Samir Fahmy, CEO of Delta Networks", "EGYBUS"),
    ("Massachusetts State Police said the man died. The Norfolk district attorney "
     "charged his brother.", "The Norfolk district attorney", "USAJUD"),
    ("A French lawyer said the trial in Paris was unfair.", "A French lawyer", "FRACVL"),
    ("Israeli warplanes struck Khan Younis overnight.", "Israeli warplanes", "ISRMIL"),
    # sector words as Phoenix's agents dictionary codes them
    ("Philippine vessels were blocked by the Chinese coast guard.", "the Chinese coast guard",
     "CHNMIL"),
    ("Armed Israeli settlers burned olive groves.", "Armed Israeli settlers", "ISRCVL"),
    ("Russian drones hit a power plant in Odesa.", "Russian drones", "RUSMIL"),
])
def test_a_trade_or_office_takes_the_sector_it_names(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day=DAY) == code


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("HOUSTON, Texas - Othram Inc. helped police identify the man.", "Othram Inc.",
     "USABUS"),
    ("Shares of Barclays PLC fell in London after the British bank's results.",
     "Barclays PLC", "GBRBUS"),
])
def test_a_company_is_known_by_its_legal_suffix(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day=DAY) == code


def test_a_us_station_is_known_by_its_call_sign(pipeline):
    text = "WCVB-TV reported that the Norwood officer was shot in Massachusetts."
    assert code_of(pipeline, text, "WCVB-TV", day=DAY) == "USAMED"
    # four capitals and a service that are no call sign stay no actor
    assert code_of(pipeline, "The ABCD-TV format was dropped.", "ABCD-TV", day=DAY) is None


def test_a_nation_in_the_bare_plural_is_its_people_and_with_the_article_its_state(pipeline):
    assert code_of(pipeline, "Britons are worried about prices, the poll found.", "Britons",
                   day=DAY) == "GBRCVL"
    assert code_of(pipeline, "The Americans rejected the Russian proposal at the talks.",
                   "The Americans", day=DAY) == "USA"


@pytest.mark.parametrize(("text", "mention", "day", "code"), [
    ("Kennedy demanded that Khrushchev remove the missiles.", "Khrushchev", "1962-10-22",
     "SUNGOV"),
    ("Churchill met Roosevelt and Stalin at Yalta.", "Stalin", "1945-02-04", "SUNGOV"),
    ("Churchill met Roosevelt and Stalin at Yalta.", "Churchill", "1945-02-04", "GBRGOV"),
    ("Adenauer signed the treaty with de Gaulle.", "Adenauer", "1963-01-22", "FRGGOV"),
    # recalled today, a leader long gone is a former office holder of that state
    ("The candidate's words echoed Hitler.", "Hitler", DAY, "DEUELI"),
])
def test_leaders_of_the_last_century_resolve_on_the_day(pipeline, text, mention, day, code):
    assert code_of(pipeline, text, mention, day=day) == code


def test_a_party_committee_is_the_party_not_the_senate(pipeline):
    text = "The National Republican Senate Committee attacked the ad."
    assert code_of(pipeline, text, "The National Republican Senate Committee",
                   day=DAY) == "USAPTY"


@pytest.mark.parametrize(("text", "mention", "code"), [
    # the tagger takes "Britons" before "who" for a singular name; the dictionary knows
    ("The visa rule applies to Britons who wish to bring family members to the UK.",
     "Britons", "GBRCVL"),
    ("Polls show African Americans are turning away from the president.",
     "African Americans", "USACVL"),
])
def test_a_people_named_in_the_plural_are_civilians(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day=DAY) == code


def test_a_word_of_a_places_own_name_gives_no_sector(pipeline):
    # "Bank" in "the West Bank" is no bank (it gave PSEBUS)
    text = "Israeli troops raided Jenin in the West Bank. The West Bank has seen rising violence."
    assert code_of(pipeline, text, "The West Bank", day=DAY) == "PSE"


@pytest.mark.parametrize(("text", "mention", "code"), [
    # a generic title keeps the body's own sector
    ("A spokesman for Hamas rejected the offer.", "A spokesman for Hamas", "PSEREB"),
    ("The leader of the Labour Party attacked the plan.", "The leader of the Labour Party",
     "GBRPTY"),
    # the parser hangs "of" on "general"; the title is still the organisation's
    ("The secretary-general of the United Nations urged a ceasefire.",
     "The secretary-general of the United Nations", "IGOUNO"),
    # the one who heads a body, by a plain word for it, is the body's
    ("The head of the World Bank flew to Accra.", "The head of the World Bank", "IGOWB"),
    ("The chief of the Arab League spoke first.", "The chief of the Arab League", "IGOARL"),
    ("The head of the Pakistani navy inspected the port.", "The head of the Pakistani navy",
     "PAKMIL"),
])
def test_an_officer_of_a_body_is_of_that_body(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day=DAY) == code


@pytest.mark.parametrize(("text", "mention", "day", "code"), [
    ("Sam Altman said OpenAI would keep its board.", "Sam Altman", "2023-12-01", "USABUS"),
    # out of office for five days in November 2023
    ("Sam Altman said he would join Microsoft.", "Sam Altman", "2023-11-20", "USAELI"),
    ("Musk sued OpenAI in San Francisco.", "Musk", "2024-03-01", "USABUS"),
])
def test_heads_of_the_largest_companies_are_business(pipeline, text, mention, day, code):
    assert code_of(pipeline, text, mention, day=day) == code


@pytest.mark.parametrize(("text", "mention", "code"), [
    # a family name that is a country's name is no country
    ("Rep. Jim Jordan said the inquiry would go on.", "Rep. Jim Jordan", "USALEG"),
    # a known person's name with "Jr." is the son, someone the dictionary lacks
    ("Robert F. Kennedy Jr. announced an independent run.", "Robert F. Kennedy Jr.", None),
])
def test_a_name_is_not_taken_for_a_namesake(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day=DAY) == code


@pytest.mark.parametrize(("text", "mention", "day", "code"), [
    ("Speaker Mike Johnson said the border bill was dead.", "Speaker Mike Johnson",
     "2023-12-19", "USALEG"),
    ("Chuck Schumer said the Senate would stay.", "Chuck Schumer", "2023-12-19", "USALEG"),
    ("Alejandro Mayorkas faced impeachment.", "Alejandro Mayorkas", "2024-02-13", "USAGOV"),
    ("Christopher Wray warned of threats.", "Christopher Wray", "2023-12-19", "USACOP"),
    ("William Burns travelled to Qatar.", "William Burns", "2023-11-28", "USASPY"),
    ("Keir Starmer attacked the Rwanda plan.", "Keir Starmer", "2023-12-19", "GBROPP"),
    ("Itamar Ben-Gvir called for settlements in Gaza.", "Itamar Ben-Gvir", "2024-01-02",
     "ISRGOV"),
    ("Peskov said Moscow would respond.", "Peskov", "2023-12-19", "RUSGOV"),
    ("Martin Griffiths warned of famine in Gaza.", "Martin Griffiths", "2023-12-19",
     "IGOOCHA"),
])
def test_the_officials_of_todays_news_resolve_on_the_day(pipeline, text, mention, day, code):
    assert code_of(pipeline, text, mention, day=day) == code


@pytest.mark.parametrize(("text", "mention"), [
    # a head of nobody the text names, and a head that is no one's office
    ("The head of the delegation said little.", "The head of the delegation"),
    ("A stone hit him in the head in Kyiv.", "the head"),
])
def test_a_head_of_no_named_body_is_no_one(pipeline, text, mention):
    assert code_of(pipeline, text, mention, day=DAY) is None


@pytest.mark.parametrize(("text", "mention", "code"), [
    # the parser hangs "from" on the verb; after refugees it still says whose they are
    ("Spain took in refugees from Sudan last year.", "refugees from Sudan", "SDNREF"),
    ("Italy returned asylum seekers from Tunisia.", "asylum seekers from Tunisia", "TUNREF"),
    ("The mayor wants to use a school to shelter refugees from Yemen.", "refugees from Yemen",
     "YEMREF"),
])
def test_refugees_from_a_state_are_that_states_refugees(pipeline, text, mention, code):
    assert code_of(pipeline, text, mention, day=DAY) == code
