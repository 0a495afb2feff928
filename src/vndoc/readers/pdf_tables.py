"""Ruled tables in text PDFs: cells found from the ruling lines, their words taken out of the page's lines.

Congress dossiers carry data tables (targets against results, yearly figures, a table of contents).
Read as lines, a row whose cells wrap onto several lines comes out as interleaved fragments, and a
number loses the row and column that say what it counts. Here the table is read as a grid instead.

Approach.

* Rulings come from the same pdfminer layout objects the reader takes the characters from (one parse
  per page): lines, thin filled boxes (how word processors draw a rule), stroked boxes (a cell border)
  and the straight segments of stroked paths. A filled box that is not thin is a background (text
  highlighting, shading), never a rule: documents shade lines of prose with white boxes that would
  otherwise make a grid of paragraph lines.
* Only a page with at least three horizontal and three vertical rules (the least a 2 x 2 grid needs)
  is searched, so pages of prose cost nothing. The search is pdfplumber's own table finder
  (``TableFinder``) given those rulings as explicit lines: it snaps and joins them, intersects them
  and groups the cells into tables, without pdfplumber converting every character of the page again.
* A table needs two rows and two columns: a single column of boxes is a framed text, not a table.
* Each word goes to the cell holding its centre (grid position found by bisection, merged cells
  mapped to their top-left position); a cell's text is its words grouped into lines by their tops,
  lines read top to bottom and joined with a space (no space after a line ending in "-" or "/" between
  letters or digits: "05-" + "CT/TW"). Rows left without any text are dropped.
* A table cut by a page break often has no rule along the cut: where three or more vertical rules
  start (or end) at one height with no horizontal rule there, one is added to close the grid.
* Header rows: the first row is a header when it is set in bold while the body is not, when it
  opens with the index column's heading ("TT", "STT", "Số TT"), or when none of its cells starts with
  a figure while cells below it do (labels over values); the header then also takes the rows
  that its cells span downwards (a two-level header) and a row of column numbers ("(1) (2) (3)").
* A table that goes on over a page break is one table: when the last table of a page ends the page's
  content, the first table of the next page starts that page's content and both have the same
  columns, the second is marked ``continued`` and its repeated header rows are dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from vndoc.layout import Page, Table
from vndoc.normalize import clean_chars
from vndoc.table_counts import INDEX_HEADING

_THIN = 2.5
"""A box at most this thick (points) is a rule."""
_MIN_RULE = 3.0
"""Shorter segments are not rules (pdfplumber's own minimum edge length)."""
_ALIGN = 0.5
"""A path segment whose ends differ by less than this is horizontal or vertical."""
_MIN_RULES = 3
_EDGE_BAND = 0.12
"""Lines within this share of the page height from its top or bottom edge are page furniture."""
_COLUMN_TOLERANCE = 4.0

_VALUE = re.compile(r"^[<>≤≥~]?\s*\d")
"""A cell that starts with a figure: a value, not a label."""
_COLUMN_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[A-Z])\)?$")
"""A cell of a row that numbers the columns: "(1)", "2", "A"."""


Edge = dict[str, Any]


def ruling_edges(shapes: Iterable[Any], height: float) -> list[Edge]:
    """Horizontal and vertical rules among a page's drawn shapes (pdfminer's lines, rectangles and
    curves), as pdfplumber edge dicts (top-left origin, like the reader's words)."""
    from pdfminer.layout import LTRect

    edges: list[Edge] = []
    for item in shapes:
        x0, y0, x1, y1 = item.bbox
        if min(x1 - x0, y1 - y0) <= _THIN:
            if x1 - x0 >= y1 - y0:
                _add(edges, "h", (y0 + y1) / 2, x0, x1, height)
            else:
                _add(edges, "v", (x0 + x1) / 2, y0, y1, height)
        elif isinstance(item, LTRect):
            if item.stroke:
                _add(edges, "h", y0, x0, x1, height)
                _add(edges, "h", y1, x0, x1, height)
                _add(edges, "v", x0, y0, y1, height)
                _add(edges, "v", x1, y0, y1, height)
        elif item.stroke:
            for (ax, ay), (bx, by) in zip(item.pts, item.pts[1:], strict=False):
                if abs(ay - by) < _ALIGN:
                    _add(edges, "h", ay, min(ax, bx), max(ax, bx), height)
                elif abs(ax - bx) < _ALIGN:
                    _add(edges, "v", ax, min(ay, by), max(ay, by), height)
    return edges


