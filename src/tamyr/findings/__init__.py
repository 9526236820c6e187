"""Findings with their evidence chains: stored, explained, reviewed.

A finding from the rules engine is hydrated here with the statements behind every hop and fact
(document, locator, quote), stored in the ``findings`` table (its JSON as printed by
``tamyr flags``), and reviewed through judgements (confirm / dismiss, with a comment) that never
touch the statements.
"""

from .evidence import EvidenceIndex, finding_json, hydrate
from .run import compute_findings
from .screen import Candidate, Screener, screen_batch, screen_candidate
from .store import FindingStore, render_text

__all__ = ["Candidate", "Screener", "screen_batch", "screen_candidate", "EvidenceIndex", "FindingStore", "compute_findings", "finding_json", "hydrate", "render_text"]
