"""Errors vndoc raises for bad input, each with the exit code the CLI returns for it.

Every error names the file and, where known, the stage and page where it happened. The CLI turns
them into one line on stderr and its exit code; a traceback is never shown for bad input.
"""

from __future__ import annotations


class VndocError(Exception):
    """Base class. ``exit_code`` is what ``vndoc`` exits with."""

    exit_code = 10

    def __init__(
        self, message: str, *, path: str | None = None, stage: str | None = None, page: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.stage = stage
        self.page = page

    def __str__(self) -> str:
        where = [p for p in (self.path, self.stage and f"stage {self.stage}", self.page and f"page {self.page}") if p]
        return f"{': '.join([', '.join(where), self.message]) if where else self.message}"


class InputNotFoundError(VndocError):
    exit_code = 3


class UnsupportedInputError(VndocError):
    exit_code = 4


class CorruptDocumentError(VndocError):
    exit_code = 5


class EncryptedDocumentError(VndocError):
    exit_code = 6


class LimitExceededError(VndocError):
    exit_code = 7


class TimeLimitError(LimitExceededError):
    """The document took longer than ``Settings.timeout_s``."""


class ExtractionError(VndocError):
    exit_code = 8


class OcrUnavailableError(VndocError):
    """A page needs OCR and the engine (tesserocr) or its Vietnamese model is not installed, or OCR is off."""

    exit_code = 9


EXIT_CODES: dict[str, int] = {
    cls.__name__: cls.exit_code
    for cls in (
        InputNotFoundError,
        UnsupportedInputError,
        CorruptDocumentError,
        EncryptedDocumentError,
        LimitExceededError,
        ExtractionError,
        OcrUnavailableError,
    )
}
