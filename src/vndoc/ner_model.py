"""A trained entity model beside the people rules: a small spaCy NER over underthesea's words.

Why a model at all: the rules in ``people.py`` know the fixed shapes in which the genre introduces people
(honorific, appositive, predicate, signature block); a tagger trained on annotated documents of the genre
can pick up people introduced in a shape the rules do not list. It is trained on the project's development
corpus (``python -m vndoc.training``; recipe, command and scores in ``models/README.md``) with three labels:
PERSON, POSITION and ORG.

Tokens are underthesea's words: its CRF segmenter joins the syllables of one word ("Chủ tịch", "Nguyễn Văn
An"). A token's text is the exact stretch of the original text from its first syllable to its last, so a
token may hold a space, and every entity's ``start_char``/``end_char`` index the text as given. Segmentation
runs one line at a time (entities never cross a paragraph break), without underthesea's token
normalisation (it rewrites tone placement, which would break the offsets), and with spaces put around
hyphens that separate words rather than the parts of a code ("Lê Bá Tuế-Thư ký", "Trần Liễm-nguyên Chủ
tịch", but not "QĐ-TTg"), so that a name never shares a token with the next word. A line whose
words cannot be found back in order falls back to a plain regex tokenisation (letters/digits runs and
single other characters). The token attributes PREFIX and SUFFIX, which spaCy's embedding reads, are set
to the first and the last syllable of the word (lower-cased): a family name then is the same feature in
"Nguyễn Văn An" and "Nguyễn Thị Bình".

Loading is explicit and cached (:func:`load_pipeline`), never at import; spaCy itself is imported on first
use. The model directory is ``$VNDOC_NER_MODEL`` when set, else ``models/vndoc-ner`` of the source checkout.
When spaCy or the model is missing, :func:`people_with_model` returns the rule people unchanged with a
note saying why.

Combining (:func:`combine`): the rules come first and are kept as they are; a PERSON span of the model adds
a person only when no rule person has a mention overlapping the span or a name that holds it or that it
holds (the same name, "Nguyễn Văn" of "Nguyễn Văn An", "Nguyễn Văn An Phó"), and the span looks like
a Vietnamese name: two to five syllables, each capitalised (or the whole name in capitals, as in a
signature block), the first a family name of ``data/surnames.tsv`` (or opening with one of its name
prefixes such as "H'"), not a place of ``data/places.tsv`` nor a body named after one ("Đoàn Gia Lai"),
and not right after a word that introduces a place or a street (``data/place_words.tsv``: "xã", "đường").
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vndoc.models import Person, Span
from vndoc.normalize import match_key
from vndoc.paged_text import PagedText

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

LABELS = ("PERSON", "POSITION", "ORG")
MODEL_ENV = "VNDOC_NER_MODEL"
TOKENIZER_NAME = "vndoc.underthesea_words.v1"
SCORER_NAME = "vndoc.ner_scorer.v1"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "vndoc-ner"

# --------------------------------------------------------------------------------------------------
# Tokens: underthesea words mapped back onto the text.

_FALLBACK_TOKEN = re.compile(r"[^\W_]+|\S")
_HYPHEN = re.compile(r"[-–—]")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_LETTERS_AFTER = re.compile(r"^[^\W\d_]+")
_MAX_NAME_SYLLABLES = 5


def _cut_at(line: str, start: int, end: int, hyphen: int) -> bool:
    """Whether the hyphen at ``hyphen`` inside the chunk ``line[start:end]`` separates two words.

    A hyphen at either end of the chunk is cut off ("Tuế-" before a space); one between two syllables is
    cut unless it joins the parts of a code: "Tuế-Thư", "Liễm-nguyên" and "A-Chủ" are cut, "QĐ-TTg",
    "HĐND-UBND" and "06/QĐ-TTg" are not.
    """
    if hyphen == start or hyphen == end - 1:
        return True
    left = _LETTERS_BEFORE.search(line, start, hyphen)
    right = _LETTERS_AFTER.search(line[hyphen + 1 : end])
    if left is None or right is None:
        return False
    after = right.group()
    return not left.group().isupper() or (after[0].isupper() and after[1:2].islower())


def _spaced_hyphens(line: str) -> str:
    """The line with spaces around the hyphens that separate words, for the segmenter to see them."""
    cuts = [
        m.start()
        for chunk in re.finditer(r"\S+", line)
        for m in _HYPHEN.finditer(line, chunk.start(), chunk.end())
        if chunk.end() - chunk.start() > 1 and _cut_at(line, chunk.start(), chunk.end(), m.start())
    ]
    pieces, cursor = [], 0
    for cut in cuts:
        pieces += [line[cursor:cut], f" {line[cut]} "]
        cursor = cut + 1
    return "".join([*pieces, line[cursor:]])


def _fallback_spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in _FALLBACK_TOKEN.finditer(line)]


def _line_word_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each word of one line; the stretch between two words is whitespace only.

    The segmenter reads the line with spaces put around word-separating hyphens; since only spaces were
    added, each of its syllables is found again in the line itself, in order, past whitespace.
    """
    if not line.strip():
        return []
    from underthesea import word_tokenize

    spans: list[tuple[int, int]] = []
    pos = 0
    for word in word_tokenize(_spaced_hyphens(line), use_token_normalize=False):
        start = None
        for syllable in word.split():
            while pos < len(line) and line[pos].isspace():
                pos += 1
            if not line.startswith(syllable, pos):
                return _fallback_spans(line)
            if start is None:
                start = pos
            pos += len(syllable)
        if start is not None:
            spans.append((start, pos))
    if line[pos:].strip():
        return _fallback_spans(line)
    return spans


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of ``text``, line by line; whitespace belongs to no word."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans += [(offset + s, offset + e) for s, e in _line_word_spans(line)]
        offset += len(line) + 1
    return spans


