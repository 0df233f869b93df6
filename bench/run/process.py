"""Run extractors over documents, each in its own process: predictions, cold start, speed, memory.

One fresh (spawned) process per extractor, so one extractor's memory or crash never counts
against another. The scoring passes run two at a time (`xbench.run.passes`: nothing in them is
timed but the load, and the batches of a paragraph-local extractor's reading, `read_timed`); the
processes are kept for the timing rounds, which come after with nothing else running and take
turns across the extractors, so timings never compete for the two cores. An extractor whose
reading timed as much as the rounds would (a slow one: jieba-raw) is not timed again.
Learned extractors (the `Trainable` protocol: a `fit` method) are evaluated leave-one-document-out: each
document is predicted by a model fitted on the other documents' gold only.
"""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from xbench.run.guard import describe, end_processes
from xbench.run.timing import (
    ROUNDS,
    Slice,
    Timing,
    make_batches,
    slice_due,
    slices,
    stands_in,
    summarise,
    time_slice,
    timed_reading,
    warm_up,
)

from extractors.lifeline import lifeline
from extractors.schema import LABELS, Span

if TYPE_CHECKING:
    from xbench.run.window_farm import WindowFarm

# Per extractor process call (its scoring pass, each timing slice): the slowest built-in takes
# about a minute for its leave-one-out pass over the seeds, so ten minutes means a hang.
RUN_TIMEOUT_S = 600.0


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
    speed_error: str | None = None  # the timing failed (a time-out, a crash) after a good scoring pass
    service: dict[str, Any] | None = None  # a configured (remote) extractor's latency, tokens, cost, alignment
    # a paragraph-local extractor's pass read the documents batch by batch, timed (`read_timed`)
    timings: list[Timing] | None = None
    timed_s: float = 0.0  # ...and the seconds those timings took

    @property
    def remote(self) -> bool:
        """Timed as latency at its concurrency (`service`), never in-process chars/s."""
        return self.service is not None


def malformed(spans: Any, raw: str) -> str | None:
    """Why an extractor's return value is not a list of valid spans, or None."""
    if not isinstance(spans, list):
        return f"extract() returned {type(spans).__name__}, not a list"
    return next(filter(None, (span_problem(s, raw) for s in spans)), None)


def span_problem(s: Any, raw: str) -> str | None:
    """Why one thing an extractor gave is not a valid span of `raw`, or None."""
    if not isinstance(s, Span):
        return f"extract() returned a {type(s).__name__}, not a Span"
    if not (isinstance(s.start, int) and isinstance(s.end, int) and 0 <= s.start < s.end <= len(raw)):
        return f"span offsets ({s.start}, {s.end}) out of bounds"
    if s.label not in LABELS:
        return f"unknown label {s.label!r}"
    return None


def checked_spans(ex: Any, raw: str, farm: WindowFarm | None = None) -> Iterator[Span]:
    """ex's spans of `raw`, each checked (ValueError naming the problem): as the extractor makes
    them when it can give them window by window (`Streaming`: the built-ins), else its list. With a
    `farm` (made for a built-in, `window_farm.farmed`), its windows are searched by the farm's processes."""
    from extractors.registry import Streaming

    if not isinstance(ex, Streaming):
        spans = ex.extract(raw)
        problem = malformed(spans, raw)
        if problem:
            raise ValueError(problem)
        yield from spans
        return
    for s in (ex.stream(raw) if farm is None else farm.stream(ex, raw)):
        problem = span_problem(s, raw)
        if problem:
            raise ValueError(problem)
        yield s


