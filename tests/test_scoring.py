"""Corpus scores, per label and document, value accuracy and the JSON shape (xbench.scoring.scores)."""
from __future__ import annotations

import json
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from span_strategies import corpora, flat_spans
from xbench.scoring.matching import FIELDS, MODES
from xbench.scoring.scores import VALUE_LABELS, Report, score, value_matches

from extractors.schema import LABELS, NAME_LABELS, Span


def S(start: int, end: int, label: str, value=None) -> Span:
    return Span(start, end, label, "x" * (end - start), value)


def fast(gold, pred, **kw):
    return score(gold, pred, n_boot=kw.pop("n_boot", 0), **kw)


# --- worked example -----------------------------------------------------------------------

GOLD = {"a": [S(0, 4, "ORG"), S(10, 14, "GPE"), S(20, 24, "PERSON"), S(30, 34, "DATE", "2016"),
              S(40, 44, "MONEY", {"amount": 100, "unit": "CNY"})],
        "b": [S(0, 2, "GPE")]}
PRED = {"a": [S(0, 4, "ORG"), S(10, 14, "ORG"), S(21, 24, "PERSON"), S(30, 34, "DATE", "2017"),
              S(40, 44, "MONEY", {"amount": 100.00001, "unit": "CNY", "mod": "more"}), S(50, 52, "LOC")],
        "c": [S(0, 3, "GPE")]}


def test_worked_example() -> None:
    r = fast(GOLD, PRED)
    strict = r["strict"].micro
    # strict: ORG, DATE, MONEY correct; GPE/ORG and PERSON boundary incorrect; GPE in b missed;
    # LOC and the whole of document c spurious
    c = strict.counts
    assert (c.correct, c.incorrect, c.partial, c.missed, c.spurious) == (3, 2, 0, 1, 2)
    assert strict.precision == pytest.approx(3 / 7) and strict.recall == pytest.approx(3 / 6)
    assert r["partial"].micro.precision == pytest.approx((4 + 0.5) / 7)
    assert r["type"].micro.counts.correct == 4  # PERSON counts despite its boundary
    # per document: b is all missed, c all spurious
    assert r["strict"].per_doc["b"].recall == 0 and r["strict"].per_doc["b"].counts.missed == 1
    assert r["strict"].per_doc["c"].precision == 0 and r["strict"].per_doc["c"].counts.spurious == 1
    # per label: the GPE gold span counts toward GPE recall, its ORG prediction toward ORG precision
    org = r["strict"].per_label["ORG"]
    assert (org.counts.possible, org.counts.actual, org.precision, org.recall) == (1, 2, 0.5, 1.0)
    assert r["strict"].per_label["GPE"].recall == 0 and r["strict"].per_label["LOC"].precision == 0
    assert list(r["strict"].per_label) == ["PERSON", "ORG", "GPE", "LOC", "DATE", "MONEY"]  # schema order
    macro_f1 = np.mean([s.f1 for s in r["strict"].per_label.values()])
    assert r["strict"].macro.f1 == pytest.approx(macro_f1)
    # value: DATE (2016 vs 2017) wrong, MONEY within 1e-6 and mod not scored
    assert (r.value.n, r.value.accuracy) == (2, 0.5)
    assert r.ci_unit == "document"