def words_and_spaces(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy's ``Doc(words, spaces)`` arguments whose text is exactly ``text``.

    One space after a word is the word's trailing space; any other whitespace becomes a token of its own.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[pos:start]
        if gap.startswith(" ") and words and not words[-1].isspace():
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    return words, spaces


class WordTokenizer:
    """spaCy tokenizer: underthesea words with exact offsets (see the module docstring)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words, spaces = words_and_spaces(text, word_spans(text))
        return Doc(self.vocab, words=words, spaces=spaces)

    # nothing to store: the segmenter ships with underthesea
    def to_disk(self, path: Path, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Path, **kwargs: Any) -> WordTokenizer:
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> WordTokenizer:
        return self


def _first_syllable(word: str) -> str:
    return word.split(" ", 1)[0].lower()


def _last_syllable(word: str) -> str:
    return word.rsplit(" ", 1)[-1].lower()


def _create_tokenizer() -> Callable[[Language], WordTokenizer]:
    def create(nlp: Language) -> WordTokenizer:
        from spacy.attrs import PREFIX, SUFFIX

        getters: dict[int, Callable[[str], str]] = nlp.vocab.lex_attr_getters  # type: ignore[attr-defined]
        getters[PREFIX] = _first_syllable  # read before any word is stored: every lexeme gets them
        getters[SUFFIX] = _last_syllable
        return WordTokenizer(nlp.vocab)

    return create


def _create_scorer() -> Callable[..., dict[str, Any]]:
    """spaCy's entity scores plus ``ents_person_f``, the PERSON F-score that picks the best checkpoint."""
    from spacy.scorer import get_ner_prf

    def score(examples: Iterable[Any], **kwargs: Any) -> dict[str, Any]:
        scores = get_ner_prf(examples, **kwargs)
        per_type = scores.get("ents_per_type") or {}
        scores["ents_person_f"] = per_type.get("PERSON", {}).get("f", 0.0)
        return scores

    return score


@cache
def register() -> None:
    """Make the tokenizer and scorer known to spaCy's registry (needed to load or train the pipeline)."""
    from spacy import registry

    registry.tokenizers.register(TOKENIZER_NAME, func=_create_tokenizer)
    registry.scorers.register(SCORER_NAME, func=_create_scorer)


def blank() -> Language:
    """An empty Vietnamese pipeline with the underthesea word tokenizer."""
    import spacy

    register()
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})


