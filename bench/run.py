"""Run extractors over documents, each in its own process: predictions, cold start, speed, memory.

One fresh (spawned) process per extractor, so one extractor's memory or crash never counts
against another; they run one after another so timings do not compete for the two cores.
Learned extractors (those with a `fit` method) are evaluated leave-one-document-out: each
document is predicted by a model fitted on the other documents' gold only.
"""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import resource
import time
from dataclasses import dataclass, field
from typing import Any

from extractors.schema import LABELS, Span


@dataclass
class ExtractorRun:
    name: str
    kind: str = "?"
    labels: tuple[str, ...] = ()
    predictions: dict[str, list[Span]] = field(default_factory=dict)
    evaluation: str = "full"  # "loo" when predicted leave-one-document-out
    speed: dict[str, Any] | None = None
    cold_start_s: float | None = None
    peak_mem_mb: float | None = None
    error: str | None = None


def malformed(spans: Any, raw: str) -> str | None:
    """Why an extractor's return value is not a list of valid spans, or None."""
    if not isinstance(spans, list):
        return f"extract() returned {type(spans).__name__}, not a list"
    for s in spans:
        if not isinstance(s, Span):
            return f"extract() returned a {type(s).__name__}, not a Span"
        if not (isinstance(s.start, int) and isinstance(s.end, int) and 0 <= s.start < s.end <= len(raw)):
            return f"span offsets ({s.start}, {s.end}) out of bounds"
        if s.label not in LABELS:
            return f"unknown label {s.label!r}"
    return None


def execute(name: str, docs: dict[str, str], gold: dict[str, list[Span]], measure_speed: bool,
            repeats: int) -> ExtractorRun:
    from bench.timing import measure
    from extractors.registry import get_extractor

    run = ExtractorRun(name)
    try:
        t0 = time.perf_counter()
        ex = get_extractor(name)
        run.cold_start_s = time.perf_counter() - t0
        run.kind, run.labels = ex.kind, tuple(ex.labels)
        if hasattr(ex, "fit") and gold:
            run.evaluation = "loo"
            for held_out in docs:
                model = get_extractor(name)
                train = [d for d in gold if d != held_out]
                model.fit([docs[d] for d in train], [gold[d] for d in train])
                run.predictions[held_out] = model.extract(docs[held_out])
        else:
            for doc_id, raw in docs.items():
                run.predictions[doc_id] = ex.extract(raw)
        for doc_id, spans in run.predictions.items():
            problem = malformed(spans, docs[doc_id])
            if problem:
                raise ValueError(f"{doc_id}: {problem}")
        if measure_speed:  # extracting the documents above was the warm-up for `ex`, unless it was fitted
            warmup = 5 if run.evaluation == "loo" else 0
            run.speed = measure(ex.extract, list(docs.values()), repeats=repeats, warmup=warmup).to_dict()
    except Exception as exc:  # noqa: BLE001 - a failing extractor is a finding, not a crash
        run.error = f"{type(exc).__name__}: {exc}"
        run.predictions = {}
    run.peak_mem_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return run


def run_extractor(name: str, docs: dict[str, str], gold: dict[str, list[Span]] | None = None,
                  measure_speed: bool = True, repeats: int = 3, timeout: float = 600) -> ExtractorRun:
    """Run one extractor in a fresh process; a crash or time-out becomes `error`, never an exception."""
    pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"))
    try:
        return pool.submit(execute, name, docs, gold or {}, measure_speed, repeats).result(timeout=timeout)
    except cf.TimeoutError:
        # leaving the pool's `with` block would wait for the hung worker forever: end it instead
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        return ExtractorRun(name, error=f"timed out after {timeout:.0f} s")
    except Exception as exc:  # noqa: BLE001 - e.g. the process died (BrokenProcessPool)
        return ExtractorRun(name, error=f"{type(exc).__name__}: {exc}")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
