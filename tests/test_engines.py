"""`xbench run --corpus` on the local pool and on Dask: the same partitions, records and counts;
a bad document or a dead worker loses nothing else; a rerun computes only what is missing.

One two-worker LocalCluster on loopback serves the whole module: worker start-up (importing
Great Expectations) is the slow part, and warm workers keep the later tests quick.
"""
from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from xbench.cli import main
from xbench.corpus.engines import DaskEngine, LocalEngine
from xbench.corpus.run import PartitionResult, completed, plan, process_partition, run_corpus

from extractors.registry import get_extractor

PARTITION_MB = 0.07  # ~73 KB: the small corpus below gives three partitions
TIMING = ("worker", "finished", "busy_s", "cpu_s", "extract_s")

PLUGIN = '''
import os

class Exit:
    """No records; kills its process on a poisoned document, as a segfaulting model would."""
    name, kind, labels = "t-exit", "regex", ("DATE",)
    def extract(self, raw):
        if "POISON" in raw:
            os._exit(3)
        return []

class Dates:
    """regex's dates alone: a second extractor for the pairwise agreement."""
    name, kind, labels = "t-dates", "regex", ("DATE",)
    def __init__(self):
        from extractors.registry import get_extractor
        self.inner = get_extractor("regex")
    def extract(self, raw):
        return [s for s in self.inner.extract(raw) if s.label == "DATE"]
'''


@pytest.fixture(scope="module")
def plugins(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    d = tmp_path_factory.mktemp("plugins")
    (d / "t_engine_plugins.py").write_text(textwrap.dedent(PLUGIN))
    info = d / "t_engine_plugins-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: t-engine-plugins\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[xbench.extractors]\nt-exit = t_engine_plugins:Exit\n"
                                             "t-dates = t_engine_plugins:Dates\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", str(d))  # spawned workers, local or Dask, find the plugin here
        mp.syspath_prepend(str(d))
        yield d


