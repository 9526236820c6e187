"""Partial dates (FtM style: YYYY, YYYY-MM, YYYY-MM-DD) compared as intervals.

"2021" means some day in 2021: it starts no later than 2021-12-31 and ends no earlier than
2021-01-01. Rules ask whether something held *on* a date; with partial dates the answer can be
yes, no, or unknown, and tamyr says which.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange

YES, NO, UNKNOWN = "yes", "no", "unknown"


def earliest(value: str | None) -> str | None:
    """First day a partial date can mean: 2021 -> 2021-01-01."""
    if not value:
        return None
    value = value[:10]
    if len(value) == 4:
        return f"{value}-01-01"
    if len(value) == 7:
        return f"{value}-01"
    return value


def latest(value: str | None) -> str | None:
    """Last day a partial date can mean: 2021 -> 2021-12-31, 2021-02 -> 2021-02-28."""
    if not value:
        return None
    value = value[:10]
    if len(value) == 4:
        return f"{value}-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-{monthrange(year, month)[1]:02d}"
    return value


def held_on(start: str | None, end: str | None, date: str | None, status: str | None = None) -> str:
    """Whether an interval [start, end] covers ``date``: yes, no or unknown.

    ``status`` (FtM Occupancy.status) fills a missing end: "current"/"appointed" means still held
    when the source was written; "former"/"ended" means it ended at a time the source does not give.
    A ``date`` of None asks about the time the source was written.
    """
    status = (status or "").lower()
    ongoing = status in ("current", "appointed", "active")
    if date is None:  # "now", i.e. when the source was written
        if end:
            return NO
        return YES if ongoing else NO if status in ("former", "ended", "dismissed") else UNKNOWN
    if start and earliest(start) > latest(date):
        return NO
    if end and latest(end) < earliest(date):
        return NO
    started = bool(start) and latest(start) <= earliest(date)
    not_ended = earliest(end) >= latest(date) if end else ongoing
    return YES if started and not_ended else UNKNOWN


def before(a: str | None, b: str | None) -> str:
    """Whether date a is on or before date b: yes, no or unknown."""
    if not a or not b:
        return UNKNOWN
    if latest(a) <= earliest(b):
        return YES
    if earliest(a) > latest(b):
        return NO
    return UNKNOWN


def months_between(a: str | None, b: str | None) -> tuple[float, float] | None:
    """(fewest, most) months from a to b given their precision; None when either is missing."""
    if not a or not b:
        return None

    def to_date(text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    lo = (to_date(earliest(b)) - to_date(latest(a))).days / 30.4375
    hi = (to_date(latest(b)) - to_date(earliest(a))).days / 30.4375
    return max(lo, 0.0), max(hi, 0.0)


def years_between(a: str | None, b: str | None) -> float | None:
    """Approximate years from a to b (mid-points of partial dates)."""
    span = months_between(a, b)
    if span is None:
        return None
    return (span[0] + span[1]) / 24


def today() -> str:
    return dt.date.today().isoformat()
