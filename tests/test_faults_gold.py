"""Gold under faults (issue 16): imports are all or nothing, stay inside their folder, refuse
malformed structure; locate reads raw text; currencies are ISO 4217."""
from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from xbench.cli import main
from xbench.gold.authoring import read_entries
from xbench.gold.load import load_manifest

DOC = "000_a30258ca9ad81b5c"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _export(ws: Path, fmt: str) -> Path:
    out = ws / f"export.{fmt}"
    assert main(["gold", "export", "--format", fmt, "-o", str(out), "--seeds", str(ws / "seeds"),
                 str(ws / "goldens")]) == 0
    return out


def _import(ws: Path, fmt: str, path: Path) -> int:
    return main(["gold", "import", "--format", fmt, str(path), "-o", str(ws / "goldens"), "--seeds", str(ws / "seeds")])


def _ls_tasks(ws: Path) -> list[dict]:
    return json.loads(_export(ws, "labelstudio").read_text(encoding="utf-8"))


def _write_ls(ws: Path, tasks: list[dict]) -> Path:
    p = ws / "ls.json"
    p.write_text(json.dumps(tasks), encoding="utf-8")  # ASCII escapes: a lone surrogate survives as \ud800
    return p


def test_a_failing_document_leaves_every_document_as_it_was(workspace: Path, capsys) -> None:
    tasks = _ls_tasks(workspace)
    tasks[0]["annotations"][0]["result"].pop()  # a real change to reviewed gold ...
    bad = json.loads(json.dumps(tasks[1]))
    bad["data"]["doc_id"] = "zzz_new"
    bad["data"]["text"] = "a\ud800b"  # ... then a later document that cannot be stored
    bad["annotations"][0]["result"] = []
    before = _snapshot(workspace / "goldens")
    assert _import(workspace, "labelstudio", _write_ls(workspace, [tasks[0], bad])) == 2
    assert "zzz_new" in capsys.readouterr().err
    assert _snapshot(workspace / "goldens") == before


