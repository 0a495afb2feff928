"""Dates as Vietnamese documents write them.

Forms handled (with or without a leading "ngày"):
"26 tháng 01 năm 2024", "ngày 06/01/2022", "6-1-2022", "11 - 11 - 1998", "02.6.2022",
and the blank-day drafts "ngày   tháng 9 năm 2025" (parsed as no date: a draft has none yet).

The building blocks are exported as regex source strings so that other stages (header, references)
embed them in their own patterns.
"""

from __future__ import annotations

import datetime as dt
import re

DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
MONTH = r"(?P<m>0?[1-9]|1[0-2])"
YEAR = r"(?P<y>(?:19|20)\d\d)"
_SEP = r"\s*(?P<sep>[/.\-–])\s*"

NUMERIC_DATE = DAY + _SEP + MONTH + r"\s*(?P=sep)\s*" + YEAR + r"(?!\d)"
WORDED_DATE = DAY + r"\s+tháng\s+" + MONTH + r"\s*(?:,\s*)?năm\s+" + YEAR


_NUMERIC_RE = re.compile(r"(?<![\d/])" + NUMERIC_DATE, re.IGNORECASE)
_WORDED_RE = re.compile(r"(?<!\d)" + WORDED_DATE, re.IGNORECASE)


def make_date(day: int | str, month: int | str, year: int | str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text``, or None."""
    found = find_dates(text)
    return found[0][2] if found else None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every valid date in ``text`` as (start, end, date), in text order."""
    out: list[tuple[int, int, dt.date]] = []
    for regex in (_WORDED_RE, _NUMERIC_RE):
        for m in regex.finditer(text):
            date = make_date(m["d"], m["m"], m["y"])
            if date is not None:
                out.append((m.start(), m.end(), date))
    out.sort()
    return out
