"""Consistency checks: for each check, texts where it must speak and texts where it must stay silent
(exact codes and numbers), the seed report end to end, and properties that hold on any text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vndoc
from tests.conftest import shared_path
from vndoc.consistency import check_consistency, check_signature_term
from vndoc.counts import find_counts
from vndoc.models import Header, Issue, Signer, Term
from vndoc.paged_text import PagedText
from vndoc.periods import find_periods
from vndoc.references import find_references


def issues_of(text: str, header: Header | None = None) -> list[Issue]:
    paged = PagedText.single_page(text)
    return check_consistency(
        paged, header or Header(), find_counts(paged), find_periods(paged).dates, find_references(paged)
    )


def numbers(issue: Issue) -> list[str]:
    return [re.sub(r"\D", "", s.text) or s.text for s in issue.spans]


# ---------------------------------------------------------------------------------------------
# count.parts: (text, expected [(code, [numbers in the spans: whole first, then the parts])])

PARTS = [
    # the seed's breakdown, with a wrong part: a bracketed composition by affiliation
    (
        "Hiện nay, Liên hiệp hội có 20 Hội thành viên (Trong đó, có 13 Hội thuộc khối các cơ quan, doanh "
        "nghiệp, trường học và 6 hội của phường, xã), tập hợp được gần 1700 hội viên.",
        [["20", "13", "6"]],
    ),
    # "gồm": the composition, whatever the sum
    (
        "Liên hiệp hội có 112 hội thành viên, gồm 64 hội thành viên ngành và 46 hội thành viên địa phương.",
        [["112", "64", "46"]],
    ),
    # positions closed by a count of members
    ("Ban Thường vụ gồm 9 đồng chí (01 Chủ tịch, 02 Phó Chủ tịch và 05 ủy viên).", [["9", "01", "02", "05"]]),
    # labelled parts in a bracket that closes the list
    (
        "Đã kỷ luật 905 đảng viên (khiển trách 757, cảnh cáo 112, cách chức 12, khai trừ 20).",
        [["905", "757", "112", "12", "20"]],
    ),
    # "trong đó" whose parts exceed the whole
    ("Hội có 50 hội viên, trong đó 30 hội viên thuộc chi hội A và 25 hội viên thuộc chi hội B.", [["50", "30", "25"]]),
    # ---- parts that add up
    (
        "Hiện nay, Liên hiệp hội thị xã có 19 Hội thành viên (Trong đó, có 13 Hội thuộc khối các cơ quan, "
        "doanh nghiệp, trường học và 6 hội của phường, xã).",
        [],
    ),
    ("Thường trực gồm 4 đồng chí (01 Chủ tịch, 01 Phó Chủ tịch và 02 ủy viên).", []),
    ("Hội có 22 cơ sở Hội (21 cơ sở Hội xã và 01 cơ sở Hội thị trấn).", []),
    # ---- breakdowns that need not add up, or that are not read in full
    ("Đại hội có 100 đại biểu, trong đó 40 đại biểu nữ và 15 đại biểu dân tộc thiểu số.", []),
    ("Hội có 120 hội viên, trong đó có 30 hội viên thuộc chi hội A và 25 hội viên thuộc chi hội B.", []),
    ("Ban Thường vụ 05 người, gồm Chủ tịch, 02 Phó Chủ tịch và 02 ủy viên.", []),
    ("Có 11.926 hộ đạt danh hiệu, trong đó cấp Trung ương 12 hộ, cấp tỉnh 186 hộ, cấp huyện 1.840 hộ.", []),
    ("Ban hành 8.586 văn bản (1.851 quyết định, 2.945 công văn, 1.974 thông báo;...).", []),
    ("Ban Thường vụ 9 đồng chí (01 Bí thư, 02 Phó Bí thư).", []),
    ("Ban Thường vụ từ 11 - 13 đồng chí, gồm 01 Bí thư và 02 Phó Bí thư.", []),
    ("Kết nạp gần 200 hội viên, trong đó 60 hội viên nữ và 50 hội viên trẻ.", []),
    ("Hội có 231 hội viên, trong đó có 42 hội viên nữ.", []),
    ("Ban Chấp hành có 21 người, trong đó tái cử 14 người, tham gia lần đầu 07 người; nữ 04 người.", []),
]


@pytest.mark.parametrize(("text", "expected"), PARTS)
def test_parts(text: str, expected: list[list[str]]) -> None:
    found = [i for i in issues_of(text) if i.code == "count.parts"]
    assert [numbers(i) for i in found] == expected


# ---------------------------------------------------------------------------------------------
# committee.size: (text, expected [numbers in the spans: the story, then the size that contradicts it])

COMMITTEES = [
    # the seed's story: 17 elected - 3 left = 14 stated, then 17 stated
    (
        "Đại hội lần thứ IV đã bầu 17 đồng chí vào Ban Chấp hành (BCH) Liên hiệp hội. Trong quá trình hoạt "
        "động của Ban chấp hành, có 03 đồng chí do chuyển công tác hoặc nghỉ hưu nên không tiếp tục tham gia "
        "Ban chấp hành; tính đến thời điểm Đại hội lần thứ V, Ban chấp hành Liên hiệp hội có 14 đồng chí.\n"
        "Hiện nay, Ban Chấp hành Liên hiệp hội có 17 người, Ban Thường vụ có 05 người.",
        [["17", "03", "14", "17"]],
    ),
    # changes that do not lead to the size stated
    (
        "Đại hội đã bầu Ban Chấp hành gồm 29 đồng chí. Trong nhiệm kỳ đã có 06 đồng chí thôi tham gia, bầu bổ "
        "sung 05 đồng chí; hiện nay Ban Chấp hành có 27 đồng chí.",
        [["29", "06", "05", "27"]],
    ),
    (
        "Đại hội đã bầu 27 đồng chí vào Ban Chấp hành. Ban Chấp hành đã cho thôi 05 ủy viên và bầu bổ sung 04 "
        "ủy viên; đến nay Ban Chấp hành có 25 đồng chí.",
        [["27", "05", "04", "25"]],
    ),
    # two stated sizes of one committee
    ("Ban Chấp hành có 15 đồng chí. Sau đó, Ban Chấp hành có 17 đồng chí.", [["15", "17"]]),
    # ---- stories that hold
    (
        "Đại hội đã bầu Ban Chấp hành gồm 29 đồng chí. Trong nhiệm kỳ đã có 06 đồng chí thôi tham gia, bầu bổ "
        "sung 05 đồng chí; hiện nay Ban Chấp hành có 28 đồng chí.",
        [],
    ),
    (
        "Đại hội đã bầu 27 đồng chí vào Ban Chấp hành. Ban Chấp hành đã cho thôi 05 ủy viên và bầu bổ sung 04 "
        "ủy viên; đến nay Ban Chấp hành có 26 đồng chí.",
        [],
    ),
    # ---- sizes that may differ
    ("Đại hội đã bầu Ban Chấp hành gồm 21 ủy viên. Hiện nay Ban Chấp hành còn 19 ủy viên.", []),
    ("Ban Chấp hành khóa IV có 19 ủy viên. Ban Chấp hành khóa V có 21 ủy viên.", []),
    ("Ban Chấp hành có 19 ủy viên. Dự kiến Ban Chấp hành khóa mới có 21 ủy viên.", []),
    ("Ban Chấp hành có 41 đồng chí; trong Ban Chấp hành có 03 đồng chí là người dân tộc thiểu số.", []),
    ("Ban Chấp hành Đảng bộ huyện có 41 đồng chí; Ban Chấp hành Đảng bộ xã có 15 đồng chí.", []),
    ("Ban Chấp hành có 17 người, Ban Thường vụ có 05 người.", []),
    ("Ban Chấp hành có 17 người. Ban Chấp hành không quá 21 người.", []),
    ("Ban Chấp hành có 17 người. Số lượng Ban Chấp hành khóa mới từ 19 - 21 người.", []),
    ("Ban Chấp hành có 17 người. Ban Chấp hành đã làm việc với 25 người dân.", []),
    # attendance, ratios, subsets and labelled items are not sizes
    ("Ban Chấp hành có 17 đồng chí. Hội nghị Ban Chấp hành có 15/17 đồng chí tham dự.", []),
    ("Ban Chấp hành có 17 đồng chí. Tại hội nghị, Ban Chấp hành có 15 đồng chí tham dự.", []),
    ("Ban Chấp hành có 17 đồng chí; Ban Chấp hành có 05 đồng chí nữ.", []),
    ("- Chi hội A: Ban Chấp hành có 5 người;\n- Chi hội B: Ban Chấp hành có 7 người.", []),
    # one committee told in two paragraphs without naming its body: not sure enough to compare
    ("Ban Chấp hành có 15 đồng chí.\nBan Chấp hành có 17 đồng chí.", []),
    ("Ban Chấp hành Hội có 15 đồng chí.\nBan Chấp hành Hội có 17 đồng chí.", [["15", "17"]]),
    # a replacement changes nobody's count
    (
        "Đại hội đã bầu 21 đồng chí vào Ban Chấp hành. Ban Chấp hành bầu bổ sung 02 ủy viên thay thế các đồng "
        "chí nghỉ hưu; hiện nay Ban Chấp hành có 21 đồng chí.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), COMMITTEES)
def test_committee_size(text: str, expected: list[list[str]]) -> None:
    found = [i for i in issues_of(text) if i.code == "committee.size"]
    assert [numbers(i) for i in found] == expected


def test_committee_message() -> None:
    (issue,) = issues_of(COMMITTEES[0][0])
    assert issue.message == ("Ban Chấp hành: 17 members stated here, but 14 before (17 elected − 3 left = 14 stated)")


# ---------------------------------------------------------------------------------------------
# date.outside_term: (text, header, expected [text of the date span])

_LOOKING_BACK = Header(date=dt.date(2024, 1, 26), term=Term(ordinal="IV", start=2018, end=2023))
_OPENING = Header(date=dt.date(2018, 5, 10), term=Term(ordinal="IV", start=2018, end=2023))

DATES = [
    ("Trong nhiệm kỳ 2018-2023, Hội được tặng Bằng khen (năm 2017, 2021).", None, ["năm 2017"]),
    ("Trong nhiệm kỳ 2018-2023, Hội được tặng Bằng khen (năm 2021, 2024).", None, ["2024"]),
    ("Trong nhiệm kỳ 2018 - 2023, ngày 15/3/2024 Hội tổ chức hội thảo.", None, ["15/3/2024"]),
    ("Trong nhiệm kỳ, năm 2016 Hội tổ chức hội thảo về nông nghiệp.", _LOOKING_BACK, ["năm 2016"]),
    ("Trong nhiệm kỳ 2018-2023, Hội được tặng Bằng khen (năm 2018, 2021).", None, []),
    ("Trong nhiệm kỳ 2018-2023, số hội viên tăng 20% so với năm 2017.", None, []),
    (
        "Trong nhiệm kỳ 2018 - 2023, thực hiện Nghị quyết số 02/NQ-ThU ngày 31/12/2017 của Thị ủy, Hội đã "
        "xây dựng kế hoạch.",
        None,
        [],
    ),
    ("Trong nhiệm kỳ 2018-2023, Hội phấn đấu đến năm 2025 có 2.000 hội viên.", None, []),
    ("Trong nhiệm kỳ tới, năm 2025 Hội tổ chức Đại hội.", _LOOKING_BACK, []),
    ("Trong nhiệm kỳ, năm 2016 Hội tổ chức hội thảo về nông nghiệp.", _OPENING, []),
    ("Trong nhiệm kỳ, năm 2016 Hội tổ chức hội thảo về nông nghiệp.", None, []),
    ("Năm 2016 Hội tổ chức hội thảo. Trong nhiệm kỳ 2018-2023, Hội phát triển mạnh.", None, []),
    ("Trong nhiệm kỳ 2018 - 2023, Hội kết nạp 500 hội viên, nâng tổng số lên 2.000 (năm 2017 là 1.500).", None, []),
    ("Trong nhiệm kỳ 2018-2023, số hội viên tăng 30% so với cùng kỳ năm 2016.", None, []),
    ("Trong nhiệm kỳ 2018-2023, hội viên tăng từ 1.500 người (năm 2016) lên 2.000 người.", None, []),
]


@pytest.mark.parametrize(("text", "header", "expected"), DATES)
def test_dates_in_term(text: str, header: Header | None, expected: list[str]) -> None:
    found = [i for i in issues_of(text, header) if i.code == "date.outside_term"]
    assert [i.spans[-1].text for i in found] == expected


# ---------------------------------------------------------------------------------------------
# term.signature: (title, signature organisation, expected number of issues)

SIGNATURES = [
    ("KIỂM ĐIỂM CỦA BCH LIÊN HIỆP HỘI KHOÁ IV, NHIỆM KỲ 2018 - 2023", "BAN CHẤP HÀNH LIÊN HIỆP HỘI KHOÁ III", 1),
    ("KIỂM ĐIỂM CỦA BCH LIÊN HIỆP HỘI KHOÁ IV, NHIỆM KỲ 2018 - 2023", "BAN CHẤP HÀNH LIÊN HIỆP HỘI KHOÁ V", 1),
    ("KIỂM ĐIỂM CỦA BCH HỘI NHIỆM KỲ 2018 - 2023", "BAN CHẤP HÀNH HỘI NHIỆM KỲ 2008 - 2013", 1),
    ("KIỂM ĐIỂM CỦA BCH HỘI KHÓA III, NHIỆM KỲ 2013 - 2018", "BAN CHẤP HÀNH HỘI KHÓA II (2008 - 2013)", 1),
    # the outgoing committee prepares the next term
    ("ĐỀ ÁN NHÂN SỰ BAN CHẤP HÀNH KHÓA XII, NHIỆM KỲ 2025 - 2028", "BAN CHẤP HÀNH HỘI KHÓA XI (2023 - 2025)", 0),
    ("KIỂM ĐIỂM CỦA BCH LIÊN HIỆP HỘI KHOÁ IV, NHIỆM KỲ 2018 - 2023", "BAN CHẤP HÀNH LIÊN HIỆP HỘI KHOÁ IV", 0),
    ("KIỂM ĐIỂM CỦA BCH HỘI KHÓA 4", "BAN CHẤP HÀNH HỘI KHÓA IV", 0),
    ("CỦA BCH KHÓA IV TRÌNH ĐẠI HỘI KHÓA V", "BAN CHẤP HÀNH KHÓA IV", 0),
    ("TRÌNH ĐẠI HỘI ĐẠI BIỂU LẦN THỨ V, NHIỆM KỲ 2024 - 2029", "BAN CHẤP HÀNH KHÓA IV", 0),
    ("KẾ HOẠCH TỔ CHỨC ĐẠI HỘI", "BAN CHẤP HÀNH KHÓA IV", 0),
    ("KIỂM ĐIỂM CỦA BCH KHÓA IV", "BAN CHẤP HÀNH", 0),
]


@pytest.mark.parametrize(("title", "organization", "expected"), SIGNATURES)
def test_signature_term(title: str, organization: str, expected: int) -> None:
    text = f"BÁO CÁO\n{title}\nNội dung.\n{organization}"
    header = Header(title=title, signer=Signer(organization=organization))
    found = check_signature_term(PagedText.single_page(text), header)
    assert len(found) == expected
    assert all(i.code == "term.signature" and i.spans for i in found)
    for issue in found:
        assert [s.text for s in issue.spans] == [title, organization]


# ---------------------------------------------------------------------------------------------
# The seed report: its award and exactly one issue (17 vs 14 members of the Ban Chấp hành)


@pytest.fixture(scope="module", params=["seed.txt", "seed.pdf"])
def seed_doc(request: pytest.FixtureRequest) -> vndoc.Document:
    return vndoc.extract(shared_path("seed", request.param))


def test_seed_issue(seed_doc: vndoc.Document) -> None:
    (issue,) = seed_doc.issues
    assert issue.code == "committee.size"
    assert [s.text for s in issue.spans] == ["17 đồng chí", "03 đồng chí", "14 đồng chí", "17 người"]
    for span in issue.spans:
        assert seed_doc.text[span.start : span.end] == span.text


def test_seed_award(seed_doc: vndoc.Document) -> None:
    award = seed_doc.awards[0]
    assert (award.kind, award.giver, award.recipient, award.years, award.times) == (
        "Bằng khen",
        "Liên hiệp các Hội KHKT Việt Nam",
        "Liên hiệp hội thị xã",
        [2018, 2021, 2023],
        3,
    )
    assert award.raw.startswith("Liên hiệp hội thị xã 03 lần được")
    assert [(a.kind, a.recipient) for a in seed_doc.awards[1:]] == [
        ("Giấy khen", "Liên hiệp hội thị xã"),
        ("Bằng khen", "03 cá nhân"),
    ]


def test_seed_periods(seed_doc: vndoc.Document) -> None:
    terms = [(p.ordinal, p.start, p.end) for p in seed_doc.periods if p.kind == "term"]
    assert ("IV", 2018, 2023) in terms and ("V", 2024, 2029) in terms
    assert [(d.value, d.unit, d.raw) for d in seed_doc.durations] == [
        (1, "nhiệm kỳ", "Sau 01 nhiệm kỳ"),
        (5, "năm", "Trong 05 năm qua"),
    ]
    assert dt.date(2022, 1, 6) in [d.date for d in seed_doc.dates]


# ---------------------------------------------------------------------------------------------
# Properties

_FRAGMENTS = [
    "Ban Chấp hành",
    "BCH",
    "Ban Thường vụ",
    "có",
    "gồm",
    "còn",
    "bầu",
    "bầu bổ sung",
    "cho thôi",
    "vào",
    "17 đồng chí",
    "03 đồng chí",
    "14 người",
    "ủy viên",
    "nghỉ hưu",
    "không tiếp tục tham gia",
    "(",
    ")",
    "trong đó",
    "13 Hội",
    "6 hội",
    "và",
    ",",
    ";",
    ".",
    "\n",
    "Trong nhiệm kỳ",
    "2018-2023",
    "năm 2016",
    "khóa IV",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map(" ".join)))
def test_any_text(text: str) -> None:
    header = Header(
        date=dt.date(2024, 1, 1),
        title=text[:60] or None,
        term=Term(ordinal="IV", start=2018, end=2023),
        signer=Signer(organization=text[-40:] or None),
    )
    for issue in issues_of(text, header):
        assert issue.code in ("count.parts", "committee.size", "date.outside_term", "term.signature")
        for span in issue.spans:
            assert text[span.start : span.end] == span.text