def _add(edges: list[Edge], orientation: str, at: float, low: float, high: float, height: float) -> None:
    """One edge; ``at``, ``low`` and ``high`` are in pdfminer's bottom-left coordinates."""
    if high - low < _MIN_RULE:
        return
    if orientation == "h":
        top = height - at
        edges.append(
            {
                "object_type": "rule_edge",
                "orientation": "h",
                "x0": low,
                "x1": high,
                "top": top,
                "bottom": top,
                "doctop": top,
                "width": high - low,
                "height": 0.0,
            }
        )
    else:
        top, bottom = height - high, height - low
        edges.append(
            {
                "object_type": "rule_edge",
                "orientation": "v",
                "x0": at,
                "x1": at,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "width": 0.0,
                "height": bottom - top,
            }
        )


def find_tables(
    plumber_page: Any, edges: Sequence[Edge], words: Sequence[dict[str, Any]], *, page: int
) -> tuple[tuple[Table, ...], list[dict[str, Any]]]:
    """The ruled tables of a page and the words that are not in any of them."""
    n_horizontal = sum(e["orientation"] == "h" for e in edges)
    if n_horizontal < _MIN_RULES or len(edges) - n_horizontal < _MIN_RULES:
        return (), list(words)
    from pdfplumber.table import TableFinder, merge_edges

    vertical = merge_edges([e for e in edges if e["orientation"] == "v"], 3, 3, 3, 3)
    horizontal = [e for e in edges if e["orientation"] == "h"] + _open_ends(vertical, edges)
    finder = TableFinder(
        plumber_page,
        {
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": vertical,
            "explicit_horizontal_lines": horizontal,
        },
    )
    remaining = list(words)
    tables: list[Table] = []
    for found in finder.tables:
        grid = _Grid(found.cells)
        if grid.n_rows < 2 or grid.n_columns < 2:
            continue
        inside: dict[tuple[int, int], list[dict[str, Any]]] = {}
        rest = []
        for word in remaining:
            cell = grid.cell_at((word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2)
            if cell is None:
                rest.append(word)
            else:
                inside.setdefault(cell, []).append(word)
        if not inside:
            continue
        table = grid.table(inside, page)
        if table is not None:
            tables.append(table)
            remaining = rest
    return tuple(tables), remaining


def _open_ends(vertical: Sequence[Edge], edges: Sequence[Edge]) -> list[Edge]:
    """Rules closing a table cut by a page break: where three or more vertical rules start (or end) at
    the same height with no horizontal rule there, the table runs on from (or onto) another page."""
    horizontal = [e for e in edges if e["orientation"] == "h"]
    closing: list[Edge] = []
    for side in ("top", "bottom"):
        for group in _groups(vertical, side):
            if len(group) < _MIN_RULES:
                continue
            y = sum(e[side] for e in group) / len(group)
            x0, x1 = min(e["x0"] for e in group), max(e["x0"] for e in group)
            covered = any(abs(h["top"] - y) <= 3 and h["x0"] <= x0 + 3 and h["x1"] >= x1 - 3 for h in horizontal)
            if not covered:
                closing.append(
                    {
                        "object_type": "rule_edge",
                        "orientation": "h",
                        "x0": x0,
                        "x1": x1,
                        "top": y,
                        "bottom": y,
                        "doctop": y,
                        "width": x1 - x0,
                        "height": 0.0,
                    }
                )
    return closing


def _groups(vertical: Sequence[Edge], side: str) -> list[list[Edge]]:
    """Vertical rules whose ``side`` ("top" or "bottom") is at the same height, within 2 points."""
    groups: list[list[Edge]] = []
    for edge in sorted(vertical, key=lambda e: e[side]):
        if groups and edge[side] - groups[-1][0][side] <= 2:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    return groups


class _Grid:
    """The cells of one table found by pdfplumber, placed on a grid of rows and columns."""

    def __init__(self, cells: Sequence[tuple[float, float, float, float]]) -> None:
        self.xs = _cluster(v for c in cells for v in (c[0], c[2]))
        self.ys = _cluster(v for c in cells for v in (c[1], c[3]))
        self.n_columns = len(self.xs) - 1
        self.n_rows = len(self.ys) - 1
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}
        """(row, column) of a cell's top-left position -> (rows, columns) it spans"""
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}
        """every grid position covered by a cell -> that cell's top-left position"""
        for x0, top, x1, bottom in cells:
            c0, c1 = _index(self.xs, x0), _index(self.xs, x1)
            r0, r1 = _index(self.ys, top), _index(self.ys, bottom)
            if c1 <= c0 or r1 <= r0 or (r0, c0) in self.spans:
                continue
            self.spans[(r0, c0)] = (r1 - r0, c1 - c0)
            for r in range(r0, r1):
                for c in range(c0, c1):
                    self.owner.setdefault((r, c), (r0, c0))

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        column = min(max(bisect.bisect_right(self.xs, x) - 1, 0), self.n_columns - 1)
        row = min(max(bisect.bisect_right(self.ys, y) - 1, 0), self.n_rows - 1)
        return self.owner.get((row, column))

    def table(self, words: dict[tuple[int, int], list[dict[str, Any]]], page: int) -> Table | None:
        texts = {pos: _cell_text(ws) for pos, ws in words.items()}
        keep = [r for r in range(self.n_rows) if any(texts.get((r, c)) for c in range(self.n_columns))]
        if len(keep) < 2:
            return None
        new_row = {r: i for i, r in enumerate(keep)}
        rows = tuple(tuple(texts.get((r, c), "") for c in range(self.n_columns)) for r in keep)
        merged = []
        for (r, c), (n_rows, n_columns) in sorted(self.spans.items()):
            kept = [row for row in range(r, r + n_rows) if row in new_row]
            if (len(kept) > 1 or n_columns > 1) and kept and kept[0] == r:
                merged.append((new_row[r], c, len(kept), n_columns))
        bold = [_bold_share([w for (r, _), ws in words.items() if r == row for w in ws]) for row in keep]
        y_edges = (*(self.ys[r] for r in keep), self.ys[keep[-1] + 1])
        table = Table(
            page=page,
            rows=rows,
            merged=tuple(merged),
            x_edges=tuple(self.xs),
            y_edges=tuple(y_edges),
        )
        return replace(table, header_rows=header_rows(table, bold))


