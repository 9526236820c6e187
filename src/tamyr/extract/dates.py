"""Dates in article text: absolute, partial (month-day without a year) and relative to an event.

FtM dates are "YYYY-MM-DD", "YYYY-MM" or "YYYY". A month-day without a year is never completed by
guessing: the year comes from the publication date (the latest such day not after it) or stays
unknown, and the month-day is then kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS_EN = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS_EN.update({k[:3]: v for k, v in list(MONTHS_EN.items())})
MONTHS_EN["sept"] = 9
# Russian genitive/prepositional month forms (15 октября, в октябре) and Kazakh month names.
MONTHS_RU = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7, "тамыз": 8,
    "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}

_EN_MONTH = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|" \
            r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_RU_MONTH = r"(?P<mon>январ[яеь]|феврал[яеь]|марта?|марте|апрел[яеь]|ма[яей]|июн[яеь]|июл[яеь]|августа?|августе|" \
            r"сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь]|қаңтар\w*|ақпан\w*|наурыз\w*|сәуір\w*|мамыр\w*|" \
            r"маусым\w*|шілде\w*|тамыз\w*|қыркүйек\w*|қазан\w*|қараша\w*|желтоқсан\w*)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

PATTERNS = [
    # ISO and numeric
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]\d)\.(?P<year>(?:19|20)\d{2})\b"),
    # English
    re.compile(rf"\b{_EN_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_EN_MONTH}\s+{_YEAR}\b"),
    # Russian / Kazakh
    re.compile(rf"(?<![\w])(?P<day>[0-3]?\d)\s+{_RU_MONTH}(?:\s+{_YEAR}(?:\s*(?:года|году|год|г\.|ж\.|жылы?))?)?(?![\w])", re.I),
    re.compile(rf"(?<![\w])(?:в\s+)?{_RU_MONTH}\s+{_YEAR}(?:\s*(?:года|году|г\.))?(?![\w])", re.I),
    # a bare year ("In 2021", "в 2021 году", "2021 жылы")
    re.compile(rf"(?<![\w.,])(?P<year>(?:19|20)\d{{2}})(?![\w.,]\d)(?:\s*(?:года|году|год|г\.|ж\.|жылы?))?"),
]


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None

    @property
    def value(self) -> str | None:
        """FtM date string, or None when the year is unknown."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def month_day(self) -> str | None:
        if self.month and self.day:
            return f"--{self.month:02d}-{self.day:02d}"
        return None


def _month(name: str) -> int | None:
    key = name.lower().rstrip(".")
    if key in MONTHS_EN:
        return MONTHS_EN[key]
    for stem, number in sorted(MONTHS_RU.items(), key=lambda kv: -len(kv[0])):
        if key.startswith(stem):
            return number
    return None


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else (_month(groups["mon"]) if groups.get("mon") else None)
            if groups.get("mon") and month is None:
                continue
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            if day is not None and not 1 <= day <= 31:
                continue
            if month is not None and not 1 <= month <= 12:
                continue
            if groups.get("mon") and groups["mon"].lower() == "may" and day is None and year is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), year, month, day))
    found.sort(key=lambda d: d.start)
    return found


def complete_year(mention: DateMention, published: str | None) -> DateMention:
    """Give a month-day its year from the publication date: the latest such day not after it."""
    if mention.year is not None or not mention.month or not published:
        return mention
    year, month, day = (int(x) for x in (published + "-01-01")[:10].split("-")[:3])
    candidate = year
    if (mention.month, mention.day or 1) > (month, day):
        candidate -= 1
    return DateMention(mention.start, mention.end, mention.text, candidate, mention.month, mention.day)


def shift_years(value: str, years: int) -> str:
    """Add whole years to an FtM date string, keeping its precision."""
    year = int(value[:4]) + years
    return f"{year:04d}{value[4:]}"


def valid_published(date: str | None) -> str | None:
    if date and re.fullmatch(r"(?:19|20)\d{2}-[01]\d-[0-3]\d", date):
        return date
    return None


def dateline(text: str) -> str | None:
    """A full date in the first line(s) of an article is its dateline (publication date)."""
    head = text[:200].split("\n", 2)
    for line in head[:2]:
        for d in find_dates(line):
            if d.year and d.month and d.day:
                return d.value
    return None
