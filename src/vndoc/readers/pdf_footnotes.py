"""Footnotes in text PDFs: the raised note markers in body lines, and the notes at the foot of the page.

Published documents put a note's marker as small raised digits right after a word of a body line
("... trực tuyến³. Song song đó ...") and the note itself in smaller type at the bottom of the page,
starting with the same marker ("³ Số liệu tính đến 30/6/2025."). Read as ordinary text, the marker glues
onto the word or number before it ("sao15", "năm 2025 4do" — a count and a date corrupted) and the notes
land in the middle of a paragraph that goes on over the page break. Two steps undo that, both from
relative sizes and positions only:

1. :func:`lift_note_markers` (per visual row of characters, before words are formed): a run of marker
   characters (digits, asterisks, daggers, rarely one lower-case letter) is a *raised marker* when it is
   set clearly smaller than the character beside it (at most 0.9 of its size) and its bottom sits
   clearly above that character's (by a quarter of its size; a smaller character on the same baseline
   rises by less than that) and it touches a word. The run is taken out of the text, remembered on the
   word it followed (or, opening a row, on the word after it), and the word keeps its letters: "sao¹⁵"
   reads "sao", "Đảng².", "Đảng.". Exponents of units of length ("m²", "km³"), a raised letter after a
   capital ("Nº") and a piece of a word set small and raised are left alone.
2. :func:`separate_footnotes` (per document, pages in order): the *foot zone* of a page is the run of
   lines at its bottom set clearly smaller than the document's body text. It holds footnotes only from
   its first line that opens with a marker matching a raised marker already met in the body of this or
   an earlier page, itself raised or written plainly ("3 ...") below a separator rule: a signature block
   or a list of recipients in small type has no such marker and stays body text. Each later line opening
   with a raised marker, or plainly with the next marker expected, starts the next note; the other lines
   continue the note above. Small lines at the top of the next page's foot zone, before any marker, in
   the size of the notes and below a separator rule, continue the last note of the previous page.

The notes leave the page's lines (so paragraphs flow over the page break) and are kept on the page as
:class:`vndoc.layout.FootnoteText`, each with the body word its marker followed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from vndoc.layout import FootnoteText, Line, Page
from vndoc.normalize import clean_chars

_MARKER_CHARS = frozenset("0123456789*†‡§,abcdefghijklmnopqrstuvwxyz")
_MARKER = re.compile(r"\d{1,3}|\*{1,3}|[†‡§]|[a-z]")
"""One note marker: a number, one to three asterisks, a dagger or section sign, or one letter."""
_UNIT_OF_LENGTH = re.compile(r"[kcdmμ]?m")
"""A unit whose raised 2 or 3 is an exponent ("m²", "km³"), not a note marker."""
_SMALLER = 0.9
"""A raised marker is at most this fraction of the size of the character beside it."""
_RAISED = 0.25
"""... and its bottom is above that character's by at least this many of its sizes."""
_NEAR_BEFORE = 1.0
_NEAR_AFTER = 0.6
"""A raised run belongs to the word ending within this many font sizes before it (or, at the start of a
row, to the word starting within ``_NEAR_AFTER`` sizes after it)."""
_TOUCH = 0.2
"""Gap (in font sizes) under which two characters belong to one word, as in the word splitter."""

_SMALL_TYPE = 1.5
"""Foot-zone lines are set at least this many points smaller than the body text."""
_RULE_START = 40.0
"""A separator rule above the notes starts at most this many points right of their left edge."""
_RULE_THICKNESS = 1.5
_RULE_LENGTH = 24.0
"""A separator rule: a horizontal line or filled rectangle at most this thick and at least this long."""
_ZONE_GAP = 1.5
"""A gap of more than this many line sizes inside the foot zone ends it (a footer below the notes)."""
_ZONE_TOP = 0.25
"""A foot zone starts below this fraction of the page height."""

_PLAIN_MARKER = re.compile(r"^\s*(?:\((?P<paren>\d{1,3})\)|(?P<mark>\d{1,3}|\*{1,3}|[†‡§])[.)]?)\s+(?=\S)")
"""A note's marker written in the note's own size at the start of its first line: "3 ", "3. ", "(3) "."""
_FURNITURE = re.compile(r"^[\W\d_]{0,12}$")
"""A line without letters at the very bottom (a page number) is not part of the foot zone."""


# --------------------------------------------------------------------------- raised markers in a row


