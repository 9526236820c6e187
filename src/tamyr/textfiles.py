"""Text files from outside: where a byte does not decode, what the file probably is, which delimiter a
table uses, and a UTF-8 copy of a file in another encoding.

Shared by the readers of registries (``ingest``, ``kin``) and of articles (``extract``).
"""

from __future__ import annotations

import codecs
import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

CHUNK = 1 << 22
DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Undecodable:
    """The first byte that does not decode: its line and character column (both from 1)."""

    line: int
    column: int
    byte: int
    offset: int
    guess: str | None        # what the file probably is ("cp1251", "utf-16"), when it can be told

    def describe(self, encoding: str) -> str:
        return f"not valid {encoding} text (byte 0x{self.byte:02x} at character {self.column})"


def explain(where: Undecodable | None, encoding: str, remedy: str = "pass --encoding {guess}") -> str:
    """What is wrong, for a person: the byte and character, and what the file probably is and what to do."""
    if where is None:
        return f"not valid {encoding} text"
    hint = ""
    if where.guess and where.guess != encoding_name(encoding):
        hint = f"; it looks like {where.guess}: " + remedy.format(guess=where.guess)
    return where.describe(encoding) + hint


def located(path: Path, where: Undecodable | None, encoding: str, remedy: str = "pass --encoding {guess}") -> str:
    """``PATH line N: not valid ... text (...)[; it looks like ...]``."""
    return f"{path}{f' line {where.line}' if where else ''}: {explain(where, encoding, remedy)}"


def undecodable_message(path: Path, encoding: str, remedy: str = "pass --encoding {guess}") -> str:
    """``located`` for a file that does not decode: finds where (streamed)."""
    return located(path, find_undecodable(path, encoding), encoding, remedy)


class TextFileError(ValueError):
    """A text file that cannot be read as asked; the message names the file (and line and character)."""


@contextlib.contextmanager
def reading(path: Path, encoding: str = "utf-8", strip_bom: bool = False, newline: str | None = None) -> Iterator:
    """Open a text file for reading; an unknown encoding, a byte that does not decode (also while the
    body reads) or an unreadable file become a TextFileError saying where and what to do."""
    try:
        codec = encoding_name(encoding)
    except ValueError as exc:
        raise TextFileError(f"{path}: {exc}") from None
    try:
        with path.open(encoding="utf-8-sig" if strip_bom and codec == "utf-8" else codec, newline=newline) as handle:
            yield handle
    except UnicodeDecodeError:
        raise TextFileError(undecodable_message(path, codec)) from None
    except OSError as exc:
        raise TextFileError(f"{path}: cannot read: {exc.strerror}") from None


def encoding_name(name: str | None) -> str:
    """The codec's canonical name (``utf-8``, ``cp1251``); ValueError for an unknown one."""
    try:
        return codecs.lookup(name or "utf-8").name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (e.g. utf-8, cp1251, koi8-r)") from None


def looks_like_cp1251(data: bytes) -> bool:
    """Cyrillic text in Windows-1251: most high bytes are its letters (0xC0-0xFF, Ё/ё 0xA8/0xB8)."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    letters = sum(1 for b in high if b >= 0xC0 or b in (0xA8, 0xB8))
    return letters / len(high) > 0.6


def guess_encoding(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if looks_like_cp1251(head):
        return "cp1251"
    return None


def find_undecodable(path: Path, encoding: str = "utf-8") -> Undecodable | None:
    """Where ``path`` stops being ``encoding`` text, or None when all of it decodes (streamed)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = 0
    with path.open("rb") as handle:
        head = handle.read(CHUNK)
        chunk = head
        while True:
            final = not chunk
            try:
                decoder.decode(chunk, final=final)
            except UnicodeDecodeError as exc:
                # exc.object is the decoder's pending bytes followed by this chunk
                pending = len(exc.object) - len(chunk)
                return _locate(path, offset - pending + exc.start, encoding, guess_encoding(head[:1 << 20]))
            if final:
                return None
            offset += len(chunk)
            chunk = handle.read(CHUNK)


def _locate(path: Path, offset: int, encoding: str, guess: str | None) -> Undecodable:
    with path.open("rb") as handle:
        before = handle.read(offset)
        byte = handle.read(1)
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode(encoding, errors="replace")) + 1
    return Undecodable(line=before.count(b"\n") + 1, column=column, byte=byte[0] if byte else 0,
                       offset=offset, guess=guess)


def sniff_delimiter(first_line: str) -> str:
    """The delimiter a table's header line uses most (comma when none)."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


@contextlib.contextmanager
def utf8_copy(path: Path, encoding: str) -> Iterator[Path]:
    """A temporary UTF-8 copy of a text file in ``encoding`` (streamed), removed afterwards.

    Raises UnicodeError with the position (an ``Undecodable``) as its only argument when a byte does not
    decode."""
    with tempfile.TemporaryDirectory(prefix="tamyr-text-") as tmp:
        target = Path(tmp) / (path.stem + ".utf8" + path.suffix)
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
            while True:
                chunk = src.read(CHUNK)
                try:
                    text = decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError:
                    problem = find_undecodable(path, encoding)
                    raise UnicodeError(problem) from None
                dst.write(text)
                if not chunk:
                    break
        yield target
