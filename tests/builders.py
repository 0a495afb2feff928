"""Builders for the small PDFs and DOCX files the tests make themselves.

A PDF is described line by line: (page, x, y-from-top, text, style, size), so a test states exactly
the layout it exercises (two-column header band, centred title, indented paragraphs, page numbers);
:func:`raised_marks` sets footnote references ("sao{15}.") small and raised inside such a line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
FONT_FILES = {
    "regular": ("DejaVuSerif.ttf", "LiberationSerif-Regular.ttf"),
    "bold": ("DejaVuSerif-Bold.ttf", "LiberationSerif-Bold.ttf"),
    "italic": ("DejaVuSerif-Italic.ttf", "LiberationSerif-Italic.ttf"),
}
A4 = (595.28, 841.89)


def _font_path(style: str) -> Path:
    for directory in FONT_DIRS:
        for name in FONT_FILES[style]:
            if (directory / name).exists():
                return directory / name
    raise FileNotFoundError(f"no serif TTF with Vietnamese glyphs for style {style!r}; install fonts-dejavu-core")


@dataclass(frozen=True)
class PdfLine:
    page: int
    x: float
    y: float
    text: str
    style: str = "regular"
    size: float = 13
    align: str = "left"  # left: x is the left edge; center: x is the centre; right: x is the right edge


@dataclass(frozen=True)
class PdfRule:
    """A straight rule from (x0, y0) to (x1, y1), y from the top of the page. ``box`` draws it as a thin
    filled box (how word processors draw table borders) instead of a stroked line."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    box: bool = False


@dataclass(frozen=True)
class PdfBox:
    """A filled rectangle (a background), y from the top of the page."""

    page: int
    x: float
    y: float
    width: float
    height: float
    gray: float = 1.0


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for style in FONT_FILES:
        name = f"VnSerif-{style.capitalize()}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(_font_path(style))))


