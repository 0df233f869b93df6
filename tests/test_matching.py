"""Pairing and SemEval counts of one document (xbench.scoring.matching)."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from span_strategies import any_spans, flat_spans
from xbench.scoring.matching import MODES, Counts, Outcome, _greedy, align, counts, match, match_all

from extractors.schema import LABELS, Span


def S(start: int, end: int, label: str) -> Span:
    return Span(start, end, label, "x" * (end - start))


# SemEval-2013 9.1 worked scenarios (Segura-Bedmar et al.; the nervaluate README's table),
# as (gold, pred, expected outcome per mode): strict, exact, partial, type.
COR, INC, PAR, MIS, SPU = "correct", "incorrect", "partial", "missed", "spurious"
SCENARIOS = {
    "exact match": ([S(0, 4, "ORG")], [S(0, 4, "ORG")], (COR, COR, COR, COR)),
    "spurious": ([], [S(0, 4, "ORG")], (SPU, SPU, SPU, SPU)),
    "missed": ([S(0, 4, "ORG")], [], (MIS, MIS, MIS, MIS)),
    "wrong type": ([S(0, 4, "ORG")], [S(0, 4, "GPE")], (INC, COR, COR, INC)),
    "wrong boundary": ([S(0, 4, "ORG")], [S(1, 4, "ORG")], (INC, INC, PAR, COR)),
    "both wrong": ([S(0, 4, "ORG")], [S(1, 6, "GPE")], (INC, INC, PAR, INC)),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_semeval_scenarios(name: str) -> None:
    gold, pred, expected = SCENARIOS[name]
    for mode, outcome in zip(MODES, expected, strict=True):
        c = counts(gold, pred, mode)
        assert getattr(c, outcome) == 1, (name, mode, c)
        assert c.possible == len(gold) and c.actual == len(pred)
        assert sum(getattr(c, f) for f in (COR, INC, PAR, MIS, SPU)) == 1


def test_semeval_table_together() -> None:
    """All six scenarios side by side in one document, with the classic totals per mode."""
    gold, pred = [], []
    for k, (g, p, _) in enumerate(SCENARIOS.values()):
        gold += [Span(s.start + 100 * k, s.end + 100 * k, s.label, s.text) for s in g]
        pred += [Span(s.start + 100 * k, s.end + 100 * k, s.label, s.text) for s in p]
    expected = {  # correct, incorrect, partial, missed, spurious
        "strict": (1, 3, 0, 1, 1), "exact": (2, 2, 0, 1, 1),
        "partial": (2, 0, 2, 1, 1), "type": (2, 2, 0, 1, 1),
    }
    for mode, (cor, inc, par, mis, spu) in expected.items():
        c = counts(gold, pred, mode)
        assert (c.correct, c.incorrect, c.partial, c.missed, c.spurious) == (cor, inc, par, mis, spu), mode
        assert (c.possible, c.actual) == (5, 5)
    # partial counts half: (2 + 0.5 * 2) / 5
    assert counts(gold, pred, "partial").precision == pytest.approx(0.6)
    assert counts(gold, pred, "partial").recall == pytest.approx(0.6)
    assert counts(gold, pred, "strict").f1 == pytest.approx(0.2)


def test_exact_boundaries_before_larger_overlap() -> None:
    # the prediction [0, 4) matches gold [0, 4) exactly; the long one may only take what is left
    gold = [S(0, 4, "ORG"), S(4, 10, "GPE")]
    pred = [S(2, 9, "GPE"), S(0, 4, "ORG")]
    m = match(gold, pred, "strict")
    assert {(g.start, p.start) for g, p, _ in m.pairs()} == {(0, 0), (4, 2)}


def test_larger_overlap_then_leftmost() -> None:
    gold = [S(0, 4, "ORG"), S(5, 12, "ORG")]
    pred = [S(2, 9, "ORG")]  # overlaps 2 with the first, 4 with the second
    (pair,) = match(gold, pred, "partial").pairs()
    assert pair[0].start == 5
    gold = [S(0, 4, "ORG"), S(6, 10, "ORG")]
    pred = [S(2, 8, "ORG")]  # overlaps 2 and 2: the leftmost gold wins
    (pair,) = match(gold, pred, "partial").pairs()
    assert pair[0].start == 0


def test_type_mode_prefers_a_same_label_partner() -> None:
    gold = [S(0, 4, "ORG"), S(4, 8, "GPE")]
    pred = [S(1, 7, "GPE")]
    assert counts(gold, pred, "type").correct == 1  # paired with the GPE, as nervaluate does
    assert counts(gold, pred, "strict").incorrect == 1


def test_touching_spans_do_not_overlap() -> None:
    c = counts([S(0, 4, "ORG")], [S(4, 8, "ORG")], "partial")
    assert (c.missed, c.spurious, c.partial) == (1, 1, 0)


def test_match_views_agree() -> None:
    gold = [S(0, 4, "ORG"), S(10, 14, "GPE"), S(20, 22, "PERSON")]
    pred = [S(0, 4, "GPE"), S(11, 14, "GPE"), S(30, 32, "ORG")]
    m = match(gold, pred, "type")
    assert [g.start for g in m.missed()] == [20]
    assert [p.start for p in m.spurious()] == [30]
    assert [o for *_, o in m.pairs()] == [Outcome.INCORRECT, Outcome.CORRECT]
    assert m.counts() == align({"d": gold}, {"d": pred}).counts("type")


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        match([], [], "fuzzy")  # type: ignore[arg-type]


# --- properties ---------------------------------------------------------------------------

def _summary(gold: list[Span], pred: list[Span]) -> dict:
    return {mode: (m.counts(), sorted((g.start, g.end, g.label, p.start, p.end, p.label, o) for g, p, o in m.pairs()))
            for mode, m in match_all(gold, pred).items()}


@given(flat_spans())
def test_predictions_equal_to_gold_score_one(gold: list[Span]) -> None:
    for mode, m in match_all(gold, list(gold)).items():
        c = m.counts()
        assert c.correct == len(gold) and c.actual == len(gold), mode
        if gold:
            assert c.precision == c.recall == c.f1 == 1.0


@given(flat_spans())
def test_no_predictions_recall_zero(gold: list[Span]) -> None:
    for m in match_all(gold, []).values():
        c = m.counts()
        assert c.recall == 0.0 and c.missed == len(gold) and c.actual == 0


@given(any_spans(), any_spans(), st.randoms(use_true_random=False))
def test_order_of_inputs_changes_nothing(gold: list[Span], pred: list[Span], rnd: random.Random) -> None:
    before = _summary(gold, pred)
    g2, p2 = list(gold), list(pred)
    rnd.shuffle(g2)
    rnd.shuffle(p2)
    assert _summary(g2, p2) == before
    assert _summary(gold[::-1], pred) == before


@given(flat_spans(), flat_spans(), st.integers(0, 5), st.sampled_from(LABELS))
def test_a_spurious_span_never_raises_precision(gold: list[Span], pred: list[Span], length: int, label: str) -> None:
    end_all = max([s.end for s in gold + pred], default=0)
    extra = S(end_all + 1, end_all + 2 + length, label)  # overlaps nothing
    for mode in MODES:
        assert counts(gold, pred + [extra], mode).precision <= counts(gold, pred, mode).precision + 1e-12


@given(flat_spans(), flat_spans())
def test_strict_is_the_tightest_mode(gold: list[Span], pred: list[Span]) -> None:
    c = {mode: m.counts() for mode, m in match_all(gold, pred).items()}
    for looser in ("exact", "type", "partial"):
        assert c["strict"].correct <= c[looser].correct
        assert c["strict"].f1 <= c[looser].f1 + 1e-12


@given(any_spans(), any_spans())
def test_counts_are_consistent(gold: list[Span], pred: list[Span]) -> None:
    for mode, m in match_all(gold, pred).items():
        c = m.counts()
        assert c.possible == len(gold) and c.actual == len(pred)
        # over a whole document both sides of every pair agree
        assert (c.correct, c.incorrect, c.partial) == (c.pred_correct, c.pred_incorrect, c.pred_partial)
        if mode != "partial":
            assert c.partial == 0
        else:
            assert c.incorrect == 0
        assert c + Counts() == c


# --- reference: nervaluate 1.2.1 ------------------------------------------------------------

@st.composite
def one_to_one_corpus(draw: st.DrawFn) -> tuple[list[list[Span]], list[list[Span]]]:
    """Documents cut into slots of 20 characters, each holding at most one gold and at most one
    predicted span: no span can overlap two spans of the other side, so nervaluate's
    first-come pairing and ours must agree."""
    gold_docs, pred_docs = [], []
    for _ in range(draw(st.integers(1, 3))):
        gold, pred = [], []
        for slot in range(draw(st.integers(0, 8))):
            base = slot * 20
            here = {}
            for name in ("gold", "pred"):
                if draw(st.booleans()):
                    start = base + draw(st.integers(0, 10))
                    here[name] = S(start, start + draw(st.integers(1, 9)), draw(st.sampled_from(LABELS[:3])))
            if len(here) == 2 and draw(st.integers(0, 2)) == 0:  # make identical boundaries common
                here["pred"] = S(here["gold"].start, here["gold"].end, here["pred"].label)
            gold += [here["gold"]] if "gold" in here else []
            pred += [here["pred"]] if "pred" in here else []
        gold_docs.append(gold)
        pred_docs.append(pred)
    return gold_docs, pred_docs


def _nervaluate(docs: list[list[Span]]) -> list[list[dict]]:
    return [[{"label": s.label, "start": s.start, "end": s.end - 1} for s in doc] for doc in docs]  # inclusive end


@settings(max_examples=150, deadline=None)
@given(one_to_one_corpus())
def test_agrees_with_nervaluate(corpus: tuple[list[list[Span]], list[list[Span]]]) -> None:
    gold_docs, pred_docs = corpus
    ref = Evaluator(_nervaluate(gold_docs), _nervaluate(pred_docs), tags=list(LABELS), loader="dict").evaluate()
    ids = [f"d{i}" for i in range(len(gold_docs))]
    a = align(dict(zip(ids, gold_docs, strict=True)), dict(zip(ids, pred_docs, strict=True)))
    theirs_name = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    for mode in MODES:
        ours, theirs = a.counts(mode), ref["overall"][theirs_name[mode]]
        assert (ours.correct, ours.incorrect, ours.partial, ours.missed, ours.spurious) == (
            theirs.correct, theirs.incorrect, theirs.partial, theirs.missed, theirs.spurious), mode
        assert ours.precision == pytest.approx(theirs.precision)
        assert ours.recall == pytest.approx(theirs.recall)
        assert ours.f1 == pytest.approx(theirs.f1)


@given(any_spans(), any_spans())
def test_vectorised_pairing_equals_one_greedy_pass(gold: list[Span], pred: list[Span]) -> None:
    """Splitting into overlap chains (and the vectorised one-to-one shortcut) changes nothing:
    the result equals the greedy pass run over the whole document at once."""
    a = align({"d": gold}, {"d": pred})
    lists = [[int(x) for x in arr] for arr in (a.gold_start, a.gold_end, a.gold_label,
                                              a.pred_start, a.pred_end, a.pred_label)]
    for mode in MODES:
        expected = _greedy(*lists, label_first=(mode == "type"))
        assert a.gold_partner[mode].tolist() == expected
