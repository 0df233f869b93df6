"""Per-process runs: a failing or malformed extractor is a finding, never a crash; results are atomic."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from xbench.cli import main
from xbench.run.benchmark import Paths, run_benchmark, write_results
from xbench.run.process import malformed, run_extractor, run_extractors
from xbench.run.timing import MIN_TIMINGS, Slice, make_batches, measure, pack_paragraphs, spread

from extractors.schema import Span

PLUGINS = '''
import re
from extractors import Span

class Years:
    name, kind, labels = "t-years", "regex", ("DATE",)
    def extract(self, raw):
        return [Span(m.start(), m.end(), "DATE", m.group(), m.group()[:4]) for m in re.finditer(r"\\d{4}年", raw)]

class Boom:
    name, kind, labels = "t-boom", "regex", ("DATE",)
    def extract(self, raw):
        raise RuntimeError("boom")

class Hang:
    name, kind, labels = "t-hang", "regex", ("DATE",)
    def extract(self, raw):
        import time
        time.sleep(600)

class Bad:
    name, kind, labels = "t-bad", "regex", ("DATE",)
    def extract(self, raw):
        return [Span(0, len(raw) + 5, "DATE", "x", None)]

class Local:  # paragraph-local and slow: its pass is its timing, and a batch read twice is an error
    name, kind, labels = "t-local", "regex", ("DATE",)
    paragraph_local = True
    seen = set()
    def extract(self, raw):
        import time
        if raw in Local.seen:
            raise RuntimeError("read twice")
        Local.seen.add(raw)
        time.sleep(0.02)
        return [Span(m.start(), m.end(), "DATE", m.group(), m.group()[:4]) for m in re.finditer(r"\\d{4}年", raw)]

class Tired:  # scores, then hangs when it is timed
    name, kind, labels = "t-tired", "regex", ("DATE",)
    calls = 0
    def extract(self, raw):
        Tired.calls += 1
        if Tired.calls > 1:
            import time
            time.sleep(600)
        return []
'''


@pytest.fixture()
def plugins(tmp_path: Path, monkeypatch) -> Path:
    d = tmp_path / "plugins"
    d.mkdir()
    (d / "t_plugins.py").write_text(textwrap.dedent(PLUGINS))
    info = d / "t_plugins-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: t-plugins\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[xbench.extractors]\nt-years = t_plugins:Years\nt-boom = t_plugins:Boom\nt-bad = t_plugins:Bad\n"
        "t-hang = t_plugins:Hang\nt-tired = t_plugins:Tired\nt-local = t_plugins:Local\n")
    monkeypatch.setenv("PYTHONPATH", str(d))  # spawned workers import the plugin from here
    monkeypatch.syspath_prepend(str(d))
    return d


def test_malformed_is_described() -> None:
    assert malformed("nope", "abc") == "extract() returned str, not a list"
    assert "out of bounds" in malformed([Span(0, 9, "DATE", "x")], "abc")
    assert malformed([Span(0, 1, "DATE", "a")], "abc") is None


def test_batches_cover_the_corpus() -> None:
    texts = ["一二三\n四五六\n" * 50, "七八九\n" * 40]
    batches = make_batches(texts, min_batches=30)
    in_order = pack_paragraphs(texts, min_batches=30)
    assert len(batches) >= 30 and "".join(in_order) == "".join(t for t in texts)
    assert sorted(batches) == sorted(in_order)  # the same batches, each once, in a spread order
    speed = measure(len, texts, rounds=2)
    assert speed.batches == len(batches) and speed.ci95[0] <= speed.median <= speed.ci95[1]
    # slices of one batch: two rounds give two timings, so slices are added up to the minimum
    assert measure(len, texts, rounds=2, plan=Slice(max_batches=1)).timings == MIN_TIMINGS


def test_a_slow_extractors_first_batches_sample_the_whole_corpus() -> None:
    for n in (30, 48, 77, 100):
        order = [int(b) for b in spread([str(i) for i in range(n)])]
        assert sorted(order) == list(range(n))
        first = order[:n // 3]  # the third of the batches a slow extractor may get to
        assert min(first) < n // 5 and max(first) > n - n // 5  # from the start and from the end


def test_failing_extractors_do_not_stop_the_run(plugins: Path, root: Path, tmp_path: Path) -> None:
    boom = run_extractor("t-boom", {"d": "2016年"}, measure_speed=False)
    assert boom.error == "RuntimeError: boom" and boom.predictions == {}
    bad = run_extractor("t-bad", {"d": "2016年"}, measure_speed=False)
    assert "out of bounds" in bad.error
    hung = run_extractor("t-hang", {"d": "2016年"}, measure_speed=False, timeout=8)
    assert hung.error == "timed out after 8 s"
    paths = Paths(root / "seeds", root / "goldens", tmp_path / "results")
    result = run_benchmark(["t-boom", "t-years", "t-bad"], paths, measure_speed=False)
    by_name = {e.name: e for e in result.seeds.extractors}
    assert by_name["t-boom"].error and by_name["t-bad"].error
    assert by_name["t-years"].per_label["DATE"].precision > 0.5
    assert result.seeds.extractors[0].name == "t-years"  # failures rank last
    written = write_results(result, paths.out)
    body = json.loads(written[0].read_text(encoding="utf-8"))
    assert {e["name"] for e in body["extractors"]} == {"t-boom", "t-years", "t-bad"}
    html = written[2].read_text(encoding="utf-8")
    assert '<mark class=\\"correct\\"' in html and "t-years" in html  # marks embedded as JSON, drawn on demand
    assert not list(paths.out.glob(".*.tmp"))  # atomic writes leave no temporary files


def test_cli_run_on_one_extractor(plugins: Path, root: Path, tmp_path: Path, capsys) -> None:
    code = main(["run", "-e", "t-years", "--no-speed", "--seeds", str(root / "seeds"), "--goldens",
                 str(root / "goldens"), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0 and "t-years" in out and "strict F1" in out
    assert (tmp_path / "out" / "latest.md").read_text(encoding="utf-8").startswith("# xbench leaderboard")


def test_cli_run_with_a_failing_extractor_is_a_finding_and_leaves_the_readme(plugins: Path, root: Path, tmp_path: Path,
                                                                              capsys, monkeypatch) -> None:
    import xbench.run.benchmark as benchmark

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(benchmark, "is_full_run", lambda *_: True)  # as if these two were every extractor
    (tmp_path / "README.md").write_text("# a readme\n", encoding="utf-8")
    code = main(["run", "-e", "t-years", "-e", "t-boom", "--no-speed", "--seeds", str(root / "seeds"), "--goldens",
                 str(root / "goldens"), "--out", str(tmp_path / "out"), "--update-readme"])
    err = capsys.readouterr().err
    assert code == 1 and "extractor t-boom failed on track seeds: RuntimeError: boom" in err, err
    assert "README.md left as it was" in err and (tmp_path / "README.md").read_text(encoding="utf-8") == "# a readme\n"
    assert "t-boom" in (tmp_path / "out" / "latest.md").read_text(encoding="utf-8")  # the run's own results say so


def test_cli_run_rejects_unknown_extractor(capsys) -> None:
    assert main(["run", "-e", "no-such"]) == 2
    assert "unknown extractor" in capsys.readouterr().err


def test_corpus_mode_counts_and_expectations(plugins: Path, root: Path, tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        for seed in (root / "seeds").glob("*.txt"):
            (corpus / f"{i}_{seed.name}").write_bytes(seed.read_bytes())
    # t-years finds bare years only: the drift checks rightly call that extractor drift (tests/test_drift.py)
    code = main(["run", "--corpus", str(corpus), "-e", "t-years", "-j", "2", "--out", str(tmp_path / "out"),
                 "--no-drift-checks"])
    assert code == 0
    body = json.loads((tmp_path / "out" / "corpus.json").read_text(encoding="utf-8"))
    run = body["runs"][0]
    assert run["documents"] == 3 * len(list((root / "seeds").glob("*.txt")))
    assert run["labels"]["DATE"] > 0 and run["expectations"]["failed"] == []


def test_timing_rounds_take_turns_and_a_hung_timing_keeps_the_scores(plugins: Path) -> None:
    seen: list[str] = []
    runs = run_extractors(["t-years", "t-tired"], {"d": "2016年\n2017年\n" * 40}, measure_speed=True, rounds=2,
                          timeout=5, progress=lambda what, done: seen.append(what))
    assert seen == ["t-years: loading and extracting (1 of 2)", "t-tired: loading and extracting (2 of 2)",
                    "timing, round 1 of 2", "timing, round 2 of 2"]
    years, tired = runs["t-years"], runs["t-tired"]
    assert years.speed["timings"] >= 2 * Slice().min_batches and years.speed["ci95"][0] <= years.speed["median"]
    assert tired.error is None and tired.predictions == {"d": []}  # its scoring pass stands
    assert tired.speed is None and tired.speed_error == "timed out after 5 s"


def test_a_slow_paragraph_local_extractors_pass_is_its_timing(plugins: Path) -> None:
    doc = "".join(f"{1900 + i}年\n" for i in range(80))
    seen: list[str] = []
    runs = run_extractors(["t-local", "t-years"], {"d": doc}, measure_speed=True, rounds=2, timeout=20,
                          progress=lambda what, done: seen.append(what))
    local, years = runs["t-local"], runs["t-years"]
    # read once, batch by batch (a second reading of a batch would have failed it), with t-years' records
    assert local.error is None and local.speed_error is None and local.predictions == years.predictions
    assert len(local.predictions["d"]) == 80 and local.predictions["d"][-1].text == "1979年"
    batches = len(make_batches([doc]))
    assert local.speed["timings"] == batches - 5 and local.speed["batches"] == batches  # all but the warm-up
    assert seen[-2:] == ["timing, round 1 of 2", "timing, round 2 of 2"]  # the rounds time t-years
    assert years.speed["timings"] >= 2 * Slice().min_batches
