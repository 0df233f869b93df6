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


def test_chinese_text_lines_up_by_display_width() -> None:
    """Wide characters count two columns: every column of the errors table starts at the same
    display position in every row (tabulate measures with wcwidth)."""
    import re

    import wcwidth
    from xbench.report.tables import errors_table
    from xbench.scoring.scores import score

    from extractors.schema import Span

    raw = "張三在北京工作。2016年到上海市科技局任職,後來去了杭州。"

    def s(start: int, end: int, label: str) -> Span:
        return Span(start, end, label, raw[start:end])

    gold = {"d": [s(0, 2, "PERSON"), s(3, 5, "GPE"), s(14, 20, "ORG"), s(28, 30, "GPE")]}
    pred = {"d": [s(0, 2, "PERSON"), s(3, 5, "ORG"), s(17, 20, "ORG")]}
    lines = errors_table(score(gold, pred, {"d": raw}, n_boot=0)).splitlines()
    starts = [m.start() for m in re.finditer(r"-+", lines[1])][1:]
    for line in lines[2:]:
        for col in starts:
            prefix, width = "", 0
            for ch in line:
                if width >= col:
                    break
                prefix += ch
                width += wcwidth.wcwidth(ch)
            assert width == col and prefix.endswith(" "), line
