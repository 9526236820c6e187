"""HTTP API and server-rendered pages over the demo store (FastAPI TestClient)."""

from __future__ import annotations

import json
import warnings

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tamyr.api import create_app
from tamyr.demo import build_demo_store
from tamyr.findings import compute_findings
from tamyr.ingest import ingest_paths

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
XSS = "<script>alert(1)</script>"


def build(path):
    """The demo store plus a person whose name is markup, tied to a person with a Cyrillic name."""
    store = build_demo_store(path)
    extra = path.parent / "xss.jsonl"
    entities = [
        {"id": "xss-person", "schema": "Person", "properties": {"name": [XSS], "birthDate": ["1980-01-02"]}},
        {"id": "xss-father", "schema": "Person", "properties": {"name": ["Иманалиев Бахытбек <b>bold</b>"]}},
        {"id": "xss-family", "schema": "Family", "properties": {"person": ["xss-person"], "relative": ["xss-father"],
                                                               "relationship": ["father"]}},
    ]
    extra.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in entities) + "\n", encoding="utf-8")
    ingest_paths(store, [extra])
    compute_findings(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("api") / "demo.duckdb")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, token=TOKEN))


@pytest.fixture(scope="module")
def readonly_client(db):
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def zhandos(client):
    results = client.get("/search", params={"q": "Zhandos Imanaliev"}).json()["results"]
    return results[0]["id"]


# -- search and match ------------------------------------------------------------------------------

def test_search_imanaliyev_finds_imanaliev_across_spellings(client):
    response = client.get("/search", params={"q": "Imanaliyev"})
    assert response.status_code == 200
    captions = [r["caption"] for r in response.json()["results"]]
    assert "Zhandos Bakhytbekovich Imanaliev" in captions
    assert "Bakhytbek Imanaliev" in captions


def test_search_cyrillic_query_finds_latin_record(client):
    captions = [r["caption"] for r in client.get("/search", params={"q": "Жандос Иманалиев"}).json()["results"]]
    assert captions[0] == "Zhandos Bakhytbekovich Imanaliev"


def test_search_latin_query_finds_cyrillic_record(client):
    results = client.get("/search", params={"q": "Akhmetov Bolat"}).json()["results"]
    assert results and results[0]["caption"].startswith("Ахметов Болат")


def test_match_is_yente_shaped_with_feature_explanations(client):
    body = {"queries": {"q1": {"schema": "Person", "properties": {
        "name": ["Imanaliyev Zhandos Bakhytbekovich"]}}, "q2": {"schema": "Person", "properties": {
            "firstName": ["Bakhytbek"], "lastName": ["Иманалиев"]}}}}
    response = client.post("/match/default", json=body, params={"limit": 3, "threshold": 0.7})
    assert response.status_code == 200
    data = response.json()
    assert set(data["responses"]) == {"q1", "q2"} and data["limit"] == 3
    assert set(data["matcher"]["features"]) >= {"surname", "given", "father_given", "birth_date"}
    top = data["responses"]["q1"]["results"][0]
    assert top["caption"] == "Zhandos Bakhytbekovich Imanaliev"
    assert top["match"] is True and top["score"] == 1.0 and top["schema"] == "Person"
    assert top["features"]["father_given"] == 1.0
    assert "detail" in top["explanations"]["surname"]
    assert data["responses"]["q1"]["total"]["value"] == len(data["responses"]["q1"]["results"])
    assert data["responses"]["q2"]["results"][0]["caption"] == "Bakhytbek Imanaliev"
    second = data["responses"]["q1"]["results"][1]
    assert second["caption"] == "Bakhytbek Imanaliev" and second["match"] is False


def test_match_birth_date_mismatch_drops_below_threshold(client):
    def top(birth):
        body = {"queries": {"q": {"schema": "Person", "properties": {"name": [XSS], "birthDate": [birth]}}}}
        return client.post("/match/default", json=body).json()["responses"]["q"]["results"][0]

    same, other = top("1980-01-02"), top("1955-07-07")
    assert same["id"] == other["id"] == "xss-person"
    assert same["match"] and same["features"]["birth_date"] == 1.0
    assert not other["match"] and other["features"]["birth_date"] == 0.0


def test_match_exclude_and_cutoff(client, zhandos):
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Zhandos Imanaliev"]}}}}
    results = client.post("/match/default", json=body, params={"exclude_entity_ids": zhandos, "cutoff": 0.9}).json()
    assert all(r["id"] != zhandos and r["score"] >= 0.9 for r in results["responses"]["q"]["results"])


@pytest.mark.parametrize("body", [
    {},
    {"queries": {}},
    {"queries": {"q": {"schema": "Spaceship", "properties": {"name": ["x"]}}}},
    {"queries": {"q": {"schema": "Person"}}},
    {"queries": {"q": {"schema": "Person", "properties": {"name": [{"nested": 1}]}}}},
    {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 600]}}}},
    {"queries": {f"q{i}": {"schema": "Person", "properties": {"name": ["a"]}} for i in range(101)}},
    {"queries": "not an object"},
])
def test_match_bad_bodies_get_422_with_a_message(client, body):
    response = client.post("/match/default", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]


