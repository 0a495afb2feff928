"""Scanned pages: Tesseract 5 with its Vietnamese model, word boxes turned into the same lines a text PDF gives.

What is OCR'd: every page of an image (PNG, JPEG, TIFF including multi-page TIFF, GIF, BMP), and the pages
of a PDF that have no usable text layer (:func:`text_layer_usable` says which: too few letters on a page
that holds a picture, glyphs without a Unicode mapping, or text that is not Vietnamese syllables, as from a
legacy font). ``Settings.ocr`` overrides it: ``always`` OCRs every page, ``never`` none.

Why Tesseract through tesserocr: it is the one open engine with a trained Vietnamese model whose output keeps
the tone marks, and tesserocr calls the library in-process (its Linux wheels bundle it), so the model is
loaded once per worker instead of once per page as with the ``tesseract`` command; ``Recognize`` releases
the GIL, so pages run in threads, one engine per thread, with nothing pickled between processes.

Before recognition a page is made grayscale, brought to about 300 dpi, and deskewed (the skew is estimated
from the rows of dark pixels of a reduced copy: the angle whose horizontal projection has the sharpest
peaks). It is never thresholded here: a hard threshold breaks thin tone marks ("ẫ", "ặ") off the letters,
while Tesseract binarises with its own adaptive method after finding the text lines.

After recognition every word becomes a word dict like those the PDF reader makes (points from the top-left
of the page, via 72/dpi), so :func:`vndoc.readers.pdf.words_to_lines` groups them into lines, two-column
segments and table rows exactly as for a text PDF. Each word gets the geometry of its text line rather than
of its own ink (whose top moves with every tone mark): the top and bottom come from the line's baseline and
one font size per line, the size from Tesseract's row height snapped to the page's body size, so that lines
of one paragraph do not look like size changes. Boldness, which Tesseract's LSTM models do not report, is
measured: the stroke width of a line's ink (the median run of dark pixels across a row) against the page's
body text.

Pages stream: the caller yields page images one by one (a PDF page is rasterised only when a worker is free
for it), and at most ``workers + 1`` images are held at once.
"""

from __future__ import annotations

import functools
import math
import os
import queue
import re
import statistics
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vndoc.errors import CorruptDocumentError, LimitExceededError, OcrUnavailableError
from vndoc.layout import Layout, Page

if TYPE_CHECKING:
    from PIL import Image

    from vndoc.settings import Settings

LANGUAGE = "vie"
OCR_DPI = 300
"""Resolution pages are recognised at: Tesseract's models are trained on text of 20-40 px x-height."""

LOW_CONFIDENCE = 70.0
"""A page whose mean word confidence (0-100, weighted by word length) is below this is reported."""

_MAX_PIXELS = 60_000_000
"""A page larger than this at 300 dpi (about A1) is recognised at a lower resolution."""

_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
)
"""Where distributions install Tesseract's models (Debian/Ubuntu, Fedora, source builds, Homebrew, MacPorts)."""

INSTALL_HINT = (
    "install Tesseract's Vietnamese model (Debian/Ubuntu: apt-get install tesseract-ocr-vie; "
    "or run setup.sh, which also fetches the more accurate tessdata_best model) and the engine binding "
    "(pip install tesserocr); or point VNDOC_TESSDATA at a folder holding vie.traineddata; "
    "or, for a PDF, read only its text layer with --ocr never"
)


# ---------------------------------------------------------------------------------------------------------
# which pages need OCR


_CID = re.compile(r"\(cid:\d+\)")
_BAD_GLYPH = re.compile("[\ufffd\ue000-\uf8ff]")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])"
_NUCLEUS = r"[aăâeêioôơuưy]{1,3}"
_FINAL = r"(?:ng|nh|ch|[cmnpt])"
_SYLLABLE = re.compile(rf"{_INITIAL}?{_NUCLEUS}{_FINAL}?")
"""A Vietnamese syllable without its tone mark: initial consonant, one to three vowels, final consonant."""
_TOKEN = re.compile(r"[^\W\d_]+")
_VIETNAMESE_ONLY = set("ăâêôơưđ")

