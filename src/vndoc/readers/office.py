"""RTF and Word 97-2003 .doc through LibreOffice, then the DOCX reader; legacy-font runs converted on the way.

Why LibreOffice (``soffice --headless --convert-to docx``): it is a complete importer of both old formats
(Word 6 to 2003 binaries, fast-saved files, tables, fields, RTF of every producer) and, unlike text
extractors such as antiword or catdoc, it keeps what the legacy-encoding handling needs: the font of
every run and the character set of every font. The converted file then goes through the same DOCX
reader as native .docx input, so header tables, alignment and bold are read one way for all three
formats. The cost is a process start (one to two seconds a file); a private profile directory per
process lets conversions run beside a user's own LibreOffice. Debian's ``libreoffice-writer-nogui``
provides it (``setup.sh``).

Legacy Vietnamese text (TCVN3 .VnTime, VNI VNI-Times ...) arrives as Windows-1252 characters in runs whose
font names say the encoding. For each run the font is resolved the way Word does: the run's own font,
else its character style, else its paragraph style and the styles it is based on, else the document
default. LibreOffice decoded the bytes through the font's character set (a ".VnTimeH Tur" alias decodes
as Turkish), so the run's text is first encoded back to those bytes, then converted
(:mod:`vndoc.legacy`); capitals-only fonts (.VnTimeH) and the "all caps" property upper-case. Runs in
other fonts that hold non-ASCII text are judged by syllable statistics, which catches legacy text whose
font was replaced by a Unicode one. The same conversion applies to .docx files that use legacy fonts.
"""

from __future__ import annotations

import atexit
import functools
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vndoc.errors import CorruptDocumentError, UnsupportedInputError
from vndoc.layout import Layout
from vndoc.legacy import (
    UNICODE,
    VNI,
    confirm_encoding,
    convert,
    convert_words,
    font_encoding,
    guess_encoding,
    is_unicode_vietnamese,
    summarize,
)

RTF = "application/rtf"
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_SUFFIX = {RTF: ".rtf", DOC: ".doc"}
_TIMEOUT_S = 180
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Word's font character sets (w:charset, RTF \fcharset) -> the code page their bytes were decoded with.
_CHARSET_CODEC = {
    "00": "cp1252",
    "01": "cp1252",
    "A1": "cp1253",
    "A2": "cp1254",
    "A3": "cp1258",
    "BA": "cp1257",
    "CC": "cp1251",
    "EE": "cp1250",
}


def read_office(data: bytes, media_type: str, *, name: str | None = None) -> Layout:
    """An RTF or .doc file: converted to .docx by LibreOffice, legacy runs converted, read as DOCX."""
    layout = read_docx_with_legacy_fonts(convert_to_docx(data, media_type, name=name), name=name, notes=True)
    return replace(layout, media_type=media_type)


def read_docx_with_legacy_fonts(data: bytes, *, name: str | None = None, notes: bool = False) -> Layout:
    """A .docx file; runs in TCVN3/VNI fonts (or holding legacy text in another font) become Unicode.

    ``notes``: footnotes and endnotes are read too, after the body (old files keep legal references
    there). Without it, a document whose font table names no legacy font is read unchanged.
    """
    from vndoc.readers.docx import read_docx

    if not notes and not _names_legacy_font(data):
        return read_docx(data, name=name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile.BadZipFile, KeyError for missing parts, lxml errors
        raise CorruptDocumentError(
            f"not a readable .docx file ({type(exc).__name__}: {exc})", path=name, stage="read"
        ) from exc
    if notes:
        append_notes(document)
    lift_text_boxes(document.element.body)
    accept_revisions(document.element.body)
    encodings = convert_legacy_runs(document.element.body, _Styles.of(document), _font_codecs(data))
    buffer = io.BytesIO()
    document.save(buffer)
    layout = read_docx(buffer.getvalue(), name=name)
    return replace(layout, text_encoding=summarize(encodings))


# --- LibreOffice -----------------------------------------------------------------------------------

_lock = threading.Lock()


@functools.cache
def _profile_dir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="vndoc-lo-profile-"))
    atexit.register(shutil.rmtree, path, True)
    return path


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, media_type: str, *, name: str | None = None) -> bytes:
    """The bytes of ``data`` (RTF or .doc) converted to .docx by headless LibreOffice."""
    soffice = soffice_path()
    kind = "RTF" if media_type == RTF else "Word 97-2003 .doc"
    if soffice is None:
        raise UnsupportedInputError(
            f"{kind} input needs LibreOffice (soffice), which is not installed", path=name, stage="read"
        )
    with tempfile.TemporaryDirectory(prefix="vndoc-office-") as tmp:
        source = Path(tmp) / f"input{_SUFFIX.get(media_type, '.doc')}"
        source.write_bytes(data)
        outdir = Path(tmp) / "out"
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation={_profile_dir().as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(source),
        ]
        env = {**os.environ, "HOME": tmp}
        with _lock:
            stderr = _run_soffice(command, env=env, kind=kind, name=name)
        result = outdir / "input.docx"
        if not result.is_file():
            said = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise CorruptDocumentError(f"not a readable {kind} file ({said[0]})", path=name, stage="read")
        return result.read_bytes()


