"""Batches: the corpus with broken files, misbehaving files isolated, SIGKILL at random moments then a
rerun giving the archive an uninterrupted run gives, Dask, JSON Lines output, and the command line."""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from vndoc.archive import Archive
from vndoc.batch import (
    EXIT_FAILURES,
    BatchOptions,
    LineProgress,
    TaskOutput,
    expand_inputs,
    extract_task,
    run_batch,
)
from vndoc.cli import cli
from vndoc.settings import Settings

DEV = REPO / "corpus" / "dev"
TEST = REPO / "corpus" / "test"
TEXTS = sorted(DEV.glob("*.txt")) + sorted(TEST.glob("*.txt"))
WORKERS = BatchOptions(workers=2, timeout_s=120)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text PDFs of the corpus's test split, rendered once for this module (the dev split's texts are
    in the batches as text; rendering them too would add time and nothing new)."""
    from benchmarks.render import render_corpus

    out = tmp_path_factory.mktemp("rendered")
    render_corpus(TEST, out / TEST.name, seed=1, scan_dpis=(), only="pdf")
    return out


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory, rendered: Path) -> Path:
    """Files a batch meets in real folders: empty ones, a truncated PDF, HTML named .pdf, a copy."""
    folder = tmp_path_factory.mktemp("broken")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "empty.txt").write_bytes(b"")  # the same (empty) content as empty.pdf
    pdf = next(iter(sorted((rendered / "test").glob("*.pdf")))).read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "page.pdf").write_bytes(b"<!DOCTYPE html><html><body>Trang web</body></html>")
    shutil.copy(TEXTS[0], folder / "renamed-copy.txt")  # the same content as a corpus text
    return folder


def state(db: Path) -> dict[str, object]:
    """What two runs over the same inputs must agree on: the documents (by content), the paths, the
    failures and the number of rows of every table."""
    with Archive(db, create=False) as store:
        return {
            "documents": [r[0] for r in store.db.execute("SELECT sha256 FROM documents ORDER BY sha256")],
            "files": [tuple(r) for r in store.db.execute("SELECT path, sha256 FROM files ORDER BY path")],
            "failures": [tuple(r) for r in store.db.execute("SELECT path, error FROM failures ORDER BY path")],
            "rows": store.row_counts(),
        }


def _count_sections(sections: list[dict]) -> int:
    return sum(1 + _count_sections(s.get("children") or []) for s in sections)


def check_consistent(db: Path) -> int:
    """Every document is whole: its record rows are exactly those of its JSON; the file and the
    full-text index are intact. Returns the number of documents."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        per_doc: dict[str, dict[int, int]] = {}
        for table in ("sections", "people", "positions", "references", "counts", "organizations", "issues"):
            per_doc[table] = dict(con.execute(f'SELECT document_id, count(*) FROM "{table}" GROUP BY document_id'))
        docs = con.execute("SELECT id, json FROM documents").fetchall()
        for doc_id, payload in docs:
            data = json.loads(payload)
            expected = {
                "sections": _count_sections(data["sections"]),
                "people": len(data["people"]),
                "positions": sum(len(p["positions"]) for p in data["people"]),
                "references": len(data["references"]),
                "counts": len(data["counts"]),
                "organizations": len(data["organizations"]),
                "issues": len(data["issues"]),
            }
            assert {t: per_doc[t].get(doc_id, 0) for t in expected} == expected
        return len(docs)
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------------
# Inputs


