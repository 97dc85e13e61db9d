"""Language identification: pages not in English are skipped with a reason that
names their language, fast enough to run on every article."""

from __future__ import annotations

import time

import pytest

from detente.ingest.language import identify, languages
from detente.ingest.readers import IngestFailure, read_articles

PARAGRAPHS = {
    "en": "The two governments said on Tuesday that they would reopen the border crossing "
          "after three years of talks, and that the first trucks could pass before the end "
          "of the month if the weather allows it.",
    "de": "Die beiden Regierungen teilten am Dienstag mit, dass sie den Grenzübergang nach "
          "drei Jahren der Verhandlungen wieder öffnen werden. Die ersten Lastwagen könnten "
          "noch vor dem Ende des Monats passieren, wenn das Wetter es zulässt.",
    "fr": "Les deux gouvernements ont annoncé mardi qu'ils rouvriraient le poste frontière "
          "après trois années de négociations, et que les premiers camions pourraient passer "
          "avant la fin du mois si le temps le permet.",
    "es": "Los dos gobiernos anunciaron el martes que reabrirán el paso fronterizo tras tres "
          "años de negociaciones, y que los primeros camiones podrían cruzar antes del final "
          "del mes si el tiempo lo permite.",
    "it": "I due governi hanno annunciato martedì che riapriranno il valico di frontiera dopo "
          "tre anni di trattative, e che i primi camion potrebbero passare prima della fine "
          "del mese se il tempo lo permette.",
    "pt": "Os dois governos anunciaram na terça-feira que vão reabrir a passagem de fronteira "
          "depois de três anos de negociações, e que os primeiros camiões poderão passar antes "
          "do fim do mês se o tempo o permitir.",
    "nl": "De twee regeringen maakten dinsdag bekend dat zij de grensovergang na drie jaar "
          "van onderhandelingen weer openen. De eerste vrachtwagens kunnen nog voor het einde "
          "van de maand passeren als het weer het toelaat.",
    "sv": "De två regeringarna meddelade på tisdagen att de ska öppna gränsövergången igen "
          "efter tre års förhandlingar, och att de första lastbilarna kan passera före "
          "månadens slut om vädret tillåter det.",
    "pl": "Oba rządy ogłosiły we wtorek, że po trzech latach rozmów ponownie otworzą przejście "
          "graniczne, a pierwsze ciężarówki mogą przejechać jeszcze przed końcem miesiąca, "
          "jeśli pogoda na to pozwoli.",
    "tr": "İki hükümet salı günü yaptıkları açıklamada, üç yıllık görüşmelerin ardından sınır "
          "kapısını yeniden açacaklarını ve hava koşulları uygun olursa ilk kamyonların ay "
          "sonundan önce geçebileceğini bildirdi.",
    "id": "Kedua pemerintah mengumumkan pada hari Selasa bahwa mereka akan membuka kembali "
          "pos perbatasan setelah tiga tahun perundingan, dan truk pertama dapat melintas "
          "sebelum akhir bulan jika cuaca mengizinkan.",
    "ru": "Правительства двух стран объявили во вторник, что после трёх лет переговоров "
          "вновь откроют пограничный переход, и первые грузовики смогут пройти ещё до конца "
          "месяца, если позволит погода.",
    "uk": "Уряди двох країн оголосили у вівторок, що після трьох років переговорів знову "
          "відкриють прикордонний перехід, і перші вантажівки зможуть проїхати ще до кінця "
          "місяця, якщо дозволить погода.",
    "el": "Οι δύο κυβερνήσεις ανακοίνωσαν την Τρίτη ότι θα ανοίξουν ξανά το συνοριακό "
          "πέρασμα μετά από τρία χρόνια διαπραγματεύσεων και ότι τα πρώτα φορτηγά θα "
          "μπορούσαν να περάσουν πριν από το τέλος του μήνα.",
    "ar": "أعلنت الحكومتان يوم الثلاثاء أنهما ستعيدان فتح المعبر الحدودي بعد ثلاث سنوات من "
          "المفاوضات، وأن الشاحنات الأولى قد تعبر قبل نهاية الشهر إذا سمح الطقس بذلك.",
    "ko": "두 정부는 화요일 3년간의 협상 끝에 국경 검문소를 다시 열겠다고 발표했으며, "
          "날씨가 허락하면 첫 트럭들이 이달 말 이전에 통과할 수 있다고 밝혔다.",
    "ja": "両政府は火曜日、三年間の交渉を経て国境検問所を再開すると発表し、天候が許せば"
          "最初のトラックが月末までに通過できる見通しだと述べた。",
    "zh": "两国政府周二宣布，经过三年的谈判，将重新开放边境口岸，如果天气允许，第一批卡车"
          "可能在月底前通过。",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_each_paragraph_is_recognised_in_its_language(code):
    found = identify(PARAGRAPHS[code])
    assert found is not None and found.code == code


def test_every_known_language_has_a_name_and_a_script():
    assert len(languages()) >= 12
    assert all(known.name and known.script for known in languages())


def test_text_in_an_unknown_language_is_not_guessed():
    assert identify("Hai chính phủ hôm thứ Ba thông báo sẽ mở lại cửa khẩu biên giới sau ba "
                    "năm đàm phán, và những chiếc xe tải đầu tiên có thể đi qua.") is None
    assert identify("12345 67890 ... ---") is None


@pytest.mark.parametrize(("code", "reason"), [
    ("fr", "skipped: page is in French (fr), not English"),
    ("ru", "skipped: page is in Russian (ru), not English"),
    ("ko", "skipped: page is in Korean (ko), not English"),
])
def test_a_page_in_another_language_is_skipped_naming_it(tmp_path, code, reason):
    page = tmp_path / f"{code}.txt"
    page.write_text(PARAGRAPHS[code] + "\n\n" + PARAGRAPHS[code].upper() + "\n", "utf-8")
    english = tmp_path / "en.txt"
    english.write_text(PARAGRAPHS["en"] + "\n\n" + PARAGRAPHS["en"].upper() + "\n", "utf-8")
    results = list(read_articles([english, page]))
    assert not isinstance(results[0], IngestFailure)
    assert isinstance(results[1], IngestFailure) and results[1].message == reason
    assert str(results[1]) == f"{page}: {reason}"


def test_identification_takes_under_a_millisecond_per_article():
    article = " ".join([PARAGRAPHS["en"]] * 40)  # about 1,500 words
    identify(article)
    best = min(_seconds(lambda: identify(article)) for _ in range(20))
    assert best < 0.001


def _seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started
