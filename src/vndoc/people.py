"""People, their positions, and named bodies in Vietnamese administrative and association prose.

Why rules: the prose of congress news, reports and decisions introduces people in a handful of fixed
shapes, and each shape says where the name is and where its positions are:

* an honorific before the name: "đồng chí Nguyễn Trí Anh", "Ông Bà Nguyễn Thị Vững", "GS.TSKH ...",
  "Nhà thơ ...", "Đại tá ...", "các đồng chí: A-..., B-..." (a list);
* an appositive after the name, each position opening with a title of office:
  "Tô Hùng Khoa, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh", "Nguyễn Xuân Lam - Bí thư Đảng uỷ -
  Chủ tịch HĐND xã", "Lê Bá Tuế-Thư ký Chi hội", with updates in brackets "(nay là ...)";
* a predicate that gives the person a position: "được bầu làm", "làm", "đảm nhận chức vụ",
  "tái đắc cử giữ chức", "tiếp tục giữ chức vụ Chủ tịch và Phó Chủ tịch" (shared out between the
  people named before it), or takes it away: "chuyển công tác", "nghỉ hưu";
* the position before the name, the newspaper style: "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nguyễn Ngọc
  Quang", "Chủ tịch Hội: đ/c Ngô Lê Triêm";
* the signature block of a decision: a title line, "(Đã ký)", then the name on its own line; signers
  side by side come out as their title lines in a row, then their name lines in the same order;
* a list or table row: "1. Lê Thị Bình: 129 phiếu", "- Trần Văn An, Chủ tịch Hội", and table rows whose
  columns lost their separators, "2 Lò Văn Muôn 1960 Giám đốc Sở Khoa học và Công nghệ Phó Chủ tịch",
  where each cell opens with a title written with a capital.

A position's body may hold dashes and commas of its own: "Ban Tổ chức - Kiểm tra", "Sở Văn hóa, Thể thao
và Du lịch", "Trưởng phòng Quy hoạch, Sở Xây dựng" (a unit and the body above it). A name that the text
also writes as a place after a level of administration ("huyện Trần Văn Thời") is a place everywhere.

A statistical tagger (underthesea's NER) misses most of these people and tags headings, bodies and places
as persons, so it is not used. The rules run over tokens of one paragraph at a time (never across a line
break) and lean on reviewable tables in ``vndoc/data``: family names (a name must open with one unless a
strong honorific such as "đồng chí" stands before it), titles of office (a position must open with one;
matched case-insensitively, with a fuzzy fallback for misspelt diacritics), honorifics, the cue words
above, and place names (never taken for people). A position runs from its title to the first predicate
or function word, punctuation mark, or "và" that introduces another person or title; ``raw`` is always
the exact text.

Mentions of one person are merged by the normalised full name (``match_key``); a bare given name
("đồng chí Bình") joins a person only when exactly one person carries that given name. Positions of one
person are merged when their normalised wordings are near-identical (fuzzy ratio), except that a role
written in capitals (a signature block's "CHỦ TỊCH") is kept beside the same role written in prose.

Speed: a long text (a year of reports, a whole gazette) is read in one pass over its lines, and most of
the cost is per token, so the work per token is kept small. Each line is tokenized once (one ``findall``;
a token is a tuple of its text, its offsets, and its key and the shape of its first character, cached per
word), and every look-up reads those tokens: ``find_people`` takes one line at a time and lets its tokens
go once read, keeping only the text of the lines, from which a signature block's few title and authority
lines are tokenized again when a signer reads them (once each, however many signers look back).
``find_organizations`` without the people reads each line's bodies in that same pass, as if it named no
one, and reads again only the lines that turn out to name someone. Tables are indexed by the first two
words of their phrases, so a word that opens no title, honorific, cue or body head costs one set
look-up; a lower-case word that opens no honorific, and a capitalised word with no name-shaped word after
it, open no name, so neither goes through the name rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Generic, NamedTuple, TypeVar

from rapidfuzz import fuzz, process

from vndoc.models import Organization, Person, Position, PositionStatus
from vndoc.normalize import match_key, strip_diacritics
from vndoc.paged_text import PagedText

# --------------------------------------------------------------------------------------------------
# Reference tables (vndoc/data/*.tsv), read on first use.

_E = TypeVar("_E")


def _rows(name: str) -> list[list[str]]:
    """Data rows of a TSV table: comment lines (#) and the header line dropped."""
    text = resources.files("vndoc").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [[cell.strip() for cell in row] for row in rows[1:]]


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return match_key(text)  # words repeat: cached, this is the tokenizer's main cost


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(_key(word) for word in phrase.split())


class _PhraseIndex(Generic[_E]):
    """Entries of a table under their phrases (tuples of word keys), for the longest phrase written at a
    token. Phrases of two or more words are grouped by their first two words and one-word phrases by their
    word, so a look-up reads only the phrases that can match; within a group the order is the table's,
    longest first."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], _E]]) -> None:
        self.first_words: set[str] = set()
        self._by_two: dict[tuple[str, str], list[tuple[tuple[str, ...], _E]]] = {}
        self._by_one: dict[str, _E] = {}
        for keys, entry in sorted(phrases, key=lambda phrase: -len(phrase[0])):  # a stable sort
            self.first_words.add(keys[0])
            if len(keys) == 1:
                self._by_one.setdefault(keys[0], entry)
            else:
                self._by_two.setdefault((keys[0], keys[1]), []).append((keys, entry))

    def longest_at(self, toks: Sequence[_Tok], i: int) -> tuple[int, _E] | None:
        """The longest phrase written at token i: (end index, entry)."""
        if i >= len(toks) or toks[i].key not in self.first_words:
            return None
        if i + 1 < len(toks):
            for keys, entry in self._by_two.get((toks[i].key, toks[i + 1].key), ()):
                if _phrase_at(toks, i, keys):
                    return i + len(keys), entry
        one = self._by_one.get(toks[i].key)
        return None if one is None else (i + 1, one)


@dataclass(frozen=True)
class _Surnames:
    names: dict[str, bool]  # key -> place_like
    prefixes: tuple[str, ...]


@cache
def _surnames() -> _Surnames:
    names: dict[str, bool] = {}
    prefixes: list[str] = []
    for surname, place_like, kind in _rows("surnames.tsv"):
        if kind == "prefix":
            prefixes.append(_key(surname))
        else:
            names[_key(surname)] = place_like == "1"
    return _Surnames(names, tuple(prefixes))


@dataclass(frozen=True)
class _Title:
    keys: tuple[str, ...]
    canonical: str
    body_words: int


@cache
def _titles() -> dict[str, list[_Title]]:
    """Titles indexed by the key of their first word, longest first."""
    index: dict[str, list[_Title]] = {}
    for written, canonical, body_words in _rows("position_titles.tsv"):
        title = _Title(_keys(written), canonical, int(body_words))
        index.setdefault(title.keys[0], []).append(title)
    for entries in index.values():
        entries.sort(key=lambda t: -len(t.keys))
    return index


@cache
def _title_index() -> _PhraseIndex[_Title]:
    return _PhraseIndex((title.keys, title) for entries in _titles().values() for title in entries)


@cache
def _titles_by_length() -> dict[int, tuple[dict[str, list[tuple[str, _Title]]], list[str], list[_Title]]]:
    """Titles of two or more words by word count, longest first (fuzzy fallback): the titles under their
    diacritic-free key, and the keys and titles in table order for fuzzy matching."""
    out: dict[int, tuple[dict[str, list[tuple[str, _Title]]], list[str], list[_Title]]] = {}
    for entries in _titles().values():
        for title in entries:
            if len(title.keys) >= 2:
                bare, keys, titles = out.setdefault(len(title.keys), ({}, [], []))
                key = " ".join(title.keys)
                bare.setdefault(strip_diacritics(key), []).append((key, title))
                keys.append(key)
                titles.append(title)
    return dict(sorted(out.items(), reverse=True))


@lru_cache(maxsize=65536)
def _bare_key(key: str) -> str:
    """A word's key without diacritics; a phrase's is its words' joined (diacritics are per letter)."""
    return strip_diacritics(key)


@dataclass(frozen=True)
class _Honorific:
    keys: tuple[str, ...]
    strength: str  # strong | weak | plural
    kind: str


@cache
def _honorifics() -> dict[str, list[_Honorific]]:
    index: dict[str, list[_Honorific]] = {}
    for form, strength, kind in _rows("honorifics.tsv"):
        entry = _Honorific(_keys(form), strength, kind)
        index.setdefault(entry.keys[0], []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda h: -len(h.keys))
    return index


@cache
def _honorific_index() -> _PhraseIndex[_Honorific]:
    return _PhraseIndex((entry.keys, entry) for entries in _honorifics().values() for entry in entries)


@cache
def _academic_keys() -> frozenset[str]:
    return frozenset(h.keys[0] for entries in _honorifics().values() for h in entries if h.kind == "academic")


@cache
def _cues() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, role in _rows("position_cues.tsv"):
        keys = _keys(phrase)
        index.setdefault(keys[0], []).append((keys, role))
    for entries in index.values():
        entries.sort(key=lambda c: -len(c[0]))
    return index


@cache
def _cue_index() -> _PhraseIndex[str]:
    return _PhraseIndex(cue for entries in _cues().values() for cue in entries)


@cache
def _places() -> frozenset[str]:
    return frozenset(_key(row[0]) for row in _rows("places.tsv"))


@cache
def _place_last_words() -> frozenset[str]:
    return frozenset(place.split()[-1] for place in _places())


@cache
def _abbreviations() -> dict[str, str]:
    return {_key(abbr): expansion for abbr, expansion in _rows("abbreviations.tsv")}


@cache
def _non_name_words() -> frozenset[str]:
    """First words of titles and bodies: a name never opens with one."""
    words = {title.keys[0] for entries in _titles().values() for title in entries}
    words |= {_key(w) for w in _BODY_WORDS}
    return frozenset(words)


# --------------------------------------------------------------------------------------------------
# Tokens.

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# Runs of letters and digits are possessive (++): a shorter run would leave a letter where the pattern
# needs a mark, so giving letters back never finds another match, and the engine need not try.
_ABBREVIATION = rf"[{_UPPER}\d]++(?:[-&][{_UPPER}\d]++)+(?![^\W_])"  # GD-ĐT, KH&KT, TC-KH
_LETTERS = r"[^\W_]++"  # Nguyễn, 1990
_GLUED = rf"(?:[&/.]{_LETTERS})+"  # đ/c, GS.TSKH, TP.HCM, 1.490: the tail after the first letters
_APOSTROPHE = rf"['’]{_LETTERS}"  # H'Hen
_TOKEN_RE = re.compile(rf"{_ABBREVIATION}|{_LETTERS}(?:{_GLUED}|{_APOSTROPHE})?|\S")
_LINE_RE = re.compile(r"[^\n]+")

# Words that precede a place name or a street name rather than a person's name.
_ADMIN_WORDS = frozenset(
    _key(w) for w in "tỉnh huyện xã phường quận thị trấn phố thôn ấp bản làng khu TP Tp thành".split()
)
_COMMITTEE_WORDS = frozenset(_key(w) for w in "ủy uỷ".split())  # "Huyện ủy", "Tỉnh uỷ"
_STREET_WORDS = frozenset(_key(w) for w in "đường phố sông núi chùa đình đền cầu chợ trường".split())
# Body words, used to keep a name from opening with one.
_BODY_WORDS = (
    "Ban Hội Đảng Tỉnh Huyện Thị Xã Phường Quận Thành Sở Phòng Liên Đoàn Mặt Trung Ủy Uỷ Văn Công Cục "
    "Viện Trường Đài Báo Câu Chi Tổ Bộ Nhà Đại Quốc Việt Nam Ủy Hợp Trạm Khu Thôn Ấp Bản"
).split()
# Levels of administration, and the lower-case words that may follow one inside a body's name.
_LEVEL_WORDS = frozenset(_key(w) for w in "tỉnh huyện thị xã phường quận thành phố trấn thôn ấp tp".split())
_AFTER_LEVEL_WORDS = frozenset(_key(w) for w in "ủy uỷ đoàn hội đội kiêm khóa khoá".split())
# Words after which a verb-like word is part of a body's name or of a second duty: "Ban tổ chức",
# "Văn phòng đại diện", "kiêm phụ trách".
_NOUN_HEADS = frozenset(_key(w) for w in "ban phòng các những kiêm".split())
_PLURAL_WORDS = frozenset(_key(w) for w in "các những".split())
_UNIT_CUES = frozenset(_key(w) for w in ("tổ chức", "đại diện", "chỉ đạo", "phụ trách"))
_APPOSITIVE_SEPARATORS = frozenset({",", "-", "–", "—", ":"})
_NAME_DASHES = frozenset({"-", "–"})
# Units inside a larger body ("phòng ... , Sở ...", "Vụ ..., Ban ..."): the first word of their name.
_SUBUNIT_WORDS = frozenset(_key(w) for w in "phòng vụ ban khoa cục trung tâm tổ đội".split())
# Offices away from their body's seat, whose name goes on with "tại" + a place.
_OFFICE_AWAY_WORDS = frozenset(_key(w) for w in ("đại diện", "thường trú", "chi nhánh"))
_LEFT_BOUNDARIES = frozenset({",", ";", ":", ".", "(", ")", "[", "]", "-", "–", "—", "“", "”", '"', "!", "?"})
_CAPACITY_PREFIXES = frozenset(_key(w) for w in "TM KT TL Q TUQ T/M K/T T.M".split())
_TERM_WORDS = frozenset(_key(w) for w in "khóa khoá nhiệm".split())
_KHOA_WORDS = frozenset(_key(w) for w in "khóa khoá".split())
_TERM_QUALIFIERS = frozenset(_key(w) for w in "trước mới cũ tới sau".split())  # "khóa trước", "khóa mới"
_ROMAN_RE = re.compile(r"[IVXLC]+")
_TERM_NUMBER_RE = re.compile(r"\b(?:khóa|khoá)\s+([IVXLC]+|\d+)\b", re.IGNORECASE)
# List rows: bullets that open one, what may follow the name that opens one, a birth-year column.
_BULLETS = frozenset({"-", "–", "+", "•", "*", "·"})
_ROW_NAME_ENDS = frozenset({":", ",", ";", "-", "–", "—", "(", "."})
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# Bodies whose name holds a title: "Ban Giám đốc", "Đoàn Chủ tịch", "Văn phòng Chủ tịch nước".
_TITLE_HOLDING_BODIES = frozenset(_key(w) for w in "ban đoàn phòng".split())
# One-letter words of names: "Y Ngọc", "A Tuấn" (Central Highlands), "Giàng A Sử" (Hmong).
_ONE_LETTER_NAMES = frozenset({"a", "y"})
_MAX_NAME_WORDS = 4
_MAX_SIGNATURE_NOTES = 2
_MAX_SIGNATURE_NAME_CHARS = 60
_MAX_SIGNATURE_TITLE_TOKENS = 8  # a title line not in capitals
_MAX_SHORT_FORM_WORDS = 3
_MAX_FIELD_WORDS = 3
_MAX_ROW_FIELDS = 6
_MAX_PHRASE_WORDS = 16
_MAX_BRACKET_WORDS = 24
_MAX_CLAUSE_WORDS = 40
_POSITION_DUPLICATE_RATIO = 95.0
_FUZZY_TITLE_RATIO = 90.0


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    key: str
    is_word: bool
    is_lower: bool
    is_capitalised: bool


@lru_cache(maxsize=65536)
def _word_facts(word: str) -> tuple[str, bool, bool, bool]:
    """A token's key and the shape of its first character: word, lower case, capital."""
    return _key(word), word[0].isalnum(), word[0].islower(), word[0].isupper()


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    """The tokens of ``text[start:end]`` (a line), with their offsets in ``text``.

    Tokens are found in order with only white space between them, so each one starts at the first
    occurrence of its text after the previous one (``findall`` and ``find`` are much cheaper than match
    objects). A token is built straight from its tuple of fields: a long text has one per word."""
    out = []
    pos = start
    for word in _TOKEN_RE.findall(text, start, end):
        word_start = text.find(word, pos)
        pos = word_start + len(word)
        out.append(tuple.__new__(_Tok, (word, word_start, pos) + _word_facts(word)))
    return out


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    text: str
    toks: list[_Tok]


def _lines(text: str) -> Iterator[_Line]:
    """The text's lines with their tokens, one at a time. Each line is tokenized once, and every pass of a
    call reads the same tokens; a pass that needs only one line at a time lets each line's tokens go once
    read, so that a long text's tokens are never all held at once (which would also make the garbage
    collector walk them over and over)."""
    for m in _LINE_RE.finditer(text):
        yield _Line(m.start(), m.group(), _tokenize(text, m.start(), m.end()))


@lru_cache(maxsize=65536)
def _is_title_case_word(word: str) -> bool:
    """ "Nguyễn", "H'Hen", "A" -- not "UBND", "ThS" or "nguyễn"."""
    parts = re.split(r"['’]", word)
    return all(p and p[0].isupper() and (len(p) == 1 or p[1:].islower()) and p.isalpha() for p in parts)


def _is_upper_word(word: str) -> bool:
    return word.isalpha() and word.isupper()


# --------------------------------------------------------------------------------------------------
# Lexicon look-ups on token sequences.


def _phrase_at(toks: Sequence[_Tok], i: int, keys: tuple[str, ...]) -> bool:
    end = i + len(keys)
    if end > len(toks):
        return False
    for tok, key in zip(toks[i:end], keys, strict=True):
        if tok.key != key:
            return False
    return True


def _title_at(toks: Sequence[_Tok], i: int, *, fuzzy: bool = False) -> tuple[int, _Title] | None:
    """The longest title of office starting at token i: (end index, title)."""
    if i >= len(toks) or not toks[i].is_word:
        return None
    found = _title_index().longest_at(toks, i)
    if found is not None or not fuzzy:
        return found
    # Misspelt or OCR-damaged titles: same words without diacritics, or a near-identical spelling.
    for length, (bare_titles, keys, titles) in _titles_by_length().items():
        if i + length > len(toks) or not all(t.is_word for t in toks[i : i + length]):
            continue
        written = " ".join(t.key for t in toks[i : i + length])
        for candidate, title in bare_titles.get(" ".join(_bare_key(t.key) for t in toks[i : i + length]), ()):
            if _tones_dropped(written, candidate):
                return i + length, title
        best = process.extractOne(written, keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_TITLE_RATIO)
        if best is not None:
            return i + length, titles[best[2]]
    return None


def _tones_dropped(written: str, candidate: str) -> bool:
    """Each written word is the candidate's word or the same word typed without diacritics ("Pho Chu
    tịch"), never another word with other diacritics ("Trường Đại" is not "Trưởng Đài")."""
    return all(w == c or w == strip_diacritics(w) for w, c in zip(written.split(), candidate.split(), strict=True))


def _cue_at(toks: Sequence[_Tok], i: int, *, any_case: bool = False) -> tuple[int, str] | None:
    """A cue phrase (position_cues.tsv) written in lower case (or, with ``any_case``, in any case) at
    token i: (end index, role)."""
    if i >= len(toks) or not toks[i].is_word or not (any_case or toks[i].is_lower):
        return None
    return _cue_index().longest_at(toks, i)


def _honorifics_at(toks: Sequence[_Tok], i: int) -> tuple[int, list[str], str] | None:
    """Stacked honorifics at token i ("ông Ông", "Ông Bà", "PGS.TS", "GS. TS."): (end, forms, strength)."""
    if i >= len(toks) or (toks[i].key not in _honorifics() and "." not in toks[i].text):
        return None  # most words: no honorific opens with them, and none is glued ("PGS.TS")
    forms: list[str] = []
    strength = ""
    j = i
    while j < len(toks) and toks[j].is_word:
        found: tuple[int, str] | None = None
        honorific = _honorific_index().longest_at(toks, j)
        if honorific is not None:
            found = (honorific[0], honorific[1].strength)
        academic = toks[j].key in _academic_keys()
        if found is None and "." in toks[j].text:
            pieces = [_key(p) for p in toks[j].text.split(".")]
            if all(p in _academic_keys() for p in pieces):
                found, academic = (j + 1, "strong"), True
        if found is None:
            break
        end, entry_strength = found
        words = [t.text for t in toks[j:end]]
        if entry_strength == "plural" and len(words) > 1:
            words = words[1:]  # "các đồng chí" -> each person of the list is an "đồng chí"
        forms.append(" ".join(words))
        if strength != "plural":
            strength = entry_strength if entry_strength != "weak" or not strength else strength
        j = end
        if j < len(toks) and toks[j].text == "." and academic:
            j += 1
        if strength == "plural" and j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].key in _honorifics():
            j += 1  # "các anh, chị: ..."
    if not forms:
        return None
    return j, forms, strength


