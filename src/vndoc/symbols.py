"""Document symbols ("số, ký hiệu"): 06/QĐ-TTg, 30/2020/NĐ-CP, 03-NQ/ThU, 3790/UBND-NC ...

The two official grammars:

* state documents (Nghị định 30/2020/NĐ-CP, Phụ lục I): ``NUMBER[/YEAR]/TYPE-ISSUER[-UNIT]``; a công văn
  has no type code (``NUMBER/ISSUER-UNIT``); laws carry the legislature instead (``59/2020/QH14``);
* Party documents (Hướng dẫn 36-HD/VPTW): ``NUMBER-TYPE/ISSUER`` (``45-CT/TW``, ``36-HD/VPTW``).

Real text bends both: blanks around separators (``06 / QĐ-TTg``, ``12/ 2001/ QĐ-BTC``), the wrong
separator (``02/NQ-ThU``), ``Đ`` written ``D`` or as the look-alike ``Ð`` (U+00D0), ``§`` where a legacy
font encoded ``Đ`` (``Q§``), the letter ``O`` for a zero in the number, lower-case codes, en/em dashes, a
line break after a separator. One regex (:data:`SYMBOL_RE`) recognises the shape on a *view* of the text
(:func:`matching_view`: the same length, look-alike characters replaced one for one, so offsets in the
view are offsets in the text); :func:`read_symbol` then classifies the parts with two reviewable tables,
``data/doc_types.tsv`` (type codes) and ``data/issuer_codes.tsv`` (issuer codes). A part written in lower
case must be a known code, which keeps "5/ha", "100/người" and the like out.

The header stage reads the document's own "Số:" line with the same function, so a document's own symbol
and the symbols it cites compare through :attr:`Symbol.key`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from vndoc.normalize import strip_diacritics
from vndoc.tables import load_table

System = Literal["state", "party"]

# --- the matching view ------------------------------------------------------------------------------

_VIEW_TABLE = str.maketrans(
    {
        "\u00d0": "Đ",  # Icelandic eth, looks like Đ
        "\u0189": "Đ",  # African D
        "\u00f0": "đ",
        "\u0256": "đ",
        "§": "Đ",  # TCVN3 byte of Đ read in a Western font: "Q§-TTg"
        "®": "đ",  # TCVN3 byte of đ read in a Western font
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2044": "/",
        "\u2215": "/",
        "\uff0f": "/",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\u2060": " ",
        "\ufeff": " ",
        "\u00ad": " ",
        "\r": "\n",
    }
)


_VIEW_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _VIEW_TABLE) + "]")


def matching_view(text: str) -> str:
    """``text`` with look-alike characters unified one for one (same length, same offsets)."""
    return _VIEW_CHARS.sub(lambda m: m.group().translate(_VIEW_TABLE), text)


# --- regex building blocks ----------------------------------------------------------------------------

# Blanks around a separator, with at most one line break: "06 / QĐ-TTg", "QĐ-\nTTg", "06\n/QĐ".
_SEPARATOR = r"(?:[ \t]*[/\-][ \t]*(?:\n[ \t]*)?|[ \t]*\n[ \t]*[/\-](?![ \t]))"
# The number: digits, the letter O read for a zero ("O6", "1O") allowed beside a digit.
_NUMBER = r"(?P<number>[Oo]?\d[\dOo]{0,5})"
_YEAR = r"(?P<year>(?:1[89]|2[0Oo])[\dOo]{2})"
# One code: upper-case letters and digits, with single lower-case letters inside (TTg, ThU, TTr, QyĐ,
# QĐi, QLĐTư, QH14, TCPCP&VTLT); or an all-lower-case word that must turn out to be a known code (qđ, ttg).
_VN_UPPER = "A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
_VN_LOWER = "a-zđàáâãèéêìíòóôõùúýăĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
_UPPER_CODE = rf"[A-ZĐ](?:[{_VN_UPPER}0-9&]|[{_VN_LOWER}](?![{_VN_LOWER}]))*"
_CODE = r"(?:" + _UPPER_CODE + r"|[a-zđ][a-zđ0-9]{0,7})"
# Not glued to a word, a decimal, another symbol or a date before it.
_START = r"(?<![\w.\-/&])"
_END = r"(?![\w&])"

# Between two codes an old symbol may use a full stop: "522/2002/QĐ.UB".
_CODE_SEPARATOR = r"(?:" + _SEPARATOR + r"|\.(?=[A-ZĐ]))"
SYMBOL = (
    _START
    + _NUMBER
    + r"(?:"
    + _SEPARATOR
    + _YEAR
    + r"(?="
    + _SEPARATOR
    + r"))?"
    + r"(?P<tail>"
    + _SEPARATOR
    + _CODE
    + r"(?:"
    + _CODE_SEPARATOR
    + _CODE
    + r"){0,5})"
    + _END
)
SYMBOL_RE = re.compile(SYMBOL)

# The 1990s form with a blank after the number: "Thông tư số 04 TC/TCT", "Quyết định số 1062 TC/QĐ/CSTC".
# Only read right after "số", where nothing else can follow the number.
SPACED_SYMBOL = (
    _START + _NUMBER + r"(?P<tail>[ \t]+" + _UPPER_CODE + r"(?:[ \t]*/[ \t]*" + _UPPER_CODE + r"){1,4})"
) + _END
SPACED_SYMBOL_RE = re.compile(SPACED_SYMBOL)
_TAIL_PART_RE = re.compile(r"(?:\s*(?P<sep>[/\-.])|(?P<blank>\s+))\s*(?P<code>[^\s/\-.]+)")


# --- tables ---------------------------------------------------------------------------------------------


def _fold(code: str) -> str:
    """Lookup key of a code: no case, no diacritics (Đ = D), no '&'."""
    return strip_diacritics(code).upper().replace("&", "")


@dataclass(frozen=True)
class _CodeRow:
    code: str
    name: str
    system: str  # "state" | "party" | "both"
    term: bool = False
    untyped: str | None = None


@dataclass(frozen=True)
class _CodeTable:
    """Rows of a code table indexed by the written code (any case) and by its folded key."""

    rows: tuple[_CodeRow, ...]
    by_upper: dict[str, tuple[_CodeRow, ...]]
    by_fold: dict[str, tuple[_CodeRow, ...]]

    @classmethod
    def of(cls, rows: tuple[_CodeRow, ...]) -> _CodeTable:
        by_upper: dict[str, tuple[_CodeRow, ...]] = {}
        by_fold: dict[str, tuple[_CodeRow, ...]] = {}
        for row in rows:
            by_upper[row.code.upper()] = (*by_upper.get(row.code.upper(), ()), row)
            by_fold[_fold(row.code)] = (*by_fold.get(_fold(row.code), ()), row)
        return cls(rows, by_upper, by_fold)

    def find(self, written: str) -> tuple[_CodeRow, ...]:
        """Rows whose code is ``written``: exact (any case) first, else with Đ written D, else with the
        digit 0 read as the letter O. HD (Hướng dẫn) and HĐ (Hợp đồng) fold alike: there only the
        written letters decide."""
        exact = self.by_upper.get(written.upper())
        if exact:
            return exact
        for key in (_fold(written), _fold(written.replace("0", "O"))):
            found = self.by_fold.get(key, ())
            if len({r.code for r in found}) == 1:
                return found
        return ()


@functools.cache
def _types() -> _CodeTable:
    rows = load_table("doc_types")
    return _CodeTable.of(tuple(_CodeRow(r["code"], r["name"], r["system"]) for r in rows if r.get("code")))


@functools.cache
def _issuers() -> _CodeTable:
    return _CodeTable.of(
        tuple(
            _CodeRow(r["code"], r["name"], r["system"], r.get("term") == "term", r.get("untyped") or None)
            for r in load_table("issuer_codes")
        )
    )


@functools.cache
def _termed_issuers() -> _CodeTable:
    return _CodeTable.of(tuple(r for r in _issuers().rows if r.term))


def _in_system(row: _CodeRow, system: System) -> bool:
    return row.system in (system, "both")


@functools.lru_cache(maxsize=4096)
def type_code_rows(written: str) -> tuple[_CodeRow, ...]:
    return _types().find(written)


def type_name(code: str, system: System = "state") -> str | None:
    """Canonical type name of a type code in a symbol system: QĐ -> Quyết định, TT (party) -> Thông tri."""
    rows = type_code_rows(code)
    for row in rows:
        if _in_system(row, system):
            return row.name
    return rows[0].name if rows else None


def type_codes_of(name: str) -> frozenset[str]:
    """Every type code that a type name may carry (Quy định: QyĐ, QĐ)."""
    return frozenset(r.code for r in _types().rows if r.name == name)


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


_TERM_SUFFIX_RE = re.compile(r"^(?P<code>.*?[^\d])(?P<term>\d{1,2})$")


@functools.lru_cache(maxsize=4096)
def _issuer_row(part: str, system: System) -> tuple[_CodeRow, int | None] | None:
    """The issuer row of one code part, with the legislature's term when the code carries one."""
    rows = _issuers().find(part)
    found = [r for r in rows if _in_system(r, system)] or rows
    if found:
        return found[0], None
    m = _TERM_SUFFIX_RE.match(part)
    if m:
        termed = _termed_issuers().find(m["code"])
        if termed:
            return termed[0], int(m["term"])
    return None


