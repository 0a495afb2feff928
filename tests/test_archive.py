"""The archive: schema and migrations, one transaction per document, people across documents, the
queries on the corpus (expected rows checked against the gold files), the CLI, and Datasette."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO, shared_path
from vndoc.archive import (
    SCHEMA_VERSION,
    TABLES,
    Archive,
    ArchiveError,
    DocumentRef,
    FileStat,
    Migration,
    PersonRow,
    cluster_people,
    fts_query,
    symbol_key,
)
from vndoc.cli import cli
from vndoc.models import Failure
from vndoc.pipeline import extract

CORPUS_TEXTS = sorted((REPO / "corpus" / "dev").glob("*.txt")) + sorted((REPO / "corpus" / "test").glob("*.txt"))

DOC = (
    "HỘI NÔNG DÂN TỈNH NGHỆ AN\nSố: 12-BC/HND\nVinh, ngày 15 tháng 3 năm 2009\nBÁO CÁO\nTỔNG KẾT NĂM 2008\n"
    "I. KẾT QUẢ\nĐồng chí Nguyễn Văn An, Chủ tịch Hội Nông dân tỉnh phát biểu. Hội có 19 chi hội.\n"
    "Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ.\n"
    "II. PHƯƠNG HƯỚNG\nTiếp tục phát triển.\n"
)


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus texts (dev and test) archived in-process, named by their stems."""
    path = tmp_path_factory.mktemp("archive") / "corpus.sqlite"
    with Archive(path) as store:
        for text in CORPUS_TEXTS:
            doc = extract(text)
            doc = doc.model_copy(update={"source": doc.source.model_copy(update={"path": text.stem})})
            store.add_document(doc, files=[FileStat(text.stem)])
    return path


def _table_counts(store: Archive) -> dict[str, int]:
    return {t: n for t, n in store.row_counts().items() if n}


# ---------------------------------------------------------------------------------------------------
# Schema, migrations, writing


def test_new_archive_has_the_current_schema_in_wal_mode(tmp_path):
    with Archive(tmp_path / "a.sqlite") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert [r[0] for r in store.db.execute("SELECT version FROM migrations")] == list(range(1, SCHEMA_VERSION + 1))
        names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert set(TABLES) | {"migrations", "documents_fts"} <= names
        assert store.row_counts() == dict.fromkeys(TABLES, 0)


def test_migrations_apply_in_order_and_keep_the_data(tmp_path):
    path = tmp_path / "a.sqlite"
    with Archive(path) as store:
        store.add_document(extract(DOC))
    extra = Migration(SCHEMA_VERSION + 1, "a note column", "ALTER TABLE documents ADD COLUMN note TEXT;")
    with Archive(path) as store:
        from vndoc.archive import MIGRATIONS

        store.migrate((*MIGRATIONS, extra))
        assert store.schema_version == SCHEMA_VERSION + 1
        assert store.db.execute("SELECT count(*), count(note) FROM documents").fetchone() == (1, 0)
        store.migrate((*MIGRATIONS, extra))  # already applied: nothing happens
        assert store.db.execute("SELECT count(*) FROM migrations").fetchone()[0] == SCHEMA_VERSION + 1
    # This vndoc knows fewer steps than the file has: refuse rather than misread it.
    with pytest.raises(ArchiveError, match="newer than this vndoc"):
        Archive(path)


def test_a_failing_migration_leaves_the_previous_version(tmp_path):
    path = tmp_path / "a.sqlite"
    Archive(path).close()
    from vndoc.archive import MIGRATIONS

    broken = Migration(SCHEMA_VERSION + 1, "broken", "CREATE TABLE notes (x);\nINSERT INTO nowhere VALUES (1);")
    with Archive(path) as store:
        with pytest.raises(sqlite3.OperationalError):
            store.migrate((*MIGRATIONS, broken))
        assert store.schema_version == SCHEMA_VERSION
        assert store.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'notes'").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("content", "create", "message"),
    [
        (b"<html>not a database</html>" * 100, True, "not a vndoc archive"),
        (None, False, "no such archive"),
        ("no-folder", True, "cannot be opened"),
    ],
)
def test_what_is_not_an_archive_is_refused(tmp_path, content, create, message):
    path = tmp_path / "x.sqlite"
    if content == "no-folder":
        path, content = tmp_path / "missing" / "x.sqlite", None
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ArchiveError, match=message):
        Archive(path, create=create)


