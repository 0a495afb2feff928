"""The extraction pipeline: bytes -> Layout -> reflowed text -> header, sections, records -> Document.

Each stage is a pure function from typed input to typed output; this module only chains them, so the
file list of the package reads as the architecture:

    readers/   bytes -> Layout (pages of lines with layout; scans through OCR)
    ocr_repair Layout -> Layout (OCR misreadings undone on OCR'd pages)
    reflow     Layout -> Reflowed (Document.text, page offsets, blocks)
    header     Reflowed -> Header (+ where the body starts and ends)
    sections   Reflowed -> list[Section]
    references, people, counts   PagedText -> records with spans
    table_counts  tables of the reflowed text -> Table records; counts given their row and column labels
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from vndoc.awards import find_awards
from vndoc.consistency import check_consistency
from vndoc.counts import find_counts
from vndoc.errors import (
    ExtractionError,
    InputNotFoundError,
    LimitExceededError,
    TimeLimitError,
    UnsupportedInputError,
    VndocError,
)
from vndoc.footnotes import find_footnotes, off_note_markers
from vndoc.header import parse_header
from vndoc.layout import Layout
from vndoc.models import Document, DocumentPart, Failure, Issue, Result, Source
from vndoc.ocr_repair import repair_layout
from vndoc.paged_text import PagedText
from vndoc.people import find_organizations, find_people
from vndoc.periods import find_periods
from vndoc.readers import read
from vndoc.readers.ocr import LOW_CONFIDENCE
from vndoc.readers.text import read_text
from vndoc.references import find_references
from vndoc.reflow import reflow, remove_page_furniture
from vndoc.sections import find_sections
from vndoc.settings import Settings
from vndoc.table_counts import label_counts, table_records
from vndoc.volumes import part_layout, split_volume

_PATH_SUFFIXES = (
    ".pdf",
    ".docx",
    ".txt",
    ".text",
    ".md",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
    ".doc",
    ".rtf",
)


def is_text_source(source: str | Path | bytes) -> bool:
    """A ``str`` is the document's text itself when it has a line break or names no file."""
    if not isinstance(source, str):
        return False
    if "\n" in source or len(source) > 1024 or "\x00" in source:
        return True
    if source.lower().endswith(_PATH_SUFFIXES):
        return False
    try:
        return not Path(source).is_file()
    except OSError:  # not a possible file name
        return True


def _load(source: str | Path | bytes, settings: Settings) -> tuple[bytes, str | None, Path | None]:
    """(content, display name, path) for any accepted source."""
    if isinstance(source, bytes):
        return source, None, None
    if is_text_source(source):
        return str(source).encode("utf-8"), None, None
    path = Path(source)
    if not path.exists():
        raise InputNotFoundError("no such file", path=str(path), stage="open")
    if not path.is_file():
        raise UnsupportedInputError("not a regular file", path=str(path), stage="open")
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise LimitExceededError(
            f"{size} bytes, more than the limit of {settings.max_file_bytes}", path=str(path), stage="open"
        )
    try:
        return path.read_bytes(), str(path), path
    except OSError as exc:
        raise UnsupportedInputError(f"cannot be read ({exc.strerror})", path=str(path), stage="open") from exc


def extract(source: str | Path | bytes, *, settings: Settings | None = None) -> Document:
    """Extract one document: the whole file, read as one document.

    ``source`` is a path (``Path``, or a ``str`` naming an existing file or ending in a known suffix),
    the file's bytes, or — a ``str`` with a line break or naming no file — the document's text itself.
    A file that binds several documents together is best read with :func:`extract_documents`.
    Raises a :class:`vndoc.errors.VndocError` subclass for input that cannot be read.
    """
    settings = settings or Settings()
    return _run(source, settings, split=False)[0]


def extract_documents(source: str | Path | bytes, *, settings: Settings | None = None) -> list[Document]:
    """Extract every document a file holds: one ``Document`` per part of a bound volume (a PDF holding
    the programme, the report, the resolution ... one after another), each with its own header,
    sections, records and page range (``Document.part``); a file holding one document gives a list of one.
    ``settings.split="never"`` reads the whole file as one document, like :func:`extract`."""
    settings = settings or Settings()
    return _run(source, settings, split=settings.split == "auto")


def _run(source: str | Path | bytes, settings: Settings, *, split: bool) -> list[Document]:
    data, name, path = _load(source, settings)
    if len(data) > settings.max_file_bytes:
        raise LimitExceededError(
            f"{len(data)} bytes, more than the limit of {settings.max_file_bytes}", path=name, stage="open"
        )
    try:
        with _time_limit(settings.timeout_s, name):
            deadline = time.monotonic() + settings.timeout_s if settings.timeout_s else None
            text = is_text_source(source)
            layout = _read_layout(data, settings, name=name, path=path, text=text, deadline=deadline)
            parts = split_volume(layout) if split else ()
            if len(parts) <= 1:
                return [_document(layout, data, settings, name=name, deadline=deadline)]
            return [
                _document(
                    part_layout(layout, part),
                    data,
                    settings,
                    name=name,
                    deadline=deadline,
                    part=DocumentPart(
                        index=k, count=len(parts), first_page=part.first, last_page=part.last, opened_by=part.reason
                    ),
                    file_pages=len(layout.pages),
                )
                for k, part in enumerate(parts, start=1)
            ]
    except VndocError:
        raise
    except Exception as exc:  # a bug or an unforeseen input: report it as such, never a bare traceback
        raise ExtractionError(f"unexpected {type(exc).__name__}: {exc}", path=name, stage="extract") from exc