MIN_PAGE_LETTERS = 20
"""A page with fewer letters in its text layer than this is OCR'd when it holds a picture."""
MIN_SYLLABLE_SHARE = 0.6
"""A text layer where fewer of the words are Vietnamese syllables than this is not readable text."""
MAX_BAD_GLYPH_SHARE = 0.02
"""A text layer where more of the characters are unmapped glyphs ("(cid:12)", U+FFFD, private use) than this."""


@dataclass(frozen=True)
class TextHealth:
    letters: int
    bad_glyphs: int
    words: int
    syllables: int

    @property
    def syllable_share(self) -> float:
        return self.syllables / self.words if self.words else 1.0


@functools.lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Is ``word`` (letters only) a possible Vietnamese syllable, with at most one tone mark?"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(decomposed.count(t) for t in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def text_health(text: str) -> TextHealth:
    """Counts for judging a page's text layer: letters, unmapped glyphs, words and those that are syllables.

    Words in plain ASCII capitals (abbreviations: "UBND", "KH") are not counted, nor are tokens with
    digits; every other run of letters is, English words included (they are rare in this genre).
    """
    bad = len(_CID.findall(text))
    text = _CID.sub(" ", text)
    bad += len(_BAD_GLYPH.findall(text))
    letters = sum(c.isalpha() for c in text)
    words = syllables = 0
    for token in _TOKEN.findall(text):
        if token.isascii() and token.isupper():
            continue
        words += 1
        syllables += is_syllable(token)
    return TextHealth(letters=letters, bad_glyphs=bad, words=words, syllables=syllables)


def text_layer_usable(text: str, *, has_picture: bool) -> bool:
    """Can a PDF page's text layer be used as it is (else the page is OCR'd in ``auto`` mode)?"""
    health = text_health(text)
    if health.bad_glyphs >= 3 and health.bad_glyphs > MAX_BAD_GLYPH_SHARE * (health.letters + health.bad_glyphs):
        return False
    if health.letters < MIN_PAGE_LETTERS:
        return not has_picture
    return health.words < 10 or health.syllable_share >= MIN_SYLLABLE_SHARE


# ---------------------------------------------------------------------------------------------------------
# the engine


@dataclass(frozen=True)
class OcrModel:
    tessdata: Path
    language: str = LANGUAGE


def find_model(explicit: str | Path | None = None) -> OcrModel:
    """The folder holding ``vie.traineddata``: ``explicit`` (``Settings.tessdata_dir``), else
    ``$VNDOC_TESSDATA``, else the copy ``setup.sh`` installs beside the environment
    (``<prefix>/share/vndoc/tessdata``), else ``$TESSDATA_PREFIX``, else the system's folders."""
    import sys

    if explicit is not None:
        candidates = [Path(explicit)]
    else:
        candidates = [Path(p) for p in (os.environ.get("VNDOC_TESSDATA"),) if p]
        candidates.append(Path(sys.prefix) / "share" / "vndoc" / "tessdata")
        prefix = os.environ.get("TESSDATA_PREFIX")
        if prefix:
            candidates += [Path(prefix), Path(prefix) / "tessdata"]
        candidates += [Path(p) for p in _TESSDATA_DIRS]
    for folder in candidates:
        if (folder / f"{LANGUAGE}.traineddata").is_file():
            return OcrModel(tessdata=folder)
    looked = ", ".join(str(c) for c in candidates)
    raise OcrUnavailableError(f"no Vietnamese OCR model (vie.traineddata) in {looked}: {INSTALL_HINT}", stage="ocr")


def _tesserocr() -> Any:
    try:
        import tesserocr
    except ImportError as exc:
        raise OcrUnavailableError(f"the OCR engine is not installed: {INSTALL_HINT}", stage="ocr") from exc
    return tesserocr