def test_match_bad_params_and_dataset(client):
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Imanaliev"]}}}}
    assert client.post("/match/nope", json=body).status_code == 404
    assert client.post("/match/default", json=body, params={"limit": 0}).status_code == 422
    assert client.post("/match/default", json=body, params={"threshold": 2}).status_code == 422
    assert client.post("/match/default", json=body, params={"algorithm": "magic"}).status_code == 400
    assert client.post("/match/default", content=b"{not json", headers={"Content-Type": "application/json"}
                       ).status_code == 422


def test_match_query_without_names_reports_status_400_inside(client):
    body = {"queries": {"q": {"schema": "Person", "properties": {"birthDate": ["1980"]}}}}
    data = client.post("/match/default", json=body).json()
    assert data["responses"]["q"]["status"] == 400 and data["responses"]["q"]["results"] == []


def test_search_rejects_blank_and_long_queries(client):
    assert client.get("/search").status_code == 422
    assert client.get("/search", params={"q": " "}).status_code == 400
    assert client.get("/search", params={"q": "x" * 301}).status_code == 422
    assert client.get("/search", params={"q": "Imanaliev", "limit": 0}).status_code == 422


def test_screen_returns_findings_and_verdict(client):
    response = client.post("/screen", json={"name": "Жандос Бахытбекович Иманалиев"})
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] in ("flag", "review", "clear")
    assert isinstance(data["findings"], list) and data["matches"]
    assert client.post("/screen", json={"name": "  "}).status_code == 422
    assert client.post("/screen", json={"name": "A B", "birth_date": "yesterday"}).status_code == 422


# -- entities, kin, findings -----------------------------------------------------------------------

def test_entity_dossier_has_posts_kin_and_findings(client, zhandos):
    data = client.get(f"/entities/{zhandos}").json()
    assert data["caption"] == "Zhandos Bakhytbekovich Imanaliev"
    assert data["posts"] and data["findings"]
    assert any(e["label"] == "father" and e["status"] == "asserted" for e in data["kin"]["edges"])
    assert data["names"][0]["latin_variants"] is not None


def test_entity_non_person_and_missing(client):
    findings = client.get("/findings").json()["results"]
    family_id = findings[0]["path"][0]["entity"] if findings[0]["path"] else None
    if family_id:
        data = client.get(f"/entities/{family_id}").json()
        assert data["schema"] == "Family" and data["statements"]
    assert client.get("/entities/does-not-exist").status_code == 404


def test_kin_depth_and_date(client, zhandos):
    one = client.get(f"/entities/{zhandos}/kin", params={"depth": 1}).json()
    two = client.get(f"/entities/{zhandos}/kin", params={"depth": 2}).json()
    assert len(two["paths"]) > len(one["paths"]) >= 1
    assert client.get(f"/entities/{zhandos}/kin", params={"depth": 9}).status_code == 422
    assert client.get(f"/entities/{zhandos}/kin", params={"date": "soon"}).status_code == 422
    assert client.get("/entities/nobody/kin").status_code == 404


def test_findings_filters(client):
    everything = client.get("/findings", params={"limit": 1000}).json()
    assert everything["total"]["value"] > 10
    rule = everything["results"][0]["rule"]
    some = client.get("/findings", params={"rule": rule, "limit": 1000}).json()["results"]
    assert some and all(f["rule"] == rule for f in some)
    breaches = client.get("/findings", params={"severity": "legal breach"}).json()["results"]
    assert all(f["severity"] == "legal breach" for f in breaches)
    assert client.get("/findings", params={"severity": "catastrophic"}).status_code == 422
    assert client.get("/findings", params={"status": "maybe"}).status_code == 422
    assert client.get("/findings/nope").status_code == 404


# -- writes ------------------------------------------------------------------------------------------

