"""The entity model: exact token offsets, loading and fallback, name filter, combination, training data."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vndoc import ner_model
from vndoc.models import Person, Position, Span
from vndoc.ner_model import Entity, combine, looks_like_name, people_with_model, word_spans, words_and_spaces
from vndoc.paged_text import PagedText
from vndoc.training import Annotation, annotate, main, name_parts, occurrences, swap_names


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in word_spans(text)]


# --------------------------------------------------------------------------------------------------
# Tokens: underthesea words with exact offsets.

WORD_CASES = [
    (
        "name and title",
        "Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh.",
        ["Đồng chí", "Nguyễn Văn An", ",", "Phó", "Chủ tịch", "UBND", "tỉnh", "."],
    ),
    ("hyphen before a capitalised syllable", "Lê Bá Tuế-Thư ký", ["Lê Bá Tuế", "-", "Thư ký"]),
    (
        "hyphen before a lower-case word",
        "Trần Liễm-nguyên Chủ tịch",
        ["Trần Liễm", "-", "nguyên", "Chủ tịch"],
    ),
    ("hyphen at the end of a word", "Lê Bá Tuế- Thư ký", ["Lê Bá Tuế", "-", "Thư ký"]),
    ("hyphen inside a phrase", "kinh tế-xã hội", ["kinh tế", "-", "xã hội"]),
    ("document symbol keeps its hyphen", "số 06/QĐ-TTg", ["số", "06", "/", "QĐ-TTg"]),
    ("code keeps its hyphen", "HĐND-UBND", ["HĐND-UBND"]),
    ("old tone placement kept as written", "hoà bình", ["hoà bình"]),
    ("two spaces inside a word kept", "Hà  Nội", ["Hà  Nội"]),
    ("blank line", "  \n", []),
]


@pytest.mark.parametrize(("case", "text", "expected"), WORD_CASES, ids=[c[0] for c in WORD_CASES])
def test_word_spans(case: str, text: str, expected: list[str]) -> None:
    assert words(text) == expected


SPAN_TEXTS = [
    'Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh Hà  Nội, nói: "hoà bình"\n\n  Lê Bá Tuế-Thư ký.\n',
    "I. KẾT QUẢ\n1. Công tác tổ chức:\tđã kết nạp 1.250 hội viên (đạt 104%).",
    "\tÔng Bà Nguyễn Thị Vững   — Chủ tịch Hội\u00a0Nông dân ",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_tokens_index_the_text_exactly(text: str) -> None:
    spans = word_spans(text)
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)
    assert all("\n" not in text[s:e] for s, e in spans)
    doc = ner_model.blank()(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert [t.text for t in doc if not t.is_space] == [text[s:e] for s, e in spans]


WS_CASES = [
    ("a b", [(0, 1), (2, 3)], (["a", "b"], [True, False])),
    ("a  b\n", [(0, 1), (3, 4)], (["a", " ", "b", "\n"], [True, False, False, False])),
    (" a,b", [(1, 2), (2, 3), (3, 4)], ([" ", "a", ",", "b"], [False, False, False, False])),
]


@pytest.mark.parametrize(("text", "spans", "expected"), WS_CASES)
def test_words_and_spaces(text: str, spans: list[tuple[int, int]], expected: tuple[list[str], list[bool]]) -> None:
    assert words_and_spaces(text, spans) == expected
    got_words, got_spaces = words_and_spaces(text, spans)
    assert "".join(w + (" " if s else "") for w, s in zip(got_words, got_spaces, strict=True)) == text


# --------------------------------------------------------------------------------------------------
# The trained model.

SENTENCES = [
    ("Dự hội nghị có đồng chí Trần Văn Minh, Phó Chủ tịch UBND tỉnh.", "Trần Văn Minh"),
    ("Bà Nguyễn Thị Hoa, Chủ tịch Hội Nông dân huyện phát biểu khai mạc hội nghị.", "Nguyễn Thị Hoa"),
    ("Đại hội đã bầu đồng chí Lê Quang Hưng giữ chức Chủ tịch Hội Khuyến học xã.", "Lê Quang Hưng"),
    ("Thay mặt Ban Thường vụ, ông Phạm Đức Thắng trình bày báo cáo tổng kết.", "Phạm Đức Thắng"),
]


def test_model_loads_once() -> None:
    nlp = ner_model.load_pipeline()
    assert nlp is ner_model.load_pipeline()
    assert set(ner_model.LABELS) <= set(nlp.get_pipe("ner").labels)


@pytest.mark.parametrize(("sentence", "name"), SENTENCES)
def test_model_finds_obvious_names(sentence: str, name: str) -> None:
    entities = ner_model.find_entities(PagedText.single_page(sentence))
    assert name in [e.span.text for e in entities if e.label == "PERSON"]
    assert all(sentence[e.span.start : e.span.end] == e.span.text for e in entities)


def test_model_reads_each_line_apart() -> None:
    text = "\n".join(s for s, _ in SENTENCES)
    entities = ner_model.find_entities(PagedText(text, (0, len(SENTENCES[0][0]) + 1)))
    people = [e for e in entities if e.label == "PERSON"]
    assert {n for _, n in SENTENCES} <= {e.span.text for e in people}
    assert all("\n" not in e.span.text and text[e.span.start : e.span.end] == e.span.text for e in entities)
    assert {e.span.page for e in people if e.span.text == "Trần Văn Minh"} == {1}
    assert {e.span.page for e in people if e.span.text == "Phạm Đức Thắng"} == {2}


def test_missing_model_falls_back_to_rules(tmp_path: Path) -> None:
    rules = [Person(name="Trần Văn Minh")]
    people, note = people_with_model(PagedText.single_page(SENTENCES[1][0]), rules, tmp_path / "absent")
    assert people == rules
    assert note is not None and "no trained entity model" in note and "rules only" in note


def test_missing_model_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ner_model.MODEL_ENV, str(tmp_path))
    assert ner_model.model_dir() == tmp_path
    with pytest.raises(ner_model.ModelUnavailable, match="no trained entity model"):
        ner_model.load_pipeline()


def test_with_model_adds_a_missed_person() -> None:
    text = SENTENCES[0][0]
    people, note = people_with_model(PagedText.single_page(text), [])
    assert note is None
    assert [p.name for p in people] == ["Trần Văn Minh"]


# --------------------------------------------------------------------------------------------------
# Name filter and combination (no model needed).

NAME_CASES = [
    ("Nguyễn Văn An", True),
    ("NGUYỄN VĂN AN", True),
    ("Lê Thị Hồng Nhung", True),
    ("H'Hen Niê", True),
    ("Ngô Lê", True),
    ("An", False),  # a bare given name
    ("Thị Hoa", False),  # no family name first
    ("Nguyễn văn an", False),
    ("Nguyễn Văn An Bình Minh Hoà", False),  # six syllables
    ("Hội Nông dân", False),
    ("Nguyễn Văn 3", False),
    ("Hà Tĩnh", False),  # a province
    ("Đoàn Gia Lai", False),  # a body named after a province
    ("Thái Bình Dương", False),  # opens with a province
]


@pytest.mark.parametrize(("text", "expected"), NAME_CASES)
def test_looks_like_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


TEXT = (
    "Ông Nguyễn Văn An, bà Trần Thị Bình và anh Minh cùng NGUYỄN VĂN AN, Hội Nông dân, Lê Văn Cường, "
    "số 5 đường Trần Hưng Đạo, Đoàn Gia Lai."
)
PAGED = PagedText.single_page(TEXT)


def entity(label: str, words: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return Entity(label, PAGED.span(start, start + len(words)))


def person(name: str, nth: int = 0) -> Person:
    return Person(name=name, mentions=[entity("PERSON", name, nth).span])


COMBINE_CASES = [
    (
        "model adds a missed name",
        [person("Nguyễn Văn An")],
        [entity("PERSON", "Trần Thị Bình")],
        ["Nguyễn Văn An", "Trần Thị Bình"],
    ),
    (
        "same name as a rule person",
        [person("Nguyễn Văn An")],
        [entity("PERSON", "NGUYỄN VĂN AN")],
        ["Nguyễn Văn An"],
    ),
    (
        "overlapping a rule mention",
        [Person(name="Văn An", mentions=[entity("PERSON", "Văn An").span])],
        [entity("PERSON", "Nguyễn Văn An")],
        ["Văn An"],
    ),
    (
        "part of a rule name",
        [Person(name="Nguyễn Văn An", mentions=[entity("PERSON", "NGUYỄN VĂN AN").span])],
        [entity("PERSON", "Nguyễn Văn")],
        ["Nguyễn Văn An"],
    ),
    ("holds a rule name", [Person(name="Thị Bình")], [entity("PERSON", "Trần Thị Bình")], ["Thị Bình"]),
    ("bare given name refused", [], [entity("PERSON", "Minh")], []),
    ("body refused", [], [entity("PERSON", "Hội Nông dân")], []),
    ("other labels ignored", [], [entity("POSITION", "Lê Văn Cường")], []),
    ("a street", [], [entity("PERSON", "Trần Hưng Đạo")], []),
    ("a body named after a province", [], [entity("PERSON", "Đoàn Gia Lai")], []),
    (
        "capitals shown title-cased, mentions merged",
        [],
        [entity("PERSON", "Nguyễn Văn An"), entity("PERSON", "NGUYỄN VĂN AN")],
        ["Nguyễn Văn An"],
    ),
]


@pytest.mark.parametrize(("case", "rules", "entities", "expected"), COMBINE_CASES, ids=[c[0] for c in COMBINE_CASES])
def test_combine(case: str, rules: list[Person], entities: list[Entity], expected: list[str]) -> None:
    assert [p.name for p in combine(rules, entities, TEXT)] == expected


def test_combine_without_the_text_cannot_see_the_street() -> None:
    assert [p.name for p in combine([], [entity("PERSON", "Trần Hưng Đạo")])] == ["Trần Hưng Đạo"]


def test_combine_keeps_rule_people_untouched() -> None:
    rule = Person(
        name="Lê Văn Cường",
        positions=[Position(title="Chủ tịch", raw="Chủ tịch")],
        mentions=[entity("PERSON", "Lê Văn Cường").span],
    )
    combined = combine([rule], [entity("PERSON", "Nguyễn Văn An"), entity("PERSON", "NGUYỄN VĂN AN")])
    assert combined[0] is rule
    assert combined[1].name == "Nguyễn Văn An"
    assert [m.text for m in combined[1].mentions] == ["Nguyễn Văn An", "NGUYỄN VĂN AN"]
    assert combined[1].positions == []


# --------------------------------------------------------------------------------------------------
# Training data.

OCCURRENCE_CASES = [
    ("Ông Lê Văn An và Lê Văn Anh", "Lê Văn An", [(4, 13)]),
    ("Phó Chủ tịch; Chủ tịch", "Chủ tịch", [(4, 12), (14, 22)]),
    ("abc", "", []),
]


@pytest.mark.parametrize(("text", "needle", "expected"), OCCURRENCE_CASES)
def test_occurrences(text: str, needle: str, expected: list[tuple[int, int]]) -> None:
    assert occurrences(text, needle) == expected


def test_annotate_projects_gold_and_settles_overlaps() -> None:
    text = "Ông Lê Văn An, Phó Chủ tịch Hội.\nLÊ VĂN AN\nChủ tịch"
    gold = {"people": [{"name": "Lê Văn An", "positions": ["Phó Chủ tịch Hội", "Chủ tịch"]}]}
    assert annotate(text, gold, orgs=False) == [
        Annotation(4, 13, "PERSON"),
        Annotation(15, 31, "POSITION"),
        Annotation(33, 42, "PERSON"),
        Annotation(43, 51, "POSITION"),
    ]


@pytest.mark.parametrize("corpus", ["corpus/test", "../shared/realtexts", "corpus/seed"])
def test_training_refuses_measuring_material(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([corpus, "--output", "unused"]) == 2
    assert "measuring material" in capsys.readouterr().err


def test_entity_spans_are_spans() -> None:
    e = entity("PERSON", "Trần Thị Bình")
    assert isinstance(e.span, Span) and TEXT[e.span.start : e.span.end] == "Trần Thị Bình"


def test_name_parts_pool() -> None:
    assert name_parts(["Nguyễn Văn An", "LÊ THỊ BÌNH", "Kim Sa Rươl", "Trần 3"]) == [
        "An",
        "Bình",
        "Rươl",
        "Sa",
        "Thị",
        "Văn",
    ]


def test_swap_names_moves_the_spans() -> None:
    line = "Ông Lê Văn An, Phó Chủ tịch; LÊ VĂN AN ký."
    annotations = [Annotation(4, 13, "PERSON"), Annotation(15, 27, "POSITION"), Annotation(29, 38, "PERSON")]
    new_line, moved = swap_names((line, annotations), random.Random(0), ["Đỗ"], ["Hoa"])
    assert new_line == "Ông Đỗ Hoa, Phó Chủ tịch; ĐỖ HOA ký."
    assert [(new_line[a.start : a.end], a.label) for a in moved] == [
        ("Đỗ Hoa", "PERSON"),
        ("Phó Chủ tịch", "POSITION"),
        ("ĐỖ HOA", "PERSON"),
    ]