# --------------------------------------------------------------------------------------------------
# Loading.


class ModelUnavailable(RuntimeError):
    """spaCy or the trained pipeline cannot be loaded; the message says why."""


def model_dir() -> Path:
    configured = os.environ.get(MODEL_ENV)
    return Path(configured) if configured else DEFAULT_MODEL_DIR


@cache
def _load(path: Path) -> Language | str:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency; kept for stripped installs
        return f"spaCy is not installed ({exc})"
    if not (path / "config.cfg").is_file():
        return f"no trained entity model at {path}"
    register()
    try:
        return spacy.load(path)
    except Exception as exc:  # a damaged or incompatible model must not stop the rules
        return f"the entity model at {path} could not be loaded ({type(exc).__name__}: {exc})"


def load_pipeline(path: Path | None = None) -> Language:
    """The trained pipeline (loaded once per directory); raises :class:`ModelUnavailable`."""
    loaded = _load((path or model_dir()).resolve())
    if isinstance(loaded, str):
        raise ModelUnavailable(loaded)
    return loaded


# --------------------------------------------------------------------------------------------------
# Entities.


@dataclass(frozen=True)
class Entity:
    label: str
    span: Span


def _lines(text: str) -> Iterable[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, line
        offset += len(line) + 1


def find_entities(text: PagedText, nlp: Language | None = None) -> list[Entity]:
    """Every entity the model tags, one line at a time; raises :class:`ModelUnavailable`."""
    nlp = nlp or load_pipeline()
    lines = list(_lines(text.text))
    entities = []
    for (offset, _line), doc in zip(lines, nlp.pipe(line for _, line in lines), strict=True):
        for ent in doc.ents:
            entities.append(Entity(ent.label_, text.span(offset + ent.start_char, offset + ent.end_char)))
    return entities


# --------------------------------------------------------------------------------------------------
# People from model spans, and the combination with the rules.


def _table(name: str) -> list[list[str]]:
    """Data rows of a TSV table of ``vndoc/data``: comment lines (#) and the header line dropped."""
    table = resources.files("vndoc").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line.strip() and not line.startswith("#")]
    return [[cell.strip() for cell in row] for row in rows[1:]]


@cache
def _places() -> frozenset[str]:
    return frozenset(match_key(row[0]) for row in _table("places.tsv"))


@cache
def _place_words() -> frozenset[str]:
    return frozenset(match_key(row[0]) for row in _table("place_words.tsv"))


@cache
def family_names() -> tuple[str, ...]:
    """The family names of ``data/surnames.tsv`` as written (name prefixes left out)."""
    return tuple(row[0] for row in _table("surnames.tsv") if (row[2] if len(row) > 2 else "surname") != "prefix")


@cache
def _surnames() -> tuple[frozenset[str], tuple[str, ...]]:
    """(family-name keys, name-prefix keys) of ``data/surnames.tsv``."""
    names = frozenset(match_key(name) for name in family_names())
    prefixes = tuple(match_key(row[0]) for row in _table("surnames.tsv") if len(row) > 2 and row[2] == "prefix")
    return names, prefixes


def _capitalised(syllable: str) -> bool:
    """ "An", "H'Hen", "Ksor": a capital, then lower case (after an apostrophe or a hyphen, either)."""
    parts = re.split(r"['’-]", syllable)
    if not all(p.isalpha() for p in parts) or not parts[0][0].isupper():
        return False
    return all(p[1:].islower() or len(p) == 1 for p in parts)


