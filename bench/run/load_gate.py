"""One extractor loads at a time. The scoring passes run two at a time, but an extractor's load (its
cold-start figure) is timed while no other extractor loads and the run's own process scores
nothing: at most the other pass's extraction runs, on the other core.

A gate is a lock shared by the run's worker processes (given to them when they start) and its
scoring thread, with a count of the loads waiting for it or holding it. Loads go first: the
scoring thread takes its turns (`scoring_turn`) only while no load is waiting and no pass has just
been started, so a pass that starts as another one's records are scored loads at once instead of
waiting for that scoring (a core idle meanwhile), and scoring runs beside the passes' extraction.
A pass timed as it reads (`reading`) holds the scoring back too, so its batches never share the
two cores with the scoring as well as with the other pass. Waiting is bounded, so a hung load,
or a worker killed while holding the gate, never stalls the run: after `WAIT_S` the waiter goes
on without it.
"""
from __future__ import annotations

import contextlib
import multiprocessing as mp
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from extractors.lifeline import lifeline

WAIT_S = 60.0
# A pass just handed to its worker has not yet counted its load: scoring waits this long after a start.
START_GRACE_S = 0.25
POLL_S = 0.02


@dataclass
class Gate:
    lock: Any     # one load (or one scoring turn) at a time; shared with the workers
    loading: Any  # loads waiting for the lock or holding it (a shared integer the workers keep)
    reading: Any = None  # passes timed as they read (`read_timed`) under way (a shared integer)
    started_at: float = field(default=float("-inf"))  # when this process last started a pass (not shared)

    def acquire(self, timeout: float | None = None) -> bool:
        return self.lock.acquire(timeout=timeout) if timeout is not None else self.lock.acquire()

    def release(self) -> None:
        self.lock.release()

    def pass_started(self) -> None:
        self.started_at = time.monotonic()


_gate: Gate | None = None  # this worker's gate (set by `worker_init`), None outside a gated run


def make_gate() -> Gate:
    ctx = mp.get_context("spawn")
    return Gate(ctx.Lock(), ctx.Value("i", 0), ctx.Value("i", 0))


def worker_init(parent: int, gate: Gate) -> None:
    """A gated worker's initializer: the lifeline, and the gate its loads wait for."""
    global _gate
    _gate = gate
    lifeline(parent)


@contextlib.contextmanager
def gated(gate: Gate | None = None) -> Iterator[None]:
    """A load: hold `gate` (default: this worker's) for the block, counted as a load while it waits
    and while it holds it; the wait is at most WAIT_S."""
    gate = gate if gate is not None else _gate
    if gate is None:
        yield
        return
    with gate.loading.get_lock():
        gate.loading.value += 1
    try:
        got = gate.acquire(timeout=WAIT_S)
        try:
            yield
        finally:
            if got:
                gate.release()
    finally:
        with gate.loading.get_lock():
            gate.loading.value -= 1


@contextlib.contextmanager
def reading(gate: Gate | None = None) -> Iterator[None]:
    """A pass timed as it reads (`xbench.run.process.read_timed`): counted while it runs, so the
    run's scoring thread takes no turn meanwhile and the timed batches share the two cores with one
    other pass at most, not with the scoring as well (a turn under way ends during the warm-up)."""
    gate = gate if gate is not None else _gate
    if gate is None or gate.reading is None:
        yield
        return
    with gate.reading.get_lock():
        gate.reading.value += 1
    try:
        yield
    finally:
        with gate.reading.get_lock():
            gate.reading.value -= 1


def _busy(gate: Gate) -> bool:
    """A load waits or runs, a timed reading runs, or a pass has just started (its load not yet counted)."""
    return gate.loading.value > 0 or (gate.reading is not None and gate.reading.value > 0) \
        or time.monotonic() - gate.started_at < START_GRACE_S


@contextlib.contextmanager
def scoring_turn(gate: Gate) -> Iterator[None]:
    """A turn of the run's scoring thread: once no load is waiting or held, no timed reading runs and
    no pass has just started (at most WAIT_S of waiting), holding the gate, so no load is timed meanwhile."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline and _busy(gate):
        time.sleep(POLL_S)
    got = gate.acquire(timeout=max(0.0, deadline - time.monotonic()))
    try:
        yield
    finally:
        if got:
            gate.release()
