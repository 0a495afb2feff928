"""Ruled tables in PDFs: read as rows of cells, placed in the text flow, and counts with row/column labels.

The PDFs are built here (tests/builders.py): a table is its cell texts at known places and its rules,
drawn as stroked lines or as thin filled boxes (how word processors draw them). The real dossiers in
../shared/realpdfs check the same on published tables.
"""

from __future__ import annotations

import functools

import pytest
from builders import PdfBox, PdfLine, PdfRule, build_pdf, paragraph_lines, ruled_table
from conftest import shared_path

import vndoc
from vndoc.layout import Layout, Page, Table
from vndoc.models import Count
from vndoc.paged_text import PagedText
from vndoc.readers.pdf import read_pdf
from vndoc.reflow import reflow
from vndoc.settings import Settings
from vndoc.table_counts import label_counts

NO_OCR = Settings(ocr="never")
COLUMNS = [70.0, 100.0, 300.0, 400.0, 520.0]
TARGETS = [
    ["TT", "Nội dung", "Chỉ tiêu\nĐại hội", "Kết quả"],
    ["1", "Các cấp Hội giúp hộ nghèo do\nphụ nữ làm chủ thoát nghèo.", "350 hộ", "391 hộ"],
    ["2", "Số hội viên kết nạp mới", "", "120"],
]
CAPTION = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
AFTER = "Các chỉ tiêu trên đều đạt và vượt so với Nghị quyết Đại hội."


def _table_page(*, box: bool = False) -> bytes:
    lines, rules, bottom = ruled_table(1, 150, COLUMNS, TARGETS, box=box)
    text = [PdfLine(1, 297, 120, CAPTION, "bold", 13, "center"), *lines, PdfLine(1, 85, bottom + 30, AFTER)]
    return build_pdf(text, rules=rules)


@functools.cache
def _doc(pdf: bytes) -> vndoc.models.Document:
    return vndoc.extract(pdf)


# ------------------------------------------------------------------------------------------ reader


@pytest.mark.parametrize("box", [False, True], ids=["stroked-lines", "thin-filled-boxes"])
def test_a_ruled_table_is_read_as_rows_of_cells(box: bool):
    page = read_pdf(_table_page(box=box), NO_OCR).pages[0]
    assert [t.rows for t in page.tables] == [
        (
            ("TT", "Nội dung", "Chỉ tiêu Đại hội", "Kết quả"),
            ("1", "Các cấp Hội giúp hộ nghèo do phụ nữ làm chủ thoát nghèo.", "350 hộ", "391 hộ"),
            ("2", "Số hội viên kết nạp mới", "", "120"),
        )
    ]
    assert page.tables[0].header_rows == 1
    assert [ln.text for ln in page.lines] == [CAPTION, AFTER]  # the table's words are not lines


def test_the_table_sits_in_the_text_between_its_caption_and_the_next_paragraph():
    doc = _doc(_table_page())
    assert doc.text.split("\n") == [
        CAPTION,
        "TT\tNội dung\tChỉ tiêu Đại hội\tKết quả",
        "1\tCác cấp Hội giúp hộ nghèo do phụ nữ làm chủ thoát nghèo.\t350 hộ\t391 hộ",
        "2\tSố hội viên kết nạp mới\t\t120",
        AFTER,
    ]
    [table] = doc.tables
    assert (table.page, table.pages, table.header, table.columns) == (
        1,
        [1],
        [["TT", "Nội dung", "Chỉ tiêu Đại hội", "Kết quả"]],
        ["TT", "Nội dung", "Chỉ tiêu Đại hội", "Kết quả"],
    )
    assert table.rows == [
        ["1", "Các cấp Hội giúp hộ nghèo do phụ nữ làm chủ thoát nghèo.", "350 hộ", "391 hộ"],
        ["2", "Số hội viên kết nạp mới", "", "120"],
    ]
    assert [m.text for m in table.mentions] == doc.text.split("\n")[1:4]
    assert all(doc.text[m.start : m.end] == m.text for m in table.mentions)


