"""Corpus renderer: layout recovered from text, text PDFs that read back, reproducible scans."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from benchmarks import render

ISSUER = "HỘI KHUYẾN HỌC TỈNH QUẢNG TRỊ"
HEADER = f"""{ISSUER}
BAN CHẤP HÀNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 15/BC-HKH
Độc lập - Tự do - Hạnh phúc
Đông Hà, ngày 20 tháng 6 năm 2023

BÁO CÁO
Tổng kết hoạt động nhiệm kỳ 2018 - 2023
"""
CLOSING = """
Nơi nhận:
- Hội Khuyến học Việt Nam;
- Lưu: VP.
TM. BAN CHẤP HÀNH
CHỦ TỊCH
Nguyễn Thị Hằng
"""
PARAGRAPH = (
    "Trong nhiệm kỳ qua, các cấp hội đã vận động được nhiều nguồn lực, trao tặng hàng nghìn suất học "
    "bổng cho học sinh nghèo vượt khó; phong trào xây dựng gia đình, dòng họ, cộng đồng khuyến học tiếp "
    "tục được nhân rộng ở khắp các thôn, khu phố, góp phần nâng cao dân trí và chất lượng nguồn nhân lực."
)


def document(sections: int) -> str:
    body = "\n".join(
        f"{k}. Kết quả thực hiện nhiệm vụ thứ {k}\n{PARAGRAPH}\n{PARAGRAPH}" for k in range(1, sections + 1)
    )
    return f"{HEADER}\nI. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC\n{body}\nTrên đây là báo cáo tổng kết nhiệm kỳ./.\n{CLOSING}"


@pytest.fixture(scope="module")
def font() -> render.FontFamily:
    return render.find_font_family()  # setup.sh installs fonts-liberation2; a missing font fails loudly


STYLE_TOP = render.TextStyle(font_size=13.0, leading=17.0, page_numbers="top")


def words(text: str) -> Counter[str]:
    return Counter(unicodedata.normalize("NFC", text).split())


def page_words(pdf_path: Path, page: int) -> list[dict[str, object]]:
    with pdfplumber.open(pdf_path) as pdf:
        found = pdf.pages[page].extract_words()
    return [{**w, "text": unicodedata.normalize("NFC", str(w["text"]))} for w in found]


def first_word(found: list[dict[str, object]], text: str) -> dict[str, object]:
    return next(w for w in found if w["text"] == text)


# --- reading the layout back from the text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto"),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto"),
        ("Độc lập – Tự do – Hạnh phúc", "motto"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "motto"),
        ("Số: 15/BC-HKH", "number"),
        ("Số 12-NQ/ĐU", "number"),
        ("Số lượng hội viên tăng 20%.", "other"),
        ("Hà Nội, ngày 9 tháng 11 năm 2010", "date"),
        ("Đông Hà, ngày    tháng    năm 2024", "date"),
        ("Ngày 27/12, hội tổ chức đại hội", "other"),
        ("V/v tổ chức Đại hội nhiệm kỳ mới", "subject"),
        ("BÁO CÁO", "doctype"),
        ("NGHỊ QUYẾT ĐẠI HỘI", "doctype"),
        ("ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", "upper"),
        ("I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC", "other"),
        ("____________________", "separator"),
        ("*", "separator"),
    ],
)
def test_header_line_kinds(line: str, kind: str) -> None:
    assert render._header_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "kind", "runs"),
    [
        ("I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC", "heading", (("I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC", "B"),)),
        ("1. Công tác tổ chức", "heading", (("1. Công tác tổ chức", "B"),)),
        ("2.1. Công tác tuyên truyền", "heading", (("2.1. Công tác tuyên truyền", "BI"),)),
        ("a) Chỉ tiêu về xây dựng Đảng", "heading", (("a) Chỉ tiêu về xây dựng Đảng", "I"),)),
        (
            "1. Tán thành báo cáo của Ban Chấp hành.",
            "body",
            (("1. Tán thành báo cáo của Ban Chấp hành.", "R"),),
        ),
        ("Điều 1. Phạm vi điều chỉnh", "heading", (("Điều 1. Phạm vi điều chỉnh", "B"),)),
        ("Điều 2. Quyết định có hiệu lực.", "body", (("Điều 2.", "B"), ("Quyết định có hiệu lực.", "R"))),
        ("Chương II", "center", (("Chương II", "B"),)),
        ("QUYẾT ĐỊNH:", "center", (("QUYẾT ĐỊNH:", "B"),)),
        ("- Lưu hành nội bộ.", "body", (("- Lưu hành nội bộ.", "R"),)),
        ("Hội có 27 hội viên.", "body", (("Hội có 27 hội viên.", "R"),)),
    ],
)
def test_body_paragraph_classes(line: str, kind: str, runs: tuple[tuple[str, str], ...]) -> None:
    para = render._classify(line)
    assert (para.kind, para.runs) == (kind, runs)


def test_layout_of_a_report() -> None:
    layout = render.parse_layout(document(1))
    assert layout.header == render.Header(
        issuer=(ISSUER, "BAN CHẤP HÀNH"),
        number="Số: 15/BC-HKH",
        motto=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
        place_date="Đông Hà, ngày 20 tháng 6 năm 2023",
        doc_type="BÁO CÁO",
        title=("Tổng kết hoạt động nhiệm kỳ 2018 - 2023",),
    )
    assert layout.recipients == ("Nơi nhận:", "- Hội Khuyến học Việt Nam;", "- Lưu: VP.")
    assert layout.signature == ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Nguyễn Thị Hằng")
    assert [p.kind for p in layout.body] == ["heading", "heading", "body", "body", "body"]
    assert layout.headline is None


def test_news_text_has_no_header_or_signature() -> None:
    text = (
        "Hội Khuyến học tỉnh tổ chức Đại hội lần thứ V\n\n"
        "Sáng 19.9, Hội Khuyến học tỉnh tổ chức Đại hội đại biểu lần thứ V (nhiệm kỳ 2017-2022).\n\n"
        "Ông Trần Văn Cận được bầu làm Chủ tịch Hội nhiệm kỳ mới.\n"
    )
    layout = render.parse_layout(text)
    assert layout.header.empty
    assert layout.headline == "Hội Khuyến học tỉnh tổ chức Đại hội lần thứ V"
    assert layout.signature == ()
    assert len(layout.body) == 2


def test_sentence_cut_by_a_source_page_break_is_joined() -> None:
    text = f"{PARAGRAPH[:-1]} và 19 hội thành viên\n\n(trong đó có 6 hội cơ sở).\n\nđược cấp ủy ghi nhận.\n"
    layout = render.parse_layout(text)
    assert layout.joined == 2
    assert len(layout.body) == 1


# --- text PDFs -----------------------------------------------------------------------------------------


def test_text_pdf_reads_back_with_its_diacritics(font: render.FontFamily, tmp_path: Path) -> None:
    out = tmp_path / "doc.pdf"
    text = document(8)
    manifest = render.render_pdf(text, out, style=STYLE_TOP)
    with pdfplumber.open(out) as pdf:
        pages = len(pdf.pages)
        extracted = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert manifest["pages"] == pages >= 2
    # Every word comes back exactly; the only additions are the page numbers 2..n.
    assert words(extracted) - words(text) == Counter(str(n) for n in range(2, pages + 1))
    assert words(text) - words(extracted) == Counter()


def test_short_text_is_one_page(font: render.FontFamily, tmp_path: Path) -> None:
    manifest = render.render_pdf(document(1), tmp_path / "short.pdf", style=STYLE_TOP)
    assert manifest["pages"] == 1


def test_header_columns(font: render.FontFamily, tmp_path: Path) -> None:
    out = tmp_path / "doc.pdf"
    render.render_pdf(document(1), out, style=STYLE_TOP)
    found = page_words(out, 0)
    issuer, motto = first_word(found, "KHUYẾN"), first_word(found, "CỘNG")
    number, date = first_word(found, "Số:"), first_word(found, "Đông")
    middle = render.PAGE_W / 2
    # Same vertical band, different columns.
    assert abs(float(issuer["top"]) - float(motto["top"])) < 3
    assert float(issuer["x1"]) < middle - 40 < float(motto["x0"])
    assert abs(float(number["top"]) - float(date["top"])) < 3
    assert float(number["x1"]) < middle < float(date["x0"])
    # The place/date line is italic, the document type bold.
    doc_type = first_word(found, "BÁO")
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[0].chars
    date_fonts = {c["fontname"] for c in chars if abs(c["top"] - float(date["top"])) < 1 and c["x0"] > middle}
    type_fonts = {c["fontname"] for c in chars if abs(c["top"] - float(doc_type["top"])) < 1}
    (date_font,) = date_fonts
    (type_font,) = type_fonts
    assert "Italic" in date_font or font.files["I"] == font.files["R"]
    assert "Bold" in type_font


@pytest.mark.parametrize("position", ["top", "bottom"])
def test_page_numbers_from_page_two(font: render.FontFamily, tmp_path: Path, position: str) -> None:
    out = tmp_path / "doc.pdf"
    style = render.TextStyle(font_size=13.0, leading=17.0, page_numbers=position)  # type: ignore[arg-type]
    pages = int(render.render_pdf(document(8), out, style=style)["pages"])  # type: ignore[call-overload]
    margin = 20 * render.MM

    def numbers_in_margin(page: int) -> list[str]:
        band = [
            w
            for w in page_words(out, page)
            if (float(w["bottom"]) < margin if position == "top" else float(w["top"]) > render.PAGE_H - margin)
        ]
        assert all(abs((float(w["x0"]) + float(w["x1"])) / 2 - render.PAGE_W / 2) < 5 for w in band)
        return [str(w["text"]) for w in band]

    assert numbers_in_margin(0) == []
    for page in range(1, pages):
        assert numbers_in_margin(page) == [str(page + 1)]


def test_long_pdf_has_exactly_the_pages_asked(font: render.FontFamily, tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    (src / "a.txt").write_text(document(1), encoding="utf-8")
    (src / "b.txt").write_text(document(3), encoding="utf-8")
    out = tmp_path / "long.pdf"
    info = render.make_long_pdf(7, out, seed=1, src_dir=src)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == info["pages"] == 7


def test_cli_writes_pdf_and_manifest(font: render.FontFamily, tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "bc-01.txt").write_text(document(1), encoding="utf-8")
    assert render.main([str(src), str(out), "--only", "pdf", "--seed", "3"]) == 0
    manifest = json.loads((out / "bc-01.render.json").read_text(encoding="utf-8"))
    assert (out / "bc-01.pdf").exists()
    assert manifest["seed"] == 3
    assert manifest["parsed"]["org"] == [ISSUER, "BAN CHẤP HÀNH"]
    assert manifest["font_size_pt"] in (13.0, 14.0)
    assert manifest["margins_mm"] == {"top": 20, "bottom": 20, "left": 30, "right": 15}


# --- scans ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def text_pdf(font: render.FontFamily, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scan") / "doc.pdf"
    render.render_pdf(document(1), out, style=STYLE_TOP)
    return out


def scan(pdf: Path, seed: int, doc_id: str = "doc") -> tuple[bytes, list[dict[str, object]]]:
    out = pdf.with_name(f"scan-{seed}-{doc_id}.pdf")
    params = render.render_scan(pdf, out, dpi=150, seed=seed, doc_id=doc_id, max_pages=1)
    return out.read_bytes(), params


def test_same_seed_same_scan_bytes(text_pdf: Path) -> None:
    first, params = scan(text_pdf, seed=5)
    again, params_again = scan(text_pdf, seed=5)
    assert first == again
    assert params == params_again


@pytest.mark.parametrize(("seed", "doc_id"), [(6, "doc"), (5, "other-doc")])
def test_other_seed_or_document_other_scan(text_pdf: Path, seed: int, doc_id: str) -> None:
    base, base_params = scan(text_pdf, seed=5)
    other, other_params = scan(text_pdf, seed=seed, doc_id=doc_id)
    assert base != other
    assert base_params[0]["angle_deg"] != other_params[0]["angle_deg"]


def test_scan_is_an_image_only_page_with_bounded_degradation(text_pdf: Path) -> None:
    data, params = scan(text_pdf, seed=5)
    out = text_pdf.with_name("scan-check.pdf")
    out.write_bytes(data)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert page.chars == []
        assert len(page.images) == 1
        assert abs(float(page.width) - render.PAGE_W) < 1
    (page_params,) = params
    assert -1 <= float(page_params["angle_deg"]) <= 1  # type: ignore[arg-type]
    low, high = render.COARSE_SCAN.jpeg_quality
    assert low <= int(page_params["jpeg_quality"]) <= high  # type: ignore[call-overload]
    assert page_params["size_px"] == [1241, 1754]
