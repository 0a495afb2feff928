"""Render plain-text Vietnamese documents as realistic text PDFs and as degraded scans.

The evaluation corpus is kept as UTF-8 text (``<id>.txt`` beside its gold annotation). To exercise the
PDF and OCR paths on exactly those documents, this module prints every text the way such documents are
printed and then "scans" the printout:

* ``<id>.pdf`` -- a text PDF laid out after Nghị định 30/2020/NĐ-CP (state bodies) and Hướng dẫn
  36-HD/VPTW (Party bodies): A4, margins 20/20/30/15 mm, a 13-14 pt Times-like serif with full
  Vietnamese coverage, a two-column header (issuer and number on the left; national motto and the
  italic place/date line on the right), centred bold document type and title, justified body with a
  first-line indent, bold headings, page numbers from page 2, and at the end the signature block on
  the right with "Nơi nhận" on the left. Paragraphs break across pages as in real PDFs.
* ``<id>-scan-<dpi>.pdf`` -- image-only PDFs made by rasterising the text PDF and degrading each page
  like an office scanner (skew, shift, blur, paper and ink levels, uneven lighting, noise, dust, JPEG),
  plus ``<id>-scan-p1.png`` (page 1 at 300 dpi).
* ``<id>.render.json`` -- the parameters used.

Why this shape:

* The layout is recovered from the text alone by classifying lines with general rules of the genre (an
  upper-case line before the motto is an issuer line, "Số ..." is the number, "<place>, ngày ... tháng
  ... năm ..." is the date, a line opening with a document-type word starts the title, upper-case short
  lines after the body form the signature ...), never from the strings of particular documents.
* Typesetting is done directly on a reportlab canvas (greedy line breaking, every word placed at an
  explicit position for justification): fast enough for a corpus in seconds and for thousand-page speed
  benchmarks (:func:`make_long_pdf`), and ``invariant`` output makes the PDFs byte-reproducible.
* Every random choice comes from a numpy ``Generator`` seeded with (seed, document id, purpose), and the
  image PDFs are written by a small deterministic writer, so the same seed gives the same bytes.

Usage::

    python -m benchmarks.render SRC_DIR OUT_DIR [--seed N] [--scan-dpi 300 150] [--only pdf|scan]
    python -m benchmarks.render SRC_DIR OUT_DIR --long 50 500 2000    # OUT_DIR/long-<N>.pdf

Needs reportlab (dev extra), pypdfium2 (comes with pdfplumber), Pillow, numpy, and a serif TrueType font
with Vietnamese letters: Liberation Serif 2.x (Debian/Ubuntu package ``fonts-liberation2``) or DejaVu
Serif (``fonts-dejavu-core``; italics in ``fonts-dejavu-extra``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.pdfgen.canvas import Canvas

from vndoc.normalize import clean_chars, strip_diacritics

# ---------------------------------------------------------------------------------------------------
# Page geometry (Nghị định 30/2020/NĐ-CP, Phụ lục I)
# ---------------------------------------------------------------------------------------------------

MM = 72 / 25.4
PAGE_W = 210 * MM
PAGE_H = 297 * MM
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
LEFT = MARGINS_MM["left"] * MM
RIGHT = PAGE_W - MARGINS_MM["right"] * MM
TOP = PAGE_H - MARGINS_MM["top"] * MM
BOTTOM = MARGINS_MM["bottom"] * MM
TEXT_W = RIGHT - LEFT
HEADER_GUTTER = 8.0
"""Blank space between the two header columns."""

PageNumberPos = Literal["top", "bottom"]
Style = Literal["R", "B", "I", "BI"]

# ---------------------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------------------

# Every precomposed letter of Vietnamese plus the punctuation the corpus uses.
VIETNAMESE_PROBE = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
    "“”‘’–—…"
)


@dataclass(frozen=True)
class FontFamily:
    name: str
    files: dict[str, Path]
    """Style code ("R", "B", "I", "BI") -> TrueType file."""


# Times-like serif families in order of preference, with the file name of each style.
_FAMILIES: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "Liberation Serif",
        {
            "R": "LiberationSerif-Regular.ttf",
            "B": "LiberationSerif-Bold.ttf",
            "I": "LiberationSerif-Italic.ttf",
            "BI": "LiberationSerif-BoldItalic.ttf",
        },
    ),
    (
        "DejaVu Serif",
        {
            "R": "DejaVuSerif.ttf",
            "B": "DejaVuSerif-Bold.ttf",
            "I": "DejaVuSerif-Italic.ttf",
            "BI": "DejaVuSerif-BoldItalic.ttf",
        },
    ),
)
_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
FONT_HELP = (
    "no serif TrueType font with Vietnamese coverage found; install one, e.g. "
    "`apt-get install fonts-liberation2` (Liberation Serif 2.x) or `apt-get install fonts-dejavu-core`"
)


def _installed_font_files() -> dict[str, list[Path]]:
    """File name -> every path of that name, from fontconfig when present plus the usual folders."""
    paths: set[Path] = set()
    if shutil.which("fc-list"):
        listing = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=False
        ).stdout
        paths.update(Path(p) for p in listing.splitlines() if p.endswith(".ttf"))
    for folder in _FONT_DIRS:
        if folder.is_dir():
            paths.update(folder.rglob("*.ttf"))
    by_name: dict[str, list[Path]] = {}
    for path in sorted(paths):
        by_name.setdefault(path.name, []).append(path)
    return by_name


def _covers_vietnamese(path: Path) -> bool:
    cmap = TTFontFile(str(path)).charToGlyph
    return all(ord(ch) in cmap for ch in VIETNAMESE_PROBE)


# A missing italic falls back to the upright style of the same weight (fonts-dejavu-core ships no
# italics; they are in fonts-dejavu-extra).
_STYLE_FALLBACK = {"I": "R", "BI": "B"}


@cache
def find_font_family() -> FontFamily:
    """The first preferred serif family whose regular and bold are installed and cover Vietnamese.

    Liberation Serif 1.x has the same file names as 2.x but lacks the Vietnamese letters, hence the
    coverage check rather than a name lookup.
    """
    installed = _installed_font_files()
    for name, styles in _FAMILIES:
        chosen: dict[str, Path] = {}
        for style, file_name in styles.items():
            good = [p for p in installed.get(file_name, []) if _covers_vietnamese(p)]
            if good:
                chosen[style] = good[0]
        if "R" in chosen and "B" in chosen:
            for style, fallback in _STYLE_FALLBACK.items():
                chosen.setdefault(style, chosen[fallback])
            return FontFamily(name=name, files=chosen)
    raise RuntimeError(FONT_HELP)


@cache
def _registered_fonts() -> dict[str, str]:
    """Register the family with reportlab once; style code -> reportlab font name."""
    family = find_font_family()
    names: dict[str, str] = {}
    for style, path in family.files.items():
        font_name = f"VN-{family.name.replace(' ', '')}-{style}"
        pdfmetrics.registerFont(TTFont(font_name, str(path)))
        names[style] = font_name
    return names


@lru_cache(maxsize=1 << 16)
def _width(text: str, style: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, _registered_fonts()[style], size))


# ---------------------------------------------------------------------------------------------------
# Reading the layout back from the text
# ---------------------------------------------------------------------------------------------------

# Keys compare lines without diacritics, case or dash/space variants.
_DASHES = re.compile(r"\s*[-–—]\s*")


def _key(line: str) -> str:
    return " ".join(_DASHES.sub("-", strip_diacritics(line).casefold()).split())


_STATE_MOTTO = "cong hoa xa hoi chu nghia viet nam"
_STATE_MOTTO_2 = "doc lap-tu do-hanh phuc"
_PARTY_MOTTO = "dang cong san viet nam"
_MOTTO_KEYS = frozenset({_STATE_MOTTO, _STATE_MOTTO_2, _PARTY_MOTTO})

# Names of document types (Nghị định 30/2020, Phụ lục III; Hướng dẫn 36-HD/VPTW) plus the usual
# association papers, as diacritic-free keys.
_DOC_TYPE_KEYS = (
    "bao cao",
    "nghi quyet",
    "quyet dinh",
    "ke hoach",
    "thong bao",
    "bien ban",
    "to trinh",
    "chuong trinh",
    "huong dan",
    "quy che",
    "quy dinh",
    "dieu le",
    "chi thi",
    "ket luan",
    "cong van",
    "giay moi",
    "thu moi",
    "de an",
    "phuong an",
    "dien van",
    "tham luan",
    "danh sach",
    "thong tri",
    "cong dien",
    "loi keu goi",
    "thu chuc mung",
)
_DOC_TYPE = re.compile(r"^(?:" + "|".join(re.escape(k) for k in _DOC_TYPE_KEYS) + r")(?:\b|$)")

_NUMBER_LINE = re.compile(r"^Số\s*(?::|\.|(?=[\d\s]*[-/]))")
_PLACE_DATE = re.compile(r"^[^,\d]{2,60},\s*ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)
_SUBJECT_LINE = re.compile(r"^V/v\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"^(?:[\s_\-–—=~.*·•]{3,}|\*|[-_=~.*\s]*o0o[-_=~.*\s]*)$")

_ROMAN = r"[IVXLC]+"
_ROMAN_HEADING = re.compile(r"^" + _ROMAN + r"\s*[.)/-]\s*\S")
_NUMBERED_HEADING = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*\S")
_LETTER_HEADING = re.compile(r"^[a-zđ]\)\s*\S")
_ARTICLE = re.compile(r"^(?P<label>Điều\s+\d+[a-z]?\s*[.:])")
_PART_OR_CHAPTER = re.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:thứ\s+\S+|THỨ\s+\S+|" + _ROMAN + r"|\d+)\b")
_BULLET = re.compile(r"^[-+•–*]\s*")
_RECIPIENTS = re.compile(r"^Nơi\s+nhận\b", re.IGNORECASE)
_SIGNATURE_NOTE = re.compile(r"^\([^()]{2,40}\)$")
_TERMINAL = re.compile(r"[.;:!?…]$")
_BODY_OPENERS = re.compile(r"^(?:Căn cứ|Kính gửi|Thực hiện|Xét đề nghị|Theo đề nghị)\b", re.IGNORECASE)

HEADER_WINDOW = 16
"""The header is looked for in this many first non-empty lines."""
TITLE_MAX_LINES = 5
SIGNATURE_MAX_LINES = 8
SHORT_LINE = 120
"""Upper-case lines up to this length inside the body are centred headings (e.g. "QUYẾT ĐỊNH:")."""


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_person_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 6 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)


def _is_heading_like(line: str) -> bool:
    return bool(
        _ROMAN_HEADING.match(line)
        or _NUMBERED_HEADING.match(line)
        or _ARTICLE.match(line)
        or _PART_OR_CHAPTER.match(line)
    )


@dataclass(frozen=True)
class Header:
    issuer: tuple[str, ...] = ()
    issuer_mark: str | None = None
    """"*" when the text has the star that Party documents put under the issuer."""
    number: str | None = None
    subject: str | None = None
    motto: tuple[str, ...] = ()
    place_date: str | None = None
    doc_type: str | None = None
    title: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.issuer or self.number or self.motto or self.place_date or self.doc_type)


@dataclass(frozen=True)
class Para:
    kind: Literal["body", "heading", "center", "rule"]
    runs: tuple[tuple[str, Style], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(t for t, _ in self.runs)


@dataclass(frozen=True)
class Layout:
    header: Header
    headline: str | None
    body: tuple[Para, ...]
    recipients: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()
    joined: int = 0
    """Paragraphs of the text glued to the previous one (a sentence cut by a page break of the source)."""


def _header_kind(line: str) -> str:
    key = _key(line)
    if key in _MOTTO_KEYS:
        return "motto"
    if len(line) <= 60 and _NUMBER_LINE.match(line):
        return "number"
    if len(line) <= 90 and _PLACE_DATE.match(line):
        return "date"
    if len(line) <= 160 and _SUBJECT_LINE.match(line):
        return "subject"
    if _SEPARATOR.match(line):
        return "separator"
    if _is_upper(line) and len(line) <= SHORT_LINE and not _is_heading_like(line):
        return "doctype" if _DOC_TYPE.match(key) else "upper"
    return "other"


def _looks_like_body(line: str) -> bool:
    if _is_heading_like(line) or _BODY_OPENERS.match(line) or _BULLET.match(line):
        return True
    return len(line) > 200 or (not _is_upper(line) and bool(_TERMINAL.search(line)))


def _parse_header(lines: Sequence[str]) -> tuple[Header, int]:
    issuer: list[str] = []
    motto: list[str] = []
    mark: str | None = None
    number = subject = place_date = doc_type = None
    i = 0
    while i < min(len(lines), HEADER_WINDOW):
        line, kind = lines[i], _header_kind(lines[i])
        if kind == "motto":
            motto.append(line)
        elif kind == "number" and number is None:
            number = line
        elif kind == "date" and place_date is None:
            place_date = line
        elif kind == "subject" and subject is None and number is not None:
            subject = line
        elif kind == "separator":
            mark = "*" if line == "*" and issuer and not motto else mark
        elif kind == "upper" and place_date is None and len(issuer) < 4:
            issuer.append(line)
        elif kind in ("doctype", "upper"):
            doc_type = line
            i += 1
            break
        else:
            break
        i += 1
    header = Header(tuple(issuer), mark, number, subject, tuple(motto), place_date, doc_type)
    if not (motto or number or place_date or doc_type):
        return Header(), 0
    title: list[str] = []
    if doc_type is not None:
        while i < len(lines) and len(title) < TITLE_MAX_LINES:
            if _SEPARATOR.match(lines[i]):
                i += 1
                break
            if _looks_like_body(lines[i]):
                break
            title.append(lines[i])
            i += 1
    return replace(header, title=tuple(title)), i


def _is_recipient_item(line: str) -> bool:
    return len(line) <= 120 and (bool(_BULLET.match(line)) or line.casefold().startswith("lưu"))


def _is_signature_line(line: str) -> bool:
    if len(line) > 80 or _is_heading_like(line) or _SEPARATOR.match(line) or line.endswith(":"):
        return False
    return _is_upper(line) or bool(_SIGNATURE_NOTE.match(line)) or _is_person_name(line)


def _parse_closing(lines: list[str]) -> tuple[tuple[str, ...], tuple[str, ...], list[str]]:
    """(recipients, signature, remaining body lines)."""
    recipients: tuple[str, ...] = ()
    for idx in range(len(lines) - 1, max(-1, len(lines) - 30), -1):
        if _RECIPIENTS.match(lines[idx]):
            end = idx + 1
            while end < len(lines) and _is_recipient_item(lines[end]):
                end += 1
            recipients = tuple(lines[idx:end])
            lines = lines[:idx] + lines[end:]
            break
    start = len(lines)
    while start > 1 and len(lines) - start < SIGNATURE_MAX_LINES and _is_signature_line(lines[start - 1]):
        start -= 1
    while start < len(lines) and not _is_upper(lines[start]):
        start += 1
    return recipients, tuple(lines[start:]), lines[:start]


def _is_continuation(prev: str, line: str) -> bool:
    """A paragraph of the text that is the rest of the previous sentence (cut by a page break)."""
    if _is_upper(prev) or _is_heading_like(prev) or len(prev) < 60 or _LETTER_HEADING.match(line):
        return False
    first = line[0]
    if first.isalpha() and first.islower():
        return True
    return first == "(" and not re.search(r"[.!?:]$", prev)


def _classify(line: str) -> Para:
    if _SEPARATOR.match(line):
        return Para("rule")
    if _PART_OR_CHAPTER.match(line) or (_is_upper(line) and len(line) <= SHORT_LINE and not _is_heading_like(line)):
        return Para("center", ((line, "B"),))
    short = len(line) <= 160 and not re.search(r"[.;,]$", line)
    if article := _ARTICLE.match(line):
        if short:
            return Para("heading", ((line, "B"),))
        label = article.group("label")
        return Para("body", ((label, "B"), (line[len(label) :].strip(), "R")))
    if _ROMAN_HEADING.match(line):
        return Para("heading", ((line, "B"),)) if len(line) <= 200 else Para("body", ((line, "R"),))
    if numbered := _NUMBERED_HEADING.match(line):
        if short:
            level = numbered.group("label").count(".") + 1
            return Para("heading", ((line, "B" if level == 1 else "BI"),))
        return Para("body", ((line, "R"),))
    if _LETTER_HEADING.match(line) and short:
        return Para("heading", ((line, "I"),))
    return Para("body", ((line, "R"),))


def _is_headline(lines: Sequence[str]) -> bool:
    first = lines[0]
    return (
        len(lines) > 1
        and len(first) <= 200
        and not _TERMINAL.search(first)
        and not _is_heading_like(first)
        and not _BULLET.match(first)
    )


def parse_layout(text: str) -> Layout:
    """Classify the lines of a document text into header, body paragraphs and closing blocks."""
    lines = [line.strip() for line in clean_chars(text).splitlines()]
    lines = [line for line in lines if line]
    header, pos = _parse_header(lines)
    recipients, signature, rest = _parse_closing(lines[pos:])
    headline = None
    if header.empty and rest and _is_headline(rest):
        headline, rest = rest[0], rest[1:]
    merged: list[str] = []
    joined = 0
    for line in rest:
        if merged and _is_continuation(merged[-1], line):
            merged[-1] = f"{merged[-1]} {line}"
            joined += 1
        else:
            merged.append(line)
    body = tuple(_classify(line) for line in merged)
    return Layout(header, headline, body, recipients, signature, joined)


# ---------------------------------------------------------------------------------------------------
# Typesetting
# ---------------------------------------------------------------------------------------------------

Runs = Sequence[tuple[str, Style]]
Align = Literal["justify", "left", "center"]

BASELINE = 0.78
"""Baseline position inside a line box, as a fraction of the leading from its top."""
INDENT = 10 * MM
"""First-line indent of body paragraphs (Nghị định 30: 1-1.27 cm)."""
RULE_WIDTH = 0.6


@dataclass(frozen=True)
class _Word:
    text: str
    style: Style
    width: float


def _words(runs: Runs, size: float) -> list[_Word]:
    return [_Word(w, style, _width(w, style, size)) for text, style in runs for w in text.split()]


def _break_lines(words: Sequence[_Word], first_width: float, width: float, size: float) -> list[list[_Word]]:
    """Greedy line breaking (what word processors do); a word wider than the line gets a line alone."""
    lines: list[list[_Word]] = []
    current: list[_Word] = []
    used = 0.0
    for word in words:
        avail = width if lines else first_width
        gap = _width(" ", current[-1].style, size) if current else 0.0
        if current and used + gap + word.width > avail:
            lines.append(current)
            current, used = [word], word.width
        else:
            current.append(word)
            used += gap + word.width
    if current:
        lines.append(current)
    return lines


def _line_width(line: Sequence[_Word], size: float) -> float:
    return sum(w.width for w in line) + sum(_width(" ", w.style, size) for w in line[:-1])


def _balanced_lines(words: Sequence[_Word], width: float, size: float) -> list[list[_Word]]:
    """Lines of even length for centred text: the narrowest measure that needs no more lines than
    ``width`` does ("ỦY BAN NHÂN DÂN / TỈNH BÌNH DƯƠNG" rather than a lone last word)."""
    lines = _break_lines(words, width, width, size)
    if len(lines) < 2:
        return lines
    low, high = max(w.width for w in words), width
    for _ in range(16):
        mid = (low + high) / 2
        if len(_break_lines(words, mid, mid, size)) > len(lines):
            low = mid
        else:
            high = mid
    return _break_lines(words, high, high, size)


def _centred_width(text: str, style: Style, size: float, width: float) -> float:
    """Width of the longest line of ``text`` set centred in ``width``."""
    return max(_line_width(line, size) for line in _balanced_lines(_words(((text, style),), size), width, size))


class _PageLimit(Exception):
    """Raised when a page beyond the requested maximum would be started."""


@dataclass
class _Typesetter:
    """A cursor over the pages of one canvas: flows paragraphs, places fixed blocks, numbers pages."""

    canvas: Canvas
    size: float
    leading: float
    page_numbers: PageNumberPos
    max_pages: int | None = None
    page: int = 1
    y: float = TOP
    """Top of the next line box."""
    fonts: dict[str, str] = field(default_factory=_registered_fonts)

    def new_page(self) -> None:
        if self.max_pages is not None and self.page >= self.max_pages:
            raise _PageLimit
        self.canvas.showPage()
        self.page += 1
        self.y = TOP
        # Nghị định 30: page numbers from page 2, centred (in the top margin; some offices use the bottom).
        y = PAGE_H - 12 * MM if self.page_numbers == "top" else 10 * MM
        self.canvas.setFont(self.fonts["R"], self.size)
        self.canvas.drawCentredString(PAGE_W / 2, y, str(self.page))

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` fits above the bottom margin (or the page is still empty)."""
        if self.y - height < BOTTOM - 0.5 and self.y < TOP:
            self.new_page()

    def line_count(self, runs: Runs, width: float, size: float | None = None) -> int:
        size = size or self.size
        return len(_break_lines(_words(runs, size), width, width, size))

    def _draw_line(
        self, words: Sequence[_Word], x: float, width: float, size: float, align: Align, baseline: float
    ) -> None:
        gaps = [_width(" ", w.style, size) for w in words[:-1]]
        natural = sum(w.width for w in words) + sum(gaps)
        if align == "justify" and gaps:
            extra = max(0.0, width - natural) / len(gaps)
            gaps = [g + extra for g in gaps]
        elif align == "center":
            x += (width - natural) / 2
        text = self.canvas.beginText(x, baseline)
        font = None
        for i, word in enumerate(words):
            if word.style != font:
                text.setFont(self.fonts[word.style], size)
                font = word.style
            if i < len(gaps):
                # The space is written out (as word processors do) so that text extraction sees it;
                # the next word is then placed explicitly, which stretches the gap when justifying.
                text.textOut(word.text + " ")
                text.moveCursor(word.width + gaps[i], 0)
            else:
                text.textOut(word.text)
        self.canvas.drawText(text)

    def _set(
        self,
        runs: Runs,
        *,
        x: float,
        width: float,
        size: float,
        leading: float,
        align: Align,
        indent: float,
        y: float | None,
    ) -> float:
        words = _words(runs, size)
        if align == "center":
            lines = _balanced_lines(words, width, size)
        else:
            lines = _break_lines(words, width - indent, width, size)
        flowing = y is None
        cur = self.y if y is None else y
        for n, line in enumerate(lines):
            if flowing:
                self.ensure(leading)
                cur = self.y
            shift = indent if n == 0 else 0.0
            line_align: Align = "left" if align == "justify" and n == len(lines) - 1 else align
            self._draw_line(line, x + shift, width - shift, size, line_align, cur - BASELINE * leading)
            cur -= leading
            if flowing:
                self.y = cur
        return cur

    def flow(
        self,
        runs: Runs,
        *,
        align: Align = "justify",
        indent: float = 0.0,
        size: float | None = None,
        leading: float | None = None,
        x: float = LEFT,
        width: float = TEXT_W,
    ) -> None:
        """Set a paragraph at the cursor, continuing on new pages as needed."""
        self._set(
            runs,
            x=x,
            width=width,
            size=size or self.size,
            leading=leading or self.leading,
            align=align,
            indent=indent,
            y=None,
        )

    def place(
        self,
        text: str,
        style: Style,
        *,
        x: float,
        width: float,
        y: float,
        size: float,
        leading: float,
        align: Align = "center",
    ) -> float:
        """Set a line (wrapped if needed) with its top at ``y`` without page breaks; return the y below."""
        return self._set(((text, style),), x=x, width=width, size=size, leading=leading, align=align, indent=0.0, y=y)

    def rule(self, centre: float, length: float, y: float) -> None:
        self.canvas.setLineWidth(RULE_WIDTH)
        self.canvas.line(centre - length / 2, y, centre + length / 2, y)


