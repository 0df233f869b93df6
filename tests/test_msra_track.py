"""The MSRA track end to end on a sample (300 sentences, three extractors): `xbench run --track msra`
writes its board, and its strict F1 agrees with an independent scorer (nervaluate) run on
`xbench extract` output over the same sentences.

Slow-ish (one process per extractor, ~30 s on a shared machine); the full 5,000 sentences are
run for the README only (`xbench run --track msra`).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from nervaluate import Evaluator
from xbench.cli import main
from xbench.datasets import msra
from xbench.tracks import tracks

SAMPLE = 300
EXTRACTORS = ("regex", "crf", "lac")


@pytest.fixture(scope="module")
def board(tmp_path_factory) -> dict:
    msra.fetch()
    out = tmp_path_factory.mktemp("msra-run")
    argv = ["run", "--track", "msra", "--sample", str(SAMPLE), "--no-speed", "--out", str(out), "-e", "lac-raw"]
    for name in EXTRACTORS:
        argv += ["-e", name]
    assert main(argv) == 0
    return json.loads((out / "latest.json").read_text(encoding="utf-8")) | {"_out": str(out)}


def test_the_board_has_the_track_with_its_map_and_without_raw_baselines(board: dict) -> None:
    track = board["tracks"]["msra"]
    assert track["corpus"]["sentences"] == SAMPLE and track["corpus"]["gold_spans"] > 100
    assert track["label_map"] == {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
    assert track["prediction_label_map"]["GPE"] == "LOC" and "DATE" not in track["prediction_label_map"]
    names = {e["name"]: e for e in track["extractors"]}
    assert set(names) == set(EXTRACTORS)  # lac-raw skipped: MSRA text is clean Simplified
    assert names["crf"]["evaluation"] == "full"  # the packaged model: it never saw the test split
    assert set(names["lac"]["scores"]["strict"]["per_label"]) <= {"PERSON", "ORG", "LOC"}
    assert "seeds" not in board["tracks"] and board["extractors"] == []
    md = (Path(board["_out"]) / "latest.md").read_text(encoding="utf-8")
    assert "msra" in md and "GPE is scored as LOC" in md and "published, other split" in md


def _nervaluate_strict_f1(gold: dict, pred: dict) -> float:
    ids = sorted(gold)
    conv = [[[{"label": s["label"], "start": s["start"], "end": s["end"] - 1} for s in side.get(d, [])] for d in ids]
            for side in (gold, pred)]
    return Evaluator(conv[0], conv[1], tags=["PERSON", "ORG", "LOC"], loader="dict").evaluate()["overall"]["strict"].f1


@pytest.mark.parametrize("name", EXTRACTORS)
def test_strict_f1_agrees_with_nervaluate_on_extract_output(board: dict, name: str, tmp_path: Path) -> None:
    track = tracks()["msra"]
    folder = msra.data_dir() / "test"
    split = msra.load_test(SAMPLE)
    files = [str(folder / "docs" / f"{d}.txt") for d in sorted(split.docs)]
    assert main(["extract", "-e", name, *files, "-o", str(tmp_path / "pred.jsonl")]) == 0
    pred: dict[str, list] = {}
    for line in (tmp_path / "pred.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["label"] in track.label_map:  # the track's map, stated on the board: GPE -> LOC, others dropped
            pred.setdefault(r["doc_id"], []).append(r | {"label": track.label_map[r["label"]]})
    gold = {d: [s.to_dict() for s in spans] for d, spans in split.gold.items()}
    ours = next(e for e in board["tracks"]["msra"]["extractors"] if e["name"] == name)
    assert ours["scores"]["strict"]["micro"]["f1"] == pytest.approx(_nervaluate_strict_f1(gold, pred), abs=0.005)
