"""OCR: which pages are OCR'd, image inputs, scanned PDFs, the errors when the engine is missing.

Pages are "scanned" here by rasterising a text PDF the tests build (tests/builders.py) at 300 dpi, so the
expected text is known exactly. Tests that run Tesseract are skipped when tesserocr or the Vietnamese model
is not installed (setup.sh installs both); the decisions and image handling around it are tested always.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

import vndoc
from tests.builders import PdfLine, build_pdf, paragraph_lines
from tests.conftest import shared_path
from vndoc.errors import OcrUnavailableError
from vndoc.layout import Layout, Line, Page
from vndoc.paged_text import PagedText
from vndoc.readers.ocr import (
    estimate_skew,
    find_model,
    image_dpi,
    is_noise,
    is_syllable,
    text_health,
    text_layer_usable,
)
from vndoc.settings import Settings


def _ocr_ready() -> bool:
    try:
        import tesserocr  # noqa: F401

        find_model()
    except (ImportError, OcrUnavailableError):
        return False
    return True


needs_tesseract = pytest.mark.skipif(
    not _ocr_ready(), reason="tesserocr or Tesseract's Vietnamese model is not installed (setup.sh installs both)"
)

BODY = (
    "Năm 2016, được sự quan tâm lãnh đạo của Huyện ủy và sự phối hợp của các ban, ngành, đoàn thể, Hội "
    "Nông dân huyện đã bám sát nhiệm vụ chính trị của địa phương, đổi mới nội dung và phương thức hoạt "
    "động, vận động hội viên thi đua sản xuất kinh doanh giỏi, đoàn kết giúp nhau làm giàu."
)
BODY_2 = (
    "Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ, Hội đã tổ chức "
    "tập huấn cho cán bộ cơ sở; đến nay toàn huyện có 19 cơ sở Hội với 1.250 hội viên tham gia sinh "
    "hoạt thường xuyên."
)


def _decision_pdf() -> bytes:
    lines = [
        PdfLine(1, 140, 50, "UBND HUYỆN CAN LỘC", align="center", size=12),
        PdfLine(1, 140, 68, "HỘI NÔNG DÂN", style="bold", align="center", size=12),
        PdfLine(1, 140, 92, "Số: 125/QĐ-HND", align="center", size=12),
        PdfLine(1, 425, 50, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="bold", align="center", size=12),
        PdfLine(1, 425, 68, "Độc lập - Tự do - Hạnh phúc", style="bold", align="center", size=12),
        PdfLine(1, 553, 92, "Can Lộc, ngày 12 tháng 8 năm 2016", style="italic", align="right", size=12),
        PdfLine(1, 319, 135, "BÁO CÁO", style="bold", align="center", size=14),
        PdfLine(1, 319, 153, "Kết quả hoạt động năm 2016", style="bold", align="center", size=14),
        PdfLine(1, 113, 190, "1. Kết quả đạt được", style="bold", size=14),
    ]
    body, y = paragraph_lines(1, 212, BODY, size=14)
    lines += body
    body, y = paragraph_lines(1, y, BODY_2, size=14)
    lines += body
    lines.append(PdfLine(1, 113, y + 6, "2. Phương hướng năm 2017", style="bold", size=14))
    return build_pdf(lines)


def _scan(pdf: bytes, *, angle: float = 0.0, dpi: int = 300) -> list:
    """Every page of ``pdf`` as a grayscale image at ``dpi``, turned by ``angle`` degrees (counter-clockwise)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = []
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        if angle:
            image = image.rotate(angle, fillcolor=255, expand=False)
        images.append(image)
    document.close()
    return images


def _encode(images: list, kind: str, dpi: int = 300) -> bytes:
    buffer = io.BytesIO()
    first, rest = images[0], images[1:]
    if kind == "PDF":
        first.save(buffer, "PDF", resolution=dpi, save_all=True, append_images=rest)
    elif kind == "TIFF":
        first.save(buffer, "TIFF", dpi=(dpi, dpi), save_all=True, append_images=rest, compression="tiff_deflate")
    else:
        first.save(buffer, kind, dpi=(dpi, dpi))
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------
# decisions that need no engine