def test_merged_cells_hold_their_text_once_and_label_every_column_they_cover():
    rows = [
        ["TT", "Danh mục", "Số lượng", ""],
        ["", "", "Tập thể", "Cá nhân"],
        ["1", "Bằng khen của Trung ương Hội", "16", "12"],
        ["", "Giấy khen của Huyện Hội", "4", ""],
    ]
    merged = ((0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 2), (2, 0, 2, 1))
    lines, rules, _ = ruled_table(1, 150, COLUMNS, rows, merged=merged, header_rows=2)
    doc = _doc(build_pdf(lines, rules=rules))
    [table] = doc.tables
    assert table.header == [["TT", "Danh mục", "Số lượng", ""], ["", "", "Tập thể", "Cá nhân"]]
    assert table.rows == [["1", "Bằng khen của Trung ương Hội", "16", "12"], ["", "Giấy khen của Huyện Hội", "4", ""]]
    assert table.columns == ["TT", "Danh mục", "Số lượng / Tập thể", "Số lượng / Cá nhân"]
    assert [(c.value, c.unit, c.row, c.column) for c in doc.counts] == [
        (16, "tập thể", "Bằng khen của Trung ương Hội", "Số lượng / Tập thể"),
        (12, "cá nhân", "Bằng khen của Trung ương Hội", "Số lượng / Cá nhân"),
        (4, "tập thể", "Giấy khen của Huyện Hội", "Số lượng / Tập thể"),
    ]


def _two_page_table(*, repeat_header: bool, open_top: bool = False) -> bytes:
    header = ["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện"]
    first = [header, *([str(i), f"Số hội viên của chi hội {i}", "40", str(40 + i)] for i in range(1, 4))]
    second = [header] if repeat_header else []
    second += [[str(i), f"Số hội viên của chi hội {i}", "40", str(40 + i)] for i in range(4, 6)]
    lines1, rules1, _ = ruled_table(1, 640, COLUMNS, first)
    lines2, rules2, _ = ruled_table(2, 60, COLUMNS, second, header_rows=1 if repeat_header else 0, open_top=open_top)
    prose, _ = paragraph_lines(1, 540, "Kết quả thực hiện các chỉ tiêu về công tác hội viên trong nhiệm kỳ như sau:")
    return build_pdf([*prose, *lines1, *lines2], rules=rules1 + rules2)


@pytest.mark.parametrize(
    ("repeat_header", "open_top"), [(True, False), (False, False), (False, True)], ids=["repeated", "none", "open"]
)
def test_a_table_continued_on_the_next_page_is_one_table(repeat_header: bool, open_top: bool):
    doc = _doc(_two_page_table(repeat_header=repeat_header, open_top=open_top))
    [table] = doc.tables
    assert table.pages == [1, 2]
    assert table.header == [["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện"]]
    assert [row[0] for row in table.rows] == ["1", "2", "3", "4", "5"]
    assert doc.text.count("STT\tChỉ tiêu") == 1  # the repeated header is not in the text again
    assert table.mentions[-1].page == 2


def test_a_table_with_another_header_on_the_next_page_is_another_table():
    lines1, rules1, _ = ruled_table(1, 640, COLUMNS, [["TT", "Nội dung", "Năm 2020", "Năm 2021"], ["1", "A", "3", "4"]])
    lines2, rules2, _ = ruled_table(2, 60, COLUMNS, [["TT", "Đơn vị", "Nam", "Nữ"], ["1", "B", "5", "6"]])
    doc = _doc(build_pdf(lines1 + lines2, rules=rules1 + rules2))
    assert [(t.pages, t.header[0][1]) for t in doc.tables] == [([1], "Nội dung"), ([2], "Đơn vị")]


