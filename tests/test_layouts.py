"""Header layouts in PDFs and DOCX files the tests build: state, Party, association, no header."""

from __future__ import annotations

import datetime as dt

import pytest

import vndoc
from tests.builders import PdfLine, build_docx, build_pdf, paragraph_lines

BODY = (
    "Căn cứ Điều lệ Hội được phê duyệt; xét đề nghị của Ban Tổ chức, Ban Thường vụ thống nhất "
    "thông qua các nội dung sau đây để các chi hội triển khai thực hiện trong thời gian tới, bảo đảm "
    "đúng tiến độ và chất lượng theo yêu cầu đề ra."
)


def _state_decision() -> bytes:
    lines = [
        PdfLine(1, 150, 50, "UBND TỈNH HÀ TĨNH", align="center", size=12),
        PdfLine(1, 150, 66, "SỞ NỘI VỤ", style="bold", align="center", size=12),
        PdfLine(1, 150, 90, "Số: 125/QĐ-SNV", align="center", size=12),
        PdfLine(1, 410, 50, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="bold", align="center", size=12),
        PdfLine(1, 410, 66, "Độc lập - Tự do - Hạnh phúc", style="bold", align="center", size=12),
        PdfLine(1, 553, 90, "Hà Tĩnh, ngày 12 tháng 8 năm 2016", style="italic", align="right", size=12),
        PdfLine(1, 319, 130, "QUYẾT ĐỊNH", style="bold", align="center", size=14),
        PdfLine(1, 319, 148, "Về việc công nhận Ban Chấp hành Hội Khuyến học huyện", style="bold", align="center"),
        PdfLine(1, 319, 166, "khóa III, nhiệm kỳ 2016 - 2021", style="bold", align="center"),
    ]
    body, y = paragraph_lines(1, 200, BODY)
    lines += body
    lines += [
        PdfLine(1, 113, y + 10, "Điều 1. Công nhận Ban Chấp hành gồm 15 thành viên.", style="bold"),
        PdfLine(1, 113, y + 30, "Điều 2. Quyết định có hiệu lực kể từ ngày ký.", style="bold"),
        PdfLine(1, 85, y + 70, "Nơi nhận:", style="bold", size=11),
        PdfLine(1, 85, y + 84, "- Như Điều 2;", size=10),
        PdfLine(1, 85, y + 96, "- Lưu: VT.", size=10),
        PdfLine(1, 430, y + 70, "KT. GIÁM ĐỐC", style="bold", align="center"),
        PdfLine(1, 430, y + 86, "PHÓ GIÁM ĐỐC", style="bold", align="center"),
        PdfLine(1, 430, y + 140, "Nguyễn Văn Hùng", style="bold", align="center"),
    ]
    return build_pdf(lines)


def _party_resolution() -> bytes:
    lines = [
        PdfLine(1, 150, 50, "ĐẢNG BỘ TỈNH NGHỆ AN", align="center", size=12),
        PdfLine(1, 150, 66, "HUYỆN ỦY NAM ĐÀN", style="bold", align="center", size=12),
        PdfLine(1, 150, 80, "*", align="center", size=12),
        PdfLine(1, 150, 94, "Số 15-NQ/HU", align="center", size=12),
        PdfLine(1, 410, 50, "ĐẢNG CỘNG SẢN VIỆT NAM", style="bold", align="center", size=12),
        PdfLine(1, 553, 80, "Nam Đàn, ngày 6 tháng 3 năm 2021", style="italic", align="right", size=12),
        PdfLine(1, 319, 130, "NGHỊ QUYẾT", style="bold", align="center", size=14),
        PdfLine(1, 319, 148, "VỀ PHÁT TRIỂN KINH TẾ TẬP THỂ GIAI ĐOẠN 2021 - 2025", style="bold", align="center"),
    ]
    body, y = paragraph_lines(1, 190, BODY)
    lines += body
    lines += [
        PdfLine(1, 113, y + 4, "I. MỤC TIÊU", style="bold"),
        PdfLine(1, 113, y + 24, "1. Mục tiêu chung", style="bold"),
    ]
    body, y = paragraph_lines(1, y + 44, BODY)
    lines += body
    lines += [
        PdfLine(1, 113, y + 4, "2. Mục tiêu cụ thể", style="bold"),
        PdfLine(1, 113, y + 24, "II. NHIỆM VỤ, GIẢI PHÁP", style="bold"),
        PdfLine(1, 430, y + 70, "T/M BAN THƯỜNG VỤ", style="bold", align="center"),
        PdfLine(1, 430, y + 86, "BÍ THƯ", style="bold", align="center"),
        PdfLine(1, 430, y + 140, "Trần Văn Nam", style="bold", align="center"),
    ]
    return build_pdf(lines)


