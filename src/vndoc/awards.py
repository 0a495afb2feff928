"""Awards stated as given: who gave which commendation to whom, when and how many times.

Reports of this genre close their account of a term with the commendations received, in a few fixed
shapes around an award verb ("tặng", "tặng thưởng", "trao", "nhận", "đạt", "công nhận" ...):

    passive   RECIPIENT [N lần] được GIVER tặng [N] AWARD [(năm Y1, Y2)]
              RECIPIENT được tặng/nhận AWARD của GIVER
    active    GIVER tặng AWARD cho RECIPIENT
    title     RECIPIENT đạt / được công nhận danh hiệu "TITLE"

Approach. The award's name is found first, from ``data/award_names.tsv`` (longest entry wins, so
"Huân chương Lao động" beats "Huân chương"), completed by what its row says may follow it ("hạng Nhì",
a quoted name, the name of a title). The clause around it is then read with regexes only:

* the verb must come right before the name (with at most a number between: "tặng 02 Bằng khen");
  without one the name is only mentioned ("hình thức Bằng khen", "mẫu Giấy khen") and is skipped;
* a clause that proposes, plans or sets a standard ("đề nghị", "xét tặng", "phấn đấu", "tiêu chuẩn",
  "về việc", a percentage ...) states no award given and is skipped;
* the giver is what stands between "được" and the verb, the body after "của"/"do", or the subject of an
  active verb; the recipient is the subject before "được" (back to an honorific such as "Đồng chí",
  over appositive positions) or the phrase after "cho"; a clause that starts with "được" or has no
  subject of its own shares the recipient of the award before it in the same sentence;
* "N lần" before "được" and a number before the name give ``times``; the years are those listed right
  after the name ("(năm 2018, 2021, 2023)", "năm 2013 và 2015") or opening the sentence ("Năm 1995, ...").

Each statement is one Award with one mention (the clause as written); nothing is merged, since two
Bằng khen of the same giver in one text are two awards.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from vndoc.models import Award
from vndoc.normalize import unify_tone_placement
from vndoc.paged_text import PagedText
from vndoc.periods import words_pattern, years_listed
from vndoc.tables import load_table

# --------------------------------------------------------------------------------------------
# The table of award names


@dataclass(frozen=True)
class _Name:
    kind: str
    name: str
    takes: str


@functools.cache
def _names() -> tuple[dict[str, _Name], re.Pattern[str]]:
    """Award names by case-folded written form, and one regex that finds any of them (longest first)."""
    rows = load_table("award_names")
    names: dict[str, _Name] = {}
    for row in rows:
        if row["takes"] not in ("grade", "quoted", "title", "-"):
            raise ValueError(f"award_names.tsv: unknown 'takes' {row['takes']!r} for {row['written']!r}")
        names[_fold(row["written"])] = _Name(row["kind"], row["name"], row["takes"])
    forms = sorted(names, key=len, reverse=True)
    spelled = [r"\s+".join(_spellings(w) for w in form.split()) for form in forms]
    return names, re.compile(words_pattern(*spelled))


def _spellings(word: str) -> str:
    """A word with either placement of a tone on oa/oe/uy ("hòa"/"hoà", "thủy"/"thuỷ")."""
    forms = sorted({word, unify_tone_placement(word), _old_tone_placement(word)}, key=lambda f: f != word)
    return re.escape(word) if len(forms) == 1 else "(?:" + "|".join(re.escape(f) for f in forms) + ")"


_TONES = "\u0300\u0301\u0303\u0309\u0323"
_NEW_TONE_RE = re.compile(f"([oO])([aAeE])([{_TONES}])|([uU])([yY])([{_TONES}])")


def _old_tone_placement(word: str) -> str:
    """ "hòa" -> "hoà": the other placement of a tone on oa/oe/uy, which the text may use."""
    decomposed = unicodedata.normalize("NFD", word)
    moved = _NEW_TONE_RE.sub(lambda m: f"{m[1]}{m[3]}{m[2]}" if m[1] else f"{m[4]}{m[6]}{m[5]}", decomposed)
    return unicodedata.normalize("NFC", moved)


def _fold(text: str) -> str:
    return " ".join(unify_tone_placement(text).casefold().split())


# --------------------------------------------------------------------------------------------
# Regex building blocks

_SP = r"[ \t\u00a0]"
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_NUMBER = rf"\d{{1,3}}|{'|'.join(_NUMBER_WORDS)}"
_GRADE_RE = re.compile(rf"{_SP}+hạng{_SP}+(Nhất|Nhì|Ba|III|II|I|1|2|3)(?!\w)", re.IGNORECASE)
_GRADES = {
    **dict.fromkeys(("nhất", "i", "1"), "Nhất"),
    **dict.fromkeys(("nhì", "ii", "2"), "Nhì"),
    **dict.fromkeys(("ba", "iii", "3"), "Ba"),
}
_QUOTED_RE = re.compile(rf"{_SP}*[\"“«]([^\"”»\n]{{2,100}})[\"”»]")
_TITLE_WORDS_RE = re.compile(
    rf"{_SP}+((?:[^\W\d_]+(?:-[^\W\d_]+)*)(?:{_SP}+[^\W\d_]+(?:-[^\W\d_]+)*){{0,7}})",
)
_TITLE_STOP = frozenset(
    "các cấp của do cho năm trong và hoặc với vì từ đến tại ở được đã này đó nhiều liên tục".split()
)
"""Words that end an unquoted title: "danh hiệu gia đình văn hóa các cấp" -> "gia đình văn hóa"."""

_VERBS = (
    "trao tặng|tặng thưởng|khen tặng|phong tặng|truy tặng|tặng|trao|đón nhận|nhận|"
    "được công nhận|công nhận|đạt|giành|đoạt"
)
_VERB_BEFORE_RE = re.compile(
    rf"(?<!\w)(?P<verb>{_VERBS})(?:{_SP}+(?:danh{_SP}+hiệu))?{_SP}+(?:(?P<n>{_NUMBER}){_SP}+)?$", re.IGNORECASE
)
"""The award verb right before the name, with at most a number between ("tặng 02 Bằng khen")."""
_GIVING_VERBS = frozenset(("trao tặng", "tặng thưởng", "khen tặng", "phong tặng", "truy tặng", "tặng", "trao"))
"""Verbs whose subject, in an active clause, is the giver ("UBND tỉnh tặng Bằng khen cho ...")."""
_PASSIVE_RE = re.compile(rf"(?<!\w)được(?!\w)(?P<giver>(?:(?!\bđược\b)[^,;:()])*?){_SP}*$", re.IGNORECASE)
_GIVER_TAIL_RE = re.compile(
    rf"(?:{_SP}+(?:biểu{_SP}+dương|tuyên{_SP}+dương|khen{_SP}+thưởng|khen|công{_SP}+nhận)"
    rf"(?:{_SP}*,)?{_SP}+(?:và|,))+$|{_SP}+(?:và|cùng)$",
    re.IGNORECASE,
)
"""Verbs that precede the award verb in a chain: "được X biểu dương và tặng Giấy khen"."""
_OF_GIVER_RE = re.compile(rf"{_SP}+(?:của|do){_SP}+(?P<giver>[^,;:.()\n]+)", re.IGNORECASE)
_FOR_RECIPIENT_RE = re.compile(rf"{_SP}+cho{_SP}+(?P<who>[^;:.()\n]+)", re.IGNORECASE)
_PHRASE_END_RE = re.compile(
    rf"{_SP}+(?:có{_SP}+(?:thành{_SP}+tích|nhiều)|vì|về|đã{_SP}+có|trong{_SP}+(?:năm|nhiệm|dịp|công|phong|việc)|"
    rf"năm{_SP}+(?:19|20)\d\d|nhân{_SP}+dịp|tại|được|tặng|trao|ngày)(?!\w)|{_SP}*,(?!{_SP}*\d)",
    re.IGNORECASE,
)
"""Where a giver or a recipient phrase ends: a reason, a time, another verb, a comma not before a number."""
_TIMES_RE = re.compile(
    rf"(?:^|{_SP})(?:đã{_SP}+)?(?P<n>{_NUMBER}){_SP}+"
    rf"(?:lần(?:{_SP}+liên{_SP}+tiếp)?|năm{_SP}+(?:liền|liên{_SP}+tục|liên{_SP}+tiếp)){_SP}*$"
)
"""How many times, before "được": "03 lần", "2 lần liên tiếp", "4 năm liền" (once a year)."""
_SUBJECT_HEAD_RE = re.compile(
    rf"^(?:(?:và|rồi|đồng{_SP}+thời|trong{_SP}+đó|kết{_SP}+quả|riêng|có|đã|cũng|còn){_SP}+)+",
    re.IGNORECASE,
)
_SUBJECT_TAIL_RE = re.compile(
    rf"(?:{_SP}+(?:đã|cũng|đều|vinh{_SP}+dự|liên{_SP}+tục|liên{_SP}+tiếp|nhiều{_SP}+lần))+$", re.IGNORECASE
)
_HAS_COUNT_RE = re.compile(rf"(?<!\w)có{_SP}+(?=\d)")
_HONORIFIC_RE = re.compile(r"^(?:[Đđ]ồng\s+chí|[Đđ]/[cC]|Ông|Bà|Anh|Chị|Cụ|Nhà\s+giáo|Nghệ\s+sĩ)\s")
_NEGATIVE_RE = re.compile(
    r"(?<!\w)(?:đề\s+nghị|đề\s+xuất|(?<!quá\s)(?<!chương\s)(?<!công\s)trình(?!\s+độ)|xét\s+tặng|xét\s+khen|"
    r"phấn\s+đấu|chỉ\s+tiêu|tiêu\s+chuẩn|tiêu\s+chí|hồ\s+sơ|thủ\s+tục|quy\s+định|hướng\s+dẫn|sẽ|dự\s+kiến|"
    r"nếu|về\s+việc|V/v|tỷ\s+lệ|tỉ\s+lệ|chưa|không\s+được|đăng\s+ký|hình\s+thức)(?!\w)|%",
    re.IGNORECASE,
)
"""Words of a clause that proposes, plans, sets rules or denies: no award is stated as given."""
_TABLE_CELL_RE = re.compile(r"[ \u00a0]*(?:\t|:[ \t\u00a0]*[\d.,]+[ \t\u00a0]*(?:$|\n|đ|đồng|triệu))", re.MULTILINE)
_OPENING_YEARS_RE = re.compile(rf"(?:(?:Trong|Vào|Cuối|Đầu){_SP}+)?(?=(?i:năm){_SP}+(?:19|20)\d\d)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|;|\n")
_CLAUSE_CUT = ",;:()"


@dataclass(frozen=True)
class _Found:
    fields: dict[str, object]
    """The Award's fields but its raw text and mention, which ``start`` and ``end`` give."""
    start: int
    end: int
    sentence_start: int

    @property
    def recipient(self) -> str | None:
        value = self.fields["recipient"]
        return value if isinstance(value, str) else None


