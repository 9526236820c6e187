import io
import json

import pytest

from tamyr.ingest import IngestError, ingest_paths
from tamyr.store import Store
from tamyr.store.export import export_ftm

from conftest import write

SON = {"id": "p1", "schema": "Person", "properties": {"name": ["Жандос Бахытбекович Иманалиев"], "birthDate": ["1990"]}}
FATHER = {"id": "p2", "schema": "Person", "properties": {"name": ["Бахытбек Иманалиев"], "gender": ["male"]}}
TIE = {"id": "f1", "schema": "Family", "properties": {"person": ["p1"], "relative": ["p2"], "relationship": ["father"]}}
SENTENCE = {"id": "s1", "schema": "Sanction", "properties": {"entity": ["p2"], "program": ["criminal sentence"]},
            "tamyr": {"sentenceMonths": ["96"], "releaseReason": ["health"]}}


def jsonl(*entities) -> str:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities)


def test_ftm_lines_become_entities_with_provenance(store, tmp_path):
    path = write(tmp_path / "case.jsonl", jsonl(SON, FATHER, TIE, SENTENCE))
    [report] = ingest_paths(store, [path])
    assert report.entities == 4
    assert store.counts()["persons"] == 2
    rows = store.statements("f1")
    assert {r["prop"] for r in rows} == {"id", "person", "relative", "relationship"}
    assert all(r["status"] == "asserted" and r["source_uri"] == str(path) for r in rows)
    assert {r["locator"] for r in rows} == {"line 3"}


def test_reingesting_the_same_file_adds_nothing(store, tmp_path):
    path = write(tmp_path / "case.jsonl", jsonl(SON, FATHER, TIE))
    ingest_paths(store, [path])
    before = store.count_statements()
    [report] = ingest_paths(store, [path])
    assert report.skipped
    assert store.count_statements() == before


def test_round_trip_export_ingest_export(store, tmp_path):
    path = write(tmp_path / "case.jsonl", jsonl(SON, FATHER, TIE, SENTENCE))
    ingest_paths(store, [path])
    first = io.StringIO()
    export_ftm(store, first)
    exported = write(tmp_path / "export.jsonl", first.getvalue())
    with Store(tmp_path / "fresh.duckdb") as fresh:
        ingest_paths(fresh, [exported])
        second = io.StringIO()
        export_ftm(fresh, second)
    assert first.getvalue() == second.getvalue()
    entities = [json.loads(line) for line in first.getvalue().splitlines()]
    sentence = next(e for e in entities if e["id"] == "s1")
    assert sentence["tamyr"] == {"releaseReason": ["health"], "sentenceMonths": ["96"]}


@pytest.mark.parametrize(
    "line, message",
    [
        ("{bad json", "malformed JSON"),
        ('{"id": "x", "schema": "Persn", "properties": {}}', "unknown FtM schema 'Persn'"),
        ('{"id": "x", "schema": "Person", "properties": {"shoeSize": ["44"]}}', "Person has no property 'shoeSize'"),
        ('{"id": "x", "schema": "Person", "properties": {"birthDate": ["1990-13-01"]}}', "is not a date"),
        ('{"id": "x", "schema": "Person", "properties": {"gender": ["blah"]}}', "'blah' is not a valid gender"),
        ('{"schema": "Person", "properties": {"name": ["X"]}}', "entity has no id"),
        ('[1, 2]', "expected a JSON object"),
        ('{"id": "x", "schema": "Person", "properties": {"name": {"a": 1}}}', "expected a list of strings"),
        ('{"id": "x", "schema": "Sanction", "properties": {}, "tamyr": {"sentenceMonths": ["eight"]}}', "not a number"),
    ],
)
def test_bad_entity_is_reported_with_its_line_and_nothing_is_written(store, tmp_path, line, message):
    path = write(tmp_path / "bad.jsonl", jsonl(SON) + "\n" + line + "\n")
    with pytest.raises(IngestError) as error:
        ingest_paths(store, [path])
    text = str(error.value)
    assert f"{path} line 3" in text, text
    assert message in text
    assert store.count_statements() == 0


def test_a_failing_file_rolls_back_the_files_before_it(store, tmp_path):
    good = write(tmp_path / "good.jsonl", jsonl(SON, FATHER))
    bad = write(tmp_path / "bad.jsonl", '{"id": "x", "schema": "Nope", "properties": {}}\n')
    with pytest.raises(IngestError):
        ingest_paths(store, [good, bad])
    assert store.count_statements() == 0
    assert store.conn.execute("SELECT count(*) FROM sources").fetchall()[0][0] == 0
    ingest_paths(store, [good])  # the good file alone is then accepted
    assert store.counts()["persons"] == 2


def test_missing_file_is_a_clear_error(store, tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        ingest_paths(store, [tmp_path / "nope.jsonl"])


def test_single_string_value_is_accepted_as_a_list(store, tmp_path):
    path = write(tmp_path / "one.jsonl", '{"id": "x", "schema": "Person", "properties": {"name": "Айгерим Сейтова"}}\n')
    ingest_paths(store, [path])
    assert store.entity("x")["properties"]["name"] == ["Айгерим Сейтова"]


def test_impossible_calendar_date_is_rejected(store, tmp_path):
    path = write(tmp_path / "d.jsonl", '{"id": "x", "schema": "Person", "properties": {"birthDate": ["1990-02-31"]}}\n')
    with pytest.raises(IngestError, match="line 1: birthDate: '1990-02-31' is not a date"):
        ingest_paths(store, [path])
