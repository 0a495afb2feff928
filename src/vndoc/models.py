"""The output contract: pydantic models for everything vndoc extracts.

Field names and meanings follow the project's output schema (``Document`` and the records it holds);
extra fields are additions, never renamings. Records that are values (spans, terms, references ...) are
frozen; the ``Document`` is frozen too so that a returned result cannot be altered by accident.

Every extracted record carries ``mentions``: spans that index ``Document.text`` (``start``/``end`` are
character offsets, ``page`` is 1-based) so a user can always go back to the words that produced it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

PositionStatus = Literal["current", "former", "elected", "left"]


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Value):
    """A stretch of ``Document.text``: ``text == Document.text[start:end]``."""

    page: int = Field(ge=1, description="1-based page the span starts on")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Source(_Value):
    path: str | None = None
    sha256: str
    media_type: str
    pages: int = Field(ge=0)
    ocr_pages: list[int] = Field(default_factory=list)
    text_encoding: str = "unicode"


class Term(_Value):
    """A term of office: "Khoá IV, nhiệm kỳ 2018 - 2023" -> ordinal IV, 2018..2023."""

    ordinal: str | None = None
    start: int | None = None
    end: int | None = None


class Signer(_Value):
    capacity: str | None = Field(default=None, description='"TM.", "KT.", "TL.", "Q.", "TUQ." ...')
    title: str | None = None
    name: str | None = None
    organization: str | None = None


class Header(_Value):
    place: str | None = None
    date: dt.date | None = None
    doc_type: str | None = None
    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    term: Term | None = None
    signer: Signer | None = None
    parent_issuer: str | None = Field(default=None, description="superior body named above the issuer")
    mentions: list[Span] = Field(default_factory=list)


class Section(_Value):
    number: str | None
    title: str
    level: int = Field(ge=1)
    page: int = Field(ge=1)
    kind: str = Field(description='"part", "chapter", "roman", "arabic", "decimal", "letter"')
    children: list[Section] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Position(_Value):
    title: str
    organization: str | None = None
    raw: str
    status: PositionStatus | None = None


class Person(_Value):
    name: str
    honorifics: list[str] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Reference(_Value):
    raw: str
    doc_type: str
    number: str
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    subject: str | None = None
    symbol: str | None = Field(default=None, description="the symbol normalised, e.g. 06/QĐ-TTg")
    mentions: list[Span] = Field(default_factory=list)


class Count(_Value):
    value: int
    unit: str
    approximate: bool = False
    raw: str
    subject: str | None = None
    row: str | None = Field(default=None, description="in a table: the label of the row it was read from")
    column: str | None = Field(default=None, description="in a table: the header of its column")
    mentions: list[Span] = Field(default_factory=list)


class Table(_Value):
    """A table of the document: its header rows and body rows of cell texts ("" for an empty cell or
    one covered by a merged cell). A table continued over page breaks is one table; the header rows
    repeated on later pages are not among its rows."""

    page: int = Field(ge=1, description="1-based page the table starts on")
    pages: list[int] = Field(default_factory=list)
    header: list[list[str]] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)
    columns: list[str] = Field(
        default_factory=list, description="the label of each column: its header cells, top to bottom, joined"
    )
    mentions: list[Span] = Field(default_factory=list, description="one span per row, header rows first")


class Organization(_Value):
    name: str
    kind: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class TimePoint(_Value):
    """A day, a month or a year as written: "ngày 06/01/2022", "tháng 5/2023", "năm 2018"."""

    kind: Literal["day", "month", "year"]
    year: int
    month: int | None = None
    day: int | None = None
    date: dt.date | None = Field(default=None, description="the full date, for a day")
    raw: str
    mentions: list[Span] = Field(default_factory=list)


class Period(_Value):
    """A term of office ("khóa IV, nhiệm kỳ 2018 - 2023") or a range of years ("giai đoạn 2022-2025")."""

    kind: Literal["term", "range"]
    ordinal: str | None = Field(default=None, description='the ordinal as written, "IV" or "4"')
    start: int | None = None
    end: int | None = None
    raw: str
    mentions: list[Span] = Field(default_factory=list)


class Duration(_Value):
    """A length of time: "Trong 05 năm qua" -> 5 năm."""

    value: int
    unit: str = Field(description='"năm", "tháng", "tuần", "ngày", "quý" or "nhiệm kỳ"')
    approximate: bool = False
    raw: str
    mentions: list[Span] = Field(default_factory=list)


class Award(_Value):
    """An award stated as given: "03 lần được Liên hiệp các Hội KHKT Việt Nam tặng Bằng khen (năm 2018,
    2021, 2023)" -> kind "Bằng khen", giver, years [2018, 2021, 2023], times 3."""

    kind: str = Field(
        description='"Huân chương", "Huy chương", "Kỷ niệm chương", "Bằng khen", "Giấy khen", '
        '"Cờ thi đua", "Chiến sĩ thi đua", "Danh hiệu"'
    )
    name: str = Field(description='the award\'s full name, e.g. "Huân chương Lao động hạng Nhất"')
    grade: str | None = Field(default=None, description='"Nhất", "Nhì", "Ba" (hạng) when stated')
    giver: str | None = None
    recipient: str | None = None
    years: list[int] = Field(default_factory=list)
    times: int | None = Field(default=None, description="how many times or awards, when stated")
    raw: str
    mentions: list[Span] = Field(default_factory=list)


