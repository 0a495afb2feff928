"""The text that extractors read: ``Document.text`` plus where each page starts in it.

Every extractor is a pure function ``PagedText -> list[Record]``; it builds its spans with
:meth:`PagedText.span`, so offsets and page numbers are computed in one place.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from vndoc.models import Span


@dataclass(frozen=True)
class PagedText:
    text: str
    page_starts: tuple[int, ...] = (0,)
    """Offset in ``text`` where page 1, 2, ... starts (ascending, first is 0)."""
    tail_pages: tuple[tuple[int, int], ...] = ()
    """(offset, page) pairs, ascending by offset, for text placed after the body (footnotes): from each
    offset on, the text belongs to that page whatever ``page_starts`` says."""

    @classmethod
    def single_page(cls, text: str) -> PagedText:
        return cls(text=text, page_starts=(0,))

    def page_at(self, offset: int) -> int:
        """1-based page holding the character at ``offset``."""
        if self.tail_pages and offset >= self.tail_pages[0][0]:
            i = bisect.bisect_right(self.tail_pages, (offset, float("inf"))) - 1
            return self.tail_pages[i][1]
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def span(self, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        return Span(page=self.page_at(start), start=start, end=end, text=self.text[start:end])
