"""The scoring passes: every extractor loads and extracts the documents in a fresh process of its
own, two at a time on a 2-core machine, each once the caches it reads are built (the cache builds
are jobs of the same schedule). Nothing here is timed but each extractor's load, in its own
process; the process is kept for the timing rounds, which run afterwards one extractor at a time.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from xbench.run.caches import CacheStep, cache_jobs, cache_needs
from xbench.run.process import RUN_TIMEOUT_S, ExtractorProcess, ExtractorRun, execute, failure
from xbench.run.schedule import Job, run_jobs

from extractors.schema import Span


def expected_costs(names: list[str], chars: int, earlier: Path) -> dict[str, float]:
    """Seconds each extractor's pass is expected to take, from an earlier result's load time and
    speed (the longest start first); none for an extractor it lacks or when it is unreadable. Only
    those two figures are read from the JSON (the whole typed result takes ten times as long)."""
    import json

    try:
        rows = json.loads(earlier.read_text(encoding="utf-8"))["extractors"]
        costs = {}
        for e in rows:
            sp = e.get("speed") or {}
            median = (sp.get("chars_per_sec") or {}).get("median")
            if e.get("name") in names and isinstance(median, int | float) and median > 0:
                costs[e["name"]] = float(sp.get("cold_start_s") or 0.0) + chars / median
    except (OSError, KeyError, TypeError, ValueError, AttributeError):  # any unreadable file: no estimates
        return {}
    return costs


def run_passes(names: list[str], docs: dict[str, str], gold: dict[str, list[Span]] | None = None,
               caches: list[CacheStep] | None = None, measure_speed: bool = True, timeout: float = RUN_TIMEOUT_S,
               progress: Callable[[str, int], None] | None = None,
               on_pass: Callable[[ExtractorRun], None] | None = None,
               costs: Callable[[], dict[str, float]] | None = None,
               gate: Any = None) -> tuple[dict[str, ExtractorRun], dict[str, ExtractorProcess]]:
    """Each extractor's run (a crash or time-out is its `error`), and the processes kept for timing,
    both in the order of `names`. `on_pass(run)` is told of each run as it ends (in this thread).
    Loads are timed one at a time through the run's load `gate` (a new one when not given);
    `costs()` gives the passes' expected seconds, read once the processes have started."""
    from xbench.run.load_gate import make_gate

    steps = caches or []
    runs: dict[str, ExtractorRun] = {}
    held: dict[str, ExtractorProcess] = {}
    jobs = cache_jobs(steps) + [
        Job(name, f"{name}: loading and extracting ({i + 1} of {len(names)})", execute,
            (name, docs, gold or {}, measure_speed), cache_needs(name, steps))
        for i, name in enumerate(names)]

    def prepare() -> None:
        expected = costs() if costs else {}
        for job in jobs:
            if job.fn is execute and job.key in expected:
                job.cost = expected[job.key]

    def ended(job: Job, proc: ExtractorProcess, outcome: Any) -> None:
        if job.fn is not execute:  # a cache build
            proc.close()
            return
        run = outcome if isinstance(outcome, ExtractorRun) else ExtractorRun(job.key, error=failure(outcome))
        runs[job.key] = run
        if measure_speed and not run.error and not run.remote:
            held[job.key] = proc
        else:
            proc.close()
        if on_pass:
            on_pass(run)

    def started(job: Job) -> None:
        if progress:
            progress(job.what, len(runs))

    try:
        run_jobs(jobs, ended, timeout, started=started, gate=gate if gate is not None else make_gate(),
                 prepare=prepare)
    except BaseException:
        for proc in held.values():
            proc.close(kill=True)
        raise
    return {n: runs[n] for n in names}, {n: held[n] for n in names if n in held}
