"""Word .docx through python-docx: paragraphs and table rows in document order.

Bold/italic come from the runs (a paragraph is bold when most of its characters are), centring from
the paragraph alignment. Table rows become one line with cells separated by tabs, so counts and
names in member tables keep their row.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from vndoc.errors import CorruptDocumentError
from vndoc.layout import Layout, Line, Page
from vndoc.normalize import clean_chars


def read_docx(source: Path | bytes, *, name: str | None = None) -> Layout:
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: DocxDocument = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    except Exception as exc:  # zipfile.BadZipFile, KeyError for missing parts, lxml errors
        raise CorruptDocumentError(
            f"not a readable .docx file ({type(exc).__name__}: {exc})", path=name, stage="read"
        ) from exc

    lines: list[Line] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            line = _paragraph_line(item)
            if line is not None:
                lines.append(line)
        elif isinstance(item, Table) and _is_layout_table(item):
            # the two-column header (issuer | motto) or signature (recipients | signer) drawn as a table
            columns = max(len(row.cells) for row in item.rows)
            for index in range(columns):
                side = "left" if index == 0 else "right"
                for row in item.rows:
                    if index < len(row.cells):
                        for paragraph in row.cells[index].paragraphs:
                            line = _paragraph_line(paragraph)
                            if line is not None:
                                lines.append(replace(line, column=side))
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(clean_chars(cell.text).split())
                    if not cells or value != cells[-1]:  # merged cells repeat their text
                        cells.append(value)
                if any(cells):
                    lines.append(Line(text="\t".join(cells), page=1))
    return Layout(
        pages=(Page(number=1, lines=tuple(lines)),),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


_LAYOUT_CUES = re.compile(
    r"CỘNG\s+HÒA|CỘNG\s+HOÀ|ĐẢNG\s+CỘNG\s+SẢN|Độc\s+lập|^Số\b|Nơi\s+nhận|^(?:TM|T/M|KT|K/T|TL|T/L)[./ ]",
    re.IGNORECASE | re.MULTILINE,
)


def _is_layout_table(table: object) -> bool:
    """A small table of two or three columns holding a header or signature block, not data."""
    rows = table.rows  # type: ignore[attr-defined]
    if not 1 <= len(rows) <= 4 or not all(2 <= len(r.cells) <= 3 for r in rows):
        return False
    return any(_LAYOUT_CUES.search(cell.text) for r in rows for cell in r.cells)


def _paragraph_line(paragraph: object) -> Line | None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    text = " ".join(clean_chars(paragraph.text).split())  # type: ignore[attr-defined]
    if not text:
        return None
    runs = [r for r in paragraph.runs if r.text.strip()]  # type: ignore[attr-defined]
    total = sum(len(r.text) for r in runs) or 1
    bold = sum(len(r.text) for r in runs if r.bold) / total > 0.6
    italic = sum(len(r.text) for r in runs if r.italic) / total > 0.6
    centered = paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    return Line(text=text, page=1, bold=bold, italic=italic, centered=centered)
