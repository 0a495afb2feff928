"""Tables as records, and counts read with the labels of the row and column they sit in.

A figure in a table means little alone: "391 hộ" is the result ("Kết quả") for the row "Các cấp Hội
giúp hộ nghèo do phụ nữ làm chủ thoát nghèo.", and a bare "13.647" is a count only because its column
says "Số SV đăng ký tham gia". This module reads the tables of the reflowed text (:class:`TableText`,
one line per row, cells joined by tabs) and

* builds the :class:`vndoc.models.Table` records, with a label for each column;
* gives the counts that :func:`vndoc.counts.find_counts` found inside a cell the labels of that cell's
  row and column (a count with mentions in several cells, or also outside the tables, is split into
  one count per place, since each place has its own labels);
* reads a cell that holds a bare number as a count when its row or column states the unit.

Labels. A column's label is its header cells, top to bottom, joined by " / " (a cell merged over
several columns labels each of them: "Số lượng / Tập thể"). The index column is the first column when
its heading is "TT", "STT", "Số TT" or its cells are all numbering marks ("1", "2.", "II", "a", "-");
the row label is the cell of the first other column, without a leading bullet ("- ", "+ ").

Units of bare numbers, the first that applies:

1. the column's label states them: "Số SV đạt chuẩn" -> "SV", "Số lượng / Tập thể" -> "tập thể",
   "Số người tham gia" -> "người", "(người)", "ĐVT: hộ"; or it is itself a noun of people or groups
   ("Hội viên", "Đơn vị");
2. the row label states them the same way ("- Số người đăng ký thực hiện" -> "người");
3. the row label states a target as one count ("Có ít nhất 400 sinh viên đạt ...") -> its noun.

A bare number is a count only when it is clearly one: digits alone in the cell ("13.647", "06"), not
zero, not a year, not in the index or label column, and in neither a row nor a column of percentages,
rates or money ("Tỷ lệ", "%", "Số tiền", "(triệu đồng)", "Dư nợ (đ)").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vndoc.counts import noun_after
from vndoc.models import Count, Span
from vndoc.models import Table as TableRecord
from vndoc.normalize import unify_tone_placement
from vndoc.paged_text import PagedText
from vndoc.reflow import TableText

INDEX_HEADING = re.compile(r"^(?:S[ốỐ]\s*)?(?:T\.?\s*T\.?|thứ\s+tự)$|^STT$", re.IGNORECASE)
"""The heading of a numbering column: "TT", "STT", "Số TT", "Số thứ tự"."""
_INDEX_MARK = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6}|[a-zđ]|[-+•*])[.)]?$")
_BULLET = re.compile(r"^[-+•*–]\s+")
_BARE_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d{1,7})$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NOT_COUNTS = re.compile(
    r"%|tỷ\s+lệ|tỉ\s+lệ|tiền|kinh\s+phí|giá\s+trị|doanh\s+thu|thu\s+nhập|dư\s+nợ|vnđ|usd"
    r"|(?<!\w)(?:triệu|nghìn|ngàn|tỷ|tỉ)?\s*đồng(?!\w)(?!\s+chí)|\(\s*đ\s*\)",
    re.IGNORECASE,
)
"""Labels of percentages, rates and money."""
_NUMBER_OF = re.compile(r"(?<!\w)(?:tổng\s+số|số\s+lượng|số)(?!\w)\s*", re.IGNORECASE)
""""Số", "Số lượng", "Tổng số" before the noun counted."""
_STATED = re.compile(r"\(\s*([^()\d]{1,30}?)\s*\)|(?<!\w)(?:ĐVT|đơn\s+vị\s+tính|đơn\s+vị)\s*:\s*(\w+(?:\s+\w+)?)")
"""A unit stated apart: "(người)", "ĐVT: hộ", "Đơn vị tính: người"."""
_ABBREVIATION = re.compile(r"([A-ZĐ]{2,5})(?=\s|$)(?!\s*,)")
"""A short form written in capitals after "Số": "Số SV", "Số GĐ" (not "Số CB, HV": two nouns)."""
_FREQUENCY = ("lượt", "lần")
_LABEL_KINDS_FOR_HEADING = frozenset({"person", "group"})
_JOIN = " / "


@dataclass(frozen=True)
class _Labels:
    columns: tuple[str, ...]
    index_column: int | None
    label_column: int | None


def _labels(table: TableText) -> _Labels:
    n_columns = max((len(row) for row in table.rows), default=0)
    columns = []
    for c in range(n_columns):
        parts: list[str] = []
        for r in range(table.header_rows):
            r0, c0 = table.origin(r, c)
            text = table.rows[r0][c0] if c0 < len(table.rows[r0]) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        columns.append(_JOIN.join(parts))
    body = table.rows[table.header_rows :]
    index_column = None
    if n_columns > 1:
        marks = [row[0] for row in body if row and row[0]]
        if INDEX_HEADING.match(columns[0]) or (len(marks) >= 2 and all(_INDEX_MARK.match(m) for m in marks)):
            index_column = 0
    label_column = next((c for c in range(n_columns) if c != index_column), None)
    return _Labels(tuple(columns), index_column, label_column)


def _row_label(table: TableText, labels: _Labels, row: int) -> str | None:
    if labels.label_column is None or row < table.header_rows:
        return None
    r0, c0 = table.origin(row, labels.label_column)
    text = _BULLET.sub("", table.rows[r0][c0]).strip()
    return text or None


def table_records(tables: Sequence[TableText], text: PagedText) -> list[TableRecord]:
    """The :class:`vndoc.models.Table` records of the reflowed tables."""
    records = []
    for table in tables:
        labels = _labels(table)
        mentions = [text.span(cells[0][0], cells[-1][1]) for cells in table.cells if cells]
        records.append(
            TableRecord(
                page=table.pages[0],
                pages=list(table.pages),
                header=[list(row) for row in table.rows[: table.header_rows]],
                rows=[list(row) for row in table.rows[table.header_rows :]],
                columns=list(labels.columns),
                mentions=mentions,
            )
        )
    return records


# ------------------------------------------------------------------------------------------ counts


@dataclass(frozen=True)
class _Place:
    table: int
    row: int
    column: int


def label_counts(counts: Sequence[Count], tables: Sequence[TableText], text: PagedText) -> list[Count]:
    """``counts`` with the row and column labels of those read in table cells, plus the bare numbers of
    table cells whose unit the row or column states; in order of first mention."""
    if not tables:
        return list(counts)
    all_labels = [_labels(t) for t in tables]
    starts: list[int] = []
    places: list[tuple[int, int, _Place]] = []
    for ti, table in enumerate(tables):
        for r, cells in enumerate(table.cells):
            for c, (start, end) in enumerate(cells):
                starts.append(start)
                places.append((start, end, _Place(ti, r, c)))

    def place_of(span: Span) -> _Place | None:
        i = bisect.bisect_right(starts, span.end - 1) - 1
        if i < 0:
            return None
        start, end, place = places[i]
        return place if start <= span.end - 1 < end else None

    groups: dict[tuple[int, str, str | None, str | None], list[Span]] = {}
    model: dict[tuple[int, str, str | None, str | None], Count] = {}
    counted_cells: set[_Place] = set()
    label_counts_of: dict[tuple[int, int], list[Count]] = {}
    for count in counts:
        for span in count.mentions:
            place = place_of(span)
            row = column = None
            if place is not None:
                counted_cells.add(place)
                table, labels = tables[place.table], all_labels[place.table]
                row = _row_label(table, labels, place.row)
                column = labels.columns[place.column] or None if place.column < len(labels.columns) else None
                if place.column == labels.label_column and place.row >= table.header_rows:
                    label_counts_of.setdefault((place.table, place.row), []).append(count)
            key = (count.value, _key(count.unit), row, column)
            groups.setdefault(key, []).append(span)
            model.setdefault(key, count)

    for ti, table in enumerate(tables):
        labels = all_labels[ti]
        for r in range(table.header_rows, len(table.rows)):
            row_label = _row_label(table, labels, r)
            for c, cell in enumerate(table.rows[r]):
                place = _Place(ti, r, c)
                if place in counted_cells or c in (labels.index_column, labels.label_column):
                    continue
                if not _BARE_NUMBER.match(cell) or _YEAR.match(cell):
                    continue
                value = int(cell.replace(".", ""))
                column = labels.columns[c] if c < len(labels.columns) else ""
                unit = _cell_unit(column, row_label or "", label_counts_of.get((ti, r), []))
                if not value or unit is None:
                    continue
                start, end = table.cells[r][c]
                key = (value, _key(unit), row_label, column or None)
                groups.setdefault(key, []).append(text.span(start, end))
                model.setdefault(key, Count(value=value, unit=unit, raw=cell))

    out = []
    for key, spans in groups.items():
        base = model[key]
        spans = sorted(spans, key=lambda s: s.start)
        out.append(
            base.model_copy(
                update={"row": key[2], "column": key[3], "mentions": spans, "raw": " ".join(spans[0].text.split())}
            )
        )
    out.sort(key=lambda c: c.mentions[0].start if c.mentions else -1)
    return out


def _key(unit: str) -> str:
    return " ".join(unify_tone_placement(unit).casefold().split())


def _cell_unit(column: str, row: str, row_counts: Sequence[Count]) -> str | None:
    """The unit of a bare number in a cell, from its column's and row's labels (see the docstring)."""
    if _NOT_COUNTS.search(column) or _NOT_COUNTS.search(row):
        return None
    unit = _stated_unit(column, heading=True) or _stated_unit(row, heading=False)
    if unit is not None:
        return unit
    units = {_key(c.unit): c.unit for c in row_counts}
    return next(iter(units.values())) if len(units) == 1 else None


def _stated_unit(label: str, *, heading: bool) -> str | None:
    """The unit that a column heading or a row label states, if any."""
    if not label:
        return None
    parts = label.split(_JOIN)
    for i in range(len(parts) - 1, -1, -1):
        part = _BULLET.sub("", parts[i]).strip()
        m = _NUMBER_OF.match(part)
        if m:
            noun = _noun(part, m.end())
            if noun is not None:
                return noun
        if i > 0 and any(_NUMBER_OF.fullmatch(p.strip()) for p in parts[:i]):
            noun = _noun(part, 0)  # "Số lượng" over "Tập thể" | "Cá nhân"
            if noun is not None:
                return noun
    stated = _STATED.search(label)
    if stated:
        written = (stated.group(1) or stated.group(2)).strip()
        found = noun_after(written, 0)
        if found is not None and found[2] in _COUNTABLE and found[1] == len(written):
            return found[0].lower()
    if heading:
        found = noun_after(parts[-1], 0)
        if found is not None and found[2] in _LABEL_KINDS_FOR_HEADING:
            return found[0].lower()
    return None


_COUNTABLE = frozenset({"person", "position", "group", "place", "document", "activity", "item", "classifier"})


def _noun(text: str, pos: int) -> str | None:
    """The counted noun at ``pos``: a known countable noun ("người", "lượt HV") or a short form ("SV")."""
    found = noun_after(text, pos)
    if found is not None:
        noun, end, kind = found
        if kind not in _COUNTABLE:
            return None
        noun = noun.lower()
        if _key(noun) in _FREQUENCY:
            counted = _noun(text, end)  # "Số lượt HV" -> "lượt HV"
            if counted is not None and _key(counted) not in _FREQUENCY:
                return f"{noun} {counted}"
        return noun
    m = _ABBREVIATION.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
    return m.group(1) if m else None


__all__ = ["INDEX_HEADING", "label_counts", "table_records"]