def test_to_dict_is_the_interface_shape() -> None:
    d = score(GOLD, PRED, n_boot=50).to_dict()
    json.dumps(d)
    assert set(d) == {"strict", "exact", "partial", "type", "value"}
    assert set(d["value"]) == {"accuracy", "n"}
    for mode in MODES:
        assert set(d[mode]) == {"micro", "macro", "per_label", "per_doc"}
        assert set(d[mode]["micro"]) == {"precision", "recall", "f1", "ci95", "cor", "inc", "par", "mis", "spu"}
        assert len(d[mode]["micro"]["ci95"]) == 2
        c = score(GOLD, PRED, n_boot=0)[mode].micro.counts
        assert [d[mode]["micro"][k] for k in ("cor", "inc", "par", "mis", "spu")] == \
            [c.correct, c.incorrect, c.partial, c.missed, c.spurious]
        assert set(d[mode]["macro"]) == {"precision", "recall", "f1"}
        for v in d[mode]["per_label"].values():
            assert set(v) == {"precision", "recall", "f1", "n_gold", "n_pred"}
        assert set(d[mode]["per_doc"]) == {"a", "b", "c"}
        for v in d[mode]["per_doc"].values():
            assert set(v) == {"precision", "recall", "f1"}
    assert d["strict"]["per_label"]["ORG"]["n_gold"] == 1 and d["strict"]["per_label"]["ORG"]["n_pred"] == 2


def test_the_scores_object_round_trips() -> None:
    report = score(GOLD, PRED, n_boot=50)
    back = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert back.to_dict() == report.to_dict()
    assert back["strict"].micro.counts == report["strict"].micro.counts  # all eight counts from the five


def test_without_bootstrap_the_interval_is_null() -> None:
    assert fast(GOLD, PRED).to_dict()["strict"]["micro"]["ci95"] == [None, None]


def test_empty_corpus() -> None:
    r = score({}, {}, n_boot=10)
    assert r["strict"].micro.f1 == 0 and r.value.n == 0 and r["strict"].per_label == {}


# --- value matching -------------------------------------------------------------------------

@pytest.mark.parametrize("label, gold, pred, same", [
    ("MONEY", {"amount": 3100000, "unit": "CNY"}, {"amount": 3100000.0, "unit": "CNY"}, True),
    ("MONEY", {"amount": 3100000, "unit": "CNY"}, {"amount": 3100002, "unit": "CNY"}, True),  # 6e-7 relative
    ("MONEY", {"amount": 3100000, "unit": "CNY"}, {"amount": 3100010, "unit": "CNY"}, False),
    ("MONEY", {"amount": 100, "unit": "CNY"}, {"amount": 100, "unit": "USD"}, False),
    ("QUANTITY", {"amount": 800, "unit": "个", "mod": "more"}, {"amount": 800, "unit": "个"}, True),
    ("PERCENT", {"low": 20, "high": 30, "unit": "%"}, {"low": 20, "high": 30, "unit": "%"}, True),
    ("PERCENT", {"low": 20, "high": 30, "unit": "%"}, {"amount": 25, "unit": "%"}, False),
    ("PERCENT", {"amount": 20.5, "unit": "pp"}, {"amount": 20.5, "unit": "%"}, False),
    ("QUANTITY", {"amount": 14, "unit": "项"}, {"amount": "14", "unit": "项"}, False),
    ("QUANTITY", {"amount": 14, "unit": "项"}, None, False),
    ("DATE", "2016-H1", "2016-H1", True),
    ("DATE", "XXXX-04-19", "2016-04-19", False),
    ("DATE", None, None, True),  # placeholder year: null matches only null
    ("DATE", None, "2020", False),
])
def test_value_matches(label: str, gold, pred, same: bool) -> None:
    assert value_matches(label, gold, pred) is same


def test_value_accuracy_leaves_names_and_non_strict_pairs_out() -> None:
    assert VALUE_LABELS.isdisjoint(NAME_LABELS)
    gold = {"a": [S(0, 2, "PERSON", "张三"), S(5, 9, "DATE", "2016"), S(10, 14, "DATE", "2017")]}
    pred = {"a": [S(0, 2, "PERSON", "李四"), S(5, 9, "DATE", "2016"), S(10, 13, "DATE", "2017")]}
    assert fast(gold, pred).value.to_dict() == {"accuracy": 1.0, "n": 1}


# --- properties -----------------------------------------------------------------------------

