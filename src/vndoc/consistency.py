"""Consistency checks: statements of one document that cannot all be true, for a reader to verify.

Each check reads what the other stages already extracted (counts with their spans, the header's term
and signature block, the dates) plus a few regexes around those spans, and raises an ``Issue`` with the
spans of every statement involved. The aim is precision: a reader's checklist must not be noise, so a
check speaks only where the text itself makes the arithmetic or the comparison explicit, and stays
silent on anything it cannot read with confidence.

``count.parts`` — parts that do not add up to their whole. A count followed by its breakdown, "19 Hội
    thành viên (Trong đó, có 13 Hội ... và 6 hội ...)", "112 hội thành viên, gồm 64 hội ... và 48 hội
    ...". Only a breakdown read in full is checked: every part a count of the same noun as the whole
    (or positions closed by a count of members), no unnumbered item, the last part joined by "và". What
    follows "gồm" (or a bare bracket) is the whole's composition: flagged when the sum differs. What
    follows "trong đó" ("among them") may be a subset ("100 đại biểu, trong đó 40 đại biểu nữ và 15
    đại biểu trẻ"): flagged when the parts exceed the whole, or fall short of it in a bracket right after
    the whole where each part names where it belongs ("thuộc khối ...", "của phường, xã"): the whole's
    composition.

``committee.size`` — the size of a committee (Ban Chấp hành, Ban Thường vụ, Ban Kiểm tra ...) told as a
    story: elected ("bầu 17 đồng chí vào Ban Chấp hành", "bầu Ban Chấp hành gồm 21 ủy viên"), members
    who left ("03 đồng chí ... không tiếp tục tham gia Ban chấp hành", "cho thôi 05 ủy viên"), members
    added ("bầu bổ sung 04 ủy viên"), and its size stated ("Ban Chấp hành có 14 đồng chí", "còn 13
    đồng chí"). A stated size is checked against the size the story establishes before it: a stated
    size, or the elected size adjusted by the changes the text counts. The elected size alone is not
    enough (members leave without the report counting them), nor are proposals ("dự kiến", "không
    quá"), ranges, ratios and attendance ("15/17 đồng chí tham dự"), subsets ("03 đồng chí là nữ"),
    replacements ("bổ sung 02 ủy viên thay thế ..."), or another term's committee ("khóa V", "khóa
    mới"). Two statements are compared only when both name the committee's body ("Ban Chấp hành Liên
    hiệp hội") or the story is told in one paragraph.

``date.outside_term`` — a year the text places inside a term ("trong nhiệm kỳ 2018-2023, ... năm
    2016") that lies outside it; dates of cited documents, comparisons ("so với năm ...") and targets
    ("đến năm 2025") are not events of the term. "Trong nhiệm kỳ" without years means the header's term
    only in a document that looks back on it (dated in its last year or later).

``term.signature`` — the signature block signs for a term ("BAN CHẤP HÀNH ... KHOÁ IV") that the
    title does not name when it names one ("... KHÓA III, NHIỆM KỲ ..."); a title naming the next term
    is the outgoing committee preparing it, not a mismatch.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from vndoc.models import Count, Header, Issue, Reference, Span, TimePoint
from vndoc.normalize import match_key
from vndoc.paged_text import PagedText
from vndoc.periods import words_pattern
from vndoc.tables import load_table

# --------------------------------------------------------------------------------------------
# Shared helpers


@dataclass(frozen=True)
class _Mention:
    """One mention of a count: value, unit and the span of "gần 1700 hội viên"."""

    value: int
    unit: str
    exact: bool
    span: Span

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


_SP = r"[ \t\u00a0]"
_APPROXIMATE_RE = re.compile(
    r"(?:gần|hơn|trên|khoảng|chừng|ngót|xấp\s+xỉ|ước|ít\s+nhất|tối\s+thiểu|không\s+dưới|từ|hàng|vài)(?!\w)",
    re.IGNORECASE,
)
_RANGE_IN_RE = re.compile(r"\d\s*[-–—]\s*\d|\d\s+(?:đến|tới)\s+\d")


def _mentions(counts: Iterable[Count]) -> list[_Mention]:
    """Every mention of every count in text order; a mention is exact unless an approximator opens it
    ("gần", "hàng trăm"), it is a range, or a ratio ("15/17 đồng chí" present: neither 15 nor 17 is a size)."""
    out = [
        _Mention(
            value=c.value,
            unit=c.unit,
            exact=not _APPROXIMATE_RE.match(s.text) and not _RANGE_IN_RE.search(s.text) and "/" not in s.text,
            span=s,
        )
        for c in counts
        for s in c.mentions
    ]
    return sorted(out, key=lambda m: m.start)


@functools.cache
def _unit_kinds() -> dict[str, str]:
    return {match_key(r["noun"]): r["kind"] for r in load_table("count_units")}


@functools.lru_cache(maxsize=1024)
def _kind(unit: str) -> str | None:
    return _unit_kinds().get(match_key(unit))


def check_consistency(
    text: PagedText,
    header: Header,
    counts: list[Count],
    dates: list[TimePoint],
    references: list[Reference],
) -> list[Issue]:
    """Every inconsistency found, in the order of the checks then of the text."""
    mentions = _mentions(counts)
    return [
        *check_parts(text, mentions),
        *check_committees(text, mentions),
        *check_dates_in_term(text, header, dates, references),
        *check_signature_term(text, header),
    ]


# --------------------------------------------------------------------------------------------
# count.parts

_BREAKDOWN_OPEN_RE = re.compile(
    rf"{_SP}*(?:,{_SP}*)?(?P<bracket>\({_SP}*)?"
    rf"(?P<opener>(?i:trong{_SP}+đó|bao{_SP}+gồm|gồm{_SP}+có|gồm))?{_SP}*[,:]?{_SP}*(?:(?i:có){_SP}+)?"
)
_LIST_SEPARATOR_RE = re.compile(r"[,;]|(?<!\w)và(?!\w)")
_ATTRIBUTE_WORDS = frozenset(
    match_key(w)
    for w in (
        "nữ,nam,trẻ,dân tộc,tái cử,lần đầu,mới,cũ,đảng viên,tôn giáo,trình độ,thạc sĩ,tiến sĩ,đại học,"
        "cao đẳng,chuyên trách,kiêm nhiệm,tuổi,trở lên,trở xuống,dưới,là,đạt,được,có,xuất sắc,tiêu biểu"
    ).split(",")
)
"""Words after a part that make it a subset by a trait rather than a share ("40 đại biểu nữ")."""
_AFFILIATION_RE = re.compile(r"^(?:,|\s)*(?:thuộc|trực\s+thuộc|của|ở|tại|khối)(?!\w)", re.IGNORECASE)
_MEMBER_UNITS = frozenset(match_key(u) for u in ("ủy viên", "uỷ viên", "thành viên", "UV", "UVBCH", "UVBTV"))


def check_parts(text: PagedText, mentions: list[_Mention]) -> list[Issue]:
    """``count.parts``: a breakdown read in full whose parts do not add up to its whole."""
    t = text.text
    issues = []
    for i, whole in enumerate(mentions):
        opening = _BREAKDOWN_OPEN_RE.match(t, whole.end)
        if opening is None or not whole.exact or not (opening["opener"] or opening["bracket"]):
            continue
        bracket = opening["bracket"] is not None
        end = _segment_end(t, opening.end(), bracket)
        parts = [m for m in mentions[i + 1 :] if opening.end() <= m.start and m.end <= end]
        parts = _top_level(t, opening.end(), parts)
        if len(parts) < 2 or _LIST_SEPARATOR_RE.search(t, opening.end(), parts[0].start):
            continue  # one part is a subset; "gồm Chủ tịch, 02 Phó Chủ tịch ...": an unnumbered item
        if not all(p.exact for p in parts) or not _closed(t, parts, end if bracket else None):
            continue
        if not _same_noun(whole, parts):
            continue
        qualifiers = [
            _qualifier(t, p, nxt.start if nxt else end) for p, nxt in zip(parts, [*parts[1:], None], strict=True)
        ]
        if any(_is_attribute(q) for q in qualifiers):
            continue
        total = sum(p.value for p in parts)
        if total == whole.value:
            continue
        among = opening["opener"] is not None and match_key(opening["opener"]).startswith("trong")
        if among and total < whole.value and not (bracket and all(_AFFILIATION_RE.match(q) for q in qualifiers)):
            continue  # "among them" may list some shares only, unless a bracket gives the whole's composition
        shown = " + ".join(str(p.value) for p in parts)
        issues.append(
            Issue(
                code="count.parts",
                message=(
                    f"the parts do not add up: {shown} = {total}, but the whole is {whole.value} "
                    f"({' '.join(whole.span.text.split())})"
                ),
                spans=[whole.span, *(p.span for p in parts)],
            )
        )
    return issues


def _segment_end(t: str, start: int, bracket: bool) -> int:
    """Where a breakdown ends: its closing bracket, else the end of the clause or line."""
    if bracket:
        depth = 1
        for k in range(start, min(len(t), start + 400)):
            if t[k] == "(":
                depth += 1
            elif t[k] == ")":
                depth -= 1
                if depth == 0:
                    return k
        return start
    m = re.compile(r"[;\n]|\.(?!\d)|:").search(t, start, start + 400)
    return m.start() if m else min(len(t), start + 400)


def _top_level(t: str, start: int, parts: list[_Mention]) -> list[_Mention]:
    """The parts not inside a nested bracket ("02 Phó Chủ tịch (01 Phó Chủ tịch chuyên trách)")."""
    out = []
    for p in parts:
        seg = t[start : p.start]
        if seg.count("(") <= seg.count(")"):
            out.append(p)
    return out


def _closed(t: str, parts: list[_Mention], bracket_end: int | None) -> bool:
    """The list is closed: its last part comes after "và", or ends right at the closing bracket
    ("(khiển trách 757, cảnh cáo 112)"); a list that trails off ("...", "v.v.") is not complete."""
    if re.search(r"\.\.\.|…|v\.v", t[parts[0].start : (bracket_end or parts[-1].end) + 1]):
        return False
    between = t[parts[-2].end : parts[-1].start]
    if re.search(r"(?<!\w)và(?!\w)", between) is not None:
        return True
    return bracket_end is not None and not t[parts[-1].end : bracket_end].strip()


def _same_noun(whole: _Mention, parts: list[_Mention]) -> bool:
    """Parts count the whole's noun ("19 Hội thành viên" -> "13 Hội", "6 hội"), or positions closed by
    a count of members ("4 đồng chí (01 Chủ tịch, 03 Phó Chủ tịch và 02 ủy viên)")."""
    w_key, w_kind = match_key(whole.unit), _kind(whole.unit)
    same = all(
        match_key(p.unit) == w_key or (match_key(p.unit).split()[0] == w_key.split()[0] and _kind(p.unit) == w_kind)
        for p in parts
    )
    if same:
        return True
    return (
        w_kind == "person"
        and all(_kind(p.unit) in ("person", "position") for p in parts)
        and match_key(parts[-1].unit) in _MEMBER_UNITS
        and all(_kind(p.unit) == "position" for p in parts[:-1])
    )


def _qualifier(t: str, part: _Mention, limit: int) -> str:
    """The words between a part and the next one (its qualifier), without the joining "và" or comma."""
    words = t[part.end : limit]
    return re.sub(r"(?:[,;]|\s)*(?:và)?\s*$", "", words)


def _is_attribute(qualifier: str) -> bool:
    key = match_key(qualifier)
    if not key:
        return False
    words = key.replace(",", " ").split()
    return any(w in _ATTRIBUTE_WORDS for w in words[:2]) or any(
        f"{a} {b}" in _ATTRIBUTE_WORDS for a, b in zip(words, words[1:], strict=False)
    )


# --------------------------------------------------------------------------------------------
# committee.size

_BODY_HEAD = (
    r"(?P<head>(?i:ban{_SP}+chấp{_SP}+hành)|BCH|(?i:ban{_SP}+thường{_SP}+vụ)|BTV|(?i:ban{_SP}+kiểm{_SP}+tra)|"
    r"(?i:[uủ]y{_SP}+ban{_SP}+kiểm{_SP}+tra|uỷ{_SP}+ban{_SP}+kiểm{_SP}+tra)|UBKT|(?i:ban{_SP}+thư{_SP}+ký)|"
    r"Ban{_SP}+Thường{_SP}+trực|(?<!Chủ tịch )(?<!Bí thư )Thường{_SP}+trực|(?i:đoàn{_SP}+chủ{_SP}+tịch))"
).replace("{_SP}", _SP)
_HEADS = {
    "ban chấp hành": "Ban Chấp hành",
    "bch": "Ban Chấp hành",
    "ban thường vụ": "Ban Thường vụ",
    "btv": "Ban Thường vụ",
    "ban kiểm tra": "Ban Kiểm tra",
    "ủy ban kiểm tra": "Ủy ban Kiểm tra",
    "ubkt": "Ủy ban Kiểm tra",
    "ban thư ký": "Ban Thư ký",
    "ban thường trực": "Thường trực",
    "thường trực": "Thường trực",
    "đoàn chủ tịch": "Đoàn Chủ tịch",
}


@functools.cache
def _heads() -> dict[str, str]:
    return {match_key(k): v for k, v in _HEADS.items()}


_QUALIFIER_STOP = (
    r"khóa|khoá|nhiệm|lần|có|gồm|còn|hiện|nay|đến|đã|là|với|bầu|và|được|tại|trong|do|thì|cũng|không|"
    r"họp|ban|bổ|cho|đề|dự|sẽ|gồm|bao|vào|theo|về|từ|sau|trước|qua|này|đó"
)
_BODY = (
    rf"{_BODY_HEAD}(?:{_SP}*\([^()\n]{{1,12}}\))?"
    rf"(?P<qual>(?:{_SP}+(?!(?i:{_QUALIFIER_STOP})(?!\w))[^\W\d_][\w&\-]*){{0,20}})"
    rf"(?:{_SP}*,?{_SP}*(?P<term>(?i:kh[oó]a|khoá|nhiệm{_SP}+kỳ){_SP}+"
    rf"(?:[IVXLC]{{1,6}}|\d{{1,2}}(?!\d)|(?:19|20)\d\d{_SP}*[-–]{_SP}*(?:19|20)\d\d|"
    rf"(?i:mới|tới|sau|tiếp{_SP}+theo|trước|cũ|này)))(?!\w))?"
)
"""A committee: its head noun, an abbreviation in brackets, the body it belongs to, its term."""
_BODY_RE = re.compile(rf"(?<!\w){_BODY}")
_STATED_RE = re.compile(
    rf"(?<!\w){''.join(f'(?<!(?i:{w}){_SP})' for w in ('của', 'cho', 'với', 'trong'))}{_BODY}"
    rf"(?:{_SP}*,?{_SP}*(?P<now>(?i:hiện{_SP}+nay|hiện{_SP}+tại|hiện{_SP}+còn|hiện|nay|đến{_SP}+nay)){_SP}*,?)?"
    rf"{_SP}*(?:(?i:đã|chỉ){_SP}+)?(?P<verb>(?i:có|còn|gồm{_SP}+có|gồm|bao{_SP}+gồm)){_SP}*$"
)
"""A committee's size stated: "Ban Chấp hành Liên hiệp hội có 14 đồng chí", "hiện nay BCH còn 13"; not
"của Ban Chấp hành, có 03 đồng chí" (a comma between the body and the verb ends the subject)."""
_ELECTED_BODY_RE = re.compile(
    rf"(?<!\w)(?P<verb>(?i:bầu{_SP}+ra|bầu|chuẩn{_SP}+y|công{_SP}+nhận|chỉ{_SP}+định|kiện{_SP}+toàn)){_SP}+{_BODY}"
    rf"(?:{_SP}*,?{_SP}*(?i:nhiệm{_SP}+kỳ){_SP}+(?:19|20)\d\d{_SP}*[-–]{_SP}*(?:19|20)\d\d)?"
    rf"{_SP}*(?:(?i:gồm{_SP}+có|gồm|có|với){_SP}*)?$"
)
_ELECT_VERB_RE = re.compile(rf"(?<!\w)(?i:bầu|bầu{_SP}+được|trúng{_SP}+cử){_SP}*$")
_INTO_BODY_RE = re.compile(rf"{_SP}+(?i:vào|trúng{_SP}+cử{_SP}+vào|trúng{_SP}+cử){_SP}+{_BODY}")
_ADDED_RE = re.compile(
    rf"(?<!\w)(?i:bầu{_SP}+bổ{_SP}+sung|bổ{_SP}+sung(?:{_SP}+thêm)?|cử{_SP}+bổ{_SP}+sung|chỉ{_SP}+định{_SP}+bổ{_SP}+sung|"
    rf"kết{_SP}+nạp{_SP}+thêm){_SP}*(?:(?i:thêm){_SP}*)?$"
)
_LEFT_BEFORE_RE = re.compile(
    rf"(?<!\w)(?i:cho{_SP}+thôi|cho{_SP}+rút{_SP}+tên|rút{_SP}+tên|miễn{_SP}+nhiệm|cho{_SP}+nghỉ)"
    rf"{_SP}*(?:(?i:tổng{_SP}+số){_SP}*)?$"
)
_LEFT_AFTER_RE = re.compile(
    rf"[^.;:\n(),]{{0,60}}?(?<!\w)(?i:xin{_SP}+thôi|thôi{_SP}+tham{_SP}+gia|không{_SP}+tiếp{_SP}+tục{_SP}+tham{_SP}+gia|"
    rf"không{_SP}+còn{_SP}+tham{_SP}+gia|rút{_SP}+khỏi|ra{_SP}+khỏi|chuyển{_SP}+công{_SP}+tác|chuyên{_SP}+công{_SP}+tác|"
    rf"nghỉ{_SP}+hưu|từ{_SP}+trần|qua{_SP}+đời|ra{_SP}+trường|thay{_SP}+đổi|nghỉ{_SP}+chế{_SP}+độ|"
    rf"chuyển{_SP}+sinh{_SP}+hoạt|miễn{_SP}+nhiệm|xin{_SP}+rút)(?!\w)"
)
_SUBJECT_OF_LEFT_RE = re.compile(rf"(?:(?<!\w)(?i:có|đã{_SP}+có|trong{_SP}+đó)|[,;:(]|^){_SP}*$")
_PROPOSAL_RE = re.compile(
    r"(?<!\w)(?:dự\s+kiến|đề\s+nghị|đề\s+xuất|không\s+quá|tối\s+đa|tối\s+thiểu|sẽ|giới\s+thiệu|cơ\s+cấu|"
    r"số\s+lượng|phấn\s+đấu|dự\s+thảo|nếu|mỗi|thay\s+thế|khoảng|từ)(?!\w)",
    re.IGNORECASE,
)
"""Words of a clause that proposes or sets a limit rather than tells what happened."""
_NOT_ALL_AFTER_RE = re.compile(
    rf"{_SP}*(?:(?i:là|nữ|tham{_SP}+gia{_SP}+lần{_SP}+đầu|lần{_SP}+đầu|tái{_SP}+cử|trẻ|người{_SP}+dân{_SP}+tộc|"
    rf"dân{_SP}+tộc|dự{_SP}+kiến|trở{_SP}+lên|trở{_SP}+xuống|dưới|trên|tham{_SP}+dự|dự|có{_SP}+mặt|vắng|"
    rf"được|đã|đang|chưa|không|phụ{_SP}+trách)(?!\w))"
)
"""Words after a count of people that make it a subset, a bound or an attendance ("03 đồng chí là người
dân tộc", "15 đồng chí tham dự"), not the committee's size."""
_REPLACING_RE = re.compile(rf"(?<!\w)(?i:thay{_SP}+thế|thay{_SP}+cho|thay)(?!\w)")
_LEAVING_UNITS = frozenset(
    match_key(u) for u in ("đồng chí", "đ/c", "ủy viên", "uỷ viên", "UVBCH", "UV", "thành viên", "người")
)
_CLAUSE_START_RE = re.compile(r"[.;:!?\n(]|,(?=\s*(?:trong|tính|đến|hiện|sau|tại)\b)")
_SENTENCE_RE = re.compile(r"[.!?](?=\s|$)|\n")


@dataclass(frozen=True)
class _Event:
    kind: str  # "elected", "left", "added", "stated"
    head: str
    qualifier: str
    term: str | None
    value: int
    span: Span


@dataclass
class _Story:
    head: str
    qualifier: str
    term: str | None
    value: int | None = None
    basis: str | None = None
    trail: list[_Event] = field(default_factory=list)
    changed: bool = False


def check_committees(text: PagedText, mentions: list[_Mention]) -> list[Issue]:
    """``committee.size``: a stated committee size that contradicts the size established before it."""
    events = [e for m in mentions if (e := _event(text.text, m)) is not None]
    stories: list[_Story] = []
    issues = []
    for e in events:
        story = _story_for(stories, e)
        if e.kind == "elected":
            story.value, story.basis, story.trail, story.changed = e.value, "elected", [e], False
        elif e.kind in ("left", "added"):
            if story.value is not None:
                story.value += e.value if e.kind == "added" else -e.value
                story.trail.append(e)
                story.changed = True
        elif story.value is not None and e.value == story.value:
            story.trail.append(e)  # the story holds: "17 elected - 3 left = 14", then "có 14 đồng chí"
            story.basis, story.changed = "stated", False
        else:
            if story.value is not None and (story.changed or story.basis == "stated") and _same_body(text, story, e):
                issues.append(_size_issue(story, e))
            story.value, story.basis, story.trail, story.changed = e.value, "stated", [e], False
    return issues


def _same_body(text: PagedText, story: _Story, e: _Event) -> bool:
    """Sure enough that a size contradicts the story: both name the committee's body ("Ban Chấp hành
    Liên hiệp hội"), or the story and the size are told in one paragraph."""
    last = story.trail[-1]
    if last.qualifier and e.qualifier and _compatible(last.qualifier, e.qualifier):
        return True
    return "\n" not in text.text[story.trail[0].span.start : e.span.start]


def _size_issue(story: _Story, e: _Event) -> Issue:
    steps: list[str] = []
    running = 0
    for ev in story.trail:
        if ev.kind in ("elected", "stated") and steps and ev.value == running:
            steps.append(f"= {ev.value} stated")
            continue
        if ev.kind in ("elected", "stated"):
            steps.append(f"{ev.value} {ev.kind}")
            running = ev.value
        else:
            steps.append(f"{'+' if ev.kind == 'added' else '−'} {ev.value} {ev.kind}")
            running += ev.value if ev.kind == "added" else -ev.value
    if story.changed:
        steps.append(f"= {story.value}")
    return Issue(
        code="committee.size",
        message=f"{story.head}: {e.value} members stated here, but {story.value} before ({' '.join(steps)})",
        spans=[ev.span for ev in story.trail] + [e.span],
    )


def _story_for(stories: list[_Story], e: _Event) -> _Story:
    """The story of the committee ``e`` is about: same head, a compatible body and term; the latest
    such story, or a new one."""
    for story in reversed(stories):
        if story.head != e.head:
            continue
        if e.term is not None and story.term is not None and e.term != story.term:
            continue
        if not _compatible(story.qualifier, e.qualifier):
            continue
        story.term = story.term or e.term
        story.qualifier = max(story.qualifier, e.qualifier, key=len)
        return story
    story = _Story(head=e.head, qualifier=e.qualifier, term=e.term)
    stories.append(story)
    return story


def _compatible(a: str, b: str) -> bool:
    """Two namings of a committee's body may be the same body: one is unnamed, or the words of one are
    all words of the other ("Hội Sinh viên trường" and "Hội Sinh viên Việt Nam trường")."""
    if not a or not b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def _event(t: str, m: _Mention) -> _Event | None:
    """What a count of people says about a committee, if anything."""
    kind = _kind(m.unit)
    if kind not in ("person", "position") or not m.exact:
        return None
    clause_start = _clause_start(t, m.start)
    before = t[clause_start : m.start]
    sentence = _sentence(t, m.start)
    if _PROPOSAL_RE.search(before):
        return None
    if match_key(m.unit) in _LEAVING_UNITS and _SUBJECT_OF_LEFT_RE.search(before):
        leave = _LEFT_AFTER_RE.match(t, m.end, sentence[1])
        if leave is not None:
            return _make("left", _nearest_body(t, sentence, m, after=leave.end()), m)
    if _NOT_ALL_AFTER_RE.match(t, m.end):
        return None
    if _ADDED_RE.search(before):
        if _REPLACING_RE.search(t, m.end, _clause_end(t, m.end)):
            return None  # "bổ sung 02 ủy viên thay thế các đồng chí nghỉ hưu": as many leave as join
        body = _INTO_BODY_RE.match(t, m.end) or _nearest_body(t, sentence, m)
        return _make("added", body, m)
    if _LEFT_BEFORE_RE.search(before):
        return _make("left", _nearest_body(t, sentence, m), m)
    elected = _ELECTED_BODY_RE.search(before)
    if elected is not None:
        return _make("elected", elected, m)
    stated = _STATED_RE.search(before)
    if stated is not None and t[clause_start - 1 : clause_start] == ":":
        return None  # "Chi hội A: Ban Chấp hành có 5 người": a labelled item names another body
    if stated is not None:
        verb = match_key(stated["verb"])
        initial = verb.startswith(("gồm", "bao")) and stated["now"] is None
        return _make("elected" if initial else "stated", stated, m)
    if _ELECT_VERB_RE.search(before):
        into = _INTO_BODY_RE.match(t, m.end)
        return _make("elected", into, m) if into is not None else None
    return None


def _make(kind: str, body: re.Match[str] | None, m: _Mention) -> _Event | None:
    if body is None:
        return None
    head = _heads()[match_key(body["head"])]
    qualifier = match_key(body["qual"] or "")
    return _Event(kind=kind, head=head, qualifier=qualifier, term=_term_key(body["term"]), value=m.value, span=m.span)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int | None:
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=False):
        v = _ROMAN_VALUES[a]
        total += -v if b and _ROMAN_VALUES[b] > v else v
    return total


