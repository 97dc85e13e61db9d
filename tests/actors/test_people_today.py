"""People in the news of 2015–2025 resolve to the office they held on the day:
heads of state and government, foreign and defence ministers, UN ambassadors,
heads of international organisations and leaders of armed groups."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.dictionary import actor_code, actor_dictionary
from detente.evaluation.actors import read_article
from detente.ingest.readers import article_from_clean_text


def code_on(name: str, day: str) -> str | None:
    role = actor_dictionary().role_on(name, date.fromisoformat(day))
    return None if role is None else actor_code(role.country, role.sector)


@pytest.mark.parametrize(("name", "day", "code"), [
    ("Anwar Ibrahim", "2023-09-17", "MYSGOV"),
    ("Denys Shmyhal", "2024-02-19", "UKRGOV"),   # prime minister
    ("Denys Shmyhal", "2025-09-01", "UKRGOV"),   # then defence minister
    ("Olaf Scholz", "2024-07-02", "DEUGOV"),
    ("Donald Tusk", "2024-07-02", "POLGOV"),     # prime minister again, not the EU
    ("Donald Tusk", "2016-07-02", "IGOEU"),      # president of the European Council
    ("Abdel Fattah el-Sisi", "2019-04-10", "EGYGOV"),
    ("Tamim bin Hamad Al Thani", "2017-06-05", "QATGOV"),
    ("Mahmoud Abbas", "2023-10-20", "PSEGOV"),
    ("Mohammad Mustafa", "2024-06-01", "PSEGOV"),
    ("Sergei Shoigu", "2022-03-01", "RUSGOV"),
    ("Lloyd Austin", "2023-01-10", "USAGOV"),
    ("Nikki Haley", "2018-04-14", "USAGOV"),
    ("Vasily Nebenzya", "2022-02-24", "RUSGOV"),
    ("Asim Munir", "2025-05-10", "PAKMIL"),
    ("Andrzej Duda", "2022-03-01", "POLGOV"),
    ("Narendra Modi", "2024-06-09", "INDGOV"),
    ("Rajnath Singh", "2020-06-20", "INDGOV"),
    ("Yoav Gallant", "2023-10-09", "ISRGOV"),
    ("Pham Minh Chinh", "2023-09-10", "VNMGOV"),
    ("Paetongtarn Shinawatra", "2024-10-01", "THAGOV"),
    ("Lai Ching-te", "2024-06-01", "TWNGOV"),
    ("Bola Tinubu", "2024-01-01", "NGAGOV"),
    ("Ibrahim Traoré", "2024-01-01", "BFAGOV"),
    ("Abdel Fattah al-Burhan", "2023-05-01", "SDNGOV"),
    ("Nicolás Maduro", "2019-02-01", "VENGOV"),
    ("Aleksandar Vučić", "2023-12-17", "SRBGOV"),
    ("Christopher Luxon", "2024-03-01", "NZLGOV"),
])
def test_office_holders_resolve_on_the_day(name, day, code):
    assert code_on(name, day) == code


@pytest.mark.parametrize(("name", "day", "code"), [
    ("António Guterres", "2023-06-01", "IGOUNO"),
    ("Jens Stoltenberg", "2022-06-29", "IGONATO"),
    ("Mark Rutte", "2025-06-24", "IGONATO"),
    ("Mark Rutte", "2023-06-24", "NLDGOV"),
    ("Rafael Grossi", "2022-09-01", "IGOIAEA"),
    ("Yukiya Amano", "2015-07-14", "IGOIAEA"),
    ("Tedros Adhanom Ghebreyesus", "2020-03-11", "IGOWHO"),
    ("Tedros Adhanom Ghebreyesus", "2015-03-11", "ETHGOV"),
    ("Kristalina Georgieva", "2022-10-01", "IGOIMF"),
    ("Christine Lagarde", "2016-01-01", "IGOIMF"),
    ("Ajay Banga", "2024-01-01", "IGOWB"),
    ("David Malpass", "2020-01-01", "IGOWB"),
    ("Moussa Faki Mahamat", "2020-01-01", "IGOAU"),
    ("Kao Kim Hourn", "2024-01-01", "IGOASEAN"),
    ("Omar Alieu Touray", "2024-01-01", "IGOECOWAS"),
    ("Ahmed Aboul Gheit", "2023-10-14", "IGOARL"),
    ("Haitham al-Ghais", "2023-01-01", "IGOOPEC"),
    ("Mohammed Barkindo", "2020-04-12", "IGOOPEC"),
    ("Karim Khan", "2024-05-20", "IGOICC"),
    ("Fatou Bensouda", "2019-01-01", "IGOICC"),
    ("Joan Donoghue", "2024-01-26", "IGOICJ"),
    ("Nawaf Salam", "2024-07-19", "IGOICJ"),
    ("Nawaf Salam", "2025-03-01", "LBNGOV"),
    ("Volker Türk", "2023-01-01", "IGOOHCHR"),
    ("Ngozi Okonjo-Iweala", "2022-01-01", "IGOWTO"),
])
def test_heads_of_international_organisations_resolve_to_the_organisation(name, day, code):
    assert code_on(name, day) == code


@pytest.mark.parametrize(("name", "day", "code"), [
    ("Ismail Haniyeh", "2023-10-20", "PSEREB"),
    ("Yahya Sinwar", "2024-08-10", "PSEREB"),
    ("Hassan Nasrallah", "2024-01-03", "LBNREB"),
    ("Naim Qassem", "2025-01-01", "LBNREB"),
    ("Abdul-Malik al-Houthi", "2024-01-12", "YEMREB"),
    ("Mohamed Hamdan Dagalo", "2021-06-01", "SDNGOV"),  # deputy head of state
    ("Mohamed Hamdan Dagalo", "2024-06-01", "SDNMIL"),  # the RSF at war
    ("Yevgeny Prigozhin", "2023-06-24", "RUSMIL"),
    ("Hibatullah Akhundzada", "2020-02-29", "AFGREB"),  # the insurgency
    ("Hibatullah Akhundzada", "2022-02-01", "AFGGOV"),  # the Taliban in power
    ("Ahmed al-Sharaa", "2020-01-01", "SYRREB"),
    ("Ahmed al-Sharaa", "2025-05-14", "SYRGOV"),
])
def test_leaders_of_armed_groups_are_their_groups_codes(name, day, code):
    assert code_on(name, day) == code


def test_a_leader_out_of_office_has_no_role_and_a_shared_name_follows_the_date():
    assert code_on("Bashar al-Assad", "2025-02-01") is None
    assert code_on("Hafez al-Assad", "1995-01-01") == "SYRGOV"
    assert code_on("Bashar al-Assad", "2015-01-01") == "SYRGOV"


def who(pipeline, text: str, mention: str, day: str) -> str | None:
    article = article_from_clean_text("test", text)
    start = text.index(mention)
    found, _ = read_article(pipeline, article, date.fromisoformat(day),
                            [(start, start + len(mention))])
    return found[0].code if found[0] else None


@pytest.mark.parametrize(("text", "mention", "day", "code"), [
    # people with roles for two codes: the date says which (Tusk: the EU, then Poland)
    ("Donald Tusk met Olaf Scholz in Berlin.", "Donald Tusk", "2024-07-02", "POLGOV"),
    ("Donald Tusk met Angela Merkel in Berlin.", "Donald Tusk", "2016-07-02", "IGOEU"),
    ("Ursula von der Leyen met Olaf Scholz in Berlin.", "Ursula von der Leyen", "2024-07-02",
     "IGOEU"),
    ("Stoltenberg visited Kyiv.", "Stoltenberg", "2023-04-20", "IGONATO"),
    ("Donald Tusk met Olaf Scholz in Berlin.", "Olaf Scholz", "2024-07-02", "DEUGOV"),
    ("Shmyhal thanked Japan for its aid.", "Shmyhal", "2024-02-19", "UKRGOV"),
    ("Sisi received the delegation in Cairo.", "Sisi", "2023-10-20", "EGYGOV"),
    ("Assad met Putin in Moscow.", "Assad", "2015-10-21", "SYRGOV"),
    ("Guterres urged a ceasefire.", "Guterres", "2023-10-18", "IGOUNO"),
    ("Hemedti rejected the talks.", "Hemedti", "2024-06-01", "SDNMIL"),
])
def test_names_in_text_resolve_on_the_day(pipeline, text, mention, day, code):
    assert who(pipeline, text, mention, day) == code
