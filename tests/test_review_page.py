"""The gold review page shows what is wrong with a gold file instead of hiding it: overlapping
records outlined, and records the validator rejects listed with their file line numbers."""
from __future__ import annotations

import json
import re
from pathlib import Path

from xbench.gold.review import overlapping, review_page

from extractors.schema import Span

DOC = "000_a30258ca9ad81b5c"


def test_overlapping_finds_every_span_that_overlaps_another() -> None:
    spans = [Span(0, 4, "ORG", "abcd"), Span(2, 3, "GPE", "c"), Span(5, 6, "GPE", "f"), Span(3, 5, "LOC", "de")]
    assert overlapping(spans) == {0, 1, 3}
    assert overlapping([Span(0, 2, "GPE", "ab"), Span(2, 4, "GPE", "cd")]) == set()


def test_review_page_shows_overlapping_and_invalid_records(workspace: Path) -> None:
    gold = workspace / "goldens" / f"{DOC}.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    overlap = dict(first, label="ORG")  # the same text labelled twice
    unknown = dict(first, label="CITY")  # not a label of the schema: the parser rejects the record
    lines += [json.dumps(overlap, ensure_ascii=False), json.dumps(unknown, ensure_ascii=False)]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = review_page(DOC, workspace / "seeds", workspace / "goldens")
    assert page.count('<mark class="overlap"') == 2  # the first record and the one over it, both outlined
    n = len(lines)
    rows = re.findall(r"<tr class='([a-z]*)'><td>(\d+)</td>(.*?)</tr>", page)
    by_line = {int(line): (cls, rest) for cls, line, rest in rows}
    assert by_line[n][0] == "invalid" and "CITY" in by_line[n][1]  # the rejected record, at its line
    assert by_line[1][0] in ("overlap", "invalid") and by_line[n - 1][0] in ("overlap", "invalid")
    assert len(by_line) == n  # every line of the file has its row
    assert f"{DOC}.jsonl:{n}:" in page  # the validator's finding names the file line