def _term_key(term: str | None) -> str | None:
    """A comparable key of a term: "khóa IV" and "khoá 4" -> "4"; "nhiệm kỳ 2018-2023" -> "2018";
    relative terms -> "next" or "previous"."""
    if not term:
        return None
    value = term.split(None, 1)[1] if not term.lower().startswith("nhiệm") else term.split(None, 2)[2]
    value = value.strip()
    key = match_key(value)
    if key in ("mới", "tới", "sau", "tiếp theo"):
        return "next"
    if key in ("trước", "cũ"):
        return "previous"
    if key == "này":
        return None
    if value.isdigit():
        return str(int(value))
    years = re.match(r"((?:19|20)\d\d)", value)
    if years:
        return years.group(1)
    roman = _roman(value.upper())
    return str(roman) if roman is not None else None


def _clause_start(t: str, pos: int) -> int:
    window = max(0, pos - 200)
    last = window
    for cm in _CLAUSE_START_RE.finditer(t, window, pos):
        last = cm.end()
    return last


def _clause_end(t: str, pos: int) -> int:
    m = re.compile(r"[.;:!?\n(,]").search(t, pos, pos + 200)
    return m.start() if m else min(len(t), pos + 200)


def _sentence(t: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence holding ``pos``: between ".", "!", "?" before a blank and line breaks."""
    starts, ends = _sentence_breaks(t)
    i = bisect.bisect_right(ends, pos)
    j = bisect.bisect_left(starts, pos)
    return ends[i - 1] if i else 0, starts[j] if j < len(starts) else len(t)


@functools.lru_cache(maxsize=4)
def _sentence_breaks(t: str) -> tuple[list[int], list[int]]:
    """Where each sentence break of ``t`` starts and ends (computed once per text)."""
    found = [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(t)]
    return [s for s, _ in found], [e for _, e in found]


def _nearest_body(t: str, sentence: tuple[int, int], m: _Mention, after: int | None = None) -> re.Match[str] | None:
    """The committee a change belongs to: the first one named after ``after`` in the sentence, else the
    last one named before the count in the sentence."""
    s_start, s_end = sentence
    found = _BODY_RE.search(t, after if after is not None else m.end, s_end)
    if found is not None and after is not None:
        return found
    before = None
    for bm in _BODY_RE.finditer(t, s_start, m.start):
        before = bm
    return before or found


# --------------------------------------------------------------------------------------------
# date.outside_term

_IN_TERM_RE = re.compile(
    rf"{words_pattern(f'trong{_SP}+nhiệm{_SP}+kỳ', f'suốt{_SP}+nhiệm{_SP}+kỳ', f'cả{_SP}+nhiệm{_SP}+kỳ')}"
    rf"(?!{_SP}+(?i:trước|tới|mới|sau|tiếp))"
    rf"(?:{_SP}*,?{_SP}*(?:(?i:nhiệm{_SP}+kỳ){_SP}+)?(?P<start>(?:19|20)\d\d){_SP}*[-–]{_SP}*(?P<end>(?:19|20)\d\d))?"
    rf"|{words_pattern(f'nhiệm{_SP}+kỳ{_SP}+qua', f'nhiệm{_SP}+kỳ{_SP}+này')}"
)
_NOT_AN_EVENT_RE = re.compile(
    r"(?<!\w)(?:so\s+với|đến|tới|tầm\s+nhìn|từ|trước|kể\s+từ|giai\s+đoạn|phấn\s+đấu|dự\s+kiến|sau|"
    r"cuối|đầu|hết|năm\s+học)(?:\s+(?:các\s+)?(?:năm|tháng|ngày))?\s*$",
    re.IGNORECASE,
)


def _own_term(header: Header) -> tuple[int, int] | None:
    """The term "trong nhiệm kỳ" refers to when the text names none: the header's term, when the document
    looks back on it (dated in its last year or after). A congress's resolution is headed with the term
    it opens while its review speaks of the term before, so an earlier date leaves the term unknown."""
    term = header.term
    if term is None or term.start is None or term.end is None or header.date is None:
        return None
    return (term.start, term.end) if header.date.year >= term.end else None


_COMPARISON_RE = re.compile(r"(?<!\w)(?:so\s+với|so\s+sánh|cùng\s+kỳ|gấp|tăng|giảm|hơn|nâng)(?!\w)", re.IGNORECASE)
"""A year compared with, or a change measured from it, is a baseline rather than an event of the term."""
_BASELINE_RE = re.compile(
    r"\s*(?:(?:là|có|đạt|chỉ|mới|với)\s+|[:=]\s*)(?:(?:gần|hơn|trên|khoảng)\s+)?\d", re.IGNORECASE
)
"""A year followed by a value ("năm 2017 là 1.500", "năm 2017: 1.500"): a baseline figure."""


def check_dates_in_term(
    text: PagedText, header: Header, dates: list[TimePoint], references: list[Reference]
) -> list[Issue]:
    """``date.outside_term``: a year placed "trong nhiệm kỳ" that is not within the term."""
    t = text.text
    cited = [(s.start, s.end) for r in references for s in r.mentions]
    points = sorted(((s, p) for p in dates for s in p.mentions), key=lambda sp: sp[0].start)
    issues = []
    for anchor in _IN_TERM_RE.finditer(t):
        if anchor["start"]:
            first, last = int(anchor["start"]), int(anchor["end"])
        elif (own := _own_term(header)) is not None:
            first, last = own
        else:
            continue
        s_start, s_end = _sentence(t, anchor.start())
        for span, point in points:
            if not s_start <= span.start < s_end or anchor.start() <= span.start < anchor.end():
                continue
            if first <= point.year <= last or any(a <= span.start < b for a, b in cited):
                continue
            head = t[max(s_start, span.start - 40) : span.start]
            if _NOT_AN_EVENT_RE.search(head) or _COMPARISON_RE.search(head) or _BASELINE_RE.match(t, span.end):
                continue
            issues.append(
                Issue(
                    code="date.outside_term",
                    message=f"{' '.join(span.text.split())} is placed in the term {first} - {last} but lies outside it",
                    spans=[text.span(anchor.start(), anchor.end()), span],
                )
            )
    return issues


# --------------------------------------------------------------------------------------------
# term.signature

_KHOA_RE = re.compile(rf"(?<!\w)(?i:kh[oó]a|khoá){_SP}+(?P<ord>[IVXLC]{{1,7}}|\d{{1,2}})(?![\w/])")
_YEARS_RE = re.compile(rf"(?<!\d)(?P<start>(?:19|20)\d\d){_SP}*[-–—]{_SP}*(?P<end>(?:19|20)\d\d)(?!\d)")


def check_signature_term(text: PagedText, header: Header) -> list[Issue]:
    """``term.signature``: the signature block signs for a term that the title does not name.

    The committee whose term ends signs the documents that prepare the next one ("Đề án nhân sự Ban
    Chấp hành khóa XII" signed "BAN CHẤP HÀNH ... KHÓA XI"), so a title naming only the next term is
    not a mismatch, unless the title says the document is the committee's own ("Kiểm điểm của BCH
    ... khóa IV"): then the signing committee must be that one."""
    org = header.signer.organization if header.signer else None
    if not org or not header.title or not org.strip() or not header.title.strip():
        return []
    reasons = []
    own = _OF_RE.search(header.title) is not None
    sig = {_ordinal(m["ord"]): m["ord"] for m in _KHOA_RE.finditer(org)}
    title = {_ordinal(m["ord"]): m["ord"] for m in _KHOA_RE.finditer(header.title)}
    sig.pop(None, None)
    title.pop(None, None)
    if sig and title and not sig.keys() & title.keys() and (own or not _next_term(sig, title)):
        reasons.append(f"khóa {'/'.join(sig.values())}, the title names khóa {'/'.join(title.values())}")
    sig_years = {(int(m["start"]), int(m["end"])) for m in _YEARS_RE.finditer(org)}
    title_years = {(int(m["start"]), int(m["end"])) for m in _YEARS_RE.finditer(header.title)}
    if (
        sig_years
        and title_years
        and not sig_years & title_years
        and (own or not any(t[0] == s[1] for s in sig_years for t in title_years))
    ):
        shown_sig = "/".join(f"{a} - {b}" for a, b in sorted(sig_years))
        shown_title = "/".join(f"{a} - {b}" for a, b in sorted(title_years))
        reasons.append(f"the term {shown_sig}, the title names {shown_title}")
    if not reasons:
        return []
    spans = [s for s in (_find_span(text, header.title), _find_span(text, org, last=True)) if s is not None]
    return [
        Issue(
            code="term.signature",
            message="the signature block signs for " + "; and for ".join(reasons),
            spans=spans,
        )
    ]


_OF_RE = re.compile(r"(?<!\w)(?i:của)(?!\w)")


def _next_term(sig: dict[int | None, str], title: dict[int | None, str]) -> bool:
    """Every term the title names is the one after a term the signature names."""
    return all(t is not None and t - 1 in sig for t in title)


def _find_span(text: PagedText, phrase: str, *, last: bool = False) -> Span | None:
    """The span of the first (or last) occurrence of ``phrase``; spacing and line breaks may differ."""
    found = None
    for m in re.finditer(r"\s+".join(re.escape(w) for w in phrase.split()), text.text):
        found = m
        if not last:
            break
    return text.span(found.start(), found.end()) if found else None


def _ordinal(token: str) -> int | None:
    return int(token) if token.isdigit() else _roman(token.upper())


__all__ = [
    "check_committees",
    "check_consistency",
    "check_dates_in_term",
    "check_parts",
    "check_signature_term",
]
