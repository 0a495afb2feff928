"""Footnotes in PDFs: raised markers out of the body words, notes out of the page into Document.footnotes.

The small PDFs are built here: body lines in 13 pt with footnote references set small and raised
("sao{14}." in :func:`tests.builders.raised_marks`), notes in 10 pt at the foot of the page. The real
published PDFs (shared material) are checked for their known notes.
"""

from __future__ import annotations

import re

import pytest

import vndoc
from tests.builders import PdfLine, build_pdf, paragraph_lines, raised_marks
from tests.conftest import shared_path
from vndoc.paged_text import PagedText

LEFT = 85.0
BODY_TOP = 80.0
LEADING = 18.0
FOOT_TOP = 700.0
FOOT_LEADING = 12.5


def _pdf(pages: list[tuple[list[str], list[str]]], *, rule: tuple[int, ...] | None = None, rise: float = 0.35) -> bytes:
    """A PDF of pages, each (body lines in 13 pt, foot lines in 10 pt), "{n}" marks set raised; lines
    starting with two spaces are indented. A short rule is drawn above the foot lines of the pages in
    ``rule`` (by default of every page that has foot lines), as word processors draw it above notes."""
    lines: list[PdfLine] = [PdfLine(1, 297, 50, "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG", style="bold", align="center", size=14)]
    rules = []
    for number, (body, foot) in enumerate(pages, start=1):
        for i, text in enumerate(body):
            x = LEFT + 28 if text.startswith("  ") else LEFT
            lines += raised_marks(PdfLine(number, x, BODY_TOP + i * LEADING, text.strip(), size=13), rise=rise)
        for i, text in enumerate(foot):
            x = LEFT + 20 if text.startswith("  ") else LEFT
            lines += raised_marks(PdfLine(number, x, FOOT_TOP + i * FOOT_LEADING, text.strip(), size=10))
        if foot and (rule is None or number in rule):
            rules.append((number, LEFT, LEFT + 144, FOOT_TOP - 14))
    return build_pdf(lines, rules=tuple(rules))


def _wrap(paragraph: str) -> list[str]:
    """The lines of a paragraph wrapped between the margins, the first indented."""
    lines, _ = paragraph_lines(1, 0, paragraph)
    return ["  " + lines[0].text] + [line.text for line in lines[1:]]


PARA_A = _wrap(
    "Trong nhiệm kỳ, các cơ sở lưu trú của hội viên được nâng cấp đồng bộ; khách sạn trung tâm của tỉnh "
    "được công nhận đạt 5 sao{14}. Giá phòng áp dụng từ năm 2025 {15}do Sở Văn hóa, Thể thao và Du lịch "
    "quy định, được niêm yết công khai trực tuyến{16}. Song song đó, Hội phối hợp tổ chức nhiều lớp tập "
    "huấn nghiệp vụ cho các cơ sở lưu trú và các doanh nghiệp lữ hành trên địa bàn, thu hút đông đảo hội "
    "viên tham gia các hoạt động chung của Hội."
)
PARA_B = _wrap("Công tác phát triển hội viên được quan tâm, số hội viên mới tăng đều qua các năm.")
FOOT_A = [
    "{14}Công nhận ngày 10/3/2024.",
    "{15}Theo Quyết định số 12/QĐ-SVHTTDL ngày 05/01/2025.",
    "{16}Số liệu tính đến 30/6/2025.",
]
# paragraph A runs over the page break: five lines on page 1 with its three notes, two on page 2
PAGES_A = [(PARA_A[:5], FOOT_A), (PARA_A[5:] + PARA_B, [])]


def _plain(lines: list[str]) -> str:
    """The lines of a paragraph as one line of text, without their note marks."""
    text = " ".join(line.strip() for line in lines)
    return re.sub(r"\{\d+\}", "", text)


def test_markers_leave_the_words_and_notes_leave_the_paragraph():
    doc = vndoc.extract(_pdf(PAGES_A))
    assert "đạt 5 sao. Giá phòng áp dụng từ năm 2025 do Sở Văn hóa" in doc.text
    assert "công khai trực tuyến. Song song đó" in doc.text
    assert not re.search(r"sao\d|2025 \d+do|tuyến\d", doc.text)
    # the paragraph runs on over the page break; the notes come after everything else, one a line
    assert doc.text.split("\n") == [
        "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG",
        _plain(PARA_A),
        _plain(PARA_B),
        "14 Công nhận ngày 10/3/2024.",
        "15 Theo Quyết định số 12/QĐ-SVHTTDL ngày 05/01/2025.",
        "16 Số liệu tính đến 30/6/2025.",
    ]


