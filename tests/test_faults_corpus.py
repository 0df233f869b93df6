"""Corpus runs under faults (issue 16): a bad name or document fails alone, one run per records
folder, links stay inside the corpus, time-outs, sys.exit contained, workers die with the driver,
Ctrl-C without tracebacks."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from faults_plugins import alive, children, install, left_after_killing
from xbench.cli import main
from xbench.corpus.listing import list_corpus
from xbench.corpus.run import records_dir, records_lock, run_corpus
from xbench.io import InputError


@pytest.fixture()
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return install(tmp_path / "plugins", monkeypatch)


class InlineEngine:
    """The engine protocol in this process: the cases that need no separate worker stay fast."""

    kind, workers, address = "inline", 1, "this process"

    def __enter__(self) -> InlineEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def start(self, warm: Any, tasks: int) -> None:
        warm()

    def map(self, fn: Any, tasks: list[Any], timeout: float | None = None) -> list[Any]:
        out = []
        for t in tasks:
            try:
                out.append(fn(t))
            except Exception as exc:  # noqa: BLE001 - as the real engines report it
                out.append(exc)
        return out

    def close(self) -> None:
        pass


@pytest.fixture()
def inline(plugins: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("xbench.corpus.engines.make_engine", lambda *a: InlineEngine())
    return plugins


def _corpus(tmp_path: Path, **texts: str) -> Path:
    c = tmp_path / "corpus"
    c.mkdir(exist_ok=True)
    for name, text in texts.items():
        (c / f"{name}.txt").write_text(text, encoding="utf-8")
    return c


def _run(tmp_path: Path, corpus: Path, *extra: str) -> tuple[int, dict]:
    code = main(["run", "--corpus", str(corpus), "-e", "f-years", "--out", str(tmp_path / "out"), *extra])
    return code, json.loads((tmp_path / "out" / "corpus.json").read_text(encoding="utf-8"))["runs"][0]


def test_a_name_that_is_not_utf8_fails_alone(inline: Path, tmp_path: Path, capsys) -> None:
    c = _corpus(tmp_path, a="2016年", b="2017年")
    with open(os.path.join(os.fsencode(c), b"bad\xff.txt"), "wb") as f:
        f.write("2018年".encode())
    code, run = _run(tmp_path, c)
    assert code == 0 and run["documents"] == 2
    [err] = run["errors"]
    assert err["doc_id"].endswith("bad\\xff.txt") and "not valid UTF-8" in err["error"]
    assert "bad\\xff.txt" in capsys.readouterr().err


def test_every_document_failing_is_a_finding(inline: Path, tmp_path: Path, capsys) -> None:
    code, run = _run(tmp_path, _corpus(tmp_path, a="BOOM", b="BOOM"))
    assert code == 1 and run["documents"] == 0 and len(run["errors"]) == 2
    assert "every document failed" in capsys.readouterr().err


def test_an_empty_corpus_is_bad_input(tmp_path: Path, capsys) -> None:
    (tmp_path / "corpus").mkdir()
    assert main(["run", "--corpus", str(tmp_path / "corpus"), "-e", "regex", "--out", str(tmp_path / "o")]) == 2
    assert "no .txt files" in capsys.readouterr().err


def test_sys_exit_in_a_document_is_contained(inline: Path, tmp_path: Path) -> None:
    code, run = _run(tmp_path, _corpus(tmp_path, a="2016年", b="EXIT", c="2018年"))
    assert code == 0 and run["documents"] == 2
    assert run["errors"] == [{"doc_id": "b", "error": "called sys.exit(3)"}]


def test_a_second_run_on_the_same_records_refuses(inline: Path, tmp_path: Path, capsys) -> None:
    c = _corpus(tmp_path, a="2016年")
    out_dir = records_dir(c.resolve(), "f-years")
    out_dir.mkdir(parents=True)
    with records_lock(out_dir):
        with pytest.raises(InputError, match="another xbench run is writing"):
            run_corpus("f-years", c, engine=InlineEngine())
        assert main(["run", "--corpus", str(c), "-e", "f-years", "--out", str(tmp_path / "out")]) == 2
    assert "another xbench run" in capsys.readouterr().err
    assert run_corpus("f-years", c, engine=InlineEngine())["documents"] == 1  # the lock ends with its holder


def test_links_out_of_the_corpus_are_not_followed_and_loops_are_reported(tmp_path: Path) -> None:
    c = _corpus(tmp_path, a="2016年")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (c / "secret.txt").symlink_to(outside / "secret.txt")
    (c / "elsewhere").symlink_to(outside)
    (c / "sub").mkdir()
    (c / "sub" / "loop").symlink_to(c)
    (c / "inner.txt").symlink_to(c / "a.txt")  # a link that stays inside is read
    listing = list_corpus(c)
    assert [p.name for p in listing.files] == ["a.txt", "inner.txt"]
    reasons = {Path(p["doc_id"]).name: p["error"] for p in listing.problems}
    assert "out of the corpus folder" in reasons["secret.txt"] and "out of the corpus folder" in reasons["elsewhere"]
    assert "loop" in reasons["loop"]
    followed = list_corpus(c, follow_links=True)
    assert sorted(p.name for p in followed.files) == ["a.txt", "inner.txt", "secret.txt", "secret.txt"]


def test_a_hung_partition_times_out_and_the_others_finish(plugins: Path, tmp_path: Path, capsys) -> None:
    # the hung one last: a partition rerun after the kill would pay a fresh worker's imports in its time
    c = _corpus(tmp_path, a="2016年", b="2018年", z="HANG")
    code, run = _run(tmp_path, c, "--partition-mb", "0.000001", "--timeout", "8")
    assert code == 1 and run["documents"] == 2
    [failed] = run["partitions"]["failed"]
    assert failed["doc_ids"] == ["z"] and "timed out after 8 s" in failed["error"]


def _start_hung_run(plugins: Path, tmp_path: Path, *extra: str, **texts: str) -> tuple[subprocess.Popen, list[int]]:
    c = _corpus(tmp_path, **(texts or {"a": "HANG"}))
    mark = tmp_path / "hanging"
    env = {**os.environ, "PYTHONPATH": str(plugins), "F_HANG_MARK": str(mark)}
    # started as from a terminal: Ctrl-C at its default, even where this test runs with it ignored
    # (a background job's children inherit SIGINT ignored, and Python then installs no handler)
    proc = subprocess.Popen([sys.executable, "-m", "xbench.cli", "run", "--corpus", str(c), "-e", "f-years",
                             "--out", str(tmp_path / "out"), *extra], env=env, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not mark.exists():  # the worker is inside the hung document
        time.sleep(0.2)
    kids = [k for k in children(proc.pid) if alive(k)]
    if not mark.exists() or not kids:
        proc.kill()
        pytest.fail("the corpus run did not reach its hung document")
    return proc, kids


# End to end (a real driver process, about 10 s each): the two process-lifetime cases.
def test_workers_die_with_a_killed_driver(plugins: Path, tmp_path: Path) -> None:
    proc, kids = _start_hung_run(plugins, tmp_path)
    assert not left_after_killing(proc, kids)


def test_ctrl_c_ends_the_run_without_worker_tracebacks(plugins: Path, tmp_path: Path) -> None:
    """Exit 130 (the contract's "interrupted"), one line, no traceback, no worker left, nothing
    published: the earlier corpus.json stays as it was, and the partitions finished before the
    hung one (a, b; z hangs) are whole, none half-written."""
    published = tmp_path / "out" / "corpus.json"
    published.parent.mkdir()
    published.write_text('{"runs": "an earlier run"}', encoding="utf-8")
    proc, kids = _start_hung_run(plugins, tmp_path, "--partition-mb", "0.000001", "-j", "1",
                                 a="2016年", b="2017年", z="HANG")
    os.killpg(proc.pid, signal.SIGINT)  # the terminal sends it to the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err and "nothing published" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 3, err
    time.sleep(1)
    assert not [k for k in kids if alive(k)]
    assert published.read_text(encoding="utf-8") == '{"runs": "an earlier run"}'
    assert sorted(p.name for p in published.parent.iterdir()) == ["corpus.json"]
    records = records_dir((tmp_path / "corpus").resolve(), "f-years")
    left = sorted(p.name for p in records.iterdir() if p.name != ".lock")
    assert left == ["part-00000.jsonl", "part-00000.summary.json", "part-00001.jsonl", "part-00001.summary.json"]
    assert [json.loads(line)["doc_id"] for line in (records / "part-00001.jsonl").read_text().splitlines()] == ["b"]
