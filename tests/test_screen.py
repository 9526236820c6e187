"""Screening candidates: identity by name keys, kin implied by the name, verdicts, batch reports."""

import csv

import pytest
from typer.testing import CliRunner

from tamyr.cli import app
from tamyr.demo import example_dir
from tamyr.findings import Candidate, Screener
from tamyr.ingest import ingest_paths

runner = CliRunner()


@pytest.fixture
def screener(store):
    ingest_paths(store, [example_dir() / "case.yaml"])
    return Screener(store)


def test_a_new_candidate_whose_patronymic_names_a_convicted_father_is_flagged(screener):
    result = screener.screen(Candidate("Айдар Бахытбекович Иманалиев", "1996", None, "2024-01-01"))
    [father] = result["relatives"]
    assert father["name"] == "Bakhytbek Imanaliev" and father["relationship"] == "father"
    assert father["score"] > 0.9 and "Бахытбекович" in father["reasons"]
    rules = {f["rule"] for f in result["findings"]}
    assert {"kin_of_convicted", "kin_of_senior_official"} <= rules
    assert result["verdict"] == "flag"
    hop = next(f for f in result["findings"] if f["rule"] == "kin_of_convicted")["path"][0]
    assert hop["status"] == "inferred" and hop["sources"][0]["method"] == "screen:names-v1"


def test_the_candidate_found_in_the_store_across_scripts_keeps_its_asserted_ties(screener):
    result = screener.screen(Candidate("Жандос Бахытбекович Иманалиев", None, None, "2024-01-01"))
    assert [m["name"] for m in result["matches"]] == ["Zhandos Bakhytbekovich Imanaliev"]
    assert result["matches"][0]["score"] == 1.0
    convicted = next(f for f in result["findings"] if f["rule"] == "kin_of_convicted")
    assert convicted["path"][0]["status"] == "asserted" and convicted["certainty"] == "established"


def test_a_bare_name_match_is_not_established(screener):
    result = screener.screen(Candidate("Zhandos Imanaliyev", None, None, "2024-01-01"))
    assert result["matches"][0]["score"] < 1.0
    assert all(f["certainty"] != "established" for f in result["findings"])


def test_program_candidate_is_checked_against_the_programs_rule(screener):
    result = screener.screen(Candidate("Айдар Бахытбекович Иманалиев", "1999", "Youth Personnel Reserve", "2024-03-01"))
    assert any(f["rule"] == "program_eligibility" for f in result["findings"])


def test_an_unrelated_candidate_is_clear(screener):
    result = screener.screen(Candidate("Иванов Иван Иванович", "1980", None, "2024-01-01"))
    assert result["verdict"] == "clear" and result["findings"] == [] and result["relatives"] == []


def test_a_father_too_young_to_be_the_father_is_not_inferred(store, tmp_path):
    (tmp_path / "p.csv").write_text("id,name,birth_date\n1,Бахытбек Иманалиев,1990\n", encoding="utf-8")
    ingest_paths(store, [tmp_path / "p.csv"])
    result = Screener(store).screen(Candidate("Айдар Бахытбекович Иманалиев", "1996"))
    assert result["relatives"] == []


def test_unparseable_name_is_reported_not_screened(screener):
    result = screener.screen(Candidate("12345"))
    assert result["verdict"] == "review" and result["problems"]


def test_batch_screening_writes_a_report(tmp_path):
    db = tmp_path / "s.duckdb"
    runner.invoke(app, ["ingest", str(example_dir() / "case.yaml"), "--db", str(db)])
    cands = tmp_path / "intake.csv"
    cands.write_text("id,name,birth_date\nA1,Айдар Бахытбекович Иманалиев,1996\nA2,Иванов Иван Иванович,1980\n",
                     encoding="utf-8")
    report = tmp_path / "report.csv"
    result = runner.invoke(app, ["screen", "--batch", str(cands), "--out", str(report), "--db", str(db),
                                 "--date", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert "1 flag" in result.output and "1 clear" in result.output
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert [(r["ref"], r["verdict"]) for r in rows] == [("A1", "flag"), ("A2", "clear")]
    assert "kin_of_convicted" in rows[0]["rules"]


def test_batch_with_an_empty_name_names_the_line(tmp_path):
    db = tmp_path / "s.duckdb"
    runner.invoke(app, ["ingest", str(example_dir() / "case.yaml"), "--db", str(db)])
    cands = tmp_path / "intake.csv"
    cands.write_text("name\nАйдар Иманалиев\n\n,\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", "--batch", str(cands), "--out", str(tmp_path / "r.csv"), "--db", str(db)])
    assert result.exit_code == 2 and "line 4: column 'name' is empty" in result.output


def test_batch_in_cp1251_is_named_and_read_with_its_encoding(tmp_path):
    db = tmp_path / "s.duckdb"
    runner.invoke(app, ["ingest", str(example_dir() / "case.yaml"), "--db", str(db)])
    cands = tmp_path / "intake.csv"
    cands.write_bytes("id,name,birth_date\nA1,Айдар Бахытбекович Иманалиев,1996\n".encode("cp1251"))
    args = ["screen", "--batch", str(cands), "--out", str(tmp_path / "r.csv"), "--db", str(db), "--date", "2024-01-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "line 2: not valid utf-8 text" in result.output
    assert "--encoding cp1251" in result.output
    result = runner.invoke(app, args + ["--encoding", "cp1251"])
    assert result.exit_code == 0 and "1 flag" in result.output
