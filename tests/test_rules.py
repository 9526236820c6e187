"""Rules and findings: the golden case, and the negative cases a demanding user checks first."""

import json
from pathlib import Path

import pytest

from tamyr.demo import example_dir
from tamyr.findings import FindingStore, compute_findings
from tamyr.ingest import ingest_paths
from tamyr.model.dates import NO, UNKNOWN, YES, held_on
from tamyr.rules import load_rules

from conftest import write


def person(pid, name, gender="male", birth=None):
    props = {"name": [name], "gender": [gender]}
    if birth:
        props["birthDate"] = [birth]
    return {"id": pid, "schema": "Person", "properties": props}


def post(pid, name, org, seniority=None, parent=None):
    props = {"name": [name], "organization": [org]}
    ext = {}
    if seniority:
        ext["seniority"] = [seniority]
    if parent:
        ext["parentPosition"] = [parent]
    entity = {"id": pid, "schema": "Position", "properties": props}
    if ext:
        entity["tamyr"] = ext
    return entity


def occupancy(oid, holder, post_id, start=None, end=None, status="current"):
    props = {"holder": [holder], "post": [post_id], "status": [status]}
    if start:
        props["startDate"] = [start]
    if end:
        props["endDate"] = [end]
    return {"id": oid, "schema": "Occupancy", "properties": props}


def family(fid, a, b, relationship, start=None, end=None):
    props = {"person": [a], "relative": [b], "relationship": [relationship]}
    if start:
        props["startDate"] = [start]
    if end:
        props["endDate"] = [end]
    return {"id": fid, "schema": "Family", "properties": props}


def sentence(sid, who, verdict, months, release=None, charge="embezzlement of budget funds"):
    ext = {"sentenceMonths": [str(months)], "verdictDate": [verdict], "charge": [charge]}
    if release:
        ext["releaseDate"] = [release]
    return {"id": sid, "schema": "Sanction", "properties": {"entity": [who], "program": ["criminal sentence"]},
            "tamyr": ext}


ORG = {"id": "mof", "schema": "PublicBody", "properties": {"name": ["Ministry of Finance"], "country": ["kz"]}}


