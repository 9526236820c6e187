"""More own test articles (tests/articles): akimat and ministry notices written in the inverted order of
official notices, a court report whose verdict date is in another sentence, a nepotism investigation with
in-law terms (зять, сват, құда, келін), an English wire story with Western names and dismissals, an English
court report with an active "a court sentenced X", and an English akimat notice. Each test says what must be
extracted: persons in the nominative, kin ties in the right direction, posts with their organisations in
full, and no invented dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from tamyr.extract import extract_file
from tamyr.extract.core import sentences
from tamyr.extract.ner_ru import person_spans, person_spans_full
from tamyr.extract.core import KAZAKH_TO_RUSSIAN

ARTICLES = Path(__file__).parent / "articles"


def load(name: str, **kw):
    x, _, _ = extract_file(ARTICLES / name, **kw)
    return x.ftm()


def persons(ents):
    return {e["properties"]["name"][0]: e for e in ents if e["schema"] == "Person"}


def person(ents, name):
    found = persons(ents)
    assert name in found, f"no person {name!r} in {sorted(found)}"
    return found[name]


def occupancies(ents, holder):
    by_id = {e["id"]: e for e in ents}
    out = {}
    for o in ents:
        if o["schema"] == "Occupancy" and o["properties"]["holder"] == [holder["id"]]:
            post = by_id[o["properties"]["post"][0]]
            org = post["properties"].get("organization")
            props = dict(o["properties"])
            props["org"] = by_id[org[0]]["properties"]["name"][0] if org else None
            out[post["properties"]["name"][0]] = props
    return out


def tie(ents, a, b):
    ties = [f["properties"] for f in ents if f["schema"] == "Family"
            and f["properties"]["person"] == [a["id"]] and f["properties"]["relative"] == [b["id"]]]
    assert ties, f"no kin tie {a['properties']['name']} -> {b['properties']['name']}"
    return ties[0]


def sanction_of(ents, who):
    (s,) = [e for e in ents if e["schema"] == "Sanction" and e["properties"]["entity"] == [who["id"]]]
    return {**s["properties"], **s.get("tamyr", {})}


def all_dates(ents):
    return {v for e in ents for k, vs in e["properties"].items() if k.endswith("Date") or k == "publishedAt"
            for v in vs} | {v for e in ents for k, vs in e.get("tamyr", {}).items() if k.endswith("Date") for v in vs}


# -- Russian --------------------------------------------------------------------------------------

def test_akimat_notice_post_before_verb_and_dismissal_without_post():
    ents = load("ru_akimat_notice.txt")
    ruslan = person(ents, "Руслан Сабитович Аманжолов")
    occ = occupancies(ents, ruslan)
    assert occ["заместитель акима области"]["status"] == ["appointed"]
    assert occ["руководитель управления строительства Карагандинской области"]["status"] == ["former"]
    gulnar = person(ents, "Гүлнар Тасболатқызы Серікбаева")
    assert gulnar["properties"]["gender"] == ["female"]
    edu = occupancies(ents, gulnar)["руководитель управления образования Карагандинской области"]
    assert edu["status"] == ["appointed"] and edu["org"] == "управление образования Карагандинской области"
    # the akim who signs the order is not appointed to anything
    assert not occupancies(ents, person(ents, "Ермек Бекмұхаметов")).get("заместитель акима области")
    dinara = person(ents, "Динара Ахметжанова")
    assert occupancies(ents, dinara)["post not stated"]["status"] == ["dismissed"]
    # "Дата публикации: 14.02.2024" is the only date: no other is invented
    assert all_dates(ents) <= {"2024-02-14"}


def test_ministry_notice_organisations_in_full():
    ents = load("ru_ministry_notice.txt")
    serik = person(ents, "Серік Жақсыбеков")
    occ = occupancies(ents, serik)["председатель Комитета государственных доходов Министерства финансов Республики Казахстан"]
    assert occ["status"] == ["dismissed"]
    assert occ["org"] == "Комитет государственных доходов Министерства финансов Республики Казахстан"
    botagoz = person(ents, "Ботагөз Жақсылыққызы Жардемова")
    occ = occupancies(ents, botagoz)["вице-министр юстиции"]
    assert occ["status"] == ["appointed"] and occ["org"] == "Министерство юстиции"
    nurlybek = person(ents, "Нұрлыбек Мұхтарұлы Оспанов")
    occ = occupancies(ents, nurlybek)["посол Республики Казахстан в Австрийской Республике"]
    assert occ["org"] == "Посольство Республики Казахстан в Австрийской Республике"
    assert not occupancies(ents, person(ents, "Азамат Ескараев"))


def test_minister_of_justice_gives_the_ministry_not_the_republic():
    ents = load("ru_appointment_notice.txt")
    occ = occupancies(ents, person(ents, "Марат Бекетаев"))["министр юстиции Республики Казахстан"]
    assert occ["org"] == "Министерство юстиции Республики Казахстан"


def test_court_verdict_date_in_another_sentence_dates_the_release():
    ents = load("ru_court_verdict_date.txt")
    berik = person(ents, "Берик Оспанов")
    s = sanction_of(ents, berik)
    assert s["verdictDate"] == ["2023-05-12"] and s["charge"] == ["bribery"]
    assert s["sentenceMonths"] == ["84"]  # "приговорил его к семи годам"
    assert s["releaseDate"] == ["2025-05-12"] and s["releaseReason"] == ["parole"]
    assert occupancies(ents, berik)["аким города Талдыкорган"]["org"] == "Акимат города Талдыкорган"
    kairat = person(ents, "Қайрат Оспанов")
    assert tie(ents, kairat, berik)["relationship"] == ["brother"]  # "Его брат Қайрат Оспанов"


def test_nepotism_in_law_terms_and_directions():
    ents = load("ru_nepotism_inlaws.txt")
    yerzhan = person(ents, "Ержан Бекмұратов")
    talgat = person(ents, "Талғат Әбдірахманов")
    aigerim = person(ents, "Айгерім Садыққызы Нұрланова")
    bolat = next(p for n, p in persons(ents).items() if "Жұмабаев" in n)
    # зять: Yerzhan is Bolat's son-in-law, so Bolat is Yerzhan's parent-in-law
    assert tie(ents, yerzhan, bolat)["relationship"][0] in ("father-in-law", "parent-in-law", "mother-in-law")
    assert tie(ents, aigerim, bolat)["tamyr:relationshipTerm" if False else "relationship"][0].endswith("-in-law")
    assert "co-" in tie(ents, bolat, talgat)["relationship"][0]  # сват
    ties = [f for f in ents if f["schema"] == "Family" and {f["properties"]["person"][0], f["properties"]["relative"][0]}
            == {talgat["id"], yerzhan["id"]}]
    assert ties and ties[0]["tamyr"]["relationshipTerm"] == ["құда"]
    assert occupancies(ents, bolat)["депутат Мажилиса"]["org"] == "Мажилис"
    assert "Мажилиса" not in " ".join(persons(ents))  # the NER's "Мажилиса Болату ..." is trimmed


def test_dative_masculine_name_in_nominative():
    ents = load("ru_nepotism_inlaws.txt")
    bolat = person(ents, "Болат Жұмабаев")
    assert bolat["properties"]["gender"] == ["male"]


# -- English --------------------------------------------------------------------------------------

def test_wire_story_western_names_dismissal_and_in_law():
    ents = load("en_wire_dismissal.txt")
    names = set(persons(ents))
    assert {"Karl Weber", "Thomas Berg", "Sarah Collins", "Michael Brown"} <= names
    assert "Nordwind Solar" not in names and "KPMG" not in names
    weber, berg = person(ents, "Karl Weber"), person(ents, "Thomas Berg")
    assert occupancies(ents, weber)["post not stated"]["status"] == ["dismissed"]
    assert tie(ents, berg, weber)["relationship"][0] in ("father-in-law", "parent-in-law")
    collins = occupancies(ents, person(ents, "Sarah Collins"))
    assert collins["acting head of the department"]["status"] == ["appointed"]
    assert collins["auditor at KPMG"]["status"] == ["former"]
    brown = occupancies(ents, person(ents, "Michael Brown"))  # "the chief financial officer of Nordwind Solar, Michael Brown, resigned"
    assert brown["chief financial officer of Nordwind Solar"]["status"] == ["former"]
    assert brown["chief financial officer of Nordwind Solar"]["org"] == "Nordwind Solar"
    # "March 4" has no year and there is no --date: no date for it (only "since 2019" is stated)
    assert all_dates(ents) == {"2019"}
    assert occupancies(ents, weber)["head of the subsidies department"]["startDate"] == ["2019"]


def test_wire_story_partial_date_gets_the_year_from_date_option():
    ents = load("en_wire_dismissal.txt", date="2024-03-05")
    assert all_dates(ents) <= {"2024-03-05", "2024-03-04", "2019"}


def test_english_court_verdict_in_opening_phrase_and_release_two_years_later():
    ents = load("en_court_verdict_before.txt")
    yerlan = person(ents, "Yerlan Sadykov")
    s = sanction_of(ents, yerlan)
    assert s["verdictDate"] == ["2023-05-12"] and s["sentenceMonths"] == ["72"]
    assert s["amount"] == ["40000000"] and s["currency"] == ["KZT"] and s["charge"] == ["bribery"]
    assert s["releaseDate"] == ["2025-05-12"] and s["releaseReason"] == ["health"]
    assert occupancies(ents, yerlan)["deputy akim of Almaty"]["org"] == "Akimat of Almaty"
    dana = person(ents, "Dana Sadykova")
    assert tie(ents, dana, yerlan)["relationship"] == ["father"]
    assert occupancies(ents, dana)["Deputy Head of the Almaty City Department of Health"]["startDate"] == ["2024"]


def test_english_akimat_notice_embassy_akimat_and_signatory():
    ents = load("en_akimat_notice.txt")
    nurlan = person(ents, "Nurlan Yermekovich Baimakhanov")
    occ = occupancies(ents, nurlan)
    assert list(occ) == ["Ambassador of Kazakhstan to Austria"]  # not "Head of State"
    assert occ["Ambassador of Kazakhstan to Austria"]["org"] == "Embassy of Kazakhstan in Austria"
    # the dateline is the publication date, not a stated start date: none is invented
    assert "startDate" not in occ["Ambassador of Kazakhstan to Austria"]
    (article,) = [e for e in ents if e["schema"] == "Article"]
    assert article["properties"]["publishedAt"] == ["2024-06-03"]
    aliya = occupancies(ents, person(ents, "Aliya Serikkyzy Zhakupova"))
    assert aliya["Deputy Akim of Kostanay Region"]["org"] == "Akimat of Kostanay Region"
    assert "Akim of Kostanay Region" not in aliya  # she is appointed by the akim, not the akim
    assert aliya["head of the regional department of agriculture"]["status"] == ["former"]  # "She previously served as"
    assert occupancies(ents, person(ents, "Marat Utemisov"))["post not stated"]["status"] == ["dismissed"]


def test_pronoun_takes_the_gender_that_fits():
    from tamyr.extract import extract_text

    x = extract_text("Aliya Serikkyzy Zhakupova met Marat Utemisov. Later Utemisov said she had been appointed "
                     "Deputy Akim of Kostanay Region.")
    ents = x.ftm()
    assert "Deputy Akim of Kostanay Region" in occupancies(ents, person(ents, "Aliya Serikkyzy Zhakupova"))


# -- speed machinery keeps natasha's answers ------------------------------------------------------

def test_windowed_ner_finds_the_same_names_as_natasha_on_the_whole_text():
    for path in sorted(ARTICLES.glob("ru_*.txt")):
        text = path.read_text(encoding="utf-8").translate(KAZAKH_TO_RUSSIAN)
        assert person_spans(text) == sorted(set(person_spans_full(text))), path.name


def test_sentences_cover_long_text_in_pieces():
    text = "Слово, " * 2000
    spans = sentences(text)
    assert len(spans) > 1 and all(s.end - s.start <= 1500 for s in spans)


def test_decree_with_surname_first_kazakh_sentence_and_new_minister():
    ents = load("ru_decree_surname_first.txt", date="2024-11-01")
    marat = person(ents, "Бекетаев Марат Бакытжанович")  # the NER drops "Бекетаев"; the surname is taken back in
    assert marat["properties"]["lastName"] == ["Бекетаев"] and marat["properties"]["firstName"] == ["Марат"]
    occ = occupancies(ents, marat)
    assert occ["Министр юстиции Республики Казахстан"]["org"] == "Министерство юстиции Республики Казахстан"
    # "Новый министр ранее работал заместителем ...": the new minister's earlier post
    assert occ["заместитель Руководителя Администрации Президента"]["status"] == ["former"]
    aigul = occupancies(ents, person(ents, "Айгүл Бекетаева"))
    assert list(aigul) == ["директор департамента государственных закупок Министерства финансов"]  # not "министр"
    assert aigul["директор департамента государственных закупок Министерства финансов"]["startDate"] == ["2024-10-15"]
    daulet = occupancies(ents, person(ents, "Дәулет Бекетаев"))  # "с 2022 года возглавляет правление АО «Казахтелеком»"
    assert daulet["руководитель правления АО «Казахтелеком»"]["startDate"] == ["2022"]
    assert daulet["руководитель правления АО «Казахтелеком»"]["org"] == "правление АО «Казахтелеком»"
    # Kazakh: "Асқар Тоқаев Павлодар облысының әкімі болып тағайындалды" (the NER finds no name here)
    askar = occupancies(ents, person(ents, "Асқар Тоқаев"))
    assert askar["Павлодар облысының әкімі"]["org"] == "Павлодар облысының әкімдігі"


def test_decree_partial_date_without_year_is_not_completed():
    ents = load("ru_decree_surname_first.txt")
    aigul = occupancies(ents, person(ents, "Айгүл Бекетаева"))
    assert "startDate" not in aigul["директор департамента государственных закупок Министерства финансов"]


def test_english_investigation_in_laws_nephew_wife_and_western_name():
    ents = load("en_investigation_inlaws.txt", date="2024-12-01")
    timur, nurlan = person(ents, "Timur Ospanov"), person(ents, "Nurlan Sarsenov")
    assert tie(ents, timur, nurlan)["relationship"] == ["brother-in-law"]
    assert occupancies(ents, nurlan)["Deputy Minister of Transport"]["org"] == "Ministry of Transport"
    assert occupancies(ents, timur)["head of the national road fund"]["startDate"] == ["2024-10-15"]
    arman = person(ents, "Arman Kuanyshev")
    assert tie(ents, arman, timur)["relationship"] == ["uncle"]  # "Ospanov's nephew, Arman Kuanyshev"
    miller = occupancies(ents, person(ents, "Robert Miller"))
    assert "dismissed" in miller["director"]["status"]
    gulnara = person(ents, "Gulnara Sarsenova")  # "Sarsenov said he ... His wife, Gulnara Sarsenova"
    assert tie(ents, gulnara, nurlan)["relationship"] == ["husband"]