# --------------------------------------------------------------------------------------------------
# Names.


@lru_cache(maxsize=65536)
def _surname_ok(word: str) -> bool:
    key = _key(word)
    table = _surnames()
    return key in table.names or any(key.startswith(p) and len(key) > len(p) for p in table.prefixes)


def _name_run_end(toks: Sequence[_Tok], i: int, *, upper: bool) -> int:
    """End of the run of name-shaped words from token i (title-case; upper case when ``upper``)."""
    j = i
    all_upper = upper and i < len(toks) and _is_upper_word(toks[i].text) and len(toks[i].text) > 1
    while j < len(toks) and j - i < _MAX_NAME_WORDS + 1:
        word = toks[j].text
        shaped = _is_upper_word(word) if all_upper else _is_title_case_word(word)
        if not shaped or (j > i and _title_at(toks, j) is not None):
            break
        j += 1
    return j


def _is_place(words: Sequence[str]) -> bool:
    places = _places()
    return _key(" ".join(words)) in places or _key(" ".join(words[:2])) in places


def _valid_name(words: Sequence[str], *, strong: bool) -> bool:
    if not 2 <= len(words) <= _MAX_NAME_WORDS or _is_place(words):
        return False
    if any(len(w) == 1 and _key(w) not in _ONE_LETTER_NAMES for w in words[1:-1]):
        return False
    if all(_key(w) in _non_name_words() for w in words):
        return False  # "Đoàn Hội", "Trung Quốc": words of bodies
    if _surname_ok(words[0]):
        return len(words[0]) > 1 or _key(words[0]) in _ONE_LETTER_NAMES
    if not strong or len(words[0]) == 1:
        return False
    return not any(_key(w) in _non_name_words() for w in words)


