"""Dates the apps propose before anyone types one."""

from __future__ import annotations

from datetime import date, timedelta


def next_monday(today: date) -> date:
    """The first Monday after `today`: where an estimate starts unless told otherwise.

    >>> next_monday(date(2026, 11, 27)), next_monday(date(2026, 11, 30))
    (datetime.date(2026, 11, 30), datetime.date(2026, 12, 7))
    """
    return today + timedelta(days=7 - today.weekday())
