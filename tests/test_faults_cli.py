"""The command line under faults (issue 16): contract exit codes with a message, never a traceback;
extractors that print, exit or break are contained; -o never destroys what it should not."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faults_plugins import alive, children, install, left_after_killing
from xbench.cli import main
from xbench.io import atomic_write
from xbench.records import record_problem
from xbench.run.process import run_extractors

SEED = "seeds/000_a30258ca9ad81b5c.txt"


@pytest.fixture()
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root: Path) -> Path:
    monkeypatch.chdir(root)
    return install(tmp_path / "plugins", monkeypatch)


def _docs(tmp_path: Path, **texts: str) -> list[str]:
    out = []
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        out.append(str(tmp_path / f"{name}.txt"))
    return out


def test_an_extractors_print_never_lands_in_the_records(plugins: Path, tmp_path: Path, capsys) -> None:
    assert main(["extract", "-e", "f-printer", *_docs(tmp_path, a="2016年和2017年")]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["2016年", "2017年"]
    assert "debugging output" in err


def test_farmed_windows_keep_prints_off_the_records_and_a_failing_window_fails_its_file(
        plugins: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """`extract -j 2`: the windows are searched in spawned processes; what they print goes to stderr,
    and a window that raises fails its document alone (reported, none of its records written)."""
    from extractors.windows import WINDOW_CHARS

    long = "2016年。" * (WINDOW_CHARS // 3)  # two windows
    files = _docs(tmp_path, a=long, b=long + "BOOM", c="2018年")
    assert main(["extract", "-e", "f-windowed", "-j", "2", *files]) == 1
    out, err = capfd.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["doc_id"] for r in records} == {"a", "c"} and len(records) == long.count("年") + 1
    assert "debugging output" in err and files[1] in err and "RuntimeError: boom" in err and "Traceback" not in err


def _start_hung_farm(plugins: Path, tmp_path: Path) -> tuple[subprocess.Popen, list[int], Path]:
    """`extract -j 2` in a real driver process, its farm inside a window that hangs."""
    from extractors.windows import WINDOW_CHARS

    (doc,) = _docs(tmp_path, a="2016年。" * (WINDOW_CHARS // 3) + "HANG")
    mark, out = tmp_path / "hanging", tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(plugins), "F_HANG_MARK": str(mark)}
    # started as from a terminal: Ctrl-C at its default (see test_faults_corpus)
    proc = subprocess.Popen([sys.executable, "-m", "xbench.cli", "extract", "-e", "f-windowed", "-j", "2", doc,
                             "-o", str(out)], env=env, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not mark.exists():
        time.sleep(0.2)
    kids = [k for k in children(proc.pid) if alive(k)]
    if not mark.exists() or not kids:
        proc.kill()
        pytest.fail("the farm did not reach its hung window")
    return proc, kids, out


def test_ctrl_c_ends_a_farm_at_once_and_writes_nothing(plugins: Path, tmp_path: Path) -> None:
    proc, kids, out = _start_hung_farm(plugins, tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # the terminal sends it to the whole process group
    _, err = proc.communicate(timeout=60)  # not the ten minutes the hung window would take
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    time.sleep(1)
    assert not [k for k in kids if alive(k)] and not out.exists()


def test_a_farms_processes_die_with_a_killed_driver(plugins: Path, tmp_path: Path) -> None:
    proc, kids, _ = _start_hung_farm(plugins, tmp_path)
    assert not left_after_killing(proc, kids)


def test_jobs_for_an_extractor_that_reads_whole_texts_are_said_to_be_ignored(plugins: Path, tmp_path: Path,
                                                                            capsys) -> None:
    assert main(["extract", "-e", "f-years", "-j", "2", *_docs(tmp_path, a="2016年")]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["2016年"] and "--jobs is ignored" in err


@pytest.mark.parametrize("text, reason", [("EXIT", "called sys.exit(3)"), ("BOOM", "RuntimeError: boom")])
def test_a_failing_document_is_reported_and_the_others_are_written(plugins: Path, tmp_path: Path, capsys,
                                                                   text: str, reason: str) -> None:
    files = _docs(tmp_path, a="2016年", b=text, c="2018年")
    assert main(["extract", "-e", "f-years", *files]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["a", "c"]
    assert files[1] in err and reason in err and "Traceback" not in err


def test_an_extractor_returning_none_is_a_finding(plugins: Path, tmp_path: Path, capsys) -> None:
    assert main(["extract", "-e", "f-none", *_docs(tmp_path, a="2016年")]) == 1
    assert "returned NoneType, not a list" in capsys.readouterr().err


def test_an_extractor_that_cannot_be_built_is_bad_usage(plugins: Path, tmp_path: Path, capsys) -> None:
    assert main(["extract", "-e", "f-broken", *_docs(tmp_path, a="2016年")]) == 2
    assert "cannot be loaded: OSError: model file missing" in capsys.readouterr().err


def test_output_to_a_folder_a_device_or_under_a_file_is_refused(tmp_path: Path, capsys, root: Path) -> None:
    (tmp_path / "afile").write_text("x")
    for target, reason in ((tmp_path, "is a folder"), (Path("/dev/null"), "special file"),
                           (tmp_path / "afile" / "out.jsonl", "cannot write")):
        assert main(["extract", "-e", "regex", "-o", str(target), str(root / SEED)]) == 2
        err = capsys.readouterr().err
        assert str(target) in err and reason in err and "Traceback" not in err
    assert Path("/dev/null").is_char_device()


def test_output_writes_through_a_symlink(tmp_path: Path, root: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert main(["extract", "-e", "regex", "-o", str(link), str(root / SEED)]) == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8").splitlines()[0])["doc_id"]


def test_a_full_disk_is_a_message_and_the_old_file_stays(tmp_path: Path, monkeypatch, capsys, root: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr("xbench.io.os.fsync", full)
    assert main(["extract", "-e", "regex", "-o", str(out), str(root / SEED)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_temporary_names_are_unique(tmp_path: Path) -> None:
    (tmp_path / ".out.json.tmp").mkdir()  # the fixed name an older writer used: in the way, or another writer's
    atomic_write(tmp_path / "out.json", "{}\n")
    assert (tmp_path / "out.json").read_text() == "{}\n"


@pytest.mark.parametrize("argv", [["--rounds", "0"], ["--rounds", "-3"], ["-j", "0"], ["--partition-mb", "nan"],
                                  ["--partition-mb", "inf"], ["--partition-mb", "-1"], ["--timeout", "0"],
                                  ["--report-extractor", "nosuch", "-e", "regex"]])
def test_run_arguments_that_mean_nothing_are_bad_usage(argv: list[str], capsys) -> None:
    assert main(["run", *argv]) == 2
    err = capsys.readouterr().err
    # refused for its value, naming the argument (not as an unknown option, nor after a run)
    assert "Traceback" not in err and argv[0] in err and ("must be" in err or "not among" in err), err


def test_a_dask_scheduler_that_is_no_address_is_bad_usage(tmp_path: Path, capsys) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("2016年", encoding="utf-8")
    assert main(["run", "--corpus", str(tmp_path / "c"), "-e", "regex", "--engine", "dask",
                 "--scheduler", "notaurl"]) == 2
    assert "notaurl" in capsys.readouterr().err


def test_score_refuses_huge_offsets_and_folders_without_records(tmp_path: Path, capsys, root: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text(json.dumps({"doc_id": "d", "start": 10**30, "end": 10**30 + 1, "label": "ORG", "text": "x"}) + "\n")
    assert main(["score", str(root / "goldens"), str(big)]) in (1, 2)
    assert "Traceback" not in capsys.readouterr().err
    assert record_problem(json.loads(big.read_text())) == f"start and end must lie within ±{2**62}"
    (tmp_path / "empty").mkdir()
    assert main(["score", str(root / "goldens"), str(tmp_path / "empty")]) == 2
    assert "no records" in capsys.readouterr().err


def test_compare_and_baseline_need_scores(tmp_path: Path, capsys) -> None:
    result = tmp_path / "r.json"
    result.write_text(json.dumps({"extractors": [{"name": "regex", "kind": "regex"}]}))
    assert main(["compare", str(result), str(result)]) == 2
    assert "neither scores nor an error" in capsys.readouterr().err
    assert main(["baseline", "update", "--result", str(result), "--baseline", str(tmp_path / "b.json")]) == 2
    assert not (tmp_path / "b.json").exists()


def test_sys_exit_in_an_extractor_is_contained_in_a_run(plugins: Path) -> None:
    runs = run_extractors(["f-exit", "f-years"], {"d": "2016年"}, measure_speed=False)
    assert runs["f-exit"].error == "called sys.exit(3)"
    assert runs["f-years"].error is None and [s.text for s in runs["f-years"].predictions["d"]] == ["2016年"]