def test_state_header_two_columns():
    doc = vndoc.extract(_state_decision())
    h = doc.header
    assert (h.number, h.place, h.date) == ("125/QĐ-SNV", "Hà Tĩnh", dt.date(2016, 8, 12))
    assert h.doc_type == "Quyết định"
    assert h.title == "Về việc công nhận Ban Chấp hành Hội Khuyến học huyện khóa III, nhiệm kỳ 2016 - 2021"
    assert (h.issuer, h.parent_issuer) == ("SỞ NỘI VỤ", "UBND TỈNH HÀ TĨNH")
    assert (h.term.ordinal, h.term.start, h.term.end) == ("III", 2016, 2021)
    assert (h.signer.capacity, h.signer.title, h.signer.name) == ("KT.", "Phó giám đốc", "Nguyễn Văn Hùng")
    assert [s.number for s in doc.sections] == ["Điều 1", "Điều 2"]
    assert [s.kind for s in doc.sections] == ["article", "article"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text.split("\n")


def test_party_header():
    doc = vndoc.extract(_party_resolution())
    h = doc.header
    assert (h.number, h.place, h.date) == ("15-NQ/HU", "Nam Đàn", dt.date(2021, 3, 6))
    assert h.doc_type == "Nghị quyết"
    assert h.title == "VỀ PHÁT TRIỂN KINH TẾ TẬP THỂ GIAI ĐOẠN 2021 - 2025"
    assert (h.issuer, h.parent_issuer) == ("HUYỆN ỦY NAM ĐÀN", "ĐẢNG BỘ TỈNH NGHỆ AN")
    assert (h.signer.capacity, h.signer.title, h.signer.name) == ("TM.", "Bí thư", "Trần Văn Nam")
    assert [(s.number, [c.number for c in s.children]) for s in doc.sections] == [("I", ["1", "2"]), ("II", [])]


def test_association_header_without_number():
    lines = [
        PdfLine(1, 553, 50, "Vinh, ngày 15 tháng 3 năm 2009", style="italic", align="right"),
        PdfLine(1, 319, 90, "BÁO CÁO", style="bold", align="center", size=14),
        PdfLine(1, 319, 108, "TỔNG KẾT CÔNG TÁC HỘI NĂM 2008", style="bold", align="center"),
    ]
    body, _ = paragraph_lines(1, 140, BODY)
    doc = vndoc.extract(build_pdf(lines + body))
    h = doc.header
    assert (h.number, h.place, h.date, h.doc_type) == (None, "Vinh", dt.date(2009, 3, 15), "Báo cáo")
    assert h.title == "TỔNG KẾT CÔNG TÁC HỘI NĂM 2008"
    assert h.term is None


def test_no_header_at_all():
    body, _ = paragraph_lines(1, 60, BODY)
    doc = vndoc.extract(build_pdf(body))
    assert doc.header.doc_type is None and doc.header.date is None and doc.header.title is None
    assert doc.text == " ".join(BODY.split())


def test_paragraph_across_pages_and_page_numbers():
    first, _ = paragraph_lines(1, 780, "Hiện nay Hội có 19 chi hội trực thuộc và hơn", indent=28)
    lines = (
        [PdfLine(1, 85, 60, "Mở đầu báo cáo.")]
        + first
        + [
            PdfLine(2, 297, 30, "2", align="center", size=11),
            PdfLine(2, 85, 60, "1.700 hội viên ở các xã, phường trong toàn huyện."),
            PdfLine(2, 113, 78, "Đoạn văn mới bắt đầu ở đây."),
            PdfLine(3, 297, 30, "3", align="center", size=11),
            PdfLine(3, 113, 60, "Trang ba."),
        ]
    )
    doc = vndoc.extract(build_pdf(lines))
    assert doc.text.split("\n") == [
        "Mở đầu báo cáo.",
        "Hiện nay Hội có 19 chi hội trực thuộc và hơn 1.700 hội viên ở các xã, phường trong toàn huyện.",
        "Đoạn văn mới bắt đầu ở đây.",
        "Trang ba.",
    ]
    from vndoc.paged_text import PagedText
    from vndoc.reflow import reflow, remove_page_furniture  # noqa: F401

    start = doc.text.index("1.700")
    paged = PagedText(doc.text, (0, doc.text.index("1.700"), doc.text.index("Trang ba")))
    assert paged.span(start, start + 5).page == 2


def test_encrypted_pdf_with_empty_user_password_reads():
    body, _ = paragraph_lines(1, 60, BODY)
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = build_pdf(body, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    assert vndoc.extract(data).text == " ".join(BODY.split())


def test_encrypted_pdf_with_password_is_refused():
    from vndoc.errors import EncryptedDocumentError

    body, _ = paragraph_lines(1, 60, BODY)
    data = build_pdf(body, encrypt="secret")
    with pytest.raises(EncryptedDocumentError):
        vndoc.extract(data)


def test_docx_with_header_table():
    data = build_docx(
        [
            ("center-bold", "KẾ HOẠCH"),
            ("center-bold", "Tổ chức Đại hội Chi hội Cựu chiến binh thôn Đông"),
            ("p", BODY),
            ("bold", "I. MỤC ĐÍCH, YÊU CẦU"),
            ("p", BODY),
            ("bold", "II. NỘI DUNG"),
        ],
        header_table=(
            ["HỘI CCB XÃ ĐÔNG SƠN", "Số: 03/KH-CCB"],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Đông Sơn, ngày 02 tháng 01 năm 2019",
            ],
        ),
    )
    doc = vndoc.extract(data)
    h = doc.header
    assert doc.source.media_type.endswith("wordprocessingml.document")
    assert (h.number, h.place, h.date, h.doc_type) == ("03/KH-CCB", "Đông Sơn", dt.date(2019, 1, 2), "Kế hoạch")
    assert h.title == "Tổ chức Đại hội Chi hội Cựu chiến binh thôn Đông"
    assert h.issuer == "HỘI CCB XÃ ĐÔNG SƠN"
    assert [s.number for s in doc.sections] == ["I", "II"]


@pytest.mark.parametrize(
    ("second", "joined"),
    [
        ("- 2028:", True),  # the year range of a term wrapped at its dash
        ("– 2028", True),
        ("- 2028 - 2030 là giai đoạn mới", False),  # a bullet that starts with a range of its own
        ("- Tổ chức 21 hoạt động", False),  # an ordinary bullet
    ],
)
def test_heading_wrapped_inside_a_year_range(second, joined):
    heading = "III. SỐ LƯỢNG VÀ CƠ CẤU BAN KIỂM TRA KHOÁ XII, NHIỆM KỲ 2025"
    lines = [PdfLine(1, 85, 200, heading, style="bold"), PdfLine(1, 85, 218, second, style="bold")]
    lines += paragraph_lines(1, 250, BODY)[0]
    doc = vndoc.extract(build_pdf(lines))
    first_line = doc.text.split("\n")[0]
    assert (first_line == f"{heading} {second}") is joined
    if joined:
        assert doc.sections[0].title.endswith("NHIỆM KỲ 2025 " + second.rstrip(":"))


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("PHẦN I. KẾT QUẢ PHONG TRÀO PHỤ NỮ", "VÀ HOẠT ĐỘNG HỘI NHIỆM KỲ 2016 - 2021", True),
        ("II. MỤC TIÊU, PHƯƠNG HƯỚNG,", "NHIỆM VỤ NHIỆM KỲ 2021 - 2026", True),
        ("PHẦN THỨ NHẤT", "BÁO CÁO KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT", False),  # the marker alone is a line of its own
        ("I. KẾT QUẢ ĐẠT ĐƯỢC.", "NHIỆM KỲ 2016 - 2021", False),  # a full stop ends the heading
        ("BÁO CÁO", "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT", False),  # no heading marker: a title block's lines
    ],
)
def test_centred_heading_wrapped_over_two_lines(first, second, joined):
    lines = [PdfLine(1, 85, 80, "Mở đầu văn bản, một đoạn văn ngắn.")]
    lines += paragraph_lines(1, 110, BODY)[0]
    lines += [
        PdfLine(1, 297, 200, first, style="bold", align="center"),
        PdfLine(1, 297, 218, second, style="bold", align="center"),
    ]
    lines += paragraph_lines(1, 250, BODY)[0]
    text = vndoc.extract(build_pdf(lines)).text.split("\n")
    assert (f"{first} {second}" in text) is joined
    assert (first in text and second in text) is not joined