@pytest.mark.parametrize(
    "word, expected",
    [
        ("nghiêng", True),
        ("Nguyễn", True),
        ("khuyến", True),
        ("đường", True),
        ("ảnh", True),
        ("QUYẾT", True),
        ("gì", True),
        ("hoạt", True),
        ("str", False),  # no vowel
        ("hßa", False),  # TCVN3 bytes read in a Western font
        ("ViÖt", False),
        ("bcd", False),
        ("hoạá", False),  # two tone marks
        ("Scanned", False),
    ],
)
def test_is_syllable(word, expected):
    assert is_syllable(word) is expected


@pytest.mark.parametrize(
    "text, has_picture, usable",
    [
        ("Đại hội đại biểu Hội Nông dân huyện lần thứ X đã thông qua nghị quyết về nhiệm vụ.", False, True),
        ("Đại hội đại biểu Hội Nông dân huyện lần thứ X đã thông qua nghị quyết về nhiệm vụ.", True, True),
        ("", True, False),  # an image-only page
        ("", False, True),  # a blank page: nothing to read
        ("2", True, False),  # only a page number over a scan
        ("Trang 2", False, True),
        ("(cid:3)(cid:4)(cid:5)(cid:6)" * 10 + " Hội", False, False),  # glyphs without Unicode
        ("\ufffd\ufffd\ufffd\ufffd Hội Nông dân huyện Can Lộc báo cáo kết quả hoạt động", False, False),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam, §éc lËp - Tù do - H¹nh phóc, QuyÕt ®Þnh", False, False),
        ("UBND TỈNH HÀ TĨNH, BCH, HĐND, KH&KT, TTg, QĐ-UBND ngày 12/3/2020", False, True),
    ],
    ids=[
        "vietnamese",
        "vietnamese-over-picture",
        "image-only",
        "blank",
        "page-number-over-scan",
        "short-text-page",
        "cid-glyphs",
        "replacement-chars",
        "tcvn3-bytes",
        "abbreviations",
    ],
)
def test_text_layer_usable(text, has_picture, usable):
    assert text_layer_usable(text, has_picture=has_picture) is usable


def test_text_health_counts():
    health = text_health("Hội (cid:12) có 19 chi hội\ufffd UBND xyz")
    assert (health.bad_glyphs, health.words, health.syllables) == (2, 5, 4)


@pytest.mark.parametrize(
    "text, confidence, edge, noise",
    [
        (".", 43, True, True),
        ("..", 42, True, True),
        ("-", 93, True, False),  # a real bullet
        ("-", 40, True, True),
        ("–", 30, False, False),  # a dash between two words: "Phan Đình Khang – Chủ tịch"
        ("x", 0, False, True),
        ("TƯ", 0, True, True),
        ("2.", 5, True, False),  # a list number
        ("IV", 32, True, False),
        ("Hội", 5, True, False),
        ("05", 97, True, False),
    ],
)
def test_is_noise(text, confidence, edge, noise):
    assert is_noise(text, confidence, edge=edge) is noise


@pytest.mark.parametrize(
    "size, stated, expected",
    [
        ((2480, 3508), (300, 300), 300.0),
        ((1240, 1754), (150, 150), 150.0),
        ((2480, 3508), (72, 72), 3508 / 11.69),  # a wrong default: the page would be 49 inches high
        ((1240, 1754), None, 1754 / 11.69),
        ((1754, 1240), (150, 150), 150.0),  # landscape
    ],
)
def test_image_dpi(size, stated, expected):
    from PIL import Image

    image = Image.new("L", size, 255)
    if stated:
        image.info["dpi"] = stated
    assert image_dpi(image) == pytest.approx(expected)


