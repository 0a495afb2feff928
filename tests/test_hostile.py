"""The catalogue of bad inputs: each has a defined outcome (error type and exit code, or a clean read).

Exit codes: 3 not found, 4 unsupported, 5 unreadable/corrupt, 6 encrypted, 7 limit exceeded.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import vndoc
from tests.builders import build_pdf, paragraph_lines
from tests.conftest import REPO
from tests.hostile import HELLO, raw_pdf, stream, text_page_pdf
from vndoc.cli import cli
from vndoc.errors import CorruptDocumentError, LimitExceededError, TimeLimitError, UnsupportedInputError
from vndoc.settings import Settings


def _cli(tmp_path, name: str, data: bytes, *args: str):
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["extract", str(path), *args])
    assert "Traceback" not in (result.output + result.stderr)
    return result


def _good_pdf() -> bytes:
    lines, _ = paragraph_lines(1, 60, "Hội có 19 chi hội trực thuộc với gần 1.700 hội viên.")
    return build_pdf(lines)


CATALOGUE = [
    # (id, file name, bytes, expected exit code, words the message must contain)
    ("empty-file", "empty.pdf", b"", 5, "empty"),
    (
        "zero-page-pdf",
        "zero.pdf",
        raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
        5,
        "no pages",
    ),
    ("truncated-pdf", "truncated.pdf", _good_pdf()[:400], 5, "not a readable PDF"),
    ("garbage-after-header", "garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 20, 5, "PDF"),
    ("html-named-pdf", "page.pdf", b"<!DOCTYPE html><html><body>x</body></html>", 4, "text/html"),
    ("zip-named-pdf", "archive.pdf", b"PK\x03\x04" + b"\x00" * 60, 4, "zip"),
    ("binary-named-txt", "data.txt", bytes(range(256)) * 8, 4, "octet-stream"),
    ("broken-word-doc", "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, 5, "not a readable Word"),
    ("broken-image", "pixel.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, 5, "not a readable image"),
]


@pytest.mark.parametrize("case", CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_bad_inputs_have_a_defined_outcome(tmp_path, case):
    _id, name, data, code, words = case
    result = _cli(tmp_path, name, data)
    assert result.exit_code == code, result.stderr
    assert words.lower() in result.stderr.lower()
    assert result.stderr.startswith("vndoc: error: ")


def test_pdf_named_docx_is_read_as_pdf(tmp_path):
    result = _cli(tmp_path, "report.docx", _good_pdf())
    assert result.exit_code == 0 and '"media_type": "application/pdf"' in result.output


def test_broken_xref_is_repaired():
    data = text_page_pdf(HELLO)
    cut = data.rindex(b"startxref")
    broken = data[:cut] + b"startxref\n999999\n%%EOF\n"  # the cross-reference table cannot be found
    assert vndoc.extract(broken).text == "Bao cao tong ket nam 2020"


def test_javascript_and_embedded_files_are_ignored():
    js = b"<< /S /JavaScript /JS (app.alert\\('x'\\);) >>"
    embedded = stream(b"MZ not a program to run")
    data = text_page_pdf(
        HELLO,
        catalog_extra=b"/OpenAction 6 0 R /Names << /EmbeddedFiles << /Names "
        b"[(a.exe) << /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>] >> >> ",
        extra_objects=[js, embedded],
    )
    doc = vndoc.extract(data)
    assert doc.text == "Bao cao tong ket nam 2020"


def test_decompression_bomb_is_refused():
    bomb = HELLO + b"\n" + b"%" + b" " * (3 * 1024 * 1024)  # a comment that inflates to 3 MB
    data = text_page_pdf(bomb, compress=True)
    assert len(data) < 20_000
    with pytest.raises(LimitExceededError) as info:
        vndoc.extract(data, settings=Settings(max_stream_bytes=1024 * 1024))
    assert info.value.page == 1
    # within the default limit the same file reads
    assert vndoc.extract(data).text == "Bao cao tong ket nam 2020"


def test_time_limit(tmp_path):
    lines, _ = paragraph_lines(1, 60, "Một trang văn bản. " * 20)
    with pytest.raises(TimeLimitError):
        vndoc.extract(build_pdf(lines), settings=Settings(timeout_s=1e-9))


def test_file_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(LimitExceededError):
        vndoc.extract(path, settings=Settings(max_file_bytes=1024))


@pytest.mark.parametrize(
    "text",
    [
        "Đại hội " * 60_000,  # one line of 480,000 characters
        ("Hội có 19 chi hội, " * 5000).replace(",", ""),  # no punctuation at all
        "1/2/3/4/5/6/7/8/9/" * 20_000,  # symbol-like noise
        "Ông " * 30_000,  # honorifics with no names
        "\n" * 50_000 + "x",  # blank lines only
    ],
    ids=["long-line", "no-punctuation", "slashes", "honorifics", "blank-lines"],
)
def test_pathological_text_completes(text):
    doc = vndoc.extract(text)
    for span in [m for p in doc.people for m in p.mentions] + [m for c in doc.counts for m in c.mentions]:
        assert doc.text[span.start : span.end] == span.text


def test_unsupported_inputs_name_their_type():
    with pytest.raises(UnsupportedInputError, match="zip"):
        vndoc.extract(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(CorruptDocumentError, match="image"):
        vndoc.extract(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    with pytest.raises(CorruptDocumentError):
        vndoc.extract(b"%PDF-1.4\n%%EOF\n")


def test_parser_loop_on_a_damaged_page_tree_is_cut_by_the_time_limit(tmp_path):
    # found by the fuzz run: pdfminer never returns from this 672-byte file's page tree
    data = (REPO / "tests" / "pdfs" / "fuzz-pagetree-hang.pdf").read_bytes()
    with pytest.raises(TimeLimitError):
        vndoc.extract(data, settings=Settings(timeout_s=1.5))
    result = CliRunner().invoke(
        cli, ["extract", str(REPO / "tests" / "pdfs" / "fuzz-pagetree-hang.pdf"), "--timeout", "1.5"]
    )
    assert result.exit_code == 7 and "time limit" in result.stderr


def _png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (width, height), 255).save(buffer, format="PNG")
    return buffer.getvalue()


def test_image_over_the_pixel_limit_is_refused_before_decoding():
    with pytest.raises(LimitExceededError, match="pixels"):
        vndoc.extract(_png(200, 200), settings=Settings(max_image_pixels=10_000))


def test_one_pixel_image_gives_an_empty_document():
    doc = vndoc.extract(_png(1, 1))  # setup.sh installs Tesseract's Vietnamese model
    assert doc.text == "" and "text.empty" in {i.code for i in doc.issues}
