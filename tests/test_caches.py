"""Cache builds (gazetteer, CRF folds) happen before the measured processes, as steps of their own."""
from __future__ import annotations

from pathlib import Path

from xbench.cli import _progress
from xbench.gold.load import load_gold, load_seeds
from xbench.run.caches import cache_steps, prepare_caches

ROOT = Path(__file__).resolve().parents[1]


def _small() -> tuple[dict[str, str], dict]:
    gold = load_gold(ROOT / "goldens")
    ids = sorted(gold)[:2]
    seeds = load_seeds(ROOT / "seeds")
    return {d: seeds[d].raw for d in ids}, {d: gold[d] for d in ids}


def test_a_cold_cache_is_built_in_steps_before_the_run(tmp_path: Path, monkeypatch) -> None:
    docs, gold = _small()
    monkeypatch.setenv("XBENCH_CACHE_DIR", str(tmp_path))
    steps = [s.what for s in cache_steps(["regex", "crf"], docs, gold)]
    once = "(once; `xbench train folds` ships them)"
    assert steps == ["building the gazetteer cache (once, about 10 s)", f"training CRF fold 1 of 2 {once}",
                     f"training CRF fold 2 of 2 {once}"]
    assert cache_steps(["regex"], docs, gold) == []  # the rules read no cache


def test_prepared_folds_are_not_built_again(tmp_path: Path) -> None:
    docs, gold = _small()
    seen: list[str] = []
    prepare_caches(["crf"], docs, gold, timeout=600, progress=lambda what, done: seen.append(what))
    folds = [w for w in seen if w.startswith("training CRF fold")]
    assert seen[:len(seen) - len(folds)] in ([], ["building the gazetteer cache (once, about 10 s)"])  # first
    assert cache_steps(["crf", "hybrid"], docs, gold) == []


def test_progress_is_plain_lines_when_not_a_terminal(capsys) -> None:
    with _progress(3) as progress:
        for what in ("building the gazetteer cache", "regex: loading", "regex: loading", "timing, round 1 of 6"):
            progress(what, 0)
    lines = capsys.readouterr().err.splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == [
        "building the gazetteer cache", "regex: loading", "timing, round 1 of 6"]
    assert all(line.startswith("xbench: [") and " s] " in line for line in lines)


def test_finding_the_cache_steps_loads_no_model_in_the_runs_process() -> None:
    """The run's process starts the extractors' processes after finding its cache steps, and a
    process starts with its parent's peak memory: keying the folds reads the name model's declared
    sha256, never the model, and a warm cache needs no source parsed to know what a pass waits for."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(f'''
        from pathlib import Path
        from xbench.run.caches import cache_needs, cache_steps
        from xbench.tracks.seeds import load
        from xbench.run.benchmark import Paths
        from extractors import names
        from extractors.registry import available_extractors
        corpus = load(Paths(Path({str(ROOT / "seeds")!r}), Path({str(ROOT / "goldens")!r})))
        cache_steps(available_extractors(), corpus.docs, corpus.gold)
        print(names.name_model.cache_info().currsize, cache_needs("crf", []) == frozenset())
    ''')
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "True"]
