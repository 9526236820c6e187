"""`tamyr demo`: build the bundled Kazakhstan example into a fresh store and show what it holds."""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table

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
        _print_case(store, console)
    console.print(f"[dim]built in {time.perf_counter() - started:.1f} s. Query it: duckdb {db} "
                  f"\"SELECT name, fatherName, lastName FROM persons LIMIT 5\"[/]")
    console.print("[yellow]Findings:[/] the rules engine (kin paths, written rules, evidence chains) is not built "
                  "yet; `tamyr demo` will print its findings once it is.")


def _print_case(store: Store, console: Console) -> None:
    """The case's kin ties, convictions and memberships, each with the quote it was read from."""
    con = store.conn
    rows = con.execute(
        """SELECT p.name, f.relationship, r.name, s.quote
           FROM family f JOIN persons p ON p.id = f.person JOIN persons r ON r.id = f.relative
           JOIN statements s ON s.entity_id = f.id AND s.prop = 'relationship'
           WHERE s.source_id LIKE 'case:%' ORDER BY p.name"""
    ).fetchall()
    facts: list[tuple[str, str]] = []
    for person, relationship, relative, quote in rows:
        facts.append((f"{relative} is the {relationship} of {person}", quote))
    for name, months, charge, verdict, release, reason, quote in con.execute(
        """SELECT p.name, s.sentenceMonths, s.charge, s.verdictDate, s.releaseDate, s.releaseReason, st.quote
           FROM sanctions s JOIN persons p ON p.id = s.entity
           JOIN statements st ON st.entity_id = s.id AND st.prop = 'tamyr:sentenceMonths'"""
    ).fetchall():
        years = f"{int(float(months)) / 12:g} years" if months else "a sentence"
        fact = f"{name}: convicted {verdict or ''}, {years} for {charge}"
        if release:
            fact += f"; released {release}" + (f" ({reason})" if reason else "")
        facts.append((fact, quote))
    for member, program, start, quote in con.execute(
        """SELECT p.name, o.name, m.startDate, st.quote FROM memberships m
           JOIN persons p ON p.id = m.member JOIN organizations o ON o.id = m.organization
           JOIN statements st ON st.entity_id = m.id AND st.prop = 'member'"""
    ).fetchall():
        facts.append((f"{member}: member of {program} since {start}", quote))
    for program, rule, quote in con.execute(
        """SELECT o.name, o.ruleExcludes, st.quote FROM organizations o
           JOIN statements st ON st.entity_id = o.id AND st.prop = 'tamyr:eligibilityRule'"""
    ).fetchall():
        facts.append((f"{program}: rule excludes {rule.replace('_', ' ')}", quote))
    console.print("\n[bold]The Imanaliev case[/] (hand-encoded from the article; each fact with its quote)")
    for fact, quote in facts:
        console.print(f"• {fact}", highlight=False)
        console.print(f"    [dim]“{quote}”[/]", highlight=False)
