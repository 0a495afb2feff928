"""People from the rules, from the trained entity model, and from both, beside underthesea's NER.

    python -m benchmarks.people_models                      # corpus/test, ../shared/realtexts, the seed
    python -m benchmarks.people_models corpus/test --json
    python -m benchmarks.people_models --model models/vndoc-ner

Each document is read by ``vndoc.extract`` (from its text file) and its ``Document.text`` is given to
every system, so all four see the same text:
- rules: the pipeline's people (``people.find_people``);
- model: one person per distinct PERSON entity of the trained model (``ner_model.model_people``), unfiltered;
- combined: the rules, plus the model's name-shaped people the rules missed (``ner_model.combine``);
- underthesea: its NER's PER entities (``baselines.underthesea_people``).
People are scored by ``benchmarks.scoring`` (diacritic-aware normalised name). Times are per document and
cover only that system's people step (the model's includes word segmentation; loading the model once is
reported apart); "combined" is rules + model + the combination.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import vndoc
from benchmarks import baselines
from benchmarks.scoring import Tally, load_gold, score_document
from vndoc import ner_model
from vndoc.models import Document, Source
from vndoc.paged_text import PagedText
from vndoc.people import find_people

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SYSTEMS = ("rules", "model", "combined", "underthesea")
_SOURCE = Source(sha256="0" * 64, media_type="text/plain", pages=1)

# (name, gold directory, directory of the texts when not beside the gold)
CORPORA: dict[str, tuple[Path, Path | None]] = {
    "corpus/test": (ROOT / "corpus" / "test", None),
    "realtexts": (SHARED / "realtexts", None),
    "seed": (ROOT / "corpus" / "seed", SHARED / "seed"),
}


def _items(gold_dir: Path, texts: Path | None) -> list[tuple[str, Path, Path]]:
    items = []
    for gold in sorted(gold_dir.glob("*.gold.json")):
        doc_id = gold.name[: -len(".gold.json")]
        text = (texts or gold_dir) / f"{doc_id}.txt"
        if text.exists():
            items.append((doc_id, text, gold))
    return items


class _Laps:
    """Each call returns the seconds since the previous call (or since creation)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def __call__(self) -> float:
        previous, self.last = self.last, time.perf_counter()
        return self.last - previous


def run_corpus(gold_dir: Path, texts: Path | None, nlp: Language) -> dict:
    tallies = {s: Tally() for s in SYSTEMS}
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    items = _items(gold_dir, texts)
    for doc_id, path, gold_path in items:
        gold = load_gold(gold_path)
        text = vndoc.extract(path).text
        paged = PagedText.single_page(text)
        lap = _Laps()
        rules = find_people(paged)
        t_rules = lap()
        entities = ner_model.find_entities(paged, nlp)
        model = ner_model.model_people(entities)
        t_model = lap()
        combined = ner_model.combine(rules, entities, text)
        t_combine = lap()
        ner = baselines.underthesea_people(text).people
        t_ner = lap()
        found = {"rules": rules, "model": model, "combined": combined, "underthesea": ner}
        took = {
            "rules": t_rules,
            "model": t_model,
            "combined": t_rules + t_model + t_combine,
            "underthesea": t_ner,
        }
        for system in SYSTEMS:
            doc = Document(source=_SOURCE, people=found[system])
            tallies[system].add(score_document(doc_id, gold, doc).tallies["people"])
            seconds[system] += took[system]
    n = max(len(items), 1)
    return {
        "documents": len(items),
        "people": {s: tallies[s].as_dict() for s in SYSTEMS},
        "ms_per_document": {s: round(1000 * seconds[s] / n, 1) for s in SYSTEMS},
    }


def format_table(results: dict[str, dict], load_seconds: float) -> str:
    lines = [f"{'corpus':<18} {'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5} {'ms/doc':>7}"]
    for corpus, result in results.items():
        label = f"{corpus} ({result['documents']})"
        for system in SYSTEMS:
            t = result["people"][system]
            lines.append(
                f"{label:<18} {system:<12} {t['precision']:>6.3f} {t['recall']:>6.3f} {t['f1']:>6.3f} "
                f"{t['tp']:>5} {t['fp']:>5} {t['fn']:>5} {result['ms_per_document'][system]:>7.1f}"
            )
            label = ""
    lines.append(f"models loaded once in {load_seconds:.2f} s (not in the per-document times)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", help=f"some of {', '.join(CORPORA)} (default: all three)")
    parser.add_argument("--model", type=Path, help="trained pipeline directory (default: the bundled one)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    unknown = [c for c in args.corpora if c not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; choose from {', '.join(CORPORA)}")
    started = time.perf_counter()
    try:
        nlp = ner_model.load_pipeline(args.model)
    except ner_model.ModelUnavailable as exc:
        print(f"cannot run the model: {exc}", file=sys.stderr)
        return 2
    # the segmenter and underthesea's NER load on first use: paid here, not by the first document
    ner_model.find_entities(PagedText.single_page("Ông Nguyễn Văn An phát biểu."), nlp)
    baselines.underthesea_people("Ông Nguyễn Văn An phát biểu.")
    load_seconds = time.perf_counter() - started
    results = {}
    for name in args.corpora or list(CORPORA):
        gold_dir, texts = CORPORA[name]
        if not gold_dir.exists() or (texts is not None and not texts.exists()):
            print(f"skipped {name}: {gold_dir} or its texts not found", file=sys.stderr)
            continue
        results[name] = run_corpus(gold_dir, texts, nlp)
    if args.json:
        print(json.dumps({"load_seconds": round(load_seconds, 2), "results": results}, ensure_ascii=False, indent=1))
    else:
        print(format_table(results, load_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