def _is_place(syllables: Sequence[str]) -> bool:
    """A place of the table, or a body named after one: "Gia Lai", "Phú Thọ", "Đoàn Gia Lai"."""
    places = _places()
    return any(match_key(" ".join(part)) in places for part in (syllables, syllables[:2], syllables[1:]))


def looks_like_name(text: str) -> bool:
    """Two to five capitalised syllables (or all in capitals), the first a family name or name prefix, and
    not a place (see :func:`_is_place`)."""
    syllables = text.split()
    if not 2 <= len(syllables) <= _MAX_NAME_SYLLABLES:
        return False
    upper = all(re.sub(r"['’-]", "", s).isalpha() and s.isupper() for s in syllables)
    if not upper and not all(_capitalised(s) for s in syllables):
        return False
    surnames, prefixes = _surnames()
    first = match_key(syllables[0])
    if not (first in surnames or any(first.startswith(p) and len(first) > len(p) for p in prefixes)):
        return False
    return not _is_place(syllables)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\S\n]*$")


def after_place_word(text: str, start: int) -> bool:
    """Whether the word right before ``start`` (on the same line) introduces a place: "xã", "đường" ..."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and match_key(m.group(1)) in _place_words()


def _display_name(text: str) -> str:
    syllables = text.split()
    if all(s.isupper() for s in syllables):
        syllables = [s[:1] + s[1:].lower() for s in syllables]
    return " ".join(syllables)


def model_people(entities: Iterable[Entity], *, name_filter: bool = False) -> list[Person]:
    """One person per distinct name among the PERSON entities (optionally only name-shaped ones)."""
    mentions: dict[str, tuple[str, list[Span]]] = {}
    for entity in entities:
        if entity.label != "PERSON" or (name_filter and not looks_like_name(entity.span.text)):
            continue
        name = _display_name(entity.span.text)
        mentions.setdefault(match_key(name), (name, []))[1].append(entity.span)
    return [Person(name=name, mentions=spans) for name, spans in mentions.values()]


def _overlaps(span: Span, taken: Sequence[tuple[int, int]]) -> bool:
    return any(span.start < end and start < span.end for start, end in taken)


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return any(tuple(longer[i : i + n]) == tuple(shorter) for i in range(len(longer) - n + 1))


def _known(name: str, rule_names: Sequence[tuple[str, ...]]) -> bool:
    """The name is a rule person's, or a part of one ("Nguyễn Văn"), or holds one ("Nguyễn Văn An Phó")."""
    words = tuple(match_key(name).split())
    return any(_contains(known, words) or _contains(words, known) for known in rule_names)


def combine(rule_people: Sequence[Person], model_spans: Iterable[Entity], text: str | None = None) -> list[Person]:
    """The rule people, then the name-shaped model people the rules missed (see the module docstring).

    With the document's ``text``, a span right after a word that introduces a place ("xã", "đường") is
    left out too.
    """
    rule_names = [tuple(match_key(p.name).split()) for p in rule_people]
    taken = [(m.start, m.end) for p in rule_people for m in p.mentions]
    candidates = [
        e
        for e in model_spans
        if not _overlaps(e.span, taken) and (text is None or not after_place_word(text, e.span.start))
    ]
    added = [p for p in model_people(candidates, name_filter=True) if not _known(p.name, rule_names)]
    return [*rule_people, *added]


def people_with_model(
    text: PagedText, rule_people: Sequence[Person], path: Path | None = None
) -> tuple[list[Person], str | None]:
    """:func:`combine` over the model's entities, or the rule people and a note when the model is missing."""
    try:
        nlp = load_pipeline(path)
    except ModelUnavailable as exc:
        return list(rule_people), f"entity model not used: {exc}; people come from the rules only"
    return combine(rule_people, find_entities(text, nlp), text.text), None