def execute(name: str, docs: dict[str, str], gold: dict[str, list[Span]], hold: bool = False) -> ExtractorRun:
    """Load `name`, predict every document, check the output; with `hold`, keep the extractor in
    this process for the timing slices (`time_held`)."""
    from xbench.run.load_gate import gated, reading

    from extractors.registry import Trainable, get_extractor

    run = ExtractorRun(name)
    try:
        with gated():  # no other load, no scoring meanwhile (when the run gave this process a gate)
            t0 = time.perf_counter()
            ex = get_extractor(name)
            run.cold_start_s = time.perf_counter() - t0
        run.kind, run.labels = ex.kind, tuple(ex.labels)
        if isinstance(ex, Trainable) and gold:
            run.evaluation = "loo"
            for held_out in docs:
                model = get_extractor(name)
                train = [d for d in gold if d != held_out]
                model.fit([docs[d] for d in train], [gold[d] for d in train])
                run.predictions[held_out] = model.extract(docs[held_out])
        elif hold and getattr(ex, "paragraph_local", False) is True:
            with reading():  # the run's scoring waits meanwhile
                run.predictions, run.timings, run.timed_s = read_timed(ex, docs)
        else:
            for doc_id, raw in docs.items():
                run.predictions[doc_id] = ex.extract(raw)
        for doc_id, spans in run.predictions.items():
            problem = malformed(spans, docs[doc_id])
            if problem:
                raise ValueError(f"{doc_id}: {problem}")
        if hasattr(ex, "service_stats"):
            run.service = ex.service_stats()
        if hold and not run.remote:  # extracting the documents above was the warm-up for `ex`, unless it was fitted
            _HELD[name] = ex
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - a failing extractor is a finding, not a crash
        run.error = describe(exc)
        run.predictions = {}
    run.peak_mem_mb = _peak_mb()
    return run


def read_timed(ex: Any, docs: dict[str, str]) -> tuple[dict[str, list[Span]], list[Timing], float]:
    """Every document's records, read batch by batch with each batch timed (`timed_reading`: the pass
    and the timing in one reading), for an extractor that declares `paragraph_local`: its records of a
    text of whole paragraphs are those paragraphs' own, so a document's are its batches', moved to
    the document's offsets."""
    ids = list(docs)
    got, timings, spent = timed_reading(ex.extract, [docs[d] for d in ids])
    records: dict[str, list[Span]] = {d: [] for d in ids}
    for (i, a, b), spans in got:
        problem = malformed(spans, docs[ids[i]][a:b])
        if problem:
            raise ValueError(f"{ids[i]}: {problem}")
        records[ids[i]] += [replace(s, start=s.start + a, end=s.end + a) for s in spans]
    return records, timings, spent


# The extractor a worker process keeps for the timing rounds (one per process).
_HELD: dict[str, Any] = {}


def _warmup(run: ExtractorRun) -> int:
    # a fitted extractor's scoring pass used other models: the packaged one is warmed up first
    return 5 if run.evaluation == "loo" else 0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_held(name: str, batches: list[str], start: int, warmup: int) -> tuple[list[Timing], int, float]:
    """One timing slice of the extractor this process holds: timings, next start, peak memory."""
    ex = _HELD[name]
    warm_up(ex.extract, batches, warmup)
    timings, nxt = time_slice(ex.extract, batches, start, Slice())
    return timings, nxt, _peak_mb()


