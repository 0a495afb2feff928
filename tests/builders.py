"""Builders for the small PDFs and DOCX files the tests make themselves.

A PDF is described line by line: (page, x, y-from-top, text, style, size), so a test states exactly
the layout it exercises (two-column header band, centred title, indented paragraphs, page numbers);
:func:`raised_marks` sets footnote references ("sao{15}.") small and raised inside such a line.
"""

from __future__ import annotations

import io
import re
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


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for style in FONT_FILES:
        name = f"VnSerif-{style.capitalize()}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(_font_path(style))))


def build_pdf(
    lines: list[PdfLine], *, encrypt: object = None, rules: tuple[tuple[int, float, float, float], ...] = ()
) -> bytes:
    """The PDF of ``lines``; ``rules`` are thin horizontal lines (page, x0, x1, y-from-top), such as the
    short rule above footnotes."""
    from reportlab.pdfgen import canvas

    _register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=True)
    pages = max(line.page for line in lines)
    for page in range(1, pages + 1):
        for _, x0, x1, y in (r for r in rules if r[0] == page):
            c.setLineWidth(0.6)
            c.line(x0, A4[1] - y, x1, A4[1] - y)
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