def known_issuer(part: str) -> bool:
    return _issuer_row(part, "state") is not None


def issuer_name(issuer_code: str | None, system: System = "state", *, joint: bool = False) -> str | None:
    """Name of the body an issuer code stands for: "TTg" -> "Thủ tướng Chính phủ", "QH14" -> "Quốc hội
    khóa XIV", "UBND-NC" -> "Ủy ban nhân dân" (the parts after the first are the body's own units). A
    ``joint`` document (thông tư liên tịch ...) lists its bodies: "BTC-BNV" -> "Bộ Tài chính, Bộ Nội vụ".
    An unknown first part ("TWH", "BQL-TC") names nobody."""
    if not issuer_code:
        return None
    names: list[str] = []
    for part in re.split(r"[-/.]", issuer_code):
        found = _issuer_row(part, system)
        if found is None:
            break
        row, term = found
        name = row.name + (f" khóa {_roman(term)}" if term else "")
        if name not in names:
            names.append(name)
        if not joint:
            break
    return ", ".join(names) or None


# --- symbols --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Symbol:
    number: str
    """The number as written, leading zeros kept, a letter O read as 0."""
    year: int | None
    type_code: str | None
    """Canonical type code (QĐ for "QD", "Q§", "qđ"), None when the symbol has none (công văn)."""
    issuer_code: str | None
    """The parts after the type code, joined by "-"; known codes in their canonical spelling."""
    system: System
    text: str
    """The symbol normalised: no blanks, canonical codes, separators as written."""
    tight: bool
    """Written without blanks or line breaks inside."""

    @property
    def key(self) -> tuple[object, ...]:
        """Identity of the document: number value, year, type code and issuer parts, whatever the
        separators and spelling ("02/NQ-ThU" and "02-NQ/ThU" are one document)."""
        issuer = tuple(_fold(p) for p in re.split(r"[-/]", self.issuer_code or "") if p)
        return (int(self.number), self.year, _fold(self.type_code or ""), issuer)


