"""Footnotes of the reflowed text as output records.

The PDF reader finds the notes at the foot of the pages (:mod:`vndoc.readers.pdf_footnotes`) and reflow
places them after the body (:class:`vndoc.reflow.NotePlace`); this turns those places into
:class:`vndoc.models.Footnote` records whose spans index ``Document.text``, and keeps the extractors from
reading a note's marker as a number of the note's text.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from vndoc.models import Footnote, Span
from vndoc.paged_text import PagedText
from vndoc.reflow import Reflowed


class _HasMentions(Protocol):
    @property
    def mentions(self) -> list[Span]: ...


_R = TypeVar("_R", bound=_HasMentions)


def find_footnotes(flowed: Reflowed, paged: PagedText) -> list[Footnote]:
    return [
        Footnote(
            marker=note.marker,
            text=paged.text[note.start : note.end],
            page=note.page,
            anchor=paged.span(*note.anchor) if note.anchor is not None else None,
            mentions=[paged.span(note.start, note.end)],
        )
        for note in flowed.notes
    ]


def off_note_markers(records: list[_R], flowed: Reflowed) -> list[_R]:
    """``records`` less those read from a footnote's marker: in "8 Tỉnh Thái Nguyên biên tập ..." the 8
    numbers the note, it counts nothing."""
    if not flowed.notes:
        return records
    markers = {note.start - len(note.marker) - 1 for note in flowed.notes}
    return [r for r in records if not any(span.start in markers for span in r.mentions)]
