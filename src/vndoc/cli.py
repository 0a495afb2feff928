"""The ``vndoc`` command line: a thin layer over the library.

Every command calls one library function and maps library errors to one line on stderr and a distinct
exit code (see ``vndoc --help``); no traceback is shown for bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from vndoc import __version__

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  2  usage error (bad option or argument)
  3  input file not found
  4  unsupported input type (not PDF/DOCX/text/image, or mislabelled)
  5  unreadable or corrupt document
  6  encrypted document
  7  a configured limit exceeded (size, pages, text length)
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
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="auto: OCR images and PDF pages without a usable text layer; always: every page; never: none.",
)
def extract(
    files: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    max_pages: int | None,
    max_file_mb: float | None,
    ocr: str,
) -> None:
    """Extract FILES (PDF, DOCX, text, or images: PNG, JPEG, TIFF) and print the result.

    \b
    With several files and no -o, JSON output is one document per line (JSON Lines).
    A file that fails is reported on stderr; the others are still extracted, and the exit
    code is that of the first failure.
    """
    from vndoc.models import Failure
    from vndoc.pipeline import extract_result
    from vndoc.settings import Settings
    from vndoc.summary import to_markdown

    settings = Settings(ocr=ocr)  # type: ignore[arg-type]  # click.Choice checked the value
    if max_pages is not None:
        settings = settings.model_copy(update={"max_pages": max_pages})
    if max_file_mb is not None:
        settings = settings.model_copy(update={"max_file_bytes": int(max_file_mb * 1024 * 1024)})
    try:
        settings = Settings.model_validate(settings.model_dump())
    except ValueError as exc:
        raise click.BadParameter(str(exc).splitlines()[-1].strip()) from exc
    several = len(files) > 1
    if output is not None and several:
        output.mkdir(parents=True, exist_ok=True)
    status = 0
    for path in files:
        result = extract_result(path, settings=settings)
        if isinstance(result, Failure):
            where = "".join(f", {k} {v}" for k, v in (("stage", result.stage), ("page", result.page)) if v)
            click.echo(f"vndoc: error: {path}{where}: {result.message}", err=True)
            status = status or result.exit_code
            continue
        if fmt == "json":
            rendered = result.model_dump_json(indent=None if several and output is None else 2)
        else:
            rendered = to_markdown(result)
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


def main() -> None:
    cli(prog_name="vndoc")
