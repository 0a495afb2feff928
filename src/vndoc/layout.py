"""The common output of every reader: pages of lines with their layout.

Readers (PDF, DOCX, text, later OCR) all produce a :class:`Layout`; everything downstream (reflow,
header, sections, extractors) reads only this. These are plain frozen dataclasses rather than pydantic
models: a 500-page document holds tens of thousands of lines and validation would cost more than the
reading itself; they never leave the library.

Coordinates are PDF points with the origin at the top-left of the page (pdfplumber's convention).
Text-only inputs have no geometry: their ``x0``/``top`` ... are ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    text: str
    page: int
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    bottom: float | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    column: str | None = None
    """"left"/"right" for lines of a two-column header band, else None."""
    centered: bool = False
    """Inputs without geometry that still know alignment (DOCX): the line is centred."""
    blank_before: bool = False
    """Text inputs: an empty line preceded this one."""
    notes: tuple[tuple[int, str], ...] = ()
    """Raised note markers taken out of ``text``: (index of the whitespace-separated word of ``text`` the
    marker followed, -1 when it opened the line; the marker)."""

    @property
    def has_geometry(self) -> bool:
        return self.x0 is not None


@dataclass(frozen=True)
class Table:
    """A ruled table of a page: the text of its cells, row by row from the top, header rows first.

    Tables are kept beside the page's lines rather than as lines of their own: a cell grid with merged
    cells and header rows does not fit a ``Line``, and readers that find no tables (text, DOCX, OCR)
    need not know about them. Reflow puts each table in the page's flow by its ``top``.

    A merged cell holds its text at its top-left grid position and "" at the positions it covers;
    ``merged`` lists such cells as (row, column, rows spanned, columns spanned). A table that goes on
    from the last table of the previous page is ``continued``; its repeated header rows are dropped.
    """

    page: int
    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 0
    merged: tuple[tuple[int, int, int, int], ...] = ()
    x_edges: tuple[float, ...] = ()
    """Column boundaries, left to right (one more than there are columns); empty without geometry."""
    y_edges: tuple[float, ...] = ()
    """Row boundaries, top to bottom (one more than there are rows); empty without geometry."""
    continued: bool = False

    @property
    def top(self) -> float | None:
        return self.y_edges[0] if self.y_edges else None

    @property
    def bottom(self) -> float | None:
        return self.y_edges[-1] if self.y_edges else None

    def origin(self, row: int, column: int) -> tuple[int, int]:
        """The grid position holding the text of the cell that covers (row, column)."""
        return merged_origin(self.merged, row, column)


def merged_origin(merged: tuple[tuple[int, int, int, int], ...], row: int, column: int) -> tuple[int, int]:
    """The top-left position of the merged cell covering (row, column), or (row, column) itself."""
    for r, c, rows, columns in merged:
        if r <= row < r + rows and c <= column < c + columns:
            return r, c
    return row, column


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None
    ocr: bool = False
    ocr_confidence: float | None = None
    """OCR'd pages: Tesseract's mean word confidence (0-100, weighted by word length)."""
    tables: tuple[Table, ...] = ()
    """Ruled tables (text PDFs); their words are not among ``lines``."""
    footnotes: tuple[FootnoteText, ...] = ()
    """Footnotes that start on this page, taken out of ``lines`` (one continued on the next page is whole
    here)."""


@dataclass(frozen=True)
class FootnoteText:
    """A footnote read from the foot of a page, its lines joined."""

    marker: str
    text: str
    page: int
    anchor: tuple[Line, int] | None = None
    """The body line holding the note's marker and the index of the word the marker followed there (as in
    :attr:`Line.notes`)."""


@dataclass(frozen=True)
class Layout:
    pages: tuple[Page, ...]
    media_type: str
    text_encoding: str = "unicode"
    warnings: tuple[str, ...] = field(default=())

    @property
    def has_geometry(self) -> bool:
        return any(line.has_geometry for page in self.pages for line in page.lines)