@pytest.mark.parametrize("angle", [-2.0, -0.7, 0.0, 0.5, 1.5])
def test_estimate_skew(angle):
    import numpy as np

    page = _scan(_decision_pdf(), angle=-angle, dpi=150)[0]
    assert estimate_skew(np.asarray(page)) == pytest.approx(angle, abs=0.1)


def test_low_confidence_issue_spans_the_page():
    from vndoc.pipeline import _ocr_issues

    layout = Layout(
        pages=(
            Page(number=1, lines=(Line(text="Trang một", page=1),), ocr=True, ocr_confidence=91.0),
            Page(number=2, lines=(Line(text="Tr@ng h4i", page=2),), ocr=True, ocr_confidence=41.5),
        ),
        media_type="image/tiff",
    )
    paged = PagedText(text="Trang một\nTr@ng h4i", page_starts=(0, 10))
    issues = _ocr_issues(layout, paged)
    assert [(i.code, [(s.page, s.text) for s in i.spans]) for i in issues] == [
        ("ocr.low_confidence", [(2, "Tr@ng h4i")])
    ]
    assert "42/100" in issues[0].message


def test_missing_model_is_a_clear_error(tmp_path):
    png = _encode([_scan(_decision_pdf(), dpi=100)[0]], "PNG", dpi=100)
    with pytest.raises(OcrUnavailableError) as caught:
        vndoc.extract(png, settings=Settings(tessdata_dir=str(tmp_path)))
    assert caught.value.exit_code == 9
    assert "vie.traineddata" in str(caught.value) and "tesseract-ocr-vie" in str(caught.value)


def test_image_with_ocr_off_is_refused(tmp_path):
    from click.testing import CliRunner

    from vndoc.cli import cli

    path = tmp_path / "scan.png"
    path.write_bytes(_encode([_scan(_decision_pdf(), dpi=100)[0]], "PNG", dpi=100))
    result = CliRunner().invoke(cli, ["extract", str(path), "--ocr", "never"])
    assert result.exit_code == 9
    assert "OCR is off" in result.stderr


def test_text_pdf_is_never_ocred_in_auto_mode():
    doc = vndoc.extract(_decision_pdf())
    assert doc.source.ocr_pages == [] and doc.header.number == "125/QĐ-HND"


# ---------------------------------------------------------------------------------------------------------
# recognition


def _check_decision(doc: vndoc.Document) -> None:
    """The scan reads as the text PDF does: the same header and sections, the text within 0.5% CER."""
    from benchmarks.cer import cer

    text_pdf = vndoc.extract(_decision_pdf())
    assert cer(doc.text, text_pdf.text).rate <= 0.005
    assert doc.text.count("\n") == text_pdf.text.count("\n") == 11  # the same paragraphs
    assert (doc.header.number, doc.header.place, doc.header.date, doc.header.doc_type, doc.header.title) == (
        "125/QĐ-HND",
        "Can Lộc",
        dt.date(2016, 8, 12),
        "Báo cáo",
        "Kết quả hoạt động năm 2016",
    )
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Kết quả đạt được"), ("2", "Phương hướng năm 2017")]
    assert [i.code for i in doc.issues if i.code.startswith("ocr.")] == []


@needs_tesseract
@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_image_is_read_like_the_text_pdf(kind):
    doc = vndoc.extract(_encode(_scan(_decision_pdf(), angle=0.8), kind))
    assert doc.source.media_type == f"image/{kind.lower()}"
    assert (doc.source.pages, doc.source.ocr_pages) == (1, [1])
    _check_decision(doc)


@needs_tesseract
def test_scanned_pdf_at_150_dpi():
    pdf = _encode(_scan(_decision_pdf(), angle=-1.2, dpi=150), "PDF", dpi=150)
    doc = vndoc.extract(pdf)
    assert (doc.source.media_type, doc.source.ocr_pages) == ("application/pdf", [1])
    _check_decision(doc)