def _prose() -> list[PdfLine]:
    lines = [PdfLine(1, 297, 80, "BÁO CÁO", "bold", 14, "center")]
    lines += paragraph_lines(1, 110, "Năm 2023 Hội kết nạp 120 hội viên mới, tổ chức 15 lớp tập huấn. " * 4)[0]
    return lines


@pytest.mark.parametrize(
    ("rules", "boxes"),
    [
        ([PdfRule(1, 230, 92, 365, 92)], []),  # an underline below the title
        ([PdfRule(1, 60, 60, 540, 60), PdfRule(1, 60, 300, 540, 300)], []),  # two rules, no columns
        (  # a frame around the text: one box, not a table
            [PdfRule(1, 60, 60, 540, 60), PdfRule(1, 60, 300, 540, 300)]
            + [PdfRule(1, 60, 60, 60, 300), PdfRule(1, 540, 60, 540, 300)],
            [],
        ),
        (  # white highlighting behind lines of prose (each as long as its line)
            [],
            [PdfBox(1, 80, 100 + 18 * i, w, 18) for i, w in enumerate((470, 470, 300, 470, 200, 470, 470))],
        ),
    ],
    ids=["underline", "two-rules", "frame", "highlight"],
)
def test_a_page_without_a_table_reads_as_before(rules: list[PdfRule], boxes: list[PdfBox]):
    plain = read_pdf(build_pdf(_prose()), NO_OCR).pages[0]
    ruled = read_pdf(build_pdf(_prose(), rules=rules, boxes=boxes), NO_OCR).pages[0]
    assert ruled.tables == ()
    assert [ln.text for ln in ruled.lines] == [ln.text for ln in plain.lines]


