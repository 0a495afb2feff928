"""Time as the text states it: days, months and years, terms of office, ranges of years, durations.

Approach. One pass per form, most specific first, each claiming its stretch of text so that a less
specific form never re-reads it (the year of "ngày 06/01/2022" is not also a year on its own, the years
of "nhiệm kỳ 2018 - 2023" are not two events):

1. days — every form :func:`vndoc.dates.find_dates` reads ("26 tháng 01 năm 2024", "06/01/2022");
2. months — "tháng 5/2023", "tháng 8 năm 2013", "tháng 9-2020";
3. terms — "khóa IV", "khoá 4", "nhiệm kỳ XI (2023 - 2025)", "khóa IV, nhiệm kỳ 2018 - 2023",
   "nhiệm kỳ 2018-2023", "lần thứ IV, nhiệm kỳ 2018 - 2023" (a congress numbers the term it opens);
4. ranges — "giai đoạn 2022-2025", "năm học 2022 - 2023", "từ năm 2018 đến năm 2023", "(1996-2016)";
5. years as events — "năm 2018", and the years listed after it: "năm 2018, 2021, 2023", "năm 2013 và
   2015", "các năm 2019, 2020"; a year needs "năm" before it (or before the list it closes), since a
   bare four-digit number is as often a count or a code;
6. durations — a number and a unit of time: "Trong 05 năm qua", "sau 01 nhiệm kỳ", "hai tháng",
   "gần 10 năm"; never the day or month of a date ("26 tháng 01") nor a year label ("năm 2018").

Repeats of one value become more mentions of one record, in order of first mention (as for counts).
Regexes only: this runs on every document, at the speed of the other extractors.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from vndoc.dates import find_dates
from vndoc.models import Duration, Period, Span, TimePoint
from vndoc.number_words import DIGIT_WORDS
from vndoc.paged_text import PagedText

# --------------------------------------------------------------------------------------------
# Regex building blocks

_SP = r"[ \t\u00a0]"
_YEAR = r"(?:19|20)\d\d"
_DASH = rf"{_SP}*[-–—]{_SP}*"
_ROMAN = r"[IVXLC]{1,7}"


def words_pattern(*words: str) -> str:
    """Any of ``words`` (regex sources starting with a plain letter), ignoring case, with no letter before.

    The alternation is written to open with a character class of the first letters, the check for a
    letter before and the rest of each word coming after it: a regex that opens with a look-behind or
    an ``(?i:...)`` group is tried at every position of the text, one that opens with a class lets the
    engine skip to the candidates (several times faster on long documents).
    """
    firsts: dict[str, list[str]] = {}
    for word in words:
        if not word[:1].isalpha():
            raise ValueError(f"words_pattern: {word!r} does not start with a letter")
        firsts.setdefault(word[0].lower(), []).append(word[1:])
    cls = "[" + "".join(f"{c}{c.upper()}" for c in firsts) + "]"
    branches = "|".join(f"(?<=[{c}{c.upper()}])(?i:{'|'.join(rest)})" for c, rest in firsts.items())
    return rf"{cls}(?<!\w{cls})(?:{branches})(?!\w)"


_ORDINAL = rf"(?P<ord>{_ROMAN}|\d{{1,2}})(?![\w/.\-]|{_SP}*[-–]{_SP}*\d)"
"""A term's ordinal: an upper-case Roman numeral or one or two digits, not part of a range or a code."""
_KHOA = ("kh[oó]a", "khoá")
_NHIEM_KY = f"nhiệm{_SP}+kỳ"
_YEARS = rf"(?P<start>{_YEAR}){_DASH}(?P<end>{_YEAR})(?!\d)"
_BRACKETED_YEARS = rf"[(\[]?{_SP}*{_YEARS}{_SP}*[)\]]?"