@pytest.mark.parametrize(
    ("end", "start", "joined"),
    [
        ("thực hiện Nghị quyết Trung ương 2 (khoá", "VIII) về khoa học và công nghệ.", True),
        ("theo Quyết định (số 12/QĐ-UBND, điểm", "b) khoản 2) của tỉnh.", True),
        ("thực hiện Nghị quyết Trung ương 2 (khoá VIII).", "b) Về tổ chức: hướng dẫn các hội.", False),
    ],
)
def test_a_wrapped_parenthesis_is_not_a_list_marker(end, start, joined):
    lines = [PdfLine(1, 85, 200, "Tiếp tục quán triệt và " + end), PdfLine(1, 85, 218, start)]
    text = vndoc.extract(build_pdf(lines)).text.split("\n")
    assert (f"Tiếp tục quán triệt và {end} {start}" in text) is joined


def test_lines_sharing_no_left_edge():
    # three lines, each starting at its own x: no common left margin to measure indentation from
    pdf = build_pdf(
        [
            PdfLine(1, 297, 60, "BÁO CÁO", style="bold", align="center", size=14),
            PdfLine(1, 113, 100, "Hội đã hoàn thành các chỉ tiêu đề ra."),
            PdfLine(1, 140, 130, "Trân trọng."),
        ]
    )
    assert vndoc.extract(pdf).text.split("\n") == ["BÁO CÁO", "Hội đã hoàn thành các chỉ tiêu đề ra.", "Trân trọng."]


