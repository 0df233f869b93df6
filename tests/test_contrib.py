"""The contributor workflow end to end: draft -> Label Studio -> import -> validate -> promote -> run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from xbench.cli import main
from xbench.gold.load import load_gold, load_manifest, sha256_text

from extractors.schema import SCHEMA_VERSION

DOC = "005_contrib_e2e"
# A new seed written for this test (Simplified): an organisation, places, a date, money.
SEED_TEXT = ("2023年5月12日，杭州市科技局在西湖区召开科技创新大会。\n"
             "会上，浙江大学与杭州市政府签署合作协议，总投资3.5亿元。\n"
             "据介绍，今年以来全市新增高新技术企业120家，同比增长15%。\n")
# What the person checking the draft decides is the gold (GUIDELINES.md): text, label, value.
HAND_GOLD = [("2023年5月12日", "DATE", "2023-05-12"), ("杭州市科技局", "ORG", "杭州市科技局"),
             ("西湖区", "GPE", "西湖区"), ("浙江大学", "ORG", "浙江大学"), ("杭州市政府", "ORG", "杭州市政府"),
             ("3.5亿元", "MONEY", {"amount": 350000000, "unit": "CNY"}),
             ("120家", "QUANTITY", {"amount": 120, "unit": "家"}), ("15%", "PERCENT", {"amount": 15, "unit": "%"})]


@pytest.fixture()
def ws(workspace: Path, monkeypatch) -> Path:
    """The copied seeds/ and goldens/ as the current directory, plus the new seed outside seeds/."""
    monkeypatch.chdir(workspace)
    (workspace / "incoming").mkdir()
    (workspace / "incoming" / f"{DOC}.txt").write_text(SEED_TEXT, encoding="utf-8")
    return workspace


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _correct_in_label_studio(export: Path) -> None:
    """What the annotator does in Label Studio: the regions become the hand gold, then export."""
    tasks = json.loads(export.read_text(encoding="utf-8"))
    text = tasks[0]["data"]["text"]
    tasks[0]["annotations"][0]["result"] = [
        {"id": f"r{i}", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": text.index(t), "end": text.index(t) + len(t), "text": t, "labels": [label]}}
        for i, (t, label, _) in enumerate(HAND_GOLD)]
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")


def test_a_new_seed_goes_from_draft_to_the_leaderboard(ws: Path, capsys) -> None:
    gold = ws / "goldens" / f"{DOC}.jsonl"
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "regex"]) == 0
    assert (ws / "seeds" / f"{DOC}.txt").read_bytes() == SEED_TEXT.encode("utf-8")
    assert gold.exists() and _records(gold), "the regex extractor finds something to start from"
    entry = load_manifest(ws / "goldens").entries[DOC]
    assert (entry.status, entry.sha256, entry.guideline_version, entry.annotator) == (
        "draft", sha256_text(SEED_TEXT), SCHEMA_VERSION, "draft by regex, to be corrected by a person")
    # A draft is never scored as gold.
    assert DOC not in load_gold(ws / "goldens") and DOC in load_gold(ws / "goldens", status="draft")

    assert main(["gold", "export", "--format", "labelstudio", "-o", "ls.json", "--config", "ls.xml",
                 f"goldens/{DOC}.jsonl"]) == 0
    assert "<Labels" in (ws / "ls.xml").read_text(encoding="utf-8")
    _correct_in_label_studio(ws / "ls.json")
    assert main(["gold", "import", "--format", "labelstudio", "ls.json", "-o", "goldens"]) == 0
    assert [(r["text"], r["label"], r["value"]) for r in _records(gold)] == HAND_GOLD
    assert all(SEED_TEXT[r["start"]:r["end"]] == r["text"] for r in _records(gold))
    assert load_manifest(ws / "goldens").entries[DOC].status == "draft"  # an import never promotes

    assert main(["gold", "validate", f"goldens/{DOC}.jsonl"]) == 0
    assert main(["gold", "review", DOC, "-o", "review.html"]) == 0
    page = (ws / "review.html").read_text(encoding="utf-8")
    assert '<mark data-label="ORG" title="ORG 杭州市政府">杭州市政府</mark>' in page
    assert "<td>3.5亿元</td>" in page and "status</th><td>draft" in page
    assert not any(tag in page for tag in ("<script", "<link", "src=", "@import"))  # self-contained

    capsys.readouterr()
    assert main(["gold", "promote", DOC]) == 2  # nobody has signed for it yet
    assert "--annotator" in capsys.readouterr().err
    assert main(["gold", "promote", f"seeds/{DOC}.txt", "--annotator", "A. Contributor"]) == 0
    entry = load_manifest(ws / "goldens").entries[DOC]
    assert (entry.status, entry.annotator) == ("reviewed", "A. Contributor")
    assert DOC in load_gold(ws / "goldens")

    capsys.readouterr()
    assert main(["run", "-e", "regex", "--no-speed"]) == 0  # a partial run: a run folder of its own
    runs = list((ws / "bench/runs").iterdir())
    assert len(runs) == 1 and str(runs[0].relative_to(ws)) in capsys.readouterr().out
    assert not (ws / "bench/results").exists()
    result = json.loads((runs[0] / "latest.json").read_text(encoding="utf-8"))
    per_doc = result["extractors"][0]["scores"]["strict"]["per_doc"]
    assert DOC in per_doc and "000_a30258ca9ad81b5c" in per_doc
    assert result["corpus"]["gold_documents"] == 6


def test_promote_refuses_a_draft_that_does_not_validate(ws: Path, capsys) -> None:
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "regex"]) == 0
    gold = ws / "goldens" / f"{DOC}.jsonl"
    recs = _records(gold)
    recs[0]["text"] += "x"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    capsys.readouterr()
    assert main(["gold", "promote", DOC, "--annotator", "A. Contributor"]) == 1
    out = capsys.readouterr()
    assert f"goldens/{DOC}.jsonl:1: text != raw[start:end]" in out.out and "stays a draft" in out.err
    assert load_manifest(ws / "goldens").entries[DOC].status == "draft"


def test_draft_never_overwrites_gold_without_force(ws: Path, capsys) -> None:
    reviewed = ws / "goldens/000_a30258ca9ad81b5c.jsonl"
    before = reviewed.read_bytes()
    assert main(["gold", "draft", "seeds/000_a30258ca9ad81b5c.txt", "-e", "regex"]) == 2
    assert "already exists (reviewed gold); pass --force" in capsys.readouterr().err
    assert reviewed.read_bytes() == before
    # a corrected draft is not lost to a second run either
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "regex"]) == 0
    corrected = ws / "goldens" / f"{DOC}.jsonl"
    corrected.write_text("", encoding="utf-8")
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "regex"]) == 2
    assert "already exists (draft gold)" in capsys.readouterr().err and corrected.read_text() == ""
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "regex", "--force"]) == 0
    assert corrected.read_text(encoding="utf-8")


@pytest.mark.parametrize("argv, message", [
    (["gold", "draft", f"incoming/{DOC}.txt", "-e", "nope"], "unknown extractor 'nope'"),
    (["gold", "draft", "incoming/missing.txt", "-e", "regex"], "incoming/missing.txt: cannot read"),
    (["gold", "draft", "incoming/notes.md", "-e", "regex"], "incoming/notes.md: a seed is a UTF-8 .txt file"),
    (["gold", "promote", "nothing_here"], "no entry for nothing_here"),
    (["gold", "review", "nothing_here"], "goldens/nothing_here.jsonl: no such gold file"),
    (["gold", "export", "--format", "doccano", "-o", "x.jsonl", "goldens/none.jsonl"], "goldens/none.jsonl: no such"),
])
def test_bad_input_is_named_with_exit_2(ws: Path, capsys, argv: list[str], message: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err, err
    assert not (ws / "seeds" / f"{DOC}.txt").exists()  # nothing was copied on the way to the error


def test_a_seed_name_already_taken_by_other_text_is_refused(ws: Path, capsys) -> None:
    (ws / "seeds" / f"{DOC}.txt").write_text("别的文本", encoding="utf-8")
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "regex"]) == 2
    assert "already exists and differs" in capsys.readouterr().err


def test_importing_changed_reviewed_gold_sends_it_back_to_draft(ws: Path, capsys) -> None:
    doc = "000_a30258ca9ad81b5c"
    assert main(["gold", "export", "--format", "doccano", "-o", "d.jsonl", f"goldens/{doc}.jsonl"]) == 0
    assert main(["gold", "import", "--format", "doccano", "d.jsonl", "-o", "goldens"]) == 0
    assert load_manifest(ws / "goldens").entries[doc].status == "reviewed"  # unchanged: stays reviewed
    obj = json.loads((ws / "d.jsonl").read_text(encoding="utf-8"))
    obj["label"].pop()
    (ws / "d.jsonl").write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["gold", "import", "--format", "doccano", "d.jsonl", "-o", "goldens"]) == 0
    assert "set back to draft" in capsys.readouterr().err
    assert load_manifest(ws / "goldens").entries[doc].status == "draft"
    assert doc not in load_gold(ws / "goldens")


def test_import_refuses_text_that_is_not_the_seed(ws: Path, capsys) -> None:
    doc = "002_263125f143b17550"
    assert main(["gold", "export", "--format", "conll", "-o", "c.conll", f"goldens/{doc}.jsonl"]) == 0
    lines = (ws / "c.conll").read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.endswith("\tO") and not line.startswith("U+"))
    lines[i] = ("對" if lines[i].startswith("錯") else "錯") + "\tO"
    (ws / "c.conll").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (ws / "goldens" / f"{doc}.jsonl").read_bytes()
    assert main(["gold", "import", "--format", "conll", "c.conll", "-o", "goldens"]) == 2
    assert f"the text of {doc} differs from seeds/{doc}.txt" in capsys.readouterr().err
    assert (ws / "goldens" / f"{doc}.jsonl").read_bytes() == before


def test_a_failing_extractor_is_reported_not_raised(ws: Path, capsys, monkeypatch) -> None:
    from extractors import registry

    class Broken:
        name, kind, labels = "t-broken", "regex", ("DATE",)

        def extract(self, raw: str) -> list:
            raise RuntimeError("model file missing")

    monkeypatch.setattr(registry, "_registered", {})
    registry.register("t-broken")(Broken)
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "t-broken"]) == 2
    err = capsys.readouterr().err
    assert "extractor 't-broken' failed: RuntimeError: model file missing" in err and "Traceback" not in err
    assert not (ws / "goldens" / f"{DOC}.jsonl").exists() and not (ws / "seeds" / f"{DOC}.txt").exists()


def _contribute(ws: Path) -> None:
    """CONTRIBUTING.md's path for a new seed: draft, Label Studio round trip, validate, promote."""
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "regex"]) == 0
    assert main(["gold", "export", "--format", "labelstudio", "-o", "ls.json", f"goldens/{DOC}.jsonl"]) == 0
    _correct_in_label_studio(ws / "ls.json")
    assert main(["gold", "import", "--format", "labelstudio", "ls.json", "-o", "goldens"]) == 0
    assert main(["gold", "validate"]) == 0
    assert main(["gold", "promote", DOC, "--annotator", "A. Contributor"]) == 0


