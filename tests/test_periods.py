"""Periods: days, months, years, terms, ranges of years and durations (table-driven, with negatives), and
properties that hold on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vndoc.paged_text import PagedText
from vndoc.periods import find_periods, years_listed


def records(text: str) -> list[tuple]:
    found = find_periods(PagedText.single_page(text))
    out: list[tuple] = []
    for d in found.dates:
        value = d.date.isoformat() if d.date else f"{d.year}-{d.month:02d}" if d.month else str(d.year)
        out += [(d.kind, value, s.text) for s in d.mentions]
    out += [(p.kind, p.ordinal, p.start, p.end, s.text) for p in found.periods for s in p.mentions]
    out += [("duration", d.value, d.unit, d.approximate, s.text) for d in found.durations for s in d.mentions]
    return out


CASES = [
    # days in every written form, months, years
    ("Hồng Lĩnh, ngày 26 tháng 01 năm 2024", [("day", "2024-01-26", "26 tháng 01 năm 2024")]),
    ("Quyết định số 06/QĐ-TTg ngày 06/01/2022", [("day", "2022-01-06", "06/01/2022")]),
    ("tổ chức ngày 02.6.2022 tại hội trường", [("day", "2022-06-02", "02.6.2022")]),
    ("Tháng 5/2023, ông A chuyển công tác", [("month", "2023-05", "Tháng 5/2023")]),
    ("từ tháng 8 năm 2013", [("month", "2013-08", "tháng 8 năm 2013")]),
    ("đến tháng 9-2020", [("month", "2020-09", "tháng 9-2020")]),
    (
        "tặng Bằng khen (năm 2018, 2021, 2023)",
        [("year", "2018", "năm 2018"), ("year", "2021", "2021"), ("year", "2023", "2023")],
    ),
    ("Cờ thi đua năm 2013 và 2015", [("year", "2013", "năm 2013"), ("year", "2015", "2015")]),
    ("trong các năm 2019, 2020", [("year", "2019", "năm 2019"), ("year", "2020", "2020")]),
    ("rét hại vụ xuân năm 2008 và năm 2011", [("year", "2008", "năm 2008"), ("year", "2011", "năm 2011")]),
    ("Năm 2019, Hội tổ chức; năm 2019 Hội tổng kết", [("year", "2019", "Năm 2019"), ("year", "2019", "năm 2019")]),
    # terms
    ("BCH KHOÁ IV, NHIỆM KỲ 2018 - 2023", [("term", "IV", 2018, 2023, "KHOÁ IV, NHIỆM KỲ 2018 - 2023")]),
    ("Ban Chấp hành nhiệm kỳ XI (2023 - 2025)", [("term", "XI", 2023, 2025, "nhiệm kỳ XI (2023 - 2025)")]),
    ("Đại hội lần thứ IV, nhiệm kỳ 2018 - 2023", [("term", "IV", 2018, 2023, "lần thứ IV, nhiệm kỳ 2018 - 2023")]),
    ("Ban Chấp hành khóa 4", [("term", "4", None, None, "khóa 4")]),
    ("trong nhiệm kỳ 2018-2023", [("term", None, 2018, 2023, "nhiệm kỳ 2018-2023")]),
    ("Ban Chấp hành Trung ương khóa X", [("term", "X", None, None, "khóa X")]),
    # ranges of years
    ("giai đoạn 2022-2025", [("range", None, 2022, 2025, "giai đoạn 2022-2025")]),
    ("năm học 2022 - 2023", [("range", None, 2022, 2023, "năm học 2022 - 2023")]),
    ("từ năm 2018 đến năm 2023", [("range", None, 2018, 2023, "từ năm 2018 đến năm 2023")]),
    (
        "Cờ thi đua xuất sắc 20 năm (1996-2016)",
        [("range", None, 1996, 2016, "1996-2016"), ("duration", 20, "năm", False, "20 năm")],
    ),
    # durations
    ("Trong 05 năm qua, Hội phát triển", [("duration", 5, "năm", False, "Trong 05 năm qua")]),
    ("Sau 01 nhiệm kỳ triển khai", [("duration", 1, "nhiệm kỳ", False, "Sau 01 nhiệm kỳ")]),
    ("hoạt động gần 10 năm", [("duration", 10, "năm", True, "gần 10 năm")]),
    ("trong hai tháng cuối năm", [("duration", 2, "tháng", False, "trong hai tháng")]),
    ("kết nạp 96 hội viên trong 6 tháng", [("duration", 6, "tháng", False, "trong 6 tháng")]),
    # not dates, terms or durations
    ("hàng năm, mỗi năm, năm nay", []),
    ("Ban Chấp hành lần thứ IV họp", []),
    ("khóa học bồi dưỡng", []),
    ("Điều 5 năm", []),
    ("có 1.800 ha và 2.018 hộ", []),
    ("điện thoại 0912 345 678", []),
    ("Quyết định số 2018/QĐ-UBND", []),
    ("ngày   tháng 9 năm 2025", [("month", "2025-09", "tháng 9 năm 2025")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_periods(text: str, expected: list[tuple]) -> None:
    assert records(text) == expected


def test_repeats_are_mentions() -> None:
    found = find_periods(PagedText.single_page("khóa IV, nhiệm kỳ 2018-2023 ... Khoá IV, nhiệm kỳ 2018 - 2023"))
    (term,) = found.periods
    assert (term.ordinal, term.start, term.end, len(term.mentions)) == ("IV", 2018, 2023, 2)


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("Bằng khen (năm 2018, 2021, 2023), hằng năm", 9, ([2018, 2021, 2023], 32)),
        ("Cờ thi đua năm 2013 và 2015;", 10, ([2013, 2015], 27)),
        ("Bằng khen của UBND tỉnh năm 2019", 9, ([], 9)),
    ],
)
def test_years_listed(text: str, start: int, expected: tuple[list[int], int]) -> None:
    assert years_listed(text, start, len(text)) == expected


_FRAGMENTS = [
    "năm",
    "2018",
    "-",
    "2023",
    "khóa",
    "IV",
    "nhiệm kỳ",
    "tháng",
    "5/2023",
    "ngày",
    "06/01/2022",
    "Trong",
    "05",
    "qua",
    "(",
    ")",
    ",",
    "và",
    "giai đoạn",
    "từ",
    "đến",
    "\n",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map(" ".join)))
def test_any_text(text: str) -> None:
    found = find_periods(PagedText.single_page(text))
    for record in [*found.dates, *found.periods, *found.durations]:
        assert record.mentions
        for span in record.mentions:
            assert text[span.start : span.end] == span.text
    for period in found.periods:
        assert period.start is None or period.end is None or period.start < period.end