@pytest.mark.parametrize("tracking", [0.0, -0.4])
def test_words_of_condensed_type_without_space_glyphs(tracking):
    """Words set one by one (no space glyph), 0.19 of the size apart: in type set with negative tracking
    that gap is a word space; in normal type it is not enough to part words."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from tests.builders import _register_fonts

    _register_fonts()
    size, words = 14.0, "Đ/c Vương Thị Thanh Hà - Phó Viện trưởng Viện KSND huyện".split()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    x = 60.0
    for word in words:
        text = c.beginText(x, A4[1] - 200)
        text.setFont("VnSerif-Regular", size)
        text.setCharSpace(tracking)
        text.textOut(word)
        c.drawText(text)
        x += stringWidth(word, "VnSerif-Regular", size) + tracking * (len(word) - 1) + 0.19 * size
    c.showPage()
    c.save()
    line = vndoc.extract(buffer.getvalue()).text.strip()
    assert line == (" ".join(words) if tracking < 0 else "".join(words))


def test_a_data_appendix_is_read_as_an_appendix_of_the_report_it_names():
    doc = vndoc.extract(
        "PHỤ LỤC SỐ LIỆU\n(Kèm theo Báo cáo số 22/BC-BCH ngày 08/7/2021\nCủa BCH Hội LHPN huyện Gia Lâm)\n"
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NHIỆM KỲ 2016 - 2021\n"
        "TT\tNội dung\tChỉ tiêu\tKết quả\n1\tHộ nghèo được giúp thoát nghèo\t350 hộ\t391 hộ\n"
    )
    assert doc.header.doc_type == "Phụ lục" and doc.header.issuer is None
    assert doc.header.title and doc.header.title.startswith("SỐ LIỆU (Kèm theo Báo cáo số 22/BC-BCH")
    assert [(r.symbol, r.date) for r in doc.references] == [("22/BC-BCH", dt.date(2021, 7, 8))]