@dataclass
class RowMarks:
    """A row of characters with its raised note markers taken out."""

    chars: list[Any]
    after: dict[int, list[str]] = field(default_factory=dict)
    """``id`` of a character -> the markers that followed it (it ends the word they belong to)."""
    before: dict[int, list[str]] = field(default_factory=dict)
    """``id`` of a character -> the markers that opened the row (or a segment of it) right before it."""
    glued: set[int] = field(default_factory=set)
    """``id`` of characters that continue the word of the character before them across a marker taken
    out ("Đảng²." -> "Đảng.")."""


def _is_marker_char(char: Any) -> bool:
    return char.get_text() in _MARKER_CHARS and bool(getattr(char, "upright", True))


def _raised_against(run: list[Any], ref: Any) -> bool:
    size = max(float(ref.size), 1.0)
    return all(float(c.size) <= _SMALLER * size and c.y0 - ref.y0 >= _RAISED * size for c in run)


def _continues_run(last: Any, char: Any) -> bool:
    return (
        abs(float(char.size) - float(last.size)) < 0.3
        and abs(char.y0 - last.y0) < 0.5
        and char.x0 - last.x1 < 0.5 * max(float(last.size), 1.0)
    )


def _same_word(left: Any, right: Any) -> bool:
    """Do two touching characters belong to one run of text of one size on one baseline?"""
    return (
        not left.get_text().isspace()
        and not right.get_text().isspace()
        and abs(float(left.size) - float(right.size)) < 0.3
        and abs(left.y0 - right.y0) < 0.5
        and right.x0 - left.x1 <= _TOUCH * max(float(left.size), 1.0)
    )


def _markers(run: list[Any]) -> list[str] | None:
    text = "".join(c.get_text() for c in run)
    parts = text.split(",")
    if not all(_MARKER.fullmatch(p) for p in parts):
        return None
    return parts


def _word_before(row: list[Any], end: int) -> str:
    """The text of the word that ends with ``row[end]``."""
    start = end
    while start > 0:
        prev, char = row[start - 1], row[start]
        if prev.get_text().isspace() or char.x0 - prev.x1 > _TOUCH * max(float(prev.size), 1.0):
            break
        start -= 1
    return "".join(c.get_text() for c in row[start : end + 1])


def lift_note_markers(row: list[Any]) -> RowMarks:
    """Take the raised note markers out of one visual row of pdfminer characters sorted by ``x0``."""
    largest = max((float(c.size) for c in row), default=0.0)
    flags = [float(c.size) <= _SMALLER * largest and _is_marker_char(c) for c in row]
    if not any(flags):
        return RowMarks(chars=row)
    marks = RowMarks(chars=[])
    removed: set[int] = set()
    i, n = 0, len(row)
    while i < n:
        if not flags[i]:
            i += 1
            continue
        # a run of marker characters of one size on one baseline; a character the run is drawn across
        # (a legacy font's glyph widths off: "khÈ²u⁴.") stays in the text and does not end it
        members = [i]
        j = i + 1
        while j < n:
            if flags[j] and _continues_run(row[members[-1]], row[j]):
                members.append(j)
            elif not (j + 1 < n and flags[j + 1] and row[j + 1].x0 < row[j].x1):
                break
            j += 1
        j = members[-1] + 1
        run = [row[q] for q in members]
        k = i - 1
        while k >= 0 and row[k].get_text().isspace():
            k -= 1
        pred = row[k] if k >= 0 and run[0].x0 - row[k].x1 <= _NEAR_BEFORE * float(row[k].size) else None
        m = j
        while m < n and row[m].get_text().isspace():
            m += 1
        succ = row[m] if m < n and row[m].x0 - run[-1].x1 <= _NEAR_AFTER * float(row[m].size) else None
        ref = pred if pred is not None else succ
        found = _markers(run) if ref is not None and _raised_against(run, ref) else None
        if found and ((i > 0 and _same_word(row[i - 1], run[0])) or (j < n and _same_word(run[-1], row[j]))):
            found = None  # a piece of a word in small raised type ("và" beside larger text), not a marker
        if found and pred is not None:
            before_word = _word_before(row, k)
            if _UNIT_OF_LENGTH.fullmatch(before_word) and found in (["2"], ["3"]):
                found = None  # an exponent: m², km³
            elif len(found[0]) == 1 and found[0].isalpha() and before_word[-1:].isupper():
                found = None  # a raised letter after a capital ("Nº") is part of an abbreviation
        if not found:
            i = j
            continue
        removed.update(id(c) for c in run)
        if pred is not None:
            marks.after.setdefault(id(pred), []).extend(found)
            touching = k == i - 1 and run[0].x0 - pred.x1 <= _TOUCH * float(pred.size)
            if touching and j < n and m == j and row[j].x0 - run[-1].x1 <= _TOUCH * float(row[j].size):
                marks.glued.add(id(row[j]))
        elif succ is not None:
            marks.before.setdefault(id(succ), []).extend(found)
        i = j
    marks.chars = [c for c in row if id(c) not in removed]
    return marks


