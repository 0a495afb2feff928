"""vndoc: structured extraction from Vietnamese association and administrative documents.

    >>> import vndoc
    >>> doc = vndoc.extract("bao-cao.pdf")
    >>> doc.header.date, [s.number for s in doc.sections]
    >>> [d.header.title for d in vndoc.extract_documents("ho-so-dai-hoi.pdf")]  # a bound volume, split

Heavy libraries (pdfplumber, underthesea, spaCy) are imported only when a document is read, so
``import vndoc`` and ``vndoc --version`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "extract_documents", "extract_many", "Settings"]

if TYPE_CHECKING:
    from vndoc.pipeline import extract, extract_documents, extract_many
    from vndoc.settings import Settings


def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_documents", "extract_many"):
        from vndoc import pipeline

        return getattr(pipeline, name)
    if name == "Settings":
        from vndoc.settings import Settings

        return Settings
    raise AttributeError(f"module 'vndoc' has no attribute {name!r}")
