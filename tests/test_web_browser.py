"""The web UI in a real browser: Playwright driving Debian's chromium (headless) against `tamyr serve`.

search "Imanaliyev" → dossier → kin graph drawn → open a finding → review it. Screenshots go to
test-artifacts/. Skipped when /usr/bin/chromium or the playwright package is missing (CI installs both;
`playwright install` is never needed: the system chromium is used)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("TAMYR_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TOKEN = "browser-token"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (Debian: apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                                                             "(pip install playwright; no browser download needed)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tamyr.demo import build_demo_store
    from tamyr.findings import compute_findings

    db = tmp_path_factory.mktemp("web") / "demo.duckdb"
    with build_demo_store(db) as store:
        compute_findings(store)
    port = free_port()
    env = {**os.environ, "TAMYR_TOKEN": TOKEN}
    proc = subprocess.Popen([sys.executable, "-m", "tamyr.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"tamyr serve did not start:\n{output}")
            time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_search_dossier_graph_finding_review(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    external: list[str] = []
    page.on("request", lambda req: external.append(req.url) if not req.url.startswith(server) else None)

    # search across spellings, live (htmx) as one types
    page.goto(server + "/")
    page.fill("#q", "Imanaliyev")
    page.wait_for_selector("#results a.person-link")
    links = page.locator("#results a.person-link")
    assert "Zhandos Bakhytbekovich Imanaliev" in links.all_inner_texts()
    page.screenshot(path=str(ARTIFACTS / "1-search.png"), full_page=True)

    # dossier with the kin graph drawn by Cytoscape
    page.get_by_role("link", name="Zhandos Bakhytbekovich Imanaliev").click()
    page.wait_for_selector("#person-name")
    assert page.inner_text("#person-name") == "Zhandos Bakhytbekovich Imanaliev"
    page.wait_for_selector("#kin-graph[data-ready]")
    assert int(page.get_attribute("#kin-graph", "data-ready")) >= 3
    assert page.locator("#kin-graph canvas").count() >= 1
    box = page.locator("#kin-graph").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    page.locator("#kin-graph").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "2-dossier.png"), full_page=True)

    # click a tie: its sources appear with the quote highlighted
    position = page.evaluate("""() => { const e = window.tamyrKin.edges()[0]; const p = e.renderedMidpoint();
                                        return {x: p.x, y: p.y}; }""")
    page.locator("#kin-graph").click(position=position)
    page.wait_for_selector("#tie-detail mark")
    page.screenshot(path=str(ARTIFACTS / "3-tie-sources.png"), full_page=True)

    # open a finding from the dossier and review it
    page.locator("a.finding-link").first.click()
    page.wait_for_selector("ol.chain")
    assert page.locator("ol.chain mark").count() >= 1
    assert page.inner_text("#review-status") in ("new", "confirmed", "dismissed")
    page.fill("textarea[name=comment]", "checked against the article")
    page.fill("input[name=author]", "browser test")
    page.fill("input[name=token]", TOKEN)
    page.get_by_role("button", name="Confirm").click()
    sync_api.expect(page.locator("#review-status")).to_have_text("confirmed")  # (CSP forbids eval'd waits)
    page.screenshot(path=str(ARTIFACTS / "4-finding-reviewed.png"), full_page=True)

    # the queue shows the decision
    page.goto(server + "/ui/findings?status=confirmed")
    assert page.locator("td.status-confirmed").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "5-queue.png"), full_page=True)

    assert not errors, errors
    assert not external, f"the UI must work offline, but requested {external}"
    page.close()