@needs_tesseract
def test_multipage_tiff_and_ocr_always():
    page = _scan(_decision_pdf())[0]
    doc = vndoc.extract(_encode([page, page.copy()], "TIFF"))
    assert (doc.source.pages, doc.source.ocr_pages) == (2, [1, 2])
    assert doc.text.count("Can Lộc, ngày 12 tháng 8 năm 2016") == 2
    forced = vndoc.extract(_decision_pdf(), settings=Settings(ocr="always", ocr_workers=1))
    assert forced.source.ocr_pages == [1]
    _check_decision(forced)


@needs_tesseract
def test_mixed_pdf_ocrs_only_the_scanned_page():
    import pypdfium2 as pdfium

    text_pdf = _decision_pdf()
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(text_pdf))
    mixed.import_pages(pdfium.PdfDocument(_encode(_scan(text_pdf), "PDF")))
    buffer = io.BytesIO()
    mixed.save(buffer)
    doc = vndoc.extract(buffer.getvalue(), settings=Settings(remove_running_headers=False))
    assert (doc.source.pages, doc.source.ocr_pages) == (2, [2])
    assert doc.text.count("Can Lộc, ngày 12 tháng 8 năm 2016") == 2


@needs_tesseract
def test_seed_page_image():
    path = shared_path("seed", "seed-scan-p1.png")
    doc = vndoc.extract(Path(path))
    assert (doc.source.media_type, doc.source.ocr_pages) == ("image/png", [1])
    assert (doc.header.place, doc.header.date, doc.header.doc_type) == ("Hồng Lĩnh", dt.date(2024, 1, 26), "Báo cáo")
    assert doc.header.term is not None and (doc.header.term.start, doc.header.term.end) == (2018, 2023)


# ---------------------------------------------------------------------------------------------------------
# repairs of OCR'd text


@pytest.mark.parametrize(
    "text, repaired",
    [
        ("Số: 125/QĐĐ-HND", "Số: 125/QĐ-HND"),
        ("theo Quyết định số 06/QĐĐĐ-TTg ngày 06/01/2022", "theo Quyết định số 06/QĐ-TTg ngày 06/01/2022"),
        ("Nghị quyết số 03-NQQ/TU", "Nghị quyết số 03-NQ/TU"),
        ("Kế hoạch số 14/KH-BTK", "Kế hoạch số 14/KH-BTK"),  # a known code
        ("Đoàn ĐĐBQH tỉnh", "Đoàn ĐĐBQH tỉnh"),  # no symbol
        ("Công văn 15/UBBND-VX", "Công văn 15/UBBND-VX"),  # not a type code either way
        ("ngày 12/3/2020", "ngày 12/3/2020"),
    ],
)
def test_repair_symbol_codes(text, repaired):
    from vndoc.ocr_repair import repair_symbol_codes

    assert repair_symbol_codes(text) == repaired


@pytest.mark.parametrize(
    "text, repaired",
    [
        ("tập huấn cho các chỉ hội;", "tập huấn cho các chi hội;"),
        ("Chỉ bộ thôn 3 có 25 đảng viên", "Chi bộ thôn 3 có 25 đảng viên"),
        ("BÍ THƯ CHỈ BỘ", "BÍ THƯ CHI BỘ"),
        ("chỉ hội viên mới được bầu", "chỉ hội viên mới được bầu"),  # "only members": a real phrase
        ("chỉ bộ đội biên phòng", "chỉ bộ đội biên phòng"),
        ("chỉ đạo các chi hội", "chỉ đạo các chi hội"),
    ],
)
def test_repair_word_pairs(text, repaired):
    from vndoc.ocr_repair import repair_word_pairs

    assert repair_word_pairs(text) == repaired


