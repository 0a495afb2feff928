"""The archive: extracted documents in one SQLite file, and the questions asked of it.

Why SQLite (the standard library's ``sqlite3``): the archive is one plain file that any tool opens
(``sqlite3``, Datasette, pandas, DuckDB), it needs no server, and its transactions make every write
all-or-nothing. The file is in WAL mode, so readers (a Datasette instance, a query) see the last
committed state while a batch is still writing, and a process killed at any moment leaves either the
whole document or none of it.

Layout (``PRAGMA user_version`` is the schema version; ``migrations`` records when each step ran):

* ``documents`` -- one row per distinct content (``sha256``), or, for a file binding several documents
  (a congress dossier), one row per part (``part`` 1, 2 ... with its page range; 0 for a whole file):
  the header fields as columns, the text, and the full ``Document`` JSON, so nothing extracted is lost
  even where no column holds it;
* ``files`` -- every path seen, with the content hash it had (renamed and duplicate files point at one
  document; size and modification time let a rerun skip hashing unchanged files);
* ``sections`` (tree by ``parent_id``), ``people``, ``positions`` (of a person), ``references``,
  ``counts`` (with ``table_row``/``table_column``, the labels of a count read in a table),
  ``organizations``, ``issues`` -- the records of each document, in their order, with the page and
  character offsets of their first mention;
* ``failures`` -- inputs that could not be extracted, with the error, the reason and the attempts;
* ``documents_fts`` -- an FTS5 index over title, issuer and text (external content, kept in step by
  triggers; ``remove_diacritics 2`` so "hoi nong dan" finds "Hội Nông dân"). It names its content
  table as ``content="documents"``, which is how Datasette finds it and offers full-text search.

Migrations are a list of SQL scripts; opening an archive applies the missing ones in order, each in
one transaction with its version bump, so an interrupted upgrade leaves the previous version intact.

The queries (people across documents, who cites a symbol, the most cited references, full-text
search, export) are library functions returning typed records; the command line only formats them.

People across documents: each ``people`` row is one person in one document. The context of a row
is the place its document was issued at and its organisations (those of its positions and the
document's issuer). Rows are merged into one person when their names are the same
(:func:`vndoc.normalize.match_key`) or spelling and OCR variants of each other (rapidfuzz ratio of the
keys, with or without diacritics), their contexts agree -- the same place, or a shared organisation --
and no pair of rows in the two groups conflicts. Two rows conflict when both places are known and differ
and no organisation is shared (two people of one name in two provinces stay two people; a national
official seen in several provinces with the same central body stays one), or when they come from the
same document. A row without any context stays on its own: a common name alone is no evidence. Merging
is greedy and checks every member of both groups, so no chain of agreeing pairs joins two conflicting
rows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from vndoc import __version__
from vndoc.models import Document, Failure, documents_json
from vndoc.normalize import match_key

# ---------------------------------------------------------------------------------------------------
# Schema and migrations
# ---------------------------------------------------------------------------------------------------

_SPAN_COLUMNS = "page INTEGER, char_start INTEGER, char_end INTEGER"

_FTS_TRIGGERS = """\
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, issuer, text) VALUES (new.id, new.title, new.issuer, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, issuer, text)
        VALUES ('delete', old.id, old.title, old.issuer, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, issuer, text)
        VALUES ('delete', old.id, old.title, old.issuer, old.text);
    INSERT INTO documents_fts(rowid, title, issuer, text) VALUES (new.id, new.title, new.issuer, new.text);
END;
"""
"""What keeps ``documents_fts`` in step with ``documents`` (created again when that table is rebuilt)."""

_SCHEMA_1 = f"""
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT,
    media_type TEXT NOT NULL,
    pages INTEGER NOT NULL,
    doc_type TEXT,
    number TEXT,
    title TEXT,
    issuer TEXT,
    parent_issuer TEXT,
    place TEXT,
    date TEXT,
    term_ordinal TEXT,
    term_start INTEGER,
    term_end INTEGER,
    signer_capacity TEXT,
    signer_title TEXT,
    signer_name TEXT,
    signer_organization TEXT,
    text TEXT NOT NULL,
    json TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    vndoc_version TEXT NOT NULL,
    archived_at TEXT NOT NULL
);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_doc_type ON documents(doc_type);

CREATE TABLE files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER,
    mtime_ns INTEGER,
    seen_at TEXT NOT NULL
);
CREATE INDEX files_sha256 ON files(sha256);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    level INTEGER NOT NULL,
    kind TEXT,
    {_SPAN_COLUMNS}
);
CREATE INDEX sections_document ON sections(document_id);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    honorifics TEXT NOT NULL,
    {_SPAN_COLUMNS}
);
CREATE INDEX people_document ON people(document_id);
CREATE INDEX people_name_key ON people(name_key);

