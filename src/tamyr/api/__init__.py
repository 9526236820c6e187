"""HTTP API: FastAPI app over a store (`tamyr serve`), yente-compatible `/match`, search, dossiers,
findings with review. The web UI (`tamyr.web`) is mounted on the same app."""

from .app import create_app

__all__ = ["create_app"]