def _appendix(*, signed: bool) -> bytes:
    """A report, signed or not, then a page with an upper-case caption and a table."""
    head = [
        PdfLine(1, 150, 60, "HỘI NÔNG DÂN TỈNH", "regular", 13, "center"),
        PdfLine(1, 440, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", 12, "center"),
        PdfLine(1, 440, 78, "Độc lập - Tự do - Hạnh phúc", "bold", 13, "center"),
        PdfLine(1, 297, 120, "BÁO CÁO", "bold", 14, "center"),
        PdfLine(1, 297, 140, "Kết quả công tác hội viên năm 2023", "bold", 13, "center"),
    ]
    body, y = paragraph_lines(1, 170, "Năm 2023, Hội kết nạp 120 hội viên mới và thành lập 3 chi hội. " * 3)
    signature = [
        PdfLine(1, 420, y + 30, "TM. BAN THƯỜNG VỤ", "bold", 13, "center"),
        PdfLine(1, 420, y + 48, "CHỦ TỊCH", "bold", 13, "center"),
        PdfLine(1, 420, y + 110, "Nguyễn Văn An", "bold", 13, "center"),
    ]
    caption = [
        PdfLine(2, 297, 60, "PHỤ LỤC", "bold", 13, "center"),
        PdfLine(2, 297, 80, "SỐ HỘI VIÊN CÁC CHI HỘI", "bold", 13, "center"),
    ]
    rows = [["TT", "Đơn vị", "Số hội viên", "Ghi chú"], ["1", "Chi hội A", "45", ""], ["2", "Chi hội B", "38", ""]]
    lines, rules, _ = ruled_table(2, 100, COLUMNS, rows)
    return build_pdf([*head, *body, *(signature if signed else []), *caption, *lines], rules=rules)


@pytest.mark.parametrize(
    ("signed", "expected"), [(True, ("TM.", "Chủ tịch", "Nguyễn Văn An", "BAN THƯỜNG VỤ")), (False, None)]
)
def test_the_caption_of_a_closing_table_is_not_a_signature(signed: bool, expected):
    signer = _doc(_appendix(signed=signed)).header.signer
    assert (signer and (signer.capacity, signer.title, signer.name, signer.organization)) == expected


# ------------------------------------------------------------------------------------------ counts


def _counts_of(rows: list[list[str]], header_rows: int = 1) -> list[tuple[int, str, str | None, str | None]]:
    """Counts read from a table of ``rows`` (in a layout built directly, no PDF)."""
    n = len(rows)
    table = Table(page=1, rows=tuple(tuple(r) for r in rows), header_rows=header_rows, y_edges=(0.0, *range(1, n + 1)))
    flowed = reflow(Layout(pages=(Page(number=1, lines=(), tables=(table,)),), media_type="application/pdf"))
    paged = PagedText(flowed.text, flowed.page_starts)
    found = label_counts(vndoc.counts.find_counts(paged), flowed.tables, paged)
    for count in found:
        assert all(flowed.text[m.start : m.end] == m.text for m in count.mentions)
    return [(c.value, c.unit, c.row, c.column) for c in found]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # the unit in the column heading ("Số <noun>", an abbreviation, a noun of people, "(unit)")
        (
            [["Năm học", "Số SV đăng ký", "Tỷ lệ (%)"], ["2023 - 2024", "13.647", "95"]],
            [(13647, "SV", "2023 - 2024", "Số SV đăng ký")],
        ),
        (
            [["Đơn vị", "Hội viên", "Kinh phí (triệu đồng)"], ["Chi hội A", "45", "300"]],
            [(45, "hội viên", "Chi hội A", "Hội viên")],
        ),
        (
            [["Đơn vị", "Tham gia (người)"], ["Xã Dương Xá", "1.066"]],
            [(1066, "người", "Xã Dương Xá", "Tham gia (người)")],
        ),
        (
            [["Nội dung", "Số lượt HV"], ["+ Học tập chuyên đề", "38.950"]],
            [(38950, "lượt HV", "Học tập chuyên đề", "Số lượt HV")],
        ),
        # the unit in the row label
        (
            [["Danh mục", "2016", "2017"], ["- Số người đăng ký thực hiện", "38.374", "39.349"]],
            [
                (38374, "người", "Số người đăng ký thực hiện", "2016"),
                (39349, "người", "Số người đăng ký thực hiện", "2017"),
            ],
        ),
        (  # a target stated as one count in the row label
            [
                ["STT", "Nội dung", "Kết quả", "Tỷ lệ"],
                ["6", "Có ít nhất 400 sinh viên đạt danh hiệu cấp Trường", "217", "54.25%"],
            ],
            [
                (400, "sinh viên", "Có ít nhất 400 sinh viên đạt danh hiệu cấp Trường", "Nội dung"),
                (217, "sinh viên", "Có ít nhất 400 sinh viên đạt danh hiệu cấp Trường", "Kết quả"),
            ],
        ),
        # counts written with their noun keep it; a bare number beside them in the same cell is not read
        (
            [["TT", "Nội dung", "Kết quả"], ["1", "Giúp hộ nghèo thoát nghèo", "391 hộ"]],
            [(391, "hộ", "Giúp hộ nghèo thoát nghèo", "Kết quả")],
        ),
        # not counts: percentages, money, rates, years, the index column, zero, no unit stated
        ([["Năm", "Tỷ lệ", "Số tiền"], ["2020", "96", "1.563.000"]], []),
        ([["Nội dung", "2016"], ["- Kết quả: (triệu đồng)", "1.563.000"], ["Tỷ lệ", "95"]], []),
        ([["STT", "Số hội viên"], ["1", "2021"], ["2", "0"]], []),
        ([["STT", "Tài liệu", "Trang"], ["1", "Báo cáo chính trị", "5"], ["2", "Báo cáo kiểm điểm", "51"]], []),
        ([["Cấp thực hiện", "Số lượng"], ["Xã, thị trấn", "222"]], []),
        ([["Danh mục", "2016"], ["- Tổng số CB, HV", "40.566"]], []),
    ],
    ids=[
        "column-abbreviation",
        "column-noun",
        "column-parenthesised",
        "column-frequency",
        "row-so",
        "row-target",
        "written-unit",
        "percent-money-year",
        "row-money-rate",
        "year-zero-index",
        "table-of-contents",
        "no-unit",
        "two-nouns",
    ],
)
def test_counts_in_table_cells_carry_their_row_and_column(rows, expected):
    assert _counts_of(rows) == expected