def test_a_document_is_stored_once_with_all_its_records(tmp_path):
    doc = extract(DOC)
    with Archive(tmp_path / "a.sqlite") as store:
        first = store.add_document(doc, files=[FileStat("/x/a.txt", 10, 1)])
        again = store.add_document(doc, files=[FileStat("/x/copy.txt", 10, 2)])
        assert first == again
        counts = store.row_counts()
        assert counts["documents"] == 1 and counts["files"] == 2
        assert counts["people"] == len(doc.people) == 1
        assert counts["positions"] == sum(len(p.positions) for p in doc.people)
        assert counts["references"] == len(doc.references) == 1
        assert counts["counts"] == len(doc.counts)
        assert counts["sections"] == 2 and counts["organizations"] == len(doc.organizations)
        assert store.document(doc.source.sha256) == doc  # the full JSON round-trips
        row = store.db.execute("SELECT place, date, doc_type, number FROM documents").fetchone()
        assert row == ("Vinh", "2009-03-15", "Báo cáo", "12-BC/HND")
        assert store.file_hash(FileStat("/x/a.txt", 10, 1)) == doc.source.sha256
        assert store.file_hash(FileStat("/x/a.txt", 11, 1)) is None  # changed size: hash again


def test_a_version_1_archive_is_upgraded_keeping_documents_records_and_search(tmp_path):
    """An archive written before bound volumes were split (one row per content) is rebuilt in place:
    every document keeps its id (part 0, a whole file), its records stay attached, and search still works."""
    from vndoc.archive import _SCHEMA_1, _statements

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)")
    for statement in _statements(_SCHEMA_1):
        db.execute(statement)
    db.execute("INSERT INTO migrations VALUES (1, 'first', '2025-01-01T00:00:00')")
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO documents (id, sha256, media_type, pages, title, text, json, schema_version, vndoc_version, "
        "archived_at) VALUES (7, 'abc', 'text/plain', 1, 'Báo cáo tổng kết', 'Hội Nông dân xã', '{}', '1', "
        "'0.1.0', '2025-01-01')"
    )
    db.execute("INSERT INTO sections (document_id, ordinal, title, level) VALUES (7, 0, 'KẾT QUẢ', 1)")
    db.close()
    with Archive(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.db.execute("SELECT id, sha256, part, part_count FROM documents").fetchall() == [(7, "abc", 0, 1)]
        assert store.db.execute("SELECT document_id FROM sections").fetchall() == [(7,)]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert [hit.document.sha256 for hit in store.search("hoi nong dan")] == ["abc"]
        store.add_document(extract(DOC))  # the rebuilt table's triggers index new documents
        assert [hit.document.number for hit in store.search("tong ket nam 2008")] == ["12-BC/HND"]
        store.db.execute("DELETE FROM documents WHERE id = 7")  # and cascades still reach the records
        assert store.db.execute("SELECT count(*) FROM sections WHERE document_id = 7").fetchone() == (0,)


def test_a_bound_volume_is_stored_as_its_parts(tmp_path):
    from benchmarks.render import make_long_pdf
    from vndoc.pipeline import extract_documents

    make_long_pdf(12, tmp_path / "volume.pdf", seed=1, src_dir=REPO / "corpus" / "test")
    docs = extract_documents(tmp_path / "volume.pdf")
    assert len(docs) >= 3
    sha = docs[0].source.sha256
    with Archive(tmp_path / "a.sqlite") as store:
        first = store.add_documents(docs, files=[FileStat("/x/volume.pdf", 1, 1)])
        assert store.add_documents(docs, files=[FileStat("/x/copy.pdf", 1, 2)]) == first  # stored once
        rows = store.db.execute("SELECT part, part_count, first_page, last_page FROM documents ORDER BY part")
        expected = [(d.part.index, len(docs), d.part.first_page, d.part.last_page) for d in docs if d.part]
        assert rows.fetchall() == expected
        assert store.documents(sha) == docs and store.document(sha, 2) == docs[1]
        assert store.row_counts()["references"] == sum(len(d.references) for d in docs)
        citing = next(d for d in docs if d.references)
        symbol = citing.references[0].symbol or ""
        assert citing.part and citing.part.index in {c.document.part for c in store.cites(symbol)}
        assert store.file_hash(FileStat("/x/copy.pdf", 1, 2)) == sha


def test_a_success_replaces_the_earlier_failure(tmp_path):
    doc = extract(DOC)
    failure = Failure(path="/x/a.txt", error="LimitExceededError", message="too slow", exit_code=7)
    with Archive(tmp_path / "a.sqlite") as store:
        store.add_failure(failure, sha256=doc.source.sha256, files=[FileStat("/x/a.txt")])
        store.add_failure(failure, sha256=doc.source.sha256, files=[FileStat("/x/a.txt")])
        assert [(f.path, f.attempts) for f in store.failures()] == [("/x/a.txt", 2)]
        assert store.status_of(doc.source.sha256) == "failed"
        store.add_failure(failure, sha256=None, files=[FileStat("/x/missing.txt")])
        store.add_document(doc, files=[FileStat("/x/a.txt")])
        assert store.status_of(doc.source.sha256) == "done"
        assert [f.path for f in store.failures()] == ["/x/missing.txt"]


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("06/QĐ-TTg", "06/qd-ttg"),
        ("06 / QĐ-TTg", "06/qd-ttg"),
        ("06/qđ-ttg", "06/qd-ttg"),
        ("45/2010/NĐ-CP", "45/2010/nd-cp"),
        ("05-CT/TW", "05-ct/tw"),
    ],
)
def test_symbol_keys(written, key):
    assert symbol_key(written) == key


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("khuyến học", '"khuyến" "học"'),
        ('"Hội Khuyến học" Bình Phước', '"Hội Khuyến học" "Bình" "Phước"'),
        ("45/2010/NĐ-CP", '"45" "2010" "NĐ" "CP"'),
        ("NOT OR AND ( ) *", '"NOT" "OR" "AND"'),  # FTS5 operators are words here, not syntax
        ("  ", ""),
    ],
)
def test_fts_query(text, query):
    assert fts_query(text) == query


