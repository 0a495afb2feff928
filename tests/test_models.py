"""The output models: JSON round trip (property-based), schema, spans into the text."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

import vndoc
from vndoc.models import (
    Count,
    Document,
    Header,
    Issue,
    Organization,
    Person,
    Position,
    Reference,
    Section,
    Signer,
    Source,
    Span,
    Term,
)

text = st.text(min_size=0, max_size=30)
opt_text = st.none() | text
dates = st.none() | st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 1, 1))
spans = st.builds(Span, page=st.integers(1, 500), start=st.integers(0, 10**6), end=st.integers(0, 10**6), text=text)
span_lists = st.lists(spans, max_size=3)
terms = st.builds(
    Term, ordinal=opt_text, start=st.none() | st.integers(1900, 2100), end=st.none() | st.integers(1900, 2100)
)
headers = st.builds(
    Header,
    place=opt_text,
    date=dates,
    doc_type=opt_text,
    number=opt_text,
    title=opt_text,
    issuer=opt_text,
    term=st.none() | terms,
    signer=st.none() | st.builds(Signer, capacity=opt_text, title=opt_text, name=opt_text),
    mentions=span_lists,
)
sections = st.recursive(
    st.builds(
        Section,
        number=opt_text,
        title=text,
        level=st.integers(1, 6),
        page=st.integers(1, 99),
        kind=st.sampled_from(["roman", "arabic", "decimal"]),
        children=st.just([]),
    ),
    lambda children: st.builds(
        Section,
        number=opt_text,
        title=text,
        level=st.integers(1, 6),
        page=st.integers(1, 99),
        kind=st.just("roman"),
        children=st.lists(children, max_size=3),
    ),
    max_leaves=6,
)
positions = st.builds(
    Position,
    title=text,
    organization=opt_text,
    raw=text,
    status=st.none() | st.sampled_from(["current", "former", "elected", "left"]),
)
documents = st.builds(
    Document,
    source=st.builds(
        Source,
        path=opt_text,
        sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
        media_type=st.sampled_from(["application/pdf", "text/plain"]),
        pages=st.integers(0, 9),
        ocr_pages=st.lists(st.integers(1, 9), max_size=3),
    ),
    header=headers,
    sections=st.lists(sections, max_size=3),
    people=st.lists(
        st.builds(
            Person,
            name=text,
            honorifics=st.lists(text, max_size=2),
            positions=st.lists(positions, max_size=3),
            mentions=span_lists,
        ),
        max_size=3,
    ),
    references=st.lists(
        st.builds(
            Reference,
            raw=text,
            doc_type=text,
            number=text,
            year=st.none() | st.integers(1900, 2100),
            type_code=opt_text,
            issuer_code=opt_text,
            issuer=opt_text,
            date=dates,
            subject=opt_text,
            mentions=span_lists,
        ),
        max_size=3,
    ),
    counts=st.lists(
        st.builds(
            Count, value=st.integers(0, 10**7), unit=text, approximate=st.booleans(), raw=text, mentions=span_lists
        ),
        max_size=3,
    ),
    organizations=st.lists(st.builds(Organization, name=text, kind=opt_text, mentions=span_lists), max_size=2),
    issues=st.lists(st.builds(Issue, code=text, message=text, spans=span_lists), max_size=2),
    text=st.text(max_size=200),
)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_document_json_round_trip(doc: Document):
    assert Document.model_validate_json(doc.model_dump_json()) == doc
    assert Document.model_validate(json.loads(doc.model_dump_json())) == doc


paragraphs = st.lists(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80),
    min_size=0,
    max_size=8,
)


@settings(max_examples=120, deadline=None)
@given(paragraphs)
def test_extracted_text_round_trips_and_spans_index_it(lines: list[str]):
    doc = vndoc.extract("\n".join(lines) + "\n")
    assert Document.model_validate_json(doc.model_dump_json()) == doc
    for span in [
        *doc.header.mentions,
        *(m for s in doc.sections for m in s.mentions),
        *(s for i in doc.issues for s in i.spans),
    ]:
        assert doc.text[span.start : span.end] == span.text


def test_schema_has_the_contract_fields():
    schema = Document.model_json_schema()
    assert {
        "schema_version",
        "source",
        "header",
        "sections",
        "people",
        "references",
        "counts",
        "organizations",
        "issues",
        "text",
    } <= set(schema["properties"])
    header = schema["$defs"]["Header"]["properties"]
    assert {"place", "date", "doc_type", "number", "title", "issuer", "term", "signer"} <= set(header)
