"""Text PDFs: pdfplumber opens the file, pdfminer's layout objects give each character with its font.

Characters are grouped into words (split at spaces, gaps and font changes), words into visual lines by
their vertical position, and a visual line into *segments* wherever a wide horizontal gap separates two
runs of words. That is what keeps the two columns of an official header apart: "UBND TỈNH HÀ TĨNH" on the
left and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on the right are one visual line but two segments. A run
of such split lines (the header band, or the signature block beside "Nơi nhận:") is read column by
column: all left segments, then all right ones. Rows of three or more segments are table rows, kept on
one line with tab-separated cells. Ruled tables are read as grids of cells (:mod:`.pdf_tables`); their
words are not made into lines.

Bold and italic come from the font name ("TimesNewRomanPS-BoldMT", "LiberationSerif-Italic"). Raised
footnote markers leave the words and the notes leave the foot of the page: :mod:`vndoc.readers.pdf_footnotes`.

Pages without a usable text layer (scans) are OCR'd: :mod:`vndoc.readers.ocr` decides which and returns
their words in the same form, grouped by the same :func:`words_to_lines`.
"""

from __future__ import annotations

import io
import statistics
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from vndoc.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    LimitExceededError,
    TimeLimitError,
    VndocError,
)
from vndoc.layout import Layout, Line, Page
from vndoc.legacy import base_font_name, convert_run, summarize
from vndoc.normalize import clean_chars
from vndoc.readers.pdf_footnotes import (
    RowMarks,
    Rule,
    horizontal_rules,
    lift_note_markers,
    line_notes,
    separate_footnotes,
    word_notes,
)
from vndoc.readers.pdf_tables import find_tables, join_continued, page_text, ruling_edges
from vndoc.settings import Settings

_GAP_FACTOR = 1.8
"""A gap wider than this many font sizes between two words splits a visual line into segments."""


def read_pdf(
    source: Path | bytes, settings: Settings, *, name: str | None = None, deadline: float | None = None
) -> Layout:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFResourceManager

    stream: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    label = name or (str(source) if isinstance(source, Path) else None)
    try:
        pdf = pdfplumber.open(stream)
        n_pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        own = _cause(exc, VndocError)  # a time limit that fired inside the parser
        if own is not None:
            raise own from None
        if _caused_by(exc, PDFPasswordIncorrect):
            raise EncryptedDocumentError("the PDF is encrypted and needs a password", path=label, stage="read") from exc
        raise CorruptDocumentError(
            f"not a readable PDF ({type(exc).__name__}: {exc})", path=label, stage="read"
        ) from exc
    with pdf:
        if n_pages == 0:
            raise CorruptDocumentError("the PDF has no pages", path=label, stage="read")
        if n_pages > settings.max_pages:
            raise LimitExceededError(
                f"{n_pages} pages, more than the limit of {settings.max_pages}", path=label, stage="read"
            )
        pages = []
        note_rules: dict[int, list[Rule]] = {}  # thin horizontal lines of each page: footnote separators
        encodings: set[str] = set()
        resources = PDFResourceManager(caching=True)
        for index, page in enumerate(pdf.pages):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeLimitError(
                    f"over the time limit of {settings.timeout_s} s", path=label, stage="read", page=index + 1
                )
            try:
                _check_content_size(page.page_obj, settings.max_stream_bytes, label, index + 1)
                edges: list[dict[str, Any]] = []  # the page's ruling lines, for its tables
                words = (
                    []
                    if settings.ocr == "always"
                    else page_words(
                        page.page_obj,
                        resources,
                        height=float(page.height),
                        edges=edges,
                        note_rules=note_rules.setdefault(index + 1, []),
                    )
                )
                encodings.update(str(w["encoding"]) for w in words)
                tables, words = find_tables(page, edges, words, page=index + 1)
                lines = tuple(words_to_lines(words, page=index + 1, width=float(page.width)))
            except LimitExceededError:
                raise
            except Exception as exc:
                own = _cause(exc, VndocError)
                if own is not None:
                    raise own from None
                raise CorruptDocumentError(
                    f"page content cannot be read ({type(exc).__name__}: {exc})",
                    path=label,
                    stage="read",
                    page=index + 1,
                ) from exc
            finally:
                page.close()
            pages.append(
                Page(number=index + 1, lines=lines, width=float(page.width), height=float(page.height), tables=tables)
            )

    if settings.ocr != "never":
        from vndoc.readers.ocr import ocr_pdf_pages, pages_needing_ocr

        wanted = pages_needing_ocr(source, [page_text(p) for p in pages], settings.ocr)
        if wanted:
            recognised = {p.number: p for p in ocr_pdf_pages(source, wanted, settings, name=label)}
            pages = [recognised.get(p.number, p) for p in pages]
    pages = join_continued(separate_footnotes(pages, note_rules))  # notes out first: a table may end above them
    return Layout(pages=tuple(pages), media_type="application/pdf", text_encoding=summarize(encodings))


