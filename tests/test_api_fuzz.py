"""Property-based requests from the OpenAPI schema (schemathesis): no input makes the API answer 5xx."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis to fuzz the API")

from tamyr.api import create_app  # noqa: E402
from tamyr.demo import build_demo_store  # noqa: E402
from tamyr.findings import compute_findings  # noqa: E402


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz") / "demo.duckdb"
    with build_demo_store(db) as store:
        compute_findings(store)
    return create_app(db, token="fuzz-token")


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_gets_a_server_error(case):
    response = case.call(headers={"Authorization": "Bearer fuzz-token"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
