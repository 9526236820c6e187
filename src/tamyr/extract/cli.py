"""`tamyr extract PATH... --format ftm`: print the entities read from articles as FtM JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        paths: List[Path] = typer.Argument(..., help="Article files: UTF-8 .txt or .html."),
        fmt: str = typer.Option("ftm", "--format", "-f", help="Output format: ftm (JSON lines)."),
        date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD): gives partial dates their year."),
        lang: str = typer.Option("auto", "--lang", help="Language: en, ru or auto."),
    ) -> None:
        """Read persons, posts, kin ties, convictions, memberships and rules from articles, each with its quote."""
        from rich.console import Console

        from . import ArticleError, extract_file
        from .reader import LARGE_BYTES, MAX_BYTES

        err = Console(stderr=True)
        if fmt != "ftm":
            err.print(f"[bold red]error:[/] unknown format {fmt!r}; use ftm")
            raise typer.Exit(2)
        failed = 0
        for path in paths:
            if not path.exists() or path.is_dir():
                err.print(f"[bold red]error:[/] {path}: no such file", highlight=False)
                failed += 1
                continue
            size = path.stat().st_size
            if LARGE_BYTES < size <= MAX_BYTES:
                err.print(f"[yellow]note:[/] {path}: {size / 1e6:.1f} MB is long for an article; reading it in pieces "
                          "of about 100 kB (1-8 s per MB)", highlight=False, soft_wrap=True)
            try:
                x, _, _ = extract_file(path, date=date, lang=lang)
            except ArticleError as exc:
                err.print(f"[bold red]error:[/] {path}: {exc}", highlight=False)
                failed += 1
                continue
            if not x.by_schema("Person"):
                err.print(f"[yellow]warning:[/] {path}: no person names found", highlight=False)
                continue
            for record in x.ftm():
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        if failed:
            raise typer.Exit(1)