# ---------------------------------------------------------------------------------------------------
# People across documents


def _row(row_id: int, name: str, doc: str, place: str | None, *orgs: str) -> PersonRow:
    from vndoc.normalize import match_key

    return PersonRow(
        row_id=row_id,
        document=DocumentRef(
            sha256=doc, path=doc, date=dt.date(2000 + row_id, 1, 1), doc_type=None, number=None, title=None
        ),
        name=name,
        place=match_key(place, diacritics=False) if place else None,
        place_name=place,
        organizations=frozenset(match_key(o, diacritics=False) for o in orgs),
    )


# Each case: rows as (name, document, place, organisations...), and the people expected (row numbers).
PEOPLE_CASES = {
    "same name, same place": (
        [("Nguyễn Văn An", "d1", "Vinh"), ("Nguyễn Văn An", "d2", "Vinh")],
        [[0, 1]],
    ),
    "same name, places differ, nothing shared": (
        [("Nguyễn Văn An", "d1", "Vinh", "Hội Nông dân tỉnh Nghệ An"), ("Nguyễn Văn An", "d2", "Huế", "Sở Y tế")],
        [[0], [1]],
    ),
    "same name, places differ, one central body": (
        [
            ("Hà Văn Tuyển", "d1", "Cao Bằng", "Trung ương Hội Cựu chiến binh Việt Nam"),
            ("Hà Văn Tuyển", "d2", "Đà Nẵng", "Trung ương Hội Cựu chiến binh Việt Nam"),
        ],
        [[0, 1]],
    ),
    "same name, no context on one side": (
        [("Nguyễn Văn An", "d1", "Vinh"), ("Nguyễn Văn An", "d2", None)],
        [[0], [1]],
    ),
    "same name, same body, no places": (
        [("Nguyễn Văn An", "d1", None, "Hội Khuyến học huyện"), ("Nguyễn Văn An", "d2", None, "Hội Khuyến học huyện")],
        [[0, 1]],
    ),
    "case and tone placement are the same name": (
        [("Lê Văn Thuỷ", "d1", "Huế"), ("LÊ VĂN THỦY", "d2", "Huế")],
        [[0, 1]],
    ),
    "OCR variant, same issuer": (
        [
            ("Nguyễn Văn Hùng", "d1", "Vinh", "Hội Nông dân tỉnh"),
            ("Nguyễn Văn Hùng", "d2", "Vinh", "Hội Nông dân tỉnh"),
            ("Nguyen Van Hung", "d3", "Vinh", "Hội Nông dân tỉnh"),
        ],
        [[0, 1, 2]],
    ),
    "OCR variant, another province": (
        [("Nguyễn Văn Hùng", "d1", "Vinh", "Hội Nông dân tỉnh"), ("Nguyen Van Hung", "d2", "Huế", "Sở Y tế")],
        [[0], [1]],
    ),
    "variants in one document are two people": (
        [("Nguyễn Văn Hùng", "d1", "Vinh"), ("Nguyễn Văn Hưng", "d1", "Vinh")],
        [[0], [1]],
    ),
    "different names never merge": (
        [("Nguyễn Văn An", "d1", "Vinh"), ("Trần Văn An", "d2", "Vinh")],
        [[0], [1]],
    ),
    "no chain through a row that agrees with both sides": (
        [
            ("Nguyễn Văn An", "d1", "Vinh", "Hội Nông dân"),
            ("Nguyễn Văn An", "d2", None, "Hội Nông dân", "Hội Cựu chiến binh"),
            ("Nguyễn Văn An", "d3", "Huế", "Hội Cựu chiến binh"),
        ],
        [[0, 1], [2]],
    ),
}


