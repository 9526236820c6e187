from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One thing wrong with an input, located for a person: file, line, column."""

    path: str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f" line {self.line}"
        if self.column:
            where += f" column {self.column!r}"
        return f"{where}: {self.message}"


class IngestError(Exception):
    """Input that cannot be stored. Nothing of the file was written."""

    def __init__(self, problems: list[Problem] | Problem, total: int | None = None):
        self.problems = problems if isinstance(problems, list) else [problems]
        self.total = total if total is not None else len(self.problems)
        super().__init__(self.describe())

    def describe(self, limit: int = 10) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if self.total > limit:
            lines.append(f"... and {self.total - limit} more problems")
        return "\n".join(lines)


@dataclass
class IngestReport:
    path: str
    kind: str
    source_id: str | None = None
    entities: int = 0
    statements: int = 0
    skipped: bool = False  # the same source was ingested before
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.skipped:
            return f"{self.path}: already ingested ({self.kind}), nothing to do"
        text = f"{self.path}: {self.entities} entities, {self.statements} new statements ({self.kind})"
        if self.notes:
            text += "; " + "; ".join(self.notes)
        return text
