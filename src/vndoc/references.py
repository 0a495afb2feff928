"""References: every citation of a numbered document, one :class:`Reference` per distinct document.

A citation is a phrase built around a document symbol (see :mod:`vndoc.symbols`)::

    Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ về phê duyệt “Đề án ...”
    └ type word ┘└số┘└ symbol ┘└─── date ───┘└────── issuer ──────┘└────── subject ──────┘

The approach follows citation finders for legal text: cheap anchors first, context read around them.

1. *Anchors.* The symbol regex runs over a same-length view of the text (look-alike characters unified,
   so offsets stay valid). Symbols are rare and start with a digit, so the scan is fast; phrases without
   a symbol are found from literal triggers ("số", "trên", the numbers already cited).
2. *Context, backwards.* The type word is the one written right before the symbol (optionally with
   "số"/"số:"), or further back when the phrase is "Luật Doanh nghiệp số ...", "Nghị định của Chính phủ
   số ..."; a symbol that continues a list ("các Nghị định số 45/2010/NĐ-CP và 33/2012/NĐ-CP", "Nghị
   quyết số 02, 03/NQ-TU") takes the list's type word. Without a type word, a symbol counts only when
   its type code says what it is, or when "số" precedes it (then it is a công văn); the document's own
   "Số:" line is never a citation.
3. *Context, forwards.* Date ("ngày 06/01/2022", "ngày 25 tháng 6 năm 2004", "ngày 11 - 11 - 1998"), or
   failing that a date stated just before ("ngày 15/1/2019, Ban Thường vụ ban hành Kế hoạch số ...");
   issuer phrase ("của ...", else the body named by the symbol's issuer code); subject ("về ...", "về
   việc ...", a quoted title) up to the end of the clause.
4. *Resolution.* Citations of one symbol are one document (more mentions) unless their dates disagree;
   a date closing a list of same-type documents dates them all. Short forms ("Nghị quyết 03", "Đề án
   06", "Quyết định số 12") are mentions of the full citation with that type and number, or of the one
   whose subject names that type ("Quyết định 06/QĐ-TTg ... phê duyệt Đề án ..."), nearest first. A
   short form that no full citation matches still cites a numbered document ("Đề án 1956", "Chương
   trình 135") and is a reference of its own, without code or year, except for the types whose bare
   number is rather an ordinal, a period or a year ("Phương án 1", "Kế hoạch 2024"; the ``short_form``
   column of ``data/doc_types.tsv``). "Quyết định nêu trên" / "Nghị quyết trên" are mentions of the
   closest preceding reference of that type; "Quyết định này" speaks of the document itself.

Pure regex and tables: no tokenizer or model, so whole documents run at several MB per second.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from vndoc.dates import NUMERIC_DATE, WORDED_DATE, make_date
from vndoc.models import Reference
from vndoc.normalize import match_key
from vndoc.paged_text import PagedText
from vndoc.symbols import (
    SPACED_SYMBOL_RE,
    SYMBOL_RE,
    Symbol,
    issuer_name,
    known_issuer,
    matching_view,
    parse_symbol,
    symbol_from_match,
    type_codes_of,
    type_name,
    untyped_type,
)
from vndoc.tables import load_table

_LOOKBACK = 160  # characters read before a symbol for its type word
_WORD_REACH = 40  # characters read before a short form for the type word right before it
_GENERIC_TYPE = "Văn bản"
_DEFAULT_TYPE = "Công văn"

# --- type words -------------------------------------------------------------------------------------------

_OLD_TONE = {
    "òa": "oà",
    "óa": "oá",
    "ỏa": "oả",
    "õa": "oã",
    "ọa": "oạ",
    "òe": "oè",
    "óe": "oé",
    "ỏe": "oẻ",
    "õe": "oẽ",
    "ọe": "oẹ",
    "ùy": "uỳ",
    "úy": "uý",
    "ủy": "uỷ",
    "ũy": "uỹ",
    "ụy": "uỵ",
}


def _spellings(name: str) -> set[str]:
    """A name in the new and the old tone placement (thỏa/thoả, ủy/uỷ)."""
    old = name
    for new_form, old_form in _OLD_TONE.items():
        old = old.replace(new_form, old_form)
    return {name, old}


@dataclass(frozen=True)
class _TypeWords:
    regex: re.Pattern[str]
    """Any type word (group ``word``) or a type code used as a word before "số" (group ``abbr``)."""
    canonical: dict[str, str]
    """match_key of a written word -> canonical type name."""


@functools.cache
def _type_words() -> _TypeWords:
    canonical: dict[str, str] = {}
    codes: set[str] = set()
    for row in load_table("doc_types"):
        name = row["name"]
        for written in {name, *filter(None, row.get("aliases", "").split("|"))}:
            for spelling in _spellings(written):
                canonical[match_key(spelling)] = name
        if len(row.get("code", "")) >= 2:
            codes.add(row["code"])
    words = sorted({w for w in canonical}, key=len, reverse=True)
    word_alt = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)
    abbr_alt = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
    # "pháp luật", "dự luật", "điều luật" are not the type word "Luật".
    compound = r"(?<!pháp\s)(?<!dự\s)(?<!điều\s)"
    pattern = rf"(?<!\w){compound}(?:(?P<word>{word_alt})|(?-i:(?P<abbr>{abbr_alt}))(?=[ \t]+số))(?!\w)"
    return _TypeWords(re.compile(pattern, re.IGNORECASE), canonical)


def _type_of_word(m: re.Match[str]) -> str:
    if m["abbr"]:
        return type_name(m["abbr"]) or _DEFAULT_TYPE
    return _type_words().canonical.get(match_key(m["word"]), _DEFAULT_TYPE)


# --- phrase building blocks ---------------------------------------------------------------------------------

_SO = r"số"
_GAP_BEFORE_SYMBOL = re.compile(rf"\s*(?:{_SO}(?:[ \t]+hiệu)?)?[ \t]*[:.]?\s*$", re.IGNORECASE)
_SO_BEFORE = re.compile(rf"(?<!\w){_SO}(?:[ \t]+hiệu)?[ \t]*:?\s*$", re.IGNORECASE)
_SO_LABEL_BEFORE = re.compile(r"(?<!\w)(?:Số|SỐ)[ \t]*:[ \t]*$")
_LINE_START_SO = re.compile(r"^[ \t]*(?:Số|SỐ)[ \t]*[:.]?[ \t]*$")
_LIST_BEFORE = re.compile(r"(?P<list>(?:(?<![\w./-])\d{1,5}[ \t]*(?:,|và|&)[ \t]*)+)$")
_LIST_NUMBER = re.compile(r"\d{1,5}")
_BROKEN_NUMBER = re.compile(r"(?<![\w,])(?P<head>\d{1,3}) $")
_INHERIT_GAP = re.compile(
    rf"^\s*(?:[,;&]|và|hoặc|cùng)?\s*(?:các\s+)?(?:{_SO}\s*:?\s*)?$",
    re.IGNORECASE,
)
# What may stand between a type word and "số" when they are apart: a name, "của <issuer>", no clause end.
_FAR_GAP = re.compile(r"^[^;.()“”\"\d\n]*(?:\n[^;.()“”\"\d\n]*)?$")
_MAX_FAR_WORDS = 12
_PARENTHESIS = re.compile(r"\([^()\d\n]{0,40}\)")  # "Luật Khuyến khích đầu tư (sửa đổi) số ..."
# Words before "số" that number something other than a document (forms, articles, houses ...).
_NOT_A_DOCUMENT = re.compile(
    rf"(?<!\w)(?:mẫu|biểu|phụ\s+lục|điều|khoản|điểm|sổ|hóa\s+đơn|hoá\s+đơn|tờ\s+khai|nhà|phòng|tổ|ấp|"
    rf"khu\s+phố|lô|căn\s+hộ|km|quốc\s+lộ|tỉnh\s+lộ|đường|hẻm|ngõ|kiệt|thôn|xóm|lớp|trường|"
    rf"tài\s+khoản|điện\s+thoại|fax|hotline)[ \t]+{_SO}[ \t]*:?\s*$",
    re.IGNORECASE,
)
_ADDRESS_AFTER = re.compile(
    r"[ \t,]*(?:đường|phố|phường|quận|khu\s+phố|ấp|thôn|tổ|ngõ|ngách|hẻm|kiệt|lô|tầng)(?!\w)", re.IGNORECASE
)

_DATE_INTRO = (
    r"[ \t]*(?:\n[ \t]*)?[,(]?[ \t]*(?:(?:được[ \t]+|đã[ \t]+)?(?:ban[ \t]+hành|ký)[ \t]+)?(?:vào[ \t]+)?"
    r"ngày[ \t]*(?:\n[ \t]*)?"
)
_DATE_AFTER = (
    re.compile(_DATE_INTRO + WORDED_DATE, re.IGNORECASE),
    re.compile(_DATE_INTRO + NUMERIC_DATE, re.IGNORECASE),
)
_DATE_BEFORE = tuple(
    re.compile(r"ngày\s*" + date + r"\s*,?\s*[^.;\d“”()]{0,80}?(?<!\w)(?:ban\s+hành|ký|ra|có)\s+$", re.IGNORECASE)
    for date in (WORDED_DATE, NUMERIC_DATE)
)

_SOFT_BREAK = r"\n(?=[ \t]*[a-zà-ỹđ])"
_ISSUER_INTRO = re.compile(rf"[ \t]*(?:{_SOFT_BREAK})?[ \t]*,?[ \t]*(?:của|do)[ \t]+", re.IGNORECASE)
_ISSUER_HARD_STOP = re.compile(r"[,;:()“”\"]|\.(?!\w)|\n(?![ \t]*[a-zà-ỹđ])")
# Words that end an issuer phrase: the verb or preposition that follows the issuing body.
_ISSUER_STOP_WORDS = (
    "về|v/v|quy định|qui định|hướng dẫn|ban hành|phê duyệt|cho phép|chuẩn y|thỏa thuận|thoả thuận|tại|đã|"
    "được|đối với|để|thì|trong|với|là|có|nêu|sửa đổi|bổ sung|thành lập|giao|công nhận|kiện toàn|triển khai|"
    "ở|nhằm|thực hiện|theo|khi|sau|trước|gồm|bao gồm|kèm theo|ngày|số|hiện|nay|đến|từ|cũng|và các|và những|"
    "trên|đều|đảm bảo|bảo đảm|nhưng|mà|cho|tới|bằng|vì|nên|như|hoặc|cùng|phải|không|chưa|sẽ|đang|vẫn|còn|"
    "chỉ|yêu cầu|chỉ đạo|tổ chức"
).split("|")
_ISSUER_STOP = re.compile(
    r"\s(?:(?-i:và)\s+(?=[a-zà-ỹđ])|(?-i:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _ISSUER_STOP_WORDS)
    + r")(?!\w))"
)
_MAX_ISSUER_WORDS = 12

_SUBJECT_INTRO = re.compile(
    r"[ \t]*,?[ \t]*(?:(?P<about>về\s+việc|về|v/v)[ \t]+|(?P<verb>(?:quy|qui)\s+định|hướng\s+dẫn|ban\s+hành|"
    r"phê\s+duyệt|sửa\s+đổi|thành\s+lập)[ \t]+|(?=[“\"]))",
    re.IGNORECASE,
)
# ", Thái Nguyên đã hỗ trợ ...": after a comma, a clause with its own verb is the sentence going on.
_NEW_CLAUSE = re.compile(r",[ \t]*[^,;.\n“”()]{0,60}?[ \t](?:đã|đang|sẽ|vừa|luôn|tiếp\s+tục)[ \t]")
_SUBJECT_END = re.compile(r"[;()]|\.(?=\s|$)|\n(?![ \t]*[a-zà-ỹđ])")
_QUOTE_OPEN = '“"'
_QUOTE_CLOSE = {"“": "”", '"': '"'}
_MAX_SUBJECT = 300
_OBJECT_WORDS = 4
_TRAILING_JOINER = re.compile(r"(?:[\s,;:]|(?<!\w)(?:và|hoặc|các|tại|theo|của))*$", re.IGNORECASE)

_SHORT_NUMBER = r"(?P<num>\d{1,5})(?![\w/]|[.,]\d|[ \t]*[/\-][ \t]*[A-Za-zĐđ\d])"
_SO_NUMBER_RE = re.compile(rf"(?<!\w){_SO}[ \t]*:?[ \t]*{_SHORT_NUMBER}", re.IGNORECASE)
# Words after a number that make it a count or a period, not a document number ("Kế hoạch 5 năm").
_UNITS = (
    r"%|năm(?![ \t]+(?:19|20)\d\d)|tháng|ngày(?![ \t]*\d)|giờ|phút|tuần|quý|người|đồng|lần|hội\s+viên|"
    r"đại\s+biểu|đ/c|đồng\s+chí|triệu|tỷ|nghìn|ngàn|trăm|km|ha|tấn|điểm|trang|bước|nội\s+dung|chỉ\s+tiêu|"
    r"nhiệm\s+vụ|giải\s+pháp|tiêu\s+chí|mục\s+tiêu|chương|điều|phần|mục|khoản|cuộc|lớp|đợt|buổi|xã|huyện|"
    r"tỉnh|đơn\s+vị|hộ|cá\s+nhân|tập\s+thể"
)
_UNIT_AFTER = re.compile(rf"[ \t]*(?:{_UNITS})(?!\w)", re.IGNORECASE)
_SHORT_FORM_NUMBER = re.compile(r"[ \t](?P<num>\d{1,5})(?![\w/:]|[.,]\d|[ \t]*[/\-][ \t]*\w)")
_BLANKS = re.compile(r"[ \t]+")
_ABOVE = re.compile(r"(?<!\w)trên(?!\w)", re.IGNORECASE)
# After an anaphoric "trên" comes punctuation or a verb/function word; after the preposition "trên" a noun
# ("trên địa bàn", "trên cơ sở").
_ANAPHORA_AFTER = re.compile(
    r"(?:\s*[,;.:)]|\s*$|\s+(?:và|đã|được|của|thì|là|có|đây|vào|nhằm|để|do|tới|đến|cho|trong|với|theo|sẽ|"
    r"đang|cũng|đều|không|chưa|mà|nay|bị|phải|cần)(?!\w))",
    re.IGNORECASE,
)


@functools.cache
def _anaphora_lead() -> re.Pattern[str]:
    """A type word right before "trên", maybe with "(đã) nêu/nói/kể" between (group ``pointer``)."""
    return re.compile(_type_words().regex.pattern + r"\s+(?P<pointer>(?:đã\s+)?(?:nêu|nói|kể)\s+)?$", re.IGNORECASE)


# --- citations --------------------------------------------------------------------------------


@dataclass
class _Citation:
    start: int
    end: int
    number: str
    symbol: Symbol | None
    doc_type: str
    typed: bool
    """The doc type comes from a written type word (not from the code or the default)."""
    date: dt.date | None = None
    issuer: str | None = None
    subject: str | None = None
    short: bool = False
    """A type word and a number only ("Đề án 06"): a mention unless no full citation matches."""

    @property
    def key(self) -> tuple[object, ...]:
        if self.symbol is not None:
            return ("symbol", *self.symbol.key)
        return ("number", self.doc_type, int(self.number))


def _last_type_word(view: str, lo: int, hi: int) -> re.Match[str] | None:
    last = None
    for m in _type_words().regex.finditer(view, lo, hi):
        last = m
    return last


def _ends_with_type_word(view: str, lo: int, pos: int) -> bool:
    word = _last_type_word(view, lo, pos)
    return word is not None and view[word.end() : pos].isspace()


def _window_start(view: str, pos: int) -> int:
    lo = max(0, pos - _LOOKBACK)
    blank = view.rfind("\n\n", lo, pos)
    return blank + 2 if blank >= 0 else lo


@dataclass(frozen=True)
class _Head:
    start: int
    doc_type: str | None
    typed: bool
    word_end: int | None = None
    """Where the type word ends, for a name written between it and "số" (Luật Doanh nghiệp số ...)."""
    inherited: bool = False
    """Taken from the list the symbol continues ("các Nghị định số 45/2010/NĐ-CP và 33/2012/NĐ-CP")."""


def _type_before(view: str, pos: int, previous: _Citation | None) -> _Head | None:
    """The type word that heads a symbol starting at ``pos``: right before it, inherited from the list
    the symbol continues, or further back before "số"."""
    lo = _window_start(view, pos)
    word = _last_type_word(view, lo, pos)
    if word is not None and _GAP_BEFORE_SYMBOL.fullmatch(view, word.end(), pos):
        return _Head(word.start(), _type_of_word(word), True)
    if previous is not None and previous.end <= pos and _INHERIT_GAP.match(view[previous.end : pos]):
        so = _SO_BEFORE.search(view, previous.end, pos)
        return _Head(so.start() if so else pos, previous.doc_type, previous.typed, inherited=True)
    so = _SO_BEFORE.search(view, lo, pos)
    if word is not None and so is not None and word.end() <= so.start():
        gap = _PARENTHESIS.sub("", view[word.end() : so.start()])
        if _FAR_GAP.match(gap) and len(gap.split()) <= _MAX_FAR_WORDS and not SYMBOL_RE.search(gap):
            return _Head(word.start(), _type_of_word(word), True, word_end=word.end())
    return None


def _compound_head(view: str, lo: int, head: _Head, symbol: Symbol) -> _Head:
    """ "Thông báo kết luận số 145-TB/TW": of two type words written together, the one the code names."""
    if not head.typed or head.doc_type is None or _compatible(head.doc_type, symbol):
        return head
    word = _last_type_word(view, lo, head.start)
    if word is None or not _BLANKS.fullmatch(view, word.end(), head.start):
        return head
    outer = _type_of_word(word)
    return replace(head, start=word.start(), doc_type=outer) if _compatible(outer, symbol) else head


def _date_after(view: str, pos: int) -> tuple[dt.date, int] | None:
    for regex in _DATE_AFTER:
        m = regex.match(view, pos)
        if m:
            date = make_date(m["d"], m["m"], m["y"])
            if date is not None:
                return date, m.end()
    return None


def _date_before(view: str, start: int) -> dt.date | None:
    """The date of "ngày 15/1/2019, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số ...", same clause."""
    lo = max(0, start - _LOOKBACK)
    clause = max(view.rfind(".", lo, start), view.rfind(";", lo, start), view.rfind("\n\n", lo, start))
    lo = clause + 1 if clause >= 0 else lo
    for regex in _DATE_BEFORE:
        for m in regex.finditer(view, lo, start):
            if m.end() == start:
                return make_date(m["d"], m["m"], m["y"])
    return None


def _issuer_after(view: str, text: str, pos: int) -> tuple[str, int] | None:
    m = _ISSUER_INTRO.match(view, pos)
    if not m:
        return None
    begin = m.end()
    stop = _ISSUER_HARD_STOP.search(view, begin, begin + 200)
    hi = stop.start() if stop else min(len(view), begin + 200)
    word_stop = _ISSUER_STOP.search(view, begin, hi)
    if word_stop:
        hi = word_stop.start()
    next_type = _type_words().regex.search(view, begin, hi)  # "của Chính phủ và Thông tư số ..."
    if next_type:
        joiner = _TRAILING_JOINER.search(view, begin, next_type.start())
        hi = joiner.start() if joiner else next_type.start()
    issuer = " ".join(text[begin:hi].split())
    if not issuer or len(issuer.split()) > _MAX_ISSUER_WORDS or not issuer[0].isupper():
        return None
    return issuer, begin + len(text[begin:hi].rstrip())


def _subject_after(view: str, text: str, pos: int, next_symbol: int) -> str | None:
    """ "về việc ...", "về ...", "quy định ...", a quoted title: up to the clause end or the next citation."""
    m = _SUBJECT_INTRO.match(view, pos)
    if not m:
        return None
    begin = m.end()
    end = begin
    limit = min(len(view), begin + _MAX_SUBJECT)
    # A subject may name another citation as its object ("hướng dẫn thi hành Quyết định số ..."); a longer
    # subject that runs into the next citation has ended before it.
    if next_symbol < limit and not _is_object(text[begin:next_symbol]):
        limit = next_symbol
    while end < limit:
        ch = view[end]
        if ch in _QUOTE_OPEN:  # a quoted title runs to its closing quote and ends the subject
            close = view.find(_QUOTE_CLOSE[ch], end + 1, limit)
            if close >= 0:
                end = close + 1
            break
        if _SUBJECT_END.match(view, end) or (ch == "," and _NEW_CLAUSE.match(view, end)):
            break
        end += 1
    subject = text[begin:end]
    if end == next_symbol and limit == next_symbol:
        subject = _trailing_citation_start(subject)
    if m["verb"]:
        subject = m["verb"] + " " + subject
    subject = " ".join(subject.replace("“", "").replace("”", "").replace('"', "").split()).strip(" ,:-")
    if subject.lower().startswith("về việc "):
        subject = subject[8:]
    elif subject.lower().startswith("về "):
        subject = subject[3:]
    return subject or None


def _is_object(before_next: str) -> bool:
    """Whether the next citation is the object of a short subject ("hướng dẫn thi hành Nghị định số ...")
    rather than the next item after it ("về thành lập Hội, Nghị định số ...")."""
    head = _trailing_citation_start(before_next, joiners=False)
    return len(head.split()) <= _OBJECT_WORDS and not head.rstrip().endswith((",", ";", ":", "."))


def _trailing_citation_start(subject: str, *, joiners: bool = True) -> str:
    """Cut the head of the next citation off a subject that runs into it (", Nghị định số ")."""
    word = _last_type_word(subject, max(0, len(subject) - _LOOKBACK), len(subject))
    if word is not None and _GAP_BEFORE_SYMBOL.fullmatch(subject, word.end()):
        subject = subject[: word.start()]
    else:
        subject = _SO_BEFORE.sub("", subject)
    return _TRAILING_JOINER.sub("", subject) if joiners else subject


def _complete(view: str, text: str, cite: _Citation, symbol_end: int, limit: int, *, date_before_ok: bool) -> _Citation:
    """Read date, issuer and subject after the citation's symbol (or bare number)."""
    pos = symbol_end
    found = _date_after(view, pos)
    if found:
        cite.date, pos = found
        cite.end = pos
    issuer = _issuer_after(view, text, pos)
    if issuer:
        cite.issuer, pos = issuer
        if cite.date is None:
            found = _date_after(view, pos)
            if found:
                cite.date, pos = found
                cite.end = pos
    if cite.date is None and date_before_ok:
        cite.date = _date_before(view, cite.start)
    cite.subject = _subject_after(view, text, pos, limit)
    return cite


