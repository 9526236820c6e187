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
    from .store.export import EXPORTERS

    if fmt not in EXPORTERS:
        fail(f"unknown format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    with _open(db) as store:
        if output:
            with output.open("w", encoding="utf-8", newline="") as handle:
                count = EXPORTERS[fmt](store, handle)
            console.print(f"wrote {count} records to {output}")
        else:
            EXPORTERS[fmt](store, sys.stdout)


@app.command()
def stats(db: Path = DbOption) -> None:
    """Count what the store holds."""
    with _open(db) as store:
        for key, value in store.counts().items():
            out.print(f"{key:20} {value:>10,}")


@app.command()
def flags(
    db: Path = DbOption,
    fmt: str = typer.Option("text", "--format", "-f", help="text (evidence chains) or json (one finding per line)."),
    rule: List[str] = typer.Option([], "--rule", help="Run only these rules (repeatable)."),
    disable: List[str] = typer.Option([], "--disable", help="Switch these rules off (repeatable)."),
    rules_file: List[Path] = typer.Option([], "--rules-file", help="Extra or overriding rule YAML files."),
    seniority: Optional[Path] = typer.Option(None, "--seniority", help="Seniority table YAML overriding the bundled one."),
    threshold: float = typer.Option(0.5, "--threshold", help="Inferred paths below this confidence are 'possible'."),
    severity: Optional[str] = typer.Option(None, "--severity", help="Only findings of this severity."),
) -> None:
    """Evaluate the written rules over the store and print every finding with its evidence chain."""
    import json

    from .findings import compute_findings, render_text

    with _open(db, read_only=False) as store:
        try:
            results = compute_findings(store, enable=rule, disable=disable, rule_files=rules_file,
                                       seniority=seniority, threshold=threshold)
        except ValueError as exc:
            fail(str(exc))
    if severity:
        results = [f for f in results if f["severity"] == severity]
    if fmt == "json":
        for finding in results:
            typer.echo(json.dumps(finding, ensure_ascii=False))
    elif fmt == "text":
        for finding in results:
            typer.echo(render_text(finding) + "\n")
        console.print(f"{len(results)} findings")
    else:
        fail(f"unknown format {fmt!r}; use text or json")


@app.command()
def explain(
    finding_id: str = typer.Argument(..., help="A finding id printed by `tamyr flags`."),
    db: Path = DbOption,
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Print one finding's evidence chain: each hop, its sources and quotes, what is known and not."""
    import json

    from .findings import FindingStore, render_text

    with _open(db) as store:
        finding = FindingStore(store).get(finding_id)
    if finding is None:
        fail(f"no finding {finding_id!r} in {db} (run `tamyr flags --db {db}` first)")
    typer.echo(json.dumps(finding, ensure_ascii=False, indent=2) if fmt == "json" else render_text(finding))


@app.command()
def review(
    finding_id: str = typer.Argument(..., help="A finding id."),
    decision: str = typer.Argument(..., help="confirm, dismiss or reopen."),
    comment: Optional[str] = typer.Option(None, "--comment", "-c"),
    author: Optional[str] = typer.Option(None, "--author"),
    db: Path = DbOption,
) -> None:
    """Record a reviewer's decision on a finding (kept in an audit trail; sources are never changed)."""
    from .findings import FindingStore

    with _open(db, read_only=False) as store:
        try:
            state = FindingStore(store).review(finding_id, decision, comment, author)
        except (KeyError, ValueError) as exc:
            fail(str(exc.args[0]))
    typer.echo(f"{finding_id}: {state['status']}")


@app.command()
def resolve(
    db: Path = DbOption,
    threshold: float = typer.Option(0.9, "--threshold", help="Merge pairs at or above this probability."),
    show: int = typer.Option(20, "--show", help="Print this many pairs (merged and to review)."),
) -> None:
    """Find records of one person across sources (splink, name keys + birth date + organisation)."""
    from .resolve import resolve_store

    with _open(db, read_only=False) as store:
        report = resolve_store(store, threshold)
        typer.echo(report.summary())
        rows = store.conn.execute(
            "SELECT a, b, probability, detail FROM resolution_pairs ORDER BY probability DESC LIMIT ?", [show]
        ).fetchall()
    import json

    for a, b, probability, detail in rows:
        d = json.loads(detail)
        verdict = "merged" if probability >= threshold else "review"
        typer.echo(f"{probability:.3f} {verdict:6} {d.get('name_l')} [{a}] = {d.get('name_r')} [{b}]")


@app.command()
def judge(
    a: str = typer.Argument(..., help="A person id."),
    b: str = typer.Argument(..., help="Another person id."),
    decision: str = typer.Argument(..., help="confirm (same person) or reject (different persons)."),
    comment: Optional[str] = typer.Option(None, "--comment", "-c"),
    author: Optional[str] = typer.Option(None, "--author"),
    db: Path = DbOption,
) -> None:
    """Record a reviewer's judgement that two person records are, or are not, the same person."""
    from .resolve import judge_merge

    with _open(db, read_only=False) as store:
        try:
            judge_merge(store, a, b, decision, comment, author)
        except ValueError as exc:
            fail(str(exc))
    typer.echo(f"{a} {b}: {decision}")


@app.command()
def screen(
    name: Optional[str] = typer.Argument(None, help="The candidate's full name (any script and order)."),
    db: Path = DbOption,
    birth_date: Optional[str] = typer.Option(None, "--birth-date", help="YYYY or YYYY-MM-DD."),
    program: Optional[str] = typer.Option(None, "--program", help="Program applied to, e.g. 'Youth Personnel Reserve'."),
    date: Optional[str] = typer.Option(None, "--date", help="The date that matters (appointment/admission), YYYY-MM-DD."),
    batch: Optional[Path] = typer.Option(None, "--batch", help="CSV of candidates: name[,birth_date,program,date,id]."),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="Report CSV for --batch."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json (single candidate)."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Text encoding of --batch, e.g. cp1251."),
) -> None:
    """Screen a candidate (or a list with --batch) against the store: kin ties stated or implied by the
    name, senior or convicted relatives, program rules; a verdict with the findings and their evidence."""
    import csv
    import json

    from .findings import Candidate, Screener, render_text, screen_batch

    if (name is None) == (batch is None):
        fail("give a NAME or --batch FILE (not both)")
    with _open(db, read_only=False) as store:
        if batch is not None:
            if output is None:
                fail("--batch needs --out REPORT.csv")
            from . import textfiles

            try:
                with textfiles.reading(batch, encoding, strip_bom=True, newline="") as handle:
                    reader = csv.DictReader(handle)
                    rows, lines = [], []
                    for row in reader:
                        rows.append(row)
                        lines.append(reader.line_num)
            except textfiles.TextFileError as exc:
                fail(str(exc))
            if not rows or "name" not in rows[0]:
                fail(f"{batch}: expected a CSV with a 'name' column")
            empty = [line for line, r in zip(lines, rows) if not (r.get("name") or "").strip()]
            if empty:
                fail(f"{batch} line {empty[0]}: column 'name' is empty ({len(empty)} such rows)")
            summary = screen_batch(store, rows, output, program, date)
            typer.echo(f"screened {summary['candidates']} candidates: {summary['flag']} flag, {summary['review']} "
                       f"review, {summary['clear']} clear -> {output}")
            return
        result = Screener(store).screen(Candidate(name, birth_date, program, date))
    if fmt == "json":
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{name}: {result['verdict'].upper()}")
    for problem in result["problems"]:
        typer.echo(f"  note: {problem}")
    for match in result["matches"]:
        typer.echo(f"  in the store as {match['name']} [{match['id']}] (identity {match['score']:.2f}: {match['reasons']})")
    for rel in result["relatives"]:
        typer.echo(f"  inferred {rel['relationship']}: {rel['name']} [{rel['id']}] p={rel['score']:.2f} ({rel['reasons']})")
    for finding in result["findings"]:
        typer.echo("\n" + render_text(finding))


def _open(db: Path, read_only: bool = True):
    from .store import Store

    if not Path(db).exists():
        fail(f"{db}: no such store (run `tamyr ingest` or `tamyr demo` first)")
    try:
        return Store(db, read_only=read_only)
    except Exception as exc:  # duckdb raises IOException for a locked or corrupt file
        fail(f"{db}: cannot open the store: {exc}")


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
_attach("tamyr.api.cli")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