@pytest.mark.parametrize("rise", [0.35, 0.5])  # 0.5: the marker's top above the letters' tops
def test_footnote_records_marker_anchor_page_and_span(rise):
    doc = vndoc.extract(_pdf(PAGES_A, rise=rise))
    got = [
        (f.marker, f.page, f.anchor.text if f.anchor else None, f.anchor.page if f.anchor else None)
        for f in doc.footnotes
    ]
    assert got == [("14", 1, "sao", 1), ("15", 1, "2025", 1), ("16", 1, "tuyến", 1)]
    for note in doc.footnotes:
        (span,) = note.mentions
        assert doc.text[span.start : span.end] == note.text == span.text
        assert span.page == 1  # the note's own page, though it comes after page 2's text
        assert note.anchor is not None and doc.text[note.anchor.start : note.anchor.end] == note.anchor.text
    assert doc.footnotes[2].text == "Số liệu tính đến 30/6/2025."
    # what a note says is still read: its reference and its date, on the note's page
    (ref,) = [r for r in doc.references if r.number.startswith("12")]
    assert ref.mentions[0].page == 1


def test_multi_line_note_is_one_footnote():
    body = _wrap(
        "Công tác phát triển tổ chức Hội được chú trọng, nhiều chi hội mới được thành lập ở các xã vùng "
        "cao trong nhiệm kỳ{2}, góp phần mở rộng mạng lưới hội viên của tỉnh."
    )
    foot = [
        "  {2}Trong nhiệm kỳ, Hội đã kết nạp 1.250 hội viên mới, thành lập thêm 12 chi hội ở các xã",
        "vùng cao và 03 câu lạc bộ nghề nghiệp.",
    ]
    doc = vndoc.extract(_pdf([(body, foot)]))
    assert [(f.marker, f.text) for f in doc.footnotes] == [
        (
            "2",
            "Trong nhiệm kỳ, Hội đã kết nạp 1.250 hội viên mới, thành lập thêm 12 chi hội ở các xã "
            "vùng cao và 03 câu lạc bộ nghề nghiệp.",
        )
    ]
    assert doc.text.split("\n")[1:] == [_plain(body), "2 " + doc.footnotes[0].text]
    counts = {(c.value, c.unit) for c in doc.counts}
    assert {(1250, "hội viên"), (12, "chi hội")} <= counts
    assert all(c.value != 2 for c in doc.counts)  # the marker counts nothing


PARA_C = _wrap(
    "Hội tổ chức các hoạt động hỗ trợ hội viên phát triển kinh tế{1}, trong đó chú trọng chuyển giao "
    "khoa học kỹ thuật và tiếp cận nguồn vốn vay ưu đãi cho hội viên{2}; nhiều mô hình kinh tế tập thể "
    "hoạt động hiệu quả, thu nhập của hội viên tăng rõ rệt{3} so với đầu nhiệm kỳ."
)
CUT_C = next(i for i, line in enumerate(PARA_C) if "{3}" in line)
FOOT_C1 = [
    "{1}Tổ chức 24 lớp tập huấn chuyển giao khoa học kỹ thuật.",
    "{2}Phối hợp Ngân hàng Chính sách xã hội giải ngân 35 tỷ đồng cho 1.020 hộ hội viên, trong",
]
FOOT_C2 = ["đó 420 hộ thuộc diện hộ nghèo và cận nghèo.", "{3}Thu nhập bình quân năm 2025 đạt 62 triệu đồng."]
PAGES_C = [(PARA_C[:CUT_C], FOOT_C1), (PARA_C[CUT_C:], FOOT_C2)]


def test_note_continued_on_the_next_page():
    assert "{2}" in "".join(PARA_C[:CUT_C])  # notes 1 and 2 on page 1, note 3 on page 2
    doc = vndoc.extract(_pdf(PAGES_C))
    assert [(f.marker, f.page, f.mentions[0].page) for f in doc.footnotes] == [("1", 1, 1), ("2", 1, 1), ("3", 2, 2)]
    assert doc.footnotes[1].text == (
        "Phối hợp Ngân hàng Chính sách xã hội giải ngân 35 tỷ đồng cho 1.020 hộ hội viên, trong "
        "đó 420 hộ thuộc diện hộ nghèo và cận nghèo."
    )
    assert [f.anchor.text if f.anchor else None for f in doc.footnotes] == ["tế", "viên", "rệt"]
    assert doc.text.split("\n")[1] == _plain(PARA_C)