def _fit_size(text: str, style: Style, size: float, width: float, minimum: float) -> float:
    """The largest size from ``size`` down to ``minimum`` (0.5 pt steps) at which ``text`` fits on one
    line; ``size`` itself when it does not fit even at ``minimum`` (the line is then wrapped)."""
    fitted = size
    while fitted > minimum and _width(text, style, fitted) > width:
        fitted -= 0.5
    return fitted if _width(text, style, fitted) <= width else size


def _draw_header(ts: _Typesetter, header: Header) -> None:
    """Two-column header of Nghị định 30 / Hướng dẫn 36, then the centred document type and title."""
    size, small = ts.size, ts.size - 1
    lead = small * 1.2
    # Motto line 1 and the issuer are 12-13 pt upper case; "Độc lập - Tự do - Hạnh phúc" 13-14 pt.
    motto = [(m, small if _key(m) != _STATE_MOTTO_2 else size) for m in header.motto]
    need_right = max([_width(m, "B", s) for m, s in motto] + [_width(header.place_date or "", "I", size)])
    right_w = min(max(need_right + 8, 0.45 * TEXT_W), 0.64 * TEXT_W)
    left_w = TEXT_W - right_w - HEADER_GUTTER
    left_mid, right_x = LEFT + left_w / 2, RIGHT - right_w
    top = ts.y

    # Left: issuer lines (the parent body regular, the issuing body bold), then a short rule or "*".
    y_left = top
    for k, line in enumerate(header.issuer):
        style: Style = "B" if k == len(header.issuer) - 1 else "R"
        fitted = _fit_size(line, style, small, left_w, minimum=small - 1.5)
        y_left = ts.place(line, style, x=LEFT, width=left_w, y=y_left, size=fitted, leading=lead)
    if header.issuer_mark == "*":
        y_left = ts.place("*", "R", x=LEFT, width=left_w, y=y_left, size=small, leading=lead)
    elif header.issuer:
        last = header.issuer[-1]
        last_w = _centred_width(last, "B", _fit_size(last, "B", small, left_w, small - 1.5), left_w)
        ts.rule(left_mid, max(0.4 * last_w, 40.0), y_left - 2)
        y_left -= 5

    # Right: the motto, underlined over the length of its last line.
    y_right = top
    for line, msize in motto:
        fitted = _fit_size(line, "B", msize, right_w, minimum=10.5)
        y_right = ts.place(line, "B", x=right_x, width=right_w, y=y_right, size=fitted, leading=lead)
    if motto:
        line, msize = motto[-1]
        ts.rule(
            right_x + right_w / 2,
            _centred_width(line, "B", _fit_size(line, "B", msize, right_w, 10.5), right_w),
            y_right - 2,
        )
        y_right -= 5

    # Number (and subject of an official letter) left, place and date right, on one row.
    row = min(y_left, y_right) - (0.4 * lead if header.issuer or header.motto else 0.0)
    y_left = y_right = row
    if header.number:
        y_left = ts.place(header.number, "R", x=LEFT, width=left_w, y=y_left, size=small, leading=ts.leading)
    if header.subject:
        y_left = ts.place(header.subject, "R", x=LEFT, width=left_w, y=y_left, size=small - 1, leading=lead)
    if header.place_date:
        y_right = ts.place(header.place_date, "I", x=right_x, width=right_w, y=y_right, size=size, leading=ts.leading)
    ts.y = min(y_left, y_right)

    if header.doc_type:
        ts.y -= 0.6 * ts.leading
        ts.flow(((header.doc_type, "B"),), align="center", size=size + 0.5 if len(header.doc_type) < 30 else size)
        for line in header.title:
            ts.flow(((line, "B"),), align="center", x=LEFT + 0.05 * TEXT_W, width=0.9 * TEXT_W)
        widest = max(_width(t, "B", size) for t in (header.doc_type, *header.title))
        ts.rule(LEFT + TEXT_W / 2, min(widest, TEXT_W) / 3, ts.y - 3)
        ts.y -= 7
    ts.y -= 0.5 * ts.leading