def load(store, tmp_path, *entities):
    path = write(tmp_path / "data.jsonl", "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities))
    ingest_paths(store, [path])
    return compute_findings(store)


def rules_of(findings):
    return sorted(f["rule"] for f in findings)


# -- the golden case --------------------------------------------------------------------------------


@pytest.fixture
def case_findings(store):
    ingest_paths(store, [example_dir() / "case.yaml"])
    return compute_findings(store)


def zhandos(findings, rule):
    return [f for f in findings if f["rule"] == rule and f["subject"]["name"].startswith("Zhandos")]


def test_golden_kin_of_convicted_father(case_findings):
    [finding] = zhandos(case_findings, "kin_of_convicted")
    [hop] = finding["path"]
    assert (hop["to"]["name"], hop["relationship"], hop["status"]) == ("Bakhytbek Imanaliev", "father", "asserted")
    assert "son of the former Chairman" in hop["sources"][0]["quote"]
    assert "sentenced to 8 years" in finding["summary"] and "2021" in finding["summary"]
    quotes = " ".join(s["quote"] for e in finding["evidence"] for s in e["sources"])
    assert "sentenced to eight years in prison" in quotes


def test_golden_kin_of_senior_official_through_the_fathers_in_law(case_findings):
    findings = zhandos(case_findings, "kin_of_senior_official")
    chains = [[h["relationship"] for h in f["path"]] for f in findings]
    assert ["father", "in-law"] in chains
    finding = findings[chains.index(["father", "in-law"])]
    assert "Ministry of Transport" in finding["path"][-1]["to"]["name"]
    assert all(h["sources"] and h["sources"][0]["quote"] for h in finding["path"])


def test_golden_program_eligibility_says_what_is_unknown_about_the_fathers_seniority(case_findings):
    findings = zhandos(case_findings, "program_eligibility")
    father = [f for f in findings if [h["relationship"] for h in f["path"]] == ["father"]]
    assert father, [f["summary"] for f in findings]
    finding = father[0]
    assert finding["date"] == "2021"
    assert "Anar Zhailganova" in finding["summary"]
    assert any("Chairman of the Committee on State Material Reserves" in k for k in finding["known"])
    assert any("held that post at admission" in u for u in finding["unknown"])
    roles = {e["role"] for e in finding["evidence"]}
    assert {"program rule", "membership", "post"} <= roles


def test_golden_early_release_about_one_of_eight_years(case_findings):
    [finding] = [f for f in case_findings if f["rule"] == "early_release"]
    assert finding["subject"]["name"] == "Bakhytbek Imanaliev"
    assert "about 1.0 years into a sentence of 8 years" in finding["summary"]
    assert "health" in finding["summary"]
    assert finding["confidence"] == pytest.approx(1.0)


def test_findings_are_stored_and_explained(store, case_findings):
    stored = FindingStore(store)
    first = case_findings[0]
    assert stored.get(first["id"])["summary"] == first["summary"]
    state = stored.review(first["id"], "dismiss", "known case", "editor")
    assert state["status"] == "dismissed"
    # a re-run keeps the review: findings have deterministic ids
    again = {f["id"]: f for f in compute_findings(store)}
    assert again[first["id"]]["review"]["status"] == "dismissed"


# -- negative cases ---------------------------------------------------------------------------------


def test_namesakes_without_a_tie_produce_no_finding(store, tmp_path):
    findings = load(store, tmp_path, ORG,
                    person("a", "Нурлан Ахметов"), person("b", "Нурлан Ахметов"),
                    post("p1", "Министр финансов", "mof"), post("p2", "Главный специалист", "mof"),
                    occupancy("o1", "a", "p1", "2015"), occupancy("o2", "b", "p2", "2020"),
                    sentence("s", "a", "2018", 96))
    assert [f for f in findings if f["rule"].startswith("kin_")] == []


def test_a_tie_that_ended_before_the_appointment_is_not_used(store, tmp_path):
    findings = load(store, tmp_path, ORG,
                    person("w", "Айгуль Сейтова", "female"), person("h", "Ерлан Сейтов"),
                    post("p1", "Министр финансов", "mof"), post("p2", "Главный специалист", "mof"),
                    occupancy("o1", "h", "p1", "2010"), occupancy("o2", "w", "p2", "2020-03-01"),
                    family("f", "w", "h", "former husband", start="2000", end="2012"))
    assert [f for f in findings if f["subject"]["id"] == "w" and f["rule"] == "kin_of_senior_official"] == []


def test_a_tie_still_running_at_the_appointment_is_used(store, tmp_path):
    findings = load(store, tmp_path, ORG,
                    person("w", "Айгуль Сейтова", "female"), person("h", "Ерлан Сейтов"),
                    post("p1", "Министр финансов", "mof"), post("p2", "Главный специалист", "mof"),
                    occupancy("o1", "h", "p1", "2010"), occupancy("o2", "w", "p2", "2020-03-01"),
                    family("f", "w", "h", "husband", start="2000"))
    assert "kin_of_senior_official" in rules_of(f for f in findings if f["subject"]["id"] == "w")


def test_conviction_after_the_appointment_is_not_counted(store, tmp_path):
    findings = load(store, tmp_path, ORG,
                    person("son", "Арман Маратович Байжанов"), person("dad", "Марат Байжанов"),
                    post("p2", "Главный специалист", "mof"), occupancy("o2", "son", "p2", "2015-01-10"),
                    family("f", "son", "dad", "father"), sentence("s", "dad", "2019", 60))
    assert "kin_of_convicted" not in rules_of(findings)


def test_non_corruption_conviction_is_not_counted(store, tmp_path):
    findings = load(store, tmp_path, ORG,
                    person("son", "Арман Маратович Байжанов"), person("dad", "Марат Байжанов"),
                    post("p2", "Главный специалист", "mof"), occupancy("o2", "son", "p2", "2022"),
                    family("f", "son", "dad", "father"), sentence("s", "dad", "2019", 60, charge="traffic accident"))
    assert "kin_of_convicted" not in rules_of(findings)


def test_inferred_tie_below_the_threshold_is_only_possible(store, tmp_path):
    weak = family("f", "son", "dad", "father")
    path = write(tmp_path / "base.jsonl", "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in [
        ORG, person("son", "Арман Маратович Байжанов"), person("dad", "Марат Байжанов"),
        post("p2", "Главный специалист", "mof"), occupancy("o2", "son", "p2", "2022"),
        sentence("s", "dad", "2019", 60)]))
    ingest_paths(store, [path])
    from tamyr.model.entities import Fact
    from tamyr.store.store import Source
    store.add_source(Source("inference:test", "inference", uri="test"))
    store.write_facts("inference:test", [
        Fact("f", "Family", prop, value, status="inferred", method="kin:test", confidence=0.3,
             quote="patronymic Маратович names a father Марат")
        for prop, value in (("person", "son"), ("relative", "dad"), ("relationship", "father"))])
    [finding] = [f for f in compute_findings(store) if f["rule"] == "kin_of_convicted"]
    assert finding["certainty"] == "possible"
    assert finding["confidence"] == pytest.approx(0.3)
    assert finding["path"][0]["status"] == "inferred" and not finding["path"][0]["asserted"]
    assert any("inferred" in u for u in finding["unknown"])


