"""Property-based fuzzing of the PDF path: damaged PDFs give a Document or a VndocError, nothing else.

CI runs a fixed example budget; `python -m benchmarks.fuzz --minutes 10` runs the same target longer.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import HELLO, text_page_pdf
from vndoc.errors import VndocError
from vndoc.models import Document
from vndoc.pipeline import extract
from vndoc.settings import Settings

SEED_PDFS = [text_page_pdf(HELLO), text_page_pdf(HELLO, compress=True)]


@st.composite
def damaged_pdfs(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEED_PDFS)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        op = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip":
            data[pos] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 40))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=40))
        elif op == "truncate":
            del data[pos:]
        else:
            chunk = data[pos : pos + draw(st.integers(1, 200))]
            data[pos:pos] = chunk
    return bytes(data)


def check_one(data: bytes, settings: Settings | None = None) -> None:
    try:
        doc = extract(data, settings=settings or Settings(timeout_s=10))
    except VndocError:
        return
    assert isinstance(doc, Document)
    for span in [m for s in doc.sections for m in s.mentions] + [m for r in doc.references for m in r.mentions]:
        assert doc.text[span.start : span.end] == span.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_pdfs())
def test_damaged_pdfs_never_crash(data: bytes):
    check_one(data)