@pytest.mark.parametrize(("rows", "expected"), list(PEOPLE_CASES.values()), ids=list(PEOPLE_CASES))
def test_people_are_merged_by_name_and_context(rows, expected):
    built = [_row(i, *spec) for i, spec in enumerate(rows)]
    groups = cluster_people(built)
    assert sorted(sorted(r.row_id for r in g) for g in groups) == expected


# ---------------------------------------------------------------------------------------------------
# Queries on the corpus


def _gold_citing(number: str, year: int, type_code: str, issuer_code: str) -> list[str]:
    out = []
    for text in CORPUS_TEXTS:
        gold = json.loads(text.with_name(text.stem + ".gold.json").read_text(encoding="utf-8"))
        for ref in gold.get("references") or []:
            key = (ref.get("number"), ref.get("year"), ref.get("type_code"), ref.get("issuer_code"))
            if key == (number, year, type_code, issuer_code):
                out.append(text.stem)
                break
    return sorted(out)


@pytest.mark.parametrize(
    ("symbol", "gold_key", "expected"),
    [
        (
            "45/2010/NĐ-CP",
            ("45", 2010, "NĐ", "CP"),
            [
                "a-hkh-phongdien-2010-bienban",
                "a-hkhkt-tunganh-2016-bienban",
                "b-snv-kontum-2014-banvandong",
                "b-ubnd-lamdong-2011-pheduyetdieule",
                "b-ubnd-muongang-2020-congvan",
            ],
        ),
        ("45/2010/nd-cp", ("45", 2010, "NĐ", "CP"), None),  # case and accents of the symbol do not matter
        ("281/QĐ-TTg", ("281", 2014, "QĐ", "TTg"), ["a-hkh-binhphuoc-2015-nghiquyet", "a-hkh-vanchan-2021-news"]),
        ("112/2005/QĐ-TTg", ("112", 2005, "QĐ", "TTg"), ["a-hkh-phongdien-2010-bienban"]),
        ("999/QĐ-TTg", ("999", None, "QĐ", "TTg"), []),
    ],
)
def test_cites_finds_the_documents_the_gold_files_say(corpus_archive, symbol, gold_key, expected):
    gold = _gold_citing(*gold_key)
    if expected is not None:
        assert gold == expected
    with Archive(corpus_archive) as store:
        citations = store.cites(symbol)
    assert sorted(c.document.path for c in citations) == gold
    assert all(symbol_key(c.symbol or "") == symbol_key(symbol) for c in citations)


