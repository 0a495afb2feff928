"""Counts: table-driven cases (what is a count, with its value, unit and approximation, and what is not),
the seed report's full count set, and properties that hold on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from vndoc.counts import find_counts
from vndoc.paged_text import PagedText


def counts_of(text: str) -> list[tuple[int, str, bool]]:
    return [(c.value, c.unit, c.approximate) for c in find_counts(PagedText.single_page(text))]


# ---------------------------------------------------------------------------------------------
# Positive cases: the full list of (value, unit, approximate) of each text, in order.

POSITIVE = [
    # plain counts of people and bodies
    ("Đại hội đã bầu 17 đồng chí vào Ban Chấp hành.", [(17, "đồng chí", False)]),
    ("Ban Thường vụ có 05 người.", [(5, "người", False)]),
    ("Liên hiệp hội có 19 Hội thành viên.", [(19, "Hội thành viên", False)]),
    ("có 04 sản phẩm được công nhận đạt chuẩn OCOP", [(4, "sản phẩm", False)]),
    ("đại diện cho 520 hội viên trên địa bàn xã", [(520, "hội viên", False)]),
    ("Dự đại hội có 100 đại biểu chính thức.", [(100, "đại biểu", False)]),
    ("bầu 3 đ/c vào BCH", [(3, "đ/c", False)]),
    ("chỉ định BCH với 06 UVBCH và 36 hội viên", [(6, "UVBCH", False), (36, "hội viên", False)]),
    (
        "Thường trực gồm 4 đồng chí (01 Chủ tịch, 03 Phó Chủ tịch).",
        [(4, "đồng chí", False), (1, "Chủ tịch", False), (3, "Phó Chủ tịch", False)],
    ),
    ("tặng Bằng khen cho 4 tập thể, 7 cá nhân", [(4, "tập thể", False), (7, "cá nhân", False)]),
    (
        "Hội gồm có 17 chi hội thành viên, 115 hội viên cá nhân",
        [(17, "chi hội", False), (115, "hội viên", False)],
    ),
    (
        "mạng lưới 1.490 chi hội thôn, 6.688 ban KH và 794 phân hội",
        [(1490, "chi hội", False), (6688, "ban", False), (794, "phân hội", False)],
    ),
    ("Hội hiện có 131 cơ sở chi hội ở 5 huyện", [(131, "cơ sở", False), (5, "huyện", False)]),
    (
        "kiểm tra 6.856 tổ chức đảng, 9.914 đảng viên",
        [(6856, "tổ chức đảng", False), (9914, "đảng viên", False)],
    ),
    (
        "quy hoạch 11 khu công nghiệp và 41 cụm công nghiệp",
        [(11, "khu công nghiệp", False), (41, "cụm công nghiệp", False)],
    ),
    ("có 01 câu lạc bộ văn hóa", [(1, "câu lạc bộ", False)]),
    ("hỗ trợ xóa nhà tạm cho 1.838 hộ", [(1838, "hộ", False)]),
    ("thống nhất việc sáp nhập 4 hội", [(4, "hội", False)]),
    ("nhận được 24 văn bản và 09 bản đóng góp ý kiến", [(24, "văn bản", False), (9, "bản", False)]),
    ("với 109 lượt ý kiến đóng góp", [(109, "lượt ý kiến", False)]),
    ("với 10.557 lượt người tham dự", [(10557, "lượt người", False)]),
    ("có 39 lượt góp ý cho 23 dự án luật", [(39, "lượt", False), (23, "dự án", False)]),
    ("tổ chức 1.158 buổi tuyên truyền", [(1158, "buổi", False)]),
    ("phát hành 1.200 tờ bướm", [(1200, "tờ bướm", False)]),
    ("giải quyết 494 đơn thư khiếu nại", [(494, "đơn thư", False)]),
    ("cấp 793.000 suất học bổng", [(793000, "suất", False)]),
    ("Đại hội được lắng nghe 3 bài tham luận", [(3, "bài", False)]),
    ("thống nhất với 05 bài học kinh nghiệm", [(5, "bài học kinh nghiệm", False)]),
    (
        "ban hành 70 chương trình hành động, 37 chương trình",
        [(70, "chương trình hành động", False), (37, "chương trình", False)],
    ),
    (
        "tổ chức 21 Hội nghị Thường trực Tỉnh ủy; 05 Kỳ họp và 05 Phiên họp",
        [(21, "Hội nghị", False), (5, "Kỳ họp", False), (5, "Phiên họp", False)],
    ),
    ("Ban Thường vụ tổ chức 99 cuộc họp", [(99, "cuộc họp", False)]),
    ("Tỉnh ủy đã 03 lần sửa đổi quy chế làm việc", [(3, "lần", False)]),
    ("đến năm 2030 có 19 bác sỹ", [(19, "bác sỹ", False)]),
    ("hợp nhất tổ chức Hội hai tỉnh Bình Định và Gia Lai", [(2, "tỉnh", False)]),
    ("kết nạp thêm 8 chủ trang trại", [(8, "chủ trang trại", False)]),
    # classifiers: the classifier is the unit
    ("Có sự có mặt của 22 vị Đại biểu chính thức.", [(22, "vị", False)]),
    ("có 4 con bò, 3 chiếc xe", [(4, "con", False), (3, "chiếc", False)]),
    # thousands separators, leading zeros, multipliers, decimals made whole
    ("Hội có 12 345 hội viên", [(12345, "hội viên", False)]),
    ("tổng số thành viên lên 2.908 người", [(2908, "người", False)]),
    ("với 1.845,7 nghìn người", [(1845700, "người", False)]),
    ("có 2,5 triệu lượt người tham gia", [(2500000, "lượt người", False)]),
    ("hồ sơ là 160 nghìn hồ sơ", [(160000, "hồ sơ", False)]),
    ("ban hành 2.018 kết luận", [(2018, "kết luận", False)]),
    ("cho hơn 10,000 thiếu nhi", [(10000, "thiếu nhi", True)]),
    ("đạt 3 giải nhì và 1 giải ba cuộc thi", [(3, "giải", False), (1, "giải", False)]),
    ("tổ chức 1,000,000 lượt người", [(1000000, "lượt người", False)]),
    ("có 2,125 triệu người", [(2125000, "người", False)]),
    ("trung bình kết nạp 984 đảng viên/năm", [(984, "đảng viên", False)]),
    # approximators
    ("tập hợp được gần 1700 hội viên", [(1700, "hội viên", True)]),
    ("quy tụ hơn 300 doanh nghiệp hội viên", [(300, "doanh nghiệp", True)]),
    ("nâng số hội viên lên trên 4.500 người", [(4500, "người", True)]),
    ("có khoảng 200 người tham dự", [(200, "người", True)]),
    ("xấp xỉ 300 hội viên", [(300, "hội viên", True)]),
    ("trên dưới 50 cán bộ", [(50, "cán bộ", True)]),
    ("gần như 100 học sinh", [(100, "học sinh", True)]),
    ("mỗi xã có ít nhất 01 câu lạc bộ", [(1, "câu lạc bộ", True)]),
    ("trên 2 triệu lượt người tham dự", [(2000000, "lượt người", True)]),
    ("ban hành trên 14.000 văn bản", [(14000, "văn bản", True)]),
    ("có 826 nghìn người trở lên", [(826000, "người", True)]),
    (
        "có từ 19 bác sỹ, 50 giường bệnh trên 1 vạn dân trở lên",
        [(19, "bác sỹ", True), (50, "giường bệnh", True)],
    ),
    # orders of magnitude
    ("Đã in ấn hàng trăm tờ rơi", [(100, "tờ rơi", True)]),
    ("hàng ngàn hộ được hướng dẫn", [(1000, "hộ", True)]),
    ("hàng chục nghìn tờ gấp", [(10000, "tờ gấp", True)]),
    ("hàng vạn lượt người xem", [(10000, "lượt người", True)]),
    ("vài chục cán bộ", [(10, "cán bộ", True)]),
    # ranges: the upper bound, approximate
    ("tổ chức 15 - 17 cuộc họp", [(17, "cuộc họp", True)]),
    ("có từ 15 đến 17 người", [(17, "người", True)]),
    ("thông thường 5-7 người", [(7, "người", True)]),
    # fractions: both numbers
    ("hòa giải thành 301/464 vụ việc", [(301, "vụ việc", False), (464, "vụ việc", False)]),
    ("hỗ trợ 1.072/1.072 hộ", [(1072, "hộ", False)]),
    # numbers in words
    ("Hai Hội đã quy tụ", [(2, "Hội", False)]),
    ("có hai mươi mốt chi hội", [(21, "chi hội", False)]),
    ("mười lăm tổ hội", [(15, "tổ hội", False)]),
    ("bầu mười một đồng chí", [(11, "đồng chí", False)]),
    ("một trăm linh năm hội viên", [(105, "hội viên", False)]),
    ("hai mươi tư đại biểu", [(24, "đại biểu", False)]),
    ("một nghìn hai trăm hội viên", [(1200, "hội viên", False)]),
    ("ba chục cán bộ", [(30, "cán bộ", False)]),
    ("mười người", [(10, "người", False)]),
    ("hai nghìn không trăm hai mươi người", [(2020, "người", False)]),
    ("bốn mươi tư chi hội", [(44, "chi hội", False)]),
    ("có một nghìn người tham gia", [(1000, "người", False)]),
    ("có năm mươi hội viên", [(50, "hội viên", False)]),
    # a breakdown in brackets, and a total written after its noun
    (
        "thi hành kỷ luật 11 tổ chức đảng (khiển trách 10, cảnh cáo 01)",
        [(11, "tổ chức đảng", False), (10, "tổ chức đảng", False), (1, "tổ chức đảng", False)],
    ),
    (
        "nâng tổng số doanh nghiệp trên địa bàn lên 13.044 (vốn đăng ký 187.955 tỷ đồng)",
        [(13044, "doanh nghiệp", False)],
    ),
    (
        "có 2.345 hội viên (trong đó nữ 1.100, dân tộc thiểu số 300)",
        [(2345, "hội viên", False), (1100, "hội viên", False), (300, "hội viên", False)],
    ),
    ("Số hội viên: 1.250 người; Số chi hội: 35.", [(1250, "người", False), (35, "chi hội", False)]),
    ("Số lượng hội viên là 250, tăng 20.", [(250, "hội viên", False)]),
    # occurrences of a counted noun: the noun joins the unit
    ("với hơn 500 lượt đại biểu tham dự", [(500, "lượt đại biểu", True)]),
    ("tổ chức 04 lần Hội nghị về công tác nhân sự", [(4, "lần Hội nghị", False)]),
    # a line break between number and noun (wrapped text layers)
    ("Ban Thư ký gồm 07\nđồng chí", [(7, "đồng chí", False)]),
    ("có 01 Chủ\ntịch", [(1, "Chủ tịch", False)]),
    # an unknown noun where the sentence plainly counts
    ("gồm 28 chứng từ và 4 chỉ tiêu", [(28, "chứng", False), (4, "chỉ tiêu", False)]),
    ("có 2 xu hướng đầu tư", [(2, "xu hướng", False)]),
    # repeats are one count
    ("Có 25 ý kiến đề nghị. Có 25 ý kiến khác.", [(25, "ý kiến", False)]),
    ("gần 300 hội viên; sau đó 300 hội viên", [(300, "hội viên", False)]),
    # a count of times, a year written with thousands dot as a count
    ("Liên hiệp hội 03 lần được tặng Bằng khen", [(3, "lần", False)]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t for t, _ in POSITIVE])
def test_counts(text: str, expected: list[tuple[int, str, bool]]) -> None:
    assert counts_of(text) == expected


# ---------------------------------------------------------------------------------------------
# Negative cases: none of these states a count.

NEGATIVE = [
    # years, year ranges, terms
    "năm 2018",
    "nhiệm kỳ 2018 - 2023",
    "giai đoạn 2022-2025",
    "(1996-2016)",
    "Năm 2019 Hội Luật gia tổng kết",
    "từ năm 1997 đến 2001 Bộ Y tế ban hành",
    "nhiệm kỳ 2025 - 2030\nBan Chấp hành Đảng bộ tỉnh",
    # dates and times
    "ngày 26 tháng 01 năm 2024",
    "ngày 06/01/2022",
    "Ngày 30/12, Đại hội",
    "Chiều 7-8, tại Văn phòng",
    "từ tháng 8 và tháng 10 năm 2019",
    "lúc 14 giờ",
    "khai mạc lúc 14h30",
    # durations
    "trong 5 năm qua",
    "Trong 05 năm qua",
    "sau 3 tháng",
    "trong 2 ngày",
    "Sau 01 nhiệm kỳ triển khai",
    "trước kế hoạch 8 tháng",
    "mười năm hoạt động",
    "ba năm liền",
    # percentages
    "đạt 95%",
    "đạt 95 phần trăm",
    "tăng 15 - 20%",
    "100% cơ sở Hội",
    # money
    "vận động hàng chục triệu đồng",
    "500.000 đồng",
    "2 tỷ đồng",
    "222 tỷ đồng",
    "đạt 361,6 nghìn tỷ đồng",
    "trên 8 triệu đồng/tháng",
    "mức hội phí 1.000/hội viên/tháng",
    "tăng là 2.000đ/hội viên",
    "hơn 40 tỷ đôla",
    # areas and measures
    "trên 1.800ha cây ăn trái",
    "tổng diện tích 4.245 ha",
    "xây mới 79,36 km đường",
    "mở mới 55 km đường",
    "sản lượng 20 tấn",
    "cân nặng 50 kg",
    # ages
    "người từ 60 tuổi trở lên",
    "từ 18 tuổi",
    # ordinals and labels
    "Đại hội lần thứ IV",
    "khóa V",
    "phiên họp thứ nhất",
    "Hội nghị Trung ương 4 khóa XI",
    "chỉ tiêu thứ 5",
    "Hạn chế thứ 3, trang 13",
    "Về mục 2, trang 2",
    "theo phương án 2:",
    "Trung tâm tư vấn pháp luật số 1 cũng",
    "tại số nhà 1079, đường Hùng Vương",
    "Quận 12 tổ chức tổng kết",
    "mức độ 3 tiếp tục được đẩy mạnh",
    "khoản 2 và 3 Điều này",
    "tại các Điều 46, 47, 48 và 49 Nghị định",
    "tăng gấp 2 lần",
    "gấp 1,5 lần so với năm 2025",
    "tăng tới 10 triệu lần",
    "phạt từ 1 đến 5 lần số thuế",
    # section, list and page numbers
    "2.1. Công tác thông tin tuyên truyền",
    "1. Ông Nguyễn Văn A",
    "(1) Sáp nhập",
    "Trang 3",
    "nội dung\n12\nBan Chấp hành",
    "- 3 -",
    # document numbers and symbols
    "Quyết định số 06/QĐ-TTg",
    "Nghị định 30/2020/NĐ-CP",
    "Đề án 06",
    "Nghị quyết 03-NQ/ThU",
    "Chỉ thị 24-CT/TW",
    "văn bản số 3790/UBND-NC",
    "Kết luận số 102-KL/TW",
    # phone numbers
    "điện thoại 0912 345 678",
    "ĐT: 024 3824 5678",
    # rates and fractions that are not counts
    "đạt 12 máy/100 dân",
    "quy mô 40 m2 trên 1 giường bệnh",
    "gần 3/4 số trường hợp",
    "hai phần ba tổng số xã viên",
    # words that look like numbers
    "một số mô hình sản xuất",
    "thành một hội lấy tên",
    "Sau một buổi chiều làm việc",
    "Định kỳ hàng quý, năm đơn vị",
    "Hàng năm cơ sở kinh doanh",
    "Một là, giữ vững kỷ luật",
    "quận Ba Đình",
    # slogans and adjectives after a number
    "tại lầu 2 khu A",
    "đạt từ 3 đến 5 sao",
    "danh hiệu Sinh viên 5 tốt",
    "gia đình 5 không, 3 sạch",
    "đơn vị hành chính 2 cấp",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_counts(text: str) -> None:
    assert counts_of(text) == []


# ---------------------------------------------------------------------------------------------
# Records: mentions, raw text, subject


def test_repeats_are_mentions_in_text_order() -> None:
    text = "Có 6 ý kiến đề nghị. Sau đó có 2 hội viên. Có 6 ý kiến khác."
    counts = find_counts(PagedText.single_page(text))
    assert [(c.value, c.unit) for c in counts] == [(6, "ý kiến"), (2, "hội viên")]
    second = text.index("6 ý kiến", 10)
    assert [(m.start, m.end, m.text) for m in counts[0].mentions] == [
        (3, 11, "6 ý kiến"),
        (second, second + 8, "6 ý kiến"),
    ]


def test_raw_includes_approximator_and_spans_carry_pages() -> None:
    text = "Trang một.\nHội tập hợp được gần 1700\nhội viên."
    counts = find_counts(PagedText(text, page_starts=(0, 11)))
    assert len(counts) == 1
    count = counts[0]
    assert count.raw == "gần 1700 hội viên"
    assert count.mentions[0].page == 2
    assert count.mentions[0].text == "gần 1700\nhội viên"


def test_classifier_mention_covers_the_noun() -> None:
    count = find_counts(PagedText.single_page("Có 22 vị Đại biểu chính thức."))[0]
    assert (count.unit, count.raw) == ("vị", "22 vị Đại biểu")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Ban Chấp hành Liên hiệp hội có 17 người.", "Ban Chấp hành Liên hiệp hội"),
        ("Hội sinh vật cảnh xã Trù Sơn hiện có 27 hội viên tham gia.", "Hội sinh vật cảnh xã Trù Sơn"),
        ("Ban Thường vụ Tỉnh ủy có 15 đồng chí.", "Ban Thường vụ Tỉnh ủy"),
        ("Đại hội đã bầu 35 thành viên vào Ban Chấp hành và 03 thành viên Ban kiểm tra.", "Ban Chấp hành"),
        ("Đại hội đã bầu 17 đồng chí.", None),
        ("Trong nhiệm kỳ, có 03 đồng chí chuyển công tác.", None),
    ],
)
def test_subject(text: str, subject: str | None) -> None:
    assert find_counts(PagedText.single_page(text))[0].subject == subject


def test_breakdown_larger_than_its_total_is_not_read() -> None:
    assert counts_of("kỷ luật 5 đảng viên (khiển trách 10, cảnh cáo 01)") == [(5, "đảng viên", False)]


def test_unit_table_is_well_formed() -> None:
    from importlib import resources

    lines = resources.files("vndoc").joinpath("data/count_units.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert rows[0] == ["noun", "kind"]
    nouns = [row[0] for row in rows[1:]]
    assert all(len(row) == 2 and row[0] == row[0].strip() and row[1] for row in rows[1:])
    assert len(nouns) == len(set(nouns))


# ---------------------------------------------------------------------------------------------
# The seed report


def test_seed_report_counts() -> None:
    seed = shared_path("seed", "seed.txt")
    counts = find_counts(PagedText.single_page(seed.read_text(encoding="utf-8")))
    assert [(c.value, c.unit, c.approximate) for c in counts] == [
        (17, "đồng chí", False),
        (5, "đồng chí", False),
        (3, "đồng chí", False),
        (14, "đồng chí", False),
        (19, "Hội thành viên", False),
        (13, "Hội", False),
        (6, "hội", False),
        (1700, "hội viên", True),
        (17, "người", False),
        (5, "người", False),
        (4, "sản phẩm", False),
        (100, "tờ rơi", True),
        (3, "lần", False),
        (3, "cá nhân", False),
    ]
    raws = {c.raw for c in counts}
    assert "gần 1700 hội viên" in raws
    assert "hàng trăm tờ rơi" in raws
    assert not any("triệu" in c.raw or "đồng" == c.unit for c in counts)


# ---------------------------------------------------------------------------------------------
# Properties

_VOCAB = (
    "có|gần|hơn|trên|hàng|trăm|chục|hai|mươi|năm|một|17|05|1.700|12 345|2,5|triệu|đồng|đồng chí|hội viên|vị|"
    "người|%|/|-|(|)|.|,|\n|\n\n| |năm 2018|Điều|khoản|ngày|06/01/2022|từ|đến|trở lên|Ban Chấp hành|gồm|"
    "khiển trách|lần|gấp|số|lên"
).split("|")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=40).map("".join) | st.text(max_size=200))
def test_any_text_gives_valid_spans(text: str) -> None:
    for count in find_counts(PagedText.single_page(text)):
        assert count.value > 0
        assert count.mentions
        for span in count.mentions:
            assert text[span.start : span.end] == span.text
