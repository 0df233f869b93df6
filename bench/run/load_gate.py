"""One extractor loads at a time. The scoring passes run two at a time, but an extractor's load (its
cold-start figure) is timed while no other extractor loads and the run's own process scores
nothing: at most the other pass's extraction runs, on the other core.

A gate is a lock shared by the run's worker processes (given to them when they start) and its
scoring thread. Waiting is bounded, so a hung load, or a worker killed while holding the gate,
never stalls the run: after `WAIT_S` the waiter goes on without it.
"""
from __future__ import annotations

import contextlib
import multiprocessing as mp
from collections.abc import Iterator
from typing import Any

from extractors.lifeline import lifeline

WAIT_S = 60.0

_gate: Any = None  # this worker's gate (set by `worker_init`), None outside a gated run


def make_gate() -> Any:
    return mp.get_context("spawn").Lock()


def worker_init(parent: int, gate: Any) -> None:
    """A gated worker's initializer: the lifeline, and the gate its loads wait for."""
    global _gate
    _gate = gate
    lifeline(parent)


@contextlib.contextmanager
def gated(gate: Any = None) -> Iterator[None]:
    """Hold `gate` (default: this worker's) for the block, waiting at most WAIT_S for it."""
    gate = gate if gate is not None else _gate
    got = gate.acquire(timeout=WAIT_S) if gate is not None else False
    try:
        yield
    finally:
        if got:
            gate.release()
