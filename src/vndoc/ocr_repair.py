"""Repairs of OCR'd lines: misreadings that Tesseract makes on this genre, undone by the genre's own rules.

Only lines of OCR'd pages are changed, each in place (a line stays one line), so every later stage reads the
repaired text as if the scan had been read right. Three kinds of misreading are repaired, each because the
genre's conventions leave a single reading:

* Type codes of document symbols with a letter doubled or a digit for a letter ("125/QĐĐ-HND", "03-NQQ/TU",
  "15/Q0-UBND"): a symbol's type code is one of a closed list (Nghị định 30/2020/NĐ-CP, Phụ lục III;
  Hướng dẫn 36-HD/VPTW), so a code that is not in it but becomes one with the doubled letter single, or
  0/1 read as O/I, is that code.
* Roman numerals of headings: serif capitals "II" and "III" in bold run together and come out as "I", "IH",
  "LH", "H". Headings numbered I, II, III ... follow each other in order (they restart only under a new part,
  "PHẦN", "Chương" or "A.", "B."), so a heading whose numeral is one stroke short of the next in order, or
  is not a numeral at all but reads as it once "H" is taken for "II" and "l", "1", "|" or "L" for "I", gets
  that number.
* The place and date line ("Cần Thơ, ngày 10 tháng 4 năm 2023", Nghị định 30/2020/NĐ-CP): it is set in
  italics, whose one-storey "a" low-resolution scans turn into "o" or "u" ("Cồn Thơ, ngày 10 thóng 4").
  Between the day and the month only "tháng" can stand, and between month and year only "năm"; a place that
  is not a province or city of ``data/places.tsv`` but is one letter away from exactly one, tone marks
  aside, is that one.
* Specks read as a period, comma or apostrophe before the first word of a line (".1. Công tác"): no line
  of the genre starts with one.
* Word pairs the language model of the Vietnamese model prefers wrongly ("chỉ hội" for "chi hội"), listed
  in ``data/ocr_confusions.tsv``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from importlib import resources

from rapidfuzz.distance import Levenshtein

from vndoc.layout import Layout, Line
from vndoc.normalize import match_key, strip_diacritics
from vndoc.symbols import type_code_rows

# ---------------------------------------------------------------------------------------------------------
# symbol type codes

_SYMBOL_LEAD = r"\b\d{1,4}\s?[/-]\s?(?:(?:19|20)\d\d\s?/\s?)?"
_SYMBOL_CODE = r"[A-ZĐ0-9][A-Za-zĐđ0-9&]{0,7}"
_SYMBOL = re.compile(rf"(?P<lead>{_SYMBOL_LEAD})(?P<code>{_SYMBOL_CODE})(?=\s?[-/])")
_LOOK_ALIKE_DIGITS = str.maketrans({"0": "O", "1": "I"})


def _code_variants(code: str) -> list[str]:
    single = re.sub(r"([A-ZĐ])\1+", r"\1", code)
    return list(dict.fromkeys((single, code.translate(_LOOK_ALIKE_DIGITS), single.translate(_LOOK_ALIKE_DIGITS))))


def repair_symbol_codes(text: str) -> str:
    """ "125/QĐĐ-HND" -> "125/QĐ-HND": a type code that is no code but becomes one with a doubled letter
    single or a look-alike digit replaced; known codes and other text are left as they are."""

    def fix(m: re.Match[str]) -> str:
        code = m["code"]
        if code.isdigit() or type_code_rows(code):
            return m.group(0)
        for variant in _code_variants(code):
            if variant != code and type_code_rows(variant):
                return m["lead"] + variant
        return m.group(0)

    return _SYMBOL.sub(fix, text)


# ---------------------------------------------------------------------------------------------------------
# Roman numerals of headings

_ROMAN_MARKER = re.compile(r"(?P<numeral>[IVXLHl1|!]{1,5})\.\s*(?=[^\W\d_])")
_STRICT_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
_PART_START = re.compile(r"(?:phần|chương|mục)\b|[A-Z]\.\s", re.IGNORECASE)
_STROKES = str.maketrans({"H": "II", "l": "I", "1": "I", "|": "I", "!": "I", "L": "I"})
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int | None:
    """1-39 for a well-formed Roman numeral in I, V, X; else None."""
    if not _STRICT_ROMAN.fullmatch(numeral):
        return None
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        total += -value if i + 1 < len(numeral) and _ROMAN_VALUES[numeral[i + 1]] > value else value
    return total


def to_roman(value: int) -> str:
    tens, ones = divmod(value, 10)
    return "X" * tens + (
        "I" * ones if ones < 4 else "IV" if ones == 4 else "V" + "I" * (ones - 5) if ones < 9 else "IX"
    )


def _heading_numeral(text: str) -> re.Match[str] | None:
    m = _ROMAN_MARKER.match(text)
    if m is None or m["numeral"].isdigit():
        return None
    return m


def repair_roman_headings(lines: list[tuple[Line, bool]]) -> list[Line]:
    """The lines (each with whether it was OCR'd), with misread Roman heading numbers of OCR'd lines set
    from the order of the headings before them."""
    expected = 1
    out = []
    for line, ocred in lines:
        text = line.text.lstrip()
        m = _heading_numeral(text)
        if m is None:
            if _PART_START.match(text):
                expected = 1
            out.append(line)
            continue
        numeral = m["numeral"]
        value = roman_value(numeral)
        if value == expected or not ocred:
            expected = (value or expected) + 1
            out.append(line)
            continue
        read_as = roman_value(numeral.translate(_STROKES))
        one_short = value is not None and set(numeral) == {"I"} and value == expected - 1
        if one_short or (value is None and read_as is not None and abs(read_as - expected) <= 1):
            out.append(replace(line, text=to_roman(expected) + text[len(numeral) :]))
            expected += 1
            continue
        if value is not None:
            expected = value + 1
        out.append(line)
    return out


# ---------------------------------------------------------------------------------------------------------
# the place and date line

_DATE_WORDS = re.compile(
    r"(?P<place>[^\W\d_][^\d,;:()]{1,40}?,\s*)?(?P<day>ngày\s+\d{1,2}\s+)(?P<month_word>[^\W\d_]{4,6})"
    r"(?P<month>\s+\d{1,2}\s+)(?P<year_word>[^\W\d_]{2,4})(?P<year>\s+(?:19|20)\d\d\b)",
    re.IGNORECASE,
)
_MONTH_WORD = re.compile(r"th[a-z]ng")
_YEAR_WORD = re.compile(r"n[a-z]m")


@functools.cache
def _places() -> dict[str, tuple[str, ...]]:
    """Known places by their key without tone marks and case: "can tho" -> ("Cần Thơ",)."""
    text = resources.files("vndoc.data").joinpath("places.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t")[0].strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][1:]
    by_key: dict[str, tuple[str, ...]] = {}
    for name in rows:
        key = strip_diacritics(name).lower()
        by_key[key] = (*by_key.get(key, ()), name)
    return by_key


def _known_place(written: str) -> str | None:
    """The one known place that ``written`` is, or is one letter away from (tone marks aside)."""
    key = strip_diacritics(written).lower()
    names = {match_key(n) for n in _places().get(key, ())}
    if match_key(written) in names:
        return None  # written right
    near = [
        name
        for other, row in _places().items()
        if len(other.split()) == len(key.split()) and Levenshtein.distance(other, key) <= 1
        for name in row
    ]
    return near[0] if len(near) == 1 else None


def repair_date_line(text: str) -> str:
    """ "Cồn Thơ, ngày 10 thóng 4 năm 2023" -> "Cần Thơ, ngày 10 tháng 4 năm 2023"."""

    def fix(m: re.Match[str]) -> str:
        month_word, year_word = m["month_word"], m["year_word"]
        if _MONTH_WORD.fullmatch(strip_diacritics(month_word).lower()):
            month_word = _same_case(month_word, "tháng")
        if _YEAR_WORD.fullmatch(strip_diacritics(year_word).lower()):
            year_word = _same_case(year_word, "năm")
        place = m["place"] or ""
        if place:
            name = place.rstrip(", \t")
            known = _known_place(name)
            if known is not None:
                place = (known.upper() if name.isupper() else known) + place[len(name) :]
        return place + m["day"] + month_word + m["month"] + year_word + m["year"]

    return _DATE_WORDS.sub(fix, text)


# ---------------------------------------------------------------------------------------------------------
# specks

_LEADING_SPECK = re.compile(r"^[.,'`‘’]+\s*(?=[^\W_])")


def strip_leading_specks(text: str) -> str:
    """ ".1. Công tác" -> "1. Công tác"; a line opening with a quotation mark or a dash keeps it."""
    return _LEADING_SPECK.sub("", text)


# ---------------------------------------------------------------------------------------------------------
# word pairs


@functools.cache
def _confusions() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = []
    text = resources.files("vndoc.data").joinpath("ocr_confusions.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in lines[1:]:
        wrong, right, *rest = row.split("\t")
        unless = [w for w in (rest[0] if rest else "").split(",") if w.strip()]
        guard = "".join(rf"(?!\s+{re.escape(w.strip())}\b)" for w in unless)
        rows.append((re.compile(rf"\b{re.escape(wrong)}\b{guard}", re.IGNORECASE), right))
    return tuple(rows)


def repair_word_pairs(text: str) -> str:
    """ "các chỉ hội" -> "các chi hội", keeping the case of the first letter."""
    for pattern, right in _confusions():
        text = pattern.sub(functools.partial(_replace_same_case, right), text)
    return text


def _replace_same_case(right: str, m: re.Match[str]) -> str:
    return _same_case(m.group(0), right)


def _same_case(written: str, right: str) -> str:
    if written.isupper():
        return right.upper()
    return right[0].upper() + right[1:] if written[:1].isupper() else right


# ---------------------------------------------------------------------------------------------------------


def _repair_line(text: str) -> str:
    return repair_date_line(repair_word_pairs(repair_symbol_codes(strip_leading_specks(text))))


def repair_layout(layout: Layout) -> Layout:
    """The layout with the lines of its OCR'd pages repaired (other pages give only context)."""
    if not any(page.ocr for page in layout.pages):
        return layout
    flat = [
        (replace(ln, text=_repair_line(ln.text)) if page.ocr else ln, page.ocr)
        for page in layout.pages
        for ln in page.lines
    ]
    repaired = iter(repair_roman_headings(flat))
    pages = [replace(page, lines=tuple(next(repaired) for _ in page.lines)) for page in layout.pages]
    return replace(layout, pages=tuple(pages))