def _cluster(values: Iterable[float], tolerance: float = 1.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    i = bisect.bisect_left(edges, value - 1.0)
    return i if i < len(edges) and abs(edges[i] - value) <= 1.0 else bisect.bisect_right(edges, value) - 1


def _cell_text(words: list[dict[str, Any]]) -> str:
    """The words of a cell read as lines, top to bottom, joined with spaces."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines:
            ref = lines[-1][0]
            tolerance = max(2.0, 0.45 * float(ref["size"]))
            if abs(word["top"] - ref["top"]) <= tolerance or abs(word["bottom"] - ref["bottom"]) <= tolerance:
                lines[-1].append(word)
                continue
        lines.append([word])
    text = ""
    for line in lines:
        piece = " ".join(str(w["text"]) for w in sorted(line, key=lambda w: w["x0"]))
        if text and text[-1] in "-/" and text[-2:-1].isalnum() and piece[:1].isalnum():
            text += piece  # "Chỉ thị 05-" / "CT/TW"
        else:
            text = f"{text} {piece}" if text else piece
    return clean_chars(" ".join(text.split()))


def _bold_share(words: list[dict[str, Any]]) -> float:
    from vndoc.readers.pdf import _style

    total = sum(len(str(w["text"])) for w in words)
    if not total:
        return 0.0
    return sum(len(str(w["text"])) for w in words if _style(str(w["fontname"]))[0]) / total


def header_rows(table: Table, bold: Sequence[float] = ()) -> int:
    """How many rows at the top of ``table`` are its header (see the module docstring)."""
    rows = table.rows
    if len(rows) < 2:
        return 0
    first = next((cell for cell in rows[0] if cell), "")
    is_bold = len(bold) == len(rows) and bold[0] > 0.6 and any(share < 0.6 for share in bold[1:])
    labels_values = not any(_VALUE.match(cell) for cell in rows[0]) and any(
        _VALUE.match(row[c]) and rows[0][c] for row in rows[1:] for c in range(len(row))
    )
    if not (is_bold or labels_values or INDEX_HEADING.match(first)):
        return 0
    n = max((n_rows for r, _, n_rows, _ in table.merged if r == 0), default=1)
    if n < len(rows) - 1:
        numbers = [cell for cell in rows[n] if cell]
        if len(numbers) >= 2 and all(_COLUMN_NUMBER.match(cell) for cell in numbers):
            n += 1
    return min(n, len(rows) - 1)


# ------------------------------------------------------------------------------------------ pages


def page_text(page: Page) -> str:
    """All the text of a page, its lines then its tables' cells (to judge its text layer)."""
    cells = [cell for table in page.tables for row in table.rows for cell in row if cell]
    return " ".join([*(ln.text for ln in page.lines), *cells])


def join_continued(pages: Sequence[Page]) -> list[Page]:
    """Mark each table that goes on from the previous page as ``continued``, without its repeated header."""
    out = list(pages)
    chain_header: tuple[tuple[str, ...], ...] = ()
    for i in range(1, len(out)):
        prev, page = out[i - 1], out[i]
        if not prev.tables or not page.tables:
            continue
        last, first = prev.tables[-1], page.tables[0]
        if not last.continued:
            chain_header = last.rows[: last.header_rows]
        if not (_ends_page(prev, last) and _starts_page(page, first) and _same_columns(last, first)):
            continue
        if first.header_rows:
            if _key(first.rows[: first.header_rows]) != _key(chain_header):
                continue  # a new table with a header of its own
            dropped = first.header_rows
        elif chain_header and _key(first.rows[: len(chain_header)]) == _key(chain_header):
            dropped = len(chain_header)  # the same header, not recognised as one on this page
        else:
            dropped = 0
        joined = _drop_rows(first, dropped)
        if joined is None:
            continue
        out[i] = replace(page, tables=(joined, *page.tables[1:]))
    return out


def _key(rows: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(" ".join(cell.split()).casefold() for cell in row) for row in rows)


def _ends_page(page: Page, table: Table) -> bool:
    """Nothing but page furniture follows ``table`` on its page."""
    limit = (1 - _EDGE_BAND) * page.height if page.height else None
    return table.bottom is not None and not any(
        ln.top is not None and ln.top > table.bottom and (limit is None or ln.top < limit) for ln in page.lines
    )


def _starts_page(page: Page, table: Table) -> bool:
    """Nothing but page furniture comes before ``table`` on its page."""
    limit = _EDGE_BAND * page.height if page.height else None
    return table.top is not None and not any(
        ln.bottom is not None and ln.bottom < table.top and (limit is None or ln.bottom > limit) for ln in page.lines
    )


def _same_columns(a: Table, b: Table) -> bool:
    return len(a.x_edges) == len(b.x_edges) and all(
        abs(x - y) <= _COLUMN_TOLERANCE for x, y in zip(a.x_edges, b.x_edges, strict=True)
    )


def _drop_rows(table: Table, n: int) -> Table | None:
    """``table`` without its first ``n`` rows, marked as continued; None when nothing would remain."""
    if n >= len(table.rows):
        return None
    merged = tuple(
        (r - n, c, rows, columns) if r >= n else (0, c, r + rows - n, columns)
        for r, c, rows, columns in table.merged
        if r + rows > n
    )
    return replace(
        table,
        rows=table.rows[n:],
        header_rows=0,
        merged=tuple(m for m in merged if m[2] > 1 or m[3] > 1),
        y_edges=table.y_edges[n:],
        continued=True,
    )