def test_expand_inputs(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a" / "y.TXT").write_text("y", encoding="utf-8")
    (tmp_path / "a" / "notes.json").write_text("{}", encoding="utf-8")  # not a document suffix
    (tmp_path / "a" / ".hidden.txt").write_text("h", encoding="utf-8")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "z.txt").write_text("z", encoding="utf-8")
    (tmp_path / "a" / "sub").mkdir()
    (tmp_path / "a" / "sub" / "w.docx").write_bytes(b"PK")
    (tmp_path / "odd.dat").write_text("named explicitly", encoding="utf-8")
    (tmp_path / "list.txt").write_text("# files to do\n\na/x.pdf\nodd.dat\nmissing.pdf\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    got = expand_inputs(["a", "@list.txt", "a/x.pdf"])
    assert [p.relative_to(tmp_path).as_posix() for p in got] == [
        "a/x.pdf",
        "a/y.TXT",
        "a/sub/w.docx",
        "odd.dat",
        "missing.pdf",
    ]
    assert all(p.is_absolute() for p in got)
    monkeypatch.setattr(sys, "stdin", io.StringIO("a/sub\n# not this\nodd.dat\n"))
    assert [p.relative_to(tmp_path).as_posix() for p in expand_inputs(["@-"])] == ["a/sub/w.docx", "odd.dat"]


# ---------------------------------------------------------------------------------------------------
# The corpus, with broken files, then reruns


def test_batch_over_the_corpus_with_broken_files(tmp_path, rendered, broken):
    listing = tmp_path / "broken.txt"
    listing.write_text("\n".join([*map(str, sorted(broken.iterdir())), str(broken / "missing.pdf")]) + "\n")
    inputs = [str(DEV), str(TEST), str(rendered), f"@{listing}"]
    db, jsonl = tmp_path / "archive.sqlite", tmp_path / "out.jsonl"
    n_texts, n_pdfs = len(TEXTS), len(list(rendered.rglob("*.pdf")))
    assert (n_texts, n_pdfs) == (44, 22)

    first = run_batch(inputs, db, WORKERS, jsonl=jsonl)
    assert first.files == n_texts + n_pdfs + 6
    # an empty file is a failure ("the file is empty"); its empty twin is a duplicate of that content
    assert (first.extracted, first.failed, first.duplicates, first.skipped) == (n_texts + n_pdfs, 4, 2, 0)
    assert first.exit_code == EXIT_FAILURES
    assert check_consistent(db) == n_texts + n_pdfs
    with Archive(db) as store:
        failures = {Path(f.path).name: (f.error, f.attempts) for f in store.failures()}
        assert failures == {
            "empty.pdf": ("CorruptDocumentError", 1),
            "truncated.pdf": ("CorruptDocumentError", 1),
            "page.pdf": ("UnsupportedInputError", 1),
            "missing.pdf": ("InputNotFoundError", 1),
        }
        assert store.row_counts()["files"] == first.files - 1  # every path but the missing one
        linked = store.db.execute(
            "SELECT count(*) FROM files f JOIN documents d USING (sha256) WHERE f.path LIKE '%renamed-copy.txt'"
        ).fetchone()[0]
        assert linked == 1
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len({json.loads(line)["source"]["sha256"] for line in lines}) == first.extracted
    before = state(db)

    again = run_batch(inputs, db, WORKERS, jsonl=jsonl)
    assert (again.extracted, again.skipped, again.duplicates, again.previously_failed, again.failed) == (
        0,
        first.extracted,
        2,
        3,
        1,  # a missing file has no content to remember: it is looked for again on every run
    )
    assert state(db) == before
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == first.extracted

    retried = run_batch([], db, BatchOptions(workers=2, retry_failed=True))  # no inputs: the recorded failures
    assert (retried.files, retried.failed, retried.extracted) == (4, 4, 0)
    with Archive(db) as store:
        # skipped by the rerun, retried now: 2 attempts; the missing file is looked for every time: 3
        assert sorted(f.attempts for f in store.failures()) == [2, 2, 2, 3]


# ---------------------------------------------------------------------------------------------------
# Files that hang, crash or exhaust memory fail alone


def misbehaving_task(path: str, settings: Settings) -> TaskOutput:
    """Extraction, except for files named to misbehave (run in the worker processes)."""
    name = Path(path).stem
    if name == "hang":
        time.sleep(120)
    elif name == "crash":
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.kill(os.getpid(), signal.SIGSEGV)
    elif name == "hog":
        hog = bytearray(2 << 30)  # 2 GiB at once, past the limit of the test
        del hog
    elif name == "bug":
        raise RuntimeError("boom")
    return extract_task(path, settings)


def test_hanging_crashing_and_hungry_files_fail_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, name in enumerate(["a", "hang", "b", "crash", "c", "hog", "d", "bug", "e", "f"]):
        (folder / f"{name}.txt").write_text(f"Vinh, ngày {i + 1} tháng 3 năm 2009\nBÁO CÁO\nVăn bản {name}\n")
    options = BatchOptions(workers=2, timeout_s=3, memory_mb=768, max_tasks_per_child=2, task=misbehaving_task)
    db = tmp_path / "archive.sqlite"
    report = run_batch([str(folder)], db, options)
    assert (report.extracted, report.failed) == (6, 4)
    with Archive(db) as store:
        got = {Path(f.path).stem: (f.error, f.message) for f in store.failures()}
        assert got == {
            "hang": ("LimitExceededError", "took longer than the per-file timeout of 3 s"),
            "crash": ("ExtractionError", "the worker process died (SIGSEGV)"),
            "hog": ("LimitExceededError", "ran out of memory (limit 768 MiB of address space)"),
            "bug": ("ExtractionError", "unexpected RuntimeError: boom"),
        }
        assert sorted(Path(p).stem for (p,) in store.db.execute("SELECT path FROM documents")) == list("abcdef")


# ---------------------------------------------------------------------------------------------------
# SIGKILL at random moments, then a rerun


def _group_alive(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="the kill test reads /proc (Linux)")
def test_sigkill_at_random_moments_then_rerun_gives_the_uninterrupted_archive(tmp_path, rendered, broken):
    inputs = [*map(str, TEXTS[:8]), *map(str, sorted((rendered / "test").glob("*.pdf"))[:2])]
    inputs += [str(broken / "truncated.pdf"), str(broken / "renamed-copy.txt")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}

    def start(db: Path, jsonl: Path) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "vndoc", "batch", *inputs, "--db", str(db), "--workers", "2", "-q"]
        return subprocess.Popen(
            [*command, "--jsonl", str(jsonl)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    t0 = time.monotonic()
    reference = start(tmp_path / "reference.sqlite", tmp_path / "reference.jsonl")
    assert reference.wait(timeout=120) == EXIT_FAILURES
    window = time.monotonic() - t0
    expected = state(tmp_path / "reference.sqlite")
    assert len(expected["documents"]) == 10 and expected["rows"]["failures"] == 1

    seed = int(os.environ.get("VNDOC_KILL_SEED", "1"))
    rng = random.Random(seed)
    repetitions = 5
    seen_partial = 0
    for rep in range(repetitions):
        db, jsonl = tmp_path / f"killed-{rep}.sqlite", tmp_path / f"killed-{rep}.jsonl"
        process = start(db, jsonl)
        time.sleep(window * (rep + rng.random()) / repetitions)  # one moment in each fifth of a run
        process.kill()
        process.wait()
        deadline = time.monotonic() + 30
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        orphans = _group_alive(process.pid)
        if orphans:
            os.killpg(process.pid, signal.SIGKILL)
        assert not orphans, f"workers outlived the killed batch (seed {seed}, rep {rep})"
        if db.exists():
            done = check_consistent(db)
            seen_partial += 0 < done < 10
        rerun = run_batch(inputs, db, WORKERS, jsonl=jsonl)
        assert rerun.exit_code == EXIT_FAILURES
        assert state(db) == expected, f"seed {seed}, rep {rep}"
        lines = jsonl.read_text(encoding="utf-8").splitlines()
        assert sorted(json.loads(line)["source"]["sha256"] for line in lines) == expected["documents"]
    for attempt in range(5):  # the timed kills all missed the middle of a run: kill when one is committed
        if seen_partial:
            break
        db, jsonl = tmp_path / f"polled-{attempt}.sqlite", tmp_path / f"polled-{attempt}.jsonl"
        process = start(db, jsonl)
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if db.exists() and _committed_documents(db) >= 1:
                break
            time.sleep(0.02)
        process.kill()
        process.wait()
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        if db.exists():
            seen_partial += 0 < check_consistent(db) < 10
            rerun = run_batch(inputs, db, WORKERS, jsonl=jsonl)
            assert state(db) == expected and rerun.exit_code == EXIT_FAILURES
    assert seen_partial >= 1, "no kill landed in the middle of a run: the test did not test resuming"


def _committed_documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="the test reads /proc (Linux)")
def test_sigterm_stops_the_batch_cleanly(tmp_path, rendered):
    folder = tmp_path / "in"
    folder.mkdir()
    for pdf in sorted((rendered / "test").glob("*.pdf"))[-10:]:
        shutil.copy(pdf, folder / pdf.name)
    db = tmp_path / "a.sqlite"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(
        [sys.executable, "-m", "vndoc", "batch", str(folder), "--db", str(db), "--workers", "1", "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:  # wait for the first commit
        if db.exists():
            with sqlite3.connect(db) as con:
                tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
                if "documents" in tables and con.execute("SELECT count(*) FROM documents").fetchone()[0]:
                    break
        time.sleep(0.05)
    process.terminate()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, "the batch finished before it could be stopped"
    assert b"interrupted; what was archived stays" in err and b"Traceback" not in err
    deadline = time.monotonic() + 10  # the workers were ended with it; the fork server follows it out
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _group_alive(process.pid) == []
    assert 0 < check_consistent(db) < 10


# ---------------------------------------------------------------------------------------------------
# Dask


def test_dask_cluster_gives_the_same_archive(tmp_path, rendered, broken):
    import distributed  # the dask extra, installed with the dev extra

    inputs = [*map(str, TEXTS[:6]), *map(str, sorted((rendered / "test").glob("*.pdf"))[-2:])]
    inputs += [str(broken / "page.pdf"), str(broken / "renamed-copy.txt")]
    run_batch(inputs, tmp_path / "local.sqlite", WORKERS)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        report = run_batch(
            inputs, tmp_path / "dask.sqlite", BatchOptions(dask_address=cluster.scheduler_address, timeout_s=120)
        )
    assert (report.extracted, report.failed, report.duplicates) == (8, 1, 1)
    assert state(tmp_path / "dask.sqlite") == state(tmp_path / "local.sqlite")
    check_consistent(tmp_path / "dask.sqlite")


# ---------------------------------------------------------------------------------------------------
# JSON Lines and progress


def test_jsonl_drops_a_cut_line_and_gains_what_it_missed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Vinh, ngày {i + 1} tháng 3 năm 2009\nBÁO CÁO\nSố {i}\n", encoding="utf-8")
    db, jsonl = tmp_path / "a.sqlite", tmp_path / "out.jsonl"
    run_batch([str(folder)], db, BatchOptions(workers=1))  # archived, but never written as JSON Lines
    jsonl.write_text('{"schema_version": "1", "source": {"sha2', encoding="utf-8")  # cut by a kill
    report = run_batch([str(folder)], db, BatchOptions(workers=1), jsonl=jsonl)
    assert report.skipped == 3
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(json.loads(line)["source"]["media_type"] == "text/plain" for line in lines)


def test_a_bound_volume_is_archived_and_written_as_its_parts(tmp_path):
    from benchmarks.render import make_long_pdf

    folder = tmp_path / "in"
    folder.mkdir()
    make_long_pdf(12, folder / "volume.pdf", seed=1, src_dir=REPO / "corpus" / "test")
    (folder / "single.txt").write_text("Vinh, ngày 2 tháng 3 năm 2009\nBÁO CÁO\nHội có 19 chi hội.\n", encoding="utf-8")
    db, jsonl = tmp_path / "a.sqlite", tmp_path / "out.jsonl"
    report = run_batch([str(folder)], db, BatchOptions(workers=1), jsonl=jsonl)
    assert report.extracted == 2 and report.failed == 0
    with Archive(db) as store:
        parts = store.db.execute("SELECT part, part_count FROM documents WHERE path LIKE '%volume.pdf'").fetchall()
    assert len(parts) >= 3 and [p for p, _ in parts] == list(range(1, len(parts) + 1))
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert sorted((d["part"] or {}).get("index", 0) for d in lines) == [0, *range(1, len(parts) + 1)]
    again = run_batch([str(folder)], db, BatchOptions(workers=1), jsonl=jsonl)
    assert again.skipped == 2 and len(jsonl.read_text(encoding="utf-8").splitlines()) == len(lines)


def test_line_progress_reports_rates_eta_and_failures(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Vinh, ngày 1 tháng 3 năm 2009\nBÁO CÁO\n", encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"<html><body>x</body></html>")
    stream = io.StringIO()
    run_batch([str(folder)], tmp_path / "a.sqlite", BatchOptions(workers=1), progress=LineProgress(stream))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    pattern = (
        r"\[(\d)/2\] (done|failed) .*/(a\.txt \(1 pages, [\d.]+ s\)|b\.pdf: UnsupportedInputError: .*) \| "
        r"[\d.]+ files/s, [\d.]+ pages/s, ETA (\d+:\d\d:\d\d|\?), (\d) failed"
    )
    matches = [re.fullmatch(pattern, line) for line in lines]
    assert all(matches), lines
    # One worker: the files are done in the order of the folder.
    assert [(m.group(1), m.group(2), m.group(5)) for m in matches if m] == [("1", "done", "0"), ("2", "failed", "1")]


# ---------------------------------------------------------------------------------------------------
# Command line


def test_cli_batch_exit_codes_and_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Vinh, ngày 1 tháng 3 năm 2009\nBÁO CÁO\nSố 1\n", encoding="utf-8")
    db = tmp_path / "a.sqlite"
    runner = CliRunner()
    ok = runner.invoke(cli, ["batch", str(folder), "--db", str(db), "--workers", "1"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith("1 files: 1 extracted, 0 failed, 0 already archived")
    assert re.search(r"\[1/1\] done .*a\.txt", ok.stderr)
    (folder / "b.pdf").write_bytes(b"%PDF-1.4\n")
    failed = runner.invoke(cli, ["batch", str(folder), "--db", str(db), "-q"])
    assert failed.exit_code == EXIT_FAILURES
    assert "1 extracted" not in failed.stdout and "1 already archived" in failed.stdout
    assert re.search(r"failed: .*b\.pdf: ", failed.stdout) and failed.stderr == ""
    usage = runner.invoke(cli, ["batch", "--db", str(db)])
    assert usage.exit_code == 2 and "--retry-failed" in usage.output
    with Archive(db) as store:
        counts = store.row_counts()
        assert (counts["documents"], counts["failures"], counts["files"]) == (1, 1, 2)
