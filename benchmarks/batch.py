"""Batch benchmark: throughput with 1 and 2 worker processes, and the parent's memory as batches grow.

    python -m benchmarks.batch                   # 88 text PDFs with 1 and 2 workers; 100 and 1000 text files
    python -m benchmarks.batch --repeat 3 --json

Inputs (cached in ``benchmarks/out/batch/``):

* text PDFs: the corpus texts (dev and test) rendered by :mod:`benchmarks.render`, each kept twice --
  the copy with a unique comment line after ``%%EOF``, which readers ignore -- since a batch extracts a
  content only once and identical copies would be skipped;
* text files: the corpus texts copied round-robin up to 1000, each with a unique last line for the
  same reason.

Every run is a fresh Python process over a fresh archive: ``vndoc.batch.run_batch`` with N workers.
Reported: wall seconds of the batch (imports excluded; starting the workers included, as a user pays
it), files/s and pages/s, the parent's own peak RSS and CPU seconds (``RUSAGE_SELF``: the single writer,
which hashes, dispatches and commits, without its workers; CPU during the batch only), the workers'
CPU seconds on the files, and the parallelism achieved (worker CPU / wall). Times are the best of
``--repeat`` runs.

The speed-up from a second worker needs a second idle core; on a shared machine the load average
(printed) says how far the measured one can be trusted. Beside it, an estimate that load does not
change: the 1-worker run's extraction CPU over half the 2-worker run's extraction and parent CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out" / "batch"

_JOB = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from vndoc.batch import BatchOptions, run_batch
workers, db, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
t1, c1 = time.perf_counter(), cpu()
report = run_batch([folder], db, BatchOptions(workers=workers))
t2, c2 = time.perf_counter(), cpu()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": t2 - t1, "import_seconds": t1 - t0, "files": report.files,
                  "extracted": report.extracted, "failed": report.failed, "pages": report.pages,
                  "parent_peak_mb": usage.ru_maxrss / 1024, "parent_cpu_s": c2 - c1,
                  "worker_cpu_s": report.worker_cpu_seconds}))
"""


def text_pdfs(copies: int = 2) -> Path:
    """The corpus as text PDFs, each kept ``copies`` times with distinct bytes."""
    from benchmarks.render import render_corpus

    folder = OUT / f"pdfs-x{copies}"
    if folder.exists() and any(folder.glob("*.pdf")):
        return folder
    rendered = OUT / "rendered"
    for split in ("dev", "test"):
        if not (rendered / split).exists():
            render_corpus(ROOT / "corpus" / split, rendered / split, seed=1, scan_dpis=(), only="pdf")
    folder.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(rendered.rglob("*.pdf")):
        for copy in range(copies):
            target = folder / f"{pdf.stem}-{copy}.pdf"
            shutil.copyfile(pdf, target)
            if copy:
                with target.open("ab") as handle:
                    handle.write(f"% copy {copy}\n".encode())
    return folder


def text_files(count: int) -> Path:
    """``count`` text files from the corpus texts, each made distinct by its last line."""
    folder = OUT / f"texts-{count}"
    if folder.exists() and len(list(folder.glob("*.txt"))) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    sources = [p for split in ("dev", "test") for p in sorted((ROOT / "corpus" / split).glob("*.txt"))]
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for i in range(count):
        body = texts[i % len(texts)].rstrip("\n")
        (folder / f"{i:05d}-{sources[i % len(sources)].stem}.txt").write_text(
            f"{body}\nBản sao số {i}.\n", encoding="utf-8"
        )
    return folder


def run_job(workers: int, folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
        out = subprocess.run(
            [sys.executable, "-c", _JOB, str(workers), str(Path(tmp) / "a.sqlite"), str(folder)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env=env,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def best(workers: int, folder: Path, repeat: int) -> dict:
    return min((run_job(workers, folder) for _ in range(repeat)), key=lambda r: r["seconds"])


def row(label: str, workers: int, result: dict) -> dict:
    return {
        "input": label,
        "workers": workers,
        "files": result["files"],
        "pages": result["pages"],
        "seconds": round(result["seconds"], 2),
        "files_per_s": round(result["files"] / result["seconds"], 1),
        "pages_per_s": round(result["pages"] / result["seconds"], 1),
        "parent_peak_mb": round(result["parent_peak_mb"], 1),
        "parent_cpu_s": round(result["parent_cpu_s"], 2),
        "worker_cpu_s": round(result["worker_cpu_s"], 2),
        "parallelism": round(result["worker_cpu_s"] / result["seconds"], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs per row")
    parser.add_argument("--pdf-copies", type=int, default=2, help="each corpus PDF this many times")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000], help="text-file batch sizes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    pdfs = text_pdfs(args.pdf_copies)
    n_pdfs = len(list(pdfs.glob("*.pdf")))
    rows = []
    for workers in (1, 2):
        rows.append(row(f"{n_pdfs} text PDFs", workers, best(workers, pdfs, args.repeat)))
    speedup = round(rows[0]["seconds"] / rows[1]["seconds"], 2)
    # On two idle cores the two workers share the extraction work and the parent's: what the speed-up
    # would be if nothing else ran (worker start-up aside), from CPU times that load does not change.
    one, two = rows[0], rows[1]
    estimate = round(one["worker_cpu_s"] / ((two["worker_cpu_s"] + two["parent_cpu_s"]) / 2), 2)
    for size in args.sizes:
        rows.append(row(f"{size} text files", 2, best(2, text_files(size), 1)))
    facts = {"cores": len(os.sched_getaffinity(0)), "load_average": [round(x, 2) for x in os.getloadavg()]}
    if args.json:
        print(json.dumps({"rows": rows, "speedup_2_vs_1": speedup, "idle_estimate": estimate, **facts}, indent=1))
        return 0
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in columns) + " |")
    print(f"speed-up, 2 workers vs 1 on text PDFs: {speedup}x measured (target >= 1.8x)")
    print(f"  CPU-bound estimate on {min(facts['cores'], 2)} idle cores, start-up aside: {estimate}x")
    print(f"cores: {facts['cores']}, load average: {facts['load_average']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