def find_awards(text: PagedText) -> list[Award]:
    """Every award stated as given in ``text``, in text order."""
    t = text.text
    names, regex = _names()
    found: list[_Found] = []
    taken_until = 0
    for m in regex.finditer(t):
        if m.start() < taken_until:
            continue
        award = _read(t, m.start(), m.end(), names[_fold(m.group())], found)
        if award is not None:
            found.append(award)
            taken_until = award.end
    return [
        Award.model_validate(
            {**f.fields, "raw": " ".join(t[f.start : f.end].split()), "mentions": [text.span(f.start, f.end)]}
        )
        for f in found
    ]


def _read(t: str, start: int, end: int, entry: _Name, before: list[_Found]) -> _Found | None:
    """The award that the name at [start, end) is given in, or None when none is stated."""
    completed = _complete(t, end, entry)
    if completed is None:
        return None
    kind, name, grade, name_end = completed
    sent_start = _sentence_start(t, start)
    sent_end = _sentence_end(t, name_end)
    verb = _VERB_BEFORE_RE.search(t, sent_start, start)
    if verb is None:
        return None
    clause_start = _clause_start(t, sent_start, verb.start())
    if _TABLE_CELL_RE.match(t, name_end):
        return None  # "Cá nhân được tặng giấy khen <tab>: 1.3": a row of a table of rules
    if _NEGATIVE_RE.search(t, clause_start, verb.start()) or "%" in t[name_end : _clause_end(t, name_end, sent_end)]:
        return None
    if kind == "Danh hiệu" and "%" in t[t.rfind("\n", 0, start) + 1 : t.find("\n", start) % (len(t) + 1)]:
        return None  # a line of rates is a line of targets or statistics ("80% hộ đạt danh hiệu ...")
    same_sentence = bool(before) and before[-1].sentence_start == sent_start
    times = _number(verb["n"]) if verb["n"] else None
    giver = recipient = None
    span_start, span_end = verb.start(), name_end

    passive = _PASSIVE_RE.search(t, clause_start, verb.start())
    if passive is not None:
        giver_text = _GIVER_TAIL_RE.sub("", passive["giver"]).strip()
        if giver_text[:1].isupper():
            giver = giver_text
        recipient, subject_start, n_times = _subject(t, sent_start, passive.start())
        times = times or n_times
        span_start = subject_start if recipient else passive.start()
    else:
        subject, subject_start = _clause_subject(t, clause_start, verb.start())
        if subject[:1].isupper() and len(subject.split()) <= 12 and verb["verb"].lower() in _GIVING_VERBS:
            giver, span_start = subject, subject_start
        elif subject[:1].isupper() or subject[:1].isdigit():
            recipient, span_start, n_times = _subject(t, sent_start, verb.start())
            times = times or n_times

    after = name_end
    of = _OF_GIVER_RE.match(t, name_end)
    if of is not None:
        giver_text = _cut_phrase(of["giver"])
        if giver is None and giver_text[:1].isupper():
            giver = giver_text
            after = span_end = of.start("giver") + len(giver_text)
    for_m = _FOR_RECIPIENT_RE.match(t, after)
    if for_m is not None and recipient is None:
        who = _cut_phrase(for_m["who"], allow_count_list=True)
        if who:
            recipient = who
            span_end = for_m.start("who") + len(who)
    if recipient is None and same_sentence:
        recipient = before[-1].recipient  # "..., được UBND tỉnh tặng Cờ thi đua": the same recipient

    years, years_end = years_listed(t, span_end, _clause_end(t, span_end, sent_end, brackets=True))
    span_end = max(span_end, years_end)
    if not years and not same_sentence:
        opening = _OPENING_YEARS_RE.match(t, sent_start, span_start)
        if opening is not None:
            years, _ = years_listed(t, opening.end(), span_start)
    fields: dict[str, object] = {
        "kind": kind,
        "name": name,
        "grade": grade,
        "giver": giver,
        "recipient": recipient,
        "years": years,
        "times": times,
    }
    return _Found(fields=fields, start=span_start, end=span_end, sentence_start=sent_start)


