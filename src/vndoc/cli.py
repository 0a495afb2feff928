"""The ``vndoc`` command line: a thin layer over the library.

Every command calls one library function and maps library errors to one line on stderr and a distinct
exit code (see ``vndoc --help``); no traceback is shown for bad input.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vndoc import __version__

if TYPE_CHECKING:
    from pydantic import BaseModel

    from vndoc.archive import Archive, HeldPosition

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  2  usage error (bad option or argument)
  3  input file not found
  4  unsupported input type (not PDF/DOCX/DOC/RTF/text/image, or mislabelled)
  5  unreadable or corrupt document
  6  encrypted document
  7  a configured limit exceeded (size, pages, page content, text, time)
  8  extraction error (a bug: please report it with the file)
  9  OCR needed but unavailable (Tesseract's Vietnamese model or tesserocr
     not installed, or --ocr never for an image)
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, "--version", "-V", prog_name="vndoc")
def cli() -> None:
    """Read Vietnamese association and administrative documents into structured data.

    \b
    Examples:
      vndoc extract bao-cao.pdf                     # JSON of one document
      vndoc extract bao-cao.pdf --format markdown   # a readable summary
      vndoc extract *.pdf -o out/                   # one JSON file per input
      vndoc schema > vndoc.schema.json              # the output's JSON Schema
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="JSON is Document.model_dump_json(); markdown is a summary for people.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write here instead of stdout: a file for one input, a directory for several.",
)
@click.option("--max-pages", type=int, default=None, help="Refuse documents with more pages.")
@click.option("--max-file-mb", type=float, default=None, help="Refuse larger files (MB).")
@click.option("--timeout", type=float, default=None, help="Give up on a document after this many seconds.")
@click.option("--people-model", is_flag=True, help="Add people found by the trained entity model to the rules'.")
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="auto: OCR images and PDF pages without a usable text layer; always: every page; never: none.",
)
@click.option(
    "--split",
    type=click.Choice(["auto", "never"]),
    default="auto",
    show_default=True,
    help="auto: a file binding several documents (a congress dossier) gives one document per part "
    "(JSON: a list); never: the whole file is one document.",
)
def extract(
    files: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    max_pages: int | None,
    max_file_mb: float | None,
    timeout: float | None,
    people_model: bool,
    ocr: str,
    split: str,
) -> None:
    """Extract FILES (PDF, DOCX, DOC, RTF, text, or images: PNG, JPEG, TIFF) and print the result.

    \b
    A file that binds several documents together (found by their header blocks) gives a JSON
    list of documents, each with its page range in "part"; --split never reads it as one.
    With several files and no -o, JSON output is one document per line (JSON Lines).
    A file that fails is reported on stderr; the others are still extracted, and the exit
    code is that of the first failure.
    """
    from vndoc.models import Failure, documents_json
    from vndoc.pipeline import extract_documents_result
    from vndoc.settings import Settings
    from vndoc.summary import to_markdown

    settings = Settings(ocr=ocr, split=split)  # type: ignore[arg-type]  # click.Choice checked the values
    if max_pages is not None:
        settings = settings.model_copy(update={"max_pages": max_pages})
    if max_file_mb is not None:
        settings = settings.model_copy(update={"max_file_bytes": int(max_file_mb * 1024 * 1024)})
    if timeout is not None:
        settings = settings.model_copy(update={"timeout_s": timeout})
    if people_model:
        settings = settings.model_copy(update={"people_model": True})
    try:
        settings = Settings.model_validate(settings.model_dump())
    except ValueError as exc:
        raise click.BadParameter(str(exc).splitlines()[-1].strip()) from exc
    several = len(files) > 1
    if output is not None and several:
        output.mkdir(parents=True, exist_ok=True)
    status = 0
    for path in files:
        result = extract_documents_result(path, settings=settings)
        if isinstance(result, Failure):
            where = "".join(f", {k} {v}" for k, v in (("stage", result.stage), ("page", result.page)) if v)
            click.echo(f"vndoc: error: {path}{where}: {result.message}", err=True)
            status = status or result.exit_code
            continue
        if fmt == "markdown":
            rendered = "\n\n---\n\n".join(to_markdown(doc) for doc in result)
        elif several and output is None:  # JSON Lines: one document per line, parts of a volume too
            rendered = "\n".join(doc.model_dump_json() for doc in result)
        else:
            rendered = documents_json(result, indent=2)
        if output is None:
            click.echo(rendered)
        else:
            target = output / f"{path.stem}.{'json' if fmt == 'json' else 'md'}" if several else output
            target.write_text(rendered + ("\n" if not rendered.endswith("\n") else ""), encoding="utf-8")
    sys.exit(status)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the output (the Document model)."""
    from vndoc.models import Document

    click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


# ---------------------------------------------------------------------------------------------------
# Batches and the archive
# ---------------------------------------------------------------------------------------------------

BATCH_EXIT_HELP = """\b
Exit codes:
  0  every input is archived
  1  the archive cannot be opened or written
  2  usage error
  9  finished, but some inputs are recorded as failures (vndoc archive failures)
  130 interrupted (what was committed stays; rerun to resume)
