"""Character error rate of extracted text against a reference transcript.

    python -m benchmarks.cer ../shared/seed/seed-scan-300.pdf ../shared/seed/seed.txt
    python -m benchmarks.cer out.txt ../shared/seed/seed.txt --raw    # compare two text files as they are

CER = Levenshtein distance / length of the reference, after both texts are put in one comparable form:
Unicode NFC with one tone-mark placement (``unify_tone_placement``), and every run of white space made a
single space. Line and paragraph breaks are layout, not characters: an OCR page that breaks a paragraph
differently is not wrong. A word error rate on the same normalised texts is given beside it.

A document input (PDF, image) is first read with ``vndoc.extract``, so what is measured is
``Document.text``, the text the extractors get.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from vndoc.normalize import unify_tone_placement

_SPACE = re.compile(r"\s+")


def comparable(text: str) -> str:
    """NFC, one tone placement, white space runs as one space, no leading or trailing space."""
    text = unify_tone_placement(unicodedata.normalize("NFC", text))
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class ErrorRate:
    distance: int
    reference_length: int

    @property
    def rate(self) -> float:
        return self.distance / self.reference_length if self.reference_length else float(self.distance > 0)


def cer(hypothesis: str, reference: str) -> ErrorRate:
    """Character error rate of ``hypothesis`` against ``reference`` (both normalised first)."""
    hyp, ref = comparable(hypothesis), comparable(reference)
    return ErrorRate(Levenshtein.distance(hyp, ref), len(ref))


def wer(hypothesis: str, reference: str) -> ErrorRate:
    """Word error rate: Levenshtein distance over word sequences."""
    hyp, ref = comparable(hypothesis).split(), comparable(reference).split()
    return ErrorRate(Levenshtein.distance(hyp, ref), len(ref))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", type=Path, help="a document vndoc reads, or a text file with --raw")
    parser.add_argument("reference", type=Path, help="UTF-8 transcript")
    parser.add_argument("--raw", action="store_true", help="read INPUT as text instead of extracting it")
    args = parser.parse_args(argv)
    if args.raw:
        hypothesis = args.input.read_text(encoding="utf-8")
    else:
        import vndoc

        hypothesis = vndoc.extract(args.input).text
    reference = args.reference.read_text(encoding="utf-8")
    c, w = cer(hypothesis, reference), wer(hypothesis, reference)
    print(f"CER {c.rate:.4f} ({c.distance}/{c.reference_length})  WER {w.rate:.4f} ({w.distance}/{w.reference_length})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
