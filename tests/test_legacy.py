"""Legacy Vietnamese encodings (TCVN3, VNI): conversion tables, detection, and the readers that use them."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import pytest

import vndoc
from benchmarks.legacy import diacritic_score
from tests.conftest import shared_path
from vndoc.legacy import (
    TCVN3,
    UNICODE,
    VNI,
    FontEncoding,
    convert,
    convert_run,
    font_encoding,
    guess_encoding,
    summarize,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from vndoc.readers.office import soffice_path
from vndoc.readers.text import convert_legacy_lines, read_text

# --- conversion tables -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("QuyÕt ®Þnh", "Quyết định"),
        ("Thñ t\xadíng ChÝnh phñ", "Thủ tướng Chính phủ"),
        ("sè 115/2004/Q§-TTg", "số 115/2004/QĐ-TTg"),
        ("Mü vµ TËp ®oµn", "Mỹ và Tập đoàn"),
        ("kû luËt, thµnh lËp", "kỷ luật, thành lập"),
        (
            "C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 25 th¸ng 12 n¨m 2001;",
            "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
        ),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Hµ Néi", "Hà Nội"),
        ("Sè", "Số"),  # one capital only: not a word of capitals
        ("MôC LôC", "MỤC LỤC"),  # capitals typed in the lower-case font
        ("PHÇN THø NHÊT", "PHẦN THỨ NHẤT"),
        ("§¶NG", "ĐẢNG"),
        ("¡¢£¤¥¦§", "ĂÂÊÔƠƯĐ"),
        ("l\u2219nh ®\u2212îc", "lãnh được"),  # PDF look-alikes for the bytes 0xB7 and 0xAD
        ("Internet 2004", "Internet 2004"),
        ("“ngoÆc” – dÊu", "“ngoặc” – dấu"),  # Windows-1252 punctuation stays
    ],
)
def test_tcvn3_to_unicode(raw, expected):
    assert tcvn3_to_unicode(raw) == expected
    assert unicodedata.is_normalized("NFC", tcvn3_to_unicode(raw))


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("céng hoµ x· héi chñ nghÜa viÖt nam", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("QuyÕt ®Þnh", "QUYẾT ĐỊNH"),
        # a document symbol keeps the case it was typed in: TTg, not TTG
        ("sè 115/2004/Q§-TTg", "SỐ 115/2004/QĐ-TTg"),
    ],
)
def test_tcvn3_capitals_only_fonts(raw, expected):
    assert tcvn3_to_unicode(raw, upper=True) == expected
    assert convert_run(raw, "GDNPMG+VnTimeHBold") == (expected, TCVN3)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Quyeát ñònh", "Quyết định"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ñoäc laäp – Töï do – Haïnh phuùc", "Độc lập – Tự do – Hạnh phúc"),
        ("Tröôøng", "Trường"),
        ("Uûy ban nhaân daân", "Ủy ban nhân dân"),
        ("Aùp duïng", "Áp dụng"),  # a shifted base letter with a lower-case diacritic byte
        ("saép xeáp, chaêm soùc, ñaày ñuû, mieãn", "sắp xếp, chăm sóc, đầy đủ, miễn"),
        ("tyû leä, kyõ thuaät, hoaëc, nghæ, ngaøy", "tỷ lệ, kỹ thuật, hoặc, nghỉ, ngày"),
        ("ôû ñòa phöông", "ở địa phương"),
        ("Internet 2004", "Internet 2004"),
    ],
)
def test_vni_to_unicode(raw, expected):
    assert vni_to_unicode(raw) == expected
    assert convert(raw, VNI) == expected


def test_every_vietnamese_letter_round_trips_through_both_tables():
    """Each of the 134 letters with diacritics (and đ/Đ) has one spelling in each table."""
    from vndoc.tables import load_table

    vni_letters = {row["letter"] for row in load_table("vni")}
    tcvn3_letters = {row["letter"] for row in load_table("tcvn3")}
    assert len(vni_letters) == 134
    for row in load_table("vni"):
        raw = "".join(chr(int(b, 16)) for b in row["bytes"].split())
        assert vni_to_unicode(raw) == row["letter"]
    lower = {c for c in vni_letters if c.islower()}
    assert tcvn3_letters >= lower  # TCVN3 has every lower-case letter (capitals come from H fonts)


# --- font names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        (".VnTime", FontEncoding(TCVN3)),
        ("VnTime", FontEncoding(TCVN3)),
        ("VNTime", FontEncoding(TCVN3)),
        ("AARIQC+.VnTime,BoldItalic", FontEncoding(TCVN3)),
        ("FBHPHA+VnTimeBold", FontEncoding(TCVN3)),
        (".VnArial Narrow", FontEncoding(TCVN3)),
        (".VnTimeH", FontEncoding(TCVN3, upper=True)),
        ("GDNPMG+VnTimeHBold", FontEncoding(TCVN3, upper=True)),
        ("BADEPR+.VnTimeH,Italic", FontEncoding(TCVN3, upper=True)),
        (".Vn3DH", FontEncoding(TCVN3, upper=True)),
        (".VnTimeH Tur", FontEncoding(TCVN3, upper=True)),
        ("VnTimeH(Ds)", FontEncoding(TCVN3, upper=True)),
        (".VnArial NarrowH", FontEncoding(TCVN3, upper=True)),
        ("VNSTCVN3", FontEncoding(TCVN3)),
        ("VNI-Times", FontEncoding(VNI)),
        ("VNI-Helve-Condense", FontEncoding(VNI)),
        ("ABCDEF+VNI-Times-Bold", FontEncoding(VNI)),
        ("Times New Roman", None),
        ("TimesNewRomanPS-BoldMT", None),
        ("Arial", None),
        ("SVNtimes new roman", None),
        ("DT-Times;Courier New", None),
        ("Tahoma", None),
        ("", None),
        (None, None),
    ],
)
def test_font_encoding(name, expected):
    assert font_encoding(name) == expected


def test_runs_in_one_document_convert_by_their_own_font():
    runs = [("Quy ®Þnh", ".VnTime"), (" và ", "Times New Roman"), ("Quyeát ñònh", "VNI-Times")]
    converted = [convert_run(text, font) for text, font in runs]
    assert converted == [("Quy định", TCVN3), (" và ", UNICODE), ("Quyết định", VNI)]
    assert summarize(e for _, e in converted) == "tcvn3+vni"
    assert summarize([UNICODE]) == UNICODE


@pytest.mark.parametrize(
    "text, font, expected",
    [
        # Unicode text typed into a legacy font is not converted again
        ("Quyết định", ".VnTime", ("Quyết định", UNICODE)),
        # VNI bytes under a TCVN3 font name read as VNI
        ("Thoâng tin phuïc vuï söï laõnh ñaïo cuûa tænh", "VNSTCVN3", ("Thông tin phục vụ sự lãnh đạo của tỉnh", VNI)),
    ],
)
def test_font_names_are_checked_against_the_text(text, font, expected):
    assert convert_run(text, font) == expected


# --- statistics ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("QuyÕt ®Þnh sè 12 cña Uû ban nh©n d©n tØnh", TCVN3),
        ("Hîp t¸c quèc tÕ:", TCVN3),
        ("Quyeát ñònh soá 12 cuûa UÛy ban nhaân daân tænh", VNI),
        ("Quyết định số 12 của Ủy ban nhân dân tỉnh", UNICODE),
        ("Hà Nam, ngày 5", UNICODE),  # Latin-1 letters of real Vietnamese
        ("François Godement, café", UNICODE),  # Latin-1 letters of French
        ("Report 2004: 15 pages", UNICODE),
        ("", UNICODE),
    ],
)
def test_guess_encoding(text, expected):
    assert guess_encoding(text) == expected


def test_text_reader_detects_8bit_legacy_bytes():
    tcvn3 = "QuyÕt ®Þnh cña Thñ t\xadíng ChÝnh phñ\nC¨n cø LuËt Tæ chøc ChÝnh phñ;\n".encode("latin-1")
    vni = "Quyeát ñònh cuûa UÛy ban nhaân daân tænh\n".encode("latin-1")
    for data, encoding, first in (
        (tcvn3, TCVN3, "Quyết định của Thủ tướng Chính phủ"),
        (vni, VNI, "Quyết định của Ủy ban nhân dân tỉnh"),
    ):
        layout = read_text(data)
        assert layout.text_encoding == encoding
        assert layout.pages[0].lines[0].text == first


def test_text_reader_converts_legacy_lines_inside_unicode_text():
    text = "Hà Nội, ngày 5 tháng 3 năm 2004\nQuyÕt ®Þnh sè 5\nCăn cứ Luật\n"
    assert convert_legacy_lines(text) == ("Hà Nội, ngày 5 tháng 3 năm 2004\nQuyết định số 5\nCăn cứ Luật\n", TCVN3)
    assert convert_legacy_lines("Hà Nội, ngày 5\n") == ("Hà Nội, ngày 5\n", None)
    assert read_text("Hà Nội, ngày 5\n".encode()).text_encoding == "utf-8"


# --- RTF through LibreOffice -----------------------------------------------------------------------

needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")

MIXED_RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
    r"{\f1\fswiss\fcharset0 .VnTime;}{\f2\fswiss\fcharset0 .VnTimeH;}{\f3\fswiss\fcharset0 VNI-Times;}}"
    r"\pard\qc{\f2 c\'e9ng ho\'b5 x\'b7 h\'e9i ch\'f1 ngh\'dca vi\'d6t nam}\par"
    r"\pard{\f1 Quy\'d5t \'ae\'denh s\'e8 90/2001/N\'a7-CP c\'f1a Th\'f1 t\'ad\'edng}"
    r"{\f0  v\u7899?i }{\f3 Quye\'e1t \'f1\'f2nh}\par"
    r"\pard{\f1\caps Sè li\'d6u}\par}"
)


@needs_soffice
def test_rtf_mixed_runs_convert_per_font():
    doc = vndoc.extract(MIXED_RTF.encode("latin-1"))
    assert doc.source.media_type == "application/rtf"
    assert doc.source.text_encoding == "tcvn3+vni"
    assert doc.text.split("\n") == [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Quyết định số 90/2001/NĐ-CP của Thủ tướng với Quyết định",
        "SỐ LIỆU",
    ]


# --- the real legacy documents ---------------------------------------------------------------------

FORMAT_SUFFIX = {"pdf": ".pdf", "rtf": ".rtf", "doc": ".doc"}


def _legacy_files(suffix: str) -> list[Path]:
    root = shared_path("legacy")
    return sorted(p for p in root.rglob(f"*{suffix}") if p.with_suffix(".truth.txt").is_file())


@functools.cache
def _extract(path: Path) -> vndoc.Document:
    return vndoc.extract(path)


@pytest.mark.parametrize(
    ("truth", "extracted", "score"),
    [
        ("Đầu tiên. Ghi chú về đất đai. Cuối cùng.", "Đầu tiên. Ghi chú về đất đai. Cuối cùng.", (10, 10, 10)),
        # a stretch read in another place (a note placed after the body) still counts
        ("Đầu tiên. Ghi chú về đất đai. Cuối cùng.", "Đầu tiên. Cuối cùng. Ghi chú về đất đai.", (10, 10, 10)),
        # ... when it is long enough not to match by chance
        ("Đầu tiên, ở đó. Cuối cùng.", "Đầu tiên. Cuối cùng. ở đó,", (8, 5, 5)),
        ("Đầu tiên. Ghi chú về đất đai. Cuối cùng.", "Đầu tiên. Cuối cùng.", (10, 5, 5)),
        ("ĐẦU TIÊN", "Đầu tiên", (3, 3, 1)),
    ],
)
def test_diacritic_score(truth, extracted, score):
    assert diacritic_score(truth, extracted) == score


@pytest.mark.parametrize("fmt", ["pdf", "rtf", "doc"])
def test_shared_legacy_files_read_with_accurate_diacritics(fmt):
    if fmt != "pdf":
        assert soffice_path() is not None, "LibreOffice (soffice) is not installed: setup.sh installs it"
    files = _legacy_files(FORMAT_SUFFIX[fmt])
    assert files
    total = recovered = 0
    for path in files:
        doc = _extract(path)
        assert doc.source.text_encoding in ("tcvn3", "vni", "tcvn3+vni"), path.name
        count, good, _ = diacritic_score(path.with_suffix(".truth.txt").read_text(encoding="utf-8"), doc.text)
        total += count
        recovered += good
    assert recovered / total >= 0.98


@pytest.mark.parametrize(
    "name, symbols",
    [
        ("2006-19412_QD115.04TTg_BLTch_DNNVV.pdf", {"115/2004/QĐ-TTg", "193/2001/QĐ-TTg", "90/2001/NĐ-CP"}),
        ("2006-16EZE_TT01.06GopvonDNNVV.pdf", {"115/2004/QĐ-TTg", "193/2001/QĐ-TTg"}),
    ],
)
def test_references_from_tcvn3_pdfs(name, symbols):
    doc = _extract(shared_path("legacy", "tcvn3", name))
    assert doc.source.text_encoding == TCVN3
    assert symbols <= {ref.symbol for ref in doc.references}


def _docx_with_runs(runs: list[tuple[str, str | None]]) -> bytes:
    import io

    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    for text, font in runs:
        run = paragraph.add_run(text)
        if font:
            run.font.name = font
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "runs, text, encoding",
    [
        ([("QuyÕt ®Þnh sè 5 ", ".VnTime"), ("của Bộ", "Times New Roman")], "Quyết định số 5 của Bộ", "tcvn3"),
        ([("quyÕt ®Þnh", ".VnTimeH")], "QUYẾT ĐỊNH", "tcvn3"),
        ([("Quyết định số 5", "Times New Roman")], "Quyết định số 5", "unicode"),
    ],
)
def test_docx_runs_in_legacy_fonts(runs, text, encoding):
    doc = vndoc.extract(_docx_with_runs(runs))
    assert doc.text == text
    assert doc.source.text_encoding == encoding


@needs_soffice
@pytest.mark.parametrize(
    "data, said",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "not a readable Word 97-2003 .doc file"),
        (b"{\\rtf1 broken", "not a readable RTF file"),
    ],
)
def test_damaged_office_files_are_refused(data, said):
    from vndoc.errors import CorruptDocumentError

    with pytest.raises(CorruptDocumentError, match=said):
        vndoc.extract(data)


def test_office_input_without_libreoffice_is_refused(monkeypatch):
    from vndoc.errors import UnsupportedInputError
    from vndoc.readers import office

    monkeypatch.setattr(office, "soffice_path", lambda: None)
    with pytest.raises(UnsupportedInputError, match="needs LibreOffice"):
        vndoc.extract(MIXED_RTF.encode("latin-1"))