def _run_soffice(command: list[str], *, env: dict[str, str], kind: str, name: str | None) -> bytes:
    """Run LibreOffice in its own process group (it starts a child), killed whole on timeout; its stderr."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise CorruptDocumentError(
            f"LibreOffice did not convert the {kind} file within {_TIMEOUT_S} s", path=name, stage="read"
        ) from exc
    return stderr


# --- fonts of runs ---------------------------------------------------------------------------------


def _names_legacy_font(data: bytes) -> bool:
    """The font table, the styles or the runs of a .docx name a TCVN3/VNI font."""
    names: set[str] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for part in ("word/fontTable.xml", "word/styles.xml", "word/document.xml"):
                if part in archive.namelist():
                    xml = archive.read(part).decode("utf-8", "replace")
                    names.update(_FONT_ATTRIBUTE.findall(xml))
    except zipfile.BadZipFile:
        return False
    return any(font_encoding(n.split(";")[0]) for n in names)


_FONT_ATTRIBUTE = re.compile(r'w:(?:name|ascii|hAnsi)="([^"]*)"')


def _font_codecs(data: bytes) -> dict[str, str]:
    """Font name -> the code page of its character set, from ``word/fontTable.xml``."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("word/fontTable.xml"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}
    codecs: dict[str, str] = {}
    for font in root.iter(f"{_W}font"):
        charset = font.find(f"{_W}charset")
        value = (charset.get(f"{_W}val") or "").upper() if charset is not None else ""
        codecs.setdefault(font.get(f"{_W}name") or "", _CHARSET_CODEC.get(value, "cp1252"))
    return codecs


def _run_font(rpr: Any) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        return None
    name = fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")
    return name.split(";")[0].strip() if name else None


def _on(rpr: Any, tag: str) -> bool | None:
    """A toggle property (w:caps ...) of a run or style: True/False where set, None where not."""
    if rpr is None:
        return None
    element = rpr.find(f"{_W}{tag}")
    if element is None:
        return None
    return element.get(f"{_W}val", "true").lower() not in ("false", "0", "off")


@dataclass(frozen=True)
class _Style:
    font: str | None
    caps: bool | None
    based_on: str | None


@dataclass(frozen=True)
class _Styles:
    styles: dict[str, _Style]
    default_paragraph: str | None
    default_font: str | None

    @staticmethod
    def of(document: Any) -> _Styles:
        root = document.styles.element
        styles: dict[str, _Style] = {}
        default_paragraph = None
        for style in root.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId") or ""
            rpr = style.find(f"{_W}rPr")
            based = style.find(f"{_W}basedOn")
            styles[sid] = _Style(_run_font(rpr), _on(rpr, "caps"), based.get(f"{_W}val") if based is not None else None)
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                default_paragraph = sid
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        return _Styles(styles, default_paragraph, _run_font(defaults))

    def font(self, style_id: str | None) -> str | None:
        return self._inherited(style_id, "font")

    def caps(self, style_id: str | None) -> bool | None:
        return self._inherited(style_id, "caps")

    def _inherited(self, style_id: str | None, field: str) -> Any:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            value = getattr(style, field)
            if value is not None:
                return value
            style_id = style.based_on
        return None