def test_cites_rows_are_dated_and_ordered(corpus_archive):
    with Archive(corpus_archive) as store:
        rows = [(c.document.path, c.document.date, c.raw, c.page) for c in store.cites("45/2010/NĐ-CP")]
    assert rows == [
        ("a-hkh-phongdien-2010-bienban", dt.date(2010, 10, 14), "Nghị định số 45/2010/NĐ-CP ngày 21/4/2010", 1),
        ("b-ubnd-lamdong-2011-pheduyetdieule", dt.date(2011, 8, 22), "Nghị định số 45/2010/NĐ-CP ngày 21/4/2010", 1),
        ("b-snv-kontum-2014-banvandong", dt.date(2014, 10, 20), "Nghị định số 45/2010/NĐ-CP ngày 21/4/2010", 1),
        ("a-hkhkt-tunganh-2016-bienban", dt.date(2016, 7, 22), "Nghị định số 45/2010/NĐ-CP", 1),
        ("b-ubnd-muongang-2020-congvan", dt.date(2020, 7, 20), "Nghị định số 45/2010/NĐ-CP ngày 21/4/2010", 1),
    ]


def test_most_cited(corpus_archive):
    with Archive(corpus_archive) as store:
        top = [(r.symbol, r.doc_type, r.documents, r.mentions) for r in store.most_cited(3)]
    assert top == [
        ("45/2010/NĐ-CP", "Nghị định", 5, 5),
        ("33/2012/NĐ-CP", "Nghị định", 3, 3),
        ("45-CT/TW", "Chỉ thị", 3, 3),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phrase, accents and punctuation aside: the same five documents as the citation
        (
            '"Nghị định số 45/2010/NĐ-CP"',
            [
                "a-hkh-phongdien-2010-bienban",
                "a-hkhkt-tunganh-2016-bienban",
                "b-snv-kontum-2014-banvandong",
                "b-ubnd-lamdong-2011-pheduyetdieule",
                "b-ubnd-muongang-2020-congvan",
            ],
        ),
        ('"hoi khuyen hoc" "binh phuoc"', ["a-hkh-binhphuoc-2015-nghiquyet"]),
        ("xyzzy", []),
    ],
)
def test_search(corpus_archive, text, expected):
    with Archive(corpus_archive) as store:
        hits = store.search(text)
    assert sorted(h.document.path for h in hits) == expected
    assert all("[" in h.snippet and "]" in h.snippet for h in hits)


def test_search_raw_syntax_errors_are_reported(corpus_archive):
    with Archive(corpus_archive) as store:
        with pytest.raises(ArchiveError, match="bad search query"):
            store.search('"unbalanced', raw=True)
        assert len(store.search("khuyen OR xyzzy", raw=True)) > 0


def test_people_namesakes_in_two_provinces_stay_apart(corpus_archive):
    with Archive(corpus_archive) as store:
        people = store.people("Trần Quang Vinh")
        assert [(p.name, p.places, p.first_date, [d.path for d in p.documents]) for p in people] == [
            ("Trần Quang Vinh", ["Thái Bình"], dt.date(1996, 1, 20), ["a-hlv-thaibinh-1996-tongket"]),
            ("Trần Quang Vinh", ["Quỳnh Lưu"], dt.date(2022, 3, 15), ["b-dtn-quynhluu-2022-kehoach"]),
        ]
        # Without accents the query matches the same people; a name nobody has matches none.
        assert [p.places for p in store.people("tran quang vinh")] == [["Thái Bình"], ["Quỳnh Lưu"]]
        assert store.people("Không Có Ai") == []