def build_pdf(
    lines: list[PdfLine],
    *,
    encrypt: object = None,
    rules: Sequence[PdfRule | tuple[int, float, float, float]] = (),
    boxes: Sequence[PdfBox] = (),
) -> bytes:
    """The PDF of ``lines``, over filled ``boxes`` and ruling lines: a :class:`PdfRule`, or (page, x0, x1,
    y-from-top) for a thin horizontal line such as the short rule above footnotes."""
    from reportlab.pdfgen import canvas

    _register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=True)
    pages = max(line.page for line in lines)
    for page in range(1, pages + 1):
        for box in (b for b in boxes if b.page == page):
            c.setFillGray(box.gray)
            c.rect(box.x, A4[1] - box.y - box.height, box.width, box.height, stroke=0, fill=1)
        c.setFillGray(0)
        for rule in rules:
            if isinstance(rule, tuple):
                if rule[0] == page:
                    _, x0, x1, y = rule
                    c.setLineWidth(0.6)
                    c.line(x0, A4[1] - y, x1, A4[1] - y)
                continue
            if rule.page != page:
                continue
            if rule.box:
                x, y = min(rule.x0, rule.x1) - 0.25, A4[1] - max(rule.y0, rule.y1) - 0.25
                c.rect(x, y, abs(rule.x1 - rule.x0) + 0.5, abs(rule.y1 - rule.y0) + 0.5, stroke=0, fill=1)
            else:
                c.setLineWidth(0.5)
                c.line(rule.x0, A4[1] - rule.y0, rule.x1, A4[1] - rule.y1)
        for line in (ln for ln in lines if ln.page == page):
            c.setFont(f"VnSerif-{line.style.capitalize()}", line.size)
            y = A4[1] - line.y
            if line.align == "center":
                c.drawCentredString(line.x, y, line.text)
            elif line.align == "right":
                c.drawRightString(line.x, y, line.text)
            else:
                c.drawString(line.x, y, line.text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def paragraph_lines(
    page: int,
    y: float,
    words: str,
    *,
    left: float = 85,
    right: float = 553,
    size: float = 13,
    indent: float = 28,
    leading: float = 18,
) -> tuple[list[PdfLine], float]:
    """Wrap ``words`` into lines between the margins (first line indented); returns lines and next y."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_fonts()
    out: list[PdfLine] = []
    current: list[str] = []
    x0 = left + indent
    for word in words.split():
        trial = " ".join([*current, word])
        if current and stringWidth(trial, "VnSerif-Regular", size) > right - x0:
            out.append(PdfLine(page, x0, y, " ".join(current), size=size))
            y += leading
            current, x0 = [word], left
        else:
            current.append(word)
    if current:
        out.append(PdfLine(page, x0, y, " ".join(current), size=size))
        y += leading
    return out, y


_NOTE_MARK = re.compile(r"\{([^{}]*)\}")


def raised_marks(line: PdfLine, *, ratio: float = 0.62, rise: float = 0.35) -> list[PdfLine]:
    """``line`` drawn piece by piece with each "{3}" of its text set as a footnote reference is: smaller
    (``ratio`` of the size) and raised (by ``rise`` of the size) right where it stands in the text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if "{" not in line.text:
        return [line]
    if line.align != "left":
        raise ValueError("raised note marks are placed on left-aligned lines only")
    _register_fonts()
    font = f"VnSerif-{line.style.capitalize()}"
    out: list[PdfLine] = []
    x, pos = line.x, 0
    for m in _NOTE_MARK.finditer(line.text):
        before = line.text[pos : m.start()]
        if before:
            out.append(replace(line, x=x, text=before))
            x += stringWidth(before, font, line.size)
        small = round(line.size * ratio, 1)
        out.append(replace(line, x=x, y=line.y - rise * line.size, text=m[1], size=small))
        x += stringWidth(m[1], font, small)
        pos = m.end()
    if line.text[pos:]:
        out.append(replace(line, x=x, text=line.text[pos:]))
    return out


def build_docx(paragraphs: list[tuple[str, str]], header_table: tuple[list[str], list[str]] | None = None) -> bytes:
    """A .docx: an optional two-column header table, then (style, text) paragraphs.

    style is "p", "bold", "center" or "center-bold".
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    if header_table is not None:
        left, right = header_table
        table = document.add_table(rows=1, cols=2)
        for cell, texts in zip(table.rows[0].cells, (left, right), strict=True):
            cell.paragraphs[0].add_run(texts[0])
            for text in texts[1:]:
                cell.add_paragraph(text)
    for style, text in paragraphs:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = "bold" in style
        if style.startswith("center"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def ruled_table(
    page: int,
    top: float,
    x_edges: list[float],
    rows: list[list[str]],
    *,
    merged: tuple[tuple[int, int, int, int], ...] = (),
    header_rows: int = 1,
    size: float = 11,
    leading: float = 14,
    box: bool = False,
    open_top: bool = False,
) -> tuple[list[PdfLine], list[PdfRule], float]:
    """A ruled table: lines of its cells, its rules and the y of its bottom rule.

    ``rows`` hold one text per column; a cell's lines are separated by "\n"; header rows are bold.
    ``merged`` cells (row, column, rows spanned, columns spanned) have their text at their top-left
    position and no inner rules. ``open_top`` leaves out the top rule (a table running on from the
    previous page).
    """
    inner_h: set[tuple[int, int]] = set()  # (row boundary, column) with no horizontal rule
    inner_v: set[tuple[int, int]] = set()  # (column boundary, row) with no vertical rule
    for r, c, n_rows, n_columns in merged:
        for rr in range(r + 1, r + n_rows):
            for cc in range(c, c + n_columns):
                inner_h.add((rr, cc))
        for cc in range(c + 1, c + n_columns):
            for rr in range(r, r + n_rows):
                inner_v.add((cc, rr))
    heights = [leading * max(len(cell.split("\n")) for cell in row) + 6 for row in rows]
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    lines: list[PdfLine] = []
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            for k, text in enumerate(cell.split("\n") if cell else []):
                style = "bold" if r < header_rows else "regular"
                lines.append(PdfLine(page, x_edges[c] + 3, ys[r] + leading * (k + 1) - 1, text, style, size))
    rules: list[PdfRule] = []
    for r, y in enumerate(ys):
        if r == 0 and open_top:
            continue
        for c in range(len(x_edges) - 1):
            if (r, c) not in inner_h:
                rules.append(PdfRule(page, x_edges[c], y, x_edges[c + 1], y, box))
    for c, x in enumerate(x_edges):
        for r in range(len(rows)):
            if (c, r) not in inner_v:
                rules.append(PdfRule(page, x, ys[r], x, ys[r + 1], box))
    return lines, rules, ys[-1]