def _draw_body(ts: _Typesetter, layout: Layout) -> list[str]:
    """Set the headline and body paragraphs; return the heading texts (for the manifest)."""
    headings: list[str] = []
    space = 0.35 * ts.leading
    if layout.headline:
        ts.flow(((layout.headline, "B"),), align="center", size=ts.size + 1, leading=ts.leading * 1.1)
        ts.y -= space
    for para in layout.body:
        if para.kind == "rule":
            ts.ensure(8)
            ts.rule(LEFT + TEXT_W / 2, TEXT_W / 4, ts.y - 4)
            ts.y -= 8 + space
            continue
        if para.kind in ("heading", "center"):
            headings.append(para.text)
            # Keep a heading with the first two lines of what follows.
            ts.ensure((ts.line_count(para.runs, TEXT_W) + 2) * ts.leading)
        if para.kind == "center":
            ts.flow(para.runs, align="center")
        else:
            ts.flow(para.runs, align="justify", indent=INDENT)
        ts.y -= space
    return headings


RECIPIENT_SIZES = (12.0, 11.0)
"""Nghị định 30: "Nơi nhận:" 12 pt bold italic, the recipients 11 pt."""


def _draw_closing(ts: _Typesetter, layout: Layout) -> None:
    """Signature block in the right half (capacity and name bold), "Nơi nhận" on the left, kept together."""
    if not (layout.signature or layout.recipients):
        return
    sig_x, sig_w = LEFT + 0.45 * TEXT_W, 0.55 * TEXT_W
    rec_w = 0.45 * TEXT_W
    rec_lead = 13.0
    has_note = any(_SIGNATURE_NOTE.match(s) for s in layout.signature)
    sig: list[tuple[str, Style, float]] = []  # (line, style, space before)
    for line in layout.signature:
        if _SIGNATURE_NOTE.match(line):
            sig.append((line, "I", 0.3 * ts.leading))
        elif _is_person_name(line):
            # Room for the handwritten signature and seal unless the text says "(Đã ký)".
            sig.append((line, "B", (0.8 if has_note else 3.5) * ts.leading))
        else:
            sig.append((line, "B", 0.0))
    sig_h = sum(ts.line_count(((t, s),), sig_w) * ts.leading + before for t, s, before in sig)
    rec_h = sum(ts.line_count(((t, "R"),), rec_w, RECIPIENT_SIZES[1]) for t in layout.recipients) * rec_lead
    ts.y -= 0.3 * ts.leading
    ts.ensure(max(sig_h, rec_h + 4))
    y_rec = ts.y
    for k, line in enumerate(layout.recipients):
        style: Style = "BI" if k == 0 else "R"
        y_rec = ts.place(
            line,
            style,
            x=LEFT,
            width=rec_w,
            y=y_rec,
            size=RECIPIENT_SIZES[min(k, 1)],
            leading=rec_lead + (1 if k == 0 else 0),
            align="left",
        )
    y_sig = ts.y
    for line, style, before in sig:
        y_sig = ts.place(line, style, x=sig_x, width=sig_w, y=y_sig - before, size=ts.size, leading=ts.leading)
    ts.y = min(y_sig, y_rec)


