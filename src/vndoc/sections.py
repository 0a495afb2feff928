"""The section tree: "PHẦN I", "Chương II", "I.", "1.", "2.1.", "a)", "Điều 3.".

A block of the body is a heading when it starts with a numbering marker *and* reads like a heading:
short, or bold, not ending like a list item (";", ","), not a person in a member list ("1. Ông
Nguyễn Văn A ..."). Numbering must also be plausible: an Arabic or Roman number continues its siblings
(n + 1) or starts a new run at 1 — a stray "5." in a paragraph list does not open a section.

Levels come from the kind of marker, ranked part > chapter > Roman > Arabic > decimal (by depth) >
letter, and each heading becomes the child of the nearest open heading of a higher rank, so a document
that skips a level (Arabic headings directly under the title) still gets a sound tree. Bullets ("-",
"+") are paragraph items, never sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vndoc.models import Section
from vndoc.paged_text import PagedText
from vndoc.reflow import Reflowed

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_HONORIFIC_START = re.compile(r"^(?:ông|bà|anh|chị|đồng\s+chí|đ/c|đ\.c|cô|thầy)\b", re.IGNORECASE)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "part",
        re.compile(
            r"^(?P<label>PHẦN|Phần)\s+(?P<num>(?:THỨ|Thứ|thứ)\s+\w+|[IVXLC]+|\d+)\b\s*[.:\-–]?\s*(?P<title>.*)$"
        ),
    ),
    ("chapter", re.compile(r"^(?P<label>CHƯƠNG|Chương)\s+(?P<num>[IVXLC]+|\d+)\b\s*[.:\-–]?\s*(?P<title>.*)$")),
    ("article", re.compile(r"^(?P<label>Điều|ĐIỀU)\s+(?P<num>\d+)\s*[.:]?\s*(?P<title>.*)$")),
    ("alpha", re.compile(r"^(?P<num>[A-DĐE])\s*[./)]\s+(?P<title>[^a-zà-ỹđ\s].*)$")),
    ("roman", re.compile(r"^(?P<num>[IVXLC]{1,6})\s*[./\-–)]\s*(?P<title>\S.*)$")),
    ("decimal", re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\s*[.)]?\s+(?P<title>\S.*)$")),
    ("arabic", re.compile(r"^(?P<num>\d{1,2})\s*[./)]\s*(?P<title>[^\d\s].*)$")),
    ("letter", re.compile(r"^(?P<num>[a-zđ])\s*\)\s*(?P<title>\S.*)$")),
)
_ORDINAL_WORDS = {
    "nhất": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_RANK = {"part": 1, "alpha": 2, "chapter": 2, "article": 3, "roman": 3, "arabic": 4, "decimal": 5, "letter": 8}


def roman_value(text: str) -> int | None:
    total = 0
    values = [_ROMAN_VALUES.get(c) for c in text.upper()]
    if not values or None in values:
        return None
    ints = [v for v in values if v is not None]
    for v, nxt in zip(ints, [*ints[1:], 0], strict=True):
        total += -v if v < nxt else v
    return total


@dataclass
class _Open:
    kind: str
    rank: int
    number: str
    value: int | None
    title: str
    page: int
    start: int
    end: int
    children: list[_Open] = field(default_factory=list)
    last_child_value: dict[str, int] = field(default_factory=dict)


def _heading_title(text: str) -> str:
    """The heading's title: the marker's text up to its first sentence end."""
    text = text.strip()
    m = re.search(r"[.!?](?=\s+[A-ZĐÀ-Ỹ])", text)
    if m:
        text = text[: m.start()]
    return text.rstrip(" .:;")


def _looks_like_heading(kind: str, title: str, bold: bool, has_geometry: bool) -> bool:
    if kind == "article":
        return not title.endswith((";", ","))
    if kind == "alpha":  # "A. KẾT QUẢ HOẠT ĐỘNG": a part of the document, written in capitals
        letters = [c for c in title if c.isalpha()]
        return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8
    if not title or title.endswith((";", ",")) or _HONORIFIC_START.match(title):
        return False
    if kind in ("part", "chapter"):
        return True
    if re.search(r":\s*\d", title):
        return False  # a data row: "1. Lê Thị Bình: 129 phiếu, đạt 100%"
    if has_geometry and bold:
        return True
    letters = [c for c in title if c.isalpha()]
    if len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return len(title) <= 400  # an upper-case heading, however long
    if kind == "roman":
        return True  # Roman numbering is kept for headings; its sequence is checked by the caller
    first_sentence = _heading_title(title)
    limit = 260 if kind == "roman" else 200
    if kind == "letter":
        limit = 120
    return len(first_sentence) <= limit and (len(title) <= limit + 40 or first_sentence != title.rstrip("."))


def _marker(kind: str, number: str) -> int | None:
    if kind in ("part", "chapter"):
        word = number.split()[-1].lower()
        if word.isdigit():
            return int(word)
        return _ORDINAL_WORDS.get(word) or roman_value(word.upper())
    if kind == "roman":
        return roman_value(number)
    if kind in ("arabic", "article"):
        return int(number)
    if kind == "letter":
        return ord(number) - ord("a") + 1 if number != "đ" else 5
    return None


def find_sections(
    doc: Reflowed, paged: PagedText, *, body_start: int = 0, body_end: int | None = None
) -> list[Section]:
    end_limit = len(doc.text) if body_end is None else body_end
    has_geometry = any(b.x0 is not None for b in doc.blocks)
    root = _Open(kind="root", rank=0, number="", value=None, title="", page=1, start=0, end=0)
    stack: list[_Open] = [root]
    blocks = doc.blocks
    title_blocks: set[int] = set()
    for index, block in enumerate(blocks):
        if block.start < body_start or block.start >= end_limit or index in title_blocks:
            continue
        found = match_marker(doc.block_text(block).strip())
        if found is None:
            continue
        kind, m = found
        number = m["num"].strip()
        raw_title = m["title"].strip()
        if kind in ("part", "chapter", "article"):
            number = f"{m['label']} {' '.join(number.split())}"  # as written: "PHẦN THỨ NHẤT", "Điều 3"
            nxt = doc.block_text(blocks[index + 1]).strip() if index + 1 < len(blocks) else ""
            if not raw_title and kind != "article" and nxt and len(nxt) <= 200 and not match_marker(nxt):
                raw_title = nxt  # the title on the line below the marker
                title_blocks.add(index + 1)
        if not _looks_like_heading(kind, raw_title, block.bold, has_geometry):
            continue
        rank = _RANK[kind] + (number.count(".") - 1 if kind == "decimal" else 0)
        value = _marker(kind, m["num"].strip())
        # close headings of the same or lower rank
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        parent = stack[-1]
        if kind == "decimal":
            prefix = number.rsplit(".", 1)[0]
            if parent.kind in ("arabic", "decimal") and parent.number != prefix:
                continue
        if value is not None:
            previous = parent.last_child_value.get(kind)
            if previous is None and value != 1 and kind in ("letter",):
                continue
            if previous is not None and value != previous + 1:
                continue
            parent.last_child_value[kind] = value
        node = _Open(
            kind=kind,
            rank=rank,
            number=number,
            value=value,
            title=_heading_title(raw_title),
            page=block.page,
            start=block.start,
            end=block.end,
        )
        parent.children.append(node)
        stack.append(node)
    return [_freeze(child, 1, paged) for child in root.children]


def match_marker(text: str) -> tuple[str, re.Match[str]] | None:
    """The kind of heading marker ``text`` starts with, and the match (groups ``num`` and ``title``)."""
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            return kind, m
    return None


def _freeze(node: _Open, level: int, paged: PagedText) -> Section:
    return Section(
        number=node.number,
        title=node.title,
        level=level,
        page=node.page,
        kind=node.kind,
        children=[_freeze(c, level + 1, paged) for c in node.children],
        mentions=[paged.span(node.start, node.end)],
    )