def test_spouse_reporting_directly_is_a_legal_breach(store, tmp_path):
    findings = load(store, tmp_path, ORG,
                    person("w", "Жанар Айдаровна Мусина", "female"), person("h", "Болат Ахметов"),
                    post("boss", "Вице-министр", "mof"), post("sub", "Директор департамента", "mof", parent="boss"),
                    occupancy("o1", "h", "boss", "2019"), occupancy("o2", "w", "sub", "2020"),
                    family("f", "w", "h", "husband"))
    [finding] = [f for f in findings if f["rule"] == "related_subordination"]
    assert finding["severity"] == "legal breach"
    assert finding["subject"]["id"] == "w" and "reports directly" in finding["summary"]


def test_co_parents_in_law_in_one_body_are_not_a_legal_breach(store, tmp_path):
    findings = load(store, tmp_path, ORG,
                    person("a", "Серик Болатов"), person("b", "Нуртай Серикбаев"),
                    post("boss", "Вице-министр", "mof"), post("sub", "Директор департамента", "mof", parent="boss"),
                    occupancy("o1", "b", "boss", "2019"), occupancy("o2", "a", "sub", "2020"),
                    family("f", "a", "b", "сват"))
    assert [f for f in findings if f["severity"] == "legal breach"] == []


def test_rules_can_be_switched_off(store, tmp_path):
    ingest_paths(store, [example_dir() / "case.yaml"])
    findings = compute_findings(store, disable=["early_release"])
    assert "early_release" not in rules_of(findings)
    only = compute_findings(store, enable=["early_release"])
    assert set(rules_of(only)) == {"early_release"}
    with pytest.raises(ValueError, match="unknown rule"):
        load_rules(disable=["no_such_rule"])


@pytest.mark.parametrize("start, end, date, status, expected", [
    ("2015", "2019", "2021", None, NO),
    ("2015", None, "2021", "current", YES),
    (None, None, "2021", "former", UNKNOWN),
    ("2022", None, "2021", "current", NO),
    ("2021", None, "2021-06-01", "current", UNKNOWN),  # 2021 may be after June
    (None, None, None, "current", YES),
    (None, None, None, "former", NO),
])
def test_held_on_dates(start, end, date, status, expected):
    assert held_on(start, end, date, status) == expected


ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kz-imanaliev" / "article.txt"


def test_golden_article_ingested_into_an_empty_store_gives_the_four_findings(store):
    """The acceptance case: extraction from the article text alone, then the rules."""
    article = ARTICLE if ARTICLE.exists() else example_dir() / "article.txt"
    ingest_paths(store, [article])
    findings = compute_findings(store)
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    assert {"kin_of_convicted", "kin_of_senior_official", "program_eligibility", "early_release"} <= set(by_rule)
    [convicted] = [f for f in by_rule["kin_of_convicted"] if f["subject"]["name"].startswith("Zhandos")]
    assert [h["relationship"] for h in convicted["path"]] == ["father"]
    assert "8 years" in convicted["summary"] and "2021" in convicted["summary"]
    senior = [f for f in by_rule["kin_of_senior_official"] if f["subject"]["name"].startswith("Zhandos")]
    assert any([h["relationship"] for h in f["path"]] == ["father", "in-law"] for f in senior)
    eligibility = [f for f in by_rule["program_eligibility"] if [h["relationship"] for h in f["path"]] == ["father"]]
    assert eligibility and any("held that post at admission" in u for u in eligibility[0]["unknown"])
    assert "Zhailganova" in eligibility[0]["summary"]
    assert "1.0 years into a sentence of 8 years" in by_rule["early_release"][0]["summary"]
    for f in findings:  # every hop and fact carries a quote from the article
        for item in f["path"] + f["evidence"]:
            assert any(src.get("quote") for src in item["sources"]), (f["rule"], item)
