"""The main job behind `xbench run`: every extractor over the seeds, scored, timed, checked, ranked."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xbench.expectations.suite import check_records
from xbench.gold.load import load_gold, load_seeds
from xbench.io import atomic_write
from xbench.report.leaderboard import TIE_THRESHOLD, markdown, rank
from xbench.run.process import ExtractorRun, run_extractors
from xbench.run.timing import ROUNDS

from extractors.schema import Span


@dataclass
class Paths:
    seeds: Path = Path("seeds")
    goldens: Path = Path("goldens")
    out: Path = Path("bench/results")


def entry_for(run: ExtractorRun, docs: dict[str, str], gold: dict[str, list[Span]], seed: int = 0) -> dict[str, Any]:
    from xbench.scoring.scores import score

    entry: dict[str, Any] = {"name": run.name, "kind": run.kind, "labels": list(run.labels),
                             "evaluation": run.evaluation}
    if run.error:
        entry["error"] = run.error
        return entry
    scored_docs = {d: docs[d] for d in gold}
    preds = {d: run.predictions.get(d, []) for d in gold}
    report = score(gold, preds, scored_docs, seed=seed)
    entry["scores"] = report.to_dict()
    entry["errors"] = [e.to_dict() for e in report.errors]
    entry["speed"] = {"chars_per_sec": run.speed or {"median": 0, "ci95": [0, 0]},
                      "cold_start_s": round(run.cold_start_s or 0, 3), "peak_mem_mb": round(run.peak_mem_mb or 0, 1)}
    if run.speed_error:
        entry["speed"]["error"] = run.speed_error
    entry["expectations"] = check_records(docs, run.predictions, outputs=True).to_dict()
    return entry


def mark_ties(entries: list[dict[str, Any]], runs: dict[str, ExtractorRun], gold: dict[str, list[Span]],
              docs: dict[str, str], seed: int = 0) -> None:
    from xbench.scoring.bootstrap import paired_bootstrap

    ranked = [e for e in rank(entries) if not e.get("error")]
    for a, b in zip(ranked, ranked[1:]):
        pa = {d: runs[a["name"]].predictions.get(d, []) for d in gold}
        pb = {d: runs[b["name"]].predictions.get(d, []) for d in gold}
        p = paired_bootstrap(gold, pa, pb, {d: docs[d] for d in gold}, seed=seed)
        a["flip_probability_vs_next"] = round(p, 4)
        a["tied_with_next"] = p > TIE_THRESHOLD


def run_benchmark(names: list[str], paths: Paths, measure_speed: bool = True, rounds: int = ROUNDS, seed: int = 0,
                  progress: Callable[[str, int], None] | None = None,
                  report_extractor: str | None = None) -> dict[str, Any]:
    """`progress(what, done)` is told what runs and how many extractors have finished their pass."""
    seeds = load_seeds(paths.seeds)
    docs = {d: doc.raw for d, doc in seeds.items()}
    gold = {d: s for d, s in load_gold(paths.goldens).items() if d in docs}
    runs = run_extractors(names, docs, gold, measure_speed=measure_speed, rounds=rounds, progress=progress)
    entries = [entry_for(runs[name], docs, gold, seed=seed) for name in names]
    mark_ties(entries, runs, gold, docs, seed=seed)
    return {
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus": {"documents": len(docs), "gold_documents": len(gold), "chars": sum(map(len, docs.values())),
                   "gold_spans": sum(map(len, gold.values()))},
        "seed": seed,
        "extractors": rank(entries),
        "_runs": runs, "_docs": docs, "_gold": gold, "_report_extractor": report_extractor,
    }


def write_results(result: dict[str, Any], out: Path) -> list[Path]:
    """latest.json, latest.md and the predictions, each written atomically."""
    public = {k: v for k, v in result.items() if not k.startswith("_")}
    written = [out / "latest.json", out / "latest.md", out / "report.html"]
    atomic_write(written[0], json.dumps(public, ensure_ascii=False, indent=1) + "\n")
    atomic_write(written[1], f"# xbench leaderboard\n\n{markdown(public['extractors'])}")
    atomic_write(written[2], report_html(result))
    return written


def report_html(result: dict[str, Any]) -> str:
    from xbench.report import html as report
    from xbench.scoring.error_analysis import confusion
    from xbench.scoring.matching import align

    ok = [e["name"] for e in result["extractors"] if not e.get("error")]
    chosen = result.get("_report_extractor") or (ok[0] if ok else None)
    gold, docs = result["_gold"], result["_docs"]
    preds = {d: result["_runs"][chosen].predictions.get(d, []) for d in gold} if chosen in result["_runs"] else {}
    conf = confusion(align(gold, preds)) if chosen else None
    rows = [[r, *(conf.get(r, c) for c in conf.cols)] for r in conf.rows] if conf else None
    return report.render(result, docs, gold, preds, chosen or "(none)", confusion=rows,
                         confusion_headers=["gold \\ predicted", *conf.cols] if conf else None)


README_START, README_END = "<!-- leaderboard:start -->", "<!-- leaderboard:end -->"


def update_readme(readme: Path, result: dict[str, Any]) -> Path:
    """Replace the README's leaderboard section with this run's tables (never typed by hand)."""
    text = readme.read_text(encoding="utf-8")
    a, b = text.index(README_START) + len(README_START), text.index(README_END)
    from xbench.report.html import corpus_line

    block = (f"\nGenerated by `xbench run --update-readme` on {result['generated']}: {corpus_line(result)}.\n\n"
             f"{markdown([e for e in result['extractors']])}\n")
    atomic_write(readme, text[:a] + block + text[b:])
    return readme