def _check_content_size(page_obj: Any, limit: int, label: str | None, page: int) -> None:
    """Refuse a page whose content streams decompress to more than ``limit`` bytes (a decompression
    bomb), measuring with a bounded decompressor before pdfminer inflates them whole."""
    from pdfminer.pdftypes import resolve1

    total = 0
    for ref in page_obj.contents or []:
        stream = resolve1(ref)
        raw = getattr(stream, "rawdata", None)
        if raw is None:
            continue
        filters = stream.get_filters() if hasattr(stream, "get_filters") else []
        names = [str(getattr(f, "name", f)) for f, _params in filters]
        if names and names[0] in ("FlateDecode", "Fl"):
            inflater = zlib.decompressobj()
            try:
                size = len(inflater.decompress(raw, limit - total + 1))
            except zlib.error:
                continue  # pdfminer reports the damage itself
            total += size
        else:
            total += len(raw)
        if total > limit:
            raise LimitExceededError(
                f"page content decompresses to more than {limit} bytes", path=label, stage="read", page=page
            )


def page_words(
    page_obj: Any,
    resources: Any,
    *,
    height: float,
    edges: list[dict[str, Any]] | None = None,
    note_rules: list[Rule] | None = None,
) -> list[dict[str, Any]]:
    """Words of a page, each a dict with text, x0, x1, top, bottom, fontname, size.

    pdfminer's own layout objects are read directly: pdfplumber's ``chars`` converts every attribute
    of every object, which costs more than the parsing itself and gives nothing this reader uses.
    A word ends at a space glyph, at a gap wider than a fifth of the font size (measured from the row's
    usual gap between letters, for condensed type), or where the font
    changes (so a bold label and the regular text after it stay apart; two subsets of one font are one
    font). Text in a legacy Vietnamese font (TCVN3, VNI) is converted to Unicode word by word.
    Raised footnote markers are taken out of the words (:mod:`vndoc.readers.pdf_footnotes`). The page's
    ruling lines are added to ``edges`` (for :mod:`.pdf_tables`) and its thin horizontal rules to
    ``note_rules`` (footnote separators), when given.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = PDFPageAggregator(resources, laparams=None)
    PDFPageInterpreter(resources, device).process_page(page_obj)
    result = device.get_result()
    chars, shapes = _page_objects(result)
    if edges is not None:
        edges += ruling_edges(shapes, height)
    if note_rules is not None:
        note_rules += horizontal_rules(shapes, height)
    rows: list[list[Any]] = []
    for char in sorted(chars, key=lambda c: (round(height - c.y1), c.x0)):
        if rows:
            ref = rows[-1][0]
            near = max(2.0, 0.3 * max(ref.size, char.size))  # a raised marker may open the row
            if abs(char.y1 - ref.y1) <= near or abs(char.y0 - ref.y0) <= near:
                rows[-1].append(char)
                continue
        rows.append([char])
    words: list[dict[str, Any]] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        marks = lift_note_markers(row)  # raised footnote markers out, remembered on their words
        tracking = _tracking(marks.chars)
        current: list[Any] = []
        for char in marks.chars:
            text = char.get_text()
            if current:
                prev = current[-1]
                new_font = base_font_name(char.fontname) != base_font_name(prev.fontname)
                gap = char.x0 - prev.x1 - tracking > 0.2 * max(prev.size, 1.0) and id(char) not in marks.glued
                if text.isspace() or gap or new_font:
                    words.append(_word(current, height, marks))
                    current = []
            if not text.isspace():
                current.append(char)
        if current:
            words.append(_word(current, height, marks))
    return words


def _tracking(chars: Sequence[Any]) -> float:
    """How tightly a row's letters are set: the median gap between neighbouring glyphs when it is negative
    (condensed type, where a word space is narrower than a fifth of the size but still wider than the
    glyphs' overlap), else 0."""
    gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:], strict=False) if not a.get_text().isspace()]
    if len(gaps) < 8:
        return 0.0
    return min(0.0, statistics.median(gaps))


