"""Written rules as data (``data/*.yaml``) and the engine that evaluates them at the date that matters."""

from .engine import (
    SEVERITIES,
    Event,
    FactRef,
    Finding,
    Hop,
    Rule,
    default_rules,
    evaluate,
    load_rules,
    screen_subject,
)
from .world import SeniorityTable, World

__all__ = ["SEVERITIES", "Event", "FactRef", "Finding", "Hop", "Rule", "SeniorityTable", "World",
           "default_rules", "evaluate", "load_rules", "screen_subject"]