def test_changed_reviewed_gold_and_manifest_are_written_together(workspace: Path, monkeypatch, capsys) -> None:
    tasks = _ls_tasks(workspace)
    tasks[0]["annotations"][0]["result"].pop()
    doc = tasks[0]["data"]["doc_id"]
    replace = os.replace

    def gold_unwritable(src, dst, *args, **kwargs):  # the writes stop half way: no gold file can be replaced
        if str(dst).endswith(".jsonl"):
            raise OSError(errno.EIO, "Input/output error")
        return replace(src, dst, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(os, "replace", gold_unwritable)
        assert _import(workspace, "labelstudio", _write_ls(workspace, tasks[:1])) == 2
    assert f"{doc}.jsonl: cannot write" in capsys.readouterr().err
    # the manifest went first: gold stopped half way is no longer counted as reviewed
    assert load_manifest(workspace / "goldens").entries[doc].status == "draft"
    assert not list((workspace / "goldens").glob(".*.tmp"))

    assert _import(workspace, "labelstudio", _write_ls(workspace, tasks[:1])) == 0
    assert load_manifest(workspace / "goldens").entries[tasks[0]["data"]["doc_id"]].status == "draft"
    assert not list((workspace / "goldens").glob(".*.tmp"))


@pytest.mark.parametrize("result", ["oops", 3, {"a": 1}, ["not an object"]])
def test_a_result_that_is_not_a_list_of_objects_is_bad_input(workspace: Path, capsys, result) -> None:
    tasks = _ls_tasks(workspace)
    tasks[0]["annotations"][0]["result"] = result
    before = _snapshot(workspace / "goldens")
    assert _import(workspace, "labelstudio", _write_ls(workspace, tasks)) == 2
    err = capsys.readouterr().err
    assert "task 1" in err and "'result'" in err and "Traceback" not in err
    assert _snapshot(workspace / "goldens") == before


def test_a_result_of_unknown_type_is_bad_input_and_known_non_spans_are_skipped(workspace: Path, capsys) -> None:
    tasks = _ls_tasks(workspace)
    tasks[0]["annotations"][0]["result"][0]["type"] = "lables"
    assert _import(workspace, "labelstudio", _write_ls(workspace, tasks)) == 2
    assert "'lables'" in capsys.readouterr().err
    tasks[0]["annotations"][0]["result"][0]["type"] = "labels"
    tasks[0]["annotations"][0]["result"].append({"type": "relation", "from_id": "a", "to_id": "b"})
    before = _snapshot(workspace / "goldens")
    assert _import(workspace, "labelstudio", _write_ls(workspace, tasks)) == 0
    assert _snapshot(workspace / "goldens") == before  # same spans: nothing changed, nothing demoted


ABSOLUTE = "<absolute>"  # stands for a path made per test


def _with_doc_id(ws: Path, fmt: str, doc_id: str) -> Path:
    path = _export(ws, fmt)
    text = path.read_text(encoding="utf-8")
    if fmt == "conll":
        text = text.replace(f"# doc_id = {DOC}", f"# doc_id = {doc_id}")
    else:
        text = text.replace(json.dumps(DOC), json.dumps(doc_id))
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano", "conll"])
@pytest.mark.parametrize("doc_id", ["../../escaped", ABSOLUTE, "a\x00b", "x\ud800", "..", "sub/doc"])
def test_a_doc_id_must_be_a_plain_stem(workspace: Path, capsys, fmt: str, doc_id: str) -> None:
    # an absolute path outside the workspace, of this test alone (a stray file of another run cannot fail it)
    escaped = workspace.parent / f"{workspace.name}-escaped"
    doc_id = str(escaped) if doc_id == ABSOLUTE else doc_id
    if fmt == "conll" and (" " in doc_id or "\x00" in doc_id or "\ud800" in doc_id):
        pytest.skip("not expressible in a CoNLL comment line")
    path = _with_doc_id(workspace, fmt, doc_id)
    before = _snapshot(workspace)
    assert _import(workspace, fmt, path) == 2
    err = capsys.readouterr().err
    assert "plain file stem" in err and "Traceback" not in err
    assert _snapshot(workspace) == before
    assert not escaped.with_suffix(".jsonl").exists() and not escaped.exists()


def test_a_file_that_is_not_utf8_is_bad_input(workspace: Path, capsys) -> None:
    path = workspace / "bad.jsonl"
    path.write_bytes(b'{"doc_id": "x", "text": "\xf4\x90\x80\x80", "label": []}\n')  # U+110000 as bytes
    assert _import(workspace, "doccano", path) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_locate_keeps_raw_offsets_on_a_crlf_seed(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    raw = "第一行\r\n北京市财政局发布通知。\r\n"
    (tmp_path / "seeds" / "009_crlf.txt").write_bytes(raw.encode("utf-8"))
    labels = tmp_path / "009_crlf.labels.jsonl"
    labels.write_text(json.dumps({"t": "北京市财政局", "l": "ORG"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    assert main(["gold", "locate", str(labels), "--seeds", str(tmp_path / "seeds"), "-o", str(out)]) == 0
    [rec] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert raw[rec["start"]:rec["end"]] == rec["text"] == "北京市财政局"


def test_read_entries_splits_on_newlines_only(tmp_path: Path) -> None:
    labels = tmp_path / "x.labels.jsonl"
    labels.write_text('{"t": "a\u2028b\u0085c", "l": "ORG"}\r\n{"t": "d", "l": "ORG"}\n', encoding="utf-8")
    assert [(n, e["t"]) for n, e in read_entries(labels)] == [(1, "a\u2028b\u0085c"), (2, "d")]


@pytest.mark.parametrize("case", ["no seed", "no labels", "not found", "not an object"])
def test_locate_bad_input_is_exit_2_with_the_file(workspace: Path, capsys, case: str) -> None:
    labels = workspace / f"{DOC}.labels.jsonl"
    labels.write_text({"not found": '{"t": "不存在的机构名称", "l": "ORG"}\n', "not an object": "[1, 2]\n"}
                      .get(case, '{"t": "x", "l": "ORG"}\n'), encoding="utf-8")
    if case == "no seed":
        (workspace / "seeds" / f"{DOC}.txt").unlink()
    if case == "no labels":
        labels.unlink()
    assert main(["gold", "locate", str(labels), "--seeds", str(workspace / "seeds")]) == 2
    err = capsys.readouterr().err
    assert DOC in err and "Traceback" not in err


def test_validate_checks_currencies_against_iso_4217(workspace: Path, capsys) -> None:
    gold = workspace / "goldens" / "004_f11c072e94adb095.jsonl"
    text = gold.read_text(encoding="utf-8")
    assert '"unit": "CNY"' in text
    gold.write_text(text.replace('"unit": "CNY"', '"unit": "RMB"', 1), encoding="utf-8")
    assert main(["gold", "validate", "--seeds", str(workspace / "seeds"), "--goldens", str(workspace / "goldens")]) == 1
    assert "'RMB' is not an ISO 4217 currency code" in capsys.readouterr().out


def test_validate_on_an_empty_folder_is_no_pass(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["gold", "validate", str(tmp_path / "empty")]) == 2
    assert "no gold files" in capsys.readouterr().err
