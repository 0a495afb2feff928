"""Bound volumes: one PDF that holds several documents one after another, split into its documents.

Congress dossiers are often published as one file: the programme, the political report, the review
report, the draft resolution, each starting on a new page with its own header block. A document of the
genre opens the way Nghị định 30/2020/NĐ-CP and the Party's Hướng dẫn 36-HD/VPTW lay it out, so a page
whose top carries such an opening starts a new part:

* the national or Party motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"), a
  "Số: ..." line or a place-and-date line among the page's first lines, before any body paragraph; or
* a document kind in capitals as the page's first line, with the title's capitals under it ("DIỄN VĂN
  KHAI MẠC" / "ĐẠI HỘI ĐẠI BIỂU ..."), as speeches and programmes open; or
* an *issuer block*: the page's first line names a body in capitals ("HỘI SINH VIÊN VIỆT NAM ...",
  "ĐẠI HỘI ĐẠI BIỂU ...", "TỈNH ỦY ...") and, after at least two lines of capitals, a rule line
  ("_____", "-----", "*") closes it — the decoration the formats put under the issuer or the title.

A page that begins with a section heading ("I.", "PHẦN THỨ HAI") or a paragraph is never a start, and an
appendix ("PHỤ LỤC ...") stays with the document it is attached to. Pages before the first start belong to
the first part (a cover, a table of contents); a later part with almost no text (a blank or ruled page)
stays with the part before it.

Only layout is read here (:class:`vndoc.layout.Layout` in, page ranges out): every part then goes through
the same pipeline as a whole file, keeping the file's own page numbers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from vndoc.header import MOTTO_SECOND_LINE, NATION_MOTTO, document_kind
from vndoc.layout import Layout, Page
from vndoc.normalize import match_key
from vndoc.reflow import in_capitals, starts_with_marker
from vndoc.tables import load_table

_MOTTO = re.compile(rf"(?:^|\s)(?:{NATION_MOTTO})\b|^{MOTTO_SECOND_LINE}\b")
"""Case as written: the motto in capitals anywhere in a line (a two-column row), or its second line."""
_NUMBER_LINE = re.compile(r"^Số\s*:\s*\S*\d", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[^\d,;:()]{2,60},\s*ngày\b.{0,30}\bnăm\s+(?:19|20)\d\d\b", re.IGNORECASE)
_RULE = re.compile(r"^[\s*_\-–—=~.•·]+$")
_APPENDIX = re.compile(r"^PHỤ\s+LỤC\b", re.IGNORECASE)
_CONGRESS = ("đại hội",)  # the congress itself issues its documents ("ĐẠI HỘI ĐẠI BIỂU ... LẦN THỨ XII")
_HEAD_LINES = 14
"""How many lines from the top of a page may belong to an opening header block."""
_MIN_PART_LETTERS = 200
"""A later part with fewer letters than this (a blank or ruled page) stays with the part before it."""


@dataclass(frozen=True)
class PagePart:
    """Pages ``first``..``last`` (1-based, inclusive) of a file form one document."""

    first: int
    last: int
    reason: str
    """Why the part starts where it does: "start" (the file's first page), "motto", "number line",
    "place and date" or "issuer block"."""


@functools.cache
def _issuer_heads() -> tuple[str, ...]:
    heads = {match_key(row["head"]) for row in load_table("organization_heads") if row["kind"] != "-"}
    return tuple(sorted(heads | set(_CONGRESS), key=len, reverse=True))


def _names_a_body(text: str) -> bool:
    key = match_key(text)
    return any(key == head or key.startswith(head + " ") for head in _issuer_heads())


def opening_reason(page: Page) -> str | None:
    """Why ``page`` starts a new document, or ``None`` when it continues the one before."""
    lines = [line for line in page.lines if line.text.strip()][:_HEAD_LINES]
    if not lines:
        return None
    first = " ".join(lines[0].text.split())
    if starts_with_marker(first) or _APPENDIX.match(first):
        return None
    if not (in_capitals(first) or _MOTTO.search(first)):
        return None
    if document_kind(first) and len(lines) > 1 and in_capitals(lines[1].text) and not starts_with_marker(lines[1].text):
        return "kind line"  # "DIỄN VĂN KHAI MẠC" / "ĐẠI HỘI ĐẠI BIỂU ...": a title block with no issuer above it
    capitals = 0
    in_parentheses = False
    for line in lines:
        text = " ".join(line.text.split())
        if _MOTTO.search(text):
            return "motto"
        if _NUMBER_LINE.match(text):
            return "number line"
        if _PLACE_DATE.match(text):
            return "place and date"
        if _RULE.match(text):
            if capitals >= 2 and _names_a_body(first):
                return "issuer block"
            continue
        if in_parentheses or text.startswith("("):
            in_parentheses = not text.rstrip(".").endswith(")")
            continue
        if in_capitals(text) and not starts_with_marker(text):
            capitals += 1
            continue
        return None  # a body paragraph or a heading came first
    return None


def _letters(pages: tuple[Page, ...]) -> int:
    lines = sum(sum(c.isalpha() for c in line.text) for page in pages for line in page.lines)
    cells = sum(
        sum(c.isalpha() for c in cell) for page in pages for table in page.tables for row in table.rows for cell in row
    )
    return lines + cells


def split_volume(layout: Layout) -> tuple[PagePart, ...]:
    """The documents a file holds, as page ranges covering all its pages in order."""
    pages = layout.pages
    if not pages:
        return ()
    starts: list[tuple[int, str]] = [(0, "start")]
    for i, page in enumerate(pages[1:], start=1):
        reason = opening_reason(page)
        if reason:
            starts.append((i, reason))
    # a part with almost no text (a blank or ruled page, a stray sheet) joins the part before it;
    # a thin first part is the volume's cover and stays a part of its own
    kept: list[tuple[int, str]] = []
    for k, (i, reason) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(pages)
        if kept and _letters(pages[i:end]) < _MIN_PART_LETTERS:
            continue
        kept.append((i, reason))
    return tuple(
        PagePart(
            first=pages[i].number,
            last=pages[kept[k + 1][0] - 1].number if k + 1 < len(kept) else pages[-1].number,
            reason=reason,
        )
        for k, (i, reason) in enumerate(kept)
    )


def part_layout(layout: Layout, part: PagePart) -> Layout:
    """The pages of ``part``, keeping their numbers in the file."""
    return replace(layout, pages=tuple(p for p in layout.pages if part.first <= p.number <= part.last))