# --------------------------------------------------------------------------------------------------
# Position phrases.


@dataclass
class _Pos:
    start: int  # token indexes
    end: int
    title: _Title
    raw: str
    organization: str | None
    status: PositionStatus | None


def _phrase_end(toks: Sequence[_Tok], k: int, limit: int, *, bodies: bool = False) -> int:
    """Where the body part of a position phrase (or a body's name) that continues at token k ends.

    It ends at punctuation, at a cue or function word, at "và" before a person, a title (or, for
    ``bodies``, another body), and after a level of administration ("tỉnh", "xã") at the first lower-case
    word that is not part of a body's name ("tỉnh ủy", "xã đoàn", "khóa II").
    """
    first = k
    count = 0
    after_level = False
    while k < limit and count < _MAX_PHRASE_WORDS:
        tok = toks[k]
        if not tok.is_word:
            if tok.text == "." and toks[k - 1].key in ("tp", "tx") and k + 1 < limit and toks[k + 1].is_word:
                k += 1
                continue
            if tok.text in _NAME_DASHES and k > first and _dash_joins_body(toks, k, limit):
                k += 1
                continue
            if tok.text == "," and k > first and _enumerated_fields(toks, k, limit):
                k += 1  # "Sở Văn hóa, Thể thao và Du lịch"
                continue
            if tok.text == "," and k - 2 >= first and _term_at(toks, k - 2, k) and _term_at(toks, k + 1, limit):
                k += 1  # "khóa IV, khóa V": the same position over several terms
                continue
            break
        if (
            tok.text[0].isdigit()
            and toks[k - 1].key != "số"
            and k + 1 < limit
            and toks[k + 1].is_word
            and toks[k + 1].is_lower
        ):
            break  # a count ("03 lần"), not a numbered body ("Quận 12", "Trung tâm ... số 1")
        if tok.is_lower:
            if not bodies and toks[k - 1].key in _KHOA_WORDS and tok.key in _TERM_QUALIFIERS:
                k += 1  # "Chủ tịch Hội khóa trước", "... khóa mới"
                count += 1
                continue
            if after_level and tok.key not in _AFTER_LEVEL_WORDS and tok.key not in _LEVEL_WORDS:
                break
            if tok.key == "tại":
                if not _located_office(toks, first, k, limit):
                    break
            elif tok.key == "và":
                if not _continues_body(toks, k + 1, limit) or (bodies and _opens_body(toks, k + 1)):
                    break
            elif tok.key == "kiêm":
                if bodies:
                    break
            elif (cue := _cue_at(toks, k)) is not None:
                unit = toks[k - 1].key in _NOUN_HEADS and _key(" ".join(t.text for t in toks[k : cue[0]])) in _UNIT_CUES
                if cue[1] != "noun" and not unit:
                    break
                k, count = cue[0], count + cue[0] - k
                continue
            elif _starts_person(toks, k):
                break
        level = tok.key in _LEVEL_WORDS and not (tok.key == "xã" and toks[k - 1].key == "tác")  # "Hợp tác xã"
        after_level = after_level or level or tok.key in _TERM_WORDS or _ends_place(toks, k)
        k += 1
        count += 1
    if k - 1 >= first and toks[k - 1].key in _TERM_WORDS:
        k -= 1  # "Ban Chấp hành khóa mới": the term word without its number is not part of the name
    if k - 1 >= first and toks[k - 1].key == "kiêm":
        k -= 1  # "Phó Chủ tịch kiêm nhiệm": nothing held concurrently is named
    return k


def _enumerated_fields(toks: Sequence[_Tok], k: int, limit: int) -> bool:
    """The comma at token k separates fields of one body's name that end with "và" + the last field:
    "Văn hóa, Thể thao và Du lịch", "Văn hóa, Thông tin, Thể thao và Du lịch"."""
    n = k
    while n < limit and toks[n].text == ",":
        field = n + 1
        if field >= limit or not _is_field_word(toks, field):
            return False
        n = field + 1
        while n < limit and toks[n].is_word and toks[n].key != "và" and n - field < _MAX_FIELD_WORDS:
            n += 1
        if n < limit and toks[n].key == "và":
            return n + 1 < limit and _is_field_word(toks, n + 1)
    return False


def _is_field_word(toks: Sequence[_Tok], k: int) -> bool:
    """A capitalised word that opens a field of a body's name: not a title, a body, a person or a name."""
    tok = toks[k]
    if not tok.is_word or not tok.is_capitalised or tok.text[0].isdigit():
        return False
    if _title_at(toks, k) is not None or _org_head_at(toks, k) is not None or _starts_person(toks, k):
        return False
    run_end = _name_run_end(toks, k, upper=False)
    return not _valid_name([t.text for t in toks[k:run_end]], strong=False)


