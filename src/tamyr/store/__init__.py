"""The DuckDB store: immutable sources, statements with provenance, and views per FtM schema.

Every fact is a row of ``statements``: one value of one property of one FtM entity, with the
source it came from (file + line, or document + character span + quote), whether it is asserted
by the source or inferred by tamyr (and by which method, with what confidence), and when it was
ingested. Entities are the statements grouped by ``entity_id``. Nothing ever updates a statement;
reviewer judgements live in their own tables and change what is derived, not what was stated.
"""

from __future__ import annotations

from .store import Store, DEFAULT_DB, STATEMENT_COLUMNS, statement_id

__all__ = ["Store", "DEFAULT_DB", "STATEMENT_COLUMNS", "statement_id"]
