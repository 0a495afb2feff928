"""Plain text: encoding detection, then one Line per text line, pages split at form feeds.

Encodings tried in order: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-8, UTF-16 without a mark
(recognised by its NUL bytes), then the 8-bit Vietnamese encodings: Windows-1258 (the code page of
older Windows files, which writes tone marks as combining characters; NFC composes them), TCVN3 and
VNI (font encodings: text typed for .VnTime or VNI-Times fonts and saved as plain text). Among the
8-bit ones the reading under which more words are well-formed Vietnamese syllables wins
(:func:`vndoc.legacy.score_encodings`), Windows-1258 on a tie.

Unicode text can still hold legacy bytes: TCVN3 text copied out of an old document and saved as
UTF-8 reads "QuyÕt ®Þnh". Such lines are found by the same statistics and converted line by line.
"""

from __future__ import annotations

import codecs
import re

from vndoc import legacy
from vndoc.errors import CorruptDocumentError
from vndoc.layout import Layout, Line, Page
from vndoc.normalize import clean_chars, nfc


def decode_text(data: bytes, *, name: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for the bytes of a text file."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.replace("-sig", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:
        odd_nuls = sample[1::2].count(0)
        encoding = "utf-16-le" if odd_nuls > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding), "utf-16"
        except UnicodeDecodeError as exc:
            raise CorruptDocumentError(f"undecodable UTF-16 text ({exc})", path=name, stage="read") from exc
    return _decode_8bit(data)


def _decode_8bit(data: bytes) -> tuple[str, str]:
    """Windows-1258, TCVN3 or VNI: the reading with the most Vietnamese words."""
    windows = nfc(data.decode("cp1258", errors="replace"))
    raw = data.decode("latin-1")
    scores = legacy.score_encodings(raw)
    windows_words = legacy.score_encodings(windows).unicode
    best = max(legacy.LEGACY_ENCODINGS, key=lambda e: getattr(scores, e))
    if getattr(scores, best) > windows_words:
        return legacy.convert(raw, best), best
    return windows, "cp1258"


def convert_legacy_lines(text: str) -> tuple[str, str | None]:
    """Unicode text with lines of legacy bytes in it: those lines converted; (text, legacy encoding found)."""
    if not _LEGACY_HINT.search(text):
        return text, None
    prior = legacy.guess_encoding(text)
    found: set[str] = set()
    lines = []
    for line in text.split("\n"):
        if not line.isascii() and _LEGACY_HINT.search(line):
            line, encoding = legacy.convert_guessed(line, prior=prior)
            found.add(encoding)
        lines.append(line)
    summary = legacy.summarize(found)
    return "\n".join(lines), (summary if summary != legacy.UNICODE else None)


_LEGACY_HINT = re.compile("[\u00a1-\u00bf\u00c0-\u00ff]")
"""Latin-1 letters and signs: every legacy-encoded Vietnamese word has one, Unicode Vietnamese may."""


def text_to_layout(text: str, *, media_type: str = "text/plain") -> Layout:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = []
    for number, page_text in enumerate(text.split("\f"), start=1):
        lines: list[Line] = []
        blank = False
        for raw in page_text.split("\n"):
            cleaned = clean_chars(raw).strip()
            if not cleaned:
                blank = bool(lines)
                continue
            lines.append(Line(text=cleaned, page=number, blank_before=blank))
            blank = False
        pages.append(Page(number=number, lines=tuple(lines)))
    return Layout(pages=tuple(pages), media_type=media_type)


def read_text(data: bytes, *, name: str | None = None) -> Layout:
    text, encoding = decode_text(data, name=name)
    if encoding not in legacy.LEGACY_ENCODINGS:
        text, found = convert_legacy_lines(text)
        encoding = found or encoding
    layout = text_to_layout(text)
    return Layout(pages=layout.pages, media_type="text/plain", text_encoding=encoding)