class Footnote(_Value):
    """A note printed at the foot of a page ("³ Số liệu tính đến 30/6/2025."), kept out of the body text:
    it follows the body in ``Document.text``, on a line of its own written "<marker> <text>"."""

    marker: str = Field(description='the note\'s marker as printed, e.g. "3" or "*"')
    text: str
    page: int = Field(ge=1, description="1-based page the note starts on")
    anchor: Span | None = Field(default=None, description="the body word the note's marker followed")
    mentions: list[Span] = Field(default_factory=list, description="the note's text in Document.text")


class Issue(_Value):
    code: str
    message: str
    spans: list[Span] = Field(default_factory=list)


class DocumentPart(_Value):
    """Where a document sits in a file that binds several together (a congress dossier): its place in the
    file and its pages. ``Document.part`` is ``None`` for a file read as one document."""

    index: int = Field(ge=1, description="1-based position of this document in the file")
    count: int = Field(ge=1, description="how many documents the file was split into")
    first_page: int = Field(ge=1, description="the file's page this document starts on")
    last_page: int = Field(ge=1, description="the file's page this document ends on (inclusive)")
    opened_by: str = Field(
        description='what on its first page starts it: "start" (the file\'s first page), "motto", '
        '"number line", "place and date", "kind line" or "issuer block"'
    )


class Document(_Value):
    schema_version: str = SCHEMA_VERSION
    source: Source
    header: Header = Field(default_factory=Header)
    sections: list[Section] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    dates: list[TimePoint] = Field(default_factory=list)
    periods: list[Period] = Field(default_factory=list)
    durations: list[Duration] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)
    text: str = ""
    part: DocumentPart | None = Field(
        default=None, description="for one of several documents bound in one file: its place and pages"
    )


def documents_json(documents: Sequence[Document], *, indent: int | None = None) -> str:
    """One document's JSON, or a JSON list of several (the parts of a bound volume), joined from each
    document's own JSON rather than through a tree of dicts of the whole volume."""
    if len(documents) == 1:
        return documents[0].model_dump_json(indent=indent)
    if indent is None:
        return "[" + ",".join(d.model_dump_json() for d in documents) + "]"
    return "[\n" + ",\n".join(d.model_dump_json(indent=indent) for d in documents) + "\n]"


class Failure(_Value):
    """A document that could not be extracted, with the reason and where it happened."""

    path: str | None
    error: str = Field(description="error class name, e.g. EncryptedDocumentError")
    message: str
    exit_code: int
    stage: str | None = None
    page: int | None = None


Result = Document | Failure
