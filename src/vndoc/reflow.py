"""From pages of lines to the reflowed ``Document.text``, with an offset map back to the pages.

Two steps, both pure functions:

1. :func:`remove_page_furniture` drops page numbers ("2", "- 2 -", "Trang 2", "2/15") and running
   headers/footers (the same line at the top or bottom of many pages).
2. :func:`reflow` joins the lines of each paragraph, across page breaks too, and undoes end-of-line
   hyphenation. Every paragraph becomes one line of ``text``; each header line stays a line of its own.
   A table (``Page.tables``) goes where its top sits among the page's lines, each row one line of
   cells joined by tabs (:class:`TableText`), never joined with the paragraphs around it.
   Footnotes the reader took out of the pages come after everything else, one line each, written
   "<marker> <text>": the body reads on over the page breaks they interrupted, the extractors still see
   what the notes say, and header, sections and signature (which read the blocks) never meet them.

Whether a line continues the previous one is decided from layout where the reader gave geometry
(indentation, the previous line ending short of the right margin, vertical gaps, a change of font style,
centred lines) and from text alone otherwise: a line that starts in lower case, or a hard-wrapped text
file whose previous line ran to the usual width without ending a sentence. Markers of headings and list
items ("I.", "2.1.", "a)", "-", "+", "Điều 3.") always start a new paragraph.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace

from vndoc.layout import Layout, Line, Page, Table, merged_origin

_MARKER = re.compile(
    r"""^\s*(?:
        (?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|ĐIỀU|Điều)\s+[\dIVXLC]+\b   # PHẦN I, Chương 2, Điều 3
      | [IVXLC]{1,6}\s*[./\-–)]\s                                       # I.  II-  III/
      | \d{1,2}(?:\.\d{1,2}){0,3}\s*[./)]\s                             # 1.  2.1.  2.1)
      | \d{1,2}\.\d{1,2}(?:\.\d{1,2})*\s                                # 2.1 title
      | [a-zđ]\s*[).]\s                                                  # a)  b.
      | [-–—+•*▪●○◦]\s                                                   # bullets
      | \((?:\d{1,2}|[a-zđ])\)\s                                          # (1)  (a)
    )""",
    re.VERBOSE,
)
_PART_ORDINAL = re.compile(r"^(?:PHẦN|CHƯƠNG)\s+THỨ\s+[A-ZÀ-Ỹ]+\b[.:]?")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:trang|page)\s*)?\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
_CLOSES_PARENTHESIS = re.compile(r"^[\w.,/-]{1,12}\)")
_YEAR_AT_END = re.compile(r"\b(?:19|20)\d\d$")
_YEAR_RANGE_END = re.compile(r"^[-–—]\s*(?:19|20)\d\d\b(?!\s*[-–—/.]\s*\d)")
_TERMINAL = tuple(".!?:;…")
_SENTENCE_END = tuple(".!?…")


def starts_with_marker(text: str) -> bool:
    return bool(_MARKER.match(text))


def _starts_lower(text: str) -> bool:
    s = text.lstrip()
    return bool(s) and s[0].isalpha() and s[0].islower()


def in_capitals(text: str) -> bool:
    """Is ``text`` written in capitals (more than 80% of at least three letters)?"""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


# --------------------------------------------------------------------------- page furniture


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def remove_page_furniture(layout: Layout) -> Layout:
    """Drop page numbers and running headers/footers at the top and bottom of pages."""
    pages = layout.pages
    edge_counts: Counter[str] = Counter()
    for page in pages:
        for line in _edge_lines(page):
            edge_counts[_furniture_key(line.text)] += 1
    repeated = {key for key, n in edge_counts.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}

    cleaned = []
    for page in pages:
        edges = {id(line) for line in _edge_lines(page)}
        kept = tuple(
            line
            for line in page.lines
            if not (id(line) in edges and (_PAGE_NUMBER.match(line.text) or _furniture_key(line.text) in repeated))
        )
        cleaned.append(replace(page, lines=kept))
    return replace(layout, pages=tuple(cleaned))


def _edge_lines(page: Page) -> list[Line]:
    """The first two and last two lines of a page, when they sit in its top or bottom margin band."""
    lines = page.lines
    if not lines:
        return []
    candidates = [*lines[:2], *lines[-2:]] if len(lines) > 4 else list(lines)
    if page.height is None or lines[0].top is None:
        # text input: only the very first and last line can be furniture
        return [lines[0], lines[-1]] if len(lines) > 1 else [lines[0]]
    band = 0.12 * page.height
    return [
        ln
        for ln in candidates
        if ln.top is not None and ln.bottom is not None and (ln.top < band or ln.bottom > page.height - band)
    ]


# --------------------------------------------------------------------------- reflow


@dataclass(frozen=True)
class Block:
    """A paragraph or header line of the reflowed text: ``text[start:end]``."""

    start: int
    end: int
    page: int
    bold: bool = False
    italic: bool = False
    centered: bool = False
    column: str | None = None
    size: float | None = None
    x0: float | None = None


@dataclass(frozen=True)
class LinePosition:
    """Where a stretch of the reflowed text came from on its page."""

    start: int
    end: int
    page: int
    x0: float | None
    top: float | None
    x1: float | None
    bottom: float | None


@dataclass(frozen=True)
class TableText:
    """A table as it sits in the reflowed text: each row one line, its cells joined by a tab.

    A tab is what the PDF reader already puts between the cells of an unruled table row, so every
    extractor's rule that a tab ends a phrase applies to ruled tables too, and ``line.split("\t")``
    gives the cells back. A table continued over page breaks is one ``TableText``. Table rows are not
    ``blocks``: they are neither paragraphs nor header lines.
    """

    pages: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]
    """All rows, header rows first; "" for an empty cell or one covered by a merged cell."""
    header_rows: int
    merged: tuple[tuple[int, int, int, int], ...]
    """Merged cells as (row, column, rows spanned, columns spanned), rows counted as in ``rows``."""
    cells: tuple[tuple[tuple[int, int], ...], ...]
    """(start, end) in the text of each cell of each row."""

    def origin(self, row: int, column: int) -> tuple[int, int]:
        return merged_origin(self.merged, row, column)


@dataclass(frozen=True)
class NotePlace:
    """A footnote in the reflowed text: its text is ``text[start:end]`` (after "<marker> "), ``anchor``
    the (start, end) of the body word its marker followed."""

    marker: str
    page: int
    start: int
    end: int
    anchor: tuple[int, int] | None = None


@dataclass(frozen=True)
class Reflowed:
    text: str
    page_starts: tuple[int, ...]
    blocks: tuple[Block, ...]
    positions: tuple[LinePosition, ...]
    tables: tuple[TableText, ...] = ()
    notes: tuple[NotePlace, ...] = ()
    tail_pages: tuple[tuple[int, int], ...] = ()
    """(offset, page) for the footnotes after the body: from each offset on, the text is that page's."""

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def locate(self, offset: int) -> LinePosition | None:
        """The source line (page and box) holding the character at ``offset``."""
        starts = [p.start for p in self.positions]
        i = bisect.bisect_right(starts, offset) - 1
        return self.positions[i] if i >= 0 and offset < self.positions[i].end + 1 else None