def _term_at(toks: Sequence[_Tok], k: int, limit: int) -> bool:
    """ "khóa V", "khoá 2" at token k: a term word and its number."""
    return (
        k + 1 < limit
        and toks[k].key in _KHOA_WORDS
        and (toks[k + 1].text.isdigit() or bool(_ROMAN_RE.fullmatch(toks[k + 1].text)))
    )


def _dash_joins_body(toks: Sequence[_Tok], k: int, limit: int) -> bool:
    """A dash inside a body's name joins two fields: "Ban Tổ chức - Kiểm tra", "Sở Lao động - Thương binh
    và Xã hội", "Đài Phát thanh - Truyền hình". It separates when a title, a person, a cue ("Nguyên") or a
    name follows it: "Bí thư Đảng ủy - Chủ tịch HĐND xã"."""
    nxt = k + 1
    if nxt >= limit or not toks[nxt].is_word or not toks[nxt].is_capitalised or not toks[k - 1].is_word:
        return False
    if toks[k - 1].text[0].isdigit() or toks[nxt].text[0].isdigit():
        return False
    if _title_at(toks, nxt, fuzzy=True) is not None or _starts_person(toks, nxt) or _cue_at(toks, nxt, any_case=True):
        return False
    run_end = _name_run_end(toks, nxt, upper=False)
    return not _valid_name([t.text for t in toks[nxt:run_end]], strong=False)


def _located_office(toks: Sequence[_Tok], first: int, k: int, limit: int) -> bool:
    """ "tại" + a place name belongs to the name of an office away from its seat: "Văn phòng đại diện Báo
    Nhân Dân tại Kon Tum", "Chi nhánh ... tại Đà Nẵng"."""
    nxt = k + 1
    if nxt >= limit or not toks[nxt].is_capitalised or _org_head_at(toks, nxt) is not None:
        return False
    pairs = {f"{toks[n].key} {toks[n + 1].key}" for n in range(max(first - 2, 0), k - 1)}
    return bool(pairs & _OFFICE_AWAY_WORDS)


def _opens_body(toks: Sequence[_Tok], k: int) -> bool:
    """Another body's name starts at token k ("Xã hội" opens like one but is not)."""
    head = _org_head_at(toks, k)
    return head is not None and head[1].kind != "-"


def _ends_place(toks: Sequence[_Tok], k: int) -> bool:
    """Token k closes a place name of the gazetteer ("... Việt Nam", "... tỉnh Hà Tĩnh")."""
    if not toks[k].is_capitalised or toks[k].key not in _place_last_words():
        return False  # a capitalised token's key is the last word of any phrase's key that ends with it
    places = _places()
    return any(k - n >= 0 and _key(" ".join(t.text for t in toks[k - n : k + 1])) in places for n in range(0, 3))


def _continues_body(toks: Sequence[_Tok], k: int, limit: int) -> bool:
    """After "và": a body's name goes on ("Hội Làm vườn và Trang trại"), not a person or a title."""
    if k >= limit or not toks[k].is_word or toks[k].is_lower:
        return False
    if _title_at(toks, k) is not None or _starts_person(toks, k):
        return False
    run_end = _name_run_end(toks, k, upper=False)
    words = [t.text for t in toks[k:run_end]]
    return not (len(words) >= 2 and _valid_name(words, strong=False))


def _starts_person(toks: Sequence[_Tok], k: int) -> bool:
    found = _honorifics_at(toks, k)
    if found is None:
        return False
    end = found[0]
    return end < len(toks) and (_is_title_case_word(toks[end].text) or toks[end].text == ":")


def _parse_position(
    toks: Sequence[_Tok], k: int, limit: int, text: str, status: PositionStatus | None = None
) -> _Pos | None:
    """A position phrase (optional "nguyên", a title, its body) starting at token k."""
    start = k
    cue = _cue_at(toks, k, any_case=True)
    if cue is not None and cue[1] == "former":
        status = "former"
        k = cue[0]
    found = _title_at(toks, k, fuzzy=True)
    if found is None:
        return None
    title_end, title = found
    end = _phrase_end(toks, title_end, limit)
    body_start = title_end - title.body_words
    if end > body_start and toks[body_start].key in _SUBUNIT_WORDS:
        end = _parent_body_end(toks, end, limit)
    body_end = end
    for n in range(title_end, end):
        if toks[n].key == "kiêm":
            body_end = n
            break
    organization = None
    if body_end > title_end:
        organization = text[toks[body_start].start : toks[body_end - 1].end]
    raw = text[toks[start].start : toks[end - 1].end]
    return _Pos(start, end, title, raw, organization, status)


def _parent_body_end(toks: Sequence[_Tok], end: int, limit: int) -> int:
    """A unit's position may name the body the unit belongs to after a comma: "Trưởng phòng Quy hoạch,
    Sở Xây dựng", "Phó Vụ trưởng Vụ Văn hóa - Văn nghệ, Ban Tuyên giáo Trung ương"; never a committee
    of members ("..., Ban Chấp hành") nor a title."""
    k = end + 1
    if end >= limit or toks[end].text != "," or k >= limit or not toks[k].is_capitalised:
        return end
    head = _org_head_at(toks, k)
    if head is None or head[1].kind == "-" or _title_at(toks, k) is not None:
        return end
    head_end, entry = head
    if entry.kind == "committee" and not entry.needs_name:
        return end
    body_end = _phrase_end(toks, head_end, limit, bodies=True)
    if entry.needs_name and not any(_names_more(t) for t in toks[head_end:body_end]):
        return end
    return body_end


def _bare(pos: _Pos, toks: Sequence[_Tok], text: str, organization: str | None) -> _Pos:
    """The title alone of a coordinated position: "Chủ tịch" in "Chủ tịch và Phó Chủ tịch khóa III"."""
    title_end = pos.start
    if _cue_at(toks, pos.start, any_case=True) is not None:
        title_end += 1
    title_end += len(pos.title.keys)
    raw = text[toks[pos.start].start : toks[title_end - 1].end]
    return _Pos(pos.start, title_end, pos.title, raw, organization, pos.status)


def _coordinated(toks: Sequence[_Tok], k: int, text: str, status: PositionStatus) -> tuple[list[_Pos], int]:
    """Positions joined by "và" or commas after a predicate; a shared tail belongs to none of them."""
    first = _parse_position(toks, k, len(toks), text, status)
    if first is None:
        return [], k
    items = [first]
    j = first.end
    while j + 1 < len(toks) and toks[j].key in ("và", ",") and _title_at(toks, j + 1) is not None:
        nxt = _parse_position(toks, j + 1, len(toks), text, status)
        if nxt is None:
            break
        items.append(nxt)
        j = nxt.end
    return items, j


def _shared_out(items: list[_Pos], toks: Sequence[_Tok], text: str) -> list[_Pos]:
    """Titles shared out between as many people ("tiếp tục giữ chức vụ Chủ tịch và Phó Chủ tịch khóa
    III"): a tail written once after the last title belongs to none of them."""
    if items[0].organization is not None:
        return items
    shared = items[-1].organization
    if shared is not None and _key(shared.split()[0]) in _TERM_WORDS:
        shared = None
    return [_bare(p, toks, text, shared) for p in items]


def _predicate_at(toks: Sequence[_Tok], j: int) -> tuple[int, PositionStatus] | None:
    """An election or holding predicate before a title: "được bầu làm", "tái đắc cử giữ chức", "là"."""
    k = j + 1 if j < len(toks) and toks[j].text == "," else j
    roles: set[str] = set()
    while (cue := _cue_at(toks, k)) is not None and cue[1] in ("modifier", "elect", "link", "current"):
        roles.add(cue[1])
        passive = toks[k].key == "được" and roles == {"modifier"}
        k = cue[0]
        if passive and k < len(toks) and toks[k].is_capitalised and _org_head_at(toks, k) is not None:
            k = _phrase_end(toks, k + 1, len(toks), bodies=True)  # "được Đại hội (tín nhiệm) bầu làm"
    if not roles - {"modifier"} or _title_at(toks, k, fuzzy=True) is None:
        return None
    if "elect" in roles:
        return k, "elected"
    return k, "current"


def _departs(toks: Sequence[_Tok], j: int, limit: int) -> int | None:
    """A departure cue ("chuyển công tác", "nghỉ hưu") in the rest of the clause: the token after it."""
    for k in range(j, limit):
        tok = toks[k]
        if tok.text in (";", ".", ")", "(") or _starts_person(toks, k):
            return None
        cue = _cue_at(toks, k)
        if cue is not None and cue[1] == "depart":
            return cue[0]
    return None


def _position_left(toks: Sequence[_Tok], k: int, text: str) -> _Pos | None:
    """The position a departure cue names: "thôi giữ chức Chủ tịch Hội", "miễn nhiệm chức vụ Phó Chủ tịch"."""
    while (cue := _cue_at(toks, k)) is not None and cue[1] == "link":
        k = cue[0]
    if k >= len(toks) or not toks[k].is_capitalised:
        return None
    return _parse_position(toks, k, len(toks), text, "left")


