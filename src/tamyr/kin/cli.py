"""`tamyr kin …`: a thin shell over ``tamyr.kin``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(
    help="Kin ties inferred from names (patronymic, surname root, birth years), each with a calibrated "
    "probability and a reason.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)


def _fail(message: str) -> None:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(2)


@app.command()
def infer(
    input: Optional[Path] = typer.Argument(None, help="Registry CSV: id,name[,birth_date,gender,country,organization]."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output CSV: person_id,relative_id,relationship,score,reasons."),
    db: Optional[Path] = typer.Option(None, "--db", help="Infer over the store's persons; write inferred Family statements."),
    population: Optional[int] = typer.Option(None, "--population", min=1,
                                             help="Size of the population the registry is drawn from (sets the prior)."),
    engine: str = typer.Option("duckdb", "--engine",
                               help="duckdb (embedded) or spark (local Spark session; pip install 'tamyr\\[spark]', Java)."),
    min_score: float = typer.Option(0.3, "--min-score", min=0.0, max=1.0, help="Write ties with at least this probability."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Text encoding of INPUT.csv, e.g. cp1251."),
) -> None:
    """Infer parent, child, sibling and spouse ties from names, with a probability and the evidence."""
    from . import KinInputError, infer_csv, infer_store

    if engine not in ("duckdb", "spark"):
        _fail(f"unknown engine {engine!r}: duckdb or spark")
    if engine == "spark" and db is not None:
        _fail("--db reads the embedded store: use --engine duckdb with it")
    if engine == "spark":
        try:
            import pyspark  # noqa: F401
        except ImportError:
            _fail("the Spark engine needs pyspark: pip install 'tamyr\\[spark]' (and a Java runtime)")
    if (input is None) == (db is None):
        _fail("give either INPUT.csv with --out OUTPUT.csv, or --db DB")
    if input is not None and out is None:
        _fail("--out OUTPUT.csv is required with INPUT.csv")
    progress = lambda m: console.print(f"[dim]{m}…[/]", highlight=False)  # noqa: E731
    try:
        if db is not None:
            from ..store import Store

            if not db.exists():
                _fail(f"{db}: no such store (run `tamyr ingest` first)")
            with Store(db) as store:
                result = infer_store(store, min_score=min_score, population=population, progress=progress)
        else:
            result = infer_csv(input, out, min_score=min_score, population=population, progress=progress,
                               engine=engine, encoding=encoding)
    except KinInputError as exc:
        _fail(str(exc))
        return
    label = str(input or db)
    for line in result.report.summary(label):
        console.print(line, highlight=False)
    priors = ", ".join(f"{k} {v:.3g}" for k, v in result.stats.priors.items())
    rels = ", ".join(f"{k} {v:,}" for k, v in result.by_relationship.items()) or "none"
    where = f"{out}" if db is None else f"{db} (source {result.source_id})"
    console.print(f"{result.persons:,} persons; {result.ties_written:,} ties (score ≥ {min_score}) → {where}; "
                  f"{rels}. Priors: {priors}. {sum(result.stats.seconds.values()):.1f} s", highlight=False)
