"""Legacy-encoding benchmark: diacritics recovered from TCVN3/VNI documents (PDF, RTF, .doc) against transcripts.

    python -m benchmarks.legacy                       # every file in ../shared/legacy
    python -m benchmarks.legacy ../shared/legacy --format pdf
    python -m benchmarks.legacy --save legacy         # also write benchmarks/results/legacy.json

Each ``NAME.ext`` beside ``NAME.truth.txt`` (a hand transcription in Unicode) is read with
:func:`vndoc.extract`, and ``Document.text`` is aligned with the transcript.

**Diacritic accuracy** is the share of the transcript's diacritic-bearing characters (a letter whose
canonical decomposition carries a combining mark, and đ/Đ) that the alignment pairs with the same
character in the extracted text. Alignment: both texts NFC, runs of white space made one space and
lower-cased, then the Levenshtein edit script (rapidfuzz ``Levenshtein.opcodes``); a character counts as
recovered when it lies in an ``equal`` block. Lower-casing is deliberate: the transcripts do not follow
the capitals drawn by capitals-only fonts (.VnTimeH) consistently ("Chính phủ" where the page shows
"CHÍNH PHỦ"), so case is reported apart (``case``: the share of recovered characters whose case matches
too). Reading order differs in places (a two-column header read column by column, footnotes placed
after the body): what the first alignment leaves unpaired on both sides is aligned again, and equal runs
of at least ``MOVED_RUN`` characters there (a stretch read in another place, long enough not to match by
chance) count too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "legacy"
FORMATS = {".pdf": "PDF", ".rtf": "RTF", ".doc": "DOC"}
MOVED_RUN = 8
"""Shortest equal run that counts in the second alignment, over the characters the first left unpaired."""


@dataclass
class FileScore:
    name: str
    format: str
    encoding: str
    chars: int
    diacritics: int
    recovered: int
    same_case: int
    seconds: float
    error: str | None = None

    @property
    def accuracy(self) -> float:
        return self.recovered / self.diacritics if self.diacritics else 1.0


def has_diacritic(ch: str) -> bool:
    return ch in "đĐ" or len(unicodedata.normalize("NFD", ch)) > 1 and ch.isalpha()


def _normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def diacritic_score(truth: str, extracted: str) -> tuple[int, int, int]:
    """(diacritic characters in ``truth``, recovered, recovered with the same case)."""
    from rapidfuzz.distance import Levenshtein

    truth_n, got_n = _normalize(truth), _normalize(extracted)
    truth_l, got_l = truth_n.lower(), got_n.lower()
    if len(truth_l) != len(truth_n) or len(got_l) != len(got_n):  # a letter whose lower case is longer
        truth_l, got_l = truth_n, got_n
    total = sum(1 for c in truth_n if has_diacritic(c))
    recovered = same_case = 0
    truth_free, got_free = [True] * len(truth_l), [True] * len(got_l)
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, _j2 in Levenshtein.opcodes(truth_l, got_l):
        if tag == "equal":
            pairs += [(i1 + k, j1 + k) for k in range(i2 - i1)]
    for i, j in pairs:
        truth_free[i] = got_free[j] = False
    # a second alignment of what is left on both sides pairs the stretches read in another place
    truth_rest = [i for i, free in enumerate(truth_free) if free]
    got_rest = [j for j, free in enumerate(got_free) if free]
    rest_opcodes = Levenshtein.opcodes("".join(truth_l[i] for i in truth_rest), "".join(got_l[j] for j in got_rest))
    for tag, i1, i2, j1, _j2 in rest_opcodes:
        if tag == "equal" and i2 - i1 >= MOVED_RUN:
            pairs += [(truth_rest[i1 + k], got_rest[j1 + k]) for k in range(i2 - i1)]
    for i, j in pairs:
        if has_diacritic(truth_n[i]):
            recovered += 1
            same_case += truth_n[i] == got_n[j]
    return total, recovered, same_case


def documents(root: Path, formats: set[str]) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in FORMATS and FORMATS[path.suffix.lower()].lower() in formats:
            if path.with_suffix(".truth.txt").is_file():
                found.append(path)
    return found


def score_file(path: Path) -> FileScore:
    import vndoc
    from vndoc.errors import VndocError

    truth = path.with_suffix(".truth.txt").read_text(encoding="utf-8")
    fmt = FORMATS[path.suffix.lower()]
    start = time.perf_counter()
    try:
        document = vndoc.extract(path)
    except VndocError as exc:
        total = sum(1 for c in _normalize(truth) if has_diacritic(c))
        return FileScore(path.name, fmt, "-", 0, total, 0, 0, time.perf_counter() - start, str(exc))
    seconds = time.perf_counter() - start
    total, recovered, same_case = diacritic_score(truth, document.text)
    return FileScore(
        path.name, fmt, document.source.text_encoding, len(document.text), total, recovered, same_case, seconds
    )


def _row(label: str, scores: list[FileScore]) -> str:
    total = sum(s.diacritics for s in scores)
    recovered = sum(s.recovered for s in scores)
    same = sum(s.same_case for s in scores)
    accuracy = recovered / total if total else 1.0
    case = same / recovered if recovered else 1.0
    seconds = sum(s.seconds for s in scores)
    failed = sum(1 for s in scores if s.error)
    return f"{label:<8} {len(scores):>5} {failed:>6} {total:>10} {accuracy:>9.4f} {case:>7.4f} {seconds:>8.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--format", action="append", choices=["pdf", "rtf", "doc"], help="only these formats")
    parser.add_argument("--files", action="store_true", help="print a row per file")
    parser.add_argument("--save", metavar="NAME", help="write benchmarks/results/NAME.json")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"no such directory: {args.root}", file=sys.stderr)
        return 2
    paths = documents(args.root, set(args.format or ["pdf", "rtf", "doc"]))
    scores = []
    for path in paths:
        score = score_file(path)
        scores.append(score)
        if args.files:
            status = score.error or f"{score.accuracy:.4f}"
            print(f"{score.format:<4} {score.encoding:<11} {score.diacritics:>7} {status}  {path.name}", flush=True)
    by_format: dict[str, list[FileScore]] = defaultdict(list)
    for score in scores:
        by_format[score.format].append(score)
    print(f"{'format':<8} {'files':>5} {'failed':>6} {'diacritics':>10} {'accuracy':>9} {'case':>7} {'seconds':>8}")
    for fmt in ("PDF", "RTF", "DOC"):
        if by_format.get(fmt):
            print(_row(fmt, by_format[fmt]))
    print(_row("overall", scores))
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        rows = [{**asdict(s), "accuracy": round(s.accuracy, 4)} for s in scores]
        (RESULTS / f"{args.save}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    return 1 if any(s.error for s in scores) else 0


if __name__ == "__main__":
    sys.exit(main())
