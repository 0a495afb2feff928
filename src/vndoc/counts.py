"""Counts: a number and the noun it counts ("17 đồng chí", "gần 1.700 hội viên", "hàng trăm tờ rơi").

Approach. Three scans find every number written in digits ("05", "1.700", "12 345", "10,000",
"1.845,7"), in words ("hai", "mười lăm", "hai mươi tư", "một trăm linh năm") or as an order of
magnitude ("hàng trăm", "hàng chục nghìn"). Each number is then judged by what surrounds it, with
regex matches anchored at the number and table lookups only (no tagger: this runs at several MB/s):

* after it: an optional range ("15 - 17"), fraction ("301/464"), multiplier ("2 triệu", "160
  nghìn") and then the noun it counts, looked up in ``data/count_units.tsv`` (longest entry wins,
  so "khu công nghiệp" beats "khu"). Nouns of time, measure, money, age and rank in that table
  ("5 năm", "1.800 ha", "222 tỷ đồng", "60 tuổi", "2 cấp") mark the number as not a count. An
  unknown noun after a digit number is accepted only where a verb or an approximator right before
  the number plainly introduces a quantity (``_fallback_unit``).
* before it: approximators ("gần", "hơn", "trên", "khoảng", "ít nhất" ...) set ``approximate``;
  words that make the number a label rather than a quantity ("năm 2018", "ngày 26", "lần thứ",
  "số 1", "Điều 3", "Quận 12", "Đề án 06", "khoản 1, 2 và 3") reject it.
* its own shape: glued to letters ("1.800ha", "14h30"), part of a symbol or date ("06/QĐ-TTg",
  "06/01/2022", "03-NQ/TU"), a list or section number ("1. Ông", "2.1.", "(3)"), a percentage, or
  a number standing alone on its line (page numbers, footnote marks) is never a count.
* what the words mean together: a rate ("50 giường bệnh trên 1 vạn dân", "12 máy/100 dân"), a
  factor ("gấp 2 lần", "tăng 20 lần", "5 lần số thuế"), a fraction in words ("hai phần ba"), a
  year before a capitalised subject ("đến 2001 Bộ Y tế") or a cited part ("3 Điều này") is not a
  count.

Two genre patterns add counts whose noun is written once for several numbers: a breakdown in
brackets after a count ("905 đảng viên (khiển trách 757, cảnh cáo 112 ...)"), accepted only when
its parts do not exceed the total; and a total stated after its noun ("nâng tổng số doanh nghiệp
lên 13.044").

Decisions.
* A leading classifier (vị, con, cái, chiếc) is the syntactic head of the noun phrase and is what
  the unit holds ("22 vị Đại biểu" -> unit "vị"; the mention covers the noun too).
* Units are the head noun as written, with the modifiers that follow it left out ("3 bài tham
  luận" -> "bài", "300 doanh nghiệp hội viên" -> "doanh nghiệp"), except where the table lists a
  noun of several words that names one kind of thing ("tổ chức đảng", "bài học kinh nghiệm").
* A range counts as its upper bound and is approximate ("15 - 17 người" -> 17); a range of years
  is never a count.
* "hàng chục/trăm/nghìn/vạn/triệu X" is approximate, with the order of magnitude as its value;
  "từ N ... trở lên" and "N ... trở lên" are approximate.
* Alone, "một" is an article ("một số", "một hội") and "năm" a year ("hàng năm"); neither is read
  as a number then. Digits ("01", "1") always are.
* A unit may be separated from its number by one line break (text layers wrap lines), never by a
  blank line, a tab (a table cell) or a line break before a capitalised word (a new paragraph).
* Values are integers: a decimal ("1,5") counts only when a multiplier makes it whole
  ("1.845,7 nghìn người" -> 1845700).

Repeats of the same (value, unit) become more mentions of one Count, in order of first mention; a
Count is approximate only when every mention of it is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources

from vndoc.models import Count
from vndoc.normalize import unify_tone_placement
from vndoc.number_words import DIGIT_WORDS
from vndoc.paged_text import PagedText

# --------------------------------------------------------------------------------------------
# The table of nouns


@dataclass(frozen=True)
class _Units:
    kinds: dict[str, str]
    """normalised noun (words joined by one space) -> kind"""
    max_words: int


_COUNTABLE_KINDS = frozenset(
    {"person", "position", "group", "place", "document", "activity", "item", "classifier", "part"}
)
_NON_COUNT_KINDS = frozenset({"time", "measure", "money", "age", "rank", "other"})


@functools.cache
def _units() -> _Units:
    """Load ``data/count_units.tsv`` (once)."""
    kinds: dict[str, str] = {}
    source = resources.files("vndoc").joinpath("data/count_units.tsv").read_text(encoding="utf-8")
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    if not lines or lines[0].split("\t") != ["noun", "kind"]:
        raise ValueError("count_units.tsv: expected the header line 'noun<TAB>kind'")
    for line in lines[1:]:
        noun, kind = line.split("\t")
        if kind not in _COUNTABLE_KINDS | _NON_COUNT_KINDS:
            raise ValueError(f"count_units.tsv: unknown kind {kind!r} for {noun!r}")
        kinds[_key(noun)] = kind
    return _Units(kinds=kinds, max_words=max(len(k.split()) for k in kinds))


@functools.lru_cache(maxsize=8192)
def _key(words: str) -> str:
    """Matching key of a word or phrase: case-folded, tone placement unified, one space."""
    return " ".join(unify_tone_placement(words).casefold().split())


# --------------------------------------------------------------------------------------------
# Regex building blocks

_SP = r"[ \t\u00a0\u202f]"
_GAP = rf"(?:{_SP}+(?:\n{_SP}*)?|\n{_SP}*)"
"""Space between two words of one phrase: blanks and at most one line break (no blank line)."""
_LETTERS = r"[^\W\d_]+"
_WORD = rf"[đĐ]/[cC](?!\w)|{_LETTERS}(?:-{_LETTERS})*"
"""A word: letters, hyphenated syllables ("pa-nô"), or the abbreviation "đ/c" (đồng chí)."""

_DIGITS = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d{1,3}(?:,\d{3}){2,}(?!\d)|\d+"
"""1.700 / 12.345.678 (dot thousands), 12 345 (space thousands), 1,000,000 (comma thousands), 05."""
_SEPARATORS_RE = re.compile(r"[ \u00a0\u202f.]")
_COMMA_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
"""A comma before exactly three digits reads as a thousands separator unless a multiplier follows:
"10,000 thiếu nhi" is ten thousand, "2,125 triệu" two million one hundred and twenty-five thousand."""
_DIGIT_NUMBER = rf"(?<![\w.,/\-–])(?<!\d[ \u00a0\u202f])(?:{_DIGITS})(?:,\d+)?"

_UNIT_WORDS = DIGIT_WORDS
_TAIL_WORDS = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
"""Digit words that only occur after "mươi"/"mười" ("hai mươi mốt", "hai mươi tư", "mười lăm")."""
_MULTIPLIERS = {"nghìn": 1000, "ngàn": 1000, "vạn": 10_000, "triệu": 1_000_000, "tỷ": 10**9, "tỉ": 10**9}
_MAGNITUDES = {"chục": 10, "trăm": 100, **_MULTIPLIERS}

_NUMBER_WORD = "|".join(
    sorted({*_UNIT_WORDS, *_TAIL_WORDS, *_MAGNITUDES, "mười", "mươi", "linh", "lẻ", "không"}, key=len)[::-1]
)
_START_WORDS = (*_UNIT_WORDS, "mười")
_WORD_NUMBER = (
    rf"(?<!\w)(?:{'|'.join(f'[{w[0]}{w[0].upper()}]{w[1:]}' for w in _START_WORDS)})(?!\w)"
    rf"(?:{_SP}+(?:{_NUMBER_WORD})(?!\w))*"
)
"""A number in words: its first word may be capitalised (sentence start), the others are lower case."""
_ORDER_OF_MAGNITUDE = (
    rf"(?<!\w)(?:[Hh]àng|[Vv]ài){_SP}+(?:chục|trăm|nghìn|ngàn|vạn|triệu)(?!\w)"
    rf"(?:{_SP}+(?:{'|'.join(_MULTIPLIERS)})(?!\w))*"
)

_CANDIDATE_RES = (
    ("digits", re.compile(_DIGIT_NUMBER)),
    ("words", re.compile(_WORD_NUMBER)),
    ("mag", re.compile(_ORDER_OF_MAGNITUDE)),
)
"""Numbers in digits, in words, and orders of magnitude; scanned separately (one alternation of the
three is several times slower) and merged in text order."""
_UNIT_SP = r"[ \u00a0\u202f]"
_UNIT_GAP = rf"(?:{_UNIT_SP}+(?:\n{_UNIT_SP}*)?|\n{_UNIT_SP}*)"
_UNIT_WORD_RE = re.compile(rf"{_UNIT_GAP}?({_WORD})")
"""The next word of a noun phrase: a tab (a table cell) does not continue the phrase."""
_RANGE_RE = re.compile(rf"(?:{_SP}*[-–—]{_SP}*|{_GAP}(?:đến|tới){_GAP})({_DIGITS})(?![\w.,/])")
_FRACTION_RE = re.compile(rf"/({_DIGITS})(?![\w/]|[.,]\d)")
_MULTIPLIER_RE = re.compile(rf"{_GAP}({'|'.join(_MULTIPLIERS)})(?!\w)", re.IGNORECASE)
_PERCENT_RE = re.compile(rf"{_SP}*%")

# Words right before a number (longest first) that make it approximate.
_APPROXIMATORS = (
    "trên dưới",
    "xấp xỉ",
    "khoảng chừng",
    "ước khoảng",
    "ước tính",
    "ít nhất",
    "tối thiểu",
    "không dưới",
    "gần như",
    "khoảng",
    "chừng",
    "gần",
    "hơn",
    "trên",
    "ngót",
    "ước",
    "từ",
)
_APPROXIMATOR_KEYS = frozenset(_key(a) for a in _APPROXIMATORS)
_TOTAL_VERBS = frozenset(("lên", "là", "đạt"))
_FREQUENCY_NOUNS = frozenset(("lượt", "lần"))
"""Nouns of occurrences that take the counted noun after them into the unit ("500 lượt đại biểu")."""

# Words right before a number that make it a label, an ordinal, a date or a document number.
_LABEL_WORDS = frozenset(
    _key(w)
    for w in (
        "năm ngày tháng quý tuần giờ lúc thứ số khóa khoá kỳ kì đợt lần điều khoản điểm mục trang "
        "chương phần tiết bài câu mẫu phiếu lớp phòng tầng tổ đội khu ấp thôn xóm quận phường đường lô "
        "hạng loại mức nhóm vòng tuổi gấp tập top mã stt đt tel fax hotline km ql lầu giải"
    ).split()
)
"""One word before a number that makes it a label, an ordinal, a date or a time ("năm 2018", "lần
thứ", "Điều 3", "Quận 12", "lớp 5"); "số" is allowed in "tổng số"."""
_LABEL_PHRASES = frozenset(
    _key(w)
    for w in (
        "giai đoạn,nhiệm kỳ,nghị quyết,quyết định,nghị định,chỉ thị,kết luận,thông tư,công văn,văn bản,"
        "kế hoạch,thông báo,hướng dẫn,đề án,quy định,công điện,tờ trình,quốc lộ,tỉnh lộ,mức độ,cấp độ,"
        "khu phố,số nhà,điện thoại,phụ lục,trung ương,biểu mẫu"
    ).split(",")
)
"""Two words before a number that make it a label ("Đề án 06", "Nghị quyết 15", "mức độ 3")."""

_SECOND_OF_PAIR_RE = re.compile(rf"\d{_SP}*[-–—/]{_SP}*$")
_AT_LEAST_AFTER_RE = re.compile(rf"[^,.;:()\n]{{0,40}}?(?<!\w)trở{_GAP}(?:lên|xuống)(?!\w)")
_SENTENCE_END_RE = re.compile(r"[.;!?]|\n\s*\n")
_BREAKDOWN_OPEN_RE = re.compile(rf"{_GAP}?\(")
_BREAKDOWN_ITEM_RE = re.compile(rf"{_GAP}?((?:{_LETTERS}{_GAP}){{1,4}})({_DIGITS}){_SP}*(?=[,;)])")
_BREAKDOWN_SEP_RE = re.compile(rf"{_SP}*[,;]")
_TOTAL_BEFORE_RE = re.compile(
    rf"(?<!\w)số(?:{_GAP}lượng)?{_GAP}((?:{_LETTERS}{_GAP}){{0,8}}?{_LETTERS})"
    rf"(?:{_GAP}(?:lên|là|đạt){_GAP}|{_SP}*:{_SP}*)"
    rf"(?:(?:{'|'.join(_APPROXIMATORS)}){_GAP})?$",
    re.IGNORECASE,
)

# Subject: a body named in the same clause right before "có/gồm" + the number.
_ORG_HEAD = (
    r"Ban Chấp hành|Ban chấp hành|BCH|Ban Thường vụ|Ban thường vụ|BTV|Ban Thư ký|Ban thư ký|Ban Kiểm tra|"
    r"Ban kiểm tra|Thường trực|Liên hiệp hội|Liên hiệp|Hội|Chi hội|Đảng bộ|Chi bộ|Tỉnh ủy|Tỉnh uỷ|"
    r"Huyện ủy|Huyện uỷ|Thành ủy|Thành uỷ|Thị ủy|Thị uỷ|Đoàn|Câu lạc bộ|CLB|Hội đồng|Ủy ban|Uỷ ban"
)
_SUBJECT_BEFORE_RE = re.compile(
    rf"(?<!\w)((?:{_ORG_HEAD})(?:{_SP}+[^\s,;:.()]+){{0,8}}?){_SP}+(?:hiện{_SP}+|nay{_SP}+|đã{_SP}+)?"
    rf"(?:có|gồm có|gồm|bao gồm){_GAP}(?:(?:{'|'.join(_APPROXIMATORS)}){_GAP})?$"
)
_SUBJECT_AFTER_RE = re.compile(rf"{_GAP}vào{_GAP}({_ORG_HEAD})(?!\w)")

_FRACTION_WORD_RE = re.compile(rf"{_SP}+(?:{'|'.join(_UNIT_WORDS)}|tư|mười)(?!\w)", re.IGNORECASE)
_MULTIPLY_VERBS = frozenset(_key(w) for w in "gấp tăng giảm quá vượt lên xuống".split())
_MULTIPLY_OBJECTS = frozenset(_key(w) for w in "so số mức tổng giá tốc".split())
_LIST_BEFORE_RE = re.compile(
    rf"({_LETTERS}){_SP}+\d+(?:{_SP}*[,;]{_SP}*\d+)*{_SP}*(?:,{_SP}*)?(?:,|và|hoặc|đến|tới|-|–){_SP}*$"
)


_LIST_LABELS = frozenset(_key(w) for w in "điều khoản điểm mục chương phần trang tiết lục bài câu".split())
"""Labels of numbered parts that are cited in lists ("khoản 1, 2 và 3"); a list after "năm 2019, "
is not one of them ("năm 2019, 25 hội viên ...")."""

_MAX_RANGE_SPREAD = 10.0
"""A "range" whose upper bound is more than this many times the lower one is not a range."""


# --------------------------------------------------------------------------------------------
# Mentions


@dataclass
class _Mention:
    value: int
    unit: str
    approximate: bool
    start: int
    end: int
    subject: str | None = None


def find_counts(text: PagedText) -> list[Count]:
    """Every count stated in ``text``: one Count per distinct (value, unit), in order of first mention."""
    mentions = _find_mentions(text.text)
    groups: dict[tuple[int, str], list[_Mention]] = {}
    for m in mentions:
        groups.setdefault((m.value, _key(m.unit)), []).append(m)
    counts = []
    for ms in groups.values():
        first = ms[0]
        counts.append(
            Count(
                value=first.value,
                unit=first.unit,
                approximate=all(m.approximate for m in ms),
                raw=" ".join(text.text[first.start : first.end].split()),
                subject=next((m.subject for m in ms if m.subject), None),
                mentions=[text.span(m.start, m.end) for m in ms],
            )
        )
    return counts


def _find_mentions(text: str) -> list[_Mention]:
    candidates = sorted((m.start(), -m.end(), form, m) for form, regex in _CANDIDATE_RES for m in regex.finditer(text))
    out: list[_Mention] = []
    pos = 0
    last_end = -1
    for start, _, form, m in candidates:
        if start < pos:
            continue
        found = _read_count(text, m, form, last_end)
        if found:
            out.extend(found)
            last_end = max(f.end for f in found)
            pos = max(last_end, m.end())
            out.extend(_breakdown(text, found[-1]))
        else:
            pos = m.end()
    out.sort(key=lambda x: x.start)
    return out


def _read_count(text: str, m: re.Match[str], form: str, last_end: int) -> list[_Mention]:
    """The count(s) that the number matched by ``m`` states, or [] when it states none."""
    start = m.start()
    is_digits = form == "digits"
    number = _read_number(text, m, form)
    if number is None:
        return []
    values, number_end, approximate = number
    scaled = _scale(text, m, is_digits, values, number_end)
    if scaled is None:
        return []
    ints, number_end, factor = scaled
    unit = _unit_after(text, number_end)
    if (unit is None and not is_digits) or (unit is not None and unit[2] in _NON_COUNT_KINDS):
        return []

    before = _words_before(text, start)
    n_approx = _approximator_length(before)
    mention_start = before[n_approx - 1][1] if n_approx else start
    rest = before[n_approx:]
    if _is_label(rest):
        return []
    approximator = " ".join(w for w, _ in reversed(before[:n_approx]))
    after_count = 0 <= last_end and mention_start - last_end <= 3 and not text[last_end:mention_start].strip()
    if approximator == "trên" and (ints == [1] or after_count):
        return []  # "50 giường bệnh trên 1 vạn dân", "40 m2 trên 1 giường": a rate, not a count
    if approximator:
        approximate = approximate or (_at_least_later(text, number_end) if approximator == "từ" else True)

    if unit is None and factor == 1 and len(ints) == 1 and _states_a_total(text, mention_start, rest):
        total_noun = _total_before(text[max(0, mention_start - 160) : mention_start])
        if total_noun is not None:
            return [_Mention(ints[0], total_noun, approximate, mention_start, number_end)]
    if unit is None and factor < 10**9:  # "8 nghìn tỷ trái phiếu": billions are money
        unit = _fallback_unit(text, number_end, rest, approximator not in ("", "từ"))
    if unit is None or _refused(text, m, is_digits, unit, rest, mention_start):
        return []
    unit_text, unit_end, kind = unit
    if kind == "classifier":
        noun = _unit_after(text, unit_end)
        if noun is not None and noun[2] in _COUNTABLE_KINDS:
            unit_end = noun[1]
    elif _key(unit_text) in _FREQUENCY_NOUNS:
        noun = _unit_after(text, unit_end)
        if noun is not None and noun[2] in _COUNTABLE_KINDS and noun[2] != "classifier":
            unit_text, unit_end = f"{unit_text} {noun[0]}", noun[1]  # "lượt hội viên", "lần Hội nghị"
    if not approximate and _AT_LEAST_AFTER_RE.match(text, unit_end):
        approximate = True
    subject = _subject(text, mention_start, unit_end)
    return [_Mention(v, unit_text, approximate, mention_start, unit_end, subject) for v in ints]


def _scale(
    text: str, m: re.Match[str], is_digits: bool, values: list[Decimal], number_end: int
) -> tuple[list[int], int, int] | None:
    """Apply the multipliers after a number ("2 triệu"): (whole values, end, factor), or None for a
    percentage or a value that is not a positive whole number."""
    factor = 1
    while mm := _MULTIPLIER_RE.match(text, number_end):
        factor *= _MULTIPLIERS[mm.group(1).lower()]
        number_end = mm.end()
    if factor == 1 and is_digits and _COMMA_THOUSANDS_RE.fullmatch(m.group()):
        values = [Decimal(m.group().replace(",", ""))]
    if _PERCENT_RE.match(text, number_end):
        return None
    ints = []
    for v in values:
        total = v * factor
        if total != total.to_integral_value() or total <= 0:
            return None
        ints.append(int(total))
    return ints, number_end, factor


def _states_a_total(text: str, start: int, before: list[tuple[str, int]]) -> bool:
    """The number follows "lên", "là", "đạt" or a colon: it may close "tổng số X lên N", "Số X: N"."""
    if before and before[0][0] in _TOTAL_VERBS:
        return True
    return text[max(0, start - 8) : start].rstrip().endswith(":")


def _refused(
    text: str,
    m: re.Match[str],
    is_digits: bool,
    unit: tuple[str, int, str],
    before: list[tuple[str, int]],
    start: int,
) -> bool:
    """A number and a countable noun that still do not state a count."""
    unit_text, unit_end, kind = unit
    if _in_labelled_list(text, start):
        return True  # "khoản 1, 2 và 3 ..."
    if kind == "part" and (unit_text[0].isupper() or _FRACTION_WORD_RE.match(text, unit_end)):
        return True  # "khoản 2 và 3 Điều này" (a reference), "hai phần ba" (a fraction)
    if is_digits and _is_year(m.group()) and unit_text[0].isupper():
        return True  # "đến 2001 Bộ Y tế", "năm 2019 Hội ...": a year before the subject
    if text.startswith("/", unit_end) and text[unit_end + 1 : unit_end + 2].isdigit():
        return True  # "12 máy/100 dân": a rate
    return _key(unit_text) == "lần" and _is_multiplicative(before, text, unit_end)


def _is_multiplicative(before: list[tuple[str, int]], text: str, unit_end: int) -> bool:
    """A factor, not a number of times: "tăng 20 lần", "gấp 2 lần", "5 lần số thuế", "2 lần so với"."""
    if any(word in _MULTIPLY_VERBS for word, _ in before[:2]):
        return True  # "gấp 2 lần", "tăng tới 10 lần"
    nxt = _UNIT_WORD_RE.match(text, unit_end)
    return nxt is not None and _key(nxt.group(1)) in _MULTIPLY_OBJECTS


def _in_labelled_list(text: str, start: int) -> bool:
    """The last number of "khoản 1, 2 và 3", "Điều 46, 47, 48 và 49": a list of labels."""
    head = text[max(0, start - 80) : start]
    if not head.rstrip().endswith((",", ";", "và", "hoặc", "đến", "tới", "-", "–")):
        return False
    lm = _LIST_BEFORE_RE.search(head)
    return lm is not None and _key(lm.group(1)) in _LIST_LABELS


def _words_before(text: str, start: int, limit: int = 4) -> list[tuple[str, int]]:
    """Up to ``limit`` whole words right before ``start``, nearest first: (matching key, offset).

    Stops at punctuation, at a blank line and at a word cut by the look-back window, so that only
    the words of the same phrase are returned.
    """
    seg_start = max(0, start - 60)
    seg = text[seg_start:start]
    out: list[tuple[str, int]] = []
    end = len(seg)
    while len(out) < limit:
        stripped = len(seg[:end].rstrip())
        gap = seg[stripped:end]
        if stripped == end or gap.count("\n") > 1:
            break
        i = stripped
        while i > 0 and seg[i - 1].isalpha():
            i -= 1
        if i == stripped or (i == 0 and seg_start > 0):
            break
        out.append((_key(seg[i:stripped]), seg_start + i))
        if i > 0 and not seg[i - 1].isspace():
            break
        end = i
    return out


def _approximator_length(before: list[tuple[str, int]]) -> int:
    """How many of the words before a number form an approximator ("trên dưới" -> 2, "gần" -> 1)."""
    if len(before) >= 2 and f"{before[1][0]} {before[0][0]}" in _APPROXIMATOR_KEYS:
        return 2
    if before and before[0][0] in _APPROXIMATOR_KEYS:
        return 1
    return 0


def _read_number(text: str, m: re.Match[str], form: str) -> tuple[list[Decimal], int, bool] | None:
    """(values, end, approximate) of the number at ``m`` with its range or fraction, if any."""
    if form == "mag":
        return [Decimal(_magnitude_value(m.group()))], m.end(), True
    if form == "words":
        parsed = _words_value(text, m.start(), m.end())
        if parsed is None:
            return None
        return [Decimal(parsed[0])], parsed[1], False
    start, end = m.start(), m.end()
    if _bad_digit_shape(text, start, end):
        return None
    value = _digits_value(m.group())
    if value is None:
        return None
    rng = _RANGE_RE.match(text, end)
    if rng:
        upper = _digits_value(rng.group(1))
        if _is_year(m.group()) and _is_year(rng.group(1)):
            return None  # "2018 - 2023", "(1996-2016)"
        if upper is not None and value < upper <= value * Decimal(_MAX_RANGE_SPREAD):
            return [upper], rng.end(), True
        return None
    frac = _FRACTION_RE.match(text, end)
    if frac:
        other = _digits_value(frac.group(1))
        if other is None or other < value:
            return None
        return [value, other], frac.end(), False
    if text.startswith(("/", "-", "–"), end):
        return None  # a date, a symbol or a range of years
    return [value], end, False


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100


def _bad_digit_shape(text: str, start: int, end: int) -> bool:
    """Digits glued to letters, list and section numbers, numbers alone on their line."""
    after = text[end : end + 2]
    if after[:1].isalnum() or after[:1] in ")]:°" or (after[:1] == "." and after[1:].isdigit()):
        return True  # "1.800ha", "14h30", "(3)", "14:30", "2.1."
    line_head = _line_before(text, start)
    if after[:1] == "." and line_head is not None and not line_head.strip(" \t-–•*+("):
        return True  # "1. Ông ...": a list item
    if _SECOND_OF_PAIR_RE.search(text, max(0, start - 8), start):
        return True  # the second number of "2018 - 2023", "7-8", "06/01": read with the first one
    if line_head is None or line_head.strip():
        return False
    line_tail = text[end : end + _LINE_LOOK]
    cut = line_tail.find("\n")
    if cut < 0 and end + _LINE_LOOK < len(text):
        return False
    return not line_tail[: cut if cut >= 0 else len(line_tail)].strip()


_LINE_LOOK = 80
"""How far the line checks look; a longer line never holds a lone number or a list mark."""


def _line_before(text: str, start: int) -> str | None:
    """The text between the start of the line and ``start``, or None when it is longer than _LINE_LOOK."""
    head = text[max(0, start - _LINE_LOOK) : start]
    cut = head.rfind("\n")
    if cut < 0 and start > _LINE_LOOK:
        return None
    return head[cut + 1 :]


def _digits_value(token: str) -> Decimal | None:
    """Value of a digit token: "1.700" -> 1700, "12 345" -> 12345, "1,000,000" -> 1000000, "1,5" -> 1.5."""
    token = _SEPARATORS_RE.sub("", token)
    token = token.replace(",", "") if token.count(",") > 1 else token.replace(",", ".")
    try:
        return Decimal(token)
    except InvalidOperation:
        return None


def _magnitude_value(phrase: str) -> int:
    value = 1
    for word in phrase.lower().split()[1:]:
        value *= _MAGNITUDES[word]
    return value


def _words_value(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Value of the longest well-formed number-word sequence at ``start`` and where it ends."""
    if text[start].isupper():
        prev = text[max(0, start - 3) : start].rstrip(" \t\u00a0")
        if prev and prev[-1] not in ".!?:\n-–•*+(":
            return None  # "Ba Đình", "Hai Bà Trưng": a capitalised number word inside a name
    best: tuple[int, int] | None = None
    total = group = last_digit = 0
    prev = ""
    for word_m in re.finditer(r"\S+", text[start:end]):
        word = word_m.group().lower()
        if word in _UNIT_WORDS and prev in ("", "mươi", "mười", "trăm", "linh", "lẻ", *_MULTIPLIERS):
            if word == "năm" and prev in ("mươi", "mười"):
                break  # "mười năm", "hai mươi năm": years ("lăm" is the digit there)
            last_digit = _UNIT_WORDS[word]
            group += last_digit
        elif word in _TAIL_WORDS and (prev == "mươi" or (prev == "mười" and word in ("lăm", "nhăm"))):
            last_digit = _TAIL_WORDS[word]
            group += last_digit
        elif word == "mười" and prev in ("", "trăm", "linh", "lẻ", *_MULTIPLIERS):
            group += 10
            last_digit = 0
        elif word in ("mươi", "chục") and prev in _UNIT_WORDS and prev != "một":
            group += last_digit * 9  # "hai mươi", "ba chục": the digit becomes tens
            last_digit = 0
        elif word == "trăm" and (prev in _UNIT_WORDS or prev == "không"):
            group += last_digit * 99
            last_digit = 0
        elif (word in ("linh", "lẻ") and prev == "trăm") or (word == "không" and prev in _MULTIPLIERS):
            last_digit = 0  # "một trăm linh năm", "hai nghìn không trăm hai mươi"
        elif word in _MULTIPLIERS and prev and prev not in ("linh", "lẻ", "không"):
            total += group * _MULTIPLIERS[word]
            group = last_digit = 0
        else:
            break
        prev = word
        if prev not in ("linh", "lẻ", "không"):
            best = (total + group, start + word_m.end())
    if best is None or best[0] <= 0:
        return None
    if text[start : best[1]].lower() in ("một", "năm"):
        return None  # alone, "một" is an article ("một số") and "năm" a year ("hàng năm", "năm 2020")
    return best


def _is_label(before: list[tuple[str, int]]) -> bool:
    """The words before the number make it a label, ordinal, date or document number."""
    if not before:
        return False
    word = before[0][0]
    first = before[1][0] if len(before) > 1 else ""
    if word == "số":
        return first != "tổng"
    return word in _LABEL_WORDS or f"{first} {word}" in _LABEL_PHRASES


def _at_least_later(text: str, pos: int) -> bool:
    """A bound closed later in the same sentence: "từ N ... trở lên/trở xuống"."""
    window = text[pos : pos + 300]
    end = _SENTENCE_END_RE.search(window)
    sentence = window[: end.start()] if end else window
    return re.search(r"(?<!\w)trở\s+(?:lên|xuống)(?!\w)", sentence) is not None


def noun_after(text: str, pos: int = 0) -> tuple[str, int, str] | None:
    """The longest noun of ``data/count_units.tsv`` right after ``pos``: (as written, end offset, kind)."""
    return _unit_after(text, pos)


def _unit_after(text: str, pos: int) -> tuple[str, int, str] | None:
    """The longest known noun right after ``pos``: (as written, end offset, kind)."""
    units = _units()
    words: list[tuple[str, int]] = []
    cursor = pos
    for _ in range(units.max_words):
        wm = _UNIT_WORD_RE.match(text, cursor)
        if wm is None or ("\n" in text[cursor : wm.start(1)] and wm.group(1)[0].isupper()):
            break  # a capitalised word after a line break starts a new paragraph or heading
        words.append((wm.group(1), wm.end()))
        cursor = wm.end()
    for n in range(len(words), 0, -1):
        phrase = " ".join(w for w, _ in words[:n])
        kind = units.kinds.get(_key(phrase))
        if kind is not None:
            return phrase, words[n - 1][1], kind
    return None


_FALLBACK_TRIGGERS = frozenset(
    _key(w)
    for w in (
        "có,gồm,gồm có,bao gồm,với,đạt,bầu,kết nạp,thành lập,vận động,thu hút,hỗ trợ,tặng,trao,khen thưởng,"
        "công nhận,tuyên dương,xây dựng,phát hành,tổ chức"
    ).split(",")
)
"""Verbs (one or two words) right before a number that introduce a quantity of things."""
_FALLBACK_STOP = frozenset(
    _key(w)
    for w in (
        "và hoặc của các những cho với được đã đang sẽ là có không chưa từ đến tới trong ngoài trên dưới "
        "về theo tại để mà thì nên vì do bởi như khi này đó kia nào ở ra vào lên xuống qua lại rồi còn "
        "cũng đều rất hơn nhất tốt khá giỏi xuất sắc sạch đẹp mới cũ lớn nhỏ trở số vài mấy mỗi cả gồm "
        "thuộc tham trực chính chủ yếu khác nhau phải cần bị sau trước làm"
    ).split()
)
"""Function words, adjectives and quantifiers that never start or end an unknown counted noun."""


_SYLLABLE_RE = re.compile(r"[^\W\d_fjwzFJWZ]{2,7}")


def _is_plain_syllable(word: str) -> bool:
    """A lower-case word shaped like one Vietnamese syllable (no f/j/w/z, at most seven letters)."""
    return word.islower() and _SYLLABLE_RE.fullmatch(word) is not None


def _fallback_unit(
    text: str, pos: int, before: list[tuple[str, int]], has_approximator: bool
) -> tuple[str, int, str] | None:
    """An unknown lower-case noun after a digit number where the sentence plainly counts.

    Most Vietnamese nouns of this genre are two syllables ("chứng từ", "tài khoản", "mặt hàng"), and
    the one-syllable ones are in the table, so the noun is the next two lower-case words, or one
    when the second is a function word.
    """
    verb = before[0][0] if before else ""
    verb2 = f"{before[1][0]} {verb}" if len(before) > 1 else ""
    if not has_approximator and verb not in _FALLBACK_TRIGGERS and verb2 not in _FALLBACK_TRIGGERS:
        return None
    words = []
    cursor = pos
    for _ in range(2):
        wm = _UNIT_WORD_RE.match(text, cursor)
        if wm is None or "\n" in text[cursor : wm.start(1)]:
            break
        word = wm.group(1)
        if not _is_plain_syllable(word) or _key(word) in _FALLBACK_STOP:
            break
        words.append(word)
        cursor = wm.end()
    if not words:
        return None
    return " ".join(words), cursor, "item"


def _total_before(before: str) -> str | None:
    """The noun of a total written before it: "tổng số doanh nghiệp trên địa bàn lên 13.044"."""
    tm = _TOTAL_BEFORE_RE.search(before)
    if tm is None:
        return None
    noun = _unit_after(tm.group(1), 0)
    if noun is None or noun[2] not in _COUNTABLE_KINDS:
        return None
    return noun[0]


def _breakdown(text: str, total: _Mention) -> list[_Mention]:
    """The parts of a total, with its noun: "905 đảng viên (khiển trách 757, cảnh cáo 112, ...)"."""
    opening = _BREAKDOWN_OPEN_RE.match(text, total.end)
    if opening is None:
        return []
    close = text.find(")", opening.end(), opening.end() + 300)
    if close < 0:
        return []
    parts: list[_Mention] = []
    pos = opening.end()
    while pos < close:
        item = _BREAKDOWN_ITEM_RE.match(text, pos, close + 1)
        if item is None:
            return []
        label = item.group(1).split()
        if not label[0].islower() or any(_key(w) in _LABEL_WORDS and _key(w) != "số" for w in label):
            return []  # "(năm 2018, 2021)" lists labels, not parts; "dân tộc thiểu số 300" is a part
        value = _digits_value(item.group(2))
        if value is None or value != value.to_integral_value():
            return []
        parts.append(_Mention(int(value), total.unit, False, item.start(1), item.end(2)))
        pos = item.end()
        sep = _BREAKDOWN_SEP_RE.match(text, pos)
        if sep is None:
            break
        pos = sep.end()
    if not parts or text[pos:close].strip() or sum(p.value for p in parts) > total.value:
        return []
    return parts


def _subject(text: str, start: int, end: int) -> str | None:
    """The body a count belongs to when the clause names it: "Ban Chấp hành ... có 17 người"."""
    window = text[max(0, start - 120) : start]
    cut = max(window.rfind(c) for c in ",;:.()!?\n")
    sm = _SUBJECT_BEFORE_RE.search(window[cut + 1 :])
    if sm:
        return " ".join(sm.group(1).split())
    am = _SUBJECT_AFTER_RE.match(text, end)
    if am:
        words = [am.group(1)]
        for wm in re.finditer(r"\S+", text[am.end() : am.end() + 80]):
            word = wm.group().rstrip(",;:.")
            if not word[:1].isupper() or word.startswith("("):
                break
            words.append(word)
            if word != wm.group():
                break
        return " ".join(words)
    return None


__all__ = ["find_counts", "noun_after"]
