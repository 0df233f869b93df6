"""One long document's windows searched by several processes (`xbench extract --jobs N`).

A built-in extractor reads a long text window by window (`extractors.windows.streamed`). A farm
starts that same search for the windows ahead in a pool of spawned processes, each with its own copy
of the extractor (loaded by name, as `get_extractor` loads it here), while the driver writes the
spans of the window in front in order. The records are those of one process byte for byte; on
2 cores a slow tool (jieba on raw Traditional text reads about 2,000 characters a second) takes
half the wall time, and memory grows by one extractor per process, not with the text.
"""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os
import sys
from collections.abc import Iterator
from typing import Any

from xbench.run.guard import end_processes

from extractors.base import CleanTextExtractor
from extractors.lifeline import lifeline
from extractors.schema import Span
from extractors.windows import Evidence, streamed_ahead

WINDOWS_PER_PROCESS = 2  # queued ahead per process: one being searched, one ready to start

_worker_extractor: Any = None


def _start_worker(parent: int, name: str) -> None:
    """A farm process: dies with the driver, prints nowhere near the records, holds one extractor."""
    global _worker_extractor
    lifeline(parent)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a tool's print() must not land in the JSONL on stdout
    from extractors.registry import get_extractor

    _worker_extractor = get_extractor(name)


def _search(piece: str, a: int, b: int, evidence: Evidence) -> list[Span]:
    return _worker_extractor.spans_in(piece, a, b, evidence)  # the window search `stream` runs in one process


def farmed(ex: Any) -> bool:
    """Whether `ex`'s windows can be farmed out: a built-in's (a `CleanTextExtractor`'s) can."""
    return isinstance(ex, CleanTextExtractor)


class WindowFarm:
    """`jobs` processes searching the windows of the extractor named `name`; use it as a context
    manager, so a failure or Ctrl-C ends the processes at once instead of waiting for their windows."""

    def __init__(self, name: str, jobs: int) -> None:
        self.jobs = jobs
        self.pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn"),
                                           initializer=_start_worker, initargs=(os.getpid(), name))

    def __enter__(self) -> WindowFarm:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is not None:
            end_processes(self.pool)
        # Waiting is quick once the processes are ended, and lets the pool's manager thread finish: left
        # running, it could close its wake-up pipe while the interpreter's exit hook writes to it, and
        # Ctrl-C would print a traceback (OSError: Bad file descriptor) after "interrupted".
        self.pool.shutdown(wait=True, cancel_futures=True)

    def stream(self, ex: CleanTextExtractor, raw: str) -> Iterator[Span]:
        """`ex.stream(raw)`, the windows searched in the farm: the document's evidence is read
        here, as `stream` reads it, and goes with every window."""
        evidence = ex.document_evidence(raw)

        def start_search(piece: str, a: int, b: int) -> cf.Future[list[Span]]:
            return self.pool.submit(_search, piece, a, b, evidence)

        return streamed_ahead(start_search, raw, ex.window, ex.overlap, depth=WINDOWS_PER_PROCESS * self.jobs)
