"""Golden tests for the bundled Imanaliev case and `tamyr demo`."""

import json

import pytest
import yaml
from typer.testing import CliRunner

from tamyr.cli import app
from tamyr.demo import build_demo_store, example_dir
from tamyr.ingest import IngestError, ingest_paths

runner = CliRunner()


def test_case_file_gives_the_imanaliev_facts_each_with_its_quote(store):
    ingest_paths(store, [example_dir() / "case.yaml"])
    con = store.conn
    father = con.execute(
        """SELECT p.name, r.name FROM family f JOIN persons p ON p.id = f.person JOIN persons r ON r.id = f.relative
           WHERE f.relationship = 'father'""").fetchall()
    assert father == [("Zhandos Bakhytbekovich Imanaliev", "Bakhytbek Imanaliev")]
    sentence = con.execute("SELECT sentenceMonths, verdictDate, amount, currency, releaseReason FROM sanctions").fetchall()
    assert sentence == [("96", "2021", "6500000000", "KZT", "health")]
    rule = con.execute("SELECT ruleExcludes FROM organizations WHERE name = 'Presidential Youth Personnel Reserve'")
    assert rule.fetchall() == [("children_and_relatives_of_senior_officials",)]
    article = con.execute("SELECT text FROM sources WHERE kind = 'article'").fetchall()[0][0]
    quoted = con.execute("SELECT quote, span_start, span_end FROM statements WHERE quote IS NOT NULL").fetchall()
    assert quoted
    for quote, start, end in quoted:
        assert article[start:end] == quote


def test_derived_release_year_is_marked_less_certain(store):
    ingest_paths(store, [example_dir() / "case.yaml"])
    rows = store.conn.execute(
        "SELECT confidence FROM statements WHERE prop = 'tamyr:releaseDate'").fetchall()
    assert rows == [(0.8,)]


def test_case_quote_not_in_the_document_is_an_error(store, tmp_path):
    (tmp_path / "a.txt").write_text("Someone was appointed.", encoding="utf-8")
    case = {"document": "a.txt", "entities": [
        {"key": "x", "schema": "Person", "quote": "not in the text", "properties": {"name": "X Y"}}]}
    (tmp_path / "case.yaml").write_text(yaml.safe_dump(case), encoding="utf-8")
    with pytest.raises(IngestError, match="quote for name not found in a.txt"):
        ingest_paths(store, [tmp_path / "case.yaml"])
    assert store.count_statements() == 0


def test_demo_store_holds_the_case_and_the_registry(tmp_path):
    with build_demo_store(tmp_path / "demo.duckdb") as store:
        counts = store.counts()
    assert counts["persons"] >= 4 and counts["sanctions"] >= 1 and counts["memberships"] >= 1


def test_demo_command_prints_the_case(tmp_path):
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.replace("│", " ").split())  # undo the table's line wrapping
    assert "Bakhytbek Imanaliev is the father of Zhandos Bakhytbekovich Imanaliev" in text
    assert "Presidential Youth Personnel Reserve" in text


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    for command in ("demo", "ingest", "export", "stats"):
        assert command in result.output


def test_ingest_command_reports_errors_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2
    assert "nothing was written" in result.output and "line 1: malformed JSON" in result.output
    assert "Traceback" not in result.output


def test_export_formats(tmp_path):
    db = tmp_path / "demo.duckdb"
    build_demo_store(db).close()
    for fmt, marker in (("ftm", '"schema"'), ("csv", "entity_id,schema,prop"), ("gexf", "<gexf")):
        result = runner.invoke(app, ["export", "--format", fmt, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert marker in result.output
    lines = runner.invoke(app, ["export", "--db", str(db)]).output.splitlines()
    assert all(json.loads(line)["id"] for line in lines)


def test_export_of_a_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no such store" in result.output


def test_flags_explain_and_review_commands(tmp_path):
    db = tmp_path / "case.duckdb"
    assert runner.invoke(app, ["ingest", str(example_dir() / "case.yaml"), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["flags", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert {"kin_of_convicted", "kin_of_senior_official", "program_eligibility", "early_release"} <= {
        f["rule"] for f in findings}
    for f in findings:
        assert {"id", "rule", "severity", "subject", "date", "confidence", "summary", "path"} <= set(f)
    first = findings[0]["id"]
    explained = runner.invoke(app, ["explain", first, "--db", str(db)])
    assert explained.exit_code == 0 and first in explained.output and "source:" in explained.output
    reviewed = runner.invoke(app, ["review", first, "confirm", "--comment", "checked", "--db", str(db)])
    assert reviewed.exit_code == 0 and "confirmed" in reviewed.output
    missing = runner.invoke(app, ["explain", "Fnope", "--db", str(db)])
    assert missing.exit_code == 2 and "no finding" in missing.output
