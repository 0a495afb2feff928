"""Reference tables shipped as reviewable TSV files in ``vndoc/data``.

A table is UTF-8 text: ``#`` lines are comments, the first other line names the columns, then one row
per line, tab-separated. Tables are read on first use and cached; nothing is loaded at import time.
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``vndoc/data/<name>.tsv`` as dicts keyed by the header line's column names."""
    text = resources.files("vndoc").joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    rows = [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not rows:
        return ()
    columns = rows[0].split("\t")
    return tuple(
        dict(zip(columns, (cell.strip() for cell in row.split("\t")), strict=False)) for row in rows[1:]
    )
