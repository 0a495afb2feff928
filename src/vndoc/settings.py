"""One validated settings object for every limit and option, accepted at the API and CLI boundary."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_file_bytes: int = Field(default=200 * 1024 * 1024, gt=0, description="refuse larger files")
    max_pages: int = Field(default=5000, gt=0)
    max_text_chars: int = Field(default=20_000_000, gt=0)
    ocr: Literal["auto", "always", "never"] = "auto"
    """auto: OCR images and the PDF pages without a usable text layer; always: every page; never: none."""
    ocr_workers: int = Field(default=0, ge=0, description="pages recognised at once; 0: one per available core")
    tessdata_dir: str | None = Field(default=None, description="folder with vie.traineddata (else searched)")
    remove_running_headers: bool = True