def test_review_needs_token_and_lands_in_audit_log(client, readonly_client):
    fid = client.get("/findings").json()["results"][0]["id"]
    body = {"decision": "dismiss", "comment": "same name, different person", "author": "tester"}
    assert readonly_client.post(f"/findings/{fid}/review", json=body, headers=AUTH).status_code == 403
    assert client.post(f"/findings/{fid}/review", json=body).status_code == 401
    assert client.post(f"/findings/{fid}/review", json=body,
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    response = client.post(f"/findings/{fid}/review", json=body, headers=AUTH)
    assert response.status_code == 200 and response.json()["review"]["status"] == "dismissed"
    assert client.get(f"/findings/{fid}").json()["review"]["status"] == "dismissed"
    dismissed = client.get("/findings", params={"status": "dismissed"}).json()["results"]
    assert fid in [f["id"] for f in dismissed]
    log = client.get("/judgements").json()["results"]
    assert any(j["kind"] == "finding" and j["subject"] == fid and j["comment"] == body["comment"] for j in log)
    assert client.post(f"/findings/{fid}/review", json={"decision": "approve"}, headers=AUTH).status_code == 422
    assert client.post("/findings/nope/review", json=body, headers=AUTH).status_code == 404


def test_judgements_merge_and_tie(client, zhandos):
    father = client.get("/search", params={"q": "Bakhytbek Imanaliev"}).json()["results"][0]["id"]
    body = {"kind": "merge", "subject": zhandos, "object": father, "decision": "reject", "comment": "father and son"}
    assert client.post("/judgements", json=body).status_code == 401
    assert client.post("/judgements", json=body, headers=AUTH).status_code == 200
    tie = {"kind": "tie", "subject": "xss-family", "decision": "confirm", "comment": "seen the record"}
    assert client.post("/judgements", json=tie, headers=AUTH).status_code == 200
    kinds = {(j["kind"], j["subject"]) for j in client.get("/judgements").json()["results"]}
    assert ("tie", "xss-family") in kinds and ("merge", min(zhandos, father)) in kinds
    assert client.post("/judgements", json={**tie, "subject": zhandos}, headers=AUTH).status_code == 404
    assert client.post("/judgements", json={**body, "object": None}, headers=AUTH).status_code == 400
    assert client.post("/judgements", json={**body, "kind": "friendship"}, headers=AUTH).status_code == 422


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/match/{dataset}", "/screen", "/search", "/entities/{entity_id}", "/entities/{entity_id}/kin",
                 "/findings", "/findings/{finding_id}", "/findings/{finding_id}/review", "/judgements"):
        assert path in paths


# -- pages and escaping ------------------------------------------------------------------------------

def test_pages_render(client, zhandos):
    assert "Search persons" in client.get("/").text
    assert "Zhandos Bakhytbekovich Imanaliev" in client.get("/", params={"q": "Imanaliyev"}).text
    page = client.get(f"/ui/persons/{zhandos}")
    assert page.status_code == 200 and 'id="kin-graph"' in page.text
    assert "Content-Security-Policy" in page.headers
    assert "Findings queue" in client.get("/ui/findings").text
    fid = client.get("/findings").json()["results"][0]["id"]
    assert "Evidence chain" in client.get(f"/ui/findings/{fid}").text
    assert client.get("/ui/persons/nobody").status_code == 404
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/static/vendor/htmx.min.js").status_code == 200


def test_quotes_are_highlighted_in_their_source_text(client):
    case = [f for f in client.get("/findings", params={"limit": 1000}).json()["results"]
            if f["subject"]["name"] == "Zhandos Bakhytbekovich Imanaliev"]
    page = client.get(f"/ui/findings/{case[0]['id']}").text
    assert "<mark>Zhandos Bakhytbekovich Imanaliev , son of" in page


def test_markup_in_names_is_escaped_everywhere(client):
    assert XSS in [r["caption"] for r in client.get("/search", params={"q": XSS}).json()["results"]]
    pages = [client.get("/", params={"q": XSS}).text, client.get("/ui/search", params={"q": XSS}).text,
             client.get("/ui/persons/xss-person").text, client.get("/ui/persons/xss-person/dossier.html").text,
             client.get("/ui/tie/xss-family").text, client.get("/ui/persons/xss-father").text]
    for text in pages:
        assert XSS not in text and "<b>bold</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2]
    # the kin graph's JSON is inside a script tag: '<' must be escaped there too
    assert "\\u003cscript\\u003e" in pages[2] or "\\u003c" in pages[5]


def test_dossier_export_html_and_pdf(client, zhandos):
    html = client.get(f"/ui/persons/{zhandos}/dossier.html")
    assert html.status_code == 200 and "Evidence chains" in html.text and "<script" not in html.text
    pdf = client.get(f"/ui/persons/{zhandos}/dossier.pdf")
    if pdf.status_code == 501:
        pytest.skip(pdf.json()["detail"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_review_form_in_the_page(client):
    fid = client.get("/findings").json()["results"][-1]["id"]
    wrong = client.post(f"/ui/findings/{fid}/review", data={"decision": "confirm", "token": "nope"})
    assert wrong.status_code == 401 and "wrong or missing token" in wrong.text
    ok = client.post(f"/ui/findings/{fid}/review", data={"decision": "confirm", "token": TOKEN, "comment": XSS})
    assert ok.status_code == 200 and "confirmed" in ok.text and XSS not in ok.text
    assert client.post(f"/ui/findings/{fid}/review", data={"decision": "??", "token": TOKEN}).status_code == 422


def test_missing_store_is_a_clear_error(tmp_path):
    from tamyr.api.access import StoreUnavailable

    with pytest.raises(StoreUnavailable, match="no such store"):
        create_app(tmp_path / "nope.duckdb")


def test_serve_command_is_registered():
    from typer.testing import CliRunner

    from tamyr.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--token" in result.output
