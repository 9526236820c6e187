"""`tamyr serve`: the HTTP API and web UI over a store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from ..store import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB store file."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        token: Optional[str] = typer.Option(None, "--token", envvar="TAMYR_TOKEN",
                                            help="Allow writes (reviews, judgements) to requests with "
                                                 "'Authorization: Bearer TOKEN'. Without it the server is read-only."),
        workers: int = typer.Option(1, "--workers", help="Worker processes (each holds its own read-only "
                                                         "connection and caches; writes need --workers 1)."),
    ) -> None:
        """Serve the web UI (search, dossiers, findings queue) and the JSON API (OpenAPI at /openapi.json)."""
        import uvicorn

        from .access import StoreUnavailable
        from .app import create_app

        if not Path(db).exists():
            typer.echo(f"error: {db}: no such store (run `tamyr ingest` or `tamyr demo` first)", err=True)
            raise typer.Exit(2)
        if token and workers > 1:
            typer.echo("error: writes need a single worker (DuckDB allows one writer): drop --workers or --token",
                       err=True)
            raise typer.Exit(2)
        mode = "read-write with a token" if token else "read-only (no --token)"
        typer.echo(f"tamyr: serving {db} on http://{host}:{port}/ ({mode}); API docs at /docs", err=True)
        if workers > 1:
            os.environ["TAMYR_DB"] = str(db)
            uvicorn.run("tamyr.api.cli:app_from_env", factory=True, host=host, port=port, workers=workers,
                        log_level="warning")
            return
        try:
            application = create_app(db, token)
        except StoreUnavailable as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        uvicorn.run(application, host=host, port=port, log_level="warning")


def app_from_env():
    """App factory for multi-worker uvicorn (each worker opens the store read-only)."""
    from .app import create_app

    return create_app(os.environ["TAMYR_DB"], None)