def word_notes(chars: list[Any], marks: RowMarks | None) -> dict[str, Any]:
    """The note keys of a word dict made of ``chars``: "notes" (markers after it) and "lead" (markers
    before it); empty when it has none."""
    if marks is None or not (marks.after or marks.before):
        return {}
    out: dict[str, Any] = {}
    after = [m for c in chars for m in marks.after.get(id(c), ())]
    if after:
        out["notes"] = tuple(after)
    lead = marks.before.get(id(chars[0]))
    if lead:
        out["lead"] = tuple(lead)
    return out


def line_notes(words: Sequence[dict[str, Any]]) -> tuple[tuple[int, str], ...]:
    """:attr:`vndoc.layout.Line.notes` of a line made of ``words``: each marker with the index of the
    whitespace-separated word of the line's text it followed (-1: it opened the line)."""
    if not any("notes" in w or "lead" in w for w in words):
        return ()
    out: list[tuple[int, str]] = []
    count = 0
    for word in words:
        out += [(count - 1, m) for m in word.get("lead", ())]
        count += len(clean_chars(str(word["text"])).split())
        out += [(count - 1, m) for m in word.get("notes", ())]
    return tuple(out)


# --------------------------------------------------------------------------- the foot zone of pages

Rule = tuple[float, float, float]
"""A horizontal rule on a page: (x0, x1, top), top from the top of the page."""


def horizontal_rules(shapes: Iterable[Any], height: float) -> list[Rule]:
    """The thin horizontal lines and rectangles among a page's drawn shapes (pdfminer's layout objects)."""
    return [
        (float(item.x0), float(item.x1), height - float(item.y1))
        for item in shapes
        if item.height <= _RULE_THICKNESS and item.width >= _RULE_LENGTH
    ]


@dataclass
class _Mark:
    marker: str
    line: Line
    index: int


@dataclass
class _Note:
    marker: str
    page: int
    anchor: tuple[Line, int] | None
    texts: list[str]
    size: float


def _body_size(pages: Sequence[Page]) -> float | None:
    sizes = [
        (round(ln.size * 2) / 2, len(ln.text))
        for page in pages
        for ln in page.lines
        if ln.size is not None and ln.top is not None
    ]
    if not sizes:
        return None
    total = sum(n for _, n in sizes)
    seen = 0
    for size, n in sorted(sizes):
        seen += n
        if seen * 2 >= total:
            return size
    return sizes[-1][0]


def _opening_marker(line: Line, expected: list[str], *, any_raised: bool) -> tuple[str, str, bool] | None:
    """(marker, the line's text after it, whether the marker is raised) when ``line`` opens with a note
    marker among ``expected`` (a raised one also when ``any_raised``)."""
    lead = [m for i, m in line.notes if i == -1]
    if lead and (any_raised or lead[0] in expected):
        return lead[0], line.text.strip(), True
    m = _PLAIN_MARKER.match(line.text)
    if m and not lead:
        marker = m["paren"] or m["mark"]
        if marker in expected:
            return marker, line.text[m.end() :].strip(), False
    return None


def _consume(pending: list[_Mark], marker: str) -> tuple[Line, int] | None:
    """The body mark a note with ``marker`` answers; marks met before it are given up."""
    for q, mark in enumerate(pending):
        if mark.marker == marker:
            del pending[: q + 1]
            return mark.line, mark.index
    return None


def _foot_run(lines: tuple[Line, ...], body: float, height: float | None) -> tuple[int, int]:
    """[start, end) of the run of small-type lines at the bottom of a page (a letterless last line, a
    page number, left out)."""
    end = len(lines)
    while end > 0 and _FURNITURE.match(lines[end - 1].text.strip()):
        end -= 1
    start = end
    while start > 0:
        ln = lines[start - 1]
        if ln.size is None or ln.top is None or ln.column is not None or ln.size > body - _SMALL_TYPE + 0.05:
            break
        if height is not None and ln.top < _ZONE_TOP * height:
            break
        start -= 1
    return start, end