_TERM_RES = (
    # "khóa IV, nhiệm kỳ 2018 - 2023", "nhiệm kỳ XI (2023 - 2025)", "lần thứ IV, nhiệm kỳ 2018-2023"
    re.compile(
        rf"{words_pattern(*_KHOA, _NHIEM_KY, f'lần{_SP}+thứ')}{_SP}+{_ORDINAL}"
        rf"{_SP}*[,(\-–]?{_SP}*(?:(?i:{_NHIEM_KY}){_SP}*)?{_BRACKETED_YEARS}"
    ),
    re.compile(rf"{words_pattern(*_KHOA, _NHIEM_KY)}{_SP}+{_ORDINAL}"),
    re.compile(rf"{words_pattern(_NHIEM_KY)}{_SP}*[(\[]?{_SP}*{_YEARS}{_SP}*[)\]]?"),
)
_RANGE_RES = (
    re.compile(
        rf"{words_pattern(f'giai{_SP}+đoạn', f'năm{_SP}+học', f'niên{_SP}+kh[oó]a', f'niên{_SP}+khoá')}{_SP}+{_YEARS}"
    ),
    re.compile(
        rf"{words_pattern('từ')}{_SP}+(?:(?i:năm){_SP}+)?(?P<start>{_YEAR}){_SP}+(?:đến|tới){_SP}+"
        rf"(?:(?i:năm){_SP}+)?(?P<end>{_YEAR})(?!\d)"
    ),
    re.compile(
        rf"(?P<start>[12](?<![\w/.\-–][12])(?<!\d{_SP}[12])\d{{3}}){_DASH}(?P<end>{_YEAR})(?![/\-–\d]|{_SP}*[-–]{_SP}*\d)"
    ),
)
_MAX_RANGE_YEARS = 60

_MONTH_RE = re.compile(
    rf"{words_pattern('tháng')}{_SP}+(?P<m>0?[1-9]|1[0-2])(?:{_SP}*[/.\-]{_SP}*|{_SP}*,?{_SP}*(?i:năm){_SP}+)"
    rf"(?P<y>{_YEAR})(?!\d)"
)
_YEAR_LIST_RE = re.compile(
    rf"{words_pattern(f'các{_SP}+năm', 'năm')}{_SP}+(?P<first>{_YEAR})(?![\d/\-–])"
    rf"(?P<rest>(?:{_SP}*(?:,|;|và|(?i:và{_SP}+năm)|,{_SP}*(?i:năm)){_SP}*{_YEAR}(?![\d/\-–]))*)"
)
_LIST_YEAR_RE = re.compile(rf"(?:(?i:năm){_SP}+)?(?P<y>{_YEAR})")
"""A year of a list after the first, with its own "năm" if written ("năm 2008 và năm 2011")."""

_NUMBER_WORDS = {**DIGIT_WORDS, "mười": 10, "mười lăm": 15, "hai mươi": 20, "ba mươi": 30}
_WORD_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_APPROXIMATE = r"gần|hơn|trên|khoảng|chừng|ngót|xấp xỉ|trên dưới"
_UNIT_RE = re.compile(
    rf"(?P<unit>[nNtTqQ](?<!\w[nNtTqQ])(?:(?<=[nN])(?:hiệm{_SP}+kỳ|ăm|gày)|(?<=[tT])(?:háng|uần)|(?<=[qQ])uý))(?!\w)"
    rf"(?!{_SP}*(?:\d|học|tài{_SP}+chính))"
    rf"(?:{_SP}+(?P<tail>qua|tới|liền|liên{_SP}+tục|trước)(?!\w))?"
)
"""A unit of time, which may not be followed by a number ("26 tháng 01", "tháng 6 năm 2020" are dates),
and the word after it that closes a duration ("Trong 05 năm qua")."""
_NUMBER_BEFORE_RE = re.compile(
    rf"(?<![\w/.,])(?:(?P<lead>(?i:trong|sau|suốt|qua)){_SP}+)?(?:(?P<approx>(?i:{_APPROXIMATE})){_SP}+)?"
    rf"(?P<num>\d{{1,3}}|(?i:{_WORD_NUMBER})){_SP}+$"
)
"""The number before a unit of time, with the word that opens a duration and an approximator."""
_LABEL_BEFORE_RE = re.compile(rf"(?<!\w)(?i:ngày|tháng|năm|thứ|số|khóa|khoá|kỳ|lần|điều|khoản|hàng|mỗi){_SP}*$")
"""A word right before a number that makes it a label or part of a date ("ngày 5 tháng", "lần 2 năm")."""