def _doc_rng(seed: int, doc_id: str, purpose: str) -> np.random.Generator:
    """A generator that depends only on (seed, document id, purpose): stable across runs and machines."""
    digest = hashlib.sha256(f"{doc_id}\x00{purpose}".encode()).digest()
    return np.random.default_rng([seed, int.from_bytes(digest[:8], "big")])


@dataclass(frozen=True)
class TextStyle:
    font_size: float
    leading: float
    page_numbers: PageNumberPos


def choose_style(seed: int, doc_id: str) -> TextStyle:
    """Body size 13 or 14 pt, line spacing between single and 1.5, page numbers mostly at the top."""
    rng = _doc_rng(seed, doc_id, "style")
    size = float(rng.choice([13.0, 14.0]))
    leading = round(size * float(rng.uniform(1.22, 1.4)), 1)
    position: PageNumberPos = "top" if rng.random() < 0.75 else "bottom"
    return TextStyle(size, leading, position)


def _layout_summary(layout: Layout, headings: list[str]) -> dict[str, object]:
    header = layout.header
    title = [t for t in (header.doc_type, *header.title) if t]
    return {
        "org": list(header.issuer),
        "number": header.number,
        "motto": list(header.motto),
        "date": header.place_date,
        "title": title or ([layout.headline] if layout.headline else []),
        "headings": headings,
        "signature": list(layout.signature),
        "recipients": list(layout.recipients),
        "n_paragraphs": len(layout.body),
        "joined_paragraphs": layout.joined,
    }


