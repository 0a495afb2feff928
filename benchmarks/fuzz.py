"""A long fuzz run of the PDF path, outside CI: damaged PDFs must give a Document or a VndocError.

    python -m benchmarks.fuzz --minutes 10

Runs the same hypothesis target as tests/test_fuzz_pdf.py for a wall-clock budget and prints how many
inputs were tried; any other exception stops the run with the input that caused it.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

from hypothesis import HealthCheck, given, settings

from tests.test_fuzz_pdf import check_one, damaged_pdfs


class _TimeUp(Exception):
    """Raised inside the target to end the run when the budget is spent."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    stop = time.monotonic() + 60 * args.minutes
    tried = 0

    @settings(max_examples=10_000_000, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(damaged_pdfs())
    def target(data: bytes) -> None:
        nonlocal tried
        if time.monotonic() > stop:
            raise _TimeUp
        tried += 1
        check_one(data)

    started = time.monotonic()
    try:
        target()
    except (_TimeUp, KeyboardInterrupt):
        pass
    print(f"{tried} damaged PDFs in {time.monotonic() - started:.0f} s: no exception other than VndocError")
    return 0


if __name__ == "__main__":
    sys.exit(main())