def test_people_positions_are_dated_by_their_documents(tmp_path):
    texts = [
        "Vinh, ngày 15 tháng 3 năm 2009\nBÁO CÁO\nTỔNG KẾT NĂM 2008\n"
        "Đồng chí Nguyễn Văn An, Phó Chủ tịch Hội Nông dân tỉnh phát biểu.\n",
        "Vinh, ngày 20 tháng 4 năm 2012\nBÁO CÁO\nTỔNG KẾT NĂM 2011\n"
        "Đồng chí Nguyễn Văn An, Chủ tịch Hội Nông dân tỉnh phát biểu.\n",
        "Huế, ngày 2 tháng 5 năm 2013\nBÁO CÁO\nTỔNG KẾT NĂM 2012\n"
        "Đồng chí Nguyễn Văn An, Giám đốc Sở Y tế phát biểu.\n",
    ]
    with Archive(tmp_path / "a.sqlite") as store:
        for text in texts:
            store.add_document(extract(text))
        people = store.people("Nguyễn Văn An")
    summary = [
        (
            p.places,
            p.first_date,
            p.last_date,
            [(q.title, q.organization, q.first_date, q.last_date) for q in p.positions],
        )
        for p in people
    ]
    assert summary == [
        (
            ["Vinh"],
            dt.date(2009, 3, 15),
            dt.date(2012, 4, 20),
            [
                ("Phó Chủ tịch", "Hội Nông dân tỉnh", dt.date(2009, 3, 15), dt.date(2009, 3, 15)),
                ("Chủ tịch", "Hội Nông dân tỉnh", dt.date(2012, 4, 20), dt.date(2012, 4, 20)),
            ],
        ),
        (
            ["Huế"],
            dt.date(2013, 5, 2),
            dt.date(2013, 5, 2),
            [("Giám đốc", "Sở Y tế", dt.date(2013, 5, 2), dt.date(2013, 5, 2))],
        ),
    ]


def test_cites_the_seed_decision():
    seed = shared_path("seed", "seed.txt")
    doc = extract(seed)
    store = Archive(":memory:")
    store.add_document(doc)
    assert [c.raw.split(" ngày")[0] for c in store.cites("06/QĐ-TTg")] == ["Quyết định số 06/QĐ-TTg"]