def test_small_lines_without_a_separator_rule_do_not_continue_a_note():
    doc = vndoc.extract(_pdf(PAGES_C, rule=(1,)))  # no rule above the foot of page 2
    assert [f.marker for f in doc.footnotes] == ["1", "2", "3"]
    assert doc.footnotes[1].text.endswith("cho 1.020 hộ hội viên, trong")
    body = doc.text[: doc.footnotes[0].mentions[0].start]
    assert body.endswith("so với đầu nhiệm kỳ. đó 420 hộ thuộc diện hộ nghèo và cận nghèo.\n1 ")


@pytest.mark.parametrize(
    ("rule", "notes"),
    [
        (None, [("5", "Số liệu do Bảo hiểm xã hội tỉnh cung cấp.", "năm")]),
        ((), []),  # a marker written plainly opens a note only below the separator rule
    ],
)
def test_plain_marker_at_the_foot_matches_a_raised_one_in_the_body(rule, notes):
    body = _wrap("Số hội viên tham gia bảo hiểm xã hội tự nguyện tăng nhanh qua từng năm{5}, vượt chỉ tiêu đề ra.")
    doc = vndoc.extract(_pdf([(body, ["5 Số liệu do Bảo hiểm xã hội tỉnh cung cấp."])], rule=rule))
    assert [(f.marker, f.text, f.anchor.text if f.anchor else None) for f in doc.footnotes] == notes


@pytest.mark.parametrize(
    ("body", "anchor"),
    [
        # the marker wrapped to the start of the next line follows the last word of the line above
        (["  Giá phòng niêm yết công khai trên cổng thông tin điện tử từ năm 2025", "{4}do Sở quy định."], "2025"),
        # a marker opening the paragraph follows no word
        (["  {4}Giá phòng niêm yết công khai trên cổng thông tin điện tử từ năm 2025."], None),
    ],
)
def test_marker_opening_a_line(body, anchor):
    doc = vndoc.extract(_pdf([(body, ["{4}Theo Quyết định số 12/QĐ-SVHTTDL ngày 05/01/2025."])]))
    assert [(f.marker, f.anchor.text if f.anchor else None) for f in doc.footnotes] == [("4", anchor)]
    assert doc.text.split("\n")[1] == _plain(body)


CLOSING = _wrap(
    "Trên đây là báo cáo kết quả hoạt động của Hội trong năm 2025 và phương hướng nhiệm vụ năm 2026, "
    "kính trình Ban Thường vụ xem xét."
)
SMALL_FOOT = ["Nơi nhận:", "- Ban Thường vụ Tỉnh hội;", "1 bản lưu Văn phòng;", "2 bản gửi các chi hội."]


@pytest.mark.parametrize(
    ("pages", "rule", "markers"),
    [
        # small type at the foot and no raised marker anywhere: no footnotes
        ([(CLOSING, SMALL_FOOT)], (), []),
        # notes on page 1; page 2's small lines open with numbers no raised marker has
        ([(PARA_A[:5], FOOT_A), (PARA_A[5:] + CLOSING, SMALL_FOOT)], (1,), ["14", "15", "16"]),
    ],
)
def test_small_type_without_a_matching_marker_stays_body(pages, rule, markers):
    doc = vndoc.extract(_pdf(pages, rule=rule))
    assert [f.marker for f in doc.footnotes] == markers
    lines = doc.text.split("\n")
    assert lines[lines.index(_plain(CLOSING)) + 1 :][:4] == SMALL_FOOT


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        # note markers leave the words, whether or not their note is found
        ("Khách sạn trung tâm của tỉnh được công nhận đạt 5 sao{15}. Giá phòng niêm yết công khai.", "5 sao. Giá"),
        ("Kế hoạch năm 2025 {4}do Bộ Giáo dục và Đào tạo phối hợp Trung ương Đoàn phát động.", "2025 do Bộ"),
        ("Hội nghị lần thứ hai{2,3} đã thông qua chương trình công tác toàn khóa của Ban Chấp hành.", "hai đã"),
        ("Các chương trình{*} được triển khai đồng bộ ở tất cả các chi hội trên địa bàn toàn tỉnh.", "trình được"),
        ("Kế hoạch được gửi tới các chi hội cơ sở{a}, bảo đảm đúng tiến độ và chất lượng đề ra.", "sở, bảo"),
        # exponents of units, raised letters of abbreviations, words in small raised type stay
        ("Diện tích sàn của trụ sở mới là 500 m{2}, gồm hội trường và các phòng làm việc.", "500 m2, gồm"),
        ("Dung tích bể chứa nước của trụ sở mới đạt 30 m{3}, bảo đảm nhu cầu sinh hoạt.", "30 m3, bảo"),
        ("Diện tích rừng trồng mới đạt 12 km{2}, vượt chỉ tiêu Đại hội đề ra cho nhiệm kỳ.", "12 km2, vượt"),
        ("Theo biên bản N{o} 15 của Ban Kiểm tra, các chi hội đã khắc phục hạn chế đã nêu.", "No 15"),
        ("Ban Chấp hành Hội {và} các chi hội cơ sở thống nhất thực hiện nghị quyết đã đề ra.", "Hội và các"),
    ],
)
def test_raised_runs(paragraph, text):
    doc = vndoc.extract(_pdf([(_wrap(paragraph), [])]))
    assert text in doc.text
    assert doc.footnotes == []


