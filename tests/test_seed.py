"""End to end on the document the project started from, as text PDF and as text."""

from __future__ import annotations

import datetime as dt

import pytest

import vndoc
from tests.conftest import shared_path


def _outline(sections):
    return [(s.number, s.level, [c.number for c in s.children]) for s in sections]


@pytest.fixture(scope="module", params=["seed.pdf", "seed.txt"])
def seed_doc(request):
    return vndoc.extract(shared_path("seed", request.param))


def test_header(seed_doc):
    h = seed_doc.header
    assert h.place == "Hồng Lĩnh"
    assert h.date == dt.date(2024, 1, 26)
    assert h.doc_type == "Báo cáo"
    assert h.number is None
    assert h.title == "KIỂM ĐIỂM CỦA BCH LIÊN HIỆP CÁC HỘI KH&KT THỊ XÃ KHOÁ IV, NHIỆM KỲ 2018 - 2023"
    assert (h.term.ordinal, h.term.start, h.term.end) == ("IV", 2018, 2023)
    assert h.issuer.startswith("BAN CHẤP HÀNH LIÊN HIỆP HỘI")


def test_section_tree(seed_doc):
    assert _outline(seed_doc.sections) == [("I", 1, ["1", "2"]), ("II", 1, [])]
    two = seed_doc.sections[0].children[1]
    assert [c.number for c in two.children] == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]
    assert all(c.level == 3 for c in two.children)
    assert two.children[0].title == "Công tác thông tin tuyên truyền, hoạt động phổ biến kiến thức KH&KT"
    for section in [seed_doc.sections[0], two, *two.children]:
        span = section.mentions[0]
        assert seed_doc.text[span.start : span.end] == span.text
        assert span.text.startswith(section.number)


def test_page_broken_paragraphs_are_rejoined(seed_doc):
    text = seed_doc.text
    assert "có 19 Hội thành viên (Trong đó, có 13 Hội" in text
    assert "các khu, cụm công nghiệp; nâng cao hiệu quả" in text
    assert "Liên hiệp hội thị xã thường xuyên có mối liên hệ" in text
    assert "sức mạnh trí tuệ của đội ngũ trí thức" in text


def test_text_has_no_page_numbers(seed_doc):
    lines = seed_doc.text.split("\n")
    assert not [ln for ln in lines if ln.strip().isdigit()]
    assert seed_doc.text == seed_doc.text.strip()


def test_pdf_and_text_agree():
    from_pdf = vndoc.extract(shared_path("seed", "seed.pdf"))
    from_txt = vndoc.extract(shared_path("seed", "seed.txt"))
    assert from_pdf.header.model_dump(exclude={"mentions", "issuer", "signer"}) == from_txt.header.model_dump(
        exclude={"mentions", "issuer", "signer"}
    )
    assert _outline(from_pdf.sections) == _outline(from_txt.sections)
    # the body paragraphs are the same; only the signature lines may wrap differently
    assert from_pdf.text.split("\n")[:-2] == from_txt.text.split("\n")[:-1]


def test_pdf_pages_and_spans():
    doc = vndoc.extract(shared_path("seed", "seed.pdf"))
    assert doc.source.pages == 5
    assert doc.source.media_type == "application/pdf"
    pages = [s.page for s in doc.sections[0].children[1].children]
    assert pages == sorted(pages) and pages[0] == 2 and pages[-1] == 4
    assert doc.sections[1].page == 4


def test_offsets_map_back_to_page_positions():
    from vndoc.layout import Layout  # noqa: F401
    from vndoc.readers.pdf import read_pdf
    from vndoc.reflow import reflow, remove_page_furniture
    from vndoc.settings import Settings

    flowed = reflow(remove_page_furniture(read_pdf(shared_path("seed", "seed.pdf"), Settings())))
    heading = flowed.text.index("2.6. Phát huy vai trò")
    where = flowed.locate(heading)
    assert where is not None and where.page == 4
    assert where.x0 is not None and 80 < where.x0 < 130 and where.top is not None
    first_of_page_2 = next(p for p in flowed.positions if p.page == 2)
    assert flowed.page_starts[1] == first_of_page_2.start
    assert flowed.text[first_of_page_2.start - 1] == " "  # joined to the paragraph that page 1 began
    assert flowed.locate(first_of_page_2.start + 3).page == 2
