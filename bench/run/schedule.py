"""Jobs in fresh processes, a few at a time (two on a 2-core machine): each starts once the jobs it
needs have ended, the costliest first, so the run does not end waiting on one long job started last.

Used for the untimed work of a run (cache builds, scoring passes); the timing rounds never run
here: they time one extractor at a time with nothing else running (`xbench.run.process`).
"""
from __future__ import annotations

import concurrent.futures as cf
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xbench.run.process import ExtractorProcess

WORKERS = 2  # one job per core of a 2-core machine; the timing comes after, alone


@dataclass
class Job:
    key: str                    # what other jobs name in `needs`
    what: str                   # what the progress display says when it starts
    fn: Callable[..., Any]      # runs in the job's process; must be importable (spawned process)
    args: tuple[Any, ...] = ()
    needs: frozenset[str] = field(default_factory=frozenset)
    cost: float = math.inf      # expected seconds (unknown: first, it may be the longest)


# Told when a job ends: the job, its process (still running, for the caller to keep or close), and
# what `fn` returned or the exception it (or its process) ended with.
Ended = Callable[[Job, ExtractorProcess, Any], None]


def run_jobs(jobs: list[Job], ended: Ended, timeout: float, workers: int = WORKERS,
             started: Callable[[Job], None] | None = None, gate: Any = None,
             prepare: Callable[[], None] | None = None) -> None:
    """Every job in a fresh process of its own, at most `workers` at once; a job over `timeout`
    seconds has its process ended and ends with TimeoutError. A job whose needs failed still runs
    (it then meets the missing cache itself and reports it). Ctrl-C ends the running processes.
    `gate` is given to every process (`xbench.run.load_gate`). `prepare()` runs once the processes
    have started and before the jobs are ordered (e.g. reads their costs: memory this process
    takes then never shows in theirs, see ExtractorProcess.start)."""
    procs = {job.key: ExtractorProcess(timeout, gate).start() for job in jobs}
    running: dict[cf.Future, tuple[Job, ExtractorProcess, float]] = {}
    finished: set[str] = set()
    pending: list[Job] = []
    try:
        if prepare:
            prepare()
        paths = critical_path(jobs)
        pending = sorted(jobs, key=lambda j: -paths[j.key])
        while pending or running:
            for job in [j for j in pending if j.needs <= finished][:max(0, workers - len(running))]:
                pending.remove(job)
                if started:
                    started(job)
                proc = procs.pop(job.key)
                running[proc.submit(job.fn, *job.args)] = (job, proc, time.monotonic() + timeout)
                if gate is not None:
                    gate.pass_started()  # its load goes before the next scoring turn
            if not running:  # needs that no job provides: run the rest regardless
                finished |= {need for j in pending for need in j.needs}
                continue
            soonest = min(deadline for _, _, deadline in running.values())
            done, _ = cf.wait(running, timeout=max(0.0, soonest - time.monotonic()), return_when=cf.FIRST_COMPLETED)
            for fut in _ended(running, done):
                job, proc, _ = running.pop(fut)
                finished.add(job.key)
                ended(job, proc, _outcome(fut, proc, timeout))
    except BaseException:
        for _, proc, _ in running.values():
            proc.close(kill=True)
        raise
    finally:
        for proc in procs.values():  # jobs never started (Ctrl-C)
            proc.close(kill=True)


def critical_path(jobs: list[Job]) -> dict[str, float]:
    """Each job's cost plus the longest chain of jobs that wait for it: a build that a long chain
    of passes waits for starts before a lone pass of the same cost, a lone long pass before a short chain."""
    waiting = {j.key: [k for k in jobs if j.key in k.needs] for j in jobs}
    memo: dict[str, float] = {}

    def path(job: Job) -> float:
        if job.key not in memo:
            memo[job.key] = job.cost + max((path(k) for k in waiting[job.key]), default=0.0)
        return memo[job.key]

    for job in jobs:
        path(job)
    return memo


def _ended(running: dict[cf.Future, tuple[Job, ExtractorProcess, float]], done: set[cf.Future]) -> list[cf.Future]:
    now = time.monotonic()
    return [fut for fut, (_, _, deadline) in running.items() if fut in done or now >= deadline]


def _outcome(fut: cf.Future, proc: ExtractorProcess, timeout: float) -> Any:
    if not fut.done():
        proc.close(kill=True)
        return TimeoutError(f"timed out after {timeout:.0f} s")
    exc = fut.exception()
    return exc if exc is not None else fut.result()