"""


@cli.command(epilog=BATCH_EXIT_HELP)
@click.argument("inputs", nargs=-1)
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The archive file.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes [default: CPUs].")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=300.0,
    show_default=True,
    help="Seconds one file may take; a file past it is recorded as failed.",
)
@click.option(
    "--memory-mb",
    type=click.IntRange(min=64),
    default=4096,
    show_default=True,
    help="Address-space limit of each worker (RLIMIT_AS).",
)
@click.option(
    "--max-tasks-per-child",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Replace a worker after this many files.",
)
@click.option("--retry-failed", is_flag=True, help="Extract again the inputs that failed before.")
@click.option(
    "--jsonl",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write each input's Document as JSON Lines here (each once, even across reruns).",
)
@click.option("--dask", "dask_address", metavar="SCHEDULER_ADDRESS", help="Extract on this Dask cluster.")
@click.option("--max-pages", type=int, default=None, help="Refuse documents with more pages.")
@click.option("-q", "--quiet", is_flag=True, help="No progress, only the summary.")
def batch(
    inputs: tuple[str, ...],
    db: Path,
    workers: int | None,
    timeout: float,
    memory_mb: int,
    max_tasks_per_child: int,
    retry_failed: bool,
    jsonl: Path | None,
    dask_address: str | None,
    max_pages: int | None,
    quiet: bool,
) -> None:
    """Extract many documents into an archive (SQLite), in parallel, resumably.

    \b
    INPUTS are files, folders (searched for .pdf .docx .txt .text .md) and @LIST
    files (one path a line; @- reads standard input). A content already archived
    is skipped, so a rerun -- after a crash, a kill or new files -- does only what
    is missing, and renamed or copied files are extracted once. A file that fails,
    hangs past --timeout or exhausts --memory-mb is recorded with its reason and
    the batch goes on; --retry-failed tries those again
    (with no INPUTS: every recorded failure).

    \b
    Examples:
      vndoc batch scans/ reports/ --db archive.sqlite
      vndoc batch @todo.txt --db archive.sqlite --workers 4 --jsonl out.jsonl
      vndoc batch --db archive.sqlite --retry-failed --timeout 900
      find /data -name '*.pdf' | vndoc batch @- --db archive.sqlite
      vndoc batch docs/ --db archive.sqlite --dask tcp://scheduler:8786
    """
    from vndoc.archive import ArchiveError
    from vndoc.batch import BatchOptions, QuietProgress, default_workers, run_batch, terminal_progress
    from vndoc.settings import Settings

    if not inputs and not retry_failed:
        raise click.UsageError("give INPUTS (files, folders, @list.txt), or --retry-failed")
    settings = Settings() if max_pages is None else Settings(max_pages=max_pages)
    options = BatchOptions(
        workers=workers or default_workers(),
        timeout_s=timeout,
        memory_mb=memory_mb,
        max_tasks_per_child=max_tasks_per_child,
        retry_failed=retry_failed,
        settings=settings,
        dask_address=dask_address,
    )
    progress = QuietProgress() if quiet else terminal_progress()

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # a polite kill stops like Ctrl-C: workers ended, commits kept

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        report = run_batch(list(inputs), db, options, progress=progress, jsonl=jsonl)
    except KeyboardInterrupt:
        click.echo("vndoc: interrupted; what was archived stays, rerun the same command to resume", err=True)
        sys.exit(130)
    except (ArchiveError, RuntimeError, OSError) as exc:
        click.echo(f"vndoc: error: {exc}", err=True)
        sys.exit(1)
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo(report.summary())
    for path, message in report.failures:
        click.echo(f"  failed: {path}: {message}")
    sys.exit(report.exit_code)


_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people, json (one array) or csv for programs.",
)
_DB = click.option(
    "--db",
    "db",
    required=True,
    envvar="VNDOC_ARCHIVE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The archive file (or $VNDOC_ARCHIVE).",
)


def _open_archive(db: Path) -> Archive:
    from vndoc.archive import Archive, ArchiveError

    try:
        return Archive(db, create=False)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc


def _emit(rows: list[dict[str, object]], columns: list[str], fmt: str, nested: list[dict[str, object]]) -> None:
    """Print ``rows`` (flat, for table and CSV) or ``nested`` (for JSON)."""
    import csv

    if fmt == "json":
        click.echo(json.dumps(nested, ensure_ascii=False, indent=1, default=str))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: "" if r.get(c) is None else r[c] for c in columns} for r in rows)
        return
    click.echo(_table(rows, columns))


def _table(rows: list[dict[str, object]], columns: list[str], width: int = 60) -> str:
    def cell(value: object) -> str:
        text = "" if value is None else " ".join(str(value).split())
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells)
    if not rows:
        lines.append("(nothing found)")
    return "\n".join(lines)


def _doc_fields(doc: BaseModel) -> dict[str, object]:
    return dict(doc.model_dump(mode="json"))


@cli.group()
def archive() -> None:
    """Ask questions of an archive made by ``vndoc batch``.

    \b
    Examples:
      vndoc archive people --db archive.sqlite             # everyone, with positions and dates
      vndoc archive people "Nguyễn Văn An" --db archive.sqlite --format json
      vndoc archive cites 06/QĐ-TTg --db archive.sqlite    # documents citing it
      vndoc archive refs --db archive.sqlite               # the most cited documents
      vndoc archive search "đại hội đại biểu" --db archive.sqlite
      vndoc archive export --format parquet -o documents.parquet --db archive.sqlite
    """


@archive.command("info")
@_DB
def archive_info(db: Path) -> None:
    """Schema version and the number of rows of each table."""
    with _open_archive(db) as store:
        click.echo(f"{db}: schema version {store.schema_version}")
        for table, count in store.row_counts().items():
            click.echo(f"  {table:<14} {count}")


@archive.command("people")
@click.argument("name", required=False)
@_DB
@_FORMAT
def archive_people(name: str | None, db: Path, fmt: str) -> None:
    """People across documents, with the positions they held and when (by document date).

    NAME keeps those whose name contains it (accents optional when NAME has none). The same
    name in documents whose places conflict is kept as different people."""
    with _open_archive(db) as store:
        people = store.people(name)
    rows: list[dict[str, object]] = []
    for p in people:
        person = {
            "name": p.name,
            "variants": "; ".join(v for v in p.variants if v != p.name),
            "places": "; ".join(p.places),
            "first_date": p.first_date,
            "last_date": p.last_date,
            "documents": len(p.documents),
        }
        positions: list[HeldPosition | None] = [*p.positions] or [None]
        for pos in positions:
            rows.append(
                {
                    **person,
                    "title": pos and pos.title,
                    "organization": pos and pos.organization,
                    "status": pos and "; ".join(pos.statuses),
                    "from": pos and pos.first_date,
                    "to": pos and pos.last_date,
                }
            )
    if fmt == "table":
        columns = ["name", "places", "documents", "title", "organization", "from", "to"]
    else:
        columns = list(rows[0]) if rows else ["name"]
    _emit(rows, columns, fmt, [p.model_dump(mode="json") for p in people])


@archive.command("cites")
@click.argument("symbol")
@_DB
@_FORMAT
def archive_cites(symbol: str, db: Path, fmt: str) -> None:
    """Documents citing SYMBOL, e.g. 06/QĐ-TTg (spacing, case and accents of the symbol ignored)."""
    with _open_archive(db) as store:
        citations = store.cites(symbol)
    rows = [{**_doc_fields(c.document), "cited_as": c.raw, "page": c.page} for c in citations]
    columns = ["date", "doc_type", "number", "title", "cited_as", "page", "path", "part", "sha256"]
    _emit(
        rows, columns if fmt != "table" else columns[:6] + ["path"], fmt, [c.model_dump(mode="json") for c in citations]
    )


@archive.command("refs")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@_DB
@_FORMAT
def archive_refs(limit: int, db: Path, fmt: str) -> None:
    """The most cited documents: by citing documents, then mentions."""
    with _open_archive(db) as store:
        refs = store.most_cited(limit)
    rows = [r.model_dump(mode="json") for r in refs]
    _emit(rows, ["symbol", "doc_type", "documents", "mentions", "first_cited", "last_cited"], fmt, rows)


@archive.command("search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--raw", is_flag=True, help="TEXT is an FTS5 query (AND, OR, NOT, NEAR, prefix*).")
@_DB
@_FORMAT
def archive_search(text: str, limit: int, raw: bool, db: Path, fmt: str) -> None:
    """Full-text search: every word must occur (accents optional); "quoted phrases" kept together."""
    from vndoc.archive import ArchiveError

    with _open_archive(db) as store:
        try:
            hits = store.search(text, limit=limit, raw=raw)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
    rows = [{**_doc_fields(h.document), "snippet": h.snippet, "score": round(h.score, 3)} for h in hits]
    columns = (
        ["date", "doc_type", "title", "snippet", "path"]
        if fmt == "table"
        else ["sha256", "path", "date", "doc_type", "number", "title", "snippet", "score"]
    )
    _emit(rows, columns, fmt, [h.model_dump(mode="json") for h in hits])


@archive.command("failures")
@_DB
@_FORMAT
def archive_failures(db: Path, fmt: str) -> None:
    """Inputs that could not be extracted, and why (vndoc batch --retry-failed retries them)."""
    with _open_archive(db) as store:
        failures = store.failures()
    rows = [f.model_dump(mode="json") for f in failures]
    columns = ["path", "error", "message", "attempts", "failed_at", "sha256", "exit_code", "stage", "page"]
    _emit(rows, columns[:5] if fmt == "table" else columns, fmt, rows)


@archive.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one Document per line; csv and parquet: one table.",
)
@click.option(
    "--table",
    default="documents",
    show_default=True,
    help="For csv and parquet: documents, files, sections, people, positions, references, counts, "
    "organizations, issues or failures.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout.")
@_DB
def archive_export(fmt: str, table: str, output: Path | None, db: Path) -> None:
    """Export the archive: every Document as JSON Lines, or one table as CSV or Parquet."""
    import csv
    import io

    from vndoc.archive import TABLES

    if fmt != "jsonl" and table not in TABLES:
        raise click.BadParameter(f"no table {table!r}; tables: {', '.join(TABLES)}", param_hint="--table")
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise click.ClickException(
                "Parquet export needs pyarrow, which is not installed: pip install 'vndoc[parquet]' "
                "(or export --format csv / jsonl)"
            ) from exc
        if output is None:
            raise click.UsageError("Parquet is binary: give -o FILE")
    with _open_archive(db) as store:
        if fmt == "parquet":
            import itertools

            types = store.column_types(table)
            schema = pa.schema([(c, pa.int64() if t == "INTEGER" else pa.string()) for c, t in types.items()])
            columns, rows = store.table(table)
            written = 0
            with pq.ParquetWriter(output, schema) as writer:  # in chunks: an archive may not fit in memory
                while chunk := list(itertools.islice(rows, 10_000)):
                    arrays = {c: [row[i] for row in chunk] for i, c in enumerate(columns)}
                    writer.write_table(pa.table(arrays, schema=schema))
                    written += len(chunk)
            click.echo(f"{written} rows of {table} -> {output}", err=True)
            return
        handle = (
            output.open("w", encoding="utf-8", newline="")
            if output
            else io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
        )
        try:
            if fmt == "jsonl":
                for payload in store.iter_documents_json():
                    handle.write(payload + "\n")
            else:
                columns, rows = store.table(table)
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(columns)
                writer.writerows(rows)
        finally:
            handle.flush()
            if output:
                handle.close()
            else:
                handle.detach()


def main() -> None:
    # pdfminer logs every repair it makes to a damaged PDF as a warning; the CLI reports outcomes itself
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    cli(prog_name="vndoc")