class _EnginePool:
    """Initialised Tesseract engines for one model, each used by one thread at a time, kept for reuse."""

    def __init__(self, model: OcrModel) -> None:
        self.model = model
        self._idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()

    def acquire(self) -> Any:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        tesserocr = _tesserocr()
        with self._lock:  # Tesseract's initialisation is not safe to run twice at once
            try:
                return tesserocr.PyTessBaseAPI(
                    path=str(self.model.tessdata) + os.sep,
                    lang=self.model.language,
                    psm=tesserocr.PSM.AUTO,
                    oem=tesserocr.OEM.LSTM_ONLY,
                )
            except RuntimeError as exc:
                raise OcrUnavailableError(
                    f"Tesseract cannot load {self.model.tessdata / 'vie.traineddata'} ({exc}): {INSTALL_HINT}",
                    stage="ocr",
                ) from exc

    def release(self, api: Any) -> None:
        self._idle.put(api)


@cache
def _pool(model: OcrModel) -> _EnginePool:
    return _EnginePool(model)


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------------------
# one page


@dataclass(frozen=True)
class OcrPage:
    number: int
    words: list[dict[str, Any]]
    width: float
    height: float
    confidence: float
    skew: float
    """Degrees the page was rotated by before recognition."""


def estimate_skew(gray: Any, *, max_angle: float = 5.0) -> float:
    """The skew of text lines in a grayscale page (numpy array, dark ink on light paper), in degrees;
    positive when lines fall to the right (rotate the image by this angle, counter-clockwise, to fix it).

    Dark pixels of a copy reduced to about 75 dpi are projected onto the vertical axis along each candidate
    angle; text lines aligned with the angle give the projection with the largest sum of squared differences
    between neighbouring rows. A coarse search (0.5 degrees) is refined to 0.05 degrees around its best.
    """
    import numpy as np

    step = max(1, round(gray.shape[1] / 620))
    small = gray[::step, ::step].astype(np.int16)
    if small.size == 0:
        return 0.0
    threshold = (int(np.percentile(small, 2)) + int(np.percentile(small, 60))) // 2
    ys, xs = np.nonzero(small < threshold)
    if len(ys) < 200:
        return 0.0
    xs = xs - small.shape[1] / 2
    height = small.shape[0]

    def score(angle: float) -> float:
        shifted = np.round(ys - xs * math.tan(math.radians(angle))).astype(np.int64)
        rows = np.bincount(np.clip(shifted + height // 2, 0, 2 * height - 1), minlength=2 * height).astype(float)
        return float(np.square(np.diff(rows)).sum())

    coarse = [a / 2 for a in range(int(-2 * max_angle), int(2 * max_angle) + 1)]
    best = max(coarse, key=score)
    fine = [best + a / 20 for a in range(-10, 11)]
    return float(max(fine, key=score))


def prepare(image: Image.Image, dpi: float) -> tuple[Image.Image, float, float]:
    """(grayscale page at ~300 dpi and deskewed, its resolution, the angle it was rotated by).

    A page scanned below 250 dpi is median-filtered (3x3) at its own resolution before it is enlarged:
    on the 150 dpi seed scan that halves the character errors (1.7% to 0.9%), while at 300 dpi the
    filter gains nothing and costs a second a page.
    """
    from PIL import Image, ImageFilter

    gray = grayscale(image)
    if not 250 <= dpi <= 400:
        scale = min(OCR_DPI / dpi, math.sqrt(_MAX_PIXELS / max(1, gray.width * gray.height)))
        if abs(scale - 1) > 0.05:
            if scale > 1:  # a low-resolution scan: its speckles are as large as a dot or a tone mark
                gray = gray.filter(ImageFilter.MedianFilter(3))
            gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.LANCZOS)
            dpi *= scale
    angle = estimate_skew(_array(gray))
    if abs(angle) < 0.1:
        return gray, dpi, 0.0
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=_paper(gray)), dpi, angle


