"""Own test articles (tests/articles): appointment notices, court reports, investigations; EN and RU
with Kazakh letters; plus bad input (cp1251, HTML, empty, 10 MB, no names) and `tamyr ingest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tamyr.extract import ArticleError, extract_file, extract_text
from tamyr.ingest import IngestError, ingest_paths

ARTICLES = Path(__file__).parent / "articles"


def load(name: str, **kw):
    x, _, _ = extract_file(ARTICLES / name, **kw)
    return x.ftm()


def person(ents, name):
    found = [e for e in ents if e["schema"] == "Person" and name in e["properties"]["name"]]
    assert found, f"no person {name!r} in {[e['properties'].get('name') for e in ents if e['schema'] == 'Person']}"
    return found[0]


def occupancies(ents, holder):
    posts = {e["id"]: e["properties"]["name"][0] for e in ents if e["schema"] == "Position"}
    return {posts[o["properties"]["post"][0]]: o["properties"] for o in ents
            if o["schema"] == "Occupancy" and o["properties"]["holder"] == [holder["id"]]}


def family(ents, a, b):
    ties = [f["properties"] for f in ents if f["schema"] == "Family"
            and f["properties"]["person"] == [a["id"]] and f["properties"]["relative"] == [b["id"]]]
    assert ties, "no kin tie"
    return ties[0]


def test_english_appointment_notice_and_dismissal():
    ents = load("en_appointment_notice.txt")
    karimov = person(ents, "Yerlan Serikovich Karimov")
    occ = occupancies(ents, karimov)["Deputy Minister of Finance of the Republic of Kazakhstan"]
    assert occ["status"] == ["appointed"] and occ["startDate"] == ["2024-03-03"]
    beketayev = person(ents, "Marat Beketayev")
    assert occupancies(ents, beketayev)["Minister of Justice"]["status"] == ["dismissed"]


def test_english_court_report_with_parole():
    ents = load("en_court_report.txt")
    akim = person(ents, "Arkhimed Mukhambetov")
    (sanction,) = [e for e in ents if e["schema"] == "Sanction"]
    assert sanction["properties"]["entity"] == [akim["id"]]
    assert sanction["tamyr"]["sentenceMonths"] == ["60"] and sanction["tamyr"]["charge"] == ["bribery"]
    assert sanction["tamyr"]["amount"] == ["120000000"] and sanction["tamyr"]["currency"] == ["KZT"]
    assert sanction["tamyr"]["releaseReason"] == ["parole"] and sanction["tamyr"]["releaseDate"] == ["2024"]
    assert "akim of the region" in occupancies(ents, akim)


def test_english_investigation_possessive_kin_and_namesakes():
    ents = load("en_investigation.txt")
    daniyar, nurlan, aliya = (person(ents, n) for n in ("Daniyar Akhmetov", "Nurlan Akhmetov", "Aliya Akhmetova"))
    assert family(ents, daniyar, nurlan)["relationship"] == ["uncle"]
    assert family(ents, aliya, nurlan)["relationship"] == ["father"]
    assert occupancies(ents, aliya)["Deputy Director of the National Bank of Kazakhstan"]["status"] == ["appointed"]
    assert occupancies(ents, daniyar)["Head of the Almaty Customs Department"]["startDate"] == ["2022"]
    unnamed = [e for e in ents if e["schema"] == "Person" and e["properties"]["name"][0].startswith("unnamed")]
    assert [u["properties"]["name"][0] for u in unnamed] == ["unnamed senior official, Ministry of Internal Affairs"]


def test_html_is_stripped_and_spans_point_into_stored_text():
    x, article, _ = extract_file(ARTICLES / "en_html_article.html")
    assert "<p>" not in article.text and "Fake Person" not in article.text
    assert article.title == "Minister's son appointed ambassador" and article.published == "2024-06-20"
    ents = x.ftm()
    timur, marat = person(ents, "Timur Maratovich Suleimenov"), person(ents, "Marat Suleimenov")
    assert family(ents, timur, marat)["relationship"] == ["father"]
    occ = occupancies(ents, timur)["Ambassador of Kazakhstan to Austria"]
    assert occ["startDate"] == ["2024-06-18"]  # year from the page's publication date
    for e in ents:
        if "evidence" in e:
            assert article.text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["quote"]


def test_russian_appointment_notice_instrumental_to_nominative():
    ents = load("ru_appointment_notice.txt")
    assel = person(ents, "Асель Ерланқызы Сәрсенова")
    assert assel["properties"]["gender"] == ["female"]
    assert occupancies(ents, assel)["аким Костанайской области"]["status"] == ["appointed"]
    karimov = person(ents, "Ерлан Серикович Каримов")
    occ = occupancies(ents, karimov)["первый заместитель министра финансов"]
    assert occ["startDate"] == ["2024-05-20"]
    beketayev = person(ents, "Марат Бекетаев")
    assert occupancies(ents, beketayev)["министр юстиции Республики Казахстан"]["status"] == ["dismissed"]


def test_russian_court_report():
    ents = load("ru_court_report.txt")
    akim = person(ents, "Архимед Мухамбетов")
    (sanction,) = [e for e in ents if e["schema"] == "Sanction"]
    assert sanction["properties"]["entity"] == [akim["id"]]
    assert sanction["tamyr"]["sentenceMonths"] == ["60"] and sanction["tamyr"]["releaseReason"] == ["parole"]
    assert occupancies(ents, akim)["аким Костанайской области"]["status"] == ["former"]


def test_russian_imanaliev_inflected_names_joined():
    ents = load("ru_imanaliev.txt")
    zhandos, bakhytbek = person(ents, "Жандос Бахытбекович Иманалиев"), person(ents, "Бахытбек Иманалиев")
    assert family(ents, zhandos, bakhytbek)["relationship"] == ["father"]
    assert sum(e["schema"] == "Person" and "Иманалиев" in e["properties"]["name"][0] for e in ents) == 2
    (sanction,) = [e for e in ents if e["schema"] == "Sanction"]
    assert sanction["tamyr"]["amount"] == ["6500000000"] and sanction["tamyr"]["releaseDate"] == ["2022"]
    assert sanction["tamyr"]["releaseReason"] == ["health"]
    program = [e for e in ents if e["schema"] == "Organization" and "tamyr" in e][0]
    assert program["tamyr"]["ruleExcludes"] == ["relatives_of_senior_officials"]
    assert program["tamyr"]["ruleStatedBy"] == [person(ents, "Анар Жаилганова")["id"]]
    tie = [f for f in ents if f["schema"] == "Family" and f["tamyr"]["relationshipTerm"] == ["сват"]][0]
    assert tie["properties"]["person"] == [bakhytbek["id"]]
    assert any(c["properties"]["name"] == ["Дело о мясных консервах"] for c in ents if c["schema"] == "CourtCase")


def test_russian_kazakh_letters_and_kazakh_kin_words():
    ents = load("ru_kin_kazakh.txt")
    nurlan, serik = person(ents, "Нұрлан Әбдіұлы Сәтбаев"), person(ents, "Серик Жұмабеков")
    assert family(ents, nurlan, serik)["relationship"] == ["father-in-law"]
    yerbol = person(ents, "Ербол Қарашөкеев")
    assert family(ents, serik, yerbol)["relationship"][0].startswith("co-")
    alikhan = person(ents, "Әлихан Бөкейханов")
    assert family(ents, alikhan, nurlan)["relationship"] == ["uncle"]
    assert any(e["schema"] == "Membership" and e["properties"]["member"] == [alikhan["id"]]
               and e["properties"]["startDate"] == ["2020"] for e in ents)


def test_text_without_names_gives_no_persons():
    assert not [e for e in load("en_no_names.txt") if e["schema"] == "Person"]


def test_partial_date_never_gets_an_invented_year():
    x = extract_text("On October 15, Daniyar Serikovich Akhmetov was appointed Head of the Customs Committee.")
    (occ,) = [e for e in x.ftm() if e["schema"] == "Occupancy"]
    assert "startDate" not in occ["properties"] and "October 15" in occ["properties"]["description"][0]


# -- bad input ----------------------------------------------------------------------------------

def test_cp1251_is_named(tmp_path):
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Жандос Иманалиев назначен руководителем отдела.".encode("cp1251"))
    with pytest.raises(ArticleError, match="cp1251"):
        extract_file(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ArticleError, match="empty"):
        extract_file(path)


FILLER_RU = ("На заседании обсудили бюджет на следующий год и состояние дорог в области. "
             "Как сообщили в ведомстве, ремонт продолжится летом, а жителей попросили сообщать о повреждениях.\n")


def big_file(tmp_path, megabytes: float = 10.0):
    head = "Марат Бекетаев назначен министром юстиции 3 марта 2024 года.\n"
    tail = "\nАйдос Каримов освобождён от должности заместителя министра финансов.\n"
    body = FILLER_RU * int(megabytes * 1e6 / len(FILLER_RU.encode()))
    path = tmp_path / "big.txt"
    path.write_text(head + body + tail, encoding="utf-8")
    return path


def test_ten_megabyte_file_is_read_in_pieces_with_offsets_into_the_whole_text(tmp_path):
    path = big_file(tmp_path)
    assert path.stat().st_size > 10_000_000
    x, article, _ = extract_file(path)
    ents = x.ftm()
    beketayev, karimov = person(ents, "Марат Бекетаев"), person(ents, "Айдос Каримов")
    assert occupancies(ents, beketayev)["министр юстиции"]["startDate"] == ["2024-03-03"]
    occ = occupancies(ents, karimov)["заместитель министра финансов"]
    assert occ["status"] == ["dismissed"]
    (evidence,) = [e["evidence"] for e in ents if e["schema"] == "Occupancy" and e["properties"]["holder"] == [karimov["id"]]]
    assert evidence["start"] > len(article.text) - 200 and article.text[evidence["start"]:evidence["end"]] == evidence["quote"]


def test_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: the size is what counts
        fh.truncate(25_000_000)
    with pytest.raises(ArticleError, match="up to 20 MB"):
        extract_file(path)


def test_long_line_without_stops_is_cut_into_sentences():
    text = "Марат Бекетаев назначен министром юстиции, " + "и дороги, " * 5000 + "конец"
    x = extract_text(text, lang="ru")
    assert [e.first("name") for e in x.by_schema("Person")] == ["Марат Бекетаев"]


def test_ingest_stores_facts_with_quotes_and_is_idempotent(store):
    (report,) = ingest_paths(store, [ARTICLES / "en_investigation.txt"])
    assert report.statements > 0 and not report.skipped
    rows = store.conn.execute("SELECT quote, span_start, span_end, method FROM statements").fetchall()
    text = store.conn.execute("SELECT text FROM sources WHERE kind = 'article'").fetchone()[0]
    assert all(q is None or text[s:e] == q for q, s, e, _ in rows)
    assert {r[3] for r in rows} == {"extract:en-rules"}
    (again,) = ingest_paths(store, [ARTICLES / "en_investigation.txt"])
    assert again.skipped


def test_ingest_bad_article_writes_nothing(store, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Бахытбек Иманалиев".encode("cp1251"))
    with pytest.raises(IngestError, match="cp1251"):
        ingest_paths(store, [ARTICLES / "en_investigation.txt", bad])
    assert store.count_statements() == 0


def test_ingest_no_names_stores_nothing(store):
    (report,) = ingest_paths(store, [ARTICLES / "en_no_names.txt"])
    assert report.statements == 0 and "no person names" in report.summary()
    assert store.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


def test_ingest_big_file_stores_whole_text_and_refused_file_nothing(store, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(25_000_000)
    with pytest.raises(IngestError, match="up to 20 MB"):
        ingest_paths(store, [big_file(tmp_path, 3.0), huge])
    assert store.count_statements() == 0
    assert store.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
    (report,) = ingest_paths(store, [big_file(tmp_path, 3.0)])
    assert report.statements > 0
    text = store.conn.execute("SELECT text FROM sources WHERE kind = 'article'").fetchone()[0]
    rows = store.conn.execute("SELECT quote, span_start, span_end FROM statements WHERE quote IS NOT NULL").fetchall()
    assert max(r[1] for r in rows) > len(text) - 200 and all(text[s:e] == q for q, s, e in rows)


def test_cli_prints_ftm_json_lines():
    from tamyr.cli import app

    result = CliRunner().invoke(app, ["extract", str(ARTICLES / "en_court_report.txt"), "--format", "ftm"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"Person", "Sanction", "CourtCase", "CourtCaseParty", "Article"} <= {r["schema"] for r in records}
    assert all("evidence" in r for r in records if r["schema"] != "Article")
