"""bench/gold/stats.py: the per-label counts table of goldens/README.md, counted independently here."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from xbench.gold.stats import stats_markdown

from extractors.schema import LABELS


def _rows(markdown: str) -> dict[str, list[str]]:
    lines = [ln for ln in markdown.splitlines() if ln.startswith("|")][2:]  # past header and rule
    return {cells[0]: cells[1:] for cells in ([c.strip() for c in ln.strip("|").split("|")] for ln in lines)}


def test_counts_per_label_and_document_match_the_gold_files(root: Path) -> None:
    rows = _rows(stats_markdown(root / "goldens"))
    seeds = json.loads((root / "goldens" / "manifest.json").read_text(encoding="utf-8"))["seeds"]
    status = {Path(s["seed"]).stem: s["status"] for s in seeds}
    docs = sorted(p.stem for p in (root / "goldens").glob("*.jsonl"))
    assert set(rows) == {*docs, "total"}
    totals = [0] * len(LABELS)
    for doc in docs:
        labels = [json.loads(ln)["label"] for ln in (root / "goldens" / f"{doc}.jsonl").read_text(encoding="utf-8")
                  .splitlines() if ln.strip()]
        counts = [labels.count(lab) for lab in LABELS]
        totals = [a + b for a, b in zip(totals, counts)]
        assert rows[doc][1:] == [str(n) for n in counts] + [str(len(labels))], doc
        assert rows[doc][0] == status[doc]
    assert rows["total"][1:] == [str(n) for n in totals] + [str(sum(totals))]


def test_a_document_without_its_gold_file_counts_zero(root: Path, tmp_path: Path) -> None:
    gold = tmp_path / "goldens"
    shutil.copytree(root / "goldens", gold)
    first = sorted(gold.glob("*.jsonl"))[0]
    first.unlink()
    rows = _rows(stats_markdown(gold))
    assert rows[first.stem][1:] == ["0"] * (len(LABELS) + 1)
    assert "xbench gold stats --write" in stats_markdown(gold)