def _party_only(part: str) -> bool:
    """A code that only Party bodies use (TW, TU, ThU ...): "02/NQ-ThU" is a Party symbol."""
    rows = _issuers().find(part)
    return bool(rows) and all(r.system == "party" for r in rows)


def _canonical_issuer_part(part: str, system: System) -> str:
    found = _issuer_row(part, system)
    if found is None or "&" in part:
        return part
    row, term = found
    return row.code + (str(term) if term else "")


def read_symbol(number: str, year: str | None, tail: str, *, tight: bool) -> Symbol | None:
    """Classify the parts of a symbol matched by :data:`SYMBOL_RE`; None when it is not one."""
    number = number.replace("O", "0").replace("o", "0")
    year_value: int | None = None
    if year is not None:
        year_value = int(year.replace("O", "0").replace("o", "0"))
        if not 1900 <= year_value <= 2099:
            return None
    parts = [(m["sep"] or " ", m["code"]) for m in _TAIL_PART_RE.finditer(tail)]
    if not parts:
        return None
    for _, code in parts:
        if code.islower() and not (type_code_rows(code) or known_issuer(code)):
            return None
    party_form = parts[0][0] == "-"
    type_at: int | None = None
    for i in (0, 1) if parts[0][0] != "/" else (0,):
        if i >= len(parts):
            break
        rows = type_code_rows(parts[i][1])
        if parts[0][0] != "/":  # number-TYPE/ISSUER: a Party type, or the old number-ISSUER/TYPE form
            rows = tuple(r for r in rows if _in_system(r, "party"))
        if rows:
            type_at = i
            break
    if not party_form and len(parts) > 1 and type_code_rows(parts[1][1]) and known_issuer(parts[0][1]):
        type_at = 1  # the old issuer-first order: 999/TC-QĐ-CĐKT
    type_code = type_code_rows(parts[type_at][1])[0].code if type_at is not None else None
    issuer_parts = [code for i, (_, code) in enumerate(parts) if i != type_at]
    system: System = "party" if party_form or (issuer_parts and _party_only(issuer_parts[0])) else "state"
    issuer_code = "-".join(_canonical_issuer_part(p, system) for p in issuer_parts) or None
    text = number + (f"/{year_value}" if year_value else "")
    for i, (sep, code) in enumerate(parts):
        canonical = type_code if i == type_at and type_code else _canonical_issuer_part(code, system)
        text += sep + canonical
    return Symbol(
        number=number,
        year=year_value,
        type_code=type_code,
        issuer_code=issuer_code,
        system=system,
        text=text,
        tight=tight,
    )


def symbol_from_match(m: re.Match[str]) -> Symbol | None:
    raw = m.group(0)
    year = m.groupdict().get("year")
    return read_symbol(m["number"], year, m["tail"], tight=not any(c.isspace() for c in raw))


def untyped_type(symbol: Symbol) -> str | None:
    """The type of a symbol without a type code, when its issuer implies one (59/2020/QH14: Luật)."""
    if symbol.type_code or not symbol.issuer_code or symbol.year is None:
        return None
    found = _issuer_row(re.split(r"[-/.]", symbol.issuer_code)[0], symbol.system)
    return found[0].untyped if found else None


def parse_symbol(text: str) -> Symbol | None:
    """The symbol written in ``text`` ("Số: 125/BC-LHH", "06/QĐ-TTg"), or None."""
    m = SYMBOL_RE.search(matching_view(text))
    return symbol_from_match(m) if m else None
