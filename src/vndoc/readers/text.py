"""Plain text: encoding detection, then one Line per text line, pages split at form feeds.

Encodings tried in order: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-8, UTF-16 without a mark
(recognised by its NUL bytes), then Windows-1258, the Vietnamese code page of older Windows files.
Windows-1258 writes tone marks as combining characters; NFC composes them.
"""

from __future__ import annotations

import codecs

from vndoc.errors import CorruptDocumentError
from vndoc.layout import Layout, Line, Page
from vndoc.normalize import clean_chars


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
    return data.decode("cp1258", errors="replace"), "cp1258"


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
    layout = text_to_layout(text)
    return Layout(pages=layout.pages, media_type="text/plain", text_encoding=encoding)
