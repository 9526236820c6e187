"""Access to the store for a server: read-only by default, short-lived writes, cached derived data.

DuckDB lets one process write a file, and a process cannot hold a read-only and a read-write
connection to the same file at once. So the server keeps one read-only connection for reads and, for
a write (a review, a judgement), closes it, opens the file read-write, writes, closes, and reopens it
read-only — all under one lock. Derived data (the name-key index, the kin graph, canonical ids, the
findings) is cached per *generation* and rebuilt lazily after a write.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from ..store import Store

T = TypeVar("T")


class StoreUnavailable(Exception):
    """The store file cannot be opened (missing, locked by another writer, corrupt)."""


class StoreAccess:
    def __init__(self, path: str | Path, token: str | None = None):
        self.path = Path(path)
        self.token = token or None
        self.lock = threading.RLock()
        self.generation = 0
        self._store: Store | None = None
        self._cache: dict[str, tuple[int, object]] = {}
        if not self.path.exists():
            raise StoreUnavailable(f"{self.path}: no such store (run `tamyr ingest` or `tamyr demo` first)")
        try:  # lookup indexes, once per store file; skipped when another process holds the write lock
            with Store(self.path, read_only=False) as store:
                store.ensure_indexes()
        except Exception:  # noqa: BLE001 - a locked or read-only file is served without them
            pass

    @property
    def writable(self) -> bool:
        return self.token is not None

    def _open(self) -> Store:
        if self._store is None:
            try:
                self._store = Store(self.path, read_only=True)
            except Exception as exc:  # duckdb.IOException: locked by a writer, or not a DuckDB file
                raise StoreUnavailable(f"{self.path}: cannot open the store: {exc}") from exc
        return self._store

    @contextlib.contextmanager
    def read(self) -> Iterator[Store]:
        with self.lock:
            yield self._open()

    @contextlib.contextmanager
    def write(self) -> Iterator[Store]:
        """A short read-write session; caches are invalidated after it (even if it fails midway)."""
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            try:
                store = Store(self.path, read_only=False)
            except Exception as exc:
                raise StoreUnavailable(f"{self.path}: cannot open the store for writing: {exc}") from exc
            try:
                yield store
            finally:
                store.close()
                self.generation += 1

    def cached(self, name: str, build: Callable[[Store], T]) -> T:
        """Derived data for the current generation, built once (under the lock) on first use."""
        with self.lock:
            hit = self._cache.get(name)
            if hit and hit[0] == self.generation:
                return hit[1]  # type: ignore[return-value]
            with self.read() as store:
                value = build(store)
            self._cache[name] = (self.generation, value)
            return value

    # -- the derived data every page needs -------------------------------------------------

    def index(self):
        from .matching import NameIndex

        return self.cached("index", NameIndex.build)

    def canonical(self) -> dict[str, str]:
        from ..resolve import canonical_ids

        return self.cached("canonical", canonical_ids)

    def graph(self):
        from ..graph import KinGraph

        canon = self.canonical()
        return self.cached("graph", lambda store: KinGraph.from_store(store, canon))

    def findings(self) -> list[dict]:
        from ..findings import FindingStore

        return self.cached("findings", lambda store: FindingStore(store).all())

    def close(self) -> None:
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None
