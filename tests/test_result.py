"""The typed result: built from scored runs, written in the contract's shape, read back unchanged."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from xbench.gates.compare import load_result
from xbench.io import InputError
from xbench.report.leaderboard import rank
from xbench.result import SEEDS, BenchmarkResult, CorpusSummary, ExtractorResult, TrackResult, read_result
from xbench.run.benchmark import extractor_result, mark_ties
from xbench.run.process import ExtractorRun

from extractors.schema import Span

RESULTS = Path(__file__).resolve().parents[1] / "bench" / "results" / "latest.json"
DOCS = {"a": "国务院办公厅发布。\n2016年北京市财政局拨款。", "b": "上海市2017年。"}
GOLD = {"a": [Span(0, 6, "ORG", "国务院办公厅"), Span(10, 15, "DATE", "2016年", "2016")],
        "b": [Span(0, 3, "GPE", "上海市"), Span(3, 8, "DATE", "2017年", "2017")]}


def _run(name: str, preds: dict[str, list[Span]], **kw) -> ExtractorRun:
    return ExtractorRun(name, "regex", ("ORG", "GPE", "DATE"), predictions=preds, **kw)


@pytest.fixture(scope="module")
def result() -> BenchmarkResult:
    good = _run("good", GOLD, speed={"median": 1000.0, "ci95": [900.0, 1100.0], "batches": 30, "timings": 30},
                cold_start_s=0.5, peak_mem_mb=40.0)
    half = _run("half", {"a": GOLD["a"][:1], "b": [Span(0, 2, "GPE", "上海")]})
    extractors = [extractor_result(r, DOCS, GOLD) for r in (half, good)]
    extractors.append(extractor_result(ExtractorRun("broken", error="RuntimeError: boom"), DOCS, GOLD))
    mark_ties(extractors, DOCS)
    track = TrackResult(SEEDS, CorpusSummary(2, 2, sum(map(len, DOCS.values())), 4), rank(extractors), docs=DOCS)
    return BenchmarkResult("2026-01-01T00:00:00+00:00", 0, {SEEDS: track})


def test_json_has_the_contract_shape_and_the_seeds_track(result: BenchmarkResult) -> None:
    body = json.loads(result.dumps())
    assert set(body) == {"generated", "corpus", "seed", "extractors", "tracks"}
    assert body["tracks"] == {"seeds": {"corpus": body["corpus"], "extractors": body["extractors"]}}
    half = next(e for e in body["extractors"] if e["name"] == "half")
    assert set(half) >= {"name", "kind", "labels", "evaluation", "scores", "errors", "speed", "expectations"}
    assert {k: half["scores"]["strict"]["micro"][k] for k in ("cor", "inc", "par", "mis", "spu")} == \
        {"cor": 1, "inc": 1, "par": 0, "mis": 2, "spu": 0}
    assert half["speed"]["chars_per_sec"] == {"median": 0, "ci95": [0, 0]}  # not timed
    broken = next(e for e in body["extractors"] if e["name"] == "broken")
    assert broken == {"name": "broken", "kind": "?", "labels": [], "evaluation": "full", "error": "RuntimeError: boom"}


def test_the_model_round_trips_through_json(result: BenchmarkResult) -> None:
    back = BenchmarkResult.from_json(json.loads(result.dumps()))
    assert back.dumps() == result.dumps()
    good, live = back.seeds.get("good"), result.seeds.get("good")
    assert good is not None and live is not None
    assert good.strict.micro == live.strict.micro and good.per_label["DATE"].n_gold == 2
    assert good.speed.throughput == live.speed.throughput and good.errors == live.errors
    assert good.report is not None and good.report.alignment is None  # predictions are not in the file
    assert [e.name for e in back.seeds.extractors] == ["good", "half", "broken"]  # ranked, failures last


def test_ties_come_from_the_alignments_already_made(result: BenchmarkResult) -> None:
    good, half = result.seeds.extractors[:2]
    assert good.flip_probability_vs_next is not None and half.flip_probability_vs_next is None
    assert good.report is not None and good.report.alignment is not None


def test_the_published_result_file_reads_back_unchanged() -> None:
    """latest.json as committed (with or without tracks) keeps every key and value through the model."""
    body = json.loads(RESULTS.read_text(encoding="utf-8"))
    out = read_result(RESULTS).to_json()
    assert {k: v for k, v in out.items() if k != "tracks"} == {k: v for k, v in body.items() if k != "tracks"}
    assert out["tracks"]["seeds"]["extractors"] == body["extractors"]


def test_a_file_that_is_not_a_result_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"extractors": [{"kind": "regex"}]}', encoding="utf-8")
    with pytest.raises(InputError, match="bad.json: not an xbench result file"):
        read_result(bad)
    bad.write_text('{"tracks": {}}', encoding="utf-8")
    with pytest.raises(InputError, match="no seeds track"):
        load_result(bad)


def test_extractor_result_reads_like_the_plugin_documents(result: BenchmarkResult) -> None:
    good = result.seeds.get("good")
    assert isinstance(good, ExtractorResult)
    assert good.strict.f1 == 1.0 and good.per_label["DATE"].recall == 1.0 and good.value.accuracy == 1.0
    assert not good.expectations.failed