def test_documents_without_notes_read_as_before():
    pages = [([re.sub(r"\{\d+\}", "", line) for line in body], []) for body, _ in PAGES_A]
    doc = vndoc.extract(_pdf(pages))
    assert doc.footnotes == []
    assert doc.text.split("\n") == ["BÁO CÁO KẾT QUẢ HOẠT ĐỘNG", _plain(PARA_A), _plain(PARA_B)]


@pytest.mark.parametrize(
    ("offset", "page"),
    [(0, 1), (9, 1), (10, 2), (19, 2), (20, 1), (25, 1), (30, 2), (99, 2)],
)
def test_page_at_gives_footnotes_their_own_page(offset, page):
    # body: page 1 at 0, page 2 at 10; notes after the body: one of page 1 at 20, one of page 2 at 30
    paged = PagedText(text="x" * 100, page_starts=(0, 10), tail_pages=((20, 1), (30, 2)))
    assert paged.page_at(offset) == page


# --------------------------------------------------------------------------- real published PDFs


def test_real_review_report_keeps_its_ten_footnotes():
    path = shared_path("reallong", "dangbo-thainguyen-2025-kiemdiem.pdf")
    doc = vndoc.extract(path)
    assert [(f.marker, f.page) for f in doc.footnotes] == [
        ("1", 1),
        ("2", 2),
        ("3", 4),
        ("4", 4),
        ("5", 4),
        ("6", 6),
        ("7", 7),
        ("8", 12),
        ("9", 14),
        ("10", 14),
    ]
    last = doc.footnotes[-1]
    assert last.text.endswith("Số liệu tính đến ngày 30/6/2025.")
    assert last.mentions[0].page == 14 and doc.text.endswith("\n10 " + last.text)
    body = doc.text[: doc.footnotes[0].mentions[0].start]
    for note in doc.footnotes:
        assert note.anchor is not None and note.anchor.page == note.page
        assert not doc.text[note.anchor.end : note.anchor.end + 1].isdigit()  # no "văn bản1"
        assert note.text[:40] not in body  # out of the paragraphs
    assert "đã ban hành 8.586 văn bản để" in body


def test_real_student_report_markers_and_continued_notes():
    path = shared_path("realpdfs", "spkt-2025", "vkdh.pdf")
    doc = vndoc.extract(path)
    assert [f.marker for f in doc.footnotes] == [str(n) for n in range(1, 30)]
    for fragment in ("mini game trực tuyến. Song song đó", "năm 2025 do Bộ Giáo dục", "lòng tự hào dân tộc, gắn"):
        assert fragment in doc.text
    # note 2 starts at the foot of page 10 and ends at the foot of page 11, before note 3
    second, third = doc.footnotes[1:3]
    assert (second.page, third.page) == (10, 11)
    assert second.text.startswith("Chuyên đề “Học tập và làm theo tấm gương đạo đức Hồ Chí Minh")
    assert second.text.endswith('trong xây dựng thành phố văn minh, hiện đại, nghĩa tình".')
    assert third.text.startswith("Trong nhiệm kỳ Hội Sinh viên trường cùng Đoàn trường")


def test_real_legacy_font_report_keeps_its_notes():
    # a 2005 TCVN3 PDF whose raised markers are drawn across the last letter of their word
    path = shared_path("legacy", "tcvn3", "2005-1ADDZ_Ke_hoach_2005__QH_lan_6_25-10.pdf")
    doc = vndoc.extract(path)
    assert [f.marker for f in doc.footnotes] == [str(n) for n in range(1, 38)]
    assert all(f.anchor is not None for f in doc.footnotes)
    assert "bằng 23,5% GDP và tăng" in doc.text
    assert doc.footnotes[0].text.startswith("GDP theo giá hiện hành năm 2004 ước khoảng 708 - 710 nghìn tỷ đồng")