def test_a_count_in_a_cell_and_in_the_prose_are_two_counts():
    lines, rules, bottom = ruled_table(1, 200, COLUMNS, TARGETS)
    prose, _ = paragraph_lines(1, 120, "Trong nhiệm kỳ, các cấp Hội đã giúp 391 hộ thoát nghèo.")
    doc = _doc(build_pdf([*prose, *lines], rules=rules))
    hộ = [(c.value, c.row, c.column, len(c.mentions)) for c in doc.counts if c.unit == "hộ"]
    assert hộ == [
        (391, None, None, 1),
        (350, "Các cấp Hội giúp hộ nghèo do phụ nữ làm chủ thoát nghèo.", "Chỉ tiêu Đại hội", 1),
        (391, "Các cấp Hội giúp hộ nghèo do phụ nữ làm chủ thoát nghèo.", "Kết quả", 1),
    ]


def test_count_row_and_column_default_to_none():
    assert Count(value=3, unit="người", raw="3 người").row is None
    assert Count(value=3, unit="người", raw="3 người").column is None


# ------------------------------------------------------------------------------------------ real PDFs


@functools.cache
def _real(name: str) -> vndoc.models.Document:
    return vndoc.extract(shared_path("realpdfs", *name.split("/")), settings=NO_OCR)


def test_real_targets_table_reads_cells_and_counts_with_labels():
    doc = _real("gialam-2021/4.1.pdf")
    table = doc.tables[0]
    assert table.pages == [1]
    assert table.header == [["TT", "Nội dung", "Chỉ tiêu Đại hội", "Kết quả", "Đánh giá"]]
    row = "Các cấp Hội giúp hộ nghèo do phụ nữ làm chủ thoát nghèo."
    assert ["", row, "350 hộ", "391 hộ", "Vượt 41 hộ"] in table.rows
    found = {(c.value, c.unit, c.row, c.column) for c in doc.counts}
    assert {(350, "hộ", row, "Chỉ tiêu Đại hội"), (391, "hộ", row, "Kết quả")} <= found
    assert f"\t{row}\t350 hộ\t391 hộ\tVượt 41 hộ\n" in doc.text


def test_real_yearly_table_counts_take_the_unit_from_the_row_label():
    doc = _real("gialam-2021/4.1.pdf")
    found = {(c.value, c.unit, c.row, c.column) for c in doc.counts}
    assert (38374, "người", "Số người đăng ký thực hiện", "2016") in found
    assert not any(c.column == "2016" and c.value == 40566 for c in doc.counts)  # "Tổng số CB, HV": two nouns
    assert not any(c.unit == "%" or (c.row or "").startswith("Tỷ lệ") for c in doc.counts)


def test_real_table_continued_over_two_page_breaks_without_repeated_header():
    doc = _real("spkt-2025/vkdh.pdf")
    [table] = [t for t in doc.tables if 36 in t.pages]
    assert table.pages == [36, 37, 38]
    assert table.header == [["STT", "Nội dung", "Kết quả thực hiện", "Tỷ lệ", "Mức độ hoàn thành"]]
    found = {(c.value, c.unit, c.column) for c in doc.counts if c.row and c.row.startswith("Vận động ít nhất 8.000")}
    assert found == {(8000, "đơn vị", "Nội dung"), (8370, "đơn vị", "Kết quả thực hiện")}
    counts = {(c.value, c.unit, c.column) for c in doc.counts if c.row == "2023 - 2024"}
    assert (13647, "SV", "Số SV đăng ký tham gia") in counts
