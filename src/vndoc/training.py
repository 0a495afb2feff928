"""Training data and retraining for the entity model of :mod:`vndoc.ner_model`.

    PYTHONPATH=src python -m vndoc.training corpus/dev --output models/vndoc-ner

Data recipe. The gold annotations of the development corpus name each person and each of their positions
as written, without offsets. Every exact occurrence of a gold name (and of the name in capitals, as
signature blocks write it) becomes a PERSON span, every exact occurrence of a gold position a POSITION
span; an occurrence counts only between word boundaries. ORG spans are the mentions of the rule
extractor's organisations (``people.find_organizations``) on the same text: silver, not gold, kept because
they teach the model where bodies end and people begin; ``--no-orgs`` leaves them out. Overlaps are
settled by label (PERSON, then POSITION, then ORG) and, within a label, the longer span wins. A span whose
ends do not fall on word boundaries of the tokenizer is marked *missing* for the tokens it covers (neither
an entity nor outside), so segmentation slips do not teach the model wrong boundaries. Each non-empty line
is one training example (the model reads one line at a time too).

Every ``--holdout``-th document (in name order, first included) is held out as the development set that
picks the best checkpoint; the rest trains. Only material meant for tuning may be trained on: the measuring
splits (``corpus/test``, the seed, the real texts) are refused.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vndoc.ner_model import blank, family_names, register
from vndoc.paged_text import PagedText

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = REPO / "models" / "vndoc-ner.cfg"
MEASURING_DIRS = frozenset({"test", "seed", "realtexts", "reallong", "realpdfs", "realscans"})
PRIORITY = {"PERSON": 0, "POSITION": 1, "ORG": 2}


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    label: str


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Exact occurrences of ``needle`` in ``text`` that start and end on word boundaries."""
    if not needle.strip():
        return []
    pattern = re.compile(r"(?<![^\W_])" + re.escape(needle) + r"(?![^\W_])")
    return [m.span() for m in pattern.finditer(text)]


def _candidates(text: str, gold: dict[str, Any], orgs: bool) -> Iterable[Annotation]:
    for person in gold.get("people") or []:
        name = person["name"]
        for form in dict.fromkeys((name, name.upper())):
            for start, end in occurrences(text, form):
                yield Annotation(start, end, "PERSON")
        for position in person.get("positions") or []:
            for start, end in occurrences(text, position):
                yield Annotation(start, end, "POSITION")
    if orgs:
        from vndoc.people import find_organizations, find_people

        paged = PagedText.single_page(text)
        for org in find_organizations(paged, find_people(paged)):
            for mention in org.mentions:
                yield Annotation(mention.start, mention.end, "ORG")


def annotate(text: str, gold: dict[str, Any], *, orgs: bool = True) -> list[Annotation]:
    """Non-overlapping character spans for one document (see the module docstring)."""
    chosen: list[Annotation] = []
    ranked = sorted(set(_candidates(text, gold, orgs)), key=lambda a: (PRIORITY[a.label], a.start - a.end, a.start))
    for a in ranked:
        if "\n" in text[a.start : a.end]:
            continue
        if all(a.end <= b.start or b.end <= a.start for b in chosen):
            chosen.append(a)
    return sorted(chosen, key=lambda a: a.start)


@dataclass
class Stats:
    documents: int = 0
    lines: int = 0
    augmented: int = 0
    spans: Counter[str] = field(default_factory=Counter)
    misaligned: Counter[str] = field(default_factory=Counter)


Example = tuple[str, list[Annotation]]


def line_examples(text: str, annotations: Sequence[Annotation]) -> list[Example]:
    """Each non-empty line with its annotations, offsets relative to the line."""
    examples = []
    offset = 0
    for line in text.split("\n"):
        end_of_line = offset + len(line)
        if line.strip():
            inside = [
                Annotation(a.start - offset, a.end - offset, a.label)
                for a in annotations
                if a.start >= offset and a.end <= end_of_line
            ]
            examples.append((line, inside))
        offset = end_of_line + 1
    return examples


def name_parts(gold_names: Iterable[str]) -> list[str]:
    """The syllables after the family name in the given names, title-cased: the pool for new names."""
    parts = {syllable[:1].upper() + syllable[1:].lower() for name in gold_names for syllable in name.split()[1:]}
    return sorted(p for p in parts if p.isalpha())


def _new_name(rng: random.Random, surnames: Sequence[str], parts: Sequence[str]) -> str:
    count = min(rng.choice((1, 2, 2, 3)), len(parts))
    return " ".join([rng.choice(surnames), *rng.sample(parts, count)])


def swap_names(example: Example, rng: random.Random, surnames: Sequence[str], parts: Sequence[str]) -> Example:
    """The line with each distinct PERSON name replaced by a new name (the same one at each occurrence)."""
    line, annotations = example
    new_names: dict[str, str] = {}
    pieces, moved = [], []
    pos = shift = 0
    for a in sorted(annotations, key=lambda a: a.start):
        text = line[a.start : a.end]
        if a.label == "PERSON":
            name = new_names.setdefault(text.casefold(), _new_name(rng, surnames, parts))
            text = name.upper() if text.isupper() else name
        pieces += [line[pos : a.start], text]
        moved.append(Annotation(a.start + shift, a.start + shift + len(text), a.label))
        shift += len(text) - (a.end - a.start)
        pos = a.end
    pieces.append(line[pos:])
    return "".join(pieces), moved


