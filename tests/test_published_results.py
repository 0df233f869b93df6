"""Only a full run replaces the published results; a partial run gets a run folder of its own;
result files are written as one unit; untimed speed reads `–`; a narrow terminal gets a narrow table."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from xbench.cli import main
from xbench.folder_swap import write_folder
from xbench.io import InputError
from xbench.report.leaderboard import HEADERS, NARROW, render
from xbench.result import BenchmarkResult
from xbench.run.benchmark import is_full_run

from extractors.registry import available_extractors

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def small(tmp_path: Path, monkeypatch) -> Path:
    """Two seeds with their reviewed gold, and published results that must not change."""
    for sub in ("seeds", "goldens"):
        (tmp_path / sub).mkdir()
    gold = sorted((ROOT / "goldens").glob("*.jsonl"))[:2]
    for g in gold:
        shutil.copy(ROOT / "seeds" / f"{g.stem}.txt", tmp_path / "seeds")
        shutil.copy(g, tmp_path / "goldens")
    shutil.copy(ROOT / "goldens" / "manifest.json", tmp_path / "goldens")
    (tmp_path / "bench/results").mkdir(parents=True)
    for name in ("latest.json", "latest.md", "report.html"):
        (tmp_path / "bench/results" / name).write_text("published\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _published_untouched(ws: Path) -> bool:
    return all((ws / "bench/results" / n).read_text(encoding="utf-8") == "published\n"
               for n in ("latest.json", "latest.md", "report.html"))


def test_a_partial_run_writes_a_run_folder_and_leaves_the_published_results(small: Path, capsys) -> None:
    assert main(["run", "-e", "regex", "--no-speed"]) == 0
    out = capsys.readouterr().out
    [folder] = list((small / "bench/runs").iterdir())
    assert folder.name.endswith("-regex") and str(folder.relative_to(small)) in out and _published_untouched(small)
    assert sorted(p.name for p in folder.iterdir()) == ["latest.json", "latest.md", "report.html"]
    row = next(line for line in (folder / "latest.md").read_text(encoding="utf-8").splitlines() if "regex" in line)
    cells = [c.strip() for c in row.split("|")]
    assert cells[HEADERS.index("chars/s") + 1] == "–" and "0" != cells[HEADERS.index("chars/s") + 1]


def test_update_readme_refuses_a_partial_run(small: Path, capsys) -> None:
    assert main(["run", "-e", "regex", "--no-speed", "--update-readme"]) == 2
    assert "full run" in capsys.readouterr().err
    assert not (small / "bench/runs").exists() and _published_untouched(small)


def test_a_partial_run_may_not_name_the_published_folder(small: Path, capsys) -> None:
    assert main(["run", "-e", "regex", "--no-speed", "--out", "bench/results"]) == 2
    assert "only a full run" in capsys.readouterr().err and _published_untouched(small)


def test_only_every_extractor_with_speed_is_a_full_run() -> None:
    names = available_extractors()
    assert is_full_run(names, True)
    assert not is_full_run(names, False) and not is_full_run(names[:1], True)


def test_result_files_are_replaced_as_one_unit(tmp_path: Path) -> None:
    out = tmp_path / "run"
    write_folder(out, {"a.json": "1", "b.md": "1"})
    write_folder(out, {"a.json": "2", "b.md": "2"})
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.json": "2", "b.md": "2"}
    with pytest.raises(InputError, match="UTF-8"):  # a failure while writing: the earlier set stays whole
        write_folder(out, {"a.json": "3", "b.md": "\ud800"})
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.json": "2", "b.md": "2"}
    assert [p.name for p in tmp_path.iterdir()] == ["run"]  # no temporary folder left


def test_narrow_terminals_get_the_narrow_table() -> None:
    result = BenchmarkResult.from_json(json.loads((ROOT / "bench/results/latest.json").read_text(encoding="utf-8")))
    extractors = result.seeds.extractors
    narrow = render(extractors, width=100)
    assert narrow.splitlines()[0].split() == ["#", "extractor", "strict", "F1", "95%", "CI", "value", "acc",
                                              "chars/s"]
    assert max(map(len, narrow.splitlines())) <= 100 and len(NARROW) == 6
    assert max(map(len, render(extractors).splitlines())) > 100  # the full table stays for Markdown and HTML