# ---------------------------------------------------------------------------------------------------
# Command line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["cites", "281/QĐ-TTg", "--format", "csv"],
            "date,doc_type,number,title,cited_as,page,path,part,sha256\n",
        ),
        (
            ["refs", "--limit", "1", "--format", "csv"],
            "symbol,doc_type,documents,mentions,first_cited,last_cited\n"
            "45/2010/NĐ-CP,Nghị định,5,5,2010-10-14,2020-07-20\n",
        ),
    ],
)
def test_cli_query_csv(corpus_archive, args, expected):
    result = CliRunner().invoke(cli, ["archive", *args, "--db", str(corpus_archive)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(expected)
    if args[0] == "cites":
        assert [line.split(",")[6] for line in result.output.splitlines()[1:]] == [
            "a-hkh-binhphuoc-2015-nghiquyet",
            "a-hkh-vanchan-2021-news",
        ]


def test_cli_people_table_and_json(corpus_archive):
    runner = CliRunner()
    table = runner.invoke(cli, ["archive", "people", "Trần Quang Vinh", "--db", str(corpus_archive)])
    assert table.exit_code == 0
    lines = table.output.splitlines()
    assert lines[0].split() == ["name", "places", "documents", "title", "organization", "from", "to"]
    assert [line.split("  ")[0] for line in lines[2:]] == ["Trần Quang Vinh", "Trần Quang Vinh"]
    as_json = runner.invoke(
        cli, ["archive", "people", "tran quang vinh", "--format", "json", "--db", str(corpus_archive)]
    )
    people = json.loads(as_json.output)
    assert [(p["places"], p["first_date"]) for p in people] == [
        (["Thái Bình"], "1996-01-20"),
        (["Quỳnh Lưu"], "2022-03-15"),
    ]


def test_cli_search_and_info(corpus_archive):
    runner = CliRunner()
    result = runner.invoke(
        cli, ["archive", "search", "hoi khuyen hoc binh phuoc", "--format", "json", "--db", str(corpus_archive)]
    )
    assert result.exit_code == 0
    assert [h["document"]["path"] for h in json.loads(result.output)] == ["a-hkh-binhphuoc-2015-nghiquyet"]
    info = runner.invoke(cli, ["archive", "info", "--db", str(corpus_archive)])
    assert info.exit_code == 0 and f"documents      {len(CORPUS_TEXTS)}" in info.output
    missing = runner.invoke(cli, ["archive", "refs", "--db", str(corpus_archive.with_name("none.sqlite"))])
    assert missing.exit_code == 1 and "no such archive" in missing.output
    assert not corpus_archive.with_name("none.sqlite").exists()


def test_cli_export_jsonl_and_csv(corpus_archive, tmp_path):
    runner = CliRunner()
    out = tmp_path / "docs.jsonl"
    result = runner.invoke(cli, ["archive", "export", "-o", str(out), "--db", str(corpus_archive)])
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(CORPUS_TEXTS)
    assert sorted(json.loads(line)["source"]["path"] for line in lines) == sorted(t.stem for t in CORPUS_TEXTS)
    csv_out = runner.invoke(
        cli, ["archive", "export", "--format", "csv", "--table", "people", "--db", str(corpus_archive)]
    )
    assert csv_out.exit_code == 0
    with Archive(corpus_archive) as store:
        assert len(csv_out.output.splitlines()) == 1 + store.row_counts()["people"]
    bad = runner.invoke(cli, ["archive", "export", "--format", "csv", "--table", "nope", "--db", str(corpus_archive)])
    assert bad.exit_code == 2 and "no table 'nope'" in bad.output


def test_cli_export_parquet(corpus_archive, tmp_path):
    import pyarrow.parquet as pq  # the parquet extra, installed with the dev extra

    out = tmp_path / "refs.parquet"
    result = CliRunner().invoke(
        cli,
        [
            "archive",
            "export",
            "--format",
            "parquet",
            "--table",
            "references",
            "-o",
            str(out),
            "--db",
            str(corpus_archive),
        ],
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    with Archive(corpus_archive) as store:
        assert table.num_rows == store.row_counts()["references"]
    assert sorted(set(table.column("symbol").to_pylist()) & {"45/2010/NĐ-CP", "281/QĐ-TTg"}) == [
        "281/QĐ-TTg",
        "45/2010/NĐ-CP",
    ]


def test_cli_export_parquet_without_pyarrow_says_so(corpus_archive, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    result = CliRunner().invoke(
        cli,
        ["archive", "export", "--format", "parquet", "-o", str(tmp_path / "x.parquet"), "--db", str(corpus_archive)],
    )
    assert result.exit_code == 1
    assert "Parquet export needs pyarrow" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.parquet").exists()


# ---------------------------------------------------------------------------------------------------
# Datasette


def test_datasette_opens_the_archive_with_full_text_search(corpus_archive):
    import datasette.app as datasette_app

    async def ask() -> tuple[object, ...]:
        ds = datasette_app.Datasette([str(corpus_archive)])
        name = corpus_archive.stem
        tables = (await ds.client.get(f"/{name}.json")).json()["tables"]
        fts = {t["name"]: t["fts_table"] for t in tables}
        search = await ds.client.get(
            f"/{name}/documents.json?_search=%22Ngh%E1%BB%8B+%C4%91%E1%BB%8Bnh+s%E1%BB%91+45%2F2010%2FN%C4%90-CP%22"
            "&_shape=array&_col=path"
        )
        refs = await ds.client.get(f"/{name}/references.json?_shape=array&symbol_key=281%2Fqd-ttg&_col=raw")
        return fts, search.status_code, sorted(r["path"] for r in search.json()), len(refs.json())

    fts, status, paths, refs = asyncio.run(ask())
    assert fts["documents"] == "documents_fts" and fts["people"] is None
    assert status == 200
    assert paths == _gold_citing("45", 2010, "NĐ", "CP")
    assert refs == 2


def test_counts_read_in_a_table_keep_their_labels(tmp_path):
    pdf = shared_path("realpdfs", "gialam-2021", "4.1.pdf")
    doc = extract(pdf)
    with Archive(tmp_path / "a.sqlite") as store:
        store.add_document(doc)
        rows = store.db.execute(
            "SELECT value, unit, table_column FROM counts WHERE table_row LIKE 'Các cấp Hội giúp hộ nghèo%' "
            "ORDER BY ordinal"
        ).fetchall()
    assert (350, "hộ", "Chỉ tiêu Đại hội") in rows and (391, "hộ", "Kết quả") in rows
