"""One article in, entities with evidence out."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .core import Builder, sentences
from .dates import dateline, valid_published
from .people import People
from .reader import ArticleError, ArticleText, read_article
from .result import Extraction, Span

LANGS = ("en", "ru")
ISO3 = {"en": "eng", "ru": "rus"}


def detect_language(text: str) -> str:
    cyrillic = len(re.findall(r"[а-яёәғқңөұүһі]", text[:20000], re.I))
    latin = len(re.findall(r"[a-z]", text[:20000], re.I))
    return "ru" if cyrillic > latin else "en"


def article_id_of(text: str) -> str:
    return "article:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def extract_text(text: str, date: str | None = None, lang: str = "auto", title: str | None = None,
                 source_id: str | None = None, gazetteer: tuple[str, ...] | list[str] = (),
                 published: str | None = None) -> Extraction:
    """Persons, posts, kin ties, sentences, memberships and rules stated in one article."""
    if date is not None and valid_published(date) is None:
        raise ArticleError(f"--date {date!r} is not a date (use YYYY-MM-DD)")
    lang = (lang or "auto").lower()
    if lang == "auto":
        lang = detect_language(text)
    if lang not in LANGS:
        raise ArticleError(f"language {lang!r} is not supported; use en, ru or auto")
    source_id = source_id or article_id_of(text)
    x = Extraction(text, source_id, lang, f"extract:{lang}-rules")
    published = valid_published(date) or valid_published(published) or dateline(text)
    people = People(x, source_id)
    builder = Builder(x, people, published, lang)
    spans = sentences(text)
    if lang == "en":
        from . import english

        english.process(text, spans, builder, people, tuple(gazetteer))
    else:
        from . import russian

        russian.process(text, spans, builder, people)
    builder.link_verdict_dates(text, spans)
    _link_cases(builder)
    article = x.make("Article", None, "article", scoped=True)
    whole = Span(0, len(text))
    article.span = None
    x.set(article, "title", title or _first_line(text), None)
    x.set(article, "bodyText", text, None)
    x.set(article, "language", ISO3[lang], None)
    if published:
        x.set(article, "publishedAt", published, None)
    del whole
    return x


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:200]


def _link_cases(b: Builder) -> None:
    """Case names ("Canned Meat Case") go to the person named near them, else to the one convict."""
    for _, span, name in b.state.cases:
        person_id = b.state.case_people.get(name)
        person = b.people.get(person_id) if person_id else None
        if person is None or person not in b.state.convicted:
            if len(b.state.convicted) == 1:
                person = b.state.convicted[0]
        if person is not None:
            b.case_name(person, name, span)
    # Convictions without a named case still get a case and a party (the person is a convicted defendant).
    named = {p.first("party") for p in b.x.by_schema("CourtCaseParty")}
    for person in b.state.convicted:
        if person.id not in named:
            sanction = b.state.sanctions[person.id]
            b.case_name(person, f"criminal case against {person.name}", sanction.span)


def extract_file(path: str | Path, date: str | None = None, lang: str = "auto",
                 gazetteer: tuple[str, ...] | list[str] = ()) -> tuple[Extraction, ArticleText, bytes]:
    data, article = read_article(path)
    if not article.text.strip():
        raise ArticleError("the article is empty")
    from ..store.store import content_id

    x = extract_text(article.text, date=date, lang=lang, title=article.title, source_id=content_id("article", data),
                     gazetteer=gazetteer, published=article.published)
    return x, article, data
