"""The `tamyr` command: a thin shell over the library (each command calls one function)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .store import DEFAULT_DB

app = typer.Typer(
    help="tamyr: appointment-integrity engine. Kin ties, posts, convictions and written rules, "
    "with an evidence chain for every finding.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console()

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB store file.")


def fail(message: str, code: int = 2) -> None:
    """Print an error for a person (no traceback, no line wrapping inside paths) and exit."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def demo(
    db: Path = typer.Option(Path("tamyr-demo.duckdb"), "--db", help="Where to build the demo store."),
) -> None:
    """Build the bundled Kazakhstan example (the Imanaliev case + a synthetic registry) and summarise it."""
    from .demo import run_demo

    run_demo(db, out)


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="FtM JSON lines, CSV/XLSX registries or article text files."),
    db: Path = DbOption,
    mapping: Optional[Path] = typer.Option(None, "--mapping", "-m", help="YAML column mapping for registries."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Text encoding of registries, e.g. cp1251."),
    dataset: Optional[str] = typer.Option(None, "--dataset", help="Id namespace of a registry (default: file name)."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date of articles (YYYY-MM-DD)."),
    lang: str = typer.Option("auto", "--lang", help="Language of articles: en, ru or auto."),
) -> None:
    """Store sources with provenance. All files in one transaction: on any problem nothing is written."""
    from .ingest import IngestError, Mapping, ingest_paths
    from .store import Store

    try:
        parsed = Mapping.load(mapping) if mapping else None
        with Store(db) as store:
            reports = ingest_paths(store, paths, mapping=parsed, encoding=encoding, dataset=dataset,
                                   progress=lambda m: console.print(f"[dim]{m}[/]"), date=date, lang=lang)
    except IngestError as exc:
        fail(f"nothing was written.\n{exc.describe()}")
    for report in reports:
        typer.echo(report.summary())


@app.command()
def export(
    fmt: str = typer.Option("ftm", "--format", "-f", help="ftm (JSON lines), csv (statements with provenance) or gexf."),
    db: Path = DbOption,
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default: standard output)."),
) -> None:
    """Export the store: FtM JSON lines round-trip through `tamyr ingest`."""
    from .store import Store
    from .store.export import EXPORTERS

    if fmt not in EXPORTERS:
        fail(f"unknown format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    try:
        store = Store(db, read_only=True)
    except FileNotFoundError as exc:
        fail(str(exc))
    with store:
        if output:
            with output.open("w", encoding="utf-8", newline="") as handle:
                count = EXPORTERS[fmt](store, handle)
            console.print(f"wrote {count} records to {output}")
        else:
            EXPORTERS[fmt](store, sys.stdout)


@app.command()
def stats(db: Path = DbOption) -> None:
    """Count what the store holds."""
    from .store import Store

    try:
        store = Store(db, read_only=True)
    except FileNotFoundError as exc:
        fail(str(exc))
    with store:
        for key, value in store.counts().items():
            out.print(f"{key:20} {value:>10,}")


# Later stages keep their commands in their own module: `app` (a Typer group attached under NAME) or
# `register(app)` (adds top-level commands such as `extract`).
def _attach(module: str, name: str | None = None) -> None:
    import importlib
    import importlib.util

    if importlib.util.find_spec(module) is None:  # that stage is not built yet
        return
    mod = importlib.import_module(module)
    if name is None:
        mod.register(app)
    else:
        app.add_typer(mod.app, name=name)


_attach("tamyr.names.cli", "names")
_attach("tamyr.kin.cli", "kin")
_attach("tamyr.extract.cli")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
