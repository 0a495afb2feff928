"""Awards: table-driven cases (which statements give an award, with kind, name, grade, giver, recipient,
years and times, and which only mention one), and properties that hold on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vndoc.awards import find_awards
from vndoc.paged_text import PagedText


def awards_of(text: str) -> list[tuple]:
    return [
        (a.kind, a.name, a.grade, a.giver, a.recipient, a.years, a.times)
        for a in find_awards(PagedText.single_page(text))
    ]


POSITIVE = [
    # the seed's statement: recipient, times, giver, the years in brackets
    (
        "Ghi nhận những kết quả đạt được, trong nhiệm kỳ 2018-2023, Liên hiệp hội thị xã 03 lần được "
        "Liên hiệp các Hội KHKT Việt Nam tặng Bằng khen (năm 2018, 2021, 2023).",
        [
            (
                "Bằng khen",
                "Bằng khen",
                None,
                "Liên hiệp các Hội KHKT Việt Nam",
                "Liên hiệp hội thị xã",
                [2018, 2021, 2023],
                3,
            )
        ],
    ),
    # an order with its class and grade
    (
        "Hội KH tỉnh đã được Chủ tịch nước tặng thưởng Huân chương Lao động hạng Nhất.",
        [
            (
                "Huân chương",
                "Huân chương Lao động hạng Nhất",
                "Nhất",
                "Chủ tịch nước",
                "Hội KH tỉnh",
                [],
                None,
            )
        ],
    ),
    (
        "Hội được Chủ tịch nước tặng thưởng Huân chương Độc lập hạng Ba (năm 2015).",
        [("Huân chương", "Huân chương Độc lập hạng Ba", "Ba", "Chủ tịch nước", "Hội", [2015], None)],
    ),
    (
        "UBND tỉnh trao tặng Huân chương Lao động hạng III cho Hội Chữ thập đỏ tỉnh.",
        [
            (
                "Huân chương",
                "Huân chương Lao động hạng Ba",
                "Ba",
                "UBND tỉnh",
                "Hội Chữ thập đỏ tỉnh",
                [],
                None,
            )
        ],
    ),
    # active voice: the giver is the subject, the recipients follow "cho"
    (
        "Dịp này, UBND thành phố tặng Bằng khen cho 05 tập thể và 12 cá nhân có thành tích xuất sắc.",
        [("Bằng khen", "Bằng khen", None, "UBND thành phố", "05 tập thể và 12 cá nhân", [], None)],
    ),
    (
        "Dịp này, Hội Luật gia thành phố tặng Bằng khen cho 4 tập thể, 7 cá nhân; UBND quận tặng giấy khen "
        "cho 2 tập thể, 6 cá nhân.",
        [
            ("Bằng khen", "Bằng khen", None, "Hội Luật gia thành phố", "4 tập thể, 7 cá nhân", [], None),
            ("Giấy khen", "Giấy khen", None, "UBND quận", "2 tập thể, 6 cá nhân", [], None),
        ],
    ),
    # a second clause starting with "được" shares the recipient; a number before the award is times
    (
        "Hội Nông dân huyện được Ban Chấp hành Trung ương Hội Nông dân Việt Nam tặng 02 Bằng khen, được "
        "Ủy ban nhân dân tỉnh tặng Cờ thi đua năm 2011.",
        [
            (
                "Bằng khen",
                "Bằng khen",
                None,
                "Ban Chấp hành Trung ương Hội Nông dân Việt Nam",
                "Hội Nông dân huyện",
                [],
                2,
            ),
            ("Cờ thi đua", "Cờ thi đua", None, "Ủy ban nhân dân tỉnh", "Hội Nông dân huyện", [2011], None),
        ],
    ),
    (
        "Hội Cựu chiến binh huyện được Trung ương Hội tặng 01 Cờ thi đua (năm 2000) và được Uỷ ban nhân dân "
        "tỉnh tặng 02 Bằng khen.",
        [
            ("Cờ thi đua", "Cờ thi đua", None, "Trung ương Hội", "Hội Cựu chiến binh huyện", [2000], 1),
            ("Bằng khen", "Bằng khen", None, "Uỷ ban nhân dân tỉnh", "Hội Cựu chiến binh huyện", [], 2),
        ],
    ),
    # a list of counts as the recipient; a subset after "trong đó" is the recipient alone
    (
        "35 tập thể, 82 cá nhân được Trung ương Hội tặng Bằng khen.",
        [("Bằng khen", "Bằng khen", None, "Trung ương Hội", "35 tập thể, 82 cá nhân", [], None)],
    ),
    (
        "Có 2.930 người cao tuổi làm kinh tế giỏi, trong đó có 146 người được UBND tỉnh tặng Bằng khen.",
        [("Bằng khen", "Bằng khen", None, "UBND tỉnh", "146 người", [], None)],
    ),
    # the year opening the sentence
    (
        "Năm 1995, Hội Làm vườn tỉnh được Trung ương Hội Làm vườn Việt Nam tặng Bằng khen.",
        [
            (
                "Bằng khen",
                "Bằng khen",
                None,
                "Trung ương Hội Làm vườn Việt Nam",
                "Hội Làm vườn tỉnh",
                [1995],
                None,
            )
        ],
    ),
    # the giver after "của"; the reason is not part of the recipient
    (
        "12 tập thể và 25 cá nhân có thành tích xuất sắc được nhận Bằng khen của Bộ trưởng Bộ Nông nghiệp và "
        "Phát triển nông thôn.",
        [
            (
                "Bằng khen",
                "Bằng khen",
                None,
                "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn",
                "12 tập thể và 25 cá nhân",
                [],
                None,
            )
        ],
    ),
    # a person with appositive positions back to the honorific
    (
        "Đồng chí Nguyễn Văn An, Ủy viên Ban Chấp hành, Chủ tịch Hội huyện được Trung ương Hội tặng Bằng khen.",
        [
            (
                "Bằng khen",
                "Bằng khen",
                None,
                "Trung ương Hội",
                "Đồng chí Nguyễn Văn An, Ủy viên Ban Chấp hành, Chủ tịch Hội huyện",
                [],
                None,
            )
        ],
    ),
    # a chain of verbs before the award verb is not part of the giver
    (
        "Hằng năm, được Liên hiệp các hội KHKT tỉnh biểu dương và tặng Giấy khen.",
        [("Giấy khen", "Giấy khen", None, "Liên hiệp các hội KHKT tỉnh", None, [], None)],
    ),
    # commemorative medals with their quoted name; emulation flags with a qualifier and two years
    (
        'Nhiều hội viên được tặng Kỷ niệm chương "Vì sự nghiệp khoa học và công nghệ".',
        [
            (
                "Kỷ niệm chương",
                'Kỷ niệm chương "Vì sự nghiệp khoa học và công nghệ"',
                None,
                None,
                "Nhiều hội viên",
                [],
                None,
            )
        ],
    ),
    (
        "Công đoàn cơ sở được Liên đoàn Lao động tỉnh tặng Cờ thi đua xuất sắc năm 2020 và năm 2022.",
        [
            (
                "Cờ thi đua",
                "Cờ thi đua xuất sắc",
                None,
                "Liên đoàn Lao động tỉnh",
                "Công đoàn cơ sở",
                [2020, 2022],
                None,
            )
        ],
    ),
    # titles: named by the table, quoted, or written plainly up to a stop word
    (
        "Đồng chí Trần Văn Bình 2 lần đạt danh hiệu Chiến sĩ thi đua cấp tỉnh.",
        [
            (
                "Chiến sĩ thi đua",
                "Chiến sĩ thi đua cấp tỉnh",
                None,
                None,
                "Đồng chí Trần Văn Bình",
                [],
                2,
            )
        ],
    ),
    (
        "Trường được công nhận danh hiệu Tập thể lao động xuất sắc năm 2019.",
        [("Danh hiệu", "Tập thể lao động xuất sắc", None, None, "Trường", [2019], None)],
    ),
    (
        "Toàn huyện có 15.430 hộ đạt danh hiệu gia đình văn hóa các cấp.",
        [("Danh hiệu", "gia đình văn hóa", None, None, "15.430 hộ", [], None)],
    ),
    (
        '500 dòng họ đạt danh hiệu "Dòng họ học tập".',
        [("Danh hiệu", "Dòng họ học tập", None, None, "500 dòng họ", [], None)],
    ),
    # "N năm liền" before "được" is how many times
    (
        "Hội LHPN xã Kim Sơn 4 năm liền được Trung ương Hội LHPN Việt Nam tặng Bằng khen.",
        [("Bằng khen", "Bằng khen", None, "Trung ương Hội LHPN Việt Nam", "Hội LHPN xã Kim Sơn", [], 4)],
    ),
    # "quá trình", "gương mẫu", "vượt mức kế hoạch" do not propose anything
    (
        "Trong quá trình hoạt động, cá nhân gương mẫu được UBND tỉnh tặng Bằng khen.",
        [("Bằng khen", "Bằng khen", None, "UBND tỉnh", "cá nhân gương mẫu", [], None)],
    ),
    # competition medals
    (
        "Vận động viên của Hội giành 03 Huy chương vàng tại giải toàn quốc.",
        [("Huy chương", "Huy chương vàng", None, None, "Vận động viên của Hội", [], 3)],
    ),
]

NEGATIVE = [
    "Đề nghị UBND tỉnh tặng Bằng khen cho 3 tập thể.",
    "Tiêu chuẩn xét tặng Huân chương Lao động hạng Ba được quy định tại Điều 44.",
    'Phấn đấu 80% hộ gia đình đạt danh hiệu "Gia đình văn hóa".',
    '+ 80% hộ gia đình đạt danh hiệu "Gia đình học tập"; 500 dòng họ đạt danh hiệu "Dòng họ học tập";',
    "Quyết định số 123/QĐ-UBND về việc tặng Bằng khen cho các tập thể.",
    "Hình thức khen thưởng gồm Bằng khen, Giấy khen.",
    "Nhà giáo ưu tú Lê Văn Thiện, Chủ tịch Hội khuyến học huyện.",
    "Công tác thi đua, khen thưởng được quan tâm đúng mức.",
    "Hội sẽ đề nghị tặng Cờ thi đua cho các đơn vị xuất sắc.",
    "In mẫu Giấy khen cho các chi hội.",
    "Chưa có tập thể nào được tặng Bằng khen.",
    "Các cá nhân có thành tích sẽ được xét tặng Giấy khen.",
    "Hội đã tổ chức 3 hội thi, trao 45 giải thưởng cho các tác giả.",
    "Được công nhận danh hiệu.",
    "Cá nhân được tặng giấy khen\t:\t1.3",
    "Tập thể đạt danh hiệu lao động xuất sắc: 2.000.000 đồng",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_awards(text: str, expected: list[tuple]) -> None:
    assert awards_of(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_awards(text: str) -> None:
    assert awards_of(text) == []


def test_mention_is_the_statement() -> None:
    text = "Năm 2019, Hội được UBND tỉnh tặng Bằng khen (năm 2019). Hội viên tăng."
    (award,) = find_awards(PagedText.single_page(text))
    (span,) = award.mentions
    assert span.text == text[span.start : span.end] == award.raw == "Hội được UBND tỉnh tặng Bằng khen (năm 2019)"


def test_page_of_mention() -> None:
    text = "Trang một.\nHội được UBND tỉnh tặng Bằng khen."
    paged = PagedText(text=text, page_starts=(0, 11))
    (award,) = find_awards(paged)
    assert award.mentions[0].page == 2


_FRAGMENTS = [
    "Hội",
    "được",
    "tặng",
    "trao",
    "cho",
    "của",
    "do",
    "Bằng khen",
    "Giấy khen",
    "Huân chương Lao động",
    "hạng",
    "Nhì",
    "danh hiệu",
    "Kỷ niệm chương",
    '"',
    "“",
    "”",
    "(",
    ")",
    ",",
    ";",
    ".",
    "\n",
    "năm 2018",
    "2021",
    "và",
    "03 lần",
    "02",
    "12 tập thể",
    "UBND tỉnh",
    "Đồng chí",
    "đề nghị",
    "%",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map(" ".join)))
def test_any_text(text: str) -> None:
    for award in find_awards(PagedText.single_page(text)):
        for span in award.mentions:
            assert text[span.start : span.end] == span.text
        assert award.raw == " ".join(award.mentions[0].text.split())
        assert all(1900 <= y <= 2099 for y in award.years)
