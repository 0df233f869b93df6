"""Containing extractors and worker processes: a sys.exit() is a failure like any other, a stray
print() stays off stdout, and a worker never outlives the process that started it (`extractors.lifeline`)."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
WORKER_END_S = 5.0  # how long an ended worker may take to die before the results' pipe is closed


class ExtractorExit(RuntimeError):
    """An extractor called sys.exit(): reported as its failure instead of ending the run."""


def contained(fn: Callable[..., T], *args: Any) -> T:
    """fn(*args), with a SystemExit turned into ExtractorExit (an Exception the callers already contain)."""
    try:
        return fn(*args)
    except SystemExit as exc:
        raise ExtractorExit(describe(exc)) from None


def describe(exc: BaseException) -> str:
    """A failure as reported next to the extractor's name."""
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r})"
    if isinstance(exc, (ExtractorExit, TimeoutError)):
        return str(exc)  # already says what happened
    return f"{type(exc).__name__}: {exc}"


@contextlib.contextmanager
def stdout_to_stderr() -> Iterator[None]:
    """Anything an extractor prints goes to stderr, so stdout carries only our records."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def end_processes(pool: Any) -> None:
    """Terminate a ProcessPoolExecutor's workers now (its shutdown would wait for the running tasks), and
    close this process's end of the pipe they send results on. A worker ended while it wrote a long result
    (its length sent, the rest not) leaves the pool's manager thread reading the rest forever, and the pool's
    shutdown and the interpreter's exit wait for that thread: once the workers are gone and this end is closed,
    it reads the end of the pipe and takes the pool for broken, as it is (a Ctrl-C during `extract -j` hung so,
    about once in ten runs on a loaded machine)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.terminate()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(WORKER_END_S)
    with contextlib.suppress(Exception):
        pool._result_queue._writer.close()
