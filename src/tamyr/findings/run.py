"""Compute findings for a store: load the world, evaluate the enabled rules, hydrate the evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..rules import SeniorityTable, World, evaluate, load_rules
from ..store import Store
from .evidence import hydrate
from .store import FindingStore


def compute_findings(store: Store, enable: Iterable[str] = (), disable: Iterable[str] = (),
                     rule_files: Iterable[str | Path] = (), seniority: str | Path | None = None,
                     threshold: float = 0.5, canonical: dict[str, str] | None = None,
                     save: bool = True) -> list[dict]:
    """Findings as JSON-ready dicts (with evidence and review state); saved to the store if writable."""
    rules = load_rules(rule_files, enable, disable)
    table = SeniorityTable.load(seniority) if seniority else None
    if canonical is None:
        from ..resolve import canonical_ids  # merges from `tamyr resolve`, minus rejected ones

        canonical = canonical_ids(store)
    world = World.load(store, table, canonical)
    findings_store = FindingStore(store)
    reviews = findings_store.reviews()
    results = hydrate(evaluate(world, rules, threshold), world, store, reviews)
    if save and not store.read_only:
        findings_store.replace(results)
    return results
