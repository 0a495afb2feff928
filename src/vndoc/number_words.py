"""Vietnamese digit words, shared by the stages that read numbers written in words (counts, periods)."""

from __future__ import annotations

DIGIT_WORDS: dict[str, int] = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
"""The words for 1-9 ("bẩy" is a common regional spelling of "bảy")."""