CREATE TABLE positions (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    organization TEXT,
    raw TEXT NOT NULL,
    status TEXT
);
CREATE INDEX positions_person ON positions(person_id);
CREATE INDEX positions_document ON positions(document_id);

CREATE TABLE "references" (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    raw TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    number TEXT NOT NULL,
    year INTEGER,
    type_code TEXT,
    issuer_code TEXT,
    issuer TEXT,
    date TEXT,
    subject TEXT,
    symbol TEXT,
    symbol_key TEXT,
    {_SPAN_COLUMNS}
);
CREATE INDEX references_document ON "references"(document_id);
CREATE INDEX references_symbol_key ON "references"(symbol_key);

CREATE TABLE counts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    value INTEGER NOT NULL,
    unit TEXT NOT NULL,
    approximate INTEGER NOT NULL,
    raw TEXT NOT NULL,
    subject TEXT,
    {_SPAN_COLUMNS}
);
CREATE INDEX counts_document ON counts(document_id);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT,
    {_SPAN_COLUMNS}
);
CREATE INDEX organizations_document ON organizations(document_id);

CREATE TABLE issues (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    page INTEGER
);
CREATE INDEX issues_document ON issues(document_id);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    sha256 TEXT UNIQUE,
    path TEXT NOT NULL,
    error TEXT NOT NULL,
    message TEXT NOT NULL,
    exit_code INTEGER NOT NULL,
    stage TEXT,
    page INTEGER,
    attempts INTEGER NOT NULL DEFAULT 1,
    failed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX failures_unhashed_path ON failures(path) WHERE sha256 IS NULL;

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, issuer, text,
    content="documents", content_rowid="id",
    tokenize="unicode61 remove_diacritics 2"
);
{_FTS_TRIGGERS}"""


_DOCUMENT_COLUMNS_1 = (
    "id, sha256, path, media_type, pages, doc_type, number, title, issuer, parent_issuer, place, date, "
    "term_ordinal, term_start, term_end, signer_capacity, signer_title, signer_name, signer_organization, "
    "text, json, schema_version, vndoc_version, archived_at"
)

_SCHEMA_2 = f"""
CREATE TABLE documents_v2 (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    part INTEGER NOT NULL DEFAULT 0,
    part_count INTEGER NOT NULL DEFAULT 1,
    first_page INTEGER,
    last_page INTEGER,
    path TEXT,
    media_type TEXT NOT NULL,
    pages INTEGER NOT NULL,
    doc_type TEXT,
    number TEXT,
    title TEXT,
    issuer TEXT,
    parent_issuer TEXT,
    place TEXT,
    date TEXT,
    term_ordinal TEXT,
    term_start INTEGER,
    term_end INTEGER,
    signer_capacity TEXT,
    signer_title TEXT,
    signer_name TEXT,
    signer_organization TEXT,
    text TEXT NOT NULL,
    json TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    vndoc_version TEXT NOT NULL,
    archived_at TEXT NOT NULL,
    UNIQUE (sha256, part)
);
INSERT INTO documents_v2 ({_DOCUMENT_COLUMNS_1}) SELECT {_DOCUMENT_COLUMNS_1} FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents;
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_doc_type ON documents(doc_type);
{_FTS_TRIGGERS}"""


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str
    rebuilds_tables: bool = False
    """The step recreates a table others refer to: run with foreign keys off, then checked (SQLite's
    documented procedure for schema changes ALTER TABLE cannot make)."""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, their records, files, failures and the full-text index", _SCHEMA_1),
    Migration(
        2,
        "documents of bound volumes: one row per part of a file (part, part_count, first_page, last_page)",
        _SCHEMA_2,
        rebuilds_tables=True,
    ),
    Migration(
        3,
        "counts read in a table cell: the labels of their row and column",
        "ALTER TABLE counts ADD COLUMN table_row TEXT;\nALTER TABLE counts ADD COLUMN table_column TEXT;",
    ),
)
"""Every step from an empty file to the current schema, in order; version N is ``MIGRATIONS[N - 1]``."""

SCHEMA_VERSION = len(MIGRATIONS)

TABLES: tuple[str, ...] = (
    "documents",
    "files",
    "sections",
    "people",
    "positions",
    "references",
    "counts",
    "organizations",
    "issues",
    "failures",
)
"""The data tables (``migrations`` and the full-text index's own tables aside)."""


class ArchiveError(Exception):
    """The archive cannot be opened or used: not SQLite, made by a newer vndoc, bad query."""


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def symbol_key(symbol: str) -> str:
    """The key symbols are compared by: "06/QĐ-TTg", "06 / QD-TTG" and "06/qđ-ttg" share one."""
    return re.sub(r"\s+", "", match_key(symbol, diacritics=False))


def _first_span(mentions: Sequence[dict[str, Any]]) -> tuple[int | None, int | None, int | None]:
    if not mentions:
        return None, None, None
    span = mentions[0]
    return span["page"], span["start"], span["end"]


# ---------------------------------------------------------------------------------------------------
# Query results
# ---------------------------------------------------------------------------------------------------


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class DocumentRef(_Record):
    """Which document: its content hash, a path it was read from, its date and title."""

    sha256: str
    path: str | None
    date: dt.date | None
    doc_type: str | None
    number: str | None
    title: str | None
    part: int | None = None
    """For a document bound in a volume with others: its place in the file (1, 2 ...)."""


class HeldPosition(_Record):
    """A position one person held, dated by the documents that mention it."""

    title: str
    organization: str | None
    statuses: list[str]
    first_date: dt.date | None
    last_date: dt.date | None
    documents: list[str]


class ArchivedPerson(_Record):
    """One person across documents: the spellings seen, where, when, and the positions held."""

    name: str
    variants: list[str]
    places: list[str]
    first_date: dt.date | None
    last_date: dt.date | None
    documents: list[DocumentRef]
    positions: list[HeldPosition]


class Citation(_Record):
    document: DocumentRef
    raw: str
    symbol: str | None
    page: int | None


class CitedReference(_Record):
    symbol: str
    doc_type: str
    documents: int
    mentions: int
    first_cited: dt.date | None
    last_cited: dt.date | None


class SearchHit(_Record):
    document: DocumentRef
    snippet: str
    score: float


class ArchivedFailure(_Record):
    sha256: str | None
    path: str
    error: str
    message: str
    exit_code: int
    stage: str | None
    page: int | None
    attempts: int
    failed_at: str


@dataclass(frozen=True)
class FileStat:
    """A path as seen by a batch: where, and the size and modification time it had when hashed."""

    path: str
    size: int | None = None
    mtime_ns: int | None = None


# ---------------------------------------------------------------------------------------------------
# The archive
# ---------------------------------------------------------------------------------------------------


class Archive:
    """An open archive file. Writes are one transaction per call; use one writer at a time."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise ArchiveError(f"{self.path}: no such archive")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            raise ArchiveError(f"{self.path}: cannot be opened ({exc})") from exc
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against a killed process in WAL mode; only a power loss may drop the
            # last commits, and even then the file stays consistent.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise ArchiveError(f"{self.path}: not a vndoc archive ({exc})") from exc

    # -- life cycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        """Apply the steps of ``migrations`` this archive lacks, each in one transaction."""
        current = self.schema_version
        if current > len(migrations):
            raise ArchiveError(
                f"{self.path}: archive schema version {current} is newer than this vndoc understands "
                f"({len(migrations)}); upgrade vndoc"
            )
        for migration in migrations[current:]:
            if migration.rebuilds_tables:
                self.db.execute("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction: set before it
            self.db.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have applied it while this one waited for the lock.
                if self.schema_version >= migration.version:
                    self.db.execute("COMMIT")
                    continue
                if migration.version == 1:
                    self.db.execute(
                        "CREATE TABLE migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)"
                    )
                for statement in _statements(migration.sql):
                    self.db.execute(statement)
                if migration.rebuilds_tables and self.db.execute("PRAGMA foreign_key_check").fetchone():
                    raise ArchiveError(f"{self.path}: migration {migration.version} would break references")
                self.db.execute(
                    "INSERT INTO migrations VALUES (?, ?, ?)", (migration.version, migration.description, _now())
                )
                self.db.execute(f"PRAGMA user_version = {int(migration.version)}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            finally:
                if migration.rebuilds_tables:
                    self.db.execute("PRAGMA foreign_keys=ON")

    # -- writing ------------------------------------------------------------------------------------

    def add_document(self, document: Document, *, files: Sequence[FileStat] = ()) -> int:
        """Store ``document`` (if its content is not there yet) and link ``files`` to it; its id."""
        return self.add_document_json(document.model_dump_json(), files=files)

    def add_documents(self, documents: Sequence[Document], *, files: Sequence[FileStat] = ()) -> int:
        """Store the documents one file holds (the parts of a bound volume, as ``extract_documents``
        returns them) and link ``files`` to them; the id of the first."""
        return self.add_document_json(documents_json(documents), files=files)

    def add_document_json(
        self, payload: str, *, files: Sequence[FileStat] = (), data: dict[str, Any] | list[Any] | None = None
    ) -> int:
        """Store a document given as its JSON (what a worker process sends back) -- or, for a bound volume,
        a JSON list of its parts -- in one transaction: the document rows, every record row, the file
        links, and the removal of an earlier failure. Content already archived is not stored again."""
        parsed = data if data is not None else json.loads(payload)
        parts: list[dict[str, Any]] = parsed if isinstance(parsed, list) else [parsed]
        if not parts:
            raise ArchiveError("no document to store")
        sha = parts[0]["source"]["sha256"]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute("SELECT id FROM documents WHERE sha256 = ? ORDER BY part", (sha,)).fetchone()
            if row:
                doc_id = int(row[0])
            elif len(parts) == 1:
                doc_id = self._insert_document(parts[0], payload if isinstance(parsed, dict) else _dumps(parts[0]))
            else:
                doc_id = [self._insert_document(part, _dumps(part)) for part in parts][0]
            self._link_files(sha, files)
            self.db.execute("DELETE FROM failures WHERE sha256 = ?", (sha,))
            self.db.execute(
                "DELETE FROM failures WHERE sha256 IS NULL AND path IN (SELECT value FROM json_each(?))",
                (json.dumps([f.path for f in files]),),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return doc_id

    def add_failure(self, failure: Failure, *, sha256: str | None, files: Sequence[FileStat]) -> None:
        """Record (or update) the failure of content ``sha256`` -- ``None`` when the file could not even
        be read -- and link ``files`` to it, in one transaction."""
        path = files[0].path if files else (failure.path or "")
        values = (
            failure.error,
            failure.message,
            failure.exit_code,
            failure.stage,
            failure.page,
            _now(),
        )
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if sha256 is None:
                self.db.execute(
                    "INSERT INTO failures (sha256, path, error, message, exit_code, stage, page, failed_at) "
                    "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (path) WHERE sha256 IS NULL DO UPDATE SET error = excluded.error, "
                    "message = excluded.message, exit_code = excluded.exit_code, stage = excluded.stage, "
                    "page = excluded.page, failed_at = excluded.failed_at, attempts = attempts + 1",
                    (path, *values),
                )
            else:
                self.db.execute(
                    "INSERT INTO failures (sha256, path, error, message, exit_code, stage, page, failed_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, error = excluded.error, "
                    "message = excluded.message, exit_code = excluded.exit_code, stage = excluded.stage, "
                    "page = excluded.page, failed_at = excluded.failed_at, attempts = attempts + 1",
                    (sha256, path, *values),
                )
                self._link_files(sha256, files)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def link_files(self, sha256: str, files: Sequence[FileStat]) -> None:
        """Record that ``files`` hold content ``sha256`` (a renamed or duplicate file), in one transaction."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._link_files(sha256, files)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _link_files(self, sha256: str, files: Sequence[FileStat]) -> None:
        now = _now()
        self.db.executemany(
            "INSERT INTO files (path, sha256, size, mtime_ns, seen_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, "
            "mtime_ns = excluded.mtime_ns, seen_at = excluded.seen_at",
            [(f.path, sha256, f.size, f.mtime_ns, now) for f in files],
        )

    def _insert_document(self, data: dict[str, Any], payload: str) -> int:
        source, header, part = data["source"], data.get("header") or {}, data.get("part") or {}
        term, signer = header.get("term") or {}, header.get("signer") or {}
        cursor = self.db.execute(
            "INSERT INTO documents (sha256, part, part_count, first_page, last_page, path, media_type, pages, "
            "doc_type, number, title, issuer, parent_issuer, place, date, term_ordinal, term_start, term_end, "
            "signer_capacity, signer_title, signer_name, signer_organization, text, json, schema_version, "
            "vndoc_version, archived_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                source["sha256"],
                part.get("index", 0),
                part.get("count", 1),
                part.get("first_page"),
                part.get("last_page"),
                source.get("path"),
                source["media_type"],
                source["pages"],
                header.get("doc_type"),
                header.get("number"),
                header.get("title"),
                header.get("issuer"),
                header.get("parent_issuer"),
                header.get("place"),
                header.get("date"),
                term.get("ordinal"),
                term.get("start"),
                term.get("end"),
                signer.get("capacity"),
                signer.get("title"),
                signer.get("name"),
                signer.get("organization"),
                data.get("text", ""),
                payload,
                data.get("schema_version", ""),
                __version__,
                _now(),
            ),
        )
        doc_id = int(cursor.lastrowid or 0)
        self._insert_sections(doc_id, data.get("sections") or [], None, [0])
        for ordinal, person in enumerate(data.get("people") or []):
            person_id = self.db.execute(
                "INSERT INTO people (document_id, ordinal, name, name_key, honorifics, page, char_start, char_end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    ordinal,
                    person["name"],
                    match_key(person["name"]),
                    json.dumps(person.get("honorifics") or [], ensure_ascii=False),
                    *_first_span(person.get("mentions") or []),
                ),
            ).lastrowid
            self.db.executemany(
                "INSERT INTO positions (person_id, document_id, ordinal, title, organization, raw, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (person_id, doc_id, i, p["title"], p.get("organization"), p["raw"], p.get("status"))
                    for i, p in enumerate(person.get("positions") or [])
                ],
            )
        self.db.executemany(
            'INSERT INTO "references" (document_id, ordinal, raw, doc_type, number, year, type_code, issuer_code, '
            "issuer, date, subject, symbol, symbol_key, page, char_start, char_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    i,
                    r["raw"],
                    r["doc_type"],
                    r["number"],
                    r.get("year"),
                    r.get("type_code"),
                    r.get("issuer_code"),
                    r.get("issuer"),
                    r.get("date"),
                    r.get("subject"),
                    r.get("symbol"),
                    symbol_key(r["symbol"]) if r.get("symbol") else None,
                    *_first_span(r.get("mentions") or []),
                )
                for i, r in enumerate(data.get("references") or [])
            ],
        )
        self.db.executemany(
            "INSERT INTO counts (document_id, ordinal, value, unit, approximate, raw, subject, page, char_start, "
            "char_end, table_row, table_column) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    i,
                    c["value"],
                    c["unit"],
                    int(bool(c.get("approximate"))),
                    c["raw"],
                    c.get("subject"),
                    *_first_span(c.get("mentions") or []),
                    c.get("row"),
                    c.get("column"),
                )
                for i, c in enumerate(data.get("counts") or [])
            ],
        )
        self.db.executemany(
            "INSERT INTO organizations (document_id, ordinal, name, kind, page, char_start, char_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, i, o["name"], o.get("kind"), *_first_span(o.get("mentions") or []))
                for i, o in enumerate(data.get("organizations") or [])
            ],
        )
        self.db.executemany(
            "INSERT INTO issues (document_id, ordinal, code, message, page) VALUES (?, ?, ?, ?, ?)",
            [
                (doc_id, i, issue["code"], issue["message"], _first_span(issue.get("spans") or [])[0])
                for i, issue in enumerate(data.get("issues") or [])
            ],
        )
        return doc_id

    def _insert_sections(
        self, doc_id: int, sections: Sequence[dict[str, Any]], parent: int | None, counter: list[int]
    ) -> None:
        """Sections depth-first, ``ordinal`` numbering them in reading order across the whole tree."""
        for section in sections:
            section_id = self.db.execute(
                "INSERT INTO sections (document_id, parent_id, ordinal, number, title, level, kind, page, "
                "char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    parent,
                    counter[0],
                    section.get("number"),
                    section["title"],
                    section["level"],
                    section.get("kind"),
                    section.get("page"),
                    *_first_span(section.get("mentions") or [])[1:],
                ),
            ).lastrowid
            counter[0] += 1
            self._insert_sections(doc_id, section.get("children") or [], section_id, counter)

    # -- state for a batch --------------------------------------------------------------------------

    def status_of(self, sha256: str) -> str | None:
        """``"done"`` when the content is archived, ``"failed"`` when it failed before, else ``None``."""
        if self.db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone():
            return "done"
        if self.db.execute("SELECT 1 FROM failures WHERE sha256 = ?", (sha256,)).fetchone():
            return "failed"
        return None

    def file_hash(self, stat: FileStat) -> str | None:
        """The content hash recorded for a path, if its size and modification time are unchanged."""
        row = self.db.execute(
            "SELECT sha256 FROM files WHERE path = ? AND size IS ? AND mtime_ns IS ?",
            (stat.path, stat.size, stat.mtime_ns),
        ).fetchone()
        return str(row[0]) if row else None

    def document_json(self, sha256: str, part: int | None = None) -> str | None:
        """The JSON of the document with content ``sha256`` (of its part ``part`` for a bound volume;
        the first part when not given)."""
        row = self.db.execute(
            "SELECT json FROM documents WHERE sha256 = ? AND (? IS NULL OR part = ?) ORDER BY part",
            (sha256, part, part),
        ).fetchone()
        return str(row[0]) if row else None

    def documents_json(self, sha256: str) -> list[str]:
        """The JSON of every document stored for content ``sha256``: one, or the parts of a bound volume."""
        rows = self.db.execute("SELECT json FROM documents WHERE sha256 = ? ORDER BY part", (sha256,))
        return [str(row[0]) for row in rows]

    def document(self, sha256: str, part: int | None = None) -> Document | None:
        payload = self.document_json(sha256, part)
        return Document.model_validate_json(payload) if payload is not None else None

    def documents(self, sha256: str) -> list[Document]:
        return [Document.model_validate_json(payload) for payload in self.documents_json(sha256)]

    def failed_paths(self) -> list[str]:
        return [str(r[0]) for r in self.db.execute("SELECT path FROM failures ORDER BY path")]

    def row_counts(self) -> dict[str, int]:
        return {t: int(self.db.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0]) for t in TABLES}

    # -- queries ------------------------------------------------------------------------------------

    def failures(self) -> list[ArchivedFailure]:
        cursor = self.db.execute(
            "SELECT sha256, path, error, message, exit_code, stage, page, attempts, failed_at FROM failures "
            "ORDER BY path"
        )
        names = [c[0] for c in cursor.description]
        return [ArchivedFailure(**dict(zip(names, row, strict=True))) for row in cursor]

    def cites(self, symbol: str) -> list[Citation]:
        """Every reference to ``symbol`` ("06/QĐ-TTg"), by citing document date, then path."""
        rows = self.db.execute(
            f'SELECT {_DOC_COLUMNS}, r.raw, r.symbol, r.page FROM "references" r '
            "JOIN documents d ON d.id = r.document_id WHERE r.symbol_key = ? "
            "ORDER BY d.date IS NULL, d.date, d.path, r.ordinal",
            (symbol_key(symbol),),
        )
        return [Citation(document=_doc_ref(row[:7]), raw=row[7], symbol=row[8], page=row[9]) for row in rows]

    def most_cited(self, limit: int = 20) -> list[CitedReference]:
        """References by the number of documents citing them (then mentions, then symbol)."""
        rows = self.db.execute(
            "SELECT r.symbol_key, count(DISTINCT r.document_id) AS docs, count(*) AS mentions, "
            'min(d.date), max(d.date) FROM "references" r JOIN documents d ON d.id = r.document_id '
            "WHERE r.symbol_key IS NOT NULL GROUP BY r.symbol_key "
            "ORDER BY docs DESC, mentions DESC, r.symbol_key LIMIT ?",
            (limit,),
        ).fetchall()
        out = []
        for key, docs, mentions, first, last in rows:
            spellings = Counter(
                (s, t)
                for s, t in self.db.execute('SELECT symbol, doc_type FROM "references" WHERE symbol_key = ?', (key,))
            )
            (symbol, doc_type), _ = min(spellings.items(), key=lambda item: (-item[1], item[0]))
            out.append(
                CitedReference(
                    symbol=symbol,
                    doc_type=doc_type,
                    documents=docs,
                    mentions=mentions,
                    first_cited=first,
                    last_cited=last,
                )
            )
        return out

    def search(self, text: str, *, limit: int = 20, raw: bool = False) -> list[SearchHit]:
        """Full-text search: words (all must occur, accents optional) and "quoted phrases"; ``raw``
        passes FTS5 query syntax through. Best matches first, with a snippet around the hits."""
        query = text if raw else fts_query(text)
        if not query:
            return []
        try:
            rows = self.db.execute(
                f"SELECT {_DOC_COLUMNS}, snippet(documents_fts, -1, '[', ']', '…', 12), bm25(documents_fts) "
                "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts), d.sha256 LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"bad search query {text!r}: {exc}") from exc
        return [SearchHit(document=_doc_ref(r[:7]), snippet=r[7], score=-float(r[8])) for r in rows]

    def people(self, name: str | None = None) -> list[ArchivedPerson]:
        """People across documents (see the module docstring for how rows are merged); with ``name``,
        only those one of whose spellings contains it (without diacritics when it has none)."""
        occurrences = self._occurrences()
        if name:
            wanted = match_key(name)
            plain = wanted == match_key(name, diacritics=False)

            def matches(spelling: str) -> bool:
                return wanted in match_key(spelling, diacritics=not plain)

            # Only the blocks holding a match can hold the people asked for: cluster those alone.
            blocks = {o.block for o in occurrences if matches(o.name)}
            occurrences = [o for o in occurrences if o.block in blocks]
        people = [_person(group) for group in cluster_people(occurrences)]
        if name:
            people = [p for p in people if any(matches(v) for v in p.variants)]
        return sorted(people, key=lambda p: (match_key(p.name, diacritics=False), p.first_date or dt.date.max))

    def _occurrences(self) -> list[PersonRow]:
        docs = {
            row[0]: row for row in self.db.execute(f"SELECT d.id, {_DOC_COLUMNS}, d.place, d.issuer FROM documents d")
        }
        positions: dict[int, list[tuple[str, str | None, str | None]]] = defaultdict(list)
        for person_id, title, organization, status in self.db.execute(
            "SELECT person_id, title, organization, status FROM positions ORDER BY person_id, ordinal"
        ):
            positions[person_id].append((title, organization, status))
        out = []
        for person_id, document_id, person_name in self.db.execute(
            "SELECT id, document_id, name FROM people ORDER BY id"
        ):
            doc = docs[document_id]
            held = tuple(positions.get(person_id, ()))
            orgs = {_org_key(o) for _, o, _ in held if o} | ({_org_key(doc[9])} if doc[9] else set())
            out.append(
                PersonRow(
                    row_id=person_id,
                    document=_doc_ref(doc[1:8]),
                    name=person_name,
                    place=match_key(doc[8], diacritics=False) if doc[8] else None,
                    place_name=doc[8],
                    organizations=frozenset(orgs),
                    positions=held,
                )
            )
        return out

    def iter_documents_json(self) -> Iterator[str]:
        for (payload,) in self.db.execute("SELECT json FROM documents ORDER BY sha256, part"):
            yield payload

    def column_types(self, name: str) -> dict[str, str]:
        """The columns of a data table (``documents`` without its JSON column) and their declared
        SQL types ("INTEGER", "TEXT")."""
        if name not in TABLES:
            raise ArchiveError(f"no table {name!r}; tables: {', '.join(TABLES)}")
        return {r[1]: r[2] for r in self.db.execute(f"PRAGMA table_info({_quote(name)})") if r[1] != "json"}

    def table(self, name: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """The columns and rows of a data table (``documents`` without its JSON column)."""
        columns = list(self.column_types(name))
        order = "sha256, part" if name == "documents" else "path" if name == "files" else "id"
        cursor = self.db.execute(f"SELECT {', '.join(_quote(c) for c in columns)} FROM {_quote(name)} ORDER BY {order}")
        return columns, iter(cursor)


_DOC_COLUMNS = "d.sha256, d.path, d.date, d.doc_type, d.number, d.title, d.part"


def _doc_ref(row: Sequence[Any]) -> DocumentRef:
    sha, path, date, doc_type, number, title, part = row
    return DocumentRef(
        sha256=sha, path=path, date=date, doc_type=doc_type, number=number, title=title, part=part or None
    )


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (``sqlite3.complete_statement`` keeps triggers whole)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete statement in migration: {pending.strip()[:60]}")


_FTS_TERM = re.compile(r'"([^"]+)"|(\w+)')


def fts_query(text: str) -> str:
    """Plain words and "quoted phrases" as an FTS5 query in which every one must occur; FTS5's own
    operators are not interpreted (``--raw`` passes them)."""
    terms = []
    for m in _FTS_TERM.finditer(text):
        words = re.findall(r"\w+", m.group(1) or m.group(2))
        if words:
            terms.append('"' + " ".join(words) + '"')
    return " ".join(terms)


# ---------------------------------------------------------------------------------------------------
# People across documents
# ---------------------------------------------------------------------------------------------------

FUZZY_NAME_RATIO = 90.0
"""rapidfuzz ratio (0-100) of two name keys above which they may be spellings of one name."""

ORG_RATIO = 90.0
"""rapidfuzz ratio of two organisation keys above which they are taken for the same body."""


def _org_key(text: str) -> str:
    return match_key(text, diacritics=False)


@dataclass(frozen=True)
class PersonRow:
    """One person in one document, with the context used to tell namesakes apart."""

    row_id: int
    document: DocumentRef
    name: str
    place: str | None
    place_name: str | None
    organizations: frozenset[str]
    positions: tuple[tuple[str, str | None, str | None], ...] = ()
    key: str = field(init=False)
    plain: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", match_key(self.name))
        object.__setattr__(self, "plain", match_key(self.name, diacritics=False))

    @property
    def block(self) -> tuple[int, str]:
        """Rows that may be one person share the number of syllables and the family name's letters."""
        words = self.plain.split()
        return len(words), words[0] if words else ""


def _share_organization(a: PersonRow, b: PersonRow) -> bool:
    return bool(a.organizations & b.organizations) or any(
        fuzz.ratio(x, y) >= ORG_RATIO for x in a.organizations for y in b.organizations
    )


def conflict(a: PersonRow, b: PersonRow) -> bool:
    """Two rows can never be one person: the same document, or two known places and no shared body."""
    if (a.document.sha256, a.document.part) == (b.document.sha256, b.document.part):
        return True
    return a.place is not None and b.place is not None and a.place != b.place and not _share_organization(a, b)


def agree(a: PersonRow, b: PersonRow) -> bool:
    """Positive evidence that two rows are one person: a shared organisation, or the same place."""
    return _share_organization(a, b) or (a.place is not None and a.place == b.place)


def similar_names(a: str, b: str) -> bool:
    """Spelling or OCR variants of one name: near-identical keys, with or without diacritics."""
    if a == b:
        return True
    plain_a, plain_b = match_key(a, diacritics=False), match_key(b, diacritics=False)
    return plain_a == plain_b or fuzz.ratio(a, b) >= FUZZY_NAME_RATIO or fuzz.ratio(plain_a, plain_b) >= 95.0


def cluster_people(rows: Sequence[PersonRow]) -> list[list[PersonRow]]:
    """Group rows into people: first rows of one name key (each joins the first group it agrees with
    and conflicts with no member of), then groups whose names are variants of each other on the same
    terms. Deterministic: rows are taken by document date, then id."""
    ordered = sorted(rows, key=lambda r: (r.document.date or dt.date.max, r.row_id))
    by_key: dict[str, list[list[PersonRow]]] = defaultdict(list)
    for row in ordered:
        groups = by_key[row.key]
        for group in groups:
            if any(agree(row, m) for m in group) and not any(conflict(row, m) for m in group):
                group.append(row)
                break
        else:
            groups.append([row])
    groups = [g for key_groups in by_key.values() for g in key_groups]
    blocks: dict[tuple[int, str], list[list[PersonRow]]] = defaultdict(list)
    for group in groups:
        blocks[group[0].block].append(group)
    merged: list[list[PersonRow]] = []
    for block_groups in blocks.values():
        block_groups.sort(key=len, reverse=True)  # well-attested spellings absorb rare variants
        out: list[list[PersonRow]] = []
        for group in block_groups:
            for target in out:
                if (
                    target[0].key != group[0].key
                    and similar_names(target[0].key, group[0].key)
                    and not any(conflict(a, b) for a in target for b in group)
                    and any(agree(a, b) for a in target for b in group)
                ):
                    target.extend(group)
                    break
            else:
                out.append(list(group))
        merged.extend(out)
    return merged


def _person(group: Sequence[PersonRow]) -> ArchivedPerson:
    spellings = Counter(r.name for r in group)
    name = min(spellings, key=lambda s: (-spellings[s], s))
    docs = {(r.document.sha256, r.document.part): r.document for r in group}
    dates = sorted(d.date for d in docs.values() if d.date)
    held: dict[tuple[str, str], list[tuple[PersonRow, str, str | None, str | None]]] = defaultdict(list)
    for row in group:
        for title, organization, status in row.positions:
            held[(match_key(title), _org_key(organization or ""))].append((row, title, organization, status))
    positions = []
    for entries in held.values():
        titles = Counter(t for _, t, _, _ in entries)
        orgs = Counter(o for _, _, o, _ in entries if o)
        when = sorted(r.document.date for r, _, _, _ in entries if r.document.date)
        positions.append(
            HeldPosition(
                title=min(titles, key=lambda t: (-titles[t], t)),
                organization=min(orgs, key=lambda o: (-orgs[o], o)) if orgs else None,
                statuses=sorted({s for _, _, _, s in entries if s}),
                first_date=when[0] if when else None,
                last_date=when[-1] if when else None,
                documents=sorted({r.document.sha256 for r, _, _, _ in entries}),
            )
        )
    positions.sort(key=lambda p: (p.first_date or dt.date.max, match_key(p.title), p.organization or ""))
    return ArchivedPerson(
        name=name,
        variants=sorted(spellings),
        places=sorted({r.place_name for r in group if r.place_name}),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        documents=sorted(docs.values(), key=lambda d: (d.date or dt.date.max, d.sha256, d.part or 0)),
        positions=positions,
    )
