"""Bound volumes: are documents bound in one PDF found again, and do the parts read as well as the documents
cut out by hand?

Two measurements, in one run:

1. *Built volumes*: the corpus texts (corpus/test, corpus/dev) set one after another in one text PDF
   (:func:`benchmarks.render.make_long_pdf`, each text starting on a new page). Precision and recall of the
   pages where a part starts, against the pages where a document starts; recall is also given for the
   documents that open with a header block (news articles open with a headline and nothing else, so no
   rule of the genre can tell where they start).
2. *Real volumes*: the published dossiers in ../shared/realpdfs that ../shared/reallong cut documents from
   (file and pages in reallong/SOURCES.md). Each cut document is scored (benchmarks/scoring.py) twice: as
   the part ``vndoc.extract_documents`` found starting on its first page, and as the cut PDF itself — the
   baseline a perfect split would reach.

    python -m benchmarks.volumes [--pages 120]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

import vndoc
from benchmarks.render import make_long_pdf
from benchmarks.scoring import CATEGORIES, load_gold, score_document
from vndoc.readers import read
from vndoc.reflow import remove_page_furniture
from vndoc.settings import Settings
from vndoc.volumes import split_volume

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
_SOURCE_LINE = re.compile(
    r"^(?P<id>[\w-]+)\s*\|.*?:\s*(?:\S+/)?(?P<file>[\w.]+\.pdf),\s*pp\.\s*(?P<first>\d+)\s*[–-]\s*(?P<last>\d+)"
)


def opens_with_header(text: str) -> bool:
    """Does a corpus text open with a line in capitals (a header block), rather than a headline?"""
    first = text.strip().splitlines()[0]
    letters = [c for c in first if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def built_volume(corpus: Path, pages: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "volume.pdf"
        info = make_long_pdf(pages, pdf, seed=seed, src_dir=corpus)
        started = time.perf_counter()
        layout = remove_page_furniture(read(pdf.read_bytes(), Settings()))
        found = {p.first for p in split_volume(layout)}
        elapsed = time.perf_counter() - started
    placed = [(s, d) for s, d in zip(info["starts"], info["ids"], strict=True) if s <= pages]  # type: ignore[call-overload]
    true = {s for s, _ in placed}
    headed = {s for s, d in placed if opens_with_header((corpus / f"{d}.txt").read_text("utf-8"))}
    return {
        "corpus": corpus.name,
        "pages": pages,
        "documents": len(true),
        "with_header": len(headed),
        "parts": len(found),
        "precision": len(found & true) / len(found) if found else 0.0,
        "recall": len(found & true) / len(true) if true else 0.0,
        "recall_with_header": len(found & headed) / len(headed) if headed else 0.0,
        "read_and_split_s": round(elapsed, 2),
    }


def real_volumes() -> list[dict[str, object]]:
    sources = (SHARED / "reallong" / "SOURCES.md").read_text("utf-8").splitlines()
    cut = [m for line in sources if (m := _SOURCE_LINE.match(line))]
    files = {p.name: p for p in (SHARED / "realpdfs").glob("*/*.pdf")}
    rows: list[dict[str, object]] = []
    parts_of: dict[str, list[vndoc.models.Document]] = {}
    for m in cut:
        volume = files[m["file"]]
        if volume.name not in parts_of:
            parts_of[volume.name] = vndoc.extract_documents(volume)
        parts = parts_of[volume.name]
        part = next((d for d in parts if d.part and d.part.first_page == int(m["first"])), None)
        gold = load_gold(SHARED / "reallong" / f"{m['id']}.gold.json")
        whole = vndoc.extract(SHARED / "reallong" / f"{m['id']}.pdf")
        row: dict[str, object] = {
            "id": m["id"],
            "volume": volume.name,
            "parts": len(parts),
            "gold_pages": f"{m['first']}-{m['last']}",
            "part_pages": f"{part.part.first_page}-{part.part.last_page}" if part and part.part else "not found",
        }
        for label, doc in (("part", part), ("cut", whole)):
            if doc is None:
                continue
            score = score_document(m["id"], gold, doc)
            for category in CATEGORIES:
                tally = score.tallies[category]
                if tally.tp + tally.fp + tally.fn:
                    row[f"{label}:{category}"] = round(tally.f1, 3)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print("built volumes (corpus texts bound in one PDF)")
    print("| corpus | pages | documents | with header | parts | precision | recall | recall (with header) | s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for corpus in ("test", "dev"):
        r = built_volume(REPO / "corpus" / corpus, args.pages, args.seed)
        print(
            f"| {r['corpus']} | {r['pages']} | {r['documents']} | {r['with_header']} | {r['parts']} | "
            f"{r['precision']:.3f} | {r['recall']:.3f} | {r['recall_with_header']:.3f} | {r['read_and_split_s']} |"
        )
    if not (SHARED / "reallong" / "SOURCES.md").exists():
        print(f"\n{SHARED} not found: real volumes skipped")
        return 0
    print("\nreal volumes: the part found vs the document cut by hand (F1 per category)")
    for row in real_volumes():
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
