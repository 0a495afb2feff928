"""Bound volumes: a file holding several documents is split where a new header block starts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import vndoc
from benchmarks.render import make_long_pdf
from benchmarks.scoring import load_gold, score_document
from benchmarks.volumes import opens_with_header
from tests.conftest import REPO, shared_path
from vndoc.cli import cli
from vndoc.layout import Layout, Line, Page
from vndoc.readers import read
from vndoc.reflow import remove_page_furniture
from vndoc.settings import Settings
from vndoc.volumes import opening_reason, split_volume

BODY = (
    "Trong nhiệm kỳ qua, Ban Chấp hành đã lãnh đạo toàn Hội thực hiện thắng lợi các chỉ tiêu của Nghị quyết "
    "Đại hội, phát triển thêm nhiều hội viên mới và củng cố các chi hội ở cơ sở."
)


def _page(number: int, *texts: str) -> Page:
    lines = tuple(
        Line(text=t, page=number, x0=70, x1=540, top=70 + 20 * i, bottom=83 + 20 * i, size=13)
        for i, t in enumerate(texts)
    )
    return Page(number=number, lines=lines, width=612, height=792)


@pytest.mark.parametrize(
    ("top", "reason"),
    [
        (["HỘI NÔNG DÂN TỈNH AN GIANG", "BAN CHẤP HÀNH", "______", "BÁO CÁO", BODY], "issuer block"),
        (["ĐẠI HỘI ĐẠI BIỂU HỘI SINH VIÊN", "LẦN THỨ XII, NHIỆM KỲ 2025 - 2028", "*", "NGHỊ QUYẾT"], "issuer block"),
        (["TỈNH ỦY LONG AN", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Long An, ngày 15 tháng 9 năm 2025"], "motto"),
        (["UBND HUYỆN GIA LÂM", "Số: 12/BC-UBND", "BÁO CÁO"], "number line"),
        (["HỘI CỰU CHIẾN BINH XÃ AN BÌNH", "An Bình, ngày 02 tháng 3 năm 2020", "BÁO CÁO"], "place and date"),
        (["DIỄN VĂN KHAI MẠC", "ĐẠI HỘI ĐẠI BIỂU HỘI Y HỌC", "(Do Chủ tịch Hội trình bày)", BODY], "kind line"),
        # not a start: a heading, an appendix, a table of contents, capitals that name no body, a paragraph
        (["II. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2025 - 2030", "______", BODY], None),
        (["PHỤ LỤC", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NHIỆM KỲ 2020 - 2025", "-----"], None),
        (["DANH MỤC TÀI LIỆU", "-----", "STT\tTÀI LIỆU\tTRANG"], None),
        (["PHẦN THỨ HAI", "PHƯƠNG HƯỚNG, MỤC TIÊU NHIỆM KỲ TỚI", "-----", BODY], None),
        ([BODY, "HỘI NÔNG DÂN TỈNH AN GIANG", "______"], None),
        (["HỘI NÔNG DÂN TỈNH AN GIANG", BODY, "______"], None),
    ],
)
def test_opening_reason(top, reason):
    assert opening_reason(_page(2, *top)) == reason


def test_split_volume_keeps_cover_and_folds_blank_pages_into_the_part_before():
    pages = (
        _page(1, "CÁC VĂN KIỆN ĐẠI HỘI"),  # a thin cover: a part of its own
        _page(2, "HỘI NÔNG DÂN TỈNH AN GIANG", "BAN CHẤP HÀNH", "______", "BÁO CÁO", BODY, BODY),
        _page(3, BODY, BODY),
        _page(4, "ĐẠI HỘI ĐẠI BIỂU HỘI NÔNG DÂN", "LẦN THỨ X", "*", "NGHỊ QUYẾT", BODY, BODY),
        _page(5, "HỘI NÔNG DÂN TỈNH", "GHI CHÚ", "____"),  # thin: stays with the resolution
    )
    parts = split_volume(Layout(pages=pages, media_type="application/pdf"))
    assert [(p.first, p.last, p.reason) for p in parts] == [
        (1, 1, "start"),
        (2, 3, "issuer block"),
        (4, 5, "issuer block"),
    ]


@pytest.mark.parametrize("corpus", ["test", "dev"])
def test_corpus_documents_bound_together_are_found_again(corpus, tmp_path):
    """Corpus texts set one after another in one PDF: every document that opens with a header block starts a
    part on its first page, and no part starts anywhere else (news articles, which open with a sentence-case
    headline, are not split off: nothing on their page marks a new document)."""
    src = REPO / "corpus" / corpus
    info = make_long_pdf(60, tmp_path / "volume.pdf", seed=3, src_dir=src)
    layout = remove_page_furniture(read((tmp_path / "volume.pdf").read_bytes(), Settings()))
    found = [p.first for p in split_volume(layout)]
    placed = [(start, doc_id) for start, doc_id in zip(info["starts"], info["ids"], strict=True) if start <= 60]
    opened = [start for start, doc_id in placed if opens_with_header((src / f"{doc_id}.txt").read_text("utf-8"))]
    assert set(found) - {start for start, _ in placed} == set()
    assert set(opened) - set(found) == set()
    assert len(opened) >= 10


def test_whole_file_stays_one_document_with_extract():
    doc = vndoc.extract(REPO / "examples" / "bao-cao-hoi-khuyen-hoc.pdf")
    docs = vndoc.extract_documents(REPO / "examples" / "bao-cao-hoi-khuyen-hoc.pdf")
    assert doc.part is None and len(docs) == 1 and docs[0].part is None
    assert docs[0].header == doc.header


@pytest.fixture(scope="module")
def vkdh() -> list[vndoc.models.Document]:
    return vndoc.extract_documents(shared_path("realpdfs", "spkt-2025", "vkdh.pdf"))


def test_student_congress_volume_is_split(vkdh):
    assert [(d.part.first_page, d.part.last_page) for d in vkdh if d.part] == [
        (1, 1),
        (2, 4),
        (5, 6),
        (7, 42),
        (43, 66),
        (67, 73),
    ]
    assert all(d.part and d.part.count == 6 and d.source.pages == 73 for d in vkdh)
    assert [d.header.doc_type for d in vkdh[1:]] == ["Chương trình", None, "Báo cáo", None, "Báo cáo"]
    assert vkdh[4].header.title and vkdh[4].header.title.startswith("MỤC TIÊU, NHIỆM VỤ, GIẢI PHÁP")


def test_review_report_inside_the_volume_matches_its_gold(vkdh):
    report = vkdh[-1]
    gold = load_gold(shared_path("reallong", "hsv-spkt-tphcm-2025-kiemdiem.gold.json"))
    assert report.header.title and report.header.title.startswith("KIỂM ĐIỂM CỦA BAN CHẤP HÀNH")
    score = score_document("kiemdiem", gold, report)
    assert score.tallies["sections"].f1 == 1.0 and score.tallies["header"].f1 == 1.0
    assert score.tallies["counts"].f1 >= 0.9
    # every span points into this part's own pages
    spans = [m for c in report.counts for m in c.mentions]
    assert spans and all(67 <= m.page <= 73 for m in spans)
    assert {m.page for m in spans} > {67}


def test_party_congress_volume_parts_match_their_gold():
    docs = vndoc.extract_documents(shared_path("realpdfs", "thainguyen-2025", "Vankiendaihoi.pdf"))
    starts = {d.part.first_page: d for d in docs if d.part}
    assert sorted(starts) == [1, 5, 51, 68]
    for first, gold_id in ((51, "dangbo-thainguyen-2025-kiemdiem"), (68, "dangbo-thainguyen-2025-nghiquyet-duthao")):
        gold = load_gold(shared_path("reallong", f"{gold_id}.gold.json"))
        score = score_document(gold_id, gold, starts[first])
        assert score.tallies["sections"].f1 >= 0.95 and score.tallies["header"].f1 == 1.0, gold_id
    assert starts[68].header.doc_type == "Nghị quyết" and starts[68].header.number is None  # a draft's blank


def test_cli_prints_a_list_for_a_volume_and_an_object_with_split_never(tmp_path):
    runner = CliRunner()
    volume = str(shared_path("realpdfs", "spkt-2025", "vkdh.pdf"))
    out = runner.invoke(cli, ["extract", volume])
    assert out.exit_code == 0, out.output
    docs = json.loads(out.output)
    assert isinstance(docs, list) and [d["part"]["index"] for d in docs] == [1, 2, 3, 4, 5, 6]
    whole = runner.invoke(cli, ["extract", "--split", "never", volume, "-o", str(tmp_path / "whole.json")])
    assert whole.exit_code == 0
    data = json.loads(Path(tmp_path / "whole.json").read_text("utf-8"))
    assert isinstance(data, dict) and data["part"] is None and data["source"]["pages"] == 73


def _published_pdfs() -> list[Path]:
    folder = REPO.parent / "shared" / "realpdfs"
    return sorted(folder.glob("*/*.pdf")) or [folder / "absent.pdf"]


@pytest.mark.parametrize("pdf", _published_pdfs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_published_dossier_reads_and_yields_its_records(pdf):
    """Each published PDF extracts without error; where a plain regex baseline finds a numbered document
    reference, vndoc finds references too (and counts where the count baseline finds a number before a
    counted noun, "25 đồng chí")."""
    from benchmarks.baselines import regex_references

    shared_path("realpdfs", pdf.parent.name, pdf.name)
    docs = vndoc.extract_documents(pdf)
    text = "\n".join(d.text for d in docs)
    assert text.strip()
    if regex_references(text).references:
        assert any(d.references for d in docs)
    if re.search(r"\b\d+\s+(?:đồng chí|hội viên|đại biểu|sinh viên|chi hội|cơ sở)\b", text):
        assert any(d.counts for d in docs)