def _segment_position(toks: Sequence[_Tok], end: int, text: str, floor: int) -> tuple[_Pos | None, int]:
    """The position phrase that ends a clause segment at token ``end`` (the first title in the segment,
    with nothing but its body after it), and where the segment starts (not before ``floor``)."""
    window = end
    while window > floor and toks[window - 1].text not in _LEFT_BOUNDARIES and toks[window - 1].key != "và":
        window -= 1
    for k in range(window, end):
        if not toks[k].is_capitalised:  # a title before a name is written with a capital
            continue
        pos = _parse_position(toks, k, end, text)
        if pos is not None:
            return (pos if pos.end == end else None), window
    return None, window


def _left_positions(
    toks: Sequence[_Tok], name_start: int, text: str, floor: int, separators: str = ":"
) -> tuple[list[_Pos], int]:
    """Positions written before a name: "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nguyễn Ngọc Quang",
    "Chủ tịch Hội: đ/c Ngô Lê Triêm", never reaching back before token ``floor`` (the end of the
    previous person's words). Returns the positions and the token where the first one starts."""
    end = name_start
    if end > floor and toks[end - 1].text in separators:
        end -= 1
    found, window = _segment_position(toks, end, text, floor)
    if found is None:
        return [], name_start
    out = [found]
    # Earlier positions of the same person, separated by commas: each segment must be only a position
    # ("..., Bí thư Huyện ủy, Chủ tịch UBND huyện Ngô Quang Hòa"), except the first one written.
    while out[0].start == window and window > floor and toks[window - 1].text == ",":
        pos, window = _segment_position(toks, window - 1, text, floor)
        if pos is None:
            break
        out.insert(0, pos)
    return out, out[0].start


# --------------------------------------------------------------------------------------------------
# Mentions.


@dataclass
class _Mention:
    name: str
    start: int  # character offsets of the name
    end: int
    honorifics: list[str]
    positions: list[_Pos] = field(default_factory=list)
    departed: bool = False
    bare: bool = False
    first_token: int = 0  # token where the mention (with left positions or honorifics) starts
    last_token: int = 0  # token after its right-hand positions
    awaiting: bool = True  # no predicate of its own yet (may share the next person's predicate)
    row: bool = False  # opens a table row whose cells follow the name without separators


def _bracketed(toks: Sequence[_Tok], j: int, text: str) -> tuple[list[_Pos], int, str] | None:
    """A bracket after a name or a position: "(nay là UV BTV, Trưởng Ban ...)" gives current positions,
    "(nguyên ...)" former ones, "(Chủ tịch Hội ...)" plain ones; another short aside is stepped over.
    Returns the positions, the token after the bracket and the kind ("current", "former", "plain")."""
    if j >= len(toks) or toks[j].text != "(":
        return None
    close = next((k for k in range(j + 1, min(len(toks), j + _MAX_BRACKET_WORDS)) if toks[k].text == ")"), None)
    if close is None or any(_starts_person(toks, k) for k in range(j + 1, close)):
        return None
    k = j + 1
    kind = "plain"
    status: PositionStatus | None = None
    cue = _cue_at(toks, k)
    if cue is not None and cue[1] in ("current", "former"):
        kind = cue[1]
        status = "current" if kind == "current" else "former"
        k = cue[0]
    positions: list[_Pos] = []
    pos = _parse_position(toks, k, close, text, status)
    while pos is not None:
        positions.append(pos)
        k = pos.end
        pos = None
        if k < close and toks[k].text in (",", ";"):
            pos = _parse_position(toks, k + 1, close, text, status)
    return positions, close + 1, kind


def _right_side(toks: Sequence[_Tok], j: int, text: str, mention: _Mention, group: list[_Mention]) -> int:
    """Appositive positions, bracketed updates, a predicate and a departure after a name."""
    if mention.row:
        cells, j = _table_cells(toks, j, text)
        mention.positions.extend(cells)
        return j
    chain: list[_Pos] = []
    if j < len(toks) and toks[j].is_capitalised and _title_at(toks, j) is not None:
        pos = _parse_position(toks, j, len(toks), text)  # no separator: "đồng chí A Chủ tịch Hội"
        if pos is not None:
            chain.append(pos)
            j = pos.end
    while j < len(toks):
        if toks[j].text in _APPOSITIVE_SEPARATORS:
            aside = _aside_end(toks, j + 1)
            if aside is not None and aside < len(toks) and toks[aside].text == ",":
                j = aside
                continue
            pos = _parse_position(toks, j + 1, len(toks), text)
            if pos is None:
                break
            chain.append(pos)
            j = pos.end
            continue
        bracket = _bracketed(toks, j, text)
        if bracket is None:
            break
        positions, j, kind = bracket
        if kind == "current" and positions:
            for earlier in chain:
                earlier.status = earlier.status or "former"
        chain.extend(positions)
    mention.positions.extend(chain)
    predicate = _predicate_at(toks, j)
    if predicate is not None:
        items, j = _coordinated(toks, predicate[0], text, predicate[1])
        members = [m for m in group if m.awaiting] + [mention]
        if len(items) == len(members) and len(items) > 1:
            for member, item in zip(members, _shared_out(items, toks, text), strict=True):
                member.positions.append(item)
        elif len(items) == 1:
            for member in members:
                member.positions.append(items[0])
        else:
            mention.positions.extend(items)
        for member in members:
            member.awaiting = False
    departure = _departs(toks, j, len(toks))
    if departure is not None:
        left = _position_left(toks, departure, text)
        for member in [m for m in group if m.awaiting] + [mention]:
            member.departed = True
            member.awaiting = False
            if left is not None:
                member.positions.append(left)
    mention.positions.extend(_later_update(toks, j, text))
    return j


def _later_update(toks: Sequence[_Tok], j: int, text: str) -> list[_Pos]:
    """The position held now, stated later in the person's clause: "... chuyển công tác ra Hà Nội (nay là
    Phó Vụ trưởng ...)", "... được Ban Thường vụ điều động, nay là Phó Chủ tịch Ủy ban MTTQ huyện"."""
    k = j
    while k < len(toks) and k - j < _MAX_CLAUSE_WORDS:
        tok = toks[k]
        if tok.text in (";", ".") or _starts_person(toks, k):
            break
        if tok.text == "(":
            bracket = _bracketed(toks, k, text)
            if bracket is None:
                break
            positions, k, kind = bracket
            if kind == "current" and positions:
                return positions
            continue
        if tok.text == "," and (cue := _cue_at(toks, k + 1)) is not None and cue[1] == "current":
            pos = _parse_position(toks, cue[0], len(toks), text, "current")
            if pos is not None:
                return [pos]
        k += 1
    return []


def _same_group(toks: Sequence[_Tok], previous: _Mention | None, mention: _Mention) -> bool:
    """Names joined by "và" (or a comma after a bare name) share the predicate that follows them:
    "ông A - ... và bà B - ... tiếp tục giữ chức vụ ...", "các đồng chí A, B giữ chức Phó Chủ tịch"."""
    if previous is None or previous.last_token + 1 != mention.first_token or previous.last_token >= len(toks):
        return False
    joint = toks[previous.last_token]
    return joint.key == "và" or (joint.text == "," and not previous.positions)


def _aside_end(toks: Sequence[_Tok], k: int) -> int | None:
    """End of an aside between a name and its positions: "55 tuổi", "sinh năm 1968"."""
    if k + 1 < len(toks) and toks[k].text.isdigit() and toks[k + 1].key == "tuổi":
        return k + 2
    if k + 2 < len(toks) and toks[k].key == "sinh" and toks[k + 1].key == "năm" and toks[k + 2].text.isdigit():
        return k + 3
    if k + 2 < len(toks) and toks[k].key == "dân" and toks[k + 1].key == "tộc" and toks[k + 2].is_capitalised:
        return k + 3  # "dân tộc Kinh"
    return None


def _clause_start(toks: Sequence[_Tok], i: int) -> bool:
    return i == 0 or not toks[i - 1].is_word or toks[i - 1].key in ("và", "gồm")


def _row_entry(toks: Sequence[_Tok]) -> int | None:
    """Where the entry of a list row starts, after its marker: "1.", "2)", "a)", "12" (the number column
    of a table), "-", "+"; None for a line that is not a list row."""
    if len(toks) < 2:
        return None
    first = toks[0]
    if first.text in _BULLETS:
        return 1
    if first.text.isdigit() and len(first.text) <= 3:
        return 2 if toks[1].text in ".)" else 1
    if len(first.text) == 1 and first.is_lower and toks[1].text == ")":
        return 2
    return None


def _is_year(tok: _Tok) -> bool:
    return bool(_YEAR_RE.fullmatch(tok.text))


def _opens_cells(toks: Sequence[_Tok], k: int) -> bool:
    """After a name in a table row whose columns lost their separators: a birth year or a title."""
    if k >= len(toks):
        return False
    return _is_year(toks[k]) or (toks[k].is_capitalised and _title_at(toks, k) is not None)