def _set_document(ts: _Typesetter, layout: Layout) -> list[str]:
    _draw_header(ts, layout.header)
    headings = _draw_body(ts, layout)
    _draw_closing(ts, layout)
    return headings


def _new_canvas(out: Path, title: str) -> Canvas:
    # invariant: fixed dates and document id, so equal input gives equal bytes.
    canvas = Canvas(str(out), pagesize=(PAGE_W, PAGE_H), invariant=True, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("vndoc benchmarks.render")
    return canvas


def _font_manifest() -> dict[str, object]:
    family = find_font_family()
    return {"font": family.name, "font_files": {k: p.name for k, p in family.files.items()}}


def render_pdf(
    text: str,
    out: Path,
    *,
    seed: int = 0,
    doc_id: str = "doc",
    style: TextStyle | None = None,
) -> dict[str, object]:
    """Typeset one document text as an A4 text PDF at ``out``; return its manifest entry."""
    style = style or choose_style(seed, doc_id)
    layout = parse_layout(text)
    canvas = _new_canvas(out, doc_id)
    ts = _Typesetter(canvas, style.font_size, style.leading, style.page_numbers)
    headings = _set_document(ts, layout)
    canvas.showPage()
    canvas.save()
    return {
        **_font_manifest(),
        "font_size_pt": style.font_size,
        "leading_pt": style.leading,
        "margins_mm": dict(MARGINS_MM),
        "page_numbers": style.page_numbers,
        "pages": ts.page,
        "parsed": _layout_summary(layout, headings),
    }


# ---------------------------------------------------------------------------------------------------
# Scans
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanProfile:
    """Ranges the per-page degradation parameters are drawn from."""

    blur_px: tuple[float, float]
    noise_sigma: tuple[float, float]
    jpeg_quality: tuple[int, int]
    ink: tuple[float, float]
    paper: tuple[float, float]
    speckles_per_mpx: float
    lighting: tuple[float, float]
    """Amplitude of the low-frequency brightness variation, as a fraction of the paper level."""


FINE_SCAN = ScanProfile((0.5, 0.9), (4.0, 9.0), (68, 80), (15.0, 40.0), (232.0, 248.0), 15.0, (0.02, 0.05))
COARSE_SCAN = ScanProfile((0.35, 0.7), (8.0, 16.0), (60, 72), (25.0, 55.0), (226.0, 244.0), 100.0, (0.03, 0.07))


def scan_profile(dpi: int) -> ScanProfile:
    """Office scans at 300 dpi are clean; 150 dpi ones come from cheaper settings and look worse."""
    return FINE_SCAN if dpi >= 225 else COARSE_SCAN


def _lighting_field(rng: np.random.Generator, size: tuple[int, int], amplitude: float) -> np.ndarray:
    """A smooth multiplicative brightness field around 1: a tilt plus a few soft blobs."""
    w, h = size
    grid = rng.normal(0.0, 1.0, (6, 5)).astype(np.float32)
    yy, xx = np.mgrid[0:6, 0:5].astype(np.float32)
    tilt = rng.normal(0.0, 1.0, 2)
    grid += (tilt[0] * (xx / 4 - 0.5) + tilt[1] * (yy / 5 - 0.5)) * 2
    grid = grid / max(float(np.abs(grid).max()), 1e-6)
    small = Image.fromarray(grid, mode="F")
    smooth = np.asarray(small.resize((w, h), Image.Resampling.BICUBIC), dtype=np.float32)
    return 1.0 - amplitude * 0.5 * (smooth + 1.0)


@dataclass(frozen=True)
class ScannedPage:
    jpeg: bytes
    """The page as the scanner stores it."""
    image: Image.Image
    """The same page decoded (what a reader of the PDF sees)."""
    params: dict[str, object]


def degrade_page(page: Image.Image, rng: np.random.Generator, dpi: int) -> ScannedPage:
    """Make a clean grayscale rendering look scanned, drawing every parameter from ``rng``."""
    profile = scan_profile(dpi)
    angle = float(rng.uniform(-1.0, 1.0))
    dx, dy = (int(round(v)) for v in rng.uniform(-1.0, 1.0, 2) * 2.0 * MM * dpi / 72)  # up to 2 mm
    img = page.convert("L").rotate(
        angle,
        resample=Image.Resampling.BICUBIC,
        translate=(dx, dy),
        fillcolor=255,
    )
    blur = float(rng.uniform(*profile.blur_px))
    img = img.filter(ImageFilter.GaussianBlur(blur))

    # Ink and paper levels, uneven lighting, sensor noise.
    paper = float(rng.uniform(*profile.paper))
    ink = float(rng.uniform(*profile.ink))
    amplitude = float(rng.uniform(*profile.lighting))
    sigma = float(rng.uniform(*profile.noise_sigma))
    values = np.asarray(img, dtype=np.float32) * ((paper - ink) / 255.0) + ink
    values *= _lighting_field(rng, img.size, amplitude)
    values += rng.standard_normal(values.shape, dtype=np.float32) * sigma

    # Dust: small dark squares.
    h, w = values.shape
    n_specks = int(rng.poisson(profile.speckles_per_mpx * w * h / 1e6))
    ys = rng.integers(0, h - 3, n_specks)
    xs = rng.integers(0, w - 3, n_specks)
    sizes = rng.integers(1, max(2, dpi // 100) + 1, n_specks)
    darkness = rng.uniform(20.0, 120.0, n_specks)
    for y, x, s, d in zip(ys, xs, sizes, darkness, strict=True):
        values[y : y + s, x : x + s] = d

    quality = int(rng.integers(profile.jpeg_quality[0], profile.jpeg_quality[1] + 1))
    buffer = io.BytesIO()
    Image.fromarray(np.clip(values + 0.5, 0, 255).astype(np.uint8), mode="L").save(
        buffer, format="JPEG", quality=quality
    )
    jpeg = buffer.getvalue()
    params: dict[str, object] = {
        "angle_deg": round(angle, 3),
        "shift_px": [dx, dy],
        "paper": round(paper, 1),
        "ink": round(ink, 1),
        "blur_px": round(blur, 2),
        "noise_sigma": round(sigma, 1),
        "lighting": round(amplitude, 3),
        "speckles": n_specks,
        "jpeg_quality": quality,
        "size_px": [w, h],
    }
    return ScannedPage(jpeg, Image.open(io.BytesIO(jpeg)), params)


def write_image_pdf(pages: Sequence[tuple[bytes, int, int, float]], out: Path) -> None:
    """Write grayscale JPEG pages ``(jpeg, width_px, height_px, dpi)`` as an image-only PDF.

    A dozen-line writer instead of a library so that nothing time-dependent enters the file.
    """
    objects: list[bytes] = [b"", b""]
    kids: list[int] = []
    for jpeg, w, h, dpi in pages:
        pw, ph = w * 72 / dpi, h * 72 / dpi
        page_id = len(objects) + 1
        kids.append(page_id)
        content = f"q {pw:.3f} 0 0 {ph:.3f} 0 0 cm /Im0 Do Q".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.3f} {ph:.3f}] "
            f"/Resources << /XObject << /Im0 {page_id + 2} 0 R >> >> /Contents {page_id + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream" % (w, h, len(jpeg), jpeg)
        )
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join(f"{k} 0 R" for k in kids).encode(),
        len(kids),
    )
    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    out.write_bytes(bytes(data))


