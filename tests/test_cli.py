"""The command line, run in-process: outputs, exit codes, no tracebacks, documented commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.conftest import REPO, shared_path
from vndoc.cli import cli
from vndoc.models import Document

DOC = (
    "Vinh, ngày 15 tháng 3 năm 2009\nBÁO CÁO\nTỔNG KẾT NĂM 2008\n"
    "I. KẾT QUẢ\nHội có 19 chi hội.\nII. PHƯƠNG HƯỚNG\nTiếp tục phát triển.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and re.fullmatch(r"vndoc, version \d+\.\d+\.\d+\n", result.output)


def test_extract_json_and_markdown(runner, tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text(DOC, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0
    doc = Document.model_validate_json(result.output)
    assert doc.header.place == "Vinh" and [s.number for s in doc.sections] == ["I", "II"]
    md = runner.invoke(cli, ["extract", str(path), "--format", "markdown"])
    assert md.exit_code == 0
    assert md.output.startswith("# Báo cáo — TỔNG KẾT NĂM 2008\n")
    assert "- I. KẾT QUẢ (p. 1)" in md.output


def test_extract_several_to_directory_with_one_bad_file(runner, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(DOC, encoding="utf-8")
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"<html><body>not a pdf</body></html>")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["extract", str(good), str(bad), str(tmp_path / "missing.pdf"), "-o", str(out)])
    assert result.exit_code == 4  # the first failure's code: unsupported type
    assert (out / "a.json").exists() and not (out / "b.json").exists()
    assert "b.pdf" in result.stderr and "text/html" in result.stderr
    assert "missing.pdf" in result.stderr and "no such file" in result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize(
    "content, code",
    [
        (None, 3),  # not found
        (b"PK\x03\x04not really a zip", 4),  # a zip that is no DOCX
        (b"\x89PNG\r\n\x1a\n....", 5),  # a broken image
        (b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF", 5),  # corrupt PDF
    ],
    ids=["missing", "zip", "image", "corrupt-pdf"],
)
def test_exit_codes(runner, tmp_path, content, code):
    path = tmp_path / "input.pdf"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == code
    assert result.stderr.startswith(f"vndoc: error: {path}")
    assert "Traceback" not in result.stderr


def test_encrypted_exit_code(runner, tmp_path):
    from tests.builders import build_pdf, paragraph_lines

    lines, _ = paragraph_lines(1, 60, "Tài liệu mật.")
    path = tmp_path / "secret.pdf"
    path.write_bytes(build_pdf(lines, encrypt="secret"))
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 6 and "encrypted" in result.stderr


def test_page_limit(runner):
    result = runner.invoke(cli, ["extract", str(shared_path("seed", "seed.pdf")), "--max-pages", "3"])
    assert result.exit_code == 7 and "5 pages" in result.stderr


def test_schema_command(runner):
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "Document"


def test_every_command_is_documented_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"vndoc {name}" in readme, f"`vndoc {name}` is not documented in the README"


def test_version_starts_fast_without_heavy_imports():
    code = (
        "import sys, vndoc.cli; "
        "heavy = [m for m in ('pdfplumber', 'underthesea', 'spacy', 'pdfminer') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_invalid_limit_is_a_usage_error(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DOC, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--max-pages", "0"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_markdown_lists_footnotes_tables_and_table_counts(runner):
    notes = runner.invoke(
        cli, ["extract", "--format", "markdown", str(shared_path("reallong", "dangbo-thainguyen-2025-kiemdiem.pdf"))]
    )
    assert notes.exit_code == 0
    section = notes.output.split("## Footnotes\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split(".", 1)[0] for line in section] == [str(n) for n in range(1, 11)]
    tables = runner.invoke(
        cli, ["extract", "--format", "markdown", str(shared_path("realpdfs", "gialam-2021", "4.1.pdf"))]
    )
    assert "- p. 1: 9 row(s); columns: TT | Nội dung | Chỉ tiêu Đại hội | Kết quả | Đánh giá" in tables.output
    assert (
        "- 391 hộ → 391 hộ [table: Các cấp Hội giúp hộ nghèo do phụ nữ làm chủ thoát nghèo. / Kết quả]" in tables.output
    )