def _page_objects(container: Any) -> tuple[list[Any], list[Any]]:
    """The characters (with text) and the drawn shapes (lines, rectangles, curves) of a page's layout
    objects, figures opened, in one walk."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    chars: list[Any] = []
    shapes: list[Any] = []

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, LTChar):
                if item.get_text():
                    chars.append(item)
            elif isinstance(item, LTCurve):
                shapes.append(item)
            elif isinstance(item, LTContainer):
                walk(item)

    walk(container)
    return chars, shapes


def _word(chars: list[Any], height: float, marks: RowMarks | None = None) -> dict[str, Any]:
    text, encoding = convert_run("".join(c.get_text() for c in chars), chars[0].fontname)
    return {
        "text": text,
        "encoding": encoding,
        "x0": chars[0].x0,
        "x1": chars[-1].x1,
        "top": height - max(c.y1 for c in chars),
        "bottom": height - min(c.y0 for c in chars),
        "fontname": chars[0].fontname,
        "size": chars[0].size,
        **word_notes(chars, marks),
    }


def _cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The exception of type ``kind`` that ``exc`` wraps (pdfplumber wraps pdfminer's in its own)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        for arg in getattr(seen, "args", ()):
            if isinstance(arg, kind):
                return arg
        seen = seen.__cause__ or seen.__context__
    return None


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    return _cause(exc, kind) is not None


def _style(fontname: str) -> tuple[bool, bool]:
    name = fontname.split("+")[-1].lower()
    bold = any(k in name for k in ("bold", "black", "heavy", "semibold", ",b"))
    italic = any(k in name for k in ("italic", "oblique", ",i"))
    return bold, italic


def words_to_lines(words: Iterable[dict[str, Any]], *, page: int, width: float) -> list[Line]:
    """Group pdfplumber words into visual lines, then segments; order them for reading."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows:
            row = rows[-1]
            ref = row[0]
            tolerance = max(2.0, 0.45 * float(ref["size"]))
            if abs(word["top"] - ref["top"]) <= tolerance or abs(word["bottom"] - ref["bottom"]) <= tolerance:
                row.append(word)
                continue
        rows.append([word])

    segments: list[list[list[dict[str, Any]]]] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        parts: list[list[dict[str, Any]]] = [[row[0]]]
        for prev, word in zip(row, row[1:], strict=False):
            gap = word["x0"] - prev["x1"]
            if gap > max(14.0, _GAP_FACTOR * float(word["size"])):
                parts.append([word])
            else:
                parts[-1].append(word)
        segments.append(parts)

    mid = width / 2
    kinds = [_row_kind(parts, mid) for parts in segments]
    ordered: list[tuple[str | None, list[dict[str, Any]]]] = []
    i = 0
    while i < len(segments):
        # a run of rows split at the middle of the page (a header band, a signature block beside
        # the list of recipients) reads column by column: all left segments, then all right ones
        j = i
        while j < len(segments) and kinds[j] in ("split", "left", "right"):
            j += 1
        run = range(i, j)
        if j - i >= 2 and any(kinds[k] == "split" for k in run) and any(kinds[k] != "left" for k in run):
            left = [segments[k][0] for k in run if kinds[k] in ("split", "left")]
            right = [segments[k][-1] for k in run if kinds[k] in ("split", "right")]
            ordered += [("left", p) for p in left] + [("right", p) for p in right]
            i = j
            continue
        parts = segments[i]
        if kinds[i] == "right":
            ordered.append(("right", parts[0]))
        elif len(parts) > 1:
            ordered.append(("cells", [w for p in parts for w in p]))
        else:
            ordered.append((None, parts[0]))
        i += 1
    return [_make_line(part, page=page, column=column) for column, part in ordered]


def _row_kind(parts: list[list[dict[str, Any]]], mid: float) -> str:
    """ "split" (two segments, one each side of the middle), "left"/"right" (one segment within that
    half), "cells" (three or more segments: a table row) or "full" (crosses the middle)."""
    if len(parts) == 2 and parts[0][-1]["x1"] <= mid + 20 and parts[1][0]["x0"] >= mid - 60:
        return "split"
    if len(parts) > 2:
        return "cells"
    if len(parts) == 1:
        if parts[0][-1]["x1"] <= mid + 8:
            return "left"
        if parts[0][0]["x0"] >= mid - 8:
            return "right"
    return "full"


def _make_line(words: list[dict[str, Any]], *, page: int, column: str | None) -> Line:
    sep = "\t" if column == "cells" else " "
    pieces = []
    for prev, word in zip([None, *words[:-1]], words, strict=False):
        if prev is not None:
            gap = word["x0"] - prev["x1"]
            pieces.append(sep if sep == "\t" and gap > max(14.0, _GAP_FACTOR * float(word["size"])) else " ")
        pieces.append(word["text"])
    styles = [_style(str(w["fontname"])) for w in words]
    chars = [len(w["text"]) for w in words]
    total = sum(chars) or 1
    bold = sum(c for c, (b, _) in zip(chars, styles, strict=False) if b) / total > 0.6
    italic = sum(c for c, (_, i) in zip(chars, styles, strict=False) if i) / total > 0.6
    return Line(
        text=clean_chars("".join(pieces)),
        page=page,
        x0=float(words[0]["x0"]),
        x1=float(words[-1]["x1"]),
        top=float(min(w["top"] for w in words)),
        bottom=float(max(w["bottom"] for w in words)),
        size=float(statistics.median(float(w["size"]) for w in words)),
        bold=bold,
        italic=italic,
        column=None if column == "cells" else column,
        notes=line_notes(words),
    )
