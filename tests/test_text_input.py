"""Text inputs: encodings, line endings, invisible characters, reflow of hard-wrapped text."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

import vndoc
from vndoc.readers.text import decode_text


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes as old Vietnamese Windows software wrote them: precomposed base letters
    (â, ê, ô, ơ, ư, ă, đ) and combining tone marks."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            tone = next(m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323")
            rest = "".join(m for m in marks if m != tone)
            out += unicodedata.normalize("NFC", base + rest).encode("cp1258")
            out += tone.encode("cp1258")
    return bytes(out)


SAMPLE = (
    "Hồng Lĩnh, ngày 26 tháng 01 năm 2024\nBÁO CÁO\nTỔNG KẾT NHIỆM KỲ\n"
    "Hội có 19 chi hội với gần 1.700 hội viên, thủy lợi và khoẻ mạnh.\n"
)


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16"),
        (SAMPLE.encode("utf-16-be"), "utf-16"),
        (to_cp1258(SAMPLE), "cp1258"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1258"],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    text, found = decode_text(data)
    assert found == encoding
    doc = vndoc.extract(data)
    assert doc.source.text_encoding == encoding
    assert doc.header.doc_type == "Báo cáo" and doc.header.place == "Hồng Lĩnh"
    assert doc.text.split("\n")[-1] == "Hội có 19 chi hội với gần 1.700 hội viên, thủy lợi và khoẻ mạnh."


def test_nfd_control_and_zero_width_characters_are_cleaned():
    dirty = unicodedata.normalize("NFD", "Đại hội\u200b lần thứ V\u0007 của Hội Q\u00d0-TTg")
    doc = vndoc.extract(dirty + "\n")
    assert doc.text == "Đại hội lần thứ V của Hội QĐ-TTg"
    assert unicodedata.is_normalized("NFC", doc.text)


def test_crlf_and_form_feed_pages():
    doc = vndoc.extract("Trang một có nội dung.\r\n\fTrang hai có nội dung.\r\n".encode())
    assert doc.text == "Trang một có nội dung.\nTrang hai có nội dung."
    assert doc.source.pages == 2


WRAPPED = """\
I. KIỂM ĐIỂM SỰ LÃNH ĐẠO, CHỈ ĐẠO CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH, BAN
THƯỜNG VỤ TỈNH ỦY TRONG NHIỆM KỲ VỪA QUA
1. Ưu điểm
Ngay sau Đại hội, Ban Thường vụ đã chỉ đạo xây dựng kế hoạch, hướng dẫn tổ chức
học tập, quán triệt, tuyên truyền nghị quyết đến các cấp ủy, cán bộ, đảng viên và
Nhân dân trong tỉnh; tổ chức Hội nghị cán bộ chủ chốt cấp tỉnh để quán triệt.
Việc lãnh đạo học tập được các cấp ủy thực hiện theo đúng kế hoạch, hướng dẫn của
cấp trên, bảo đảm chất lượng và tiến độ đề ra trong toàn Đảng bộ tỉnh nhà.
- Một số cấp ủy chưa quan tâm đúng mức đến việc sơ kết, tổng kết, rút kinh
nghiệm trong quá trình thực hiện các nhiệm vụ được giao.
2. Hạn chế, khuyết điểm
"""


def test_hard_wrapped_text_is_reflowed():
    doc = vndoc.extract(WRAPPED)
    assert doc.text.split("\n") == [
        "I. KIỂM ĐIỂM SỰ LÃNH ĐẠO, CHỈ ĐẠO CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH, BAN THƯỜNG VỤ TỈNH ỦY TRONG "
        "NHIỆM KỲ VỪA QUA",
        "1. Ưu điểm",
        "Ngay sau Đại hội, Ban Thường vụ đã chỉ đạo xây dựng kế hoạch, hướng dẫn tổ chức học tập, quán "
        "triệt, tuyên truyền nghị quyết đến các cấp ủy, cán bộ, đảng viên và Nhân dân trong tỉnh; tổ chức "
        "Hội nghị cán bộ chủ chốt cấp tỉnh để quán triệt.",
        "Việc lãnh đạo học tập được các cấp ủy thực hiện theo đúng kế hoạch, hướng dẫn của cấp trên, bảo "
        "đảm chất lượng và tiến độ đề ra trong toàn Đảng bộ tỉnh nhà.",
        "- Một số cấp ủy chưa quan tâm đúng mức đến việc sơ kết, tổng kết, rút kinh nghiệm trong quá trình "
        "thực hiện các nhiệm vụ được giao.",
        "2. Hạn chế, khuyết điểm",
    ]
    assert [(s.number, [c.number for c in s.children]) for s in doc.sections] == [("I", ["1", "2"])]
    assert doc.sections[0].title.endswith("BAN THƯỜNG VỤ TỈNH ỦY TRONG NHIỆM KỲ VỪA QUA")


def test_blank_draft_header_gives_none_and_issues():
    doc = vndoc.extract(
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN\nSố -NQ/ĐH\nThái Nguyên, ngày   tháng 9 năm 2025\n"
        "NGHỊ QUYẾT\nĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH LẦN THỨ I, NHIỆM KỲ 2025 - 2030\n"
        "I. Tán thành những nội dung đánh giá kết quả thực hiện nghị quyết.\n"
    )
    h = doc.header
    assert (h.number, h.date, h.place, h.doc_type) == (None, None, "Thái Nguyên", "Nghị quyết")
    assert (h.term.ordinal, h.term.start, h.term.end) == ("I", 2025, 2030)
    assert {i.code for i in doc.issues} == {"header.number_blank", "header.date_blank"}
    for issue in doc.issues:
        assert all(doc.text[s.start : s.end] == s.text for s in issue.spans)


def test_line_end_hyphens_are_undone():
    wrapped = (
        "Ban Chấp hành đã phân công đồng chí Nguyễn Văn An, Trưởng phòng GD-\n"
        "ĐT huyện, phụ trách công tác tuyên truyền về chuyển đổi số trong toàn\n"
        "hệ thống, phối hợp với các đơn vị tổ chức hội thảo về e-gov-\n"
        "ernment và dịch vụ công trực tuyến mức độ 3, mức độ 4 cho cán bộ.\n"
        "Các chi hội đã triển khai kế hoạch đúng tiến độ, bảo đảm chất lượng đề ra\n"
        "trong năm và báo cáo kết quả về Thường trực Hội đúng thời gian quy định.\n"
        "Đây là một đoạn văn mới của báo cáo, viết liền một dòng cho trọn ý.\n"
        "Thêm một đoạn văn ngắn nữa để văn bản có đủ số dòng cần thiết nhé.\n"
    )
    lines = vndoc.extract(wrapped).text.split("\n")
    assert lines[0].startswith("Ban Chấp hành đã phân công đồng chí Nguyễn Văn An, Trưởng phòng GD-ĐT huyện,")
    assert "e-government và dịch vụ công" in lines[0]
    assert lines[1].startswith("Các chi hội") and len(lines) == 4
