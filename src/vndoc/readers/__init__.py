"""Readers: one module per input kind, one common output (:class:`vndoc.layout.Layout`).

:func:`read` decides the kind from the content's first bytes, not from the file name: a file named
``.pdf`` that holds HTML is refused with a message saying what it really is.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from vndoc.errors import CorruptDocumentError, UnsupportedInputError
from vndoc.layout import Layout
from vndoc.settings import Settings

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
RTF = "application/rtf"
DOC = "application/msword"
IMAGES = frozenset({"image/png", "image/jpeg", "image/tiff", "image/gif", "image/bmp"})
"""Images are read by OCR: every frame a page (a multi-page TIFF is one document)."""

_IMAGE_MAGIC = {
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
    b"GIF8": "image/gif",
    b"BM": "image/bmp",
}


def sniff_media_type(data: bytes) -> str:
    """The media type of a document from its first bytes."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return PDF
    for magic, media in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            return media
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return "application/zip"
        return DOCX if "word/document.xml" in names else "application/zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "application/msword"
    if head.lstrip().startswith(b"{\\rtf"):
        return "application/rtf"
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(0) > len(head) // 4):
        return "application/octet-stream"
    return TEXT


def read(
    data: bytes, settings: Settings, *, name: str | None = None, path: Path | None = None, deadline: float | None = None
) -> Layout:
    if not data:
        raise CorruptDocumentError("the file is empty", path=name, stage="read")
    media_type = sniff_media_type(data)
    if media_type == PDF:
        from vndoc.readers.pdf import read_pdf

        return read_pdf(data, settings, name=name, deadline=deadline)
    if media_type == DOCX:
        from vndoc.readers.office import read_docx_with_legacy_fonts

        return read_docx_with_legacy_fonts(data, name=name)
    if media_type in (RTF, DOC):
        from vndoc.readers.office import read_office

        return read_office(data, media_type, name=name)
    if media_type == TEXT:
        from vndoc.readers.text import read_text

        return read_text(data, name=name)
    suffix = path.suffix.lower() if path else ""
    said = f" (named {suffix})" if suffix else ""
    if media_type in IMAGES:
        from vndoc.readers.ocr import read_image

        return read_image(data, settings, name=name, media_type=media_type)
    raise UnsupportedInputError(
        f"unsupported content: {media_type}{said}; vndoc reads PDF, DOCX, DOC, RTF, text and images",
        path=name,
        stage="read",
    )