def _complete(t: str, end: int, entry: _Name) -> tuple[str, str, str | None, int] | None:
    """(kind, name, grade, end) of the award whose written name ends at ``end``, completed by what its
    table row says may follow it; None for "danh hiệu" with no title after it."""
    if entry.takes == "grade":
        g = _GRADE_RE.match(t, end)
        if g is not None:
            grade = _GRADES[g.group(1).lower()]
            return entry.kind, f"{entry.name} hạng {grade}", grade, g.end()
        return entry.kind, entry.name, None, end
    if entry.takes == "quoted":
        q = _QUOTED_RE.match(t, end)
        if q is not None:
            return entry.kind, f'{entry.name} "{q.group(1).strip()}"', None, q.end()
        return entry.kind, entry.name, None, end
    if entry.takes == "title":
        q = _QUOTED_RE.match(t, end)
        if q is not None:
            return entry.kind, q.group(1).strip(), None, q.end()
        names, regex = _names()
        nxt = regex.match(t, end + len(t[end:]) - len(t[end:].lstrip(" \t\u00a0")))
        if nxt is not None:
            inner = names[_fold(nxt.group())]
            if inner.takes != "title":
                done = _complete(t, nxt.end(), inner)
                if done is not None:
                    return done  # "danh hiệu Chiến sĩ thi đua cấp tỉnh": the title's own kind
        words = _TITLE_WORDS_RE.match(t, end)
        if words is None:
            return None
        kept: list[str] = []
        for word in words.group(1).split():
            if word.lower() in _TITLE_STOP:
                break
            kept.append(word)
        if not kept:
            return None
        title = " ".join(kept)
        return "Danh hiệu", title, None, t.index(kept[-1], words.start(1)) + len(kept[-1])
    return entry.kind, entry.name, None, end