def _join(texts: list[str]) -> str:
    out = ""
    for text in texts:
        text = " ".join(text.split())
        if not text:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[:1].islower():
            out = out[:-1] + text
        else:
            out = f"{out} {text}" if out else text
    return out


def separate_footnotes(pages: Sequence[Page], rules: Mapping[int, Sequence[Rule]]) -> list[Page]:
    """The pages with the footnotes taken out of their lines into :attr:`vndoc.layout.Page.footnotes`;
    ``rules`` holds the horizontal rules of each page (by page number), from :func:`horizontal_rules`."""
    if not any(ln.notes for page in pages for ln in page.lines):
        return list(pages)  # no raised marker anywhere: no line can be a footnote
    body = _body_size(pages)
    if body is None:
        return list(pages)
    pending: list[_Mark] = []
    open_note: _Note | None = None
    kept_lines: list[tuple[Line, ...]] = []
    notes_of: list[list[_Note]] = []
    for page in pages:
        lines = page.lines
        start, end = _foot_run(lines, body, page.height)
        for ln in lines[:start]:
            pending += [_Mark(marker, ln, index) for index, marker in ln.notes]
        run = lines[start:end]
        above = lines[start - 1] if start else None
        page_rules = rules.get(page.number, ())
        known = [m.marker for m in pending]
        first = next(
            (
                k
                for k, ln in enumerate(run)
                if (opened := _opening_marker(ln, known, any_raised=False))
                and (opened[2] or _below_rule(ln, above, page_rules))
            ),
            None,
        )
        lead_in = run[:first] if first is not None else run
        carried: tuple[Line, ...] = ()
        if open_note is not None and lead_in and _goes_on(open_note, lead_in, above, page_rules):
            carried = lead_in
            open_note.texts += [ln.text for ln in carried]
        if not carried:
            for ln in lead_in:  # small lines above the first note stay body text
                pending += [_Mark(marker, ln, index) for index, marker in ln.notes]
        page_notes: list[_Note] = []
        taken = {id(ln) for ln in carried}
        current: _Note | None = None
        previous = carried[-1] if carried else None
        for ln in run[first:] if first is not None else ():
            expected = [pending[0].marker] if current is not None and pending else [m.marker for m in pending]
            opened = _opening_marker(ln, expected, any_raised=current is not None)
            if opened is not None:
                marker, text, _raised = opened
                current = _Note(marker, page.number, _consume(pending, marker), [text], ln.size or body)
                page_notes.append(current)
            elif current is None or _gap(previous, ln) > _ZONE_GAP * (ln.size or body):
                break  # below the notes: a footer
            else:
                current.texts.append(ln.text)
            taken.add(id(ln))
            previous = ln
        kept_lines.append(tuple(ln for ln in lines if id(ln) not in taken))
        notes_of.append(page_notes)
        if page_notes:
            open_note = page_notes[-1]
        elif not carried:
            open_note = None
    return [
        replace(
            page,
            lines=kept,
            footnotes=tuple(
                FootnoteText(marker=n.marker, text=_join(n.texts), page=n.page, anchor=n.anchor) for n in notes
            ),
        )
        for page, kept, notes in zip(pages, kept_lines, notes_of, strict=True)
    ]


def _goes_on(note: _Note, lead_in: tuple[Line, ...], above: Line | None, rules: Sequence[Rule]) -> bool:
    """Do the small lines ``lead_in`` at the foot of a page, before any marker, continue ``note`` from
    the page before? They are set in the note's size, below a separator rule drawn between them and the
    body (word processors draw one above the notes, also above a note carried over)."""
    if not all(abs((ln.size or 0) - note.size) <= 0.6 for ln in lead_in):
        return False
    return _below_rule(lead_in[0], above, rules)


def _below_rule(line: Line, above: Line | None, rules: Sequence[Rule]) -> bool:
    """Is there a separator rule between the body line ``above`` (None: the top of the page) and
    ``line``, starting near the left edge of ``line``?"""
    if line.top is None or line.x0 is None:
        return False
    floor = above.bottom if above is not None and above.bottom is not None else 0.0
    return any(floor - 1 <= top <= line.top + 1 and x0 <= line.x0 + _RULE_START for x0, _x1, top in rules)


def _gap(above: Line | None, below: Line) -> float:
    if above is None or above.bottom is None or below.top is None:
        return 0.0
    return below.top - above.bottom