_R = TypeVar("_R", TimePoint, Period, Duration)


@dataclass
class _Claims:
    """Stretches of text already read by a more specific form: disjoint, kept sorted."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return (i == 0 or self.ends[i - 1] <= start) and (i == len(self.starts) or end <= self.starts[i])

    def take(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


@dataclass(frozen=True)
class Periods:
    dates: list[TimePoint]
    periods: list[Period]
    durations: list[Duration]


def find_periods(text: PagedText) -> Periods:
    """Every day, month, year, term, range of years and duration stated in ``text``."""
    claims = _Claims()
    points: list[tuple[tuple[object, ...], int, int, dict[str, object]]] = []
    periods: list[tuple[tuple[object, ...], int, int, dict[str, object]]] = []
    durations: list[tuple[tuple[object, ...], int, int, dict[str, object]]] = []
    t = text.text

    for start, end, date in _find_days(t):
        if claims.free(start, end):
            claims.take(start, end)
            fields = {"kind": "day", "year": date.year, "month": date.month, "day": date.day, "date": date}
            points.append((("day", date), start, end, fields))
    for m in _MONTH_RE.finditer(t):
        if claims.free(m.start(), m.end()):
            claims.take(m.start(), m.end())
            y, mo = int(m["y"]), int(m["m"])
            points.append((("month", y, mo), m.start(), m.end(), {"kind": "month", "year": y, "month": mo}))
    for regex in _TERM_RES:
        for m in regex.finditer(t):
            found = _term(m)
            if found is not None and claims.free(m.start(), m.end()):
                claims.take(m.start(), m.end())
                periods.append(((*found.values(),), m.start(), m.end(), found))
    for regex in _RANGE_RES:
        for m in regex.finditer(t):
            s, e = int(m["start"]), int(m["end"])
            if 1900 <= s < e <= s + _MAX_RANGE_YEARS and claims.free(m.start(), m.end()):
                claims.take(m.start(), m.end())
                found = {"kind": "range", "ordinal": None, "start": s, "end": e}
                periods.append((("range", None, s, e), m.start(), m.end(), found))
    for m in _YEAR_LIST_RE.finditer(t):
        for start, end, year in _years_of_list(m):
            if claims.free(start, end):
                claims.take(start, end)
                points.append((("year", year), start, end, {"kind": "year", "year": year}))
    for unit in _UNIT_RE.finditer(t):
        number = _NUMBER_BEFORE_RE.search(t, max(0, unit.start() - _NUMBER_LOOK), unit.start())
        found = _duration(t, number, unit) if number is not None else None
        if number is not None and found is not None and claims.free(number.start("num"), unit.end()):
            claims.take(number.start("num"), unit.end())
            durations.append(((found["value"], found["unit"]), number.start(), unit.end(), found))

    return Periods(
        dates=_group(text, points, TimePoint, _merge_exact),
        periods=_group(text, periods, Period, _merge_exact),
        durations=_group(text, durations, Duration, _merge_duration),
    )


_DATE_HINT_RE = re.compile(rf"[0-9]{{1,2}}{_SP}*(?:[/.\-–]{_SP}*[0-9]{{1,2}}{_SP}*[/.\-–]|(?i:tháng))")
"""Where a date may start: a day and a month with their separator, or a day before "tháng"."""
_DATE_LOOK = 40


def _find_days(text: str) -> list[tuple[int, int, dt.date]]:
    """:func:`vndoc.dates.find_dates`, run only around the places a date may start: the same dates,
    several times faster on long documents, whose digits are mostly not dates."""
    out: dict[int, tuple[int, int, dt.date]] = {}
    for hint in _DATE_HINT_RE.finditer(text):
        lo = max(0, hint.start() - 1)
        for start, end, date in find_dates(text[lo : hint.end() + _DATE_LOOK]):
            if lo + start >= hint.start():
                out.setdefault(lo + start, (lo + start, lo + end, date))
    return sorted(out.values())


def _term(m: re.Match[str]) -> dict[str, object] | None:
    groups = m.groupdict()
    ordinal = groups.get("ord")
    start = int(groups["start"]) if groups.get("start") else None
    end = int(groups["end"]) if groups.get("end") else None
    if start is not None and end is not None and not 0 < end - start <= 10:
        return None  # "nhiệm kỳ" before a range of many years is a period, not a term
    if ordinal is None and start is None:
        return None
    if ordinal is not None and ordinal.isdigit() and not 0 < int(ordinal) <= 40:
        return None
    if ordinal is not None and start is None and m.group().lower().startswith("lần"):
        return None  # "lần thứ IV" alone numbers a congress or an event, not a term
    return {"kind": "term", "ordinal": ordinal, "start": start, "end": end}


def _years_of_list(m: re.Match[str]) -> Iterable[tuple[int, int, int]]:
    """(start, end, year) of each year of "năm 2018, 2021 và 2023"; the first mention includes "năm"."""
    head = m.group().lower().find("năm") + m.start()
    yield head, m.end("first"), int(m["first"])
    rest_start = m.start("rest")
    for ym in _LIST_YEAR_RE.finditer(m["rest"] or ""):
        yield rest_start + ym.start(), rest_start + ym.end(), int(ym["y"])


def years_listed(text: str, start: int, end: int) -> tuple[list[int], int]:
    """The years of a list "năm 2018, 2021, 2023" that starts right at ``start`` (after blanks or an
    opening bracket) and ends before ``end``, and where it ends (after its closing bracket); ([], start)
    when none starts there."""
    m = _YEAR_LIST_RE.search(text, start, end)
    if m is None or text[start : m.start()].strip(" \t\u00a0(,") or text.count("(", start, m.start()) > 1:
        return [], start
    stop = m.end()
    if "(" in text[start : m.start()] and text.startswith(")", stop):
        stop += 1
    return [year for _, _, year in _years_of_list(m)], stop


_NUMBER_LOOK = 40
"""How far before a unit of time its number (with "trong"/"sau" and an approximator) may start."""


def _duration(text: str, m: re.Match[str], unit_m: re.Match[str]) -> dict[str, object] | None:
    number = m["num"]
    value = int(number) if number.isdigit() else _NUMBER_WORDS[" ".join(number.lower().split())]
    if value <= 0:
        return None
    if m["lead"] is None and m["approx"] is None and _LABEL_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "ngày 5 tháng ...", "lần 2 năm ...": part of a date or a label
    if not number.isdigit() and number.lower() in ("năm", "một") and m["lead"] is None and unit_m["tail"] is None:
        return None  # "năm tháng", "một năm": too often a word of a phrase, not a duration
    unit = " ".join(unit_m["unit"].lower().split())
    return {"value": value, "unit": unit.lower(), "approximate": m["approx"] is not None}


def _merge_exact(found: list[dict[str, object]]) -> dict[str, object]:
    return found[0]


def _merge_duration(found: list[dict[str, object]]) -> dict[str, object]:
    return {**found[0], "approximate": all(f["approximate"] for f in found)}


def _group(
    text: PagedText,
    found: list[tuple[tuple[object, ...], int, int, dict[str, object]]],
    model: type[_R],
    merge: Callable[[list[dict[str, object]]], dict[str, object]],
) -> list[_R]:
    """One record per distinct key, in order of first mention; each occurrence is a mention."""
    groups: dict[tuple[object, ...], list[tuple[int, int, dict[str, object]]]] = {}
    for key, start, end, fields in sorted(found, key=lambda f: f[1]):
        groups.setdefault(key, []).append((start, end, fields))
    out = []
    for items in groups.values():
        spans: list[Span] = [text.span(s, e) for s, e, _ in items]
        first = spans[0]
        fields = {**merge([f for _, _, f in items]), "raw": " ".join(first.text.split()), "mentions": spans}
        out.append(model.model_validate(fields))
    return out


__all__ = ["Periods", "find_periods", "words_pattern", "years_listed"]