def _to_bytes(text: str, codec: str) -> str:
    """Run text back to the bytes the legacy font drew (as Latin-1 characters), through its code page."""
    out = []
    for ch in text:
        if ord(ch) < 0x100:
            out.append(ch)
            continue
        for name in (codec, "cp1252"):
            try:
                encoded = ch.encode(name)
            except UnicodeEncodeError:
                continue
            if len(encoded) == 1:
                out.append(chr(encoded[0]))
                break
        else:
            out.append(ch)
    return "".join(out)


def _merge_texts(run: Any) -> list[Any]:
    """The run's text elements, adjacent ones merged into one, soft hyphens taken back as the byte 0xAD.

    The byte 0xAD is a letter in TCVN3 (ư) but a soft hyphen in Windows-1252, which LibreOffice writes
    as a ``w:softHyphen`` element; merging keeps each word in one piece for the conversion.
    """
    merged: list[Any] = []
    previous = None
    for child in list(run):
        if child.tag == f"{_W}softHyphen":
            if previous is None:
                child.tag = f"{_W}t"
                child.text = "\xad"
                previous = child
                merged.append(child)
            else:
                previous.text = (previous.text or "") + "\xad"
                run.remove(child)
        elif child.tag == f"{_W}t":
            if previous is None:
                previous = child
                merged.append(child)
            else:
                previous.text = (previous.text or "") + (child.text or "")
                run.remove(child)
        elif child.tag != f"{_W}rPr":
            previous = None
    for t in merged:
        if t.text and t.text != t.text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return merged


def append_notes(document: Any) -> None:
    """The paragraphs of the footnotes and endnotes, appended to the body (before its section properties)."""
    import copy

    from lxml import etree

    body = document.element.body
    section = body.find(f"{_W}sectPr")
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if rel.is_external or kind not in ("footnotes", "endnotes"):
            continue
        root = etree.fromstring(rel.target_part.blob)
        for note in root.iter(f"{_W}footnote", f"{_W}endnote"):
            if note.get(f"{_W}type") not in (None, "normal"):
                continue  # separators
            for paragraph in note.iter(f"{_W}p"):
                if section is not None:
                    section.addprevious(copy.deepcopy(paragraph))
                else:
                    body.append(copy.deepcopy(paragraph))


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def lift_text_boxes(body: Any) -> None:
    """Paragraphs of text boxes moved after the paragraph that anchors them, once each.

    Text boxes (captions of diagrams, boxed notes) sit inside a run's drawing, where the DOCX reader does
    not look. A drawing written twice (a modern shape and its VML fallback) gives its text once.
    """
    for fallback in list(body.iter(f"{_MC}Fallback")):
        if fallback.getparent() is not None and any(True for _ in fallback.iter(f"{_W}txbxContent")):
            fallback.getparent().remove(fallback)
    for box in list(body.iter(f"{_W}txbxContent")):
        anchor = None
        for ancestor in box.iterancestors(f"{_W}p"):
            anchor = ancestor  # the outermost paragraph
        if anchor is None:
            continue
        for paragraph in reversed(box.findall(f"{_W}p")):
            anchor.addnext(paragraph)


_REVISION_KEEP = ("ins", "moveTo", "smartTag", "customXml", "fldSimple")
_REVISION_DROP = ("del", "moveFrom")


def accept_revisions(body: Any) -> None:
    """Tracked changes accepted, in place: insertions kept as plain runs, deletions removed.

    Runs wrapped in ``w:ins`` (and smart tags, custom XML, simple fields) are lifted into their
    paragraph, where the DOCX reader looks for runs; ``w:del`` is the text the author took out.
    """
    for tag in _REVISION_DROP:
        for element in list(body.iter(f"{_W}{tag}")):
            if element.getparent() is not None and element.getparent().tag != f"{_W}rPr":
                element.getparent().remove(element)
    for tag in _REVISION_KEEP:
        for element in list(body.iter(f"{_W}{tag}")):
            parent = element.getparent()
            if parent is None or parent.tag in (f"{_W}rPr", f"{_W}pPr"):
                continue
            index = parent.index(element)
            for offset, child in enumerate(list(element)):
                parent.insert(index + offset, child)
            parent.remove(element)