def _rasterise(pdf_path: Path, dpi: int, max_pages: int | None = None) -> Iterator[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        count = len(pdf) if max_pages is None else min(len(pdf), max_pages)
        for index in range(count):
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            yield bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
    finally:
        pdf.close()


def render_scan(
    pdf_path: Path,
    out: Path,
    *,
    dpi: int,
    seed: int,
    doc_id: str,
    max_pages: int | None = None,
    page1_png: Path | None = None,
) -> list[dict[str, object]]:
    """Rasterise ``pdf_path`` at ``dpi``, degrade every page, write the image PDF ``out``.

    Randomness comes only from (seed, doc_id, dpi), so equal arguments give identical bytes.
    """
    rng = _doc_rng(seed, doc_id, f"scan-{dpi}")
    pages: list[tuple[bytes, int, int, float]] = []
    params: list[dict[str, object]] = []
    for number, clean in enumerate(_rasterise(pdf_path, dpi, max_pages), 1):
        scanned = degrade_page(clean, rng, dpi)
        pages.append((scanned.jpeg, scanned.image.width, scanned.image.height, float(dpi)))
        params.append({"page": number, **scanned.params})
        if number == 1 and page1_png is not None:
            scanned.image.save(page1_png, format="PNG", compress_level=1)  # level 6 is 3x slower, 10% smaller
    write_image_pdf(pages, out)
    return params


# ---------------------------------------------------------------------------------------------------
# Corpus, long documents, command line
# ---------------------------------------------------------------------------------------------------

SCAN_DPIS = (300, 150)
PNG_DPI = 300


def render_document(
    src: Path,
    out_dir: Path,
    *,
    seed: int = 0,
    scan_dpis: Sequence[int] = SCAN_DPIS,
    only: Literal["pdf", "scan"] | None = None,
) -> dict[str, object]:
    """Render ``src`` (``<id>.txt``) into ``out_dir``; return the manifest also written there."""
    doc_id = src.stem
    pdf_path = out_dir / f"{doc_id}.pdf"
    manifest_path = out_dir / f"{doc_id}.render.json"
    manifest: dict[str, object] = {"source": src.name, "id": doc_id, "seed": seed}
    reuse_pdf = False
    if only == "scan" and pdf_path.exists() and manifest_path.exists():
        previous = json.loads(manifest_path.read_text(encoding="utf-8"))
        # The text PDF's style depends on the seed too: reuse it only when made with this seed.
        if previous.get("seed") == seed:
            manifest, reuse_pdf = previous, True
    if not reuse_pdf:
        text = src.read_text(encoding="utf-8")
        manifest.update(render_pdf(text, pdf_path, seed=seed, doc_id=doc_id))
    if only != "pdf":
        png = out_dir / f"{doc_id}-scan-p1.png"
        for dpi in scan_dpis:
            scan_path = out_dir / f"{doc_id}-scan-{dpi}.pdf"
            manifest[f"scan_{dpi}"] = render_scan(
                pdf_path,
                scan_path,
                dpi=dpi,
                seed=seed,
                doc_id=doc_id,
                page1_png=png if dpi == PNG_DPI else None,
            )
        if PNG_DPI not in scan_dpis:
            scratch = out_dir / f".{doc_id}-p1-{PNG_DPI}.pdf"
            render_scan(pdf_path, scratch, dpi=PNG_DPI, seed=seed, doc_id=doc_id, max_pages=1, page1_png=png)
            scratch.unlink()
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def default_corpus_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "corpus"


def corpus_texts(src_dir: Path) -> list[Path]:
    """The ``*.txt`` documents under ``src_dir``, rendered output folders excluded."""
    return sorted(p for p in src_dir.rglob("*.txt") if "rendered" not in p.relative_to(src_dir).parts)


def make_long_pdf(pages: int, out: Path, seed: int, src_dir: Path | None = None) -> dict[str, object]:
    """Build a text PDF of exactly ``pages`` pages by setting corpus texts one after another.

    Each text starts on a new page; texts are taken in a seeded shuffled order and reused as often as
    needed; page numbers run through the whole file. For speed benchmarks of the PDF path.
    """
    if pages < 1:
        raise ValueError("pages must be >= 1")
    texts = corpus_texts(src_dir or default_corpus_dir())
    if not texts:
        raise FileNotFoundError(f"no *.txt documents under {src_dir or default_corpus_dir()}")
    rng = _doc_rng(seed, "long", "order")
    style = choose_style(seed, "long")
    layouts = [parse_layout(p.read_text(encoding="utf-8")) for p in texts]
    canvas = _new_canvas(out, f"long-{pages}")
    ts = _Typesetter(canvas, style.font_size, style.leading, style.page_numbers, max_pages=pages)
    used: list[str] = []
    starts: list[int] = []
    try:
        while True:
            for index in rng.permutation(len(texts)):
                if used:
                    ts.new_page()
                used.append(texts[int(index)].stem)
                starts.append(ts.page)
                _set_document(ts, layouts[int(index)])
    except _PageLimit:
        pass
    canvas.showPage()
    canvas.save()
    return {
        "pages": ts.page,
        "documents": len(used),
        "starts": starts,
        "ids": used,
        "seed": seed,
        "font_size_pt": style.font_size,
    }


def render_corpus(
    src_dir: Path,
    out_dir: Path,
    *,
    seed: int = 0,
    scan_dpis: Sequence[int] = SCAN_DPIS,
    only: Literal["pdf", "scan"] | None = None,
) -> list[dict[str, object]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        render_document(src, out_dir, seed=seed, scan_dpis=scan_dpis, only=only)
        for src in sorted(src_dir.glob("*.txt"))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.render",
        description="Render each <id>.txt of SRC_DIR as a text PDF, scans and a manifest in OUT_DIR.",
    )
    parser.add_argument("src_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scan-dpi", type=int, nargs="+", default=list(SCAN_DPIS))
    parser.add_argument("--only", choices=("pdf", "scan"))
    parser.add_argument(
        "--long",
        type=int,
        nargs="*",
        metavar="PAGES",
        help="instead, build OUT_DIR/long-<PAGES>.pdf from the texts of SRC_DIR",
    )
    args = parser.parse_args(argv)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    if args.long is not None:
        for pages in args.long or [50, 500, 2000]:
            start = time.perf_counter()
            info = make_long_pdf(pages, args.out_dir / f"long-{pages}.pdf", args.seed, args.src_dir)
            print(f"long-{pages}.pdf: {info['documents']} texts, {time.perf_counter() - start:.1f} s")
        return 0

    sources = sorted(args.src_dir.glob("*.txt"))
    if not sources:
        print(f"no *.txt in {args.src_dir}", file=sys.stderr)
        return 1
    timings = {"pdf": 0.0, "scan": 0.0}
    for src in sources:
        start = time.perf_counter()
        if args.only != "scan":
            render_document(src, args.out_dir, seed=args.seed, scan_dpis=args.scan_dpi, only="pdf")
        mid = time.perf_counter()
        if args.only != "pdf":
            render_document(src, args.out_dir, seed=args.seed, scan_dpis=args.scan_dpi, only="scan")
        timings["pdf"] += mid - start
        timings["scan"] += time.perf_counter() - mid
    print(
        f"{len(sources)} documents -> {args.out_dir}: text PDFs {timings['pdf']:.1f} s, scans {timings['scan']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
