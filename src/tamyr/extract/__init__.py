"""Facts from news articles (English, Russian with Kazakh letters), each with its quote and span.

    extract_text(text, date=None, lang="auto") -> Extraction   # entities with evidence
    extract_file(path, ...) -> (Extraction, ArticleText, bytes)

Importing this package registers the article handler of ``tamyr ingest``.
"""

from __future__ import annotations

from .pipeline import detect_language, extract_file, extract_text
from .reader import MAX_BYTES, ArticleError, read_article
from .result import Extraction

from . import ingest as _ingest  # noqa: F401,E402  (registers the ingest handler)

__all__ = ["ArticleError", "Extraction", "MAX_BYTES", "detect_language", "extract_file", "extract_text",
           "read_article"]
