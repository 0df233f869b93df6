"""`xbench score` checks what it is given: document ids against the gold, records against the
seed text; a mismatch or an invalid record is a finding (exit 1), never a silent score."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from xbench.cli import main
from xbench.scoring.inputs import match_documents

DOCS = 2  # a small copy keeps these tests fast; the checks do not depend on the corpus size


@pytest.fixture()
def ws(root: Path, tmp_path: Path) -> Path:
    """Two seeds, their gold (a plain folder of <doc_id>.jsonl) and predictions equal to the gold."""
    gold = sorted((root / "goldens").glob("*.jsonl"))[:DOCS]
    for sub in ("seeds", "gold"):
        (tmp_path / sub).mkdir()
    lines = []
    for g in gold:
        shutil.copy(root / "seeds" / f"{g.stem}.txt", tmp_path / "seeds")
        shutil.copy(g, tmp_path / "gold")
        lines += [json.dumps({"doc_id": g.stem, **json.loads(x)}, ensure_ascii=False)
                  for x in g.read_text(encoding="utf-8").splitlines() if x.strip()]
    (tmp_path / "pred.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def _records(ws: Path) -> list[dict]:
    return [json.loads(x) for x in (ws / "pred.jsonl").read_text(encoding="utf-8").splitlines()]


def _write(ws: Path, records: list[dict]) -> Path:
    path = ws / "pred.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _score(ws: Path, *extra: str) -> int:
    return main(["score", str(ws / "gold"), str(ws / "pred.jsonl"), "--seeds", str(ws / "seeds"), *extra])


def test_predictions_equal_to_the_gold_score_one(ws: Path, capsys) -> None:
    assert _score(ws, "--json") == 0
    body = json.loads(capsys.readouterr().out)
    assert body["strict"]["micro"]["f1"] == 1.0 and "scored" not in body


def test_a_missing_document_is_a_finding_listing_its_id(ws: Path, capsys) -> None:
    records = _records(ws)
    first = records[0]["doc_id"]
    _write(ws, [r for r in records if r["doc_id"] == first])
    assert _score(ws) == 1
    err = capsys.readouterr().err
    missing = sorted(p.stem for p in (ws / "gold").glob("*.jsonl") if p.stem != first)
    assert all(d in err for d in missing) and "without predictions" in err
    assert _score(ws, "--allow-missing", "--json") == 0
    body = json.loads(capsys.readouterr().out)
    assert body["scored"]["documents"] == [first] and body["scored"]["missing"] == missing
    assert body["strict"]["micro"]["f1"] == 1.0
    assert _score(ws, "--allow-missing") == 0
    assert f"Scored 1 of {DOCS} gold document(s)" in capsys.readouterr().out


def test_an_unknown_document_is_a_finding(ws: Path, capsys) -> None:
    records = _records(ws)
    _write(ws, records + [{**records[0], "doc_id": "999_nosuch"}])
    assert _score(ws) == 1
    assert "not in the gold: 999_nosuch" in capsys.readouterr().err


def test_nested_corpus_ids_match_gold_stems(ws: Path, capsys) -> None:
    _write(ws, [{**r, "doc_id": "sub/dir/" + r["doc_id"]} for r in _records(ws)])
    assert _score(ws, "--json") == 0
    assert json.loads(capsys.readouterr().out)["strict"]["micro"]["f1"] == 1.0


def test_ambiguous_nested_ids_are_not_guessed() -> None:
    m = match_documents({"x", "y"}, {"a/x", "b/x", "c/y", "y"})
    assert m.renamed == {} and m.missing == ["x"] and m.unknown == ["a/x", "b/x", "c/y"]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda r: {**r, "text": "WRONG"}, "text != raw[start:end]"),
    (lambda r: {**r, "start": -3}, ("start is negative", "start and end must lie in 0..")),
    (lambda r: {**r, "end": r["start"] - 1}, "end is not after start"),
    (lambda r: {**r, "end": 10**7}, "end is past the end of the seed"),
    (lambda r: {**r, "label": "FOOD"}, "unknown label 'FOOD'"),
    (lambda r: {**r, "start": "3"}, "start and end must be integers"),
])
def test_invalid_records_are_findings_with_file_and_line(ws: Path, capsys, change, reason) -> None:
    reasons = reason if isinstance(reason, tuple) else (reason,)  # the field check or the suite may say it
    records = _records(ws)
    records[4] = change(records[4])
    path = _write(ws, records)
    assert _score(ws) == 1
    captured = capsys.readouterr()
    assert any(f"{path}:5: {r}" in captured.err for r in reasons) and captured.out == ""
    assert _score(ws, "--lenient", "--json") == 0  # the valid records are scored, the bad one listed
    captured = capsys.readouterr()
    body = json.loads(captured.out)
    invalid = body["scored"]["invalid_records"]
    assert any(p.startswith(f"{path}:5: {r}") for p in invalid for r in reasons)
    assert all(p.startswith(f"{path}:5: ") for p in invalid)  # reported once, not again as overlaps
    micro = body["strict"]["micro"]
    assert micro["precision"] == 1.0 and micro["recall"] == pytest.approx((len(records) - 1) / len(records))


def test_duplicates_are_findings(ws: Path, capsys) -> None:
    records = _records(ws)
    path = _write(ws, records[:3] + [records[2]] + records[3:])
    assert _score(ws) == 1
    assert f"{path}:4: duplicate record" in capsys.readouterr().err


def test_gold_goes_through_the_same_checks(ws: Path, capsys) -> None:
    gold = sorted((ws / "gold").glob("*.jsonl"))[0]
    lines = gold.read_text(encoding="utf-8").splitlines()
    lines[1] = json.dumps({**json.loads(lines[1]), "text": "WRONG"}, ensure_ascii=False)
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _score(ws) == 1
    assert f"{gold}:2: text != raw[start:end]" in capsys.readouterr().err


def test_closing_the_pipe_ends_quietly(ws: Path) -> None:
    cmd = (f"{sys.executable} -m xbench.cli score {ws / 'gold'} {ws / 'pred.jsonl'} --seeds {ws / 'seeds'} "
           "| head -1")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("Scores") and "Traceback" not in done.stderr and "Error" not in done.stderr
    assert done.returncode == 0


def test_an_empty_corpus_is_bad_input(tmp_path: Path, capsys) -> None:
    (tmp_path / "corpus").mkdir()
    assert main(["run", "-e", "regex", "--corpus", str(tmp_path / "corpus")]) == 2
    assert "no .txt" in capsys.readouterr().err
