"""Accuracy benchmark: P/R/F1 per category over a corpus with gold, beside peer baselines.

    python -m benchmarks.accuracy corpus/test                 # the corpus test split, from .txt
    python -m benchmarks.accuracy ../shared/realtexts --baselines
    python -m benchmarks.accuracy ../shared/reallong --input pdf
    python -m benchmarks.accuracy corpus/test --input pdf --rendered corpus/rendered/test
    python -m benchmarks.accuracy corpus/test --save corpus-test   # store results for later diffs
    python -m benchmarks.accuracy corpus/test --compare corpus-test  # what was gained and lost per document
    python -m benchmarks.accuracy corpus/seed --inputs ../shared/seed --input pdf   # the seed, gold kept here

A corpus directory holds ``<id>.gold.json`` with ``<id>.txt`` (and/or ``<id>.pdf``) beside it; ``--rendered``
points to where the corpus renderer wrote ``<id>.pdf`` / ``<id>-scan-300.pdf`` ... Saved results live in
``benchmarks/results/<name>.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import vndoc
from benchmarks import baselines
from benchmarks.scoring import CATEGORIES, DocScore, load_gold, score_document, totals
from vndoc.errors import VndocError

RESULTS = Path(__file__).resolve().parent / "results"
INPUT_SUFFIX = {
    "txt": ".txt",
    "pdf": ".pdf",
    "scan-300": "-scan-300.pdf",
    "scan-150": "-scan-150.pdf",
    "png": "-scan-p1.png",
    "docx": ".docx",
}


def corpus_items(
    corpus: Path, kind: str, rendered: Path | None, inputs: Path | None = None
) -> list[tuple[str, Path, Path]]:
    """(id, input file, gold file) for every gold annotation under ``corpus``."""
    items = []
    for gold in sorted(corpus.rglob("*.gold.json")):
        doc_id = gold.name[: -len(".gold.json")]
        name = doc_id + INPUT_SUFFIX[kind]
        candidates = [gold.with_name(name)]
        if inputs is not None:
            candidates.insert(0, inputs / name)
        if rendered is not None:
            candidates = [rendered / gold.parent.relative_to(corpus) / name, rendered / name, *candidates]
        found = next((c for c in candidates if c.exists()), None)
        if found is not None:
            items.append((doc_id, found, gold))
    return items


def run(
    corpus: Path,
    kind: str = "txt",
    rendered: Path | None = None,
    with_baselines: bool = False,
    inputs: Path | None = None,
) -> dict:
    items = corpus_items(corpus, kind, rendered, inputs)
    scores: list[DocScore] = []
    base_scores: dict[str, list[DocScore]] = {"underthesea_ner": [], "regex_references": [], "regex_counts": []}
    failures = []
    started = time.perf_counter()
    for doc_id, path, gold_path in items:
        gold = load_gold(gold_path)
        try:
            doc = vndoc.extract(path)
        except VndocError as exc:
            failures.append({"id": doc_id, "error": str(exc)})
            continue
        scores.append(score_document(doc_id, gold, doc))
        if with_baselines:
            text = doc.text
            base_scores["underthesea_ner"].append(score_document(doc_id, gold, baselines.underthesea_people(text)))
            base_scores["regex_references"].append(score_document(doc_id, gold, baselines.regex_references(text)))
            base_scores["regex_counts"].append(score_document(doc_id, gold, baselines.regex_counts(text)))
    elapsed = time.perf_counter() - started
    result = {
        "corpus": str(corpus),
        "input": kind,
        "documents": len(items),
        "failures": failures,
        "seconds": round(elapsed, 2),
        "totals": {c: t.as_dict() for c, t in totals(scores).items()},
        "per_document": {
            s.doc_id: {
                "f1": {c: round(s.tallies[c].f1, 4) for c in CATEGORIES},
                "missed": {k: v for k, v in s.missed.items() if v},
                "extra": {k: v for k, v in s.extra.items() if v},
            }
            for s in scores
        },
    }
    if with_baselines:
        wanted = {"underthesea_ner": "people", "regex_references": "references", "regex_counts": "counts"}
        result["baselines"] = {
            name: {wanted[name]: totals(s)[wanted[name]].as_dict()} for name, s in base_scores.items()
        }
    return result


def format_table(result: dict) -> str:
    lines = [
        f"{result['corpus']} ({result['input']}): {result['documents']} documents, "
        f"{len(result['failures'])} failed, {result['seconds']} s",
        f"{'category':<16} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    for category, t in result["totals"].items():
        lines.append(
            f"{category:<16} {t['precision']:>6.3f} {t['recall']:>6.3f} {t['f1']:>6.3f} "
            f"{t['tp']:>5} {t['fp']:>5} {t['fn']:>5}"
        )
    for name, cats in result.get("baselines", {}).items():
        for category, t in cats.items():
            lines.append(
                f"{'  ' + name:<16} {t['precision']:>6.3f} {t['recall']:>6.3f} {t['f1']:>6.3f} "
                f"{t['tp']:>5} {t['fp']:>5} {t['fn']:>5}   (baseline, {category})"
            )
    for failure in result["failures"]:
        lines.append(f"FAILED {failure['id']}: {failure['error']}")
    return "\n".join(lines)


def compare(old: dict, new: dict) -> str:
    """Per document and category: F1 changes, and the items gained or lost."""
    out = []
    for doc_id, now in new["per_document"].items():
        before = old.get("per_document", {}).get(doc_id)
        if before is None:
            out.append(f"+ {doc_id}: new document")
            continue
        for category in CATEGORIES:
            a, b = before["f1"].get(category, 0), now["f1"].get(category, 0)
            if abs(a - b) > 1e-9:
                was = set(before.get("missed", {}).get(category, [])) | set(before.get("extra", {}).get(category, []))
                is_ = set(now.get("missed", {}).get(category, [])) | set(now.get("extra", {}).get(category, []))
                out.append(
                    f"{'▲' if b > a else '▼'} {doc_id} {category}: {a:.3f} -> {b:.3f}"
                    f"{'; fixed ' + '; '.join(sorted(was - is_)) if was - is_ else ''}"
                    f"{'; broke ' + '; '.join(sorted(is_ - was)) if is_ - was else ''}"
                )
    return "\n".join(out) or "no change per document"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--input", choices=sorted(INPUT_SUFFIX), default="txt")
    parser.add_argument("--rendered", type=Path, help="directory of rendered PDFs/scans of the corpus")
    parser.add_argument("--inputs", type=Path, help="directory holding the inputs when not beside the gold")
    parser.add_argument("--baselines", action="store_true", help="also score underthesea NER and regex baselines")
    parser.add_argument("--save", metavar="NAME", help="save results as benchmarks/results/NAME.json")
    parser.add_argument("--compare", metavar="NAME", help="diff per document against saved results NAME")
    parser.add_argument("--json", action="store_true", help="print the full results as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"no such corpus directory: {args.corpus}", file=sys.stderr)
        return 2
    result = run(args.corpus, args.input, args.rendered, args.baselines, args.inputs)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_table(result))
    if args.compare:
        saved = RESULTS / f"{args.compare}.json"
        print(
            compare(json.loads(saved.read_text(encoding="utf-8")), result)
            if saved.exists()
            else f"(no saved results {saved})"
        )
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"{args.save}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
