"""One validated settings object for every limit and option, accepted at the API and CLI boundary."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_file_bytes: int = Field(default=200 * 1024 * 1024, gt=0, description="refuse larger files")
    max_pages: int = Field(default=5000, gt=0)
    max_text_chars: int = Field(default=20_000_000, gt=0)
    max_stream_bytes: int = Field(
        default=256 * 1024 * 1024, gt=0, description="refuse a PDF page whose decompressed content is larger"
    )
    max_image_pixels: int = Field(default=200_000_000, gt=0, description="refuse larger images (OCR)")
    timeout_s: float | None = Field(default=600.0, gt=0, description="per-document time limit; None: none")
    ocr: Literal["auto", "always", "never"] = "auto"
    """auto: OCR images and the PDF pages without a usable text layer; always: every page; never: none."""
    ocr_workers: int = Field(default=0, ge=0, description="pages recognised at once; 0: one per available core")
    tessdata_dir: str | None = Field(default=None, description="folder with vie.traineddata (else searched)")
    people_model: bool = Field(
        default=False,
        description="add people found by the trained entity model "
        "(models/vndoc-ner) to the rules' (about 0.13 s a document more)",
    )
    remove_running_headers: bool = True
    split: Literal["auto", "never"] = "auto"
    """auto: a file binding several documents (a congress dossier) gives one document per part where
    ``extract_documents`` and the CLI read it; never: the whole file is one document."""
