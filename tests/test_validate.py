import json
from pathlib import Path

import pytest
from xbench.cli import main
from xbench.gold.validate import validate

SEED = "000_a30258ca9ad81b5c"


def _lines(ws: Path) -> list[dict]:
    return [json.loads(line) for line in (ws / f"goldens/{SEED}.jsonl").read_text(encoding="utf-8").splitlines()]


def _write(ws: Path, text: str) -> None:
    (ws / f"goldens/{SEED}.jsonl").write_text(text, encoding="utf-8")


def _problems(ws: Path) -> list[tuple[int, str]]:
    return [(p.line, p.reason) for p in validate([ws / "goldens"], ws / "seeds", ws / "goldens")]


def test_real_gold_is_valid(root: Path) -> None:
    assert validate([root / "goldens"], root / "seeds", root / "goldens") == []


@pytest.mark.parametrize("mutate, line, reason", [
    (lambda r: r.update(text=r["text"] + "x"), 3, "text != raw[start:end]"),
    (lambda r: r.update(label="THING"), 3, "unknown label"),
    (lambda r: r.update(end=10**6), 3, "past the end"),
    (lambda r: r.update(end=r["start"]), 3, "end is not after start"),
    (lambda r: r.pop("value"), 3, "missing field"),
    (lambda r: r.update(start="7"), 3, "must be integers"),
    (lambda r: r.update(value={"amount": -1, "unit": "CNY"}), 3, "value is not well-formed"),
])
def test_each_defect_is_named_with_its_line(workspace: Path, mutate, line: int, reason: str) -> None:
    recs = _lines(workspace)
    mutate(recs[line - 1])
    _write(workspace, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    found = _problems(workspace)
    assert any(ln == line and reason in why for ln, why in found), found


def test_overlap_and_order_and_annotation_edges(workspace: Path) -> None:
    recs = _lines(workspace)
    # record 3 is 中新網(wǎng): end inside its annotation, then an overlapping copy, then an out-of-order one
    r = dict(recs[2])
    inside = {**r, "end": r["end"] - 2, "text": None}
    raw = (workspace / f"seeds/{SEED}.txt").read_text(encoding="utf-8")
    inside["text"] = raw[inside["start"]:inside["end"]]
    recs[2] = inside
    recs.insert(3, {**r, "label": "GPE"})
    _write(workspace, "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in recs))
    found = _problems(workspace)
    assert (3, "span starts or ends inside an inline pinyin annotation") in found
    assert (4, "overlaps the previous record") in found


def test_a_broken_copy_names_every_defect(workspace: Path, capsys) -> None:
    recs = _lines(workspace)
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    lines[0] = "{not json"
    lines[1] = json.dumps({**recs[1], "text": "錯"}, ensure_ascii=False)
    lines[4] = json.dumps({**recs[4], "label": "NOPE"}, ensure_ascii=False)
    lines[6] = json.dumps({**recs[6], "end": 99_999}, ensure_ascii=False)
    lines[8] = json.dumps({**recs[7]}, ensure_ascii=False)  # a duplicate of line 8: overlap
    _write(workspace, "\n".join(lines) + "\n")
    code = main(["gold", "validate", "--seeds", str(workspace / "seeds"), "--goldens", str(workspace / "goldens")])
    out = capsys.readouterr().out
    assert code == 1
    gold = str(workspace / f"goldens/{SEED}.jsonl")
    found = out.splitlines()
    for line, reason in [(1, "not valid JSON"), (2, "text != raw"), (5, "unknown label"), (7, "past the end"),
                         (9, "overlaps the previous record")]:
        assert any(f.startswith(f"{gold}:{line}: ") and reason in f for f in found), (line, out)
    # nothing outside the broken lines is flagged (8 is the original of the duplicate on 9)
    assert {int(f[len(gold) + 1:].split(":")[0]) for f in found} == {1, 2, 5, 7, 8, 9}, out
    assert "Traceback" not in out


def test_changed_seed_is_named(workspace: Path) -> None:
    seed = workspace / f"seeds/{SEED}.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "x", encoding="utf-8")
    assert any("changed after labelling" in why for _, why in _problems(workspace))


def test_unreadable_input_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["gold", "validate", str(tmp_path / "missing.jsonl")]) == 2
    assert "missing.jsonl" in capsys.readouterr().err