def _accept_untyped(view: str, symbol: Symbol, start: int, end: int) -> bool:
    """A symbol without a type word counts when its type code names a document, or after "số"."""
    lo = _window_start(view, start)
    if _NOT_A_DOCUMENT.search(view, lo, start) or _ADDRESS_AFTER.match(view, end):
        return False
    if _SO_BEFORE.search(view, lo, start):
        return symbol.tight or symbol.type_code is not None
    if symbol.type_code is not None:
        return symbol.tight and (symbol.year is not None or symbol.issuer_code is not None)
    parts = (symbol.issuer_code or "").split("-")
    return symbol.tight and known_issuer(parts[0]) and (symbol.year is not None or len(parts) > 1)


def _is_header_number(view: str, start: int) -> bool:
    """A document's own number line ("Số: 125/BC-LHH", "SỐ: 12/2001/QĐ-BTC"), not a citation."""
    line = view.rfind("\n", 0, start) + 1
    return bool(_LINE_START_SO.match(view, line, start) or _SO_LABEL_BEFORE.search(view, line, start))


def _read_far_gap(text: str, word_end: int, so_start: int, cite: _Citation) -> None:
    """What stands between a type word and a far "số": the issuer ("Nghị định của Chính phủ số ...")
    or the document's name ("Luật Doanh nghiệp số ...")."""
    gap = " ".join(text[word_end:so_start].split())
    gap = re.sub(rf"\s*{_SO}(?:\s+hiệu)?\s*:?$", "", gap, flags=re.IGNORECASE).strip(" ,")
    if not gap:
        return
    if gap.lower().startswith(("của ", "do ")):
        cite.issuer = cite.issuer or gap.split(" ", 1)[1]
    else:
        cite.subject = cite.subject or gap


