"""Speed and memory benchmark: vndoc against the bare tools, measured in the same run.

    python -m benchmarks.speed                 # seed PDF, 50- and 500-page PDFs, a corpus batch, CLI start-up
    python -m benchmarks.speed --pages 50      # only the 50-page document (quick)
    python -m benchmarks.speed --json
    python -m benchmarks.speed --ocr-only      # only the OCR rows (scanned seed against bare tesseract)

Every measurement runs in a fresh Python process pinned to one core (``taskset -c 0`` where available),
so peak memory (max RSS) is that job's own. Rates exclude importing the library (reported apart, paid
once per process: a batch pays it once); the CLI start-up rows show the whole cost of one command.
Baselines on the same files in the same run: ``pdftotext`` (poppler), raw pdfplumber ``extract_text``.
Times are the best of ``--repeat`` runs, since these machines are noisy. Generated inputs are cached
in ``benchmarks/out/``.

OCR rows: the 300 dpi scan of the seed, read by vndoc (rasterising, deskewing, recognition, layout and
extraction) against the bare ``tesseract`` command on the same pages as 300 dpi grayscale PNGs, with the same
model, page segmentation mode and one thread (``OMP_THREAD_LIMIT=1``); and against a bare tesserocr loop (the
same engine build as vndoc's, model loaded once). Pinned to one core, then on all cores (vndoc's page workers
against as many ``tesseract`` processes at once).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
SHARED = ROOT.parent / "shared"

_JOB = r"""
import json, resource, sys, time
kind, paths = sys.argv[1], sys.argv[2:]
t_import = time.perf_counter()
if kind == "pdfplumber":
    import pdfplumber
elif kind == "tesserocr":
    import tesserocr
else:
    import vndoc.pipeline
t0 = time.perf_counter()
pages = 0
if kind == "pdfplumber":
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
elif kind == "vndoc":
    for p in paths:
        pages += vndoc.pipeline.extract(p).source.pages
elif kind == "tesserocr":
    import tesserocr
    from vndoc.readers.ocr import find_model
    with tesserocr.PyTessBaseAPI(path=str(find_model().tessdata) + "/", lang="vie", psm=tesserocr.PSM.AUTO,
                                 oem=tesserocr.OEM.LSTM_ONLY) as api:
        for p in paths:
            api.SetImageFile(p)
            api.SetSourceResolution(300)
            api.GetUTF8Text()
            pages += 1
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "import_seconds": t0 - t_import, "pages": pages,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _pin(pinned: bool = True) -> list[str]:
    return ["taskset", "-c", "0"] if pinned and shutil.which("taskset") else []


