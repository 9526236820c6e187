"""The FastAPI application: JSON API + server-rendered web UI over one DuckDB store."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from .access import StoreAccess, StoreUnavailable

# The pages load only their own scripts and styles: a name that smuggles markup cannot run script even
# if an escape were ever missed. (htmx and Cytoscape set inline styles, hence 'unsafe-inline' for style.)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """An app serving ``db_path``. Read-only unless ``token`` (or TAMYR_TOKEN) is set."""
    from .. import __version__
    from ..web import mount as mount_web
    from .routes import router

    token = token or os.environ.get("TAMYR_TOKEN") or None
    access = StoreAccess(db_path, token)
    app = FastAPI(title="tamyr", version=__version__,
                  description="Appointment-integrity engine: search persons across scripts, dossiers with the kin "
                              "graph, findings with evidence chains, yente-compatible `/match`. Writes (reviews, "
                              "judgements) need `Authorization: Bearer <token>`.")
    app.state.access = access
    app.include_router(router)
    mount_web(app)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            errors.append({"loc": list(e.get("loc", ())), "msg": f"{where}: {e.get('msg')}", "type": e.get("type")})
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, exc: StoreUnavailable):
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return app


__all__ = ["HTTPException", "create_app"]
