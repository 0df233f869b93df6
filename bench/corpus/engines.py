"""Where corpus partitions run: a local process pool (the default) or a Dask cluster.

Both engines take the same picklable function and tasks and hand back, per task and in task
order, its result or the exception that lost it. Partitioning, resuming and merging live in
bench/corpus_run, so the two engines cannot drift apart.
"""
from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from xbench.io import InputError
from xbench.run.guard import end_processes

from extractors.lifeline import lifeline

ENGINES = ("local", "dask")
WARM_ROUNDS = 4  # the pool spawns workers on demand: a few rounds until every one has warmed


class Engine(Protocol):
    kind: str

    @property
    def workers(self) -> int: ...

    def start(self, warm: Callable[[], str], tasks: int) -> None:
        """Ready the workers a run of `tasks` partitions will use (`warm` returns a worker label)."""
        ...

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any], timeout: float | None = None) -> list[Any]:
        """fn(task) for every task: its result, or the exception that lost it (TimeoutError after
        `timeout` seconds of waiting for it)."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """A pool of spawned processes on this machine, one fresh pool per extractor."""

    kind = "local"

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self._pool: cf.ProcessPoolExecutor | None = None

    @property
    def workers(self) -> int:
        return self.jobs

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(kill=exc_type is not None)  # on Ctrl-C, end the workers instead of waiting for them

    def _open(self, size: int) -> cf.ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: a forked child would inherit the parent's threads and locks (GX, rich);
            # the lifeline ends a worker whose driver died (kill -9) and leaves Ctrl-C to the driver
            self._pool = cf.ProcessPoolExecutor(max_workers=size, mp_context=mp.get_context("spawn"),
                                                initializer=lifeline, initargs=(os.getpid(),))
        return self._pool

    def start(self, warm: Callable[[], str], tasks: int) -> None:
        self.close()  # a new extractor gets new processes, so no worker holds two models
        size = min(self.jobs, max(1, tasks))
        pool = self._open(size)
        seen: set[str] = set()
        try:
            for _ in range(WARM_ROUNDS):
                seen.update(f.result() for f in [pool.submit(warm) for _ in range(size)])
                if len(seen) >= size:
                    break
        except cf.process.BrokenProcessPool:
            self.close()  # a worker died while loading; map() starts over and records what fails

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any], timeout: float | None = None) -> list[Any]:
        pool = self._open(min(self.jobs, max(1, len(tasks))))
        futures = [pool.submit(fn, t) for t in tasks]
        out: list[Any] = []
        broken: list[int] = []
        for i, f in enumerate(futures):
            if self._pool is None and not f.done():  # its pool was ended for a hung task: run it again
                out.append(None)
                broken.append(i)
                continue
            try:
                out.append(f.result(timeout=timeout))
            except cf.TimeoutError:
                out.append(TimeoutError(f"timed out after {timeout:.0f} s"))
                self.close(kill=True)  # the hung worker is ended; the tasks still queued run again below
            except cf.process.BrokenProcessPool as exc:
                out.append(exc)
                broken.append(i)
            except cf.CancelledError as exc:
                out.append(exc)
                broken.append(i)
            except Exception as exc:  # noqa: BLE001 - recorded as a failed partition
                out.append(exc)
        if broken:
            # A dead worker takes every queued task down with it. Rerun those one at a time, in a
            # new process after each death, so only a partition that kills its worker again is lost.
            self.close()
            for i in broken:
                out[i] = self._alone(fn, tasks[i], timeout)
            self.close()
        return out

    def _alone(self, fn: Callable[[Any], Any], task: Any, timeout: float | None) -> Any:
        try:
            return self._open(1).submit(fn, task).result(timeout=timeout)
        except cf.TimeoutError:
            self.close(kill=True)
            return TimeoutError(f"timed out after {timeout:.0f} s")
        except cf.process.BrokenProcessPool as exc:
            self.close()
            return exc
        except Exception as exc:  # noqa: BLE001 - recorded as a failed partition
            return exc

    def close(self, kill: bool = False) -> None:
        if self._pool is not None:
            if kill:
                end_processes(self._pool)
            self._pool.shutdown(wait=not kill, cancel_futures=True)
            self._pool = None


class DaskEngine:
    """A dask.distributed cluster: an existing one at `scheduler`, or a LocalCluster of `jobs`
    single-threaded worker processes on loopback, so one command serves a laptop and a cluster."""

    kind = "dask"

    def __init__(self, jobs: int = 1, scheduler: str | None = None, retries: int = 1) -> None:
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.retries = retries  # on an exception in the task; dask itself reschedules after a worker dies
        self._cluster: Any = None
        self._client: Any = None

    def __enter__(self) -> DaskEngine:
        from distributed import Client, LocalCluster

        if self.scheduler:
            _check_address(self.scheduler)
            try:
                self._client = Client(self.scheduler, timeout="20s")
                self._client.wait_for_workers(1, timeout=60)
            except (OSError, TimeoutError, ValueError) as exc:  # ValueError: not an address
                self.close()
                raise InputError(f"{self.scheduler}: cannot use the Dask scheduler ({type(exc).__name__}: "
                                 f"{exc})") from None
        else:
            # one thread per worker: extraction holds the GIL, and extractors need not be thread-safe
            self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def address(self) -> str:
        return self._client.scheduler.address

    @property
    def workers(self) -> int:
        return len(self._client.nthreads())

    def start(self, warm: Callable[[], str], tasks: int) -> None:
        # every worker, not just `tasks` of them: the scheduler may place a partition on any worker
        futures = [self._client.submit(warm, workers=[a], allow_other_workers=False, pure=False)
                   for a in sorted(self._client.nthreads())]
        self._client.gather(futures, errors="skip")  # best effort: a failure shows again in the partitions

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any], timeout: float | None = None) -> list[Any]:
        if not tasks:
            return []
        from distributed import KilledWorker

        # pure=False: a rerun must compute again, never reuse a result the scheduler still holds
        out = self._results(self._client.map(fn, list(tasks), pure=False, retries=self.retries), timeout)
        # A dying worker also takes the partitions queued behind it, and dask gives up on a partition
        # after a few deaths (`distributed.scheduler.allowed-failures`). Rerun those one at a time, as
        # the local engine does, so only a partition that kills its worker on its own is lost.
        for i in [i for i, r in enumerate(out) if isinstance(r, KilledWorker)]:
            [out[i]] = self._results([self._client.submit(fn, tasks[i], pure=False, retries=self.retries)], timeout)
        return out

    @staticmethod
    def _results(futures: list[Any], timeout: float | None) -> list[Any]:
        out: list[Any] = []
        for f in futures:
            try:
                out.append(f.result(timeout=timeout))
            except TimeoutError:
                f.cancel()  # dask cannot end a running task; the run goes on without it
                out.append(TimeoutError(f"timed out after {timeout:.0f} s"))
            except Exception as exc:  # noqa: BLE001 - KilledWorker or the task's own error: a failed partition
                out.append(exc)
        return out

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _check_address(address: str) -> None:
    """A scheduler address is `[scheme://]host:port`; anything else is bad usage, said before connecting."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        parse_host_port(parse_address(address, strict=False)[1])
    except ValueError as exc:
        raise InputError(f"--scheduler {address}: not a Dask scheduler address ({exc}); "
                         "expected e.g. tcp://host:8786") from None


def make_engine(kind: str, jobs: int = 1, scheduler: str | None = None) -> LocalEngine | DaskEngine:
    if kind == "dask":
        return DaskEngine(jobs, scheduler)
    if scheduler:
        raise ValueError("a scheduler address needs the dask engine")
    return LocalEngine(jobs)
