"""Confusion table and example errors (xbench.scoring.error_analysis)."""
from __future__ import annotations

from xbench.scoring.error_analysis import MISSED, SPURIOUS, confusion, context, error_examples
from xbench.scoring.matching import align

from extractors.schema import Span

RAW = "張三在北京\n工作。2016年到上海市科技局任職,\n後來去了杭州。"


def S(start: int, end: int, label: str) -> Span:
    return Span(start, end, label, RAW[start:end])


GOLD = {"d": [S(0, 2, "PERSON"), S(3, 5, "GPE"), S(9, 14, "DATE"), S(15, 21, "ORG"), S(29, 31, "GPE")]}
PRED = {"d": [S(0, 2, "PERSON"), S(3, 5, "ORG"), S(9, 13, "DATE"), S(24, 26, "GPE")]}


def test_confusion_rows_gold_columns_pred() -> None:
    c = confusion(align(GOLD, PRED))
    assert c.rows == ("PERSON", "ORG", "GPE", "DATE", SPURIOUS)
    assert c.cols == ("PERSON", "ORG", "GPE", "DATE", MISSED)
    assert c.get("PERSON", "PERSON") == 1
    assert c.get("GPE", "ORG") == 1
    assert c.get("DATE", "DATE") == 1  # a boundary error still pairs in type mode
    assert c.get("ORG", MISSED) == 1 and c.get("GPE", MISSED) == 1
    assert c.get(SPURIOUS, "GPE") == 1
    total = sum(sum(row.values()) for row in c.to_dict().values())
    assert total == 3 + 2 + 1  # pairs + missed + spurious


def test_error_examples() -> None:
    examples = error_examples(align(GOLD, PRED), {"d": RAW})
    kinds = [(e.kind, e.start) for e in examples]
    assert kinds == [("wrong_label", 3), ("wrong_boundary", 9), ("missed", 15), ("spurious", 24), ("missed", 29)]
    wrong = examples[0]
    assert (wrong.gold_label, wrong.pred_label, wrong.text) == ("GPE", "ORG", "北京")
    assert wrong.context == "張三在⟦北京⟧⏎工作。2016年到上海市科技"
    assert error_examples(align(GOLD, PRED), None)[0].context == ""
    capped = error_examples(align(GOLD, PRED), {"d": RAW}, per_kind=1)
    assert [e.kind for e in capped].count("missed") == 1


def test_context_marks_newlines() -> None:
    assert context("ab\ncd\r\nef", 3, 5, width=3) == "ab⏎⟦cd⟧⏎e"  # \r\n is one mark