def example_doc(nlp: Language, example: Example, stats: Stats) -> Doc:
    """The line as a Doc with its entities set; spans off the word boundaries are marked missing."""
    line, annotations = example
    doc = nlp.make_doc(line)
    entities, missing = [], []
    for a in annotations:
        span = doc.char_span(a.start, a.end, label=a.label)
        stats.spans[a.label] += 1
        if span is None:
            stats.misaligned[a.label] += 1
            loose = doc.char_span(a.start, a.end, alignment_mode="expand")
            if loose is not None:
                missing.append(loose)
        else:
            entities.append(span)
    missing = [m for m in missing if all(m.end <= e.start or e.end <= m.start for e in entities)]
    doc.set_ents(entities, missing=_disjoint(missing), default="outside")
    return doc


def _disjoint(spans: list[Any]) -> list[Any]:
    kept: list[Any] = []
    for span in sorted(spans, key=lambda s: s.start):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def build(
    corpus: Path, nlp: Language, *, orgs: bool, holdout: int, swaps: int, seed: int = 0
) -> tuple[list[Doc], list[Doc], Stats]:
    """Training and held-out Docs; each training line with a person also appears ``swaps`` more times with
    its names replaced by new ones (a family name of the table, then one to three syllables taken from the
    training documents' gold names), so the model learns the shape and the context of a name rather than
    the names themselves."""
    rng = random.Random(seed)
    stats = Stats()
    train: list[Example] = []
    dev: list[Example] = []
    gold_names: list[str] = []
    for i, gold_path in enumerate(sorted(corpus.glob("*.gold.json"))):
        text = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt").read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        examples = line_examples(text, annotate(text, gold, orgs=orgs))
        held_out = bool(holdout) and i % holdout == 0
        (dev if held_out else train).extend(examples)
        if not held_out:
            gold_names += [p["name"] for p in gold.get("people") or []]
        stats.documents += 1
        stats.lines += len(examples)
    surnames = sorted(family_names())
    parts = name_parts(gold_names)
    extra = [
        swap_names(example, rng, surnames, parts)
        for example in train
        if any(a.label == "PERSON" for a in example[1])
        for _ in range(swaps)
    ]
    stats.augmented = len(extra)
    train_docs = [example_doc(nlp, e, stats) for e in [*train, *extra]]
    dev_docs = [example_doc(nlp, e, stats) for e in dev]
    return train_docs, dev_docs, stats


def _check_corpus(corpus: Path) -> str | None:
    if corpus.resolve().name.lower() in MEASURING_DIRS:
        return f"{corpus} is measuring material: the model is never trained on it"
    if not any(corpus.glob("*.gold.json")):
        return f"no *.gold.json under {corpus}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="directory of <id>.txt + <id>.gold.json (tuning material)")
    parser.add_argument("--output", type=Path, default=REPO / "models" / "vndoc-ner")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--holdout", type=int, default=6, help="hold out every N-th document (0: none)")
    parser.add_argument("--no-orgs", action="store_true", help="leave out the rule extractor's ORG spans")
    parser.add_argument("--swaps", type=int, default=2, help="name-swapped copies of each line with a person")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    problem = _check_corpus(args.corpus)
    if problem:
        print(problem, file=sys.stderr)
        return 2

    from spacy.cli.train import train as spacy_train
    from spacy.tokens import DocBin

    register()
    nlp = blank()
    train_docs, dev_docs, stats = build(
        args.corpus, nlp, orgs=not args.no_orgs, holdout=args.holdout, swaps=args.swaps, seed=args.seed
    )
    print(
        f"{stats.documents} documents, {stats.lines} lines + {stats.augmented} name-swapped "
        f"({len(train_docs)} train, {len(dev_docs)} held out); "
        f"spans {dict(stats.spans)}, misaligned {dict(stats.misaligned)}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        DocBin(docs=train_docs).to_disk(work / "train.spacy")
        DocBin(docs=dev_docs or train_docs).to_disk(work / "dev.spacy")
        spacy_train(
            args.config,
            work / "out",
            overrides={
                "paths.train": str(work / "train.spacy"),
                "paths.dev": str(work / "dev.spacy"),
                "system.seed": args.seed,
            },
        )
        if args.output.exists():
            shutil.rmtree(args.output)
        shutil.copytree(work / "out" / "model-best", args.output)
    _tidy(args.output, stats)
    meta = json.loads((args.output / "meta.json").read_text(encoding="utf-8"))
    print(json.dumps(meta["performance"], indent=1))
    return 0


def _tidy(output: Path, stats: Stats) -> None:
    """Name the pipeline, note its data, and drop the temporary data paths from its stored config."""
    from spacy.util import load_config

    config = load_config(output / "config.cfg")
    config["paths"]["train"] = None
    config["paths"]["dev"] = None
    config.to_disk(output / "config.cfg")
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="vndoc_ner",
        version="0.1.0",
        description=(
            "vndoc entity model (PERSON, POSITION, ORG) on underthesea words; trained on the project's "
            f"development corpus: {stats.documents} documents, {stats.lines} lines, "
            f"{stats.augmented} name-swapped copies; performance is on the held-out documents"
        ),
        license="MIT",
    )
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