@pytest.mark.parametrize(
    "headings, numbers",
    [
        (["I. KẾT QUẢ", "I. TỒN TẠI", "IH. PHƯƠNG HƯỚNG"], ["I", "II", "III"]),
        (["I. MỤC ĐÍCH", "II. NỘI DUNG", "LH. THỜI GIAN", "IV. PHÂN CÔNG"], ["I", "II", "III", "IV"]),
        (["I. KẾT QUẢ", "1. Về kinh tế", "2. Về xã hội", "II. NHIỆM VỤ"], ["I", "1", "2", "II"]),
        (["I. KẾT QUẢ", "II. TỒN TẠI", "II. NHIỆM VỤ"], ["I", "II", "III"]),
        (["I. A", "II. B", "III. C", "IV. D", "IV. E"], ["I", "II", "III", "IV", "IV"]),  # not a stroke short
        (["PHẦN THỨ NHẤT", "I. KẾT QUẢ", "PHẦN THỨ HAI", "I. NHIỆM VỤ"], ["PHẦN", "I", "PHẦN", "I"]),
        (["A. KẾT QUẢ", "I. Tổ chức", "B. PHƯƠNG HƯỚNG", "I. Mục tiêu"], ["A", "I", "B", "I"]),
        (["V. KẾT LUẬN"], ["V"]),
    ],
)
def test_repair_roman_headings(headings, numbers):
    from vndoc.ocr_repair import repair_roman_headings

    lines = [(Line(text=t, page=1), True) for t in headings]
    out = [ln.text for ln in repair_roman_headings(lines)]
    assert [re.split(r"[. ]", t, maxsplit=1)[0] for t in out] == numbers
    assert [re.split(r"[. ]", t, maxsplit=1)[1] for t in out] == [re.split(r"[. ]", t, maxsplit=1)[1] for t in headings]


@pytest.mark.parametrize(
    "text, repaired",
    [
        (".1. Công tác tổ chức", "1. Công tác tổ chức"),
        (", Hội đã tổ chức", "Hội đã tổ chức"),
        ("“Đề án phát triển”", "“Đề án phát triển”"),
        ("- Lưu VT.", "- Lưu VT."),
        ("...", "..."),
    ],
)
def test_strip_leading_specks(text, repaired):
    from vndoc.ocr_repair import strip_leading_specks

    assert strip_leading_specks(text) == repaired


@pytest.mark.parametrize(
    "text, repaired",
    [
        ("Cồn Thơ, ngày 10 thóng 4 năm 2023", "Cần Thơ, ngày 10 tháng 4 năm 2023"),
        ("Bát Xót, ngày 25 thúng 5 năm 2023", "Bát Xót, ngày 25 tháng 5 năm 2023"),  # no known place near
        ("HÀ TỈNH, NGÀY 2 THÓNG 3 NĂM 2020", "HÀ TĨNH, NGÀY 2 THÁNG 3 NĂM 2020"),
        ("Hà Nội, ngày 5 thúng 3 nom 2020", "Hà Nội, ngày 5 tháng 3 năm 2020"),
        ("Hạ Long, ngày 22 tháng 6 năm 2015", "Hạ Long, ngày 22 tháng 6 năm 2015"),
        ("ngày 12 thông tin 3 năm 2020", "ngày 12 thông tin 3 năm 2020"),  # not a date
    ],
)
def test_repair_date_line(text, repaired):
    from vndoc.ocr_repair import repair_date_line

    assert repair_date_line(text) == repaired


def test_repair_leaves_text_pages_alone():
    from vndoc.ocr_repair import repair_layout

    pages = (
        Page(number=1, lines=(Line(text="I. KẾT QUẢ", page=1), Line(text="I. TỒN TẠI", page=1))),
        Page(number=2, lines=(Line(text="các chỉ hội", page=2), Line(text="I. NHIỆM VỤ", page=2)), ocr=True),
    )
    repaired = repair_layout(Layout(pages=pages, media_type="application/pdf"))
    assert [ln.text for p in repaired.pages for ln in p.lines] == [
        "I. KẾT QUẢ",
        "I. TỒN TẠI",
        "các chi hội",
        "II. NHIỆM VỤ",
    ]
