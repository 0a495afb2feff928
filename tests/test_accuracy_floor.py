"""Accuracy must not fall below the floors stored in benchmarks/floors.json.

The corpus test split is measured as text and as text PDFs rendered here from it (the renderer is
deterministic); the real development sets are measured when ../shared is beside the checkout.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.accuracy import run
from benchmarks.render import render_corpus
from tests.conftest import REPO, shared_path

FLOORS = json.loads((REPO / "benchmarks" / "floors.json").read_text(encoding="utf-8"))


def _check(result: dict, floors: dict[str, float]) -> None:
    assert not result["failures"]
    low = {c: (result["totals"][c]["f1"], floor) for c, floor in floors.items() if result["totals"][c]["f1"] < floor}
    assert not low, f"below the floor (f1, floor): {low}"


@pytest.fixture(scope="module")
def rendered_test_split(tmp_path_factory):
    out = tmp_path_factory.mktemp("rendered")
    render_corpus(REPO / "corpus" / "test", out, seed=1, scan_dpis=(), only="pdf")
    return out


def test_corpus_test_split_text():
    _check(run(REPO / "corpus" / "test", "txt"), FLOORS["corpus/test"]["txt"])


def test_corpus_test_split_pdf(rendered_test_split):
    result = run(REPO / "corpus" / "test", "pdf", rendered=rendered_test_split)
    assert result["documents"] == 22
    _check(result, FLOORS["corpus/test"]["pdf"])


def test_realtexts():
    _check(run(shared_path("realtexts"), "txt"), FLOORS["realtexts"]["txt"])


def test_reallong_pdfs():
    _check(run(shared_path("reallong"), "pdf"), FLOORS["reallong"]["pdf"])