def grayscale(image: Image.Image) -> Image.Image:
    """An 8-bit grayscale copy: transparency laid on white paper, 16-bit samples scaled down."""
    import numpy as np
    from PIL import Image

    if image.mode == "L":
        return image
    if image.mode.startswith("I"):
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) or 1.0
        return Image.fromarray(np.clip(values * (255.0 / top), 0, 255).astype(np.uint8), mode="L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(paper, image.convert("RGBA"))
    return image.convert("L")


def _array(image: Image.Image) -> Any:
    import numpy as np

    return np.asarray(image)


def _paper(gray: Image.Image) -> int:
    histogram = gray.histogram()
    return max(range(128, 256), key=lambda v: histogram[v])


def recognise(api: Any, image: Image.Image, dpi: float, *, number: int, skew: float = 0.0) -> OcrPage:
    """Run Tesseract on a prepared page and return its words in points from the top-left corner."""
    import numpy as np
    from tesserocr import RIL

    # raw 8-bit samples: SetImage would encode the picture as PNG or JPEG first (seconds, or lossy)
    image = grayscale(image)
    pixels = image.tobytes()
    api.SetImageBytes(pixels, image.width, image.height, 1, image.width)
    api.SetSourceResolution(round(dpi))
    api.Recognize()
    to_pt = 72.0 / dpi
    ink = np.asarray(image) < _ink_threshold(image)
    lines: list[_OcrLine] = []
    iterator = api.GetIterator()
    if iterator is not None and not iterator.Empty(RIL.WORD):
        current: _OcrLine | None = None
        while True:
            if current is None or iterator.IsAtBeginningOf(RIL.TEXTLINE):
                current = _line_start(iterator)
                lines.append(current)
            text = iterator.GetUTF8Text(RIL.WORD)
            box = iterator.BoundingBox(RIL.WORD)
            if text and text.strip() and box is not None:
                current.words.append((unicodedata.normalize("NFC", text.strip()), box, iterator.Confidence(RIL.WORD)))
            if not iterator.Next(RIL.WORD):
                break
    for line in lines:
        line.words = [w for i, w in enumerate(line.words) if not is_noise(w[0], w[2], edge=_stands_apart(line, i))]
    words, confidence = _page_words([ln for ln in lines if ln.words], ink, to_pt)
    return OcrPage(
        number=number,
        words=words,
        width=image.width * to_pt,
        height=image.height * to_pt,
        confidence=confidence,
        skew=skew,
    )


_NOISE_PUNCTUATION_CONFIDENCE = 60.0
_NOISE_CONFIDENCE = 10.0


def _stands_apart(line: _OcrLine, index: int) -> bool:
    """Is word ``index`` first or last on its line, or a font size or more from the words on both sides
    (alone in the gap between two columns)?"""
    words = line.words
    if index in (0, len(words) - 1):
        return True
    size = (line.row_height or line.box_height) / _ROW_HEIGHT_PER_SIZE
    before = words[index][1][0] - words[index - 1][1][2]
    after = words[index + 1][1][0] - words[index][1][2]
    return min(before, after) >= size


def is_noise(text: str, confidence: float, *, edge: bool = True) -> bool:
    """A "word" that is a speck of dirt: punctuation alone, read with little confidence, at an ``edge`` of its
    line or of a column (real bullets are read at 90 and more; a dash between two words, "Phan Đình Khang –
    Chủ tịch", is kept whatever its confidence), or one or two letters read with next to none."""
    if not any(c.isalnum() for c in text):
        return edge and confidence < _NOISE_PUNCTUATION_CONFIDENCE
    return len(text) <= 2 and text.isalpha() and confidence < _NOISE_CONFIDENCE


@dataclass
class _OcrLine:
    row_height: float
    box_height: float
    baseline: tuple[tuple[int, int], tuple[int, int]] | None
    words: list[tuple[str, tuple[int, int, int, int], float]]


def _line_start(iterator: Any) -> _OcrLine:
    from tesserocr import RIL

    attributes = iterator.RowAttributes() or {}
    box = iterator.BoundingBox(RIL.TEXTLINE)
    return _OcrLine(
        row_height=float(attributes.get("row_height") or 0.0),
        box_height=float(box[3] - box[1]) if box else 0.0,
        baseline=iterator.Baseline(RIL.TEXTLINE),
        words=[],
    )


_ROW_HEIGHT_PER_SIZE = 0.93
"""Tesseract's row height (x-height plus ascender rise) over the font size, for the serif faces of the genre."""
_ROW_HEIGHT_PER_SIZE_CAPS = 1.1
"""The same for a line in capitals."""
_ASCENT, _DESCENT = 0.89, 0.22
"""Where a text PDF's word box reaches above and below the baseline, in font sizes (Times-like metrics)."""
_BOLD_STROKE = 1.3
"""A line whose strokes are this much wider than the page's body text is bold."""


def _page_words(lines: list[_OcrLine], ink: Any, to_pt: float) -> tuple[list[dict[str, Any]], float]:
    sizes = _line_sizes(lines, to_pt)
    strokes = [_stroke_width(ink, [w[1] for w in ln.words]) / size for ln, size in zip(lines, sizes, strict=True)]
    measured = [s for s in strokes if s > 0]
    body_stroke = statistics.median(measured) if measured else 0.0
    words: list[dict[str, Any]] = []
    weighted = chars = 0.0
    for line, size, stroke in zip(lines, sizes, strokes, strict=True):
        bold = bool(body_stroke) and stroke > _BOLD_STROKE * body_stroke
        for text, (x0, y0, x1, y1), conf in line.words:
            baseline = _baseline_at(line.baseline, (x0 + x1) / 2, default=y1) * to_pt
            if abs(y1 * to_pt - baseline) > 0.6 * size and abs(y0 * to_pt - (baseline - size)) > 0.6 * size:
                # Tesseract put words of two printed lines on one text line (small type in two columns):
                # the word's own box says where it is
                baseline = y1 * to_pt - 0.1 * size
            words.append(
                {
                    "text": text,
                    "x0": x0 * to_pt,
                    "x1": x1 * to_pt,
                    "top": baseline - _ASCENT * size,
                    "bottom": baseline + _DESCENT * size,
                    "fontname": "OCR-Bold" if bold else "OCR",
                    "size": size,
                    "confidence": conf,
                }
            )
            weighted += conf * len(text)
            chars += len(text)
    return words, (weighted / chars if chars else 0.0)


def _line_sizes(lines: list[_OcrLine], to_pt: float) -> list[float]:
    """The font size of each line, in points, rounded to half a point.

    Two measures of each line: Tesseract's row height (x-height plus ascender rise: about 0.93 font sizes in
    mixed case, 1.1 in capitals, whose "x-height" is the cap height; it goes wrong on some short lines) and
    the height of the line's box (which depends on the letters the line holds), scaled by the page's ratio
    of the two on mixed-case lines. The one nearer the page's body size is taken, and a line within 15% of
    the body gets the body's size, so that the lines of one paragraph never differ in size.
    """
    caps = [_mostly_capitals(ln) for ln in lines]
    by_row = [
        ln.row_height / (_ROW_HEIGHT_PER_SIZE_CAPS if c else _ROW_HEIGHT_PER_SIZE) * to_pt
        for ln, c in zip(lines, caps, strict=True)
    ]
    mixed = [
        (r, ln.box_height) for ln, r, c in zip(lines, by_row, caps, strict=True) if not c and r > 0 and ln.box_height
    ]
    if not mixed:
        mixed = [(r, ln.box_height) for ln, r in zip(lines, by_row, strict=True) if r > 0 and ln.box_height]
    if not mixed:
        return [12.0] * len(lines)
    body = statistics.median(r for r, _ in mixed)
    box_per_pt = statistics.median(b for _, b in mixed) / body
    sizes = []
    for line, row in zip(lines, by_row, strict=True):
        candidates = [h for h in (row, line.box_height / box_per_pt) if h > 0] or [body]
        estimate = min(candidates, key=lambda h: abs(h - body))
        if abs(estimate - body) <= 0.15 * body:
            estimate = body
        sizes.append(max(1.0, round(2 * estimate) / 2))
    return sizes


def _mostly_capitals(line: _OcrLine) -> bool:
    letters = [c for text, _, _ in line.words for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _baseline_at(baseline: Any, x: float, *, default: float) -> float:
    if not baseline:
        return float(default)
    (x1, y1), (x2, y2) = baseline
    if x2 == x1:
        return float(y1)
    return y1 + (y2 - y1) * (x - x1) / (x2 - x1)


def _ink_threshold(image: Image.Image) -> int:
    """Halfway between the page's ink and paper levels (used only to measure strokes, never for OCR)."""
    histogram = image.histogram()
    total = sum(histogram)
    seen, ink = 0, 0
    for value, count in enumerate(histogram):
        seen += count
        if seen >= 0.02 * total:
            ink = value
            break
    return (ink + _paper(image)) // 2


def _stroke_width(ink: Any, boxes: list[tuple[int, int, int, int]]) -> float:
    """Mean length of the horizontal runs of ink inside the word boxes, in pixels (0 when there is none)."""
    import numpy as np

    dark = runs = 0
    for x0, y0, x1, y1 in boxes:
        crop = ink[y0:y1, x0:x1]
        if crop.size == 0:
            continue
        dark += int(crop.sum())
        runs += int(np.count_nonzero(crop[:, 1:] & ~crop[:, :-1])) + int(np.count_nonzero(crop[:, 0]))
    return dark / runs if runs else 0.0


# ---------------------------------------------------------------------------------------------------------
# many pages


PageSource = Callable[[], "tuple[Image.Image, float]"]
"""Makes one page's image and its resolution when called (so that pages are rasterised one at a time)."""


def ocr_pages(
    pages: Iterable[tuple[int, PageSource]], settings: Settings, *, name: str | None = None
) -> Iterator[OcrPage]:
    """Recognise pages in parallel, one Tesseract engine per worker thread, and yield them in order.

    ``pages`` gives (page number, image maker); images are made in the calling thread just before a worker
    takes them, at most ``workers + 1`` at a time.
    """
    try:
        model = find_model(settings.tessdata_dir)
        _tesserocr()
    except OcrUnavailableError as exc:
        exc.path = exc.path or name
        raise
    pool = _pool(model)
    workers = settings.ocr_workers or default_workers()

    def work(number: int, image: Image.Image, dpi: float) -> OcrPage:
        api = pool.acquire()
        try:
            prepared, dpi, angle = prepare(image, dpi)
            return recognise(api, prepared, dpi, number=number, skew=angle)
        finally:
            api.Clear()
            pool.release(api)

    pending: list[Future[OcrPage]] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vndoc-ocr") as executor:
        try:
            for number, make in pages:
                image, dpi = make()
                pending.append(executor.submit(work, number, image, dpi))
                del image
                while len(pending) > workers:
                    yield pending.pop(0).result()
            while pending:
                yield pending.pop(0).result()
        finally:
            for future in pending:
                future.cancel()


def to_page(result: OcrPage) -> Page:
    """A layout page from recognised words, grouped as the PDF reader groups a text layer's words."""
    from vndoc.readers.pdf import words_to_lines

    lines = tuple(words_to_lines(result.words, page=result.number, width=result.width)) if result.words else ()
    return Page(
        number=result.number,
        lines=lines,
        width=result.width,
        height=result.height,
        ocr=True,
        ocr_confidence=round(result.confidence, 1),
    )


# ---------------------------------------------------------------------------------------------------------
# image files


_A4_LONG_SIDE_IN = 11.69


def image_dpi(image: Image.Image) -> float:
    """The resolution an image file states, if the page size it implies is a paper size (A6 to A3); else the
    resolution at which its long side would be an A4 page's (scanners and phones often state 72 or 96)."""
    stated = image.info.get("dpi")
    long_side = max(image.size)
    if stated:
        try:
            dpi = float(stated[0])
        except (TypeError, ValueError, IndexError):
            dpi = 0.0
        if dpi > 0 and 5.8 <= long_side / dpi <= 16.6:
            return dpi
    return long_side / _A4_LONG_SIDE_IN


def read_image(data: bytes, settings: Settings, *, name: str | None = None, media_type: str) -> Layout:
    """Every frame of an image file (one page each: a multi-page TIFF is a document) OCR'd."""
    import io

    from PIL import Image, ImageSequence, UnidentifiedImageError

    if settings.ocr == "never":
        raise OcrUnavailableError(
            "an image can only be read with OCR, and OCR is off (Settings.ocr = 'never', --ocr never)",
            path=name,
            stage="read",
        )
    try:
        picture = Image.open(io.BytesIO(data))  # reads the header only: the size is known before decoding
        n_frames = int(getattr(picture, "n_frames", 1))
    except Image.DecompressionBombError as exc:
        raise LimitExceededError(f"image too large ({exc})", path=name, stage="read") from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise CorruptDocumentError(f"not a readable image ({exc})", path=name, stage="read") from exc
    width, height = picture.size
    if width * height > settings.max_image_pixels:
        raise LimitExceededError(
            f"{width} x {height} pixels, more than the limit of {settings.max_image_pixels}", path=name, stage="read"
        )
    if n_frames > settings.max_pages:
        raise LimitExceededError(
            f"{n_frames} pages, more than the limit of {settings.max_pages}", path=name, stage="read"
        )

    def frames() -> Iterator[tuple[int, PageSource]]:
        for index, frame in enumerate(ImageSequence.Iterator(picture)):

            def make(frame: Image.Image = frame) -> tuple[Image.Image, float]:
                try:
                    copy = frame.copy()
                    copy.load()
                except (OSError, ValueError) as exc:
                    raise CorruptDocumentError(
                        f"image data cannot be decoded ({exc})", path=name, stage="read"
                    ) from exc
                return copy, image_dpi(frame)

            yield index + 1, make

    pages = tuple(to_page(p) for p in ocr_pages(frames(), settings, name=name))
    return Layout(pages=pages, media_type=media_type)


# ---------------------------------------------------------------------------------------------------------
# PDF pages


def pdf_page_has_picture(pdf: Any, index: int, *, min_share: float = 0.3) -> bool:
    """Does page ``index`` of a pypdfium2 document show an image covering at least ``min_share`` of it?"""
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    try:
        width, height = page.get_size()
        area = max(width * height, 1.0)
        covered = 0.0
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
            left, bottom, right, top = obj.get_bounds()
            covered += max(0.0, right - left) * max(0.0, top - bottom)
            if covered >= min_share * area:
                return True
        return False
    finally:
        page.close()


def scan_resolution(page: Any) -> float | None:
    """The resolution of the picture that fills a pypdfium2 page (a scan), or None if no picture does."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= 0.8 * width * height and right > left:
            # the longer sides match whether or not the picture is placed turned by a quarter
            return float(max(obj.get_px_size())) / (max(right - left, top - bottom) / 72)
    return None


def pages_needing_ocr(source: bytes | Path, texts: list[str], mode: str) -> list[int]:
    """The 1-based pages of a PDF to OCR, given the text of each page's text layer and ``Settings.ocr``."""
    if mode == "never":
        return []
    if mode == "always":
        return list(range(1, len(texts) + 1))
    sparse = [i for i, text in enumerate(texts) if text_health(text).letters < MIN_PAGE_LETTERS]
    pictured: set[int] = set()
    if sparse:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(source)
        try:
            pictured = {i for i in sparse if pdf_page_has_picture(pdf, i)}
        finally:
            pdf.close()
    return [i + 1 for i, text in enumerate(texts) if not text_layer_usable(text, has_picture=i in pictured)]


def ocr_pdf_pages(
    data: bytes | Path, numbers: list[int], settings: Settings, *, name: str | None = None
) -> Iterator[Page]:
    """OCR the given 1-based pages of a PDF, rasterised with pypdfium2 at 300 dpi, in grayscale (a scan below
    300 dpi at its own resolution, for :func:`prepare` to clean and enlarge). Rendering, rather than decoding
    a scanner's picture as stored, is also what reads best: on the seed scans the stored picture gave
    "1." for the heading "I." at 150 dpi and three times the character errors at 300 dpi."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:

        def sources() -> Iterator[tuple[int, PageSource]]:
            for number in numbers:

                def make(number: int = number) -> tuple[Image.Image, float]:
                    page = pdf[number - 1]
                    try:
                        width, height = page.get_size()
                        dpi = min(float(OCR_DPI), scan_resolution(page) or OCR_DPI)
                        scale = min(dpi / 72, math.sqrt(_MAX_PIXELS / max(1.0, width * height)))
                        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
                        return bitmap.to_pil(), 72 * scale
                    finally:
                        page.close()

                yield number, make

        for result in ocr_pages(sources(), settings, name=name):
            yield to_page(result)
    finally:
        pdf.close()
