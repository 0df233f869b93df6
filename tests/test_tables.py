"""Text and JSON rendering of a report (xbench.report.tables)."""
from __future__ import annotations

import json

from xbench.report.tables import format_json, format_report
from xbench.scoring.scores import score

from extractors.schema import Span

GOLD = {"doc1": [Span(0, 2, "PERSON", "張三"), Span(3, 5, "GPE", "北京")]}
PRED = {"doc1": [Span(0, 2, "PERSON", "張三"), Span(3, 5, "ORG", "北京")], "doc2": [Span(0, 1, "LOC", "x")]}


def test_format_report_has_every_section() -> None:
    text = format_report(score(GOLD, PRED, {"doc1": "張三\n北京", "doc2": "x"}, n_boot=50))
    for needle in ("strict", "exact", "partial", "type", "Per label", "Per document", "doc2",
                   "Confusion", "SPURIOUS", "MISSED", "wrong_label", "paragraphs", "Value accuracy"):
        assert needle in text, needle
    assert "Per document" not in format_report(score(GOLD, PRED, n_boot=0), per_doc=False)


def test_format_json_is_to_dict() -> None:
    report = score(GOLD, PRED, n_boot=20)
    assert json.loads(format_json(report)) == json.loads(json.dumps(report.to_dict()))
