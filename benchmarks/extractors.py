"""Throughput of each text-level stage alone, in MB of text per second on one core.

    python -m benchmarks.extractors            # corpus texts (and ../shared/reallong when present)

The texts are reflowed once, concatenated and repeated to about ``--mb`` megabytes; each extractor then
runs over that text in the same process (best of ``--repeat``). underthesea's NER over the same text's
sentences is measured as the reference point for what a statistical tagger costs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from vndoc.counts import find_counts
from vndoc.paged_text import PagedText
from vndoc.people import find_organizations, find_people
from vndoc.pipeline import extract
from vndoc.references import find_references

ROOT = Path(__file__).resolve().parents[1]


def load_text(mb: float) -> str:
    files = sorted((ROOT / "corpus").rglob("*.txt")) + sorted((ROOT.parent / "shared" / "reallong").glob("*.txt"))
    base = "\n".join(extract(f).text for f in files)
    copies = max(1, int(mb * 1_000_000 / len(base.encode("utf-8"))))
    return "\n".join([base] * copies)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ner-kb", type=float, default=100.0, help="text size for the underthesea NER row")
    args = parser.parse_args(argv)
    text = load_text(args.mb)
    paged = PagedText.single_page(text)
    size_mb = len(text.encode("utf-8")) / 1_000_000
    rows = [
        ("references", lambda: find_references(paged)),
        ("counts", lambda: find_counts(paged)),
        ("people", lambda: find_people(paged)),
        ("organisations", lambda: find_organizations(paged)),
    ]
    print(f"| stage | MB/s (text of {size_mb:.1f} MB) |")
    print("|---|---|")
    for name, fn in rows:
        fn()  # tables loaded, regexes compiled
        print(f"| {name} | {size_mb / best(fn, args.repeat):.2f} |")
    from underthesea import ner, sent_tokenize

    sample = text[: int(args.ner_kb * 1000)]
    sentences = [s for line in sample.split("\n") if line.strip() for s in sent_tokenize(line)]
    seconds = best(lambda: [ner(s) for s in sentences], 1)
    print(f"| underthesea NER (baseline) | {len(sample.encode('utf-8')) / 1_000_000 / seconds:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
