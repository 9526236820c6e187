"""`tamyr names ...`: parse names from the command line (a thin shell over tamyr.names)."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    help="Post-Soviet person names: given name, patronymic, surname, gender, father's name, match keys.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def parse(
    names: Optional[List[str]] = typer.Argument(None, help="Names to parse, e.g. 'Жандос Бахытбекович Иманалиев'."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Text file, one name per line ('-' = stdin); UTF-8 unless --encoding."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per name (JSON lines)."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Text encoding of --file, e.g. cp1251."),
    inflected: bool = typer.Option(False, "--inflected", help="Names as they occur in Russian text, in any "
                                   "grammatical case ('Бахытбека Иманалиева'): put into the nominative first "
                                   "(pymorphy3); the JSON then carries the text as written in 'inflected'."),
) -> None:
    """Parse names into their parts, the father's given name and script-independent match keys."""
    from .. import textfiles
    from . import nominative, parse_names

    def fail(message: str) -> None:
        Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False)
        raise typer.Exit(2)

    texts = list(names or [])
    if file is not None:
        try:
            with contextlib.nullcontext(sys.stdin) if str(file) == "-" else textfiles.reading(file, encoding) as handle:
                texts.extend(line.rstrip("\r\n") for line in handle if line.strip())
        except textfiles.TextFileError as exc:
            fail(str(exc))
        except UnicodeDecodeError:
            fail(f"stdin is not {sys.stdin.encoding} text")
    if not texts:
        Console(stderr=True).print("[bold red]error:[/] no names given (pass NAME... or --file FILE)")
        raise typer.Exit(2)
    written = texts
    if inflected:
        texts = [nominative(t) for t in texts]
    parsed = parse_names(texts)
    if as_json:
        out = sys.stdout
        for p, text in zip(parsed, written):
            d = p.to_dict()
            if inflected and text != p.raw:
                d["inflected"] = text
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
        return
    table = Table(show_lines=False)
    for col in ("name", "given", "patronymic", "surname", "gender", "father", "order", "keys", "problems"):
        table.add_column(col, overflow="fold")
    for p, text in zip(parsed, written):
        keys = " / ".join(f"{k}={v}" for k, v in p.keys.items() if v)
        shown = p.raw if text == p.raw else f"{p.raw} ({text})"
        table.add_row(shown, p.given or "", p.patronymic or "", p.surname or "", p.gender or "",
                      p.father_given or "", p.order or "", keys, "; ".join(p.problems))
    Console().print(table)


@app.command()
def variants(
    names: List[str] = typer.Argument(..., help="Names to spell in Latin, e.g. 'Қасым-Жомарт Тоқаев'."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=500, help="Spellings per name, most likely first."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per name: {\"name\", \"variants\"}."),
) -> None:
    """Plausible Latin spellings of a name (ICAO 9303, BGN/PCGN, GOST 7.79, Kazakh Latin 2021, passport
    practice), for searching Latin sources and sanctions lists."""
    from . import latin_variants

    for name in names:
        found = latin_variants(name, limit=limit)
        if as_json:
            sys.stdout.write(json.dumps({"name": name, "variants": found}, ensure_ascii=False) + "\n")
        else:
            Console().print(f"[bold]{name}[/]" + ("" if found else "  (no Latin spelling: empty or not a name)"),
                            highlight=False)
            for v in found:
                Console().print(f"  {v}", highlight=False)