def _doc_type(head: _Head | None, symbol: Symbol | None) -> tuple[str, bool]:
    code_type = None
    if symbol is not None:
        code_type = type_name(symbol.type_code, symbol.system) if symbol.type_code else untyped_type(symbol)
    if head is None or head.doc_type is None or head.doc_type == _GENERIC_TYPE:
        return code_type or _DEFAULT_TYPE, False
    if code_type and code_type.startswith(head.doc_type + " "):
        return code_type, head.typed  # "Thông tư số 60/2003/TTLT-BNV-BTC": the code says which kind
    return head.doc_type, head.typed


def _compatible(doc_type: str, symbol: Symbol) -> bool:
    if symbol.type_code is None:
        return True
    codes = type_codes_of(doc_type)
    return not codes or symbol.type_code in codes


def _anchors(view: str) -> list[re.Match[str]]:
    """Symbol matches in text order; the blank-separated old form only where the regular one is absent."""
    found = list(SYMBOL_RE.finditer(view))
    taken = [(m.start(), m.end()) for m in found]
    for m in SPACED_SYMBOL_RE.finditer(view):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            found.append(m)
    found.sort(key=lambda m: m.start())
    return found


def _symbol_citations(view: str, text: str) -> list[_Citation]:
    cites: list[_Citation] = []
    anchors = _anchors(view)
    for i, m in enumerate(anchors):
        symbol = symbol_from_match(m)
        if symbol is None:
            continue
        start = m.start()
        lo = _window_start(view, start)
        if start > 0 and view[start - 1] == ":" and not _SO_BEFORE.search(view, max(0, start - 12), start):
            continue  # a time or a ratio: "10:30/..."
        head_pos = start
        broken = _BROKEN_NUMBER.search(view, lo, start)
        if broken and (symbol.year or symbol.type_code) and _SO_BEFORE.search(view, lo, broken.start()):
            # "số 15 3/2004/QĐ-TTg": a number split by a stray blank is one number
            number = broken["head"] + symbol.number
            symbol = replace(symbol, number=number, text=number + symbol.text[len(symbol.number) :])
            head_pos = broken.start()
        list_numbers: list[tuple[int, int]] = []
        listed = _LIST_BEFORE.search(view, lo, head_pos)
        if listed and (_SO_BEFORE.search(view, lo, listed.start()) or _ends_with_type_word(view, lo, listed.start())):
            numbers = _LIST_NUMBER.finditer(view, listed.start(), head_pos)
            list_numbers = [(n.start(), n.end()) for n in numbers]
            head_pos = listed.start()
        if _NOT_A_DOCUMENT.search(view, lo, head_pos):
            continue
        previous = cites[-1] if cites else None
        head = _type_before(view, head_pos, previous)
        spaced = m.re is SPACED_SYMBOL_RE
        if spaced and (head is None or not head.typed or head.word_end is not None):
            continue  # "04 TC/TCT" is read only right after "<type word> số"
        if head is None:
            if _is_header_number(view, head_pos) or not _accept_untyped(view, symbol, head_pos, m.end()):
                continue
            so = _SO_BEFORE.search(view, lo, head_pos)
            head = _Head(so.start() if so else head_pos, None, False)
        head = _compound_head(view, lo, head, symbol)
        doc_type, typed = _doc_type(head, symbol)
        if typed and (head.word_end is not None or head.inherited) and not _compatible(doc_type, symbol):
            doc_type, typed = _doc_type(None, symbol)
        cite = _Citation(head.start, m.end(), symbol.number, symbol, doc_type, typed)
        limit = anchors[i + 1].start() if i + 1 < len(anchors) else len(view)
        cite = _complete(view, text, cite, m.end(), limit, date_before_ok=head.word_end is None)
        if head.word_end is not None:
            _read_far_gap(text, head.word_end, head_pos, cite)
        for a, b in list_numbers:
            number = view[a:b]
            listed_symbol = replace(symbol, number=number, text=number + symbol.text[len(symbol.number) :])
            first = a == list_numbers[0][0]
            cites.append(_Citation(cite.start if first else a, cite.end, number, listed_symbol, doc_type, typed))
            cites[-1].date, cites[-1].issuer, cites[-1].subject = cite.date, cite.issuer, cite.subject
        if list_numbers:
            cite.start = start
        cites.append(cite)
    _share_list_dates(view, cites)
    return cites


