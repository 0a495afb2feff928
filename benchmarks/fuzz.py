"""A long fuzz run of the PDF path, outside CI: damaged PDFs must give a Document or a VndocError.

    python -m benchmarks.fuzz --minutes 10

The same damage as tests/test_fuzz_pdf.py (flipped, deleted, inserted, duplicated bytes, truncation) is
drawn from a seeded random generator for a wall-clock budget. An input that raises anything other than a
VndocError is saved under benchmarks/out/ and reported; the run goes on.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
import traceback
from pathlib import Path

from tests.test_fuzz_pdf import SEED_PDFS, check_one

OUT = Path(__file__).resolve().parent / "out"


def damage(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not buf:
            break
        pos = rng.randrange(len(buf))
        op = rng.choice(("flip", "delete", "insert", "truncate", "duplicate"))
        if op == "flip":
            buf[pos] = rng.randrange(256)
        elif op == "delete":
            del buf[pos : pos + rng.randint(1, 40)]
        elif op == "insert":
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
        elif op == "truncate":
            del buf[pos:]
        else:
            buf[pos:pos] = buf[pos : pos + rng.randint(1, 200)]
    return bytes(buf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    rng = random.Random(args.seed)
    stop = time.monotonic() + 60 * args.minutes
    tried = crashes = 0
    while time.monotonic() < stop:
        data = damage(rng.choice(SEED_PDFS), rng)
        tried += 1
        try:
            check_one(data)
        except Exception:  # anything but a VndocError is a finding
            crashes += 1
            OUT.mkdir(parents=True, exist_ok=True)
            (OUT / f"fuzz-crash-{crashes}.pdf").write_bytes(data)
            traceback.print_exc()
    print(f"{tried} damaged PDFs in {args.minutes:g} min: {crashes} raised something other than VndocError")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
