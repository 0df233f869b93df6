"""Pairwise agreement without gold: the scorer's figures, symmetric, and a drop below the seeds' band flagged."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from xbench.corpus.agreement import ALL, agreement_section, agreement_table, pair_agreement
from xbench.gold.load import load_gold, load_seeds
from xbench.scoring.agreement import f1, lower_band, tallies
from xbench.scoring.scores import score

from extractors.registry import get_extractor
from extractors.schema import LABELS, Span


@pytest.fixture(scope="module")
def seeds(root: Path) -> dict[str, str]:
    return {d: doc.raw for d, doc in load_seeds(root / "seeds").items()}


@pytest.fixture(scope="module")
def regex(seeds: dict[str, str]) -> dict[str, list[Span]]:
    ex = get_extractor("regex")
    return {d: ex.extract(t) for d, t in seeds.items()}


def test_agreement_is_the_scorers_f1_and_symmetric(root: Path, regex: dict[str, list[Span]]) -> None:
    gold = load_gold(root / "goldens")
    labels = list(LABELS)
    t = tallies(gold, regex, labels).sum(axis=0)  # (labels, modes, 8)
    report = score(gold, regex, n_boot=0)
    assert f1(t.sum(axis=0))[0] == pytest.approx(report["strict"].f1)
    assert f1(t.sum(axis=0))[1] == pytest.approx(report["partial"].f1)
    for i, lab in enumerate(labels):
        if lab in report["strict"].per_label:
            assert f1(t[i, 0]) == pytest.approx(report["strict"].per_label[lab].f1), lab
    back = tallies(regex, gold, labels).sum(axis=0)
    assert f1(back) == pytest.approx(f1(t))
    assert f1(tallies(regex, regex, labels).sum(axis=(0, 1))).tolist() == [1.0, 1.0]


def test_the_band_of_identical_records_is_one(regex: dict[str, list[Span]]) -> None:
    low = lower_band(tallies(regex, regex, list(LABELS)))
    assert low.shape == (len(LABELS) + 1, 2)
    assert low[-1].tolist() == [1.0, 1.0]


def _run(folder: Path, name: str, spans: dict[str, list[Span]]) -> dict:
    """A corpus run's result as agreement reads it: its records in one partition file."""
    folder.mkdir(parents=True)
    lines = [json.dumps({"doc_id": d, **s.to_dict()}, ensure_ascii=False) for d in sorted(spans) for s in spans[d]]
    (folder / "part-00000.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"name": name, "records": str(folder), "errors": []}


def test_a_drop_below_the_seeds_band_is_flagged(regex: dict[str, list[Span]], tmp_path: Path) -> None:
    # on the corpus, B has lost every other QUANTITY that A finds; on the seeds, both agree fully
    halved = {d: [s for i, s in enumerate(ss) if s.label != "QUANTITY" or i % 2] for d, ss in regex.items()}
    a, b = _run(tmp_path / "a", "a", regex), _run(tmp_path / "b", "b", halved)
    labels = list(get_extractor("regex").labels)
    pair = pair_agreement(a, b, labels, (regex, regex))
    checks = {c["name"]: c for c in pair["checks"]}
    assert pair["flagged"] and not checks["agreement strict QUANTITY"]["passed"]
    assert checks["agreement strict QUANTITY"]["low"] == 1.0 and checks["agreement strict QUANTITY"]["observed"] < 0.8
    assert checks["agreement strict DATE"]["passed"] and pair["reference"][ALL]["strict"] == 1.0
    assert "DROP strict/partial" in agreement_table([pair])
    same = pair_agreement(a, _run(tmp_path / "c", "c", regex), labels, (regex, regex))
    assert not same["flagged"] and same["agreement"][ALL]["strict"] == 1.0 and same["partitions"][0]["strict"] == 1.0


def test_only_shared_labels_are_compared_and_no_reference_checks_nothing(regex: dict[str, list[Span]],
                                                                         tmp_path: Path) -> None:
    dates = {d: [s for s in ss if s.label == "DATE"] for d, ss in regex.items()}
    runs = [_run(tmp_path / "a", "a", regex), _run(tmp_path / "b", "b", dates)]
    [pair] = agreement_section(runs, {"a": LABELS, "b": ("DATE",)}, None)
    assert pair["labels"] == ["DATE"] and pair["agreement"]["DATE"]["strict"] == 1.0
    assert pair["reference"] is None and pair["checks"] == [] and not pair["flagged"]


def test_the_corpus_report_shows_a_drop_with_the_records_behind_it(regex: dict[str, list[Span]], root: Path,
                                                                    tmp_path: Path) -> None:
    from xbench.corpus.examples import add_examples
    from xbench.report.corpus_page import corpus_page

    halved = {d: [s for i, s in enumerate(ss) if s.label != "QUANTITY" or i % 2] for d, ss in regex.items()}
    runs = [_run(tmp_path / "a", "a", regex), _run(tmp_path / "b", "b", halved)]
    for r in runs:
        r.update(expectations={"total": 21, "failed": []}, documents=5, chars=1, partitions={"total": 1},
                 labels={}, drift=None)
    labels = tuple(get_extractor("regex").labels)
    pairs = agreement_section(runs, {"a": labels, "b": labels}, {"a": regex, "b": regex})
    add_examples(runs, pairs, root / "seeds", None)
    dropped = next(c for c in pairs[0]["checks"] if c["name"] == "agreement strict QUANTITY")
    assert len(dropped["examples"]) == 5
    assert all(e["label"] == "QUANTITY" and e["b"] is None and f"【{e['a']}】" in e["context"]
               for e in dropped["examples"])
    page = corpus_page({"corpus": str(root / "seeds"), "runs": runs, "agreement": pairs}, None)
    assert "<h3>a ~ b</h3>" in page and "agreement strict QUANTITY" in page
    assert "<tr class='failed'><td>QUANTITY</td>" in page and dropped["examples"][0]["context"] in page
