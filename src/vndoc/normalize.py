"""Unicode and Vietnamese spelling normalisation shared by every stage.

The user-visible text stays as written (NFC). Matching uses *keys*: case-folded, with the
old/new tone-mark placements unified (hoà/hòa, thuỷ/thủy, khoá/khóa), look-alike letters mapped
(U+00D0 "Ð" and U+0189 "Ɖ" to "Đ"; U+01A3 "ƣ", which some Vietnamese fonts put for "ư", to "ư"), and
optionally without any diacritics.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that look like Đ/đ but are not (Icelandic eth, African D).
_DD_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"})
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "Đ",
        "\u0189": "Đ",
        "\u00f0": "đ",
        "\u0256": "đ",
        # "Ƣ"/"ƣ" (OI, U+01A2/U+01A3) stand for "Ư"/"ư" in PDFs made with some Vietnamese fonts ("ngƣời")
        "\u01a2": "Ư",
        "\u01a3": "ư",
    }
)

# Invisible characters found inside real text layers.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")

# Tone marks of oa/oe/uy written on the first vowel, to be moved onto the second one.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(r"([oO])([" + _TONES + r"])([aAeE])|([uU])([" + _TONES + r"])([yY])")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_chars(text: str) -> str:
    """NFC, look-alike Đ and Ư fixed, invisible and control characters removed (tabs/newlines kept)."""
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return nfc(text.translate(_LOOKALIKES))


def unify_tone_placement(text: str) -> str:
    """Move tone marks of oa/oe/uy to the second vowel: "hoà" -> "hòa", "thuỷ" -> "thủy"."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(m: re.Match[str]) -> str:
        if m.group(1):
            return m.group(1) + m.group(3) + m.group(2)
        return m.group(4) + m.group(6) + m.group(5)

    return nfc(_OLD_TONE.sub(move, decomposed))


def strip_diacritics(text: str) -> str:
    """ "Nguyễn Đức" -> "Nguyen Duc"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_DD_LOOKALIKES))
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return base.replace("đ", "d").replace("Đ", "D")


def match_key(text: str, *, diacritics: bool = True) -> str:
    """A key for comparing names and titles: spacing, case and tone placement unified."""
    text = unify_tone_placement(clean_chars(text))
    if not diacritics:
        text = strip_diacritics(text)
    return " ".join(text.casefold().split())