def _sentence_start(t: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` (after ".", "!", "?", ";" or a line break)."""
    window_start = max(0, pos - 600)
    last = window_start
    for m in _SENTENCE_END.finditer(t, window_start, pos):
        last = m.end()
    while last < pos and t[last].isspace():
        last += 1
    return last


def _sentence_end(t: str, pos: int) -> int:
    m = _SENTENCE_END.search(t, pos, pos + 600)
    return m.start() if m else min(len(t), pos + 600)


def _clause_end(t: str, pos: int, sent_end: int, *, brackets: bool = False) -> int:
    """End of the clause after ``pos``: the next comma or semicolon, past a bracket that opens right there
    when ``brackets`` ("Bằng khen (năm 2018, 2021, 2023)")."""
    i = pos
    while i < sent_end and t[i] in " \t\u00a0":
        i += 1
    if brackets and t.startswith("(", i):
        close = t.find(")", i, sent_end)
        if close >= 0:
            return close + 1
    cut = min((k for k in (t.find(c, pos, sent_end) for c in ",;(") if k >= 0), default=sent_end)
    return cut


def _clause_subject(t: str, clause_start: int, verb_start: int) -> tuple[str, int]:
    """The words of the clause before an active verb, without leading connectors, and where they start."""
    raw = t[clause_start:verb_start]
    head = _SUBJECT_HEAD_RE.match(raw)
    offset = head.end() if head else 0
    subject = raw[offset:].strip()
    return subject, clause_start + offset + (len(raw[offset:]) - len(raw[offset:].lstrip()))


def _clause_start(t: str, sent_start: int, pos: int) -> int:
    """Start of the clause before ``pos``: after the last comma, semicolon, colon or bracket."""
    cut = max(t.rfind(c, sent_start, pos) for c in _CLAUSE_CUT)
    start = cut + 1 if cut >= 0 else sent_start
    while start < pos and t[start].isspace():
        start += 1
    return start


def _subject(t: str, sent_start: int, end: int) -> tuple[str | None, int, int | None]:
    """(recipient, its start, times) from the subject before "được" or the verb.

    The subject is the clause before ``end``; counts listed before it ("35 tập thể, 82 cá nhân") and a
    person's appositive positions back to an honorific ("Đồng chí A, Ủy viên BCH, Chủ tịch Hội B") are
    part of it. A clause that starts in lower case ("hằng năm", "trong nhiệm kỳ") names no recipient.
    """
    chunk_start = _clause_start(t, sent_start, end)
    text = t[chunk_start:end]
    times = None
    tm = _TIMES_RE.search(text)
    if tm is not None:
        times = _number(tm["n"])
        text = text[: tm.start()]
    head = _SUBJECT_HEAD_RE.match(text)
    part_of_whole = head is not None and "đó" in head.group()
    if head is not None:
        chunk_start += head.end()
        text = text[head.end() :]
    text = _SUBJECT_TAIL_RE.sub("", text.rstrip()).strip()
    text = _cut_reason(text)
    counted = _HAS_COUNT_RE.search(text)
    if counted is not None:
        chunk_start += len(t[chunk_start:end]) - len(t[chunk_start:end].lstrip()) + counted.end()
        text = text[counted.end() :]  # "Toàn huyện có 15.430 hộ đạt ...": the counted noun phrase
    if not text or not (text[0].isupper() or text[0].isdigit() or _starts_with_noun(text)):
        return None, end, times
    start = chunk_start
    # extend back over a list of counts and over appositives up to an honorific
    chunks = _chunks_before(t, sent_start, chunk_start)
    if text[0].isdigit() and not part_of_whole:
        for c_start, c_text in chunks:
            if not c_text[:1].isdigit() or len(c_text.split()) > _MAX_LISTED_WORDS:
                break
            start = c_start  # "35 tập thể, 82 cá nhân được ...": one recipient of two counts
    else:
        for i, (c_start, c_text) in enumerate(chunks):
            if _HONORIFIC_RE.match(c_text):
                if all(c[:1].isupper() for _, c in chunks[:i]):
                    start = c_start
                break
    recipient = " ".join(t[start : chunk_start + len(text)].split()) if start != chunk_start else text
    if start != chunk_start:
        recipient = " ".join((t[start:chunk_start] + text).split())
    return recipient, start, times


_MAX_LISTED_WORDS = 5
"""A count listed before the subject is short ("35 tập thể"); a longer chunk is a clause of its own."""


@functools.cache
def _subject_nouns() -> frozenset[str]:
    """Nouns that may open a lower-case recipient ("cá nhân", "tập thể", "hội viên"): the countable
    people, bodies and places of ``data/count_units.tsv``."""
    kinds = ("person", "position", "group", "place")
    return frozenset(_fold(r["noun"]) for r in load_table("count_units") if r["kind"] in kinds)


def _starts_with_noun(text: str) -> bool:
    """A lower-case subject is a recipient when it opens with a noun of people or bodies; "hằng năm",
    "trong nhiệm kỳ" open adverbials, not subjects."""
    words = _fold(text).split()
    return any(" ".join(words[:n]) in _subject_nouns() for n in (1, 2, 3))


def _chunks_before(t: str, sent_start: int, pos: int) -> list[tuple[int, str]]:
    """The comma-separated chunks of the sentence before ``pos``, nearest first: (start, text)."""
    out: list[tuple[int, str]] = []
    end = pos - 1
    while end > sent_start:
        if t[end - 1 : end] != ",":
            comma = t.rfind(",", sent_start, end)
        else:
            comma = end - 1
        if comma < sent_start or any(c in t[comma + 1 : end] for c in ";:()"):
            break
        prev = t.rfind(",", sent_start, comma)
        c_start = prev + 1 if prev >= 0 else sent_start
        chunk = t[c_start:comma]
        if any(c in chunk for c in ";:()"):
            break
        stripped = chunk.lstrip()
        out.append((c_start + len(chunk) - len(stripped), stripped.rstrip()))
        end = c_start
        if prev < 0:
            break
    return out


def _cut_reason(text: str) -> str:
    """A recipient without the reason after it: "12 tập thể có thành tích xuất sắc" -> "12 tập thể"."""
    m = _PHRASE_END_RE.search(text)
    return text[: m.start()].strip() if m else text


def _cut_phrase(text: str, *, allow_count_list: bool = False) -> str:
    """A giver or recipient phrase up to where it ends (a reason, a time, another verb, a comma)."""
    m = _PHRASE_END_RE.search(text)
    while m is not None and allow_count_list and m.group().strip() == "," and text[m.end() :][:1].isdigit():
        m = _PHRASE_END_RE.search(text, m.end())
    phrase = text[: m.start()] if m else text
    return phrase.strip()


def _number(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token) or None
    return _NUMBER_WORDS.get(token)


__all__ = ["find_awards"]
