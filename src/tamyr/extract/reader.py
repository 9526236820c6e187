"""Read an article file into the text that facts point into.

The stored text is what character spans refer to: for .txt the decoded file (BOM removed), for .html
the visible text with tags removed (blocks separated by newlines, entities unescaped). Spans are
offsets in Unicode code points (Python ``str`` indexes) into that text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .. import textfiles

# An article is a few kilobytes. Longer files (a dump of many articles, a report, a book) are read in
# pieces of about 100 kB cut at paragraph breaks, with spans into the whole stored text; the work grows
# with the length (about 5-10 s of CPU per MB). Beyond MAX_BYTES a file is refused with a message,
# before anything is read or stored.
MAX_BYTES = 20_000_000
LARGE_BYTES = 2_000_000  # above this, `extract`/`ingest` say that a long file will take a while


class ArticleError(ValueError):
    """An article file that cannot be read; the message says why and what to do."""

    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(message if line is None else f"line {line}: {message}")


@dataclass
class ArticleText:
    text: str
    kind: str  # txt | html
    title: str | None = None
    published: str | None = None  # date found in the document's metadata (HTML <meta>/<time>)
    meta: dict = field(default_factory=dict)


def read_article(path: str | Path) -> tuple[bytes, ArticleText]:
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(
            f"file is {size / 1e6:.1f} MB; tamyr extracts files up to {MAX_BYTES / 1e6:.0f} MB "
            "(split a dump of many articles into one file per article, or a book into chapters)")
    data = path.read_bytes()
    html_like = path.suffix.lower() in (".html", ".htm")
    return data, parse_article_bytes(data, html_like=html_like)


def decode(data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        raise ArticleError("file is UTF-16; save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if textfiles.looks_like_cp1251(data):
            raise ArticleError(
                "file is not UTF-8: it looks like Windows-1251 (cp1251) Cyrillic; convert it first, "
                "e.g. `iconv -f cp1251 -t utf-8 IN > OUT`", line=line) from None
        raise ArticleError(f"file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                           "save it as UTF-8", line=line) from None


def parse_article_bytes(data: bytes, html_like: bool = False) -> ArticleText:
    text = decode(data)
    if not html_like and re.match(r"\s*(<!doctype html|<html|<head|<body|<p>|<div|<article)", text[:500], re.I):
        html_like = True
    if html_like:
        return strip_html(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ArticleText(text=text, kind="txt")


_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "header", "footer", "blockquote", "title", "figcaption", "dd", "dt", "hr"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []
        self.h1: list[str] = []
        self.in_h1 = False
        self.published: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self.in_title = True
        if tag in _SKIP and tag != "head":
            self.skip += 1
        if tag == "h1":
            self.in_h1 = True
        if tag == "meta" and not self.published:
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key in ("article:published_time", "date", "pubdate", "publishdate", "dc.date", "og:published_time"):
                self.published = (attrs.get("content") or "")[:10] or None
        if tag == "time" and not self.published and attrs.get("datetime"):
            self.published = attrs["datetime"][:10]
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in _SKIP and tag != "head" and self.skip:
            self.skip -= 1
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1.append(data)
        self.parts.append(data)


def strip_html(source: str) -> ArticleText:
    parser = _TextParser()
    parser.feed(source)
    parser.close()
    raw = "".join(parser.parts)
    raw = html.unescape(raw).replace("\xa0", " ").replace("\r", "")
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    text = "\n".join(line for line in lines if line)
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1).split()) or None
    published = parser.published if parser.published and re.match(r"\d{4}-\d{2}-\d{2}$", parser.published) else None
    return ArticleText(text=text, kind="html", title=title, published=published)