def _read_layout(
    data: bytes, settings: Settings, *, name: str | None, path: Path | None, text: bool, deadline: float | None
) -> Layout:
    layout = read_text(data, name=name) if text else read(data, settings, name=name, path=path, deadline=deadline)
    layout = repair_layout(layout)  # OCR'd pages only
    if settings.remove_running_headers:
        layout = remove_page_furniture(layout)
    return layout


def _document(
    layout: Layout,
    data: bytes,
    settings: Settings,
    *,
    name: str | None,
    deadline: float | None,
    part: DocumentPart | None = None,
    file_pages: int | None = None,
) -> Document:
    _check_deadline(deadline, settings, name, "reflow")
    flowed = reflow(layout)
    if len(flowed.text) > settings.max_text_chars:
        raise LimitExceededError(
            f"{len(flowed.text)} characters of text, more than the limit of {settings.max_text_chars}",
            path=name,
            stage="reflow",
        )
    paged = PagedText(text=flowed.text, page_starts=flowed.page_starts, tail_pages=flowed.tail_pages)
    head = parse_header(flowed, paged)
    sections = find_sections(flowed, paged, body_start=head.body_start, body_end=head.body_end)
    _check_deadline(deadline, settings, name, "extract")
    people = find_people(paged)
    model_note = None
    if settings.people_model:
        from vndoc.ner_model import people_with_model

        people, model_note = people_with_model(paged, people)
    organizations = find_organizations(paged, people)
    references = find_references(paged, own_number=head.header.number)
    counts = label_counts(off_note_markers(find_counts(paged), flowed), flowed.tables, paged)
    awards, periods = find_awards(paged), find_periods(paged)

    issues: list[Issue] = [*head.issues, *check_consistency(paged, head.header, counts, periods.dates, references)]
    if model_note:
        issues.append(Issue(code="people.model_unavailable", message=model_note))
    if not flowed.text.strip():
        issues.append(Issue(code="text.empty", message="no text found: an empty document, or a scan that needs OCR"))
    issues += _ocr_issues(layout, paged)
    source = Source(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=layout.media_type,
        pages=file_pages if file_pages is not None else len(layout.pages),
        ocr_pages=[page.number for page in layout.pages if page.ocr],
        text_encoding=layout.text_encoding,
    )
    return Document(
        source=source,
        header=head.header,
        sections=sections,
        people=people,
        references=references,
        counts=counts,
        organizations=organizations,
        awards=awards,
        dates=periods.dates,
        periods=periods.periods,
        durations=off_note_markers(periods.durations, flowed),
        tables=table_records(flowed.tables, paged),
        footnotes=find_footnotes(flowed, paged),
        issues=issues,
        text=flowed.text,
        part=part,
    )


@contextlib.contextmanager
def _time_limit(seconds: float | None, name: str | None) -> Iterator[None]:
    """Interrupt extraction that runs past ``seconds``, even inside a parser caught in a loop on a
    damaged file. Uses SIGALRM, so it works in the main thread of a POSIX process that has no alarm
    handler of its own; elsewhere the per-page and per-stage deadline checks still apply."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )
    if not usable or seconds is None:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _Expired  # a BaseException: parsers' own "except Exception" cannot swallow it

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)  # and again every 0.5 s until it gets out
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)  # disarmed before anything else
    except _Expired:
        raise TimeLimitError(f"over the time limit of {seconds} s", path=name, stage="extract") from None
    finally:
        signal.signal(signal.SIGALRM, previous)


class _Expired(BaseException):
    """Raised by the alarm handler inside extraction; turned into a TimeLimitError at its edge."""


def _check_deadline(deadline: float | None, settings: Settings, name: str | None, stage: str) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitError(f"over the time limit of {settings.timeout_s} s", path=name, stage=stage)


def _ocr_issues(layout: Layout, paged: PagedText) -> list[Issue]:
    """An ``ocr.low_confidence`` issue for each OCR'd page whose recognition is doubtful, spanning its text."""
    issues = []
    for page in layout.pages:
        if page.ocr and page.ocr_confidence is not None and page.ocr_confidence < LOW_CONFIDENCE:
            start = paged.page_starts[page.number - 1] if page.number <= len(paged.page_starts) else len(paged.text)
            end = paged.page_starts[page.number] if page.number < len(paged.page_starts) else len(paged.text)
            end = start + len(paged.text[start:end].rstrip())
            issues.append(
                Issue(
                    code="ocr.low_confidence",
                    message=f"page {page.number} was OCR'd with a mean confidence of {page.ocr_confidence:.0f}/100: "
                    "check its text against the scan",
                    spans=[paged.span(start, end)] if end > start else [],
                )
            )
    return issues


def extract_many(sources: Iterable[str | Path | bytes], *, settings: Settings | None = None) -> Iterator[Result]:
    """Extract each source in turn: a ``Document``, or a ``Failure`` saying why — one bad file never
    stops the others."""
    for source in sources:
        yield extract_result(source, settings=settings)


def extract_result(source: str | Path | bytes, *, settings: Settings | None = None) -> Result:
    try:
        return extract(source, settings=settings)
    except VndocError as exc:
        return _failure(exc)


def extract_documents_result(
    source: str | Path | bytes, *, settings: Settings | None = None
) -> list[Document] | Failure:
    """:func:`extract_documents`, with a ``Failure`` instead of an exception for input that cannot be read."""
    try:
        return extract_documents(source, settings=settings)
    except VndocError as exc:
        return _failure(exc)


def _failure(exc: VndocError) -> Failure:
    return Failure(
        path=exc.path,
        error=type(exc).__name__,
        message=exc.message,
        exit_code=exc.exit_code,
        stage=exc.stage,
        page=exc.page,
    )