class ExtractorProcess:
    """One extractor's own spawned process, kept from its scoring pass through the timing rounds."""

    def __init__(self, timeout: float, gate: Any = None) -> None:
        """`gate`: the run's load gate (`xbench.run.load_gate`), so loads are timed one at a time."""
        from xbench.run.load_gate import worker_init

        init, args = (lifeline, (os.getpid(),)) if gate is None else (worker_init, (os.getpid(), gate))
        self.pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"),
                                           initializer=init, initargs=args)
        self.timeout = timeout

    def start(self) -> ExtractorProcess:
        """Start the process now (a pool starts it on its first task). Linux keeps a process's peak
        memory across exec, so a process started from a grown parent (one that has scored and
        imported Great Expectations) would report the parent's size as its own floor: processes are
        started while the parent is still small."""
        self.pool.submit(int)
        return self

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future:
        """`fn(*args)` started in the process; the caller waits (and ends the process on a time-out)."""
        return self.pool.submit(fn, *args)

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args)` in the process; a time-out ends the process and raises TimeoutError."""
        try:
            return self.pool.submit(fn, *args).result(timeout=self.timeout)
        except cf.TimeoutError:
            # leaving the pool's `with` block would wait for the hung worker forever: end it instead
            end_processes(self.pool)
            raise TimeoutError(f"timed out after {self.timeout:.0f} s") from None

    def close(self, kill: bool = False) -> None:
        if kill:  # interrupted: the worker ignores Ctrl-C and would finish its task first
            end_processes(self.pool)
        self.pool.shutdown(wait=False, cancel_futures=True)


def failure(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, TimeoutError) else f"{type(exc).__name__}: {exc}"


def run_extractors(names: list[str], docs: dict[str, str], gold: dict[str, list[Span]] | None = None,
                   measure_speed: bool = True, rounds: int = ROUNDS, timeout: float = RUN_TIMEOUT_S,
                   progress: Callable[[str, int], None] | None = None) -> dict[str, ExtractorRun]:
    """Every extractor in its own fresh process (the scoring passes, two at a time: `xbench.run.passes`);
    a crash or time-out becomes `error`, never an exception. Then the timing rounds (`time_runs`)."""
    from xbench.run.passes import run_passes

    runs, held = run_passes(names, docs, gold, measure_speed=measure_speed, timeout=timeout, progress=progress)
    time_runs(held, runs, docs, rounds, progress)
    return runs


def time_runs(held: dict[str, ExtractorProcess], runs: dict[str, ExtractorRun], docs: dict[str, str],
              rounds: int = ROUNDS, progress: Callable[[str, int], None] | None = None) -> None:
    """The timing rounds over the processes kept from the scoring passes, one extractor at a time
    with nothing else running: each round times a slice of every extractor before the next round
    starts, the first in turn, so drift in the machine's speed falls on all of them alike. The
    processes are ended afterwards (at once on Ctrl-C)."""
    try:
        if held:
            batches = make_batches(list(docs.values()))
            read = _speed_from_reading(held, runs, len(batches), rounds)
            for name in read:  # timed already: its process is not needed for the rounds
                held[name].close()
            rest = {name: proc for name, proc in held.items() if name not in read}
            if rest:
                _time_rounds(rest, runs, batches, rounds, progress, len(runs))
    except BaseException:
        for proc in held.values():
            proc.close(kill=True)
        raise
    finally:
        for proc in held.values():
            proc.close()


def _speed_from_reading(held: dict[str, ExtractorProcess], runs: dict[str, ExtractorRun], batches: int,
                        rounds: int) -> list[str]:
    """The extractors whose pass was a timed reading (`read_timed`) that stands in for the rounds
    (`stands_in`), their speed made from it; the others are timed in the rounds."""
    read = []
    for name in held:
        run = runs[name]
        if run.timings and stands_in(run.timings, run.timed_s, rounds):
            run.speed = summarise(run.timings, batches).to_dict()
            read.append(name)
    return read


def _time_rounds(held: dict[str, ExtractorProcess], runs: dict[str, ExtractorRun], batches: list[str],
                 rounds: int, progress: Callable[[str, int], None] | None, done: int) -> None:
    order = list(held)
    timings: dict[str, list[Timing]] = {name: [] for name in order}
    start = dict.fromkeys(order, 0)
    for r in slices(rounds):
        due = [name for name in order[r % len(order):] + order[:r % len(order)]  # the first in turn
               if not runs[name].speed_error and slice_due(r, rounds, len(timings[name]))]
        if not due:
            break
        if progress:
            progress(f"timing, round {r + 1} of {rounds}" if r < rounds else "timing, more batches", done)
        for name in due:
            try:
                got, start[name], peak = held[name].call(time_held, name, batches, start[name],
                                                         _warmup(runs[name]) if r == 0 else 0)
            except Exception as exc:  # noqa: BLE001 - the scores stand; the speed is what failed
                runs[name].speed_error = failure(exc)
                continue
            timings[name] += got
            runs[name].peak_mem_mb = max(runs[name].peak_mem_mb or 0, peak)
    for name, got in timings.items():
        if got:
            runs[name].speed = summarise(got, len(batches)).to_dict()


def run_extractor(name: str, docs: dict[str, str], gold: dict[str, list[Span]] | None = None,
                  measure_speed: bool = True, rounds: int = ROUNDS, timeout: float = RUN_TIMEOUT_S) -> ExtractorRun:
    """One extractor in a fresh process (`run_extractors` of one)."""
    return run_extractors([name], docs, gold, measure_speed, rounds, timeout)[name]