@given(corpora())
def test_predictions_equal_to_gold_score_one(corpus) -> None:
    gold, _ = corpus
    r = fast(gold, gold)
    for mode in MODES:
        if any(gold.values()):
            assert r[mode].micro.f1 == r[mode].macro.f1 == 1.0
        assert all(s.f1 == 1.0 for s in r[mode].per_label.values())
        assert all(r[mode].per_doc[d].f1 == 1.0 for d, spans in gold.items() if spans)
    assert r.value.accuracy == (1.0 if r.value.n else 0.0)


@given(corpora())
def test_no_predictions_recall_zero(corpus) -> None:
    gold, _ = corpus
    r = fast(gold, {})
    for mode in MODES:
        assert r[mode].micro.recall == 0 and r[mode].macro.recall == 0
        assert r[mode].micro.counts.missed == sum(map(len, gold.values()))


@settings(deadline=None)
@given(corpora(), st.randoms(use_true_random=False))
def test_order_of_inputs_changes_nothing(corpus, rnd: random.Random) -> None:
    gold, pred = corpus

    def shuffled(d):
        items = [(k, rnd.sample(v, len(v))) for k, v in d.items()]
        rnd.shuffle(items)
        return dict(items)

    assert score(shuffled(gold), shuffled(pred), n_boot=30).to_dict() == score(gold, pred, n_boot=30).to_dict()


@given(corpora(), st.sampled_from(LABELS))
def test_a_spurious_span_never_raises_precision(corpus, label: str) -> None:
    gold, pred = corpus
    doc = next(iter(gold))
    end_all = max([s.end for s in gold[doc] + pred.get(doc, [])], default=0)
    more = {**pred, doc: pred.get(doc, []) + [S(end_all + 1, end_all + 3, label)]}
    before, after = fast(gold, pred), fast(gold, more)
    for mode in MODES:
        assert after[mode].micro.precision <= before[mode].micro.precision + 1e-12


@given(corpora())
def test_strict_is_the_tightest_mode(corpus) -> None:
    r = fast(*corpus)
    for looser in ("exact", "type"):
        assert r["strict"].micro.counts.correct <= r[looser].micro.counts.correct
        assert r["strict"].micro.f1 <= r[looser].micro.f1 + 1e-12


@given(corpora())
def test_per_label_and_per_doc_counts_add_up_to_micro(corpus) -> None:
    r = fast(*corpus)
    for mode in MODES:
        micro = r[mode].micro.counts
        for part in (r[mode].per_label, r[mode].per_doc):
            for f in FIELDS:
                assert sum(getattr(s.counts, f) for s in part.values()) == getattr(micro, f), (mode, f)


# --- per label against nervaluate -----------------------------------------------------------

@settings(deadline=None)
@given(st.lists(flat_spans(labels=LABELS[:3]), min_size=1, max_size=3))
def test_strict_per_label_agrees_with_nervaluate(gold_docs) -> None:
    """Strict per-label P/R equal nervaluate's (which scores each label on its own spans):
    both are exact same-label matches over the label's gold and predicted spans."""
    rng = random.Random(len(gold_docs))
    pred_docs = [[Span(s.start + rng.choice((0, 0, 1)), s.end, rng.choice(LABELS[:3]), s.text) for s in doc]
                 for doc in gold_docs]
    pred_docs = [[s for s in doc if s.end > s.start] for doc in pred_docs]
    ids = [f"d{i}" for i in range(len(gold_docs))]
    r = fast(dict(zip(ids, gold_docs, strict=True)), dict(zip(ids, pred_docs, strict=True)))
    conv = [[[{"label": s.label, "start": s.start, "end": s.end - 1} for s in doc] for doc in docs]
            for docs in (gold_docs, pred_docs)]
    if not any(conv[0]):
        return
    ref = Evaluator(conv[0], conv[1], tags=list(LABELS), loader="dict").evaluate()["entities"]
    for label, s in r["strict"].per_label.items():
        assert s.precision == pytest.approx(ref[label]["strict"].precision)
        assert s.recall == pytest.approx(ref[label]["strict"].recall)
