"""Pre-Unicode Vietnamese encodings: TCVN3 (ABC) and VNI, recognised and converted to Unicode NFC.

Before Unicode, Vietnamese text was typed in 8-bit *font encodings*: the bytes are ordinary Windows-1252
text, and a special font draws them as Vietnamese letters. Read without that font, "Quyết định" shows as
"QuyÕt ®Þnh" (TCVN3, fonts .VnTime, .VnArial ...) or "Quyeát ñònh" (VNI, fonts VNI-Times ...). Two
ways tell which runs of a document are such text:

* the **font name** (PDF characters, RTF and Word runs know theirs): :func:`font_encoding`. The
  capitals-only TCVN3 fonts (.VnTimeH, .VnArialH, names ending in H) draw every letter as a capital,
  so their runs are upper-cased;
* **statistics** where no font is known (plain text, runs in a Unicode font holding pasted legacy text):
  :func:`guess_encoding` reads every word containing non-ASCII characters as it is, as TCVN3 and as VNI,
  and keeps the reading under which more words are well-formed Vietnamese syllables (an onset from
  the closed set of initial consonants, one to three vowels carrying at most one tone mark, a final
  from the closed set). Garbled text almost never forms syllables, so the margin is wide.

Conversion (:func:`convert`) is per character run: TCVN3 is one byte per letter, VNI a base letter
plus a diacritic byte, so a run must not be cut inside a letter. Font names are checked against the
text (:func:`confirm_encoding`, :func:`convert_words`): a word that is Vietnamese only when read in the
other legacy encoding is read in that one, since keyboards were switched without changing the font.
Characters are taken as the bytes they were (Windows-1252/Latin-1 positions), plus a few look-alikes
that PDF producers substitute for bytes that are soft hyphens or middle dots in Windows-1252
(``data/legacy_glyph_aliases.tsv``).

TCVN3 has no capital letters with tone marks; typists writing capitals in the lower-case font produced
"MôC LôC" or "PHÇN" (a capital word with lower-case toned vowels). A word whose other letters are all
capitals (at least two) is read as all capitals: "MỤC LỤC", "PHẦN".

Tone-mark placement (hoà/hòa) is left as written: matching unifies it (:func:`vndoc.normalize.match_key`).
The tables are ``data/tcvn3.tsv`` and ``data/vni.tsv``, loaded on first use.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from vndoc.tables import load_table

TCVN3 = "tcvn3"
VNI = "vni"
UNICODE = "unicode"
LEGACY_ENCODINGS = (TCVN3, VNI)


@dataclass(frozen=True)
class FontEncoding:
    """The legacy encoding a font name stands for; ``upper``: the font draws capitals only."""

    encoding: str
    upper: bool = False


# --- font names ------------------------------------------------------------------------------------

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
# Word's names of one font in another character set: ".VnTimeH Tur", ".VnTime CE" ...
_CHARSET_SUFFIX = re.compile(r"\s+(?:Tur|CE|Cyr|Greek|Baltic|\([A-Za-z ]+\))$")
_PAREN_SUFFIX = re.compile(r"\s*\([^)]*\)$")
_STYLE_WORD = r"(?:Bold|Italic|Oblique|Regular|Roman|Semibold|Demi|Medium|Light|Black|Heavy|Book|Normal|MT|PS)"
_STYLE_SUFFIX = re.compile(rf"(?:[\s,_-]*{_STYLE_WORD})+$")
_VNI_NAME = re.compile(r"VNI(?![a-z])")
_TCVN3_NAME = re.compile(r"^\.?V[Nn](?!I)[A-Z0-9]|TCVN|^ABC")


@functools.cache
def base_font_name(fontname: str) -> str:
    """A PDF font name without its subset prefix: "GDNPMF+VnTimeHBold" -> "VnTimeHBold"."""
    return _SUBSET_PREFIX.sub("", fontname.strip())


def _family(fontname: str) -> str:
    name = _SUBSET_PREFIX.sub("", fontname.strip()).split(";")[0].strip()
    name = _CHARSET_SUFFIX.sub("", name)
    name = name.split(",")[0]
    name = _PAREN_SUFFIX.sub("", name)
    return _STYLE_SUFFIX.sub("", name).strip()


@functools.cache
def font_encoding(fontname: str | None) -> FontEncoding | None:
    """The legacy encoding of a font, from its name; None for Unicode (or unknown) fonts.

    ".VnTime", "VnTimeBold", "ABCDEF+.VnTime,Bold", ".VnArial Narrow" -> TCVN3; ".VnTimeH",
    "VnTimeHBold", ".Vn3DH" -> TCVN3 capitals; "VNI-Times", "VNI-Helve-Condense" -> VNI.
    """
    if not fontname:
        return None
    family = _family(fontname)
    if _VNI_NAME.search(family):
        return FontEncoding(VNI)
    if _TCVN3_NAME.search(family):
        return FontEncoding(TCVN3, upper=family.endswith("H"))
    return None


# --- tables ----------------------------------------------------------------------------------------


@functools.cache
def _aliases() -> dict[str, str]:
    """Characters standing for a byte of a legacy font (PDF ToUnicode substitutes) -> that byte as Latin-1."""
    return {row["char"]: chr(int(row["byte"], 16)) for row in load_table("legacy_glyph_aliases")}


@functools.cache
def _tcvn3() -> dict[str, str]:
    return {chr(int(row["byte"], 16)): row["letter"] for row in load_table("tcvn3")}


@functools.cache
def _vni() -> tuple[dict[str, str], dict[str, str]]:
    """(two-byte sequences, single bytes) -> letter, both keyed by the bytes as Latin-1 characters."""
    pairs: dict[str, str] = {}
    singles: dict[str, str] = {}
    for row in load_table("vni"):
        key = "".join(chr(int(b, 16)) for b in row["bytes"].split())
        (pairs if len(key) == 2 else singles)[key] = row["letter"]
    return pairs, singles


def _as_bytes(text: str) -> str:
    """Characters as the bytes they were: Windows-1252 punctuation and PDF look-alikes back to their byte."""
    aliases = _aliases()
    out = []
    for ch in text:
        if ord(ch) < 0x100:
            out.append(ch)
        elif ch in aliases:
            out.append(aliases[ch])
        else:
            out.append(ch)
    return "".join(out)


# --- conversion ------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_TCVN3_CAPITALS = frozenset("ĂÂÊÔƠƯĐ")


def _capitals_word(m: re.Match[str]) -> str:
    """A word of capitals (two or more) with lower-case toned vowels typed in a TCVN3 font: all capitals."""
    word = m.group(0)
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    capitals = sum(1 for c in word if c.isupper() and (c.isascii() or c in _TCVN3_CAPITALS))
    if capitals >= 2 and all(c.isupper() for c in ascii_letters) and any(c.islower() for c in word):
        return word.upper()
    return word


_TOKEN = re.compile(r"\S+")


def _upper_token(m: re.Match[str]) -> str:
    token = m.group(0)
    return token if any(c.isdigit() for c in token) else token.upper()


def _upper_words(text: str) -> str:
    """Text of a capitals-only font in capitals, except tokens with digits: the letters of a document
    symbol ("115/2004/QĐ-TTg") keep the case they were typed in, which is significant there."""
    return _TOKEN.sub(_upper_token, text)


def tcvn3_to_unicode(text: str, *, upper: bool = False) -> str:
    """TCVN3 text (bytes read as Latin-1/Windows-1252) -> Unicode NFC."""
    table = _tcvn3()
    converted = "".join(table.get(ch, ch) for ch in _as_bytes(text))
    converted = _upper_words(converted) if upper else _WORD.sub(_capitals_word, converted)
    return unicodedata.normalize("NFC", converted)


def vni_to_unicode(text: str, *, upper: bool = False) -> str:
    """VNI text (bytes read as Latin-1/Windows-1252) -> Unicode NFC.

    A base letter takes the diacritic byte that follows it; a diacritic byte in the other case than its
    letter ("Aù" typed with a shifted A only) is still that letter's diacritic.
    """
    pairs, singles = _vni()
    raw = _as_bytes(text)
    out: list[str] = []
    i = 0
    while i < len(raw):
        pair = raw[i : i + 2]
        letter = pairs.get(pair)
        if letter is None and len(pair) == 2 and pair[1] >= "\xc0":
            other = chr(ord(pair[1]) ^ 0x20)
            letter = pairs.get(pair[0] + other)
            if letter is not None:
                letter = letter.upper() if pair[0].isupper() else letter.lower()
        if letter is not None:
            out.append(letter)
            i += 2
            continue
        out.append(singles.get(raw[i], raw[i]))
        i += 1
    converted = "".join(out)
    return unicodedata.normalize("NFC", _upper_words(converted) if upper else converted)


def convert(text: str, encoding: str, *, upper: bool = False) -> str:
    """Text of one run in ``encoding`` ("tcvn3", "vni"; anything else is returned as NFC) -> Unicode."""
    if encoding == TCVN3:
        return tcvn3_to_unicode(text, upper=upper)
    if encoding == VNI:
        return vni_to_unicode(text, upper=upper)
    return unicodedata.normalize("NFC", _upper_words(text) if upper else text)


_UNICODE_VIETNAMESE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)


def is_unicode_vietnamese(text: str) -> bool:
    """Holds a letter that only Unicode Vietnamese has (ă đ ơ ư ạ ... ỹ): not legacy bytes."""
    return _UNICODE_VIETNAMESE.search(text) is not None


def convert_run(text: str, fontname: str | None) -> tuple[str, str]:
    """(Unicode text, encoding) of a run drawn in ``fontname``: converted when the font is a legacy one
    and the text is not already Unicode Vietnamese (a Unicode keyboard used with a legacy font)."""
    found = font_encoding(fontname)
    if found is None or is_unicode_vietnamese(text):
        return text, UNICODE
    encoding = confirm_encoding(text, found.encoding) if len(text.split()) > 1 else found.encoding
    return convert_words(text, encoding, upper=found.upper), encoding


# --- statistics ------------------------------------------------------------------------------------

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
# Vowel nuclei (tone marks removed) that may take a final consonant, that must take one, and those
# that end the syllable.
_CLOSABLE = "uy|oa|oe|uê|[aeêioôơuưy]"
_CLOSED = "uyê|iê|yê|uô|ươ|oă|uâ|oo|[ăâ]"
_OPEN = "iêu|yêu|oai|oao|oay|oeo|uôi|ươi|ươu|uây|uya|uyu|uơ|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu"
_STOP = r"ch|[cpt]"
_CODA = rf"ng|nh|[mn]|{_STOP}"
_SYLLABLE = re.compile(rf"{_ONSET}(?:(?:{_CLOSABLE})(?P<coda>{_CODA})?|(?:{_CLOSED})(?P<final>{_CODA})|(?:{_OPEN}))")
_STOP_TONES = frozenset("\u0301\u0323")
"""After a stop final (-c, -ch, -p, -t) only the sắc and nặng tones occur."""
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_TONES_TABLE = {ord(m): None for m in _TONE_MARKS}
_EDGE_PUNCT = "\"'()[]{}<>.,;:!?-–—…“”‘’*/\\|"


def _is_syllable(piece: str) -> bool:
    """A well-formed Vietnamese syllable, in lower, Title or UPPER case."""
    if not (piece.islower() or piece.isupper() or piece.istitle()):
        return False
    decomposed = unicodedata.normalize("NFD", piece.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", decomposed.translate(_TONES_TABLE))
    m = _SYLLABLE.fullmatch(bare)
    if m is None:
        return False
    coda = m.group("coda") or m.group("final") or ""
    return not (coda in ("c", "ch", "p", "t") and not (tones and tones[0] in _STOP_TONES))


def _word_is_vietnamese(word: str) -> bool:
    """Every letter group of ``word`` that holds a non-ASCII letter is a syllable, and there is one."""
    pieces = [p for p in re.findall(r"[^\W\d_]+", word) if not p.isascii()]
    return bool(pieces) and all(_is_syllable(p) for p in pieces)


def _candidates(text: str) -> list[str]:
    """Whitespace-separated words holding a non-ASCII character, edge punctuation stripped."""
    return [w for w in (t.strip(_EDGE_PUNCT) for t in text.split()) if w and not w.isascii()]


def _legacy_possible(word: str) -> bool:
    aliases = _aliases()
    return all(ord(c) < 0x100 or c in aliases for c in word)


@dataclass(frozen=True)
class EncodingScores:
    """How many candidate words read as Vietnamese as they are, as TCVN3 and as VNI."""

    words: int
    unicode: int
    tcvn3: int
    vni: int


@functools.lru_cache(maxsize=1 << 16)
def _readings(word: str) -> tuple[bool, bool, bool]:
    """Whether ``word`` is Vietnamese as it is, read as TCVN3, read as VNI (cached: a text repeats its
    few thousand syllables)."""
    asis = _word_is_vietnamese(unicodedata.normalize("NFC", word))
    if not _legacy_possible(word):
        return asis, False, False
    return asis, _word_is_vietnamese(tcvn3_to_unicode(word)), _word_is_vietnamese(vni_to_unicode(word))


def score_encodings(text: str) -> EncodingScores:
    words = _candidates(text)
    asis = tcvn3 = vni = 0
    for word in words:
        a, t, v = _readings(word)
        asis += a
        tcvn3 += t
        vni += v
    return EncodingScores(len(words), asis, tcvn3, vni)


def guess_encoding(text: str, *, prior: str = UNICODE, min_words: int = 1) -> str:
    """ "tcvn3", "vni" or "unicode" for text whose font says nothing.

    A legacy reading wins when it makes more words Vietnamese than the text as it is, and at least half
    of the candidate words. ``prior`` (the document's encoding) breaks ties between the two readings.
    """
    scores = score_encodings(text)
    if scores.words < min_words:
        return prior if prior in LEGACY_ENCODINGS and scores.words else UNICODE
    best = max(LEGACY_ENCODINGS, key=lambda e: (getattr(scores, e), e == prior))
    best_score = getattr(scores, best)
    if best_score * 2 < scores.words:
        return UNICODE
    if best_score > scores.unicode or (best_score == scores.unicode and best_score and prior == best):
        return best
    return UNICODE


def confirm_encoding(text: str, encoding: str) -> str:
    """The font's legacy encoding, unless the text reads as Vietnamese in the other one more often.

    Fonts lie now and then: a document typed with a VNI keyboard into a TCVN3-named font shows VNI
    bytes under a TCVN3 name. Neither encoding's text makes syllables when read as the other.
    """
    if text.isascii():
        return encoding
    scores = score_encodings(text)
    other = VNI if encoding == TCVN3 else TCVN3
    return other if getattr(scores, other) > getattr(scores, encoding) else encoding


def convert_words(text: str, encoding: str, *, upper: bool = False) -> str:
    """Legacy text converted with ``encoding``, except words that are Vietnamese only in the other one."""
    other = VNI if encoding == TCVN3 else TCVN3
    if encoding not in LEGACY_ENCODINGS or text.isascii():
        return convert(text, encoding, upper=upper)
    index = LEGACY_ENCODINGS.index(encoding) + 1  # position in the tuple of _readings
    segments: list[tuple[str, list[str]]] = []
    for token in re.split(r"(\s+)", text):
        chosen = encoding
        if token and not token.isascii() and not token.isspace():
            readings = _readings(token.strip(_EDGE_PUNCT))
            if not readings[index] and readings[3 - index]:
                chosen = other
        if segments and segments[-1][0] == chosen:
            segments[-1][1].append(token)
        else:
            segments.append((chosen, [token]))
    return "".join(convert("".join(parts), chosen, upper=upper) for chosen, parts in segments)


def convert_guessed(text: str, *, prior: str = UNICODE) -> tuple[str, str]:
    """(Unicode text, encoding) of a run without a legacy font name, decided by :func:`guess_encoding`."""
    encoding = guess_encoding(text, prior=prior)
    return (convert(text, encoding) if encoding != UNICODE else text), encoding


def summarize(encodings: Iterable[str]) -> str:
    """The encoding a document reports: its legacy encodings ("tcvn3", "tcvn3+vni"), else "unicode"."""
    found = sorted(set(encodings) & set(LEGACY_ENCODINGS))
    return "+".join(found) if found else UNICODE