@dataclass(frozen=True)
class _Geometry:
    left: float
    right: float
    center: float
    size: float
    leading: float


def _geometry(layout: Layout) -> _Geometry | None:
    lines = [ln for p in layout.pages for ln in p.lines if ln.x0 is not None and not ln.column]
    if len(lines) < 3:
        return None
    x0s = Counter(round(ln.x0 or 0) for ln in lines)
    common = [x for x, n in x0s.items() if n >= max(2, x0s.most_common(1)[0][1] // 3)]
    left = float(min(common or x0s))  # no left edge shared by two lines: the leftmost
    right = (
        float(statistics.quantiles([ln.x1 or 0 for ln in lines], n=10)[-1])
        if len(lines) > 10
        else float(max(ln.x1 or 0 for ln in lines))
    )
    size = float(statistics.median(ln.size or 12 for ln in lines))
    gaps = [
        (b.top or 0) - (a.top or 0)
        for p in layout.pages
        for a, b in zip(p.lines, p.lines[1:], strict=False)
        if a.top is not None and b.top is not None and 0 < (b.top or 0) - (a.top or 0) < 3 * size
    ]
    leading = float(statistics.median(gaps)) if gaps else 1.25 * size
    return _Geometry(left=left, right=right, center=(left + right) / 2, size=size, leading=leading)


def _is_centered(line: Line, geo: _Geometry) -> bool:
    if line.x0 is None or line.x1 is None:
        return False
    mid = (line.x0 + line.x1) / 2
    return (
        abs(mid - geo.center) < 2 * geo.size
        and line.x0 > geo.left + 2 * geo.size
        and line.x1 < geo.right - 2 * geo.size
    )


def _wrap_width(layout: Layout) -> float | None:
    """For text without geometry: the width hard-wrapped lines run to, or None if not hard-wrapped."""
    lengths = [len(ln.text) for p in layout.pages for ln in p.lines if ln.text.strip()]
    if len(lengths) < 8:
        return None
    width = statistics.quantiles(lengths, n=10)[-2]  # 80th percentile
    long_share = sum(1 for n in lengths if n >= 0.75 * width) / len(lengths)
    return float(width) if width <= 150 and long_share >= 0.4 else None


def _continues(
    prev: Line, line: Line, prev_centered: bool, centered: bool, geo: _Geometry | None, wrap: float | None
) -> bool:
    """Does ``line`` continue the paragraph that ``prev`` ends?"""
    text, ptext = line.text.strip(), prev.text.rstrip()
    if line.column or prev.column:
        # within one column of a two-column band, a line in lower case continues the one above
        # ("Thành phố Hồ Chí Minh," / "ngày 12 tháng 01 năm 2024")
        return (
            line.column == prev.column
            and _starts_lower(text)
            and not in_capitals(ptext)
            and not ptext.endswith(_SENTENCE_END)
        )
    if "\t" in line.text or "\t" in prev.text:
        return False
    if _YEAR_AT_END.search(ptext) and _YEAR_RANGE_END.match(text):
        return True  # "... NHIỆM KỲ 2025" / "- 2028:": a year range wrapped at its dash, not a bullet
    if _CLOSES_PARENTHESIS.match(text) and ptext.count("(") > ptext.count(")"):
        return True  # "Nghị quyết Trung ương 2 (khoá" / "VIII) về ...": the parenthesis closes, not a marker
    if starts_with_marker(text):
        return False
    if ptext.endswith("./.") or ptext.endswith("/."):
        return False
    lower = _starts_lower(text)
    if geo is not None and line.x0 is not None and prev.x0 is not None:
        if prev_centered or centered:
            if prev_centered and centered and _centred_heading_wraps(prev, line, geo):
                return True
            return lower and prev_centered == centered and prev.bold == line.bold and not in_capitals(ptext)
        if (line.size or 0) and abs((line.size or 0) - (prev.size or 0)) > 1.0 and not lower:
            return False
        if (line.bold != prev.bold) and not lower:
            return False
        indented = line.x0 > geo.left + 0.8 * geo.size
        if indented and not lower:
            return False
        full = (prev.x1 or 0) >= geo.right - 3.5 * geo.size
        if line.page != prev.page:
            return full or lower
        gap = (line.top or 0) - (prev.top or 0)
        if gap > 1.6 * geo.leading and not lower:
            return False
        return full or lower
    # text without geometry
    if prev_centered or centered:
        return lower and prev_centered == centered
    if line.blank_before:
        return (
            lower
            and not ptext.endswith(_SENTENCE_END)
            and not in_capitals(ptext)
            or (text.startswith("(") and not ptext.endswith(_TERMINAL) and not in_capitals(ptext))
        )
    if lower:
        return not ptext.endswith(":") and not in_capitals(ptext)  # "QUYẾT ĐỊNH" / "chuẩn y ..."
    if wrap is None:
        return text.startswith("(") and not ptext.endswith(_TERMINAL) and not in_capitals(ptext)
    long_prev = len(ptext) >= 0.75 * wrap
    if starts_with_marker(ptext) and in_capitals(ptext) and in_capitals(text):
        return not ptext.endswith(_TERMINAL)  # an upper-case heading wrapped onto a second line
    if starts_with_marker(ptext):
        return (
            long_prev
            and not ptext.endswith(_TERMINAL)
            and (in_capitals(ptext) == in_capitals(text) or text[:1].isdigit())
        )
    return long_prev and not ptext.endswith(_TERMINAL)


def _centred_heading_wraps(prev: Line, line: Line, geo: _Geometry) -> bool:
    """A numbered heading in capitals set centred over two lines ("PHẦN I. KẾT QUẢ PHONG TRÀO PHỤ NỮ" /
    "VÀ HOẠT ĐỘNG HỘI NHIỆM KỲ 2016 - 2021"): the second line has the same type and follows closely. A
    marker standing alone ("PHẦN THỨ NHẤT") is a heading of its own, with its title on the next line."""
    ptext, text = prev.text.strip(), line.text.strip()
    marker = _MARKER.match(ptext) or _PART_ORDINAL.match(ptext)
    if marker is None or not ptext[marker.end() :].strip() or starts_with_marker(text):
        return False
    return (
        in_capitals(ptext)
        and in_capitals(text)
        and prev.bold == line.bold
        and abs((prev.size or 0) - (line.size or 0)) <= 0.5
        and prev.page == line.page
        and 0 < (line.top or 0) - (prev.top or 0) <= 1.6 * geo.leading
        and not ptext.endswith(_TERMINAL)
    )


def _table_first(table: Table, line: Line | None) -> bool:
    """Does ``table`` come before ``line`` (None: the end of the page) in the page's flow?"""
    return line is None or (table.top is not None and line.top is not None and table.top <= line.top)


def reflow(layout: Layout) -> Reflowed:
    geo = _geometry(layout)
    wrap = None if geo else _wrap_width(layout)
    parts: list[str] = []
    length = 0
    page_starts: list[int] = []
    blocks: list[Block] = []
    positions: list[LinePosition] = []
    prev: Line | None = None
    prev_centered = False
    block_start = 0
    block_first: Line | None = None
    block_centered = False
    anchors: dict[tuple[Line, int], tuple[int, int]] = {}
    last_line = ("", 0)

    def close_block() -> None:
        if block_first is not None:
            blocks.append(
                Block(
                    start=block_start,
                    end=length,
                    page=block_first.page,
                    bold=block_first.bold,
                    italic=block_first.italic,
                    centered=block_centered,
                    column=block_first.column,
                    size=block_first.size,
                    x0=block_first.x0,
                )
            )

    tables: list[TableText] = []

    def add_table(table: Table) -> None:
        nonlocal length, prev, block_first
        close_block()
        block_first = None
        follows = table.continued and tables and tables[-1].pages[-1] == table.page - 1
        start = len(tables[-1].rows) if follows else 0
        rows: list[tuple[str, ...]] = []
        cells: list[tuple[tuple[int, int], ...]] = []
        for row in table.rows:
            if prev is not None or rows or start:
                parts.append("\n")
                length += 1
            rows.append(row)
            spans = []
            for i, cell in enumerate(row):
                spans.append((length, length + len(cell)))
                length += len(cell) + (1 if i + 1 < len(row) else 0)
            cells.append(tuple(spans))
            parts.append("\t".join(row))
            positions.append(
                LinePosition(
                    spans[0][0],
                    spans[-1][1],
                    table.page,
                    table.x_edges[0] if table.x_edges else None,
                    table.top,
                    table.x_edges[-1] if table.x_edges else None,
                    table.bottom,
                )
            )
            prev = Line(text="\t".join(row), page=table.page)
        merged = tuple((r + start, c, n_rows, n_columns) for r, c, n_rows, n_columns in table.merged)
        if start:
            last = tables.pop()
            tables.append(
                replace(
                    last,
                    pages=tuple(dict.fromkeys((*last.pages, table.page))),
                    rows=(*last.rows, *rows),
                    merged=(*last.merged, *merged),
                    cells=(*last.cells, *cells),
                )
            )
        else:
            tables.append(TableText((table.page,), tuple(rows), table.header_rows, merged, tuple(cells)))

    for page in layout.pages:
        page_start_recorded = False
        pending = sorted(page.tables, key=lambda t: t.top if t.top is not None else float("inf"))
        for line in (*page.lines, None):
            while pending and _table_first(pending[0], line):
                if not page_start_recorded:
                    while len(page_starts) < page.number:
                        page_starts.append(length + (1 if prev is not None else 0))
                    page_start_recorded = True
                add_table(pending.pop(0))
            if line is None:
                break
            text = " ".join(line.text.split()) if "\t" not in line.text else line.text.strip()
            if not text:
                continue
            centered = line.centered or (geo is not None and _is_centered(line, geo))
            if prev is not None and _continues(prev, line, prev_centered, centered, geo, wrap):
                ptext = parts[-1]
                if ptext.endswith("-") and len(ptext) > 1 and ptext[-2].isalpha():
                    if _starts_lower(text):
                        parts[-1] = ptext[:-1]
                        length -= 1
                        anchors = {key: (a, min(b, length)) for key, (a, b) in anchors.items()}
                    sep = ""
                else:
                    sep = " "
            else:
                if prev is not None:
                    close_block()
                    sep = "\n"
                else:
                    sep = ""
                block_first = line
                block_centered = centered
            parts.append(sep)
            length += len(sep)
            if sep == "\n" or prev is None:
                block_start = length
            if not page_start_recorded:
                while len(page_starts) < page.number:
                    page_starts.append(length)
                page_start_recorded = True
            positions.append(
                LinePosition(
                    start=length,
                    end=length + len(text),
                    page=page.number,
                    x0=line.x0,
                    top=line.top,
                    x1=line.x1,
                    bottom=line.bottom,
                )
            )
            for index, _marker in line.notes:  # where the words the note markers followed are
                if index >= 0:
                    words = _words(text, length)[index : index + 1]
                else:  # a marker opening the line follows the last word of the paragraph it continues
                    words = _words(*last_line)[-1:] if sep == " " else []
                if words:
                    anchors[(line, index)] = words[0]
            last_line = (text, length)
            parts.append(text)
            length += len(text)
            prev = line
            prev_centered = centered
        while len(page_starts) < page.number:
            page_starts.append(length)
    close_block()
    notes: list[NotePlace] = []
    tail_pages: list[tuple[int, int]] = []
    for page in layout.pages:
        for note in page.footnotes:
            body = " ".join(note.text.split())
            if length:
                parts.append("\n")
                length += 1
            tail_pages.append((length, note.page))
            head = f"{note.marker} "
            start = length + len(head)
            anchor = anchors.get(note.anchor) if note.anchor is not None else None
            notes.append(NotePlace(note.marker, note.page, start, start + len(body), anchor))
            positions.append(LinePosition(length, start + len(body), note.page, None, None, None, None))
            parts.append(head + body)
            length = start + len(body)
    text = "".join(parts)
    assert len(text) == length
    return Reflowed(
        text=text,
        page_starts=tuple(page_starts) or (0,),
        blocks=tuple(blocks),
        positions=tuple(positions),
        tables=tuple(tables),
        notes=tuple(notes),
        tail_pages=tuple(tail_pages),
    )


_WORD = re.compile(r"\S+")
_WORD_EDGE = "\"'“”‘’«»()[]{}.,;:!?…"


def _words(text: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) in the whole text of each whitespace-separated word of ``text`` (which starts at
    ``offset``), quotes and punctuation around it left out."""
    out = []
    for m in _WORD.finditer(text):
        core = m.group().strip(_WORD_EDGE) or m.group()
        start = offset + m.start() + m.group().index(core)
        out.append((start, start + len(core)))
    return out