@dataclass
class _Piece:
    """One text element of a run, with what its run says about the encoding."""

    element: Any
    paragraph: Any
    font: str | None
    caps: bool


def _pieces(body: Any, styles: _Styles) -> list[_Piece]:
    pieces = []
    for run in body.iter(f"{_W}r"):
        paragraph = next(run.iterancestors(f"{_W}p"), None)
        texts = _merge_texts(run)
        if not texts or paragraph is None:
            continue
        ppr_style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        paragraph_style = ppr_style.get(f"{_W}val") if ppr_style is not None else styles.default_paragraph
        rpr = run.find(f"{_W}rPr")
        rstyle = rpr.find(f"{_W}rStyle") if rpr is not None else None
        char_style = rstyle.get(f"{_W}val") if rstyle is not None else None
        font = _run_font(rpr) or styles.font(char_style) or styles.font(paragraph_style) or styles.default_font
        caps = _on(rpr, "caps")
        if caps is None:
            caps = bool(styles.caps(char_style) or styles.caps(paragraph_style))
        pieces += [_Piece(t, paragraph, font, caps) for t in texts if t.text]
    return pieces


def _join_split_letters(texts: list[str], encodings: list[str]) -> list[str]:
    """VNI: a diacritic byte that starts a piece belongs to the letter that ends the piece before."""
    out = list(texts)
    for i in range(1, len(out)):
        if encodings[i] != VNI or encodings[i - 1] != VNI:
            continue
        if out[i] and out[i - 1] and out[i][0] >= "\xc0" and out[i - 1][-1].isalpha() and out[i - 1][-1].isascii():
            out[i - 1] += out[i][0]
            out[i] = out[i][1:]
    return out


def convert_legacy_runs(body: Any, styles: _Styles, codecs: dict[str, str]) -> Counter[str]:
    """Rewrite, in place, the text of every run of ``body`` drawn in a legacy font (or holding legacy text).

    A paragraph's runs in one legacy font are judged together (:func:`vndoc.legacy.confirm_encoding`),
    so a word split over two runs still reads as one; a run whose own words clearly read in the other
    legacy encoding takes that one (keyboards were switched within a paragraph), and so does a single
    word (:func:`vndoc.legacy.convert_words`). Runs in other fonts with non-ASCII text are judged by
    statistics, paragraph by paragraph, with the document's main legacy encoding breaking ties.
    Returns the number of characters converted from each encoding.
    """
    found: Counter[str] = Counter()
    legacy_groups: dict[tuple[int, str], list[_Piece]] = {}
    other_groups: dict[int, list[_Piece]] = {}
    for piece in _pieces(body, styles):
        legacy = font_encoding(piece.font)
        text = piece.element.text
        if legacy is not None and not is_unicode_vietnamese(text):
            legacy_groups.setdefault((id(piece.paragraph), piece.font or ""), []).append(piece)
        elif legacy is None and not text.isascii():
            other_groups.setdefault(id(piece.paragraph), []).append(piece)
        elif piece.caps:
            piece.element.text = text.upper()
    for (_, font), group in legacy_groups.items():
        legacy = font_encoding(font)
        assert legacy is not None
        raws = [_to_bytes(p.element.text, codecs.get(font, "cp1252")) for p in group]
        paragraph_encoding = confirm_encoding("".join(raws), legacy.encoding)
        encodings = [confirm_encoding(raw, paragraph_encoding) for raw in raws]
        raws = _join_split_letters(raws, encodings)
        for piece, raw, encoding in zip(group, raws, encodings, strict=True):
            piece.element.text = convert_words(raw, encoding, upper=legacy.upper or piece.caps)
            found[encoding] += len(raw)
    prior = found.most_common(1)[0][0] if found else UNICODE
    for group in other_groups.values():
        encoding = guess_encoding("".join(p.element.text for p in group), prior=prior)
        for piece in group:
            text = convert(piece.element.text, encoding) if encoding != UNICODE else piece.element.text
            piece.element.text = text.upper() if piece.caps else text
            if encoding != UNICODE:
                found[encoding] += len(text)
    return found
