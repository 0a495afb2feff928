"""Scoring extracted documents against gold annotations (the evaluation corpora's format).

Matching rules, per category:
- header fields: each non-null field is one item; text fields match after normalisation (case, spacing,
  tone placement), the title by fuzzy ratio >= 85, the term as (ordinal, start, end);
- sections: (path of numbers from the root, title) — the same path and a title ratio >= 85;
- people: diacritic-aware normalised name; positions: ratio >= 85 against the gold positions of a
  matched person (recall over gold positions, precision over predicted positions of matched people);
- references: (type code, or document type when no code is written, number without leading zeros,
  year); a reference without a type code is a công văn; dates compared over matched references;
- counts: a set of (value, unit) — the same value and unit twice is one entry; a leading classifier (vị,
  con, cái, chiếc) is ignored, and one unit that starts with the other's words matches it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from vndoc.models import Document
from vndoc.normalize import match_key

CLASSIFIERS = ("vị", "con", "cái", "chiếc")
HEADER_FIELDS = ("place", "date", "doc_type", "number", "title", "term")
CATEGORIES = ("header", "sections", "people", "positions", "references", "reference_dates", "counts")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocScore:
    doc_id: str
    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    missed: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)


def _match_sets(gold: list[Any], predicted: list[Any], same) -> tuple[Tally, list[Any], list[Any], list]:
    """Greedy one-to-one matching; returns tally, unmatched gold, unmatched predicted, matched pairs."""
    unmatched = list(predicted)
    pairs = []
    missed = []
    for g in gold:
        for i, p in enumerate(unmatched):
            if same(g, p):
                pairs.append((g, p))
                del unmatched[i]
                break
        else:
            missed.append(g)
    return Tally(tp=len(pairs), fp=len(unmatched), fn=len(missed)), missed, unmatched, pairs


def _text_equal(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and match_key(a) == match_key(b)


def _fuzzy(a: str, b: str) -> bool:
    return fuzz.ratio(match_key(a), match_key(b)) >= 85


def score_header(gold: dict[str, Any] | None, doc: Document) -> tuple[Tally, list[str], list[str]]:
    tally, missed, extra = Tally(), [], []
    if gold is None:
        return tally, missed, extra
    predicted = doc.header.model_dump(mode="json")
    for name in HEADER_FIELDS:
        g, p = gold.get(name), predicted.get(name)
        if name == "term":
            g = g and (g.get("ordinal"), g.get("start"), g.get("end"))
            p = p and (p.get("ordinal"), p.get("start"), p.get("end"))
            ok = g == p
        elif name == "title":
            ok = g is not None and p is not None and _fuzzy(g, p)
        elif name == "number" and g and p:
            ok = g.replace(" ", "") == p.replace(" ", "")
        else:
            ok = g == p or _text_equal(g, p)
        if g is None and p is None:
            continue
        if ok:
            tally.tp += 1
        else:
            if g is not None:
                tally.fn += 1
                missed.append(f"{name}={g!r}")
            if p is not None:
                tally.fp += 1
                extra.append(f"{name}={p!r}")
    return tally, missed, extra


def _flatten_gold_sections(sections: list[dict[str, Any]], path: tuple[str, ...] = ()) -> list[tuple]:
    out = []
    for s in sections:
        here = (*path, str(s.get("number") or "").strip(". "))
        out.append((here, s.get("title") or ""))
        out += _flatten_gold_sections(s.get("children") or [], here)
    return out


def _flatten_sections(sections, path: tuple[str, ...] = ()) -> list[tuple]:
    out = []
    for s in sections:
        here = (*path, str(s.number or "").strip(". "))
        out.append((here, s.title))
        out += _flatten_sections(s.children, here)
    return out


def unit_key(unit: str) -> tuple[str, ...]:
    words = match_key(unit).split()
    if len(words) > 1 and words[0] in CLASSIFIERS:
        words = words[1:]
    return tuple(words)


def _units_match(a: str, b: str) -> bool:
    ka, kb = unit_key(a), unit_key(b)
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return long_[: len(short)] == short or (
        match_key(a).split()[:1] == match_key(b).split()[:1] and match_key(a).split()[0] in CLASSIFIERS
    )


def reference_key(ref: dict[str, Any]) -> tuple[str, str, int | None]:
    code = ref.get("type_code")
    kind = match_key(code, diacritics=False).replace("đ", "d") if code else None
    if kind is None:
        doc_type = match_key(ref.get("doc_type") or "công văn", diacritics=False)
        # "văn bản số 3790/UBND-NC": a document without a type code is an official letter
        kind = "doctype:" + ("cong van" if doc_type in ("van ban", "cong van") else doc_type)
    number = str(ref.get("number") or "").lstrip("0") or "0"
    return kind, number, ref.get("year")


def _reference_same(g: dict[str, Any], p: dict[str, Any]) -> bool:
    gk, pk = reference_key(g), reference_key(p)
    if gk == pk:
        return True
    # a type code on one side, the written type on the other: compare the type names
    if gk[1:] == pk[1:]:
        gd, pd = match_key(g.get("doc_type") or ""), match_key(p.get("doc_type") or "")
        return bool(gd) and gd == pd
    return False


def score_document(doc_id: str, gold: dict[str, Any], doc: Document) -> DocScore:
    score = DocScore(doc_id)
    t = score.tallies

    tally, score.missed["header"], score.extra["header"] = score_header(gold.get("header"), doc)
    t["header"] = tally

    if gold.get("header") is not None or gold.get("sections"):
        g_secs = _flatten_gold_sections(gold.get("sections") or [])
        p_secs = _flatten_sections(doc.sections)
        tally, missed, extra, _ = _match_sets(
            g_secs, p_secs, lambda g, p: g[0] == p[0] and (not g[1] or _fuzzy(g[1], p[1]))
        )
        t["sections"] = tally
        score.missed["sections"] = [".".join(m[0]) + " " + m[1][:40] for m in missed]
        score.extra["sections"] = [".".join(e[0]) + " " + e[1][:40] for e in extra]

    g_people = gold.get("people") or []
    tally, missed, extra, pairs = _match_sets(
        g_people, doc.people, lambda g, p: match_key(g["name"]) == match_key(p.name)
    )
    t["people"] = tally
    score.missed["people"] = [m["name"] for m in missed]
    score.extra["people"] = [e.name for e in extra]
    pos = Tally()
    pos_missed = []
    for g, p in pairs:
        gp = list(g.get("positions") or [])
        pp = [x.raw for x in p.positions]
        pt, pm, pe, _ = _match_sets(gp, pp, _fuzzy)
        pos.add(pt)
        pos_missed += [f"{g['name']}: {m}" for m in pm]
    for g in missed:  # positions of people not found at all are missed too
        pos.fn += len(g.get("positions") or [])
    t["positions"] = pos
    score.missed["positions"] = pos_missed

    g_refs = gold.get("references") or []
    p_refs = [r.model_dump(mode="json") for r in doc.references]
    tally, missed, extra, pairs = _match_sets(g_refs, p_refs, _reference_same)
    t["references"] = tally
    score.missed["references"] = [m["raw"] for m in missed]
    score.extra["references"] = [e["raw"] for e in extra]
    dates = Tally()
    for g, p in pairs:
        if g.get("date") == p.get("date"):
            dates.tp += 1
        else:
            dates.fn += 1
            dates.fp += p.get("date") is not None
    t["reference_dates"] = dates

    g_counts = _dedupe_counts((c["value"], c["unit"]) for c in gold.get("counts") or [])
    p_counts = _dedupe_counts((c.value, c.unit) for c in doc.counts)
    tally, missed, extra, _ = _match_sets(g_counts, p_counts, lambda g, p: g[0] == p[0] and _units_match(g[1], p[1]))
    t["counts"] = tally
    score.missed["counts"] = [f"{v} {u}" for v, u in missed]
    score.extra["counts"] = [f"{v} {u}" for v, u in extra]
    return score


def _dedupe_counts(items: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    seen: dict[tuple[int, tuple[str, ...]], tuple[int, str]] = {}
    for value, unit in items:
        seen.setdefault((value, unit_key(unit)), (value, unit))
    return list(seen.values())


def totals(scores: Iterable[DocScore]) -> dict[str, Tally]:
    out = {c: Tally() for c in CATEGORIES}
    for s in scores:
        for c in CATEGORIES:
            out[c].add(s.tallies[c])
    return out


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