def _row_accepts(toks: Sequence[_Tok], entry: int | None, n_start: int, n_end: int) -> bool:
    """A name that opens a list row ("1. Lê Thị Bình: 129 phiếu", "- Trần Văn An, Chủ tịch Hội", "2 Lò
    Văn Muôn 1960 Giám đốc Sở ...") is a person; so is a name opening a line that goes on with table
    cells."""
    if n_start == 0:
        return n_end < len(toks) and _is_year(toks[n_end])
    if entry != n_start:
        return False
    if toks[n_start].text.isupper() or (entry == 1 and toks[0].text.isdigit()):
        # An upper-case heading ("1. PHẠM VI ÁP DỤNG") or an address ("15 Trần Phú, ...") opens like one.
        return _opens_cells(toks, n_end) or (n_end >= len(toks) and not toks[n_start].text.isupper())
    return n_end >= len(toks) or toks[n_end].text in _ROW_NAME_ENDS or _opens_cells(toks, n_end)


def _table_cells(toks: Sequence[_Tok], j: int, text: str) -> tuple[list[_Pos], int]:
    """The cells of a table row after the name (and birth year), each opening with a title written with a
    capital: "Giám đốc Sở Khoa học và Công nghệ Phó Chủ tịch" -> two positions. Short columns before the
    first title ("Kinh", "Thạc sĩ") are stepped over. A title inside a body's name ("Ban Giám đốc",
    "Đoàn Chủ tịch") does not open a cell."""
    while j < len(toks) and _is_year(toks[j]):
        j += 1
    starts: list[tuple[int, int, _Title]] = []
    limit = next((k for k in range(j, len(toks)) if _ends_cells(toks, k)), len(toks))
    k = j
    while k < limit:
        found = _title_at(toks, k) if toks[k].is_capitalised else None
        if found is not None and (k == j or toks[k - 1].key not in _TITLE_HOLDING_BODIES):
            starts.append((k, found[0], found[1]))
            k = found[0]
            continue
        if not starts and k - j >= _MAX_ROW_FIELDS:
            break  # the other columns (gender, ethnicity, schooling) are short; no title came
        k += 1
    cells: list[_Pos] = []
    for n, (start, title_end, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else limit
        while end > title_end and not toks[end - 1].is_word and toks[end - 1].text != ")":
            end -= 1
        organization = None
        if end > title_end:
            organization = text[toks[title_end - title.body_words].start : toks[end - 1].end]
        cells.append(_Pos(start, end, title, text[toks[start].start : toks[end - 1].end], organization, None))
    return cells, limit if cells else j


def _ends_cells(toks: Sequence[_Tok], k: int) -> bool:
    """A verb or function word (a cue that is not a noun): the row goes on as prose; a bracket longer
    than a short form ("(PTNT)") is a note."""
    if toks[k].text == "(":
        return not any(t.text == ")" for t in toks[k + 1 : k + 2 + _MAX_SHORT_FORM_WORDS])
    cue = _cue_at(toks, k) if toks[k].is_lower else None
    return cue is not None and cue[1] != "noun"


def _line_mentions(toks: list[_Tok], text: str) -> list[_Mention]:
    mentions: list[_Mention] = []
    group: list[_Mention] = []
    list_mode = False
    list_honorifics: list[str] = []
    floor = 0  # token after the previous person's words: later left-hand positions start no earlier
    entry = _row_entry(toks)
    shared_title: _Pos | None = None
    group_title: _Pos | None = None
    honorific_words = _honorifics()
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok.is_word:
            if tok.text in (".", "(", ")"):
                list_mode = False
            i += 1
            continue
        if not tok.is_capitalised and tok.key not in honorific_words and "." not in tok.text:
            i += 1  # most words: neither a name nor an honorific opens with them
            continue
        mention: _Mention | None = None
        honorific = _honorifics_at(toks, i)
        if honorific is not None:
            h_end, forms, strength = honorific
            n_start = h_end + 1 if h_end < len(toks) and toks[h_end].text == ":" else h_end
            n_end = _name_run_end(toks, n_start, upper=True)
            words = [t.text for t in toks[n_start:n_end]]
            strong = strength in ("strong", "plural")
            if _valid_name(words, strong=strong):
                mention = _Mention(" ".join(words), toks[n_start].start, toks[n_end - 1].end, forms)
            elif words and _is_title_case_word(words[0]) and _key(words[0]) not in _non_name_words():
                # A bare given name ("đồng chí Bình", "anh Quân"): kept only if it names one known person.
                n_end = n_start + 1
                mention = _Mention(words[0], toks[n_start].start, toks[n_start].end, forms, bare=True)
            if mention is None:
                i = h_end
                continue
            if strength == "plural":
                list_mode, list_honorifics = True, forms
            mention.first_token = i
            left: list[_Pos] = []
            if i > floor and toks[i - 1].text in ":,":
                left, _ = _left_positions(toks, i, text, floor, separators=":,")
            mention.positions.extend(left)
        elif tok.is_capitalised:
            if i + 1 == len(toks) or not (toks[i + 1].is_capitalised or _is_upper_word(toks[i + 1].text)):
                i += 1  # a capitalised word alone ("Trong", "Hội viên"): a name has two words at least
                continue
            run_end = _name_run_end(toks, i, upper=i == entry)
            surname_at = next(
                (s for s in range(i, run_end - 1) if run_end - s <= _MAX_NAME_WORDS and _surname_ok(toks[s].text)),
                None,
            )
            if surname_at is None:
                i = max(run_end, i + 1)
                continue
            n_start = surname_at
            n_end = run_end
            words = [t.text for t in toks[n_start:n_end]]
            if not _valid_name(words, strong=False) or _street_or_place_context(toks, n_start, words):
                i = run_end
                continue
            left, first = _left_positions(toks, n_start, text, floor)
            accepted = bool(left)
            if not accepted and _clause_start(toks, n_start):
                after = toks[n_end] if n_end < len(toks) else None
                if after is not None and after.text in _APPOSITIVE_SEPARATORS:
                    accepted = _title_at(toks, n_end + 1, fuzzy=True) is not None or (list_mode and after.text == ",")
                elif after is not None:
                    accepted = _predicate_at(toks, n_end) is not None
                accepted = accepted or (
                    list_mode
                    and (
                        after is None
                        or after.text in (",", ";", ".", "(")
                        or after.key == "và"
                        or _cue_at(toks, n_end) is not None
                    )
                )
            accepted = accepted or (n_start == i and _row_accepts(toks, entry, n_start, n_end))
            if not accepted:
                i = run_end
                continue
            honorifics = list(list_honorifics) if list_mode and not left else []
            mention = _Mention(" ".join(words), toks[n_start].start, toks[n_end - 1].end, honorifics)
            mention.positions.extend(left)
            mention.first_token = first
        else:
            i += 1
            continue
        if left and left[0].start > 0 and toks[left[0].start - 1].key in _PLURAL_WORDS:
            shared_title = left[-1]  # "Các Ủy viên: đ/c A - ...; đ/c B - ...": each is an "Ủy viên"
        elif not left and shared_title is not None:
            mention.positions.append(shared_title)
        mention.row = n_end < len(toks) and (
            _is_year(toks[n_end])
            if mention.first_token == 0
            else mention.first_token == entry and _opens_cells(toks, n_end)
        )
        previous = mentions[-1] if mentions else None
        if not _same_group(toks, previous, mention):
            group = []
            # "Thư ký Đại hội: đồng chí A và đồng chí B": the title before a colon is each one's.
            colon = left and left[-1].end < len(toks) and toks[left[-1].end].text == ":"
            group_title = left[-1] if colon else None
        elif not left and group_title is not None:
            mention.positions.append(group_title)
        j = _right_side(toks, n_end, text, mention, group)
        mention.last_token = j
        floor = max(j, n_end)
        mentions.append(mention)
        group.append(mention)
        i = max(j, n_end)
    return mentions


def _street_or_place_context(toks: Sequence[_Tok], n_start: int, words: Sequence[str]) -> bool:
    """ "đường Trần Phú" is a street; "tỉnh Lâm Hà"-like pairs after an admin word are places."""
    if n_start == 0:
        return False
    if toks[n_start - 1].key in _STREET_WORDS:
        return True
    return _after_level(toks, n_start) and len(words) == 2 and _surnames().names.get(_key(words[0]), False)


def _after_level(toks: Sequence[_Tok], n_start: int) -> bool:
    """A level of administration or its Party committee stands right before token n_start: "huyện X",
    "thành phố X", "Huyện ủy X"."""
    if n_start == 0:
        return False
    before = toks[n_start - 1].key
    if before in _ADMIN_WORDS:
        return True
    return before in _COMMITTEE_WORDS and n_start >= 2 and toks[n_start - 2].key in _LEVEL_WORDS


def _places_named_like_people(toks: Sequence[_Tok], person_starts: set[int]) -> set[str]:
    """Name-shaped words after a level of administration that no construction makes a person: places
    named after people, such as "huyện Trần Văn Thời"."""
    out: set[str] = set()
    for k in range(1, len(toks)):
        if not toks[k].is_capitalised or toks[k].start in person_starts or not _after_level(toks, k):
            continue
        words = [t.text for t in toks[k : _name_run_end(toks, k, upper=False)]]
        if _valid_name(words, strong=False):
            out.add(_key(" ".join(words)))
    return out


# --------------------------------------------------------------------------------------------------
# Signature blocks.

_SIGNATURE_NOTE_RE = re.compile(r"^\s*[\(\[]?\s*(?:đã\s+ký|ký|chữ\s+ký|ký\s+tên)\b.*$", re.IGNORECASE)


def _is_signature_note(line: str) -> bool:
    stripped = line.strip()
    return bool(_SIGNATURE_NOTE_RE.match(stripped)) or (
        stripped.startswith(("(", "[")) and stripped.endswith((")", "]")) and len(stripped) < 60
    )


def _signature_name(toks: Sequence[_Tok]) -> _Mention | None:
    """A line that holds only a name, perhaps after honorifics ("ThS. Trần Quốc Bảo")."""
    honorific = _honorifics_at(toks, 0)
    n0, forms = (honorific[0], honorific[1]) if honorific is not None else (0, [])
    words = [t.text for t in toks[n0:]]
    if not 2 <= len(words) <= _MAX_NAME_WORDS or _name_run_end(toks, n0, upper=True) != len(toks):
        return None
    if not _surname_ok(words[0]) or not _valid_name(words, strong=False):
        return None
    return _Mention(" ".join(words), toks[n0].start, toks[-1].end, forms, awaiting=False)


def _signature_title(toks: Sequence[_Tok], line: str, text: str) -> _Pos | None:
    """A signer's title line: "CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "THƯ KÝ ĐẠI HỘI"."""
    k = 0
    while k < len(toks) and (toks[k].key in _CAPACITY_PREFIXES or toks[k].text in ".:"):
        k += 1
    pos = _parse_position(toks, k, len(toks), text, "current")
    if pos is None or pos.end != len(toks) or not (line.isupper() or len(toks) <= _MAX_SIGNATURE_TITLE_TOKENS):
        return None
    return pos


def _has_capacity(toks: Sequence[_Tok]) -> bool:
    """ "KT. CHỦ TỊCH", "TM. BAN CHẤP HÀNH": a line that opens with the capacity a signer signs in."""
    return bool(toks) and toks[0].key in _CAPACITY_PREFIXES


def _authority_lines(lines: Sequence[tuple[int, str]], text: str) -> list[tuple[int, _Pos]]:
    """Lines in capitals that are a whole position with its body ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"): the
    authority line of a decision, which repeats its signer's title. (line index, position)."""
    out: list[tuple[int, _Pos]] = []
    for idx, (start, line) in enumerate(lines):
        if not line.isupper() or len(line.split()) > 14:
            continue
        toks = _tokenize(text, start, start + len(line))
        pos = _parse_position(toks, 0, len(toks), text, "current")
        if pos is not None and pos.end == len(toks) and pos.organization:
            out.append((idx, pos))
    return out


def _signature_mentions(text: str, lines: Sequence[tuple[int, str]], names: dict[int, _Mention]) -> list[_Mention]:
    """Signers: a name line under a title line, notes such as "(Đã ký)" between them. Signers side by side
    come out as their title lines in a row, then their name lines in the same order.

    ``lines`` are the text's non-blank lines (start, text) and ``names`` the name lines among them, by
    index, found as the lines went by (``_signature_name``). The few lines a signer looks back at, and the
    authority lines, are tokenized again, each at most once however many signers read it (a long text
    holds many signature blocks)."""
    if not names:
        return []
    tokens: dict[int, list[_Tok]] = {}

    def toks_of(idx: int) -> list[_Tok]:
        if idx not in tokens:
            start, line = lines[idx]
            tokens[idx] = _tokenize(text, start, start + len(line))
        return tokens[idx]

    title_lines: dict[int, _Pos | None] = {}
    authorities: list[tuple[int, _Pos]] | None = None
    out: list[_Mention] = []
    for idx, mention in names.items():
        run_start = idx
        while run_start - 1 in names:
            run_start -= 1
        run_end = idx
        while run_end + 1 in names:
            run_end += 1
        titles: list[tuple[int, _Pos]] = []
        back, notes = run_start - 1, 0
        while back >= 0 and len(titles) <= run_end - run_start and notes <= _MAX_SIGNATURE_NOTES:
            if back not in title_lines:
                title_lines[back] = _signature_title(toks_of(back), lines[back][1], text)
            pos = title_lines[back]
            if pos is not None and titles and titles[0][0] == back + 1 and _has_capacity(toks_of(back)):
                pass  # "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH": one signer's capacity and title
            elif pos is not None:
                titles.insert(0, (back, pos))
            elif _is_signature_note(lines[back][1]) and not titles:
                notes += 1
            else:
                break
            back -= 1
        rank = idx - run_start
        if len(titles) == run_end - run_start + 1:
            title_line, pos = titles[rank]
        elif rank == 0 and titles:
            title_line, pos = titles[-1]
        else:
            continue
        mention.positions.append(pos)
        # The authority line of a decision repeats the signer's title with its body:
        # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH".
        if authorities is None:
            authorities = _authority_lines(lines, text)
        for a_idx, apos in authorities:
            if a_idx < title_line and apos.title == pos.title:
                mention.positions.append(apos)
        out.append(mention)
    return out


# --------------------------------------------------------------------------------------------------
# Merging.


def _position_key(pos: Position) -> str:
    words = [_abbreviations().get(_key(w), w) for w in pos.raw.split()]
    return _key(" ".join(words))


def _terms(raw: str) -> list[str]:
    return _TERM_NUMBER_RE.findall(raw)


def _same_position(a: Position, b: Position) -> bool:
    if _terms(a.raw) != _terms(b.raw):
        return False  # "Bí thư Huyện ủy khóa XI" and "... khóa XII" are held in different terms
    if _key(a.raw) == _key(b.raw):
        # A signature block's "CHỦ TỊCH" is kept beside the prose's "Chủ tịch", as written.
        return a.raw.isupper() == b.raw.isupper()
    return fuzz.ratio(_position_key(a), _position_key(b)) >= _POSITION_DUPLICATE_RATIO


_STATUS_ORDER: dict[PositionStatus | None, int] = {
    None: 0,
    "current": 1,
    "former": 2,
    "elected": 3,
    "left": 4,
}


def _merge_position(positions: list[Position], new: Position) -> None:
    for n, old in enumerate(positions):
        if _same_position(old, new):
            if _STATUS_ORDER[new.status] > _STATUS_ORDER[old.status]:
                positions[n] = old.model_copy(update={"status": new.status})
            return
    positions.append(new)


@dataclass
class _PersonDraft:
    names: list[str]
    honorifics: list[str]
    positions: list[Position]
    spans: list[tuple[int, int]]
    departed: bool = False


def _preferred_name(names: Sequence[str]) -> str:
    for name in names:
        if not name.isupper():
            return name
    return names[0]


def find_people(text: PagedText) -> list[Person]:
    """Every distinct named person of the text, with honorifics, positions and mentions."""
    return _find_people(text, _lines(text.text))


def _find_people(text: PagedText, lines: Iterable[_Line]) -> list[Person]:
    mentions: list[_Mention] = []
    places: set[str] = set()
    after_level: set[int] = set()  # where mentions open right after a level of administration
    signature_lines: list[tuple[int, str]] = []  # the non-blank lines (start, text)
    signature_names: dict[int, _Mention] = {}  # the lines among them that hold only a name
    for text_line in lines:
        toks = text_line.toks
        stripped = text_line.text.strip()
        if stripped:
            if len(stripped) <= _MAX_SIGNATURE_NAME_CHARS and (name := _signature_name(toks)):
                signature_names[len(signature_lines)] = name
            signature_lines.append((text_line.start, text_line.text))
        line = _line_mentions(toks, text.text)
        starts = {x.start for x in line}
        places |= _places_named_like_people(toks, starts)
        if line:
            after_level |= {t.start for k, t in enumerate(toks) if t.start in starts and _after_level(toks, k)}
        mentions.extend(line)
    # "Chủ tịch Hội LHPN huyện Trần Văn Thời" names no person when the text also writes "huyện Trần Văn
    # Thời" as a place.
    mentions = [x for x in mentions if not (x.start in after_level and _key(x.name) in places and not x.honorifics)]
    mentions.extend(_signature_mentions(text.text, signature_lines, signature_names))
    mentions.sort(key=lambda x: x.start)

    drafts: dict[str, _PersonDraft] = {}
    bare: list[_Mention] = []
    seen_spans: set[tuple[int, int]] = set()
    for mention in mentions:
        if mention.bare:
            bare.append(mention)
            continue
        draft = drafts.setdefault(_key(mention.name), _PersonDraft([], [], [], []))
        _absorb(draft, mention, seen_spans)
    for mention in bare:
        given = _key(mention.name)
        owners = [d for k, d in drafts.items() if k.split()[-1] == given]
        if len(owners) == 1:
            _absorb(owners[0], mention, seen_spans)

    people: list[Person] = []
    for draft in drafts.values():
        positions = draft.positions
        if draft.departed:
            positions = [
                p.model_copy(update={"status": "left"}) if p.status in (None, "elected") else p for p in positions
            ]
        people.append(
            Person(
                name=_preferred_name(draft.names),
                honorifics=draft.honorifics,
                positions=positions,
                mentions=[text.span(s, e) for s, e in sorted(draft.spans)],
            )
        )
    return people


def _absorb(draft: _PersonDraft, mention: _Mention, seen_spans: set[tuple[int, int]]) -> None:
    if mention.bare:
        pass
    else:
        draft.names.append(mention.name)
    if (mention.start, mention.end) not in seen_spans:
        seen_spans.add((mention.start, mention.end))
        draft.spans.append((mention.start, mention.end))
    for form in mention.honorifics:
        if _key(form) not in {_key(h) for h in draft.honorifics}:
            draft.honorifics.append(form)
    for pos in mention.positions:
        _merge_position(
            draft.positions,
            Position(title=pos.title.canonical, organization=pos.organization, raw=pos.raw, status=pos.status),
        )
    draft.departed = draft.departed or mention.departed


# --------------------------------------------------------------------------------------------------
# Organisations.


@dataclass(frozen=True)
class _OrgHead:
    keys: tuple[str, ...]
    kind: str  # "-" for a phrase that is not a body
    needs_name: bool


@cache
def _org_heads() -> dict[str, list[_OrgHead]]:
    index: dict[str, list[_OrgHead]] = {}
    for head, kind, needs_name in _rows("organization_heads.tsv"):
        entry = _OrgHead(_keys(head), kind, needs_name == "1")
        index.setdefault(entry.keys[0], []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda h: -len(h.keys))
    return index


@cache
def _org_head_index() -> _PhraseIndex[_OrgHead]:
    return _PhraseIndex((head.keys, head) for entries in _org_heads().values() for head in entries)


@cache
def _excluded_org_head_index() -> _PhraseIndex[_OrgHead]:
    """The phrases that open like a body but are none ("Hội nghị", "Đại hội"): the only heads a word in
    lower case can open."""
    return _PhraseIndex((head.keys, head) for entries in _org_heads().values() for head in entries if head.kind == "-")


@cache
def _body_openers() -> frozenset[str]:
    """First words of titles and of body heads: the words a capitalised body (or the title before one)
    opens with."""
    return frozenset(_title_index().first_words | _org_head_index().first_words)


def _org_head_at(toks: Sequence[_Tok], i: int) -> tuple[int, _OrgHead] | None:
    """The longest body head at token i (excluded phrases included, with kind "-"); a body's head is
    written with a capital."""
    if i >= len(toks) or not toks[i].is_word:
        return None
    heads = _org_head_index() if toks[i].is_capitalised else _excluded_org_head_index()
    return heads.longest_at(toks, i)


def _names_more(tok: _Tok) -> bool:
    """After a head that is a name by itself ("Ban Chấp hành", "UBND"), the name goes on only with a
    capitalised word, a number or a level of administration: "Ban Chấp hành Đảng bộ", "UBND tỉnh".
    A head that is not a name by itself needs one such word: "Hội Nông dân", not "Hội luôn quan tâm"."""
    return tok.is_capitalised or tok.text[0].isdigit() or tok.key in _LEVEL_WORDS or tok.key in _TERM_WORDS


def _initials(text: str) -> str:
    return "".join(word[0] for word in text.split() if word[0].isalnum()).upper()


def _is_short_form(short: str, name: str) -> bool:
    """ "(BCH)" after "Ban Chấp hành", "(Liên hiệp hội thị xã)" after "Liên hiệp các hội ... thị xã ..."."""
    words = short.split()
    if not words or not words[0][0].isupper() or len(short) >= len(name) or len(words) > 8:
        return False
    if len(words) == 1 and short.replace("&", "").isupper():
        return short.replace("&", "") == _initials(name)
    name_keys = {_key(w) for w in name.split()}
    return all(_key(w) in name_keys for w in words)


@dataclass
class _OrgDraft:
    names: list[str]
    kind: str
    spans: set[tuple[int, int]]  # a body named often has hundreds of mentions


@dataclass(frozen=True, slots=True)
class _BodyMention:
    name: str
    kind: str
    start: int
    end: int
    full_key: str | None = None  # a short form defined in brackets: the key of the full name before it


def _line_bodies(toks: Sequence[_Tok], text: str, person_starts: Set[int]) -> list[_BodyMention]:
    """The bodies named in one line, in order; a body's name stops before a person's name."""
    out: list[_BodyMention] = []
    capital_openers, lower_openers = _body_openers(), _excluded_org_head_index().first_words
    persons = [k for k, tok in enumerate(toks) if tok.start in person_starts] if person_starts else []
    i = 0
    while i < len(toks):
        if toks[i].key not in (capital_openers if toks[i].is_capitalised else lower_openers):
            i += 1  # most words: no title or head opens with them
            continue
        title = _title_at(toks, i) if toks[i].is_capitalised else None
        if title is not None:  # "Trưởng Ban tổ chức Thị ủy": the body starts at "Ban"
            i = title[0] - title[1].body_words
            continue
        head = _org_head_at(toks, i)
        if head is None:
            i += 1
            continue
        head_end, entry = head
        if entry.kind == "-":
            i = head_end
            continue
        limit = next((k for k in persons if k >= head_end), len(toks))
        # a table cell (cells are joined by tabs) ends a body's name
        limit = next((k for k in range(head_end, limit) if "\t" in text[toks[k - 1].end : toks[k].start]), limit)
        end = head_end
        nxt = toks[head_end] if head_end < limit else None
        if nxt is not None and nxt.is_word and (entry.needs_name or _names_more(nxt)):
            end = _phrase_end(toks, head_end, limit, bodies=True)
        if entry.needs_name and not any(_names_more(t) for t in toks[head_end:end]):
            i = max(head_end, end)
            continue
        name = text[toks[i].start : toks[end - 1].end]
        out.append(_BodyMention(name, entry.kind, toks[i].start, toks[end - 1].end))
        if end < len(toks) and toks[end].text == "(":
            close = next((k for k in range(end + 1, min(len(toks), end + 10)) if toks[k].text == ")"), None)
            if close is not None and close > end + 1:
                short = text[toks[end + 1].start : toks[close - 1].end]
                if _is_short_form(short, name):
                    out.append(_BodyMention(short, entry.kind, toks[end + 1].start, toks[close - 1].end, _key(name)))
                    end = close + 1
        i = end
    return out


def _people_and_bodies(text: PagedText) -> tuple[list[Person], list[_BodyMention]]:
    """The people and the bodies of the text from one reading of its lines. Each line's bodies are read as
    the line goes by, as if it named no person; the few lines that turn out to hold a person's name are
    read again once the people are known, as a body's name stops before a person's."""
    line_starts: list[int] = []
    line_texts: list[str] = []
    bodies: list[list[_BodyMention]] = []

    def read(lines: Iterable[_Line]) -> Iterator[_Line]:
        for line in lines:
            line_starts.append(line.start)
            line_texts.append(line.text)
            bodies.append(_line_bodies(line.toks, text.text, frozenset()))
            yield line

    people = _find_people(text, read(_lines(text.text)))
    person_starts = {span.start for person in people for span in person.mentions}
    for idx in sorted({bisect.bisect_right(line_starts, start) - 1 for start in person_starts}):
        toks = _tokenize(text.text, line_starts[idx], line_starts[idx] + len(line_texts[idx]))
        bodies[idx] = _line_bodies(toks, text.text, person_starts)
    return people, [body for line in bodies for body in line]


def find_organizations(text: PagedText, people: list[Person] | None = None) -> list[Organization]:
    """Named bodies of the text, each once, with every mention.

    A body opens with a head from ``organization_heads.tsv`` written with a capital ("Hội", "Ban Chấp
    hành", "UBND", "Huyện ủy" ...) and runs like the body part of a position phrase. A short form the text
    defines in brackets right after the full name ("Ban Chấp hành (BCH)", "... thị xã Hồng Lĩnh (Liên hiệp
    hội thị xã)") is merged into the full name with all its own mentions. ``people`` are the text's
    persons when already found (their names are kept out of bodies); else they are found here, from the
    same reading of the lines.
    """
    if people is None:
        people, bodies = _people_and_bodies(text)
    else:
        person_starts = {span.start for person in people for span in person.mentions}
        bodies = [body for line in _lines(text.text) for body in _line_bodies(line.toks, text.text, person_starts)]
    aliases: dict[str, str] = {}  # key of a short form -> key of the full name
    for body in bodies:
        if body.full_key is not None:
            aliases.setdefault(_key(body.name), body.full_key)
    drafts: dict[str, _OrgDraft] = {}
    for body in bodies:
        key = _key(body.name)
        key = aliases.get(key, key) if key not in aliases.values() else key
        draft = drafts.setdefault(key, _OrgDraft([], body.kind, set()))
        draft.names.append(body.name)
        draft.spans.add((body.start, body.end))
    out: list[Organization] = []
    for key, draft in drafts.items():
        full = next((n for n in draft.names if _key(n) == key), draft.names[0])
        if full.isupper():
            full = next((n for n in draft.names if _key(n) == key and not n.isupper()), full)
        out.append(Organization(name=full, kind=draft.kind, mentions=[text.span(s, e) for s, e in sorted(draft.spans)]))
    return out


__all__ = ["find_organizations", "find_people"]
