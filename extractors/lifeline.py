"""Worker processes that never outlive the process that started them.

The lower floor needs it for training (LAC's tags and states are computed in worker processes,
`in_workers`) and the upper floor for runs and corpus runs; both start their pools with `lifeline`
as the initializer.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T, R = TypeVar("T"), TypeVar("R")

PARENT_POLL_S = 0.5


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:  # re-parented: the driver died (kill -9 included)
            os._exit(1)


def lifeline(parent: int | None = None) -> None:
    """Worker initializer: die with the parent, and leave Ctrl-C to the parent, which ends the workers
    itself (a worker's KeyboardInterrupt would only print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid() if parent is None else parent
    threading.Thread(target=_watch_parent, args=(parent,), name="xbench-lifeline", daemon=True).start()


def in_workers(fn: Callable[[T], R], items: Iterable[T], workers: int = 2, chunksize: int = 256) -> Iterator[R]:
    """`fn` of each item, in order, computed by `workers` processes that die with this one
    (training: LAC's tags and states are the slow steps before the first epoch; two cores halve them)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=lifeline, initargs=(os.getpid(),)) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)