def test_the_contributor_path_keeps_the_gates_green(ws: Path, root: Path) -> None:
    """A sixth document, added as CONTRIBUTING says, then the quality gates: they say the corpus
    changed (a warning, figure gates skipped) instead of failing the new document as regressions."""
    import subprocess
    import sys

    _contribute(ws)
    gates = subprocess.run(
        [sys.executable, "-m", "pytest", str(root / "tests" / "test_gates.py"), "--xbench-root", str(ws),
         "-k", "regex or corpus", "-rs", "-p", "no:cacheprovider", "-W", "always::UserWarning"],
        cwd=root, capture_output=True, text=True, timeout=900)
    out = gates.stdout
    assert gates.returncode == 0, out[-3000:]
    assert f"added: {DOC}" in out and "the gold corpus changed since bench/baseline.json" in out
    assert " failed" not in out and " skipped" in out and " passed" in out


def test_a_draft_can_be_withdrawn(ws: Path, capsys) -> None:
    assert main(["gold", "draft", f"incoming/{DOC}.txt", "-e", "regex"]) == 0
    assert main(["gold", "withdraw", DOC]) == 0
    assert DOC not in load_manifest(ws / "goldens").entries
    assert not (ws / "goldens" / f"{DOC}.jsonl").exists() and not (ws / "seeds" / f"{DOC}.txt").exists()
    assert main(["gold", "withdraw", "000_a30258ca9ad81b5c"]) == 2  # reviewed gold is not withdrawn
    assert "not a draft" in capsys.readouterr().err