def run_python_job(kind: str, paths: list[Path], pinned: bool = True) -> dict:
    out = subprocess.run(
        [*_pin(pinned), sys.executable, "-c", _JOB, kind, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_pdftotext(paths: list[Path]) -> dict:
    t0 = time.perf_counter()
    for p in paths:
        subprocess.run([*_pin(), "pdftotext", "-q", str(p), "/dev/null"], check=True)
    return {"seconds": time.perf_counter() - t0}


def best(fn, repeat: int) -> dict:
    runs = [fn() for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def measure_pdfs(label: str, paths: list[Path], repeat: int) -> dict:
    vn = best(lambda: run_python_job("vndoc", paths), repeat)
    plumber = best(lambda: run_python_job("pdfplumber", paths), repeat)
    pages = vn["pages"]
    row = {
        "input": label,
        "files": len(paths),
        "pages": pages,
        "vndoc_pages_per_s": round(pages / vn["seconds"], 1),
        "vndoc_import_s": round(vn["import_seconds"], 2),
        "vndoc_peak_mb": round(vn["max_rss_mb"]),
        "pdfplumber_pages_per_s": round(pages / plumber["seconds"], 1),
        "pdfplumber_peak_mb": round(plumber["max_rss_mb"]),
    }
    if shutil.which("pdftotext"):
        bare = best(lambda: run_pdftotext(paths), repeat)
        row["pdftotext_pages_per_s"] = round(pages / bare["seconds"], 1)
    row["vndoc_vs_pdfplumber"] = round(row["vndoc_pages_per_s"] / row["pdfplumber_pages_per_s"], 2)
    return row


def scan_pages(scan: Path) -> list[Path]:
    """The pages of a scanned PDF as 300 dpi grayscale PNGs (cached), the bare engines' input."""
    import pypdfium2 as pdfium

    target = OUT / "ocr" / scan.stem
    pdf = pdfium.PdfDocument(scan)
    paths = [target / f"page-{i + 1}.png" for i in range(len(pdf))]
    if not all(p.exists() for p in paths):
        target.mkdir(parents=True, exist_ok=True)
        for i, path in enumerate(paths):
            image = pdf[i].render(scale=300 / 72, grayscale=True).to_pil()
            image.save(path, dpi=(300, 300))
    pdf.close()
    return paths


def run_tesseract(pages: list[Path], tessdata: Path, parallel: int) -> dict:
    """The ``tesseract`` command once per page, one thread each, ``parallel`` processes at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = ["tesseract", "--tessdata-dir", str(tessdata), "-l", "vie", "--psm", "3", "--oem", "1", "--dpi", "300"]
    t0 = time.perf_counter()
    running: list[subprocess.Popen] = []
    for page in pages:
        while len(running) >= parallel:
            running.pop(0).wait()
        running.append(
            subprocess.Popen(
                [*_pin(parallel == 1), *command, str(page), "-"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        )
    for process in running:
        process.wait()
    return {"seconds": time.perf_counter() - t0}


def measure_ocr(scan: Path, repeat: int) -> list[dict]:
    from vndoc.readers.ocr import default_workers, find_model

    pages = scan_pages(scan)
    tessdata = find_model().tessdata
    rows = []
    cores = default_workers()
    for label, parallel in (("1 core", 1), (f"{cores} cores", cores)):
        if parallel > 1 and cores == 1:
            continue
        vn = best(lambda: run_python_job("vndoc", [scan], pinned=parallel == 1), repeat)  # noqa: B023
        row = {
            "input": f"{scan.name} ({len(pages)} pages, {label})",
            "model": str(tessdata),
            "vndoc_s_per_page": round(vn["seconds"] / len(pages), 2),
            "vndoc_peak_mb": round(vn["max_rss_mb"]),
        }
        if shutil.which("tesseract"):
            bare = best(lambda: run_tesseract(pages, tessdata, parallel), repeat)  # noqa: B023
            row["tesseract_s_per_page"] = round(bare["seconds"] / len(pages), 2)
            row["vndoc_vs_tesseract"] = round(vn["seconds"] / bare["seconds"], 2)
        if parallel == 1:
            loop = best(lambda: run_python_job("tesserocr", pages), repeat)
            row["tesserocr_s_per_page"] = round(loop["seconds"] / len(pages), 2)
        rows.append(row)
    return rows


def cli_startup(repeat: int) -> dict:
    vndoc = shutil.which("vndoc") or str(Path(sys.executable).with_name("vndoc"))
    one_page = OUT / "long-1.pdf"

    def timed(args: list[str]) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run([vndoc, *args], capture_output=True, check=True)
            times.append(time.perf_counter() - t0)
        return round(min(times), 3)

    return {
        "vndoc --version (s)": timed(["--version"]),
        "vndoc extract, 1-page PDF (s)": timed(["extract", str(one_page)]),
    }


def long_pdf(pages: int) -> Path:
    from benchmarks.render import make_long_pdf

    path = OUT / f"long-{pages}.pdf"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        make_long_pdf(pages, path, seed=1)
    return path


def corpus_batch() -> list[Path]:
    from benchmarks.render import render_corpus

    target = OUT / "corpus-pdf"
    if not target.exists() or not any(target.rglob("*.pdf")):
        for split in ("dev", "test"):
            render_corpus(ROOT / "corpus" / split, target / split, seed=1, scan_dpis=(), only="pdf")
    return sorted(target.rglob("*.pdf"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="*", default=[50, 500], help="long PDFs to build and time")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-batch", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ocr-only", action="store_true", help="only the OCR rows")
    args = parser.parse_args(argv)
    scan = SHARED / "seed" / "seed-scan-300.pdf"
    ocr_rows = measure_ocr(scan, args.repeat) if scan.exists() else []
    if args.ocr_only:
        print(json.dumps(ocr_rows, indent=1) if args.json else _table(ocr_rows, list(ocr_rows[0]) if ocr_rows else []))
        return 0
    rows = []
    seed = SHARED / "seed" / "seed.pdf"
    if seed.exists():
        rows.append(measure_pdfs("seed.pdf (text PDF)", [seed], args.repeat))
    for n in args.pages:
        rows.append(measure_pdfs(f"{n}-page text PDF", [long_pdf(n)], 1 if n >= 500 else args.repeat))
    if not args.no_batch:
        batch = corpus_batch()
        rows.append(measure_pdfs(f"batch of {len(batch)} corpus PDFs", batch, 1))
    long_pdf(1)
    startup = cli_startup(5)
    if args.json:
        print(json.dumps({"pdf": rows, "ocr": ocr_rows, "startup": startup}, indent=1))
        return 0
    cols = [
        "input",
        "pages",
        "vndoc_pages_per_s",
        "pdfplumber_pages_per_s",
        "pdftotext_pages_per_s",
        "vndoc_vs_pdfplumber",
        "vndoc_peak_mb",
        "pdfplumber_peak_mb",
        "vndoc_import_s",
    ]
    print(_table(rows, cols))
    if ocr_rows:
        print(_table(ocr_rows, list(ocr_rows[0])))
    for key, value in startup.items():
        print(f"{key}: {value}")
    return 0


def _table(rows: list[dict], cols: list[str]) -> str:
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(row.get(c, "")) for c in cols) + " |" for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
