"""Character clean-up and matching keys (normalize.py)."""

from __future__ import annotations

import pytest

from vndoc.normalize import clean_chars, match_key, strip_diacritics


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Số lƣợng ngƣời", "Số lượng người"),  # OI for Ư, as some Vietnamese PDF fonts map it
        ("NGƢỜI LAO ĐỘNG", "NGƯỜI LAO ĐỘNG"),
        ("ƣ\u0300a", "ừa"),  # a decomposed tone mark composes onto the repaired letter
        ("ÐẢNG BỘ", "ĐẢNG BỘ"),  # Icelandic Eth for Đ
        ("Hội\u200b viên\u00ad", "Hội viên"),  # zero-width space and soft hyphen removed
        ("a\tb\nc", "a\tb\nc"),  # tabs and line breaks kept
        ("Hội Nông dân", "Hội Nông dân"),
    ],
)
def test_clean_chars(raw, clean):
    assert clean_chars(raw) == clean


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Khoá IV", "khóa iv", True),
        ("Thuỷ lợi", "thủy lợi", True),
        ("Số ngƣời", "số người", True),
        ("Hội Nông dân", "Hội Nông Dân ", True),
        ("Hội Nông dân", "Hội Nông", False),
    ],
)
def test_match_key(a, b, same):
    assert (match_key(a) == match_key(b)) is same


def test_strip_diacritics():
    assert strip_diacritics("Nguyễn Đức Thắng") == "Nguyen Duc Thang"