def _share_list_dates(view: str, cites: list[_Citation]) -> None:
    """ "Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW ngày 25/10/2017": one date closes a list of
    documents of one type and issuer, and dates them all."""
    for a, b in zip(reversed(cites[:-1]), reversed(cites[1:]), strict=True):
        if a.date is not None or b.date is None or a.symbol is None or b.symbol is None:
            continue
        same = a.doc_type == b.doc_type and a.symbol.issuer_code == b.symbol.issuer_code
        if same and a.end <= b.start and _INHERIT_GAP.match(view[a.end : b.start]):
            a.date = b.date


@dataclass(frozen=True)
class _Taken:
    """Stretches of text already read as citations, for fast "is this offset inside one?" checks."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> _Taken:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return cls(tuple(a for a, _ in merged), tuple(b for _, b in merged))

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _number_citations(view: str, text: str, taken: _Taken) -> list[_Citation]:
    """ "Quyết định số 12 ngày ...": a type word, "số" and a bare number."""
    cites: list[_Citation] = []
    for m in _SO_NUMBER_RE.finditer(view):
        if m.start("num") in taken or _UNIT_AFTER.match(view, m.end()):
            continue
        lo = _window_start(view, m.start())
        word = _last_type_word(view, lo, m.start())
        if word is None or not re.fullmatch(r"\s*", view[word.end() : m.start()]):
            continue
        doc_type = _type_of_word(word)
        if doc_type == _GENERIC_TYPE:
            doc_type = _DEFAULT_TYPE
        cite = _Citation(word.start(), m.end(), m["num"], None, doc_type, True)
        cite = _complete(view, text, cite, m.end(), len(view), date_before_ok=False)
        # Without a symbol, only a capitalised type word ("Quyết định số 12") or a date makes it a citation:
        # "pháp luật số 1", "kế hoạch số 2" are names.
        if view[word.start()].isupper() or cite.date is not None:
            cites.append(cite)
    return cites


@functools.cache
def _named_by_number() -> frozenset[str]:
    """Types whose name and a bare number name a document ("Nghị quyết 03", "Đề án 1956")."""
    return frozenset(row["name"] for row in load_table("doc_types") if row.get("short_form") == "number")


@functools.cache
def _type_word_tails() -> frozenset[str]:
    """Last words of the type words ("định", "quyết", "án" ...): a cheap test before the regex."""
    return frozenset(key.split()[-1] for key in _type_words().canonical)


def _short_form_citations(view: str, text: str, taken: _Taken) -> list[_Citation]:
    """ "Nghị quyết 03", "Đề án 1956": a capitalised type word right before a bare number."""
    cites: list[_Citation] = []
    tails = _type_word_tails()
    for m in _SHORT_FORM_NUMBER.finditer(view):
        pos = m.start("num")
        if pos in taken or _UNIT_AFTER.match(view, m.end()):
            continue
        before = view[max(0, pos - _WORD_REACH) : pos].split()
        if not before or match_key(before[-1]) not in tails:
            continue
        word = _last_type_word(view, max(0, pos - _WORD_REACH), pos)
        if word is None or word["abbr"] or not view[word.start()].isupper():
            continue
        if not _BLANKS.fullmatch(view, word.end(), pos):
            continue
        cite = _Citation(word.start(), m.end(), m["num"], None, _type_of_word(word), True, short=True)
        cites.append(_complete(view, text, cite, m.end(), len(view), date_before_ok=False))
    return cites


# --- resolution -------------------------------------------------------------------------------


@dataclass
class _Document:
    cites: list[_Citation]
    mentions: list[tuple[int, int]]

    @property
    def first(self) -> _Citation:
        return self.cites[0]

    @property
    def date(self) -> dt.date | None:
        return next((c.date for c in self.cites if c.date), None)

    def types(self) -> set[str]:
        out = {c.doc_type for c in self.cites}
        for c in self.cites:
            if c.symbol is not None and c.symbol.type_code:
                name = type_name(c.symbol.type_code, c.symbol.system)
                if name:
                    out.add(name)
        return out


def _group(cites: list[_Citation]) -> list[_Document]:
    """One document per symbol, split where two dated citations of a symbol disagree on the year."""
    docs: list[_Document] = []
    by_key: dict[tuple[object, ...], list[_Document]] = {}
    for cite in sorted(cites, key=lambda c: c.start):
        same = by_key.setdefault(cite.key, [])
        target = None
        for doc in same:
            if cite.date is None or doc.date is None or doc.date.year == cite.date.year:
                target = doc
                break
        if target is None:
            target = _Document([], [])
            same.append(target)
            docs.append(target)
        target.cites.append(cite)
        target.mentions.append((cite.start, cite.end))
    return docs


def _nearest(docs: list[_Document], pos: int) -> _Document | None:
    """The document whose first mention is closest before ``pos``, else the first one after it."""
    before = [d for d in docs if d.mentions[0][0] < pos]
    if before:
        return max(before, key=lambda d: max(a for a, _ in d.mentions if a < pos))
    return min(docs, key=lambda d: d.mentions[0][0]) if docs else None


def _names_type(doc: _Document, doc_type: str) -> bool:
    if doc_type in doc.types():
        return True
    folded = match_key(doc_type)
    return any(c.subject and folded in match_key(c.subject) for c in doc.cites)


def _resolve_numbers(docs: list[_Document]) -> list[_Document]:
    """Citations without a symbol ("Quyết định số 12", "Đề án 06") that match a full citation become its
    mentions. The others are references of their own, except short forms of the types whose bare number
    is rather an ordinal, a period or a year ("Phương án 1", "Kế hoạch 2024", "Luật 2013")."""
    full = [d for d in docs if d.first.symbol is not None]
    out: list[_Document] = []
    for doc in docs:
        if doc.first.symbol is not None:
            out.append(doc)
            continue
        rest = []
        for cite in doc.cites:
            cands = [d for d in full if int(d.first.number) == int(cite.number) and _names_type(d, cite.doc_type)]
            target = _nearest(cands, cite.start)
            if target is not None:
                target.mentions.append((cite.start, cite.end))
            else:
                rest.append(cite)
        if rest and not all(c.short and c.doc_type not in _named_by_number() for c in rest):
            out.append(_Document(rest, [(c.start, c.end) for c in rest]))
    return out


def _anaphora_mentions(view: str, docs: list[_Document], taken: _Taken) -> None:
    """ "Quyết định nêu trên", "Nghị quyết trên": the closest preceding reference of that type."""
    for m in _ABOVE.finditer(view):
        if m.start() in taken:
            continue
        lead = _anaphora_lead().search(view, max(0, m.start() - _WORD_REACH), m.start())
        if lead is None:
            continue
        if not lead["pointer"] and not _ANAPHORA_AFTER.match(view, m.end()):
            continue  # "Nghị quyết trên địa bàn": "trên" is a preposition there
        doc_type = _type_of_word(lead)
        before = [d for d in docs if d.mentions[0][0] < lead.start() and doc_type in d.types()]
        if before:
            target = max(before, key=lambda d: max(a for a, _ in d.mentions if a < lead.start()))
            target.mentions.append((lead.start(), m.end()))


def _reference(paged: PagedText, doc: _Document) -> Reference:
    cites = doc.cites
    main = next((c for c in cites if c.date), cites[0])
    typed = next((c for c in cites if c.typed), main)
    symbol = next((c.symbol for c in cites if c.symbol is not None), None)
    date = doc.date
    year = symbol.year if symbol and symbol.year else (date.year if date else None)
    issuer = next((c.issuer for c in cites if c.issuer), None)
    if issuer is None and symbol is not None:
        joint = " liên " in f" {typed.doc_type} "  # thông tư liên tịch, thông tư liên bộ: several bodies
        issuer = issuer_name(symbol.issuer_code, symbol.system, joint=joint)
    spans = sorted(set(doc.mentions))
    return Reference(
        raw=" ".join(paged.text[main.start : main.end].split()),
        doc_type=typed.doc_type,
        number=main.number,
        year=year,
        type_code=symbol.type_code if symbol else None,
        issuer_code=symbol.issuer_code if symbol else None,
        issuer=issuer,
        date=date,
        subject=next((c.subject for c in cites if c.subject), None),
        symbol=symbol.text if symbol else None,
        mentions=[paged.span(a, b) for a, b in spans],
    )


def find_references(text: PagedText, *, own_number: str | None = None) -> list[Reference]:
    """Every citation of a numbered document in ``text``, one per document, in order of first mention.

    ``own_number`` is the document's own "Số:" symbol: the document does not cite itself."""
    view = matching_view(text.text)
    cites = _symbol_citations(view, text.text)
    own = parse_symbol(own_number) if own_number else None
    if own is not None:
        cites = [c for c in cites if c.symbol is None or c.symbol.key != own.key]
    cites += _number_citations(view, text.text, _Taken.of([(c.start, c.end) for c in cites]))
    cites += _short_form_citations(view, text.text, _Taken.of([(c.start, c.end) for c in cites]))
    docs = _resolve_numbers(_group(cites))
    _anaphora_mentions(view, docs, _Taken.of([span for d in docs for span in d.mentions]))
    docs.sort(key=lambda d: min(a for a, _ in d.mentions))
    return [_reference(text, d) for d in docs]
