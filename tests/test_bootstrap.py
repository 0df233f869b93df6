"""Bootstrap intervals over paragraphs and the paired ranking test (xbench.scoring.bootstrap)."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from xbench.gold.load import load_gold, load_seeds
from xbench.scoring.bootstrap import assign_units, ci95, paired_bootstrap, paragraph_of
from xbench.scoring.scores import score

from extractors.schema import LABELS, Span

ROOT = Path(__file__).resolve().parents[1]


def synthetic(n_docs: int = 4, paras: int = 30, seed: int = 1):
    """Documents of short paragraphs, two mentions each, with predictions that get a share wrong."""
    rng = random.Random(seed)
    docs, gold, good, bad = {}, {}, {}, {}
    for d in range(n_docs):
        doc_id = f"d{d}"
        text, g = "", []
        for _ in range(paras):
            base = len(text)
            g += [Span(base + 2, base + 6, rng.choice(LABELS), "x" * 4), Span(base + 10, base + 13, "DATE", "x" * 3)]
            text += "x" * 20 + "\n"
        docs[doc_id], gold[doc_id] = text, g
        good[doc_id] = [s for s in g if rng.random() < 0.9]
        bad[doc_id] = [s if rng.random() < 0.5 else Span(s.start + 1, s.end, s.label, s.text[1:]) for s in g
                       if rng.random() < 0.6]
    return docs, gold, good, bad


def test_paragraph_of() -> None:
    raw = "ab\ncd\n\nef"
    assert paragraph_of(raw, [0, 1, 3, 7, 8]).tolist() == [0, 0, 1, 3, 3]
    assert paragraph_of("no newline", [0, 5]).tolist() == [0, 0]
    assert paragraph_of(raw, [2]).tolist() == [0]  # the newline closes its paragraph


def test_units_are_paragraphs_with_docs_and_documents_without() -> None:
    doc = np.array([0, 0, 1, 1])
    start = np.array([0, 4, 0, 4])
    with_docs = assign_units(doc, start, ["a", "b"], {"a": "abc\ndef", "b": "abcdefg"})
    assert with_docs.unit == "paragraph" and with_docs.n == 3 and with_docs.ids.tolist() == [0, 1, 2, 2]
    without = assign_units(doc, start, ["a", "b"], None)
    assert without.unit == "document" and without.n == 2
    partial = assign_units(doc, start, ["a", "b"], {"a": "abc\ndef"})
    assert partial.unit == "document"


def test_ci_contains_the_point_estimate_and_is_reproducible() -> None:
    docs, gold, good, bad = synthetic()
    for pred in (good, bad):
        r = score(gold, pred, docs)
        assert r.ci_unit == "paragraph"
        for mode in ("strict", "exact", "partial", "type"):
            lo, hi = r[mode].micro.ci95
            assert lo <= r[mode].micro.f1 <= hi
            assert hi - lo > 0
        again = score(gold, pred, docs)
        assert again.to_dict() == r.to_dict()
        assert score(gold, pred, docs, seed=1)["strict"].micro.ci95 != r["strict"].micro.ci95


def test_ci_contains_the_point_estimate_on_the_seeds() -> None:
    docs = {d: doc.raw for d, doc in load_seeds(ROOT / "seeds").items()}
    gold = load_gold(ROOT / "goldens")
    rng = random.Random(0)
    pred = {d: [s for s in spans if rng.random() < 0.8] for d, spans in gold.items()}
    r = score(gold, pred, docs, n_boot=300)
    lo, hi = r["strict"].micro.ci95
    assert lo <= r["strict"].micro.f1 <= hi < 1.0


def test_ci_of_a_single_unit_is_the_point() -> None:
    counts = np.array([[[3, 1, 0, 1, 3, 1, 0, 2]]])  # one unit, one mode
    lo, hi = ci95(counts, n_boot=100)[0]
    assert lo == hi == pytest.approx(2 * (3 / 6) * (3 / 5) / (3 / 6 + 3 / 5))


def test_identical_predictions_never_flip() -> None:
    docs, gold, good, _ = synthetic()
    copy = {d: list(reversed(s)) for d, s in good.items()}
    assert paired_bootstrap(gold, good, copy, docs) == 0.0
    assert paired_bootstrap(gold, good, good, None, mode="partial") == 0.0


def test_a_clearly_better_extractor_rarely_flips() -> None:
    docs, gold, good, bad = synthetic()
    p = paired_bootstrap(gold, good, bad, docs, n_boot=500)
    assert p < 0.01
    assert paired_bootstrap(gold, bad, good, docs, n_boot=500) == p  # symmetric
    assert paired_bootstrap(gold, good, bad, docs, n_boot=500) == p  # reproducible


def test_one_span_apart_flips_when_its_paragraph_is_not_drawn() -> None:
    docs, gold, good, _ = synthetic()
    d = next(iter(good))
    worse = {**good, d: good[d][1:]}  # good's predictions are all correct; one fewer lowers recall only
    # a replicate ranks them differently (a tie) exactly when that paragraph is not drawn: ~ (1 - 1/n)^n ~ 1/e
    p = paired_bootstrap(gold, good, worse, docs, n_boot=1000)
    assert p == pytest.approx(np.exp(-1), abs=0.06)


def test_different_predictions_that_tie_flip_whenever_a_replicate_breaks_the_tie() -> None:
    docs = {"d": "ab\ncd\n"}
    gold = {"d": [Span(0, 2, "ORG", "ab"), Span(3, 5, "ORG", "cd")]}
    a = {"d": [gold["d"][0]]}
    b = {"d": [gold["d"][1]]}  # same F1 as a on the full data, but on the other paragraph
    p = paired_bootstrap(gold, a, b, docs, n_boot=1000)
    assert p == pytest.approx(0.5, abs=0.06)  # replicates drawing one paragraph twice break the tie


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        paired_bootstrap({}, {}, {}, mode="loose")  # type: ignore[arg-type]
