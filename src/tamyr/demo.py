"""`tamyr demo`: build the bundled Kazakhstan example into a fresh store and show what it holds."""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .findings import compute_findings, render_text
from .ingest import Mapping, ingest_paths
from .store import Store

EXAMPLE = "examples/kz"


def example_dir() -> Path:
    return Path(str(resources.files("tamyr").joinpath(EXAMPLE)))


def build_demo_store(db: Path) -> Store:
    """A fresh store with the Imanaliev case and the synthetic registry (each registry file with its mapping)."""
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    folder = example_dir()
    store = Store(db)
    ingest_paths(store, [folder / "case.yaml"])
    for data in sorted(folder.glob("*.csv")):
        mapping = folder / f"{data.stem}.yaml"
        if mapping.exists():
            ingest_paths(store, [data], mapping=Mapping.load(mapping))
    return store


def run_demo(db: Path, console: Console) -> None:
    started = time.perf_counter()
    with console.status("building the example store"):
        store = build_demo_store(db)
    with store:
        counts = store.counts()
        summary = Table(title=f"tamyr demo store: {db}", show_header=True, header_style="bold")
        summary.add_column("what")
        summary.add_column("count", justify="right")
        for key in ("sources", "statements", "persons", "organizations", "positions", "occupancies", "family",
                    "memberships", "court_cases", "sanctions"):
            summary.add_row(key.replace("_", " "), f"{counts[key]:,}")
        console.print(summary)
        findings = compute_findings(store)
        _print_findings(findings, console)
    console.print(f"[dim]built and screened in {time.perf_counter() - started:.1f} s. Explain a finding: "
                  f"tamyr explain FINDING_ID --db {db}; all of them: tamyr flags --db {db}[/]")


def _print_findings(findings: list[dict], console: Console) -> None:
    """Counts per rule, the case's findings with their chains, then the registry's in one line each."""
    counts = Table(title="Findings", header_style="bold")
    for column in ("rule", "severity", "count"):
        counts.add_column(column)
    tally: dict[tuple[str, str], int] = {}
    for f in findings:
        tally[(f["rule"], f["severity"])] = tally.get((f["rule"], f["severity"]), 0) + 1
    for (rule, severity), n in sorted(tally.items()):
        counts.add_row(rule, severity, str(n))
    console.print(counts)
    case = [f for f in findings if any(src["source_id"].startswith("case:")
                                       for item in f["path"] + f["evidence"] for src in item["sources"])]
    order = ["kin_of_convicted", "kin_of_senior_official", "program_eligibility", "early_release"]
    case.sort(key=lambda f: (order.index(f["rule"]) if f["rule"] in order else 9, f["subject"]["name"].startswith("unnamed")))
    console.print("\n[bold]Findings of the Imanaliev case[/] (evidence chains with quotes)\n")
    for finding in case:
        console.print(render_text(finding, width=max(60, min(console.width, 120))), highlight=False, markup=False)
        console.print()
    others = [f for f in findings if f not in case]
    if others:
        console.print(f"[bold]Findings in the synthetic registry[/] ({len(others)}; first 12)")
        for finding in others[:12]:
            console.print(f"{finding['id']} [{finding['severity']}] {finding['summary']}", highlight=False,
                          markup=False)