@pytest.fixture(scope="module")
def corpus(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two copies of the seeds and one file that is not UTF-8."""
    c = tmp_path_factory.mktemp("small") / "corpus"
    c.mkdir()
    for i in range(2):
        for seed in sorted((root / "seeds").glob("*.txt")):
            (c / f"{i}_{seed.name}").write_bytes(seed.read_bytes())
    (c / "zz_latin1.txt").write_bytes("café 2016年".encode("latin-1", errors="replace"))
    return c


@pytest.fixture(scope="module")
def cluster(plugins: Path) -> Iterator[DaskEngine]:
    # one death per task before dask gives up on it (default 3): keeps the dead-worker case short.
    # distributed first: its defaults enter dask's config on import, and a config.set made before
    # would take the whole "distributed" section away again on exit (a later Client: KeyError).
    import distributed  # noqa: F401

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), DaskEngine(jobs=2) as engine:
        yield engine


@pytest.fixture(scope="module")
def runs(root: Path, corpus: Path, cluster: DaskEngine,
         tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, Path]]:
    """The same corpus through the CLI on both engines: local pool of 2, and Dask through --scheduler;
    regex, and t-dates for the pairwise agreement (kept under "agreement" in the result)."""
    out = {}
    for engine, extra in (("local", ["-j", "2"]), ("dask", ["--engine", "dask", "--scheduler", cluster.address])):
        base = tmp_path_factory.mktemp(engine)
        code = main(["run", "--corpus", str(corpus), "-e", "regex", "-e", "t-dates", "--partition-mb",
                     str(PARTITION_MB), "--records", str(base / "records"), "--out", str(base / "out"),
                     "--seeds", str(root / "seeds"), *extra])
        assert code == 0
        body = json.loads((base / "out" / "corpus.json").read_text(encoding="utf-8"))
        out[engine] = ({**body["runs"][0], "agreement": body["agreement"]}, base / "records" / "regex")
    return out


def _summaries(folder: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.summary.json"))}


def test_engines_give_identical_records_and_counts(runs: dict[str, tuple[dict, Path]]) -> None:
    (local, local_dir), (dask_, dask_dir) = runs["local"], runs["dask"]
    assert local["engine"] == "local" and dask_["engine"] == "dask" and dask_["jobs"] == 2
    parts = sorted(p.name for p in local_dir.glob("part-*.jsonl"))
    assert parts == sorted(p.name for p in dask_dir.glob("part-*.jsonl")) and len(parts) == 3
    for name in parts:
        assert (local_dir / name).read_bytes() == (dask_dir / name).read_bytes(), name
    strip = {n: {k: v for k, v in s.items() if k not in TIMING} for n, s in _summaries(local_dir).items()}
    assert strip == {n: {k: v for k, v in s.items() if k not in TIMING} for n, s in _summaries(dask_dir).items()}
    for key in ("documents", "chars", "labels", "expectations", "errors", "drift"):
        assert local[key] == dask_[key], key
    assert local["drift"]["verdict"] == "ok" and len(local["drift"]["partitions"]) == 3
    # the pair's agreement: identical on both engines, and on seed copies what it is on the seeds
    assert local["agreement"] == dask_["agreement"]
    [pair] = local["agreement"]
    assert (pair["a"], pair["b"], pair["labels"]) == ("regex", "t-dates", ["DATE"])
    assert pair["agreement"]["DATE"]["strict"] == pair["reference"]["DATE"]["strict"] == 1.0
    assert pair["checks"] and not pair["flagged"] and len(pair["partitions"]) == 3
    assert local["partitions"] == dask_["partitions"] == {"total": 3, "computed": 3, "resumed": 0, "failed": []}
    assert local["documents"] == 10 and local["labels"]["DATE"] > 0 and local["expectations"]["total"] > 0
    # per-worker aggregates add up to the corpus, whoever did the work
    for r in (local, dask_):
        assert sum(w["chars"] for w in r["workers"].values()) == r["chars"]
        assert sum(w["partitions"] for w in r["workers"].values()) == 3


def test_records_are_what_the_extractor_returns(runs: dict[str, tuple[dict, Path]], corpus: Path) -> None:
    _, folder = runs["dask"]
    lines = [json.loads(line) for p in sorted(folder.glob("part-*.jsonl"))
             for line in p.read_text(encoding="utf-8").splitlines()]
    doc = next(p for p in sorted(corpus.glob("1_*.txt")))
    mine = [{k: v for k, v in r.items() if k != "doc_id"} for r in lines if r["doc_id"] == doc.stem]
    assert mine and mine == [s.to_dict() for s in get_extractor("regex").extract(doc.read_text(encoding="utf-8"))]
    assert len(lines) == sum(runs["dask"][0]["labels"].values())


def test_a_document_that_is_not_utf8_is_recorded_and_the_rest_completes(runs: dict[str, tuple[dict, Path]]) -> None:
    for result, folder in runs.values():
        assert [e["doc_id"] for e in result["errors"]] == ["zz_latin1"]
        assert "not UTF-8" in result["errors"][0]["error"]
        ids = {json.loads(line)["doc_id"] for p in folder.glob("part-*.jsonl")
               for line in p.read_text(encoding="utf-8").splitlines()}
        assert len(ids) == 10 and "zz_latin1" not in ids


def test_a_rerun_computes_only_the_missing_partition(corpus: Path, cluster: DaskEngine, tmp_path: Path) -> None:
    c = tmp_path / "corpus"
    shutil.copytree(corpus, c)
    records = tmp_path / "records"
    first = run_corpus("regex", c, engine=cluster, records=records, partition_bytes=int(PARTITION_MB * 2**20))
    assert first["partitions"]["computed"] == 3
    folder = records / "regex"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "part-00001.jsonl").unlink()

    again = run_corpus("regex", c, engine=cluster, records=records, partition_bytes=int(PARTITION_MB * 2**20))
    assert again["partitions"] == {"total": 3, "computed": 1, "resumed": 2, "failed": []}
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after["part-00001.jsonl"] == before["part-00001.jsonl"]
    changed = {n for n in before if after[n] != before[n]}
    assert changed == {"part-00001.summary.json"}  # only its summary is new (a later `finished`)
    assert json.loads(after["part-00001.summary.json"])["finished"] > json.loads(before["part-00001.summary.json"])[
        "finished"]
    for key in ("documents", "chars", "labels", "expectations", "errors"):
        assert again[key] == first[key], key

    # the local engine resumes Dask's partitions: nothing left to compute, so no worker starts
    local = run_corpus("regex", c, jobs=2, records=records, partition_bytes=int(PARTITION_MB * 2**20))
    assert local["partitions"]["resumed"] == 3 and local["labels"] == first["labels"]

    # a changed document invalidates its own partition only
    doc = c / "1_000_a30258ca9ad81b5c.txt"
    doc.write_bytes(doc.read_bytes() + b"\n")
    touched = run_corpus("regex", c, engine=cluster, records=records, partition_bytes=int(PARTITION_MB * 2**20))
    assert touched["partitions"]["computed"] == 1 and touched["partitions"]["resumed"] == 2


def _poisoned(tmp_path: Path) -> Path:
    c = tmp_path / "poisoned"
    c.mkdir()
    for name, text in (("a", "2016年"), ("b", "2017年"), ("z", "POISON")):
        (c / f"{name}.txt").write_text(text, encoding="utf-8")
    return c


def test_a_dead_local_worker_loses_only_its_partition(plugins: Path, tmp_path: Path) -> None:
    c = _poisoned(tmp_path)
    tasks = plan("t-exit", c, tmp_path / "records", partition_bytes=1)
    with LocalEngine(2) as engine:
        out = engine.map(process_partition, tasks)
    assert [type(r).__name__ for r in out] == ["PartitionResult", "PartitionResult", "BrokenProcessPool"]
    assert [isinstance(completed(t), PartitionResult) for t in tasks] == [True, True, False]


def test_a_dead_dask_worker_is_a_failed_partition_with_its_documents(plugins: Path, cluster: DaskEngine,
                                                                     tmp_path: Path) -> None:
    # last in the module: it kills (and dask restarts) the shared workers. A partition queued on a
    # dying worker may be given up on with the poisoned one; the engine reruns those alone.
    result = run_corpus("t-exit", _poisoned(tmp_path), engine=cluster, records=tmp_path / "records",
                        partition_bytes=1)
    assert result["partitions"]["computed"] == 2 and result["documents"] == 2
    [failed] = result["partitions"]["failed"]
    assert failed["partition"] == 2 and failed["doc_ids"] == ["z"] and "KilledWorker" in failed["error"]
